using System.Collections.Generic;
using System.Linq;
using ModelGen.Schema;

namespace ModelGen.Generator.Model;

/// <summary>The schema document entry of a parsed model: what the generated <c>Schema</c> describes, in the form of
/// <c>ModelSchema.ToJson()</c> and the lock file (one writer, src/ModelGen/Schema/SchemaDocument.cs).</summary>
internal static class SchemaEntries
{
    public static SchemaEntry From(ModelSpec model)
    {
        SchemaEntry entry = Layout(model.Members, model.IsAbstract ? model.UnionCases : EquatableArray<UnionCaseSpec>.Empty);
        entry.Name = model.ModelName;
        entry.Version = model.Version;
        // The layout fingerprint is a function of the members and union cases: derived here, when the schema is emitted,
        // rather than held (and compared) in the spec, since Roslyn re-runs the parser for every model after any edit.
        entry.Fingerprint = Fingerprint(entry);
        // Not part of the layout or the fingerprint: the lock's check of renumbered members reads them, and readers in other
        // languages (an enum given by name, the underlying type's range).
        SortedDictionary<string, EnumEntry>? enums = null;
        foreach (MemberSpec member in model.Members)
        {
            if (member.Type is ScalarType or ModelType) continue; // (most members: no enum inside)
            foreach (MemberType type in member.Type.SelfAndNested())
            {
                if (type is not EnumType e) continue;
                string name = e.FullTypeName.StartsWith("global::", System.StringComparison.Ordinal) ? e.FullTypeName.Substring(8) : e.FullTypeName;
                enums ??= new SortedDictionary<string, EnumEntry>(System.StringComparer.Ordinal);
                if (!enums.ContainsKey(name))
                    enums.Add(name, new EnumEntry { Name = name, Underlying = e.UnderlyingSchemaName, Values = e.Values.Zip(e.Numbers, (n, v) => (n, v)).ToList() });
            }
        }
        if (enums is not null) entry.Enums.AddRange(enums.Values);
        return entry;
    }

    /// <summary><see cref="SchemaDocument.Fingerprint"/>'s value, hashed as its text is walked rather than from a
    /// string of the whole (lines joined, each line formatted): the generator fingerprints every model it emits. Text
    /// with a character outside ASCII is hashed as UTF-8 there, so such an entry takes that path.</summary>
    internal static ulong Fingerprint(SchemaEntry entry)
    {
        // FNV-1a-64, as SchemaDocument: one line per member by key ("name|key|type|previous,names", joined by line
        // breaks), then "\ncase|tag|model" per union case by tag; both orders stable, as OrderBy's.
        MemberEntry[] members = entry.Members.ToArray();
        for (int i = 1; i < members.Length; i++)
        {
            MemberEntry m = members[i];
            int j = i - 1;
            for (; j >= 0 && members[j].Key > m.Key; j--) members[j + 1] = members[j];
            members[j + 1] = m;
        }
        UnionCaseEntry[] cases = entry.UnionCases.ToArray();
        for (int i = 1; i < cases.Length; i++)
        {
            UnionCaseEntry c = cases[i];
            int j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(cases[j].Tag, c.Tag) > 0; j--) cases[j + 1] = cases[j];
            cases[j + 1] = c;
        }
        var hash = new Fnv(14695981039346656037);
        for (int i = 0; i < members.Length; i++)
        {
            MemberEntry m = members[i];
            if (i > 0) hash.Add('\n');
            hash.Add(m.Name);
            hash.Add('|');
            hash.Add(m.Key);
            hash.Add('|');
            hash.Add(m.Type);
            hash.Add('|');
            for (int k = 0; k < m.PreviousNames.Count; k++)
            {
                if (k > 0) hash.Add(',');
                hash.Add(m.PreviousNames[k]);
            }
        }
        foreach (UnionCaseEntry c in cases)
        {
            hash.Add("\ncase|");
            hash.Add(c.Tag);
            hash.Add('|');
            hash.Add(c.Model);
        }
        return hash.Ascii ? hash.Value : SchemaDocument.Fingerprint(entry);
    }

    private struct Fnv
    {
        public Fnv(ulong basis)
        {
            Value = basis;
            Ascii = true;
        }

        public ulong Value { get; private set; }

        public bool Ascii { get; private set; }

        public void Add(char c)
        {
            if (c >= 0x80) Ascii = false;
            Value = (Value ^ c) * 1099511628211;
        }

        public void Add(string s)
        {
            foreach (char c in s) Add(c);
        }

        // The number's decimal digits (as the invariant culture writes it), without a string of them.
        public void Add(long number)
        {
            if (number < 0)
            {
                Add('-');
                number = -number;
            }
            if (number >= 10) Add(number / 10);
            Add((char)('0' + number % 10));
        }
    }

    /// <summary>The members and union cases alone, from which the fingerprint is computed. (Loops: every model's
    /// layout is computed each time it is emitted.)</summary>
    public static SchemaEntry Layout(EquatableArray<MemberSpec> members, EquatableArray<UnionCaseSpec> unionCases)
    {
        var entry = new SchemaEntry();
        foreach (MemberSpec m in members)
        {
            var member = new MemberEntry { Name = m.Name, Key = m.Key, Type = m.SchemaType, Required = m.IsRequired };
            foreach (string previous in m.PreviousNames) member.PreviousNames.Add(previous);
            entry.Members.Add(member);
        }
        foreach (UnionCaseSpec c in unionCases) entry.UnionCases.Add(new UnionCaseEntry { Tag = c.Tag, Model = c.ModelName });
        return entry;
    }
}
