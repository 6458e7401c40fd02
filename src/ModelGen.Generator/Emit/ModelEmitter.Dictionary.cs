using System.Collections.Generic;
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
        {
            w.WriteLine($"result[{Str(member.Name)}] = {MemberCodec(member)}.ToPlain(value.{member.ClrName});");
            foreach (string copy in member.WrittenCopyNames)
                w.WriteLine($"result[{Str(copy)}] = {MemberCodec(member)}.ToPlain(value.{member.ClrName});");
        }
        if (m.KeepsUnknownMembers) w.WriteLine($"value.{m.KeptMembersField}.Members?.WriteTo(result);");
        // A renamed member is also written under its previous names, recorded in "$previousNames", as in JSON.
        if (HasCopies(t)) w.WriteLine($"if ({In}CopiedNames.Plain({Names}, {KeptOrNull(m)}, result) is {{ }} copied) result[\"$previousNames\"] = copied;");
        w.WriteLine("return result;");
        w.CloseBlock();
        w.WriteLine();

        w.OpenBlock($"static {t.Self} {t.Interface}.FromDictionary(global::System.Collections.Generic.IReadOnlyDictionary<string, object?> values)");
        // An object none of whose members is one of the model's is refused (UnknownMembers.NoneRecognised), as in JSON.
        bool counts = t.Slots.Count > 0;
        w.WriteLine($$"""
            var read = new {{Values}} { Version = {{Int(m.Version)}} };
            """);
        if (counts)
        {
            w.WriteLine("""
                int unknowns = 0;
                string? unrecognised = null;
                """);
        }
        bool copies = HasCopies(t);
        if (copies)
        {
            w.WriteLine($"{In}CopyRecord copied = default;");
            foreach (Slot s in t.Slots)
                if (s.Member.CopyNames.Count > 0) w.WriteLine($"string? {OtherKey(s)} = null;");
        }
        string copiedCheck = !copies ? "" : $$"""

                if (entry.Key == "$previousNames")
                {
                    copied = {{In}}CopiedNames.Read(entry.Value);
                    continue;
                }
            """;
        w.WriteLine($$"""
            foreach (var entry in values)
            {
                if (entry.Key == "$version")
                {
                    read.Version = {{In}}Codec.FromPlain<int, {{In}}IntegerCodec<int>>(entry.Value, false, true);
                    continue;
                }
                if (entry.Key == "$type") continue;
                if (entry.Key == "$fields")
                {
                    read = {{In}}UnknownMembers.ReadFields<{{t.Self}}, {{Values}}>(entry.Value, read);
                    continue;
                }{{copiedCheck}}
                int index = __ModelGenNames.IndexOf(entry.Key);
                if (index < 0)
                {
            """);
        if (counts)
        {
            w.WriteLine("""
                        unknowns++;
                        unrecognised ??= entry.Key;
                """);
        }
        w.WriteLine($$"""
                    {{(Captures(m) ? $"{In}UnknownMembers.Capture(ref read.Unknown, entry.Key, entry.Value);" : $"{In}UnknownMembers.Skip(entry.Key);")}}
                    continue;
                }
            """);
        // A renamed member under another name than its current one and its copies (another form of a previous name,
        // another spelling), which an older build of another naming policy writes back: compared with the record of its
        // copies at the end, as a copy is.
        foreach (Slot s in t.Slots)
        {
            if (s.Member.CopyNames.Count == 0) continue;
            string own = string.Join(" or ", new[] { s.Member.Name }.Concat(s.Member.CopyNames).Select(Str));
            w.WriteLine($"    if (index == {Int(s.Index)} && entry.Key is not ({own})) {OtherKey(s)} = entry.Key;");
        }
        if (m.Members.Count > 0) w.WriteLine("    __ModelGen_ReadMember(ref read, index, entry.Key, entry.Value);");
        w.WriteLine("}");
        if (counts) w.WriteLine($"if (unknowns == values.Count && unrecognised is not null) throw {In}UnknownMembers.NoneRecognised({Str(m.TypeName)}, unrecognised);");
        if (copies)
        {
            // In a dictionary that records its copies, a copy edited since it was written wins.
            w.OpenBlock("if (!copied.IsEmpty)");
            foreach (Slot s in t.Slots)
            {
                if (s.Member.CopyNames.Count == 0) continue;
                string names = string.Join(", ", new[] { s.Member.Name }.Concat(s.Member.CopyNames).Select(Str));
                string edited = $"edited{Int(s.Index)}";
                w.WriteLine($$"""
                    if ({{In}}CopiedNames.Winner(values, copied, {{OtherKey(s)}}, {{names}}) is string {{edited}})
                    {
                        try
                        {
                            read.{{s.Value}} = {{MemberCodec(s.Member)}}.FromPlain(values[{{edited}}], {{Bool(s.Member.IsNullable)}}, {{Bool(m.IsHyperparameters)}});
                        }
                        catch ({{Rt}}ModelFormatException e) when (e.AddMember({{edited}}))
                        {
                            throw;
                        }
                    """);
                w.Indentation++;
                Stored(w, s, "read", byCurrentName: true);
                w.Indentation--;
                w.WriteLine("}");
            }
            if (Captures(m)) w.WriteLine($"{In}CopiedNames.Keep(ref read.Unknown, copied, {Names});");
            w.CloseBlock();
        }
        w.WriteLine("return read.Build();");

        w.CloseBlock();
        w.WriteLine();
        // Also for a member that an older build kept by name and wrote back to binary (FieldKeys.NamedMember).
        // (Never hidden: a model nested in this one and derived from it has its own values type, so another signature.)
        // A model without members has no cases: an empty switch would warn (CS1522).
        if (m.Members.Count == 0) return;
        w.OpenBlock($"private static void __ModelGen_ReadMember(ref {Values} read, int index, string key, object? value)");
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
            catch ({{Rt}}ModelFormatException e) when (e.AddMember(key))
            {
                throw;
            }
            """);
        w.CloseBlock();
        w.WriteLine();
    }

    // The key a renamed member was last found under other than its current name and its copies, if any.
    private static string OtherKey(Slot s) => $"other{Int(s.Index)}";

    private static void EmitDictionaryCase(SourceWriter w, Slot s, bool isHyperparameters)
    {
        MemberSpec member = s.Member;
        // The exact current name wins, then an exact previous name, then another spelling ("Rate", "learning_rate"),
        // whatever their order in the dictionary, as in JSON: a later spelling never overrides a better one.
        if (member.PreviousNames.Count == 0)
        {
            // (A key that loses matches no case.)
            w.WriteLine($"case {Int(s.Index)} when !read.{s.Has} || key == {Str(member.Name)}:");
            w.Indentation++;
        }
        else
        {
            w.WriteLine($"case {Int(s.Index)}: // {member.Name}");
            w.Indentation++;
            string previous = string.Join(" || ", member.PreviousNames.Select(n => $"key == {Str(n)}"));
            w.OpenBlock($"if (key != {Str(member.Name)})");
            w.WriteLine($"if (read.{s.ByCurrentName} || (read.{s.Has} && !({previous}))) break;");
            if (s.KeepsNullError)
            {
                // A null under another name for a member that cannot be null is an error only if the current name
                // does not appear.
                w.WriteLine($$"""
                    if ({{In}}PlainValue.IsNull(value))
                    {
                        read.{{s.NullError}} = new {{Rt}}ModelFormatException("null for a value that cannot be null").InMember(key);
                        break;
                    }
                    """);
            }
            EmitFromPlain(w, s, isHyperparameters);
            Stored(w, s, "read", byCurrentName: false);
            w.WriteLine("break;");
            w.CloseBlock();
        }
        EmitFromPlain(w, s, isHyperparameters);
        Stored(w, s, "read", byCurrentName: true);
        w.WriteLine("break;");
        w.Indentation--;
    }

    // Hyperparameters come from configuration layers too, where "0.5" is a number: strings convert.
    private static void EmitFromPlain(SourceWriter w, Slot s, bool isHyperparameters) =>
        w.WriteLine($"read.{s.Value} = {MemberCodec(s.Member)}.FromPlain(value, {Bool(s.Member.IsNullable)}, {Bool(isHyperparameters)});");
}
