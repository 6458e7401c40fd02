using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    private const string Names = "__ModelGenNames";

    // The JSON form (docs/format.md §4): an object with "$version" (and "$type" for a union case) and one property per member.
    private static void EmitJson(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        // (Also without members: the dictionary reader and a migration hook look names up in it.)
        w.WriteLine("""
            // Each member's name (in the order of the members): encoded once for the JSON writer, and looked up by the
            // JSON and dictionary readers (exact names, previous names, then another case or naming policy of a name).
            """);
        w.Write($"private static {New(m.Hides, InheritedNames.PrivateMembers)}readonly {In}MemberNames {Names} = new {In}MemberNames(");
        foreach (Slot s in t.Slots) w.Write($"{(s.Index > 0 ? ", " : "")}{Str(s.Member.Name)}");
        w.Write($")");
        foreach (Slot s in t.Slots)
        {
            if (s.Member.PreviousNames.Count == 0) continue;
            w.WriteLine();
            w.Write($"    .WithPrevious({Int(s.Index)}");
            foreach (string name in s.Member.PreviousNames) w.Write($", {Str(name)}");
            w.Write($")");
            if (s.Member.WritesCopies)
            {
                w.WriteLine();
                w.Write($"    .WithCopies({Int(s.Index)}");
                foreach (string name in s.Member.WrittenCopyNames) w.Write($", {Str(name)}");
                w.Write($")");
            }
            if (s.Member.UnwrittenCopyNames.Count == 0) continue;
            w.WriteLine();
            w.Write($"    .WithUnwrittenCopies({Int(s.Index)}");
            foreach (string name in s.Member.UnwrittenCopyNames) w.Write($", {Str(name)}");
            w.Write($")");
        }
        w.WriteLine(";");
        w.WriteLine();

        w.OpenBlock($"static void {t.Interface}.WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {t.Self} value)");
        w.WriteLine("writer.WriteStartObject();");
        if (m.UnionTag is not null) w.WriteLine($"writer.WriteString(\"$type\"u8, {Str(m.UnionTag)});");
        w.WriteLine($"writer.WriteNumber(\"$version\"u8, {WrittenVersion(m)});");
        // A renamed member is also written under its previous names, recorded with a hash of its value in
        // "$previousNames" (CopiedNames), last: the hash is taken as the value is written.
        foreach (Slot s in t.Slots)
        {
            if (!s.Member.WritesCopies) w.WriteLine($"{MemberCodec(s.Member)}.WriteJson(writer, {Names}.Json[{Int(s.Index)}], value.{s.Member.ClrName});");
            else w.WriteLine($"ulong {Hash(s)} = {MemberCodec(s.Member)}.WriteJsonCopies(writer, {Names}, {Int(s.Index)}, value.{s.Member.ClrName});");
        }
        if (m.KeepsUnknownMembers) w.WriteLine($"value.{m.KeptMembersField}.Members?.WriteTo(writer);");
        if (HasCopies(t))
            w.WriteLine($"{In}CopiedNames.Write(writer, {Names}, {string.Join(", ", t.Slots.Where(s => s.Member.WritesCopies).Select(Hash).Prepend(KeptOrNull(m)))});");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();

        w.OpenBlock($"static {t.Self} {t.Interface}.ReadJson(ref global::System.Text.Json.Utf8JsonReader reader)");
        w.WriteLine($$"""
            {{In}}JsonRead.Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject, "an object");
            // JSON without "$version" is taken as the current version.
            var values = new {{Values}} { Version = {{Int(m.Version)}} };
            string? member = null;
            """);
        // The record of copies ("$previousNames") and where each name of a renamed member was found: decided at the
        // end of the object, where the record comes.
        bool copies = HasCopies(t);
        if (copies)
        {
            w.WriteLine($"{In}CopyRecord copied = default;");
            foreach (Slot s in t.Slots)
                for (int k = 0; k <= s.Member.CopyNames.Count + 1 && s.Member.CopyNames.Count > 0; k++)
                    w.WriteLine($"global::System.Text.Json.Utf8JsonReader {At(s, k)} = default;");
        }
        // An object none of whose members is one of the model's is refused (UnknownMembers.NoneRecognised): counted.
        bool counts = t.Slots.Count > 0;
        if (counts)
        {
            w.WriteLine("""
                int properties = 0, unknowns = 0;
                string? unrecognised = null;
                """);
        }
        w.WriteLine($$"""
            try
            {
                while (true)
                {
                    {{In}}JsonRead.Next(ref reader);
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject) break;
            """);
        if (counts) w.WriteLine("        properties++;");
        w.Indentation += 2;
        string unknown = Captures(m) ? $"{In}UnknownMembers.Capture(ref values.Unknown, ref reader, name!);" : $"{In}UnknownMembers.Skip(ref reader, name!);";
        string special = $$"""
            if (reader.ValueTextEquals("$version"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                values.Version = {{In}}IntegerCodec<int>.ReadJson(ref reader);
                continue;
            }
            if (reader.ValueTextEquals("$type"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                {{In}}JsonRead.Skip(ref reader);
                continue;
            }
            if (reader.ValueTextEquals("$fields"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                values = {{In}}UnknownMembers.ReadFields<{{t.Self}}, {{Values}}>(ref reader, values);
                continue;
            }
            """;
        if (copies)
        {
            special += $$"""

                if (reader.ValueTextEquals("$previousNames"u8))
                {
                    {{In}}JsonRead.Next(ref reader);
                    copied = {{In}}CopiedNames.Read(ref reader, {{Names}});
                    continue;
                }
                """;
        }
        if (t.Slots.Count == 0)
        {
            w.WriteLine($$"""
                {{special}}
                string name = {{In}}JsonRead.GetString(ref reader);
                {{In}}JsonRead.Next(ref reader);
                {{unknown.Replace("name!", "name")}}
                """);
        }
        else
        {
            w.WriteLine($$"""
                // A member by its exact name, compared without making a string; else by a previous name, or by another
                // case of its name ("LearningRate": System.Text.Json's default shape, or a hand-written document), as in
                // the dictionary form.
                string? name = null;
                int index = {{Names}}.ExactIndex(ref reader);
                if (index < 0)
                {
                """);
            w.Indentation++;
            foreach (Slot s in t.Slots)
            {
                if (s.Member.PreviousNames.Count > 0) EmitJsonPreviousName(w, s);
            }
            w.WriteLine($$"""
                {{special}}
                name = {{In}}JsonRead.GetString(ref reader);
                index = {{Names}}.IndexOf(name);
                """);
            w.Indentation--;
            w.WriteLine($$"""
                }
                {{In}}JsonRead.Next(ref reader);
                """);
            // A renamed member under another spelling of one of its names (an older build of another naming policy
            // wrote it so): compared with the record of its copies at the end, as a copy is.
            foreach (Slot s in t.Slots)
                if (s.Member.CopyNames.Count > 0) w.WriteLine($"if (name is not null && index == {Int(s.Index)}) {Other(s)} = reader;");
            EmitJsonMemberSwitch(w, t, unknown);
        }
        w.Indentation -= 2;
        w.WriteLine("    }");
        if (counts) w.WriteLine($"    if (unknowns == properties && unrecognised is not null) throw {In}UnknownMembers.NoneRecognised({Str(m.TypeName)}, unrecognised);");
        if (copies)
        {
            w.Indentation++;
            w.OpenBlock("if (!copied.IsEmpty)");
            foreach (Slot s in t.Slots)
                if (s.Member.CopyNames.Count > 0) EmitJsonCopyWinner(w, s);
            if (Captures(m)) w.WriteLine($"{In}CopiedNames.Keep(ref values.Unknown, copied, {Names});");
            w.CloseBlock();
            w.Indentation--;
        }
        EndRead(w, "values");
    }

    // One case a member: read unless it came under another case of its name and the exact name was read before (exact
    // names win, whatever the order), so that a member is never skipped as unknown while it keeps its default.
    private static void EmitJsonMemberSwitch(SourceWriter w, Target t, string unknown)
    {
        w.OpenBlock("switch (index)");
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($"case {Int(s.Index)} when name is null || !values.{s.Has}:");
            w.Indentation++;
            if (s.Member.CopyNames.Count > 0) w.WriteLine($"if (name is null) {At(s, 0)} = reader;");
            w.WriteLine($"member = {Str(s.Member.Name)};");
            EmitReadJson(w, s);
            w.WriteLine($"values.{s.Has} = true;");
            // (Under another case of the name only when the member was not read before: it cannot have been read by its current name then.)
            if (s.HasPrevious) w.WriteLine($"values.{s.ByCurrentName} = name is null;");
            if (s.KeepsNullError) w.WriteLine($"values.{s.NullError} = null;");
            w.WriteLine("break;");
            w.Indentation--;
        }
        w.WriteLine($$"""
            case >= 0:
                // Another case of a name whose exact form came first: the exact name wins.
                {{In}}JsonRead.Skip(ref reader);
                break;
            default:
                unknowns++;
                unrecognised ??= name;
                {{unknown}}
                break;
            """);
        w.CloseBlock();
        w.WriteLine("member = null;");
    }

    private static void EmitReadJson(SourceWriter w, Slot s) =>
        w.WriteLine($"values.{s.Value} = {MemberCodec(s.Member)}.ReadJson(ref reader, {Bool(s.Member.IsNullable)});");

    // A previous name: the value under the current name wins, whatever the order, and a null for a member that cannot
    // be null is an error only if the current name does not appear.
    private static void EmitJsonPreviousName(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
        string test = string.Join(" || ", member.PreviousNames.Select(n => $"reader.ValueTextEquals({Str(n)}u8)"));
        w.OpenBlock($"if ({test})");
        // A single previous name that is also its copy needs no test of which name this is.
        bool onlyCopy = member.PreviousNames.Count == 1 && member.CopyNames.Count == 1 && member.PreviousNames[0] == member.CopyNames[0];
        if (member.CopyNames.Count > 0 && !onlyCopy)
        {
            // Which of the names the member is also written under this is (0: none), kept where its value starts.
            w.WriteLine("int copy = " + string.Concat(member.CopyNames.Select((n, k) => $"reader.ValueTextEquals({Str(n)}u8) ? {Int(k + 1)} : ")) + "0;");
        }
        w.WriteLine($$"""
            member = {{Str(member.Name)}};
            {{In}}JsonRead.Next(ref reader);
            """);
        if (onlyCopy) w.WriteLine($"{At(s, 1)} = reader;");
        else for (int k = 0; k < member.CopyNames.Count; k++) w.WriteLine($"if (copy == {Int(k + 1)}) {At(s, k + 1)} = reader;");
        // Another form of a previous name (the old C# name as written, its camelCase form): what an older build of
        // another naming policy wrote back.
        if (member.CopyNames.Count > 0 && !onlyCopy) w.WriteLine($"if (copy == 0) {Other(s)} = reader;");
        w.WriteLine($$"""
            if (values.{{s.ByCurrentName}})
            {
                // The current name came first: it wins.
                {{In}}JsonRead.Skip(ref reader);
            }
            """);
        if (s.KeepsNullError)
        {
            w.WriteLine($$"""
                else if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)
                {
                    // An error only if the current name does not follow.
                    values.{{s.NullError}} = {{In}}JsonRead.Error(ref reader, "null for a value that cannot be null").InMember({{Str(member.Name)}});
                }
                """);
        }
        w.OpenBlock("else");
        EmitReadJson(w, s);
        Stored(w, s, "values", byCurrentName: false);
        w.CloseBlock();
        w.WriteLine("""
            member = null;
            continue;
            """);
        w.CloseBlock();
    }

    // In an object that records its copies: the value under a recorded name that no longer matches its hash wins (an
    // edit since it was written); else the value read by the usual rule stays.
    private static void EmitJsonCopyWinner(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
        var names = new List<string> { member.Name };
        names.AddRange(member.CopyNames);
        w.WriteLine($"// {member.Name}: a copy edited since it was written.");
        for (int k = 0; k < names.Count; k++)
        {
            w.OpenBlock($"{(k > 0 ? "else " : "")}if ({In}CopiedNames.Changed(copied, {Str(names[k])}, {At(s, k)}, {(k == 0 ? "default" : At(s, 0))}))");
            w.WriteLine($$"""
                member = {{Str(member.Name)}};
                values.{{s.Value}} = {{MemberCodec(member)}}.ReadJson(ref {{At(s, k)}}, {{Bool(member.IsNullable)}});
                """);
            Stored(w, s, "values", byCurrentName: true);
            w.WriteLine("member = null;");
            w.CloseBlock();
        }
        string copyNames = string.Join(", ", member.CopyNames.Select(Str));
        w.OpenBlock($"else if ({In}CopiedNames.ChangedOther(copied, {Other(s)}, {At(s, 0)}, {copyNames}))");
        w.WriteLine($$"""
            member = {{Str(member.Name)}};
            values.{{s.Value}} = {{MemberCodec(member)}}.ReadJson(ref {{Other(s)}}, {{Bool(member.IsNullable)}});
            """);
        Stored(w, s, "values", byCurrentName: true);
        w.WriteLine("member = null;");
        w.CloseBlock();
    }

    // The reader copy at the start of the value of a renamed member's name k (0: its name, k: its kth copy).
    private static string At(Slot s, int k) => $"at{Int(s.Index)}_{Int(k)}";

    // Where a renamed member was found under another name than its current one and its copies': another form of a
    // previous name, or another spelling of any of its names.
    private static string Other(Slot s) => At(s, s.Member.CopyNames.Count + 1);

    // The hash of a renamed member's value as the JSON writer wrote it.
    private static string Hash(Slot s) => $"hash{Int(s.Index)}";

    private static bool HasCopies(Target t) => t.Slots.Any(s => s.Member.CopyNames.Count > 0);

    private static string KeptOrNull(ModelSpec m) => m.KeepsUnknownMembers ? $"value.{m.KeptMembersField}.Members" : "null";
}
