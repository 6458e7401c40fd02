using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    private const string JsonNames = "__ModelGenJsonNames";

    // The JSON form (docs/format.md §4): an object with "$version" (and "$type" for a union case) and one property per member.
    private static void EmitJson(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        if (t.Slots.Count > 0)
        {
            w.WriteLine("// Each member's JSON name, encoded once (in the order of the members).");
            w.Write($"private static {New(m.Hides, InheritedNames.PrivateMembers)}readonly global::System.Text.Json.JsonEncodedText[] {JsonNames} = {In}JsonNames.Encode(");
            foreach (Slot s in t.Slots) w.Write($"{(s.Index > 0 ? ", " : "")}{Str(s.Member.Name)}");
            w.WriteLine(");");
            w.WriteLine();
        }

        w.OpenBlock($"static void {t.Interface}.WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {t.Self} value)");
        w.WriteLine("writer.WriteStartObject();");
        if (m.UnionTag is not null) w.WriteLine($"writer.WriteString(\"$type\"u8, {Str(m.UnionTag)});");
        w.WriteLine($"writer.WriteNumber(\"$version\"u8, {WrittenVersion(m)});");
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($"{MemberCodec(s.Member)}.WriteJson(writer, {JsonNames}[{Int(s.Index)}], value.{s.Member.ClrName});");
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
        string unknown = Captures(m) ? $"{In}UnknownMembers.Capture(ref values.Unknown, ref reader, name!);" : $"{In}UnknownMembers.Skip(ref reader, name!);";
        if (t.Slots.Count > 0)
        {
            w.WriteLine("""
                // A member by its exact name, compared without making a string; else by another case of it ("LearningRate":
                // System.Text.Json's default shape, or a hand-written document), as in the dictionary form.
                string? name = null;
                int index;
                """);
        }
        string keyword = "if";
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($"{keyword} (reader.ValueTextEquals({Str(s.Member.Name)}u8)) index = {Int(s.Index)};");
            keyword = "else if";
            if (s.Member.PreviousNames.Count > 0) EmitJsonPreviousName(w, s);
        }
        w.WriteLine($$"""
            {{keyword}} (reader.ValueTextEquals("$version"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                values.Version = {{In}}IntegerCodec<int>.ReadJson(ref reader);
                continue;
            }
            else if (reader.ValueTextEquals("$type"u8))
            {
                {{In}}JsonRead.Next(ref reader);
                {{In}}JsonRead.Skip(ref reader);
                continue;
            }
            """);
        if (t.Slots.Count == 0)
        {
            w.WriteLine($$"""
                string name = {{In}}JsonRead.GetString(ref reader);
                {{In}}JsonRead.Next(ref reader);
                {{unknown.Replace("name!", "name")}}
                """);
        }
        else
        {
            w.WriteLine($$"""
                else
                {
                    name = {{In}}JsonRead.GetString(ref reader);
                    index = __ModelGen_MemberIndex(name);
                }
                {{In}}JsonRead.Next(ref reader);
                """);
            EmitJsonMemberSwitch(w, t, unknown);
        }
        w.Indentation -= 2;
        w.WriteLine("    }");
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
            w.WriteLine($"member = {Str(s.Member.Name)};");
            w.WriteLine($"values.{s.Value} = {ReadJson(s.Member)};");
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
                {{unknown}}
                break;
            """);
        w.CloseBlock();
        w.WriteLine("member = null;");
    }

    private static string ReadJson(MemberSpec member) => $"{MemberCodec(member)}.ReadJson(ref reader, {Bool(member.IsNullable)})";

    // A previous name: the value under the current name wins, whatever the order, and a null for a member that cannot
    // be null is an error only if the current name does not appear.
    private static void EmitJsonPreviousName(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
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
        Store(w, s, "values", ReadJson(member), byCurrentName: false);
        w.CloseBlock();
        w.WriteLine("""
            member = null;
            continue;
            """);
        w.CloseBlock();
    }
}
