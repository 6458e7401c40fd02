using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // The binary form (docs/format.md §3): one field per member, tagged by its key; the union tag and the version
    // (when not 1) come first, unknown members of a newer version last.
    private static void EmitBinary(SourceWriter w, Target t)
    {
        w.OpenBlock($"static void {t.Interface}.WriteFields(ref {In}ModelWriter writer, {t.Self} value)");
        ModelSpec m = t.Model;
        if (m.UnionTag is not null)
        {
            w.WriteLine($$"""
                writer.WriteTag({{In}}FieldKeys.UnionTag, {{In}}WireType.Bytes);
                writer.WriteString({{Str(m.UnionTag)}});
                """);
        }
        if (m.KeepsUnknownMembers)
        {
            w.WriteLine($$"""
                int version = {{WrittenVersion(m)}};
                if (version != 1)
                {
                    writer.WriteTag({{In}}FieldKeys.ItemOrVersion, {{In}}WireType.VarInt);
                    writer.WriteVarInt64(version);
                }
                """);
        }
        else if (m.Version != 1)
        {
            w.WriteLine($$"""
                writer.WriteTag({{In}}FieldKeys.ItemOrVersion, {{In}}WireType.VarInt);
                writer.WriteVarInt64({{Int(m.Version)}});
                """);
        }
        foreach (MemberSpec member in m.Members)
            w.WriteLine($"{MemberCodec(member)}.WriteField(ref writer, {Int(member.Key)}, value.{member.ClrName});");
        if (m.KeepsUnknownMembers) w.WriteLine("value.__modelGenUnknown.Members?.WriteTo(ref writer);");
        w.CloseBlock();
        w.WriteLine();

        w.OpenBlock($"static {t.Self} {t.Interface}.ReadFields(ref {In}ModelReader reader)");
        w.WriteLine($$"""
            // Binary data without a version field is version 1.
            var values = new {{Values}} { Version = 1 };
            string? member = null;
            try
            {
                while (true)
                {
                    {{In}}FieldTag tag = reader.ReadTag();
                    if (tag.IsEnd) break;
                    switch (tag.Key)
                    {
            """);
        w.Indentation += 3;
        foreach (Slot s in t.Slots) EmitBinaryCases(w, s);
        w.WriteLine($$"""
            case {{In}}FieldKeys.ItemOrVersion:
                values.Version = {{In}}IntegerCodec<int>.Read(ref reader, tag.WireType);
                break;
            // A union subtype writes its own tag; when read alone it is not an unknown member to keep (as $type in JSON).
            case {{In}}FieldKeys.UnionTag:
                reader.Skip(tag.WireType);
                break;
            default:
                {{(Captures(m) ? $"{In}UnknownMembers.Capture(ref values.Unknown, ref reader, tag);" : $"{In}UnknownMembers.Skip(ref reader, tag);")}}
                break;
            """);
        w.Indentation -= 3;
        w.WriteLine("""
                    }
                    member = null;
                }
            """);
        EndRead(w, "values");
    }

    private static void EmitBinaryCases(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
        string read = $"{MemberCodec(member)}.ReadField(ref reader, tag.WireType, {Bool(member.IsNullable)})";
        w.WriteLine($"case {Int(member.Key)}:");
        w.Indentation++;
        w.WriteLine($"member = {Str(member.Name)};");
        Store(w, s, "values", read, byCurrentName: true);
        w.WriteLine("break;");
        w.Indentation--;
        if (member.PreviousKeys.Count == 0) return;

        // A previous key: the value under the current key wins, and a null for a member that cannot be null is an
        // error only if the current key does not appear (docs/versioning.md, "Names, previous names and keys").
        foreach (int key in member.PreviousKeys) w.WriteLine($"case {Int(key)}: // a previous key of {member.Name}");
        w.Indentation++;
        w.WriteLine($$"""
            member = {{Str(member.Name)}};
            if (values.{{s.ByCurrentName}})
            {
                // The current key came first: it wins.
                reader.Skip(tag.WireType);
            }
            """);
        if (s.KeepsNullError)
        {
            w.WriteLine($$"""
                else if (tag.WireType == {{In}}WireType.Marker)
                {
                    // An error only if the current key does not follow.
                    values.{{s.NullError}} = reader.Error("null for a value that cannot be null").InMember({{Str(member.Name)}});
                }
                """);
        }
        w.OpenBlock("else");
        Store(w, s, "values", read, byCurrentName: false);
        w.CloseBlock();
        w.WriteLine("break;");
        w.Indentation--;
    }

    // A value read into the holder: it is there now, and a null kept as an error under a previous name is void. Read
    // under the current name or key, it also wins over any later previous one.
    private static void Store(SourceWriter w, Slot s, string holder, string read, bool byCurrentName)
    {
        w.WriteLine($"{holder}.{s.Value} = {read};");
        w.WriteLine($"{holder}.{s.Has} = true;");
        if (byCurrentName && s.HasPrevious) w.WriteLine($"{holder}.{s.ByCurrentName} = true;");
        if (s.KeepsNullError) w.WriteLine($"{holder}.{s.NullError} = null;");
    }

    // The end of a reader, whose try block is open: the filter adds the member being read to the error's path and
    // returns false, so the error is never caught and rethrown; then the values read become the model.
    private static void EndRead(SourceWriter w, string values)
    {
        w.WriteLine($$"""
            }
            catch ({{Rt}}ModelFormatException e) when (member is not null && e.AddMember(member))
            {
                throw;
            }
            return {{values}}.Build();
            """);
        w.CloseBlock();
        w.WriteLine();
    }
}
