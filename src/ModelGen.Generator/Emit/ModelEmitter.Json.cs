using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // The JSON form (docs/format.md §4): an object with "$version" (and "$type" for a union case) and one property per member.
    private static void EmitJson(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        foreach (Slot s in t.Slots)
            w.WriteLine($"private static readonly global::System.Text.Json.JsonEncodedText {s.JsonName} = global::System.Text.Json.JsonEncodedText.Encode({Str(s.Member.Name)});");
        if (t.Slots.Count > 0) w.WriteLine();

        w.OpenBlock($"static void {t.Interface}.WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {t.Self} value)");
        w.WriteLine("writer.WriteStartObject();");
        if (m.UnionTag is not null) w.WriteLine($"writer.WriteString(\"$type\"u8, {Str(m.UnionTag)});");
        w.WriteLine($"writer.WriteNumber(\"$version\"u8, {WrittenVersion(m)});");
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($$"""
                writer.WritePropertyName({{s.JsonName}});
                {{In}}Codec.WriteJson<{{Field(s.Member)}}>(writer, value.{{s.Member.ClrName}});
                """);
        }
        if (m.KeepsUnknownMembers) w.WriteLine("value.__modelGenUnknown.Members?.WriteTo(writer);");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();

        w.OpenBlock($"static {t.Self} {t.Interface}.ReadJson(ref global::System.Text.Json.Utf8JsonReader reader)");
        w.WriteLine($$"""
            {{In}}JsonRead.Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject, "an object");
            // JSON without "$version" is taken as the current version.
            var values = new {{Values}} { Version = {{Int(m.Version)}} };
            string? member = null;
            try
            {
                while (true)
                {
                    {{In}}JsonRead.Next(ref reader);
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject) break;
            """);
        w.Indentation += 2;
        string keyword = "if";
        foreach (Slot s in t.Slots)
        {
            EmitJsonMember(w, s, keyword);
            keyword = "else if";
        }
        w.WriteLine($$"""
            {{keyword}} (reader.ValueTextEquals("$version"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                values.Version = {{In}}IntegerCodec<int>.ReadJson(ref reader);
            }
            else if (reader.ValueTextEquals("$type"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                {{In}}JsonRead.Skip(ref reader);
            }
            else
            {
                string name = {{In}}JsonRead.GetString(ref reader);
                {{In}}JsonRead.Next(ref reader);
            """);
        w.Indentation++;
        string unknown = Captures(m) ? $"{In}UnknownMembers.Capture(ref values.Unknown, ref reader, name);" : $"{In}UnknownMembers.Skip(ref reader, name);";
        if (t.Slots.Count == 0)
        {
            w.WriteLine(unknown);
        }
        else
        {
            EmitJsonMemberInOtherCase(w, t, unknown);
        }
        w.Indentation--;
        w.WriteLine("}");
        w.Indentation -= 2;
        w.WriteLine("    }");
        EndRead(w, "values");
    }

    // A member's name in another case ("LearningRate": System.Text.Json's default shape, or a hand-written document)
    // is that member, as in the dictionary form: read unless the exact name was read (exact names win, whatever the
    // order), never skipped as unknown while the member keeps its default.
    private static void EmitJsonMemberInOtherCase(SourceWriter w, Target t, string unknown)
    {
        w.OpenBlock("switch (__ModelGen_MemberIndex(name))");
        foreach (Slot s in t.Slots)
        {
            MemberSpec member = s.Member;
            w.WriteLine($"case {Int(s.Index)}:");
            w.Indentation++;
            w.WriteLine($$"""
                member = {{Str(member.Name)}};
                if (values.{{s.Has}})
                {
                    {{In}}JsonRead.Skip(ref reader);
                }
                else
                {
                """);
            w.Indentation++;
            Store(w, s, "values", ReadJson(member), byCurrentName: false);
            w.Indentation--;
            w.WriteLine("""
                }
                member = null;
                break;
                """);
            w.Indentation--;
        }
        w.WriteLine("default:");
        w.WriteLine($"    {unknown}");
        w.WriteLine("    break;");
        w.CloseBlock();
    }

    private static string ReadJson(MemberSpec member) => $"{In}Codec.ReadJson<{Field(member)}>(ref reader, {Bool(member.IsNullable)})";

    private static void EmitJsonMember(SourceWriter w, Slot s, string keyword)
    {
        MemberSpec member = s.Member;
        string read = ReadJson(member);
        w.OpenBlock($"{keyword} (reader.ValueTextEquals({Str(member.Name)}u8))");
        w.WriteLine($$"""
            member = {{Str(member.Name)}};
            {{In}}JsonRead.Next(ref reader);
            """);
        Store(w, s, "values", read, byCurrentName: true);
        w.WriteLine("member = null;");
        w.CloseBlock();
        if (member.PreviousNames.Count == 0) return;

        // A previous name: the value under the current name wins, whatever the order, and a null for a member that
        // cannot be null is an error only if the current name does not appear.
        string test = string.Join(" || ", member.PreviousNames.Select(n => $"reader.ValueTextEquals({Str(n)}u8)"));
        w.OpenBlock($"else if ({test})");
        w.WriteLine($$"""
            member = {{Str(member.Name)}};
            {{In}}JsonRead.Next(ref reader);
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
        Store(w, s, "values", read, byCurrentName: false);
        w.CloseBlock();
        w.WriteLine("member = null;");
        w.CloseBlock();
    }
}
