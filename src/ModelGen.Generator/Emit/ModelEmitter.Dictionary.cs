using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // The dictionary form: member names to plain values (numbers, strings, lists, nested dictionaries).
    private static void EmitDictionary(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        w.OpenBlock($"static global::System.Collections.Generic.Dictionary<string, object?> {t.Interface}.ToDictionary({t.Self} value)");
        w.WriteLine($"var result = new global::System.Collections.Generic.Dictionary<string, object?>({Int(m.Members.Count + 2)});");
        if (m.UnionTag is not null) w.WriteLine($"result[\"$type\"] = {Str(m.UnionTag)};");
        w.WriteLine($$"""
            // As in JSON, so that FromDictionary runs the same migrations as the other forms.
            result["$version"] = {{WrittenVersion(m)}};
            """);
        foreach (MemberSpec member in m.Members)
            w.WriteLine($"result[{Str(member.Name)}] = {MemberCodec(member)}.ToPlain(value.{member.ClrName});");
        if (m.KeepsUnknownMembers) w.WriteLine("value.__modelGenUnknown.Members?.WriteTo(result);");
        w.WriteLine("return result;");
        w.CloseBlock();
        w.WriteLine();

        w.OpenBlock($"static {t.Self} {t.Interface}.FromDictionary(global::System.Collections.Generic.IReadOnlyDictionary<string, object?> values)");
        w.WriteLine($$"""
            var read = new {{Values}} { Version = {{Int(m.Version)}} };
            foreach (var entry in values)
            {
                if (entry.Key == "$version")
                {
                    read.Version = {{In}}Codec.FromPlain<int, {{In}}IntegerCodec<int>>(entry.Value, false, true);
                    continue;
                }
                if (entry.Key == "$type") continue;
                int index = __ModelGen_MemberIndex(entry.Key);
                if (index < 0)
                {
                    {{(Captures(m) ? $"{In}UnknownMembers.Capture(ref read.Unknown, entry.Key, entry.Value);" : $"{In}UnknownMembers.Skip(entry.Key);")}}
                    continue;
                }
            """);
        w.Indentation++;
        // A model without members has no cases: an empty switch would warn (CS1522).
        if (m.Members.Count > 0)
        {
            w.WriteLine("""
                try
                {
                    switch (index)
                    {
                """);
            w.Indentation += 2;
            foreach (Slot s in t.Slots) EmitDictionaryCase(w, s, m.IsHyperparameters);
            w.Indentation -= 2;
            w.WriteLine($$"""
                    }
                }
                catch ({{Rt}}ModelFormatException e) when (e.AddMember(entry.Key))
                {
                    throw;
                }
                """);
        }
        w.Indentation--;
        w.WriteLine("""
            }
            return read.Build();
            """);
        w.CloseBlock();
        w.WriteLine();
    }

    private static void EmitDictionaryCase(SourceWriter w, Slot s, bool isHyperparameters)
    {
        MemberSpec member = s.Member;
        // Hyperparameters come from configuration layers too, where "0.5" is a number: strings convert.
        string read = $"{MemberCodec(member)}.FromPlain(entry.Value, {Bool(member.IsNullable)}, {Bool(isHyperparameters)})";
        w.WriteLine($"case {Int(s.Index)}: // {member.Name}");
        w.Indentation++;
        if (member.PreviousNames.Count > 0)
        {
            // Under a previous name (exactly, or case-insensitively and not the current name): the value under the
            // current name wins, and a null for a member that cannot be null is an error only if the current name
            // does not appear.
            string exact = string.Join(" || ", member.PreviousNames.Select(n => $"entry.Key == {Str(n)}"));
            w.OpenBlock($"if ({exact} || !global::System.String.Equals(entry.Key, {Str(member.Name)}, global::System.StringComparison.OrdinalIgnoreCase))");
            w.WriteLine($"if (read.{s.ByCurrentName}) break;");
            if (s.KeepsNullError)
            {
                w.WriteLine($$"""
                    if ({{In}}PlainValue.IsNull(entry.Value))
                    {
                        read.{{s.NullError}} = new {{Rt}}ModelFormatException("null for a value that cannot be null").InMember(entry.Key);
                        break;
                    }
                    """);
            }
            Store(w, s, "read", read, byCurrentName: false);
            w.WriteLine("break;");
            w.CloseBlock();
        }
        Store(w, s, "read", read, byCurrentName: true);
        w.WriteLine("break;");
        w.Indentation--;
    }

    // The dictionary reader and the migration hook find members by name: exact names first, then a case-insensitive
    // match for configuration layers ("LearningRate").
    private static void EmitMemberIndex(SourceWriter w, Target t)
    {
        w.OpenBlock($"private static {New(t.Model.Hides, InheritedNames.PrivateMembers)}int __ModelGen_MemberIndex(string name)");
        if (t.Slots.Count > 0)
        {
            w.OpenBlock("switch (name)");
            foreach (Slot s in t.Slots)
            {
                foreach (string name in s.Member.PreviousNames.Prepend(s.Member.Name)) w.WriteLine($"case {Str(name)}:");
                w.WriteLine($"    return {Int(s.Index)};");
            }
            w.CloseBlock();
        }
        foreach (Slot s in t.Slots)
        {
            string test = string.Join(" || ", s.Member.PreviousNames.Prepend(s.Member.Name)
                .Select(n => $"global::System.String.Equals(name, {Str(n)}, global::System.StringComparison.OrdinalIgnoreCase)"));
            w.WriteLine($"if ({test}) return {Int(s.Index)};");
        }
        w.WriteLine("return -1;");
        w.CloseBlock();
        w.WriteLine();
    }
}
