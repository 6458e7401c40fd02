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
        SchemaEntry entry = Layout(model.Members, model.IsAbstract ? model.UnionCases : Enumerable.Empty<UnionCaseSpec>());
        entry.Name = model.ModelName;
        entry.Version = model.Version;
        // The layout fingerprint is a function of the members and union cases: derived here, when the schema is emitted,
        // rather than held (and compared) in the spec, since Roslyn re-runs the parser for every model after any edit.
        entry.Fingerprint = SchemaDocument.Fingerprint(entry);
        // Not part of the layout or the fingerprint: only the lock's check of renumbered members reads them.
        var enums = new SortedDictionary<string, EnumEntry>(System.StringComparer.Ordinal);
        foreach (MemberSpec member in model.Members)
        {
            foreach (EnumType e in member.Type.SelfAndNested().OfType<EnumType>())
            {
                string name = e.FullTypeName.StartsWith("global::", System.StringComparison.Ordinal) ? e.FullTypeName.Substring(8) : e.FullTypeName;
                if (!enums.ContainsKey(name))
                    enums.Add(name, new EnumEntry { Name = name, Values = e.Values.Zip(e.Numbers, (n, v) => (n, v)).ToList() });
            }
        }
        entry.Enums = enums.Values.ToList();
        return entry;
    }

    /// <summary>The members and union cases alone, from which the fingerprint is computed.</summary>
    public static SchemaEntry Layout(IEnumerable<MemberSpec> members, IEnumerable<UnionCaseSpec> unionCases) => new()
    {
        Members = members.Select(m => new MemberEntry
        {
            Name = m.Name, Key = m.Key, Type = m.SchemaType, Required = m.IsRequired, PreviousNames = m.PreviousNames.ToList(),
        }).ToList(),
        UnionCases = unionCases.Select(c => new UnionCaseEntry { Tag = c.Tag, Model = c.ModelName }).ToList(),
    };
}
