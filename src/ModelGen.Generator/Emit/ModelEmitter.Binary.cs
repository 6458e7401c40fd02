using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // The binary form: format 1 (docs/format.md §3) tags each member by its key, with the union tag and the version
    // (when not 1) first; format 2 (§9) writes the members positionally, in the schema's order as its table lists them.
    // The runtime's writer knows which format it writes: the generated code is the same for both.
    private static void EmitBinary(SourceWriter w, Target t)
    {
        EmitDescribeBinary(w, t);
        w.OpenBlock($"static void {t.Interface}.WriteFields(ref {In}ModelWriter writer, {t.Self} value)");
        ModelSpec m = t.Model;
        if (m.UnionTag is not null) w.WriteLine($"writer.WriteUnionTag({Str(m.UnionTag)});");
        string version = Int(m.Version);
        if (m.KeepsUnknownMembers)
        {
            w.WriteLine($"int version = {WrittenVersion(m)};");
            version = "version";
        }
        if (m.KeepsUnknownMembers || m.Version != 1) w.WriteLine($"writer.WriteVersion({version});");
        for (int i = 0; i < m.Members.Count; i++)
        {
            int end = i;
            while (end < m.Members.Count && RunStore(m.Members[end]) is not null) end++;
            if (end > i)
            {
                EmitScalarRun(w, m.Members, i, end);
                i = end - 1;
                continue;
            }
            MemberSpec member = m.Members[i];
            string write = IsNullableInTable(member) ? "WriteNullableField" : "WriteField";
            w.WriteLine($"{MemberCodec(member)}.{write}(ref writer, {Int(member.Key)}, value.{member.ClrName});");
        }
        string unknown = m.KeepsUnknownMembers ? $"value.{m.KeptMembersField}.Members" : "null";
        w.WriteLine($"writer.WriteExtensions({version}, {Int(m.Version)}, {unknown});");
        w.CloseBlock();
        w.WriteLine();
        EmitWriteItems(w, t);

        bool readsOwn = ReadsOwn(t);
        w.OpenBlock($"static {t.Self} {t.Interface}.ReadFields(ref {In}ModelReader reader)");
        if (readsOwn)
        {
            w.WriteLine($$"""
                // Without a version field the data's version is 1 (format 1) or the writer's model version (format 2).
                var frame = reader.BeginObject<{{t.Self}}>({{t.Self}}.Schema);
                if ({{ReadOwnName(m)}}(ref reader, ref frame, out {{t.Self}} own)) return own;
                return {{ReadCheckedName(m)}}(ref reader, ref frame);
                """);
            w.CloseBlock();
            w.WriteLine();
            EmitReadOwn(w, t);
            // The checked read in a frame of its own: the value holder's zeroing is paid only where the data is not
            // the reader's own layout.
            w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
            w.OpenBlock($"private static {t.Self} {ReadCheckedName(m)}(ref {In}ModelReader reader, ref {In}ObjectFrame frame)");
        }
        else
        {
            w.WriteLine($$"""
                // Without a version field the data's version is 1 (format 1) or the writer's model version (format 2).
                var frame = reader.BeginObject<{{t.Self}}>({{t.Self}}.Schema);
                """);
        }
        // This read also reads the fields an older build kept from binary and wrote to JSON or a dictionary ("$fields"):
        // UnknownMembers.ReadFields runs it over them, in a frame (ObjectFrame.Kept) that takes none of the reads of the
        // reader's own layout, goes on from the values of the JSON or dictionary read and hands them back at the end
        // (EndRead). So the member switch is emitted once, and it is not shared through a method: a frame more per
        // nested level would enlarge the stack trace of an error deep in untrusted input (ResourceLimitTests).
        w.WriteLine($$"""
            // Over "$fields" (fields an older build kept, in JSON or a dictionary): on from the values that read found.
            var values = frame.Kept ? reader.KeptValues<{{Values}}>() : new {{Values}} { Version = frame.Version };
            string? member = null;
            """);
        if (HasCopies(t))
        {
            // A renamed member's value under its current name, which an older build kept from JSON or a dictionary and
            // wrote back by name, and the record of copies it kept: decided at the end (CopiedNames).
            w.WriteLine($"{In}CopyRecord copied = default;");
            foreach (Slot s in t.Slots)
            {
                if (s.Member.CopyNames.Count == 0) continue;
                w.WriteLine($"object? {Named(s)} = null;");
                w.WriteLine($"bool {Named(s)}Found = false;");
            }
        }
        w.WriteLine("""
            try
            {
            """);
        EmitStraightRead(w, t, tagged: !readsOwn);
        w.WriteLine($$"""
                while ({{(t.Slots.Count == 0 ? "true" : "!ended")}})
                {
                    {{In}}FieldTag tag = reader.ReadTag(ref frame);
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
            """);
        EmitNamedMemberCase(w, t);
        w.WriteLine($$"""
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
        if (HasCopies(t))
        {
            w.Indentation++;
            foreach (Slot s in t.Slots)
            {
                if (s.Member.CopyNames.Count == 0) continue;
                // An older build's own member (read by key) holds an edit when it no longer matches the record of its
                // names' copies; else the value it kept under the current name wins, as always.
                string names = string.Join(", ", new[] { s.Member.Name }.Concat(s.Member.CopyNames).Select(Str));
                w.WriteLine($$"""
                    if ({{Named(s)}}Found && (copied.IsEmpty || !values.{{s.Has}}
                        || !{{In}}CopiedNames.Changed(copied, {{MemberCodec(s.Member)}}.ToPlain(values.{{s.Value}}), {{names}})))
                        __ModelGen_ReadMember(ref values, {{Int(s.Index)}}, {{Str(s.Member.Name)}}, {{Named(s)}});
                    """);
            }
            if (Captures(m)) w.WriteLine($"if (!copied.IsEmpty) {In}CopiedNames.Keep(ref values.Unknown, copied, {Names});");
            w.Indentation--;
        }
        EndRead(w, "values", kept: true);
        EmitReadStraightItems(w, t);
    }

    // A member that a build without it read by name (from JSON or a dictionary) and wrote back to binary, by its name
    // and JSON value: read as the dictionary form reads it, so the value comes back instead of a default.
    private static void EmitNamedMemberCase(SourceWriter w, Target t)
    {
        if (t.Slots.Count == 0) return; // the runtime keeps it by name (UnknownMembers.Capture)
        string unknown = Captures(t.Model)
            ? $"{In}UnknownMembers.Capture(ref values.Unknown, ref reader, named, plain);"
            : $"{In}UnknownMembers.Skip(ref reader, named);";
        string copies = "";
        if (HasCopies(t))
        {
            copies = $$"""

                if (named == "$previousNames")
                {
                    copied = {{In}}CopiedNames.Read(plain);
                    break;
                }
            """;
            foreach (Slot s in t.Slots)
            {
                if (s.Member.CopyNames.Count == 0) continue;
                copies += $$"""

                        if (named == {{Str(s.Member.Name)}})
                        {
                            {{Named(s)}} = plain;
                            {{Named(s)}}Found = true;
                            break;
                        }
                    """;
            }
        }
        w.WriteLine($$"""
            case {{In}}FieldKeys.NamedMember:
            {
                string named = {{In}}UnknownMembers.ReadNamed(ref reader, tag, out object? plain);{{copies}}
                int index = __ModelGenNames.IndexOf(named);
                if (index >= 0) __ModelGen_ReadMember(ref values, index, named, plain);
                else {{unknown}}
                break;
            }
            """);
    }

    // The value a renamed member had under its current name in named binary data (null until found).
    private static string Named(Slot s) => $"named{Int(s.Index)}";

    // The items of a sequence of a model whose members are all scalars (a tree's nodes): each item one run of straight
    // stores, its item tag, members and end (format 1: the end marker; format 2: no extension fields) in one
    // reservation, in one loop with no call per item; the runtime counted the items' level once (ModelCodec.WriteItems)
    // and is not the check. The bytes are those of ModelItems.Write, which writes the items this loop does not: a
    // null, a derived type (its Validate() and such), kept unknown members or a newer data version. Not for
    // [Hyperparameters] models (validated one by one in the strict write) nor unions.
    private static void EmitWriteItems(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        if (!ScalarItems(m)) return;
        (int positional, int tagged) = ItemRoom(m);
        var general = new List<string>();
        if (m.Keyword is TypeKeyword.Class or TypeKeyword.Record)
        {
            general.Add("value is null");
            general.Add($"value.GetType() != typeof({t.Self})");
        }
        if (m.KeepsUnknownMembers) general.Add($"value.{m.KeptMembersField}.Members is not null");
        w.OpenBlock($"static void {t.Interface}.WriteItems(ref {In}ModelWriter writer, global::System.ReadOnlySpan<{t.Self}> items)");
        // One loop per format, so that neither tests the format per item.
        w.WriteLine("int i = 0;");
        w.OpenBlock("if (writer.IsPositional)");
        EmitItemLoop(w, t, general, positional, () =>
        {
            // The item tag, the members without tags, no extension fields (a count of 0).
            var stores = new RunStores(w, "length");
            stores.Tag(FieldKeysItemOrVersion, WireObject);
            foreach (MemberSpec member in m.Members) stores.Value(member);
            stores.Constant((0UL, 1));
            stores.Flush();
        });
        w.CloseBlock();
        w.OpenBlock("else");
        EmitItemLoop(w, t, general, tagged, () =>
        {
            // The item tag (key 1, Object), the version field when the version is not 1, each member's tag and value,
            // the end marker.
            var stores = new RunStores(w, "length");
            stores.Tag(FieldKeysItemOrVersion, WireObject);
            if (m.Version != 1)
            {
                stores.Tag(FieldKeysItemOrVersion, 0);
                stores.Constant(Varint((0UL, 0), ZigZag(m.Version)));
            }
            foreach (MemberSpec member in m.Members) stores.Member(member);
            stores.Constant((WireMarker, 1)); // the end marker
            stores.Flush();
        });
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
    }

    private static void EmitItemLoop(SourceWriter w, Target t, List<string> general, int max, Action stores)
    {
        w.WriteLine($$"""
            while (i < items.Length)
            {
                // One reservation for as many items as it has room for, each stored at the run's length so far, with
                // 8 bytes to spare after them (stores of 8 bytes reach past an item's last byte).
                global::System.Span<byte> run = writer.BeginScalars({{Int(max + RunStores.Spare)}});
                int end = i + global::System.Math.Min(items.Length - i, (run.Length - {{Int(RunStores.Spare)}}) / {{Int(max)}});
                nint length = 0;
                for (; i < end; i++)
                {
                    {{t.Self}} value = items[i];
            """);
        w.Indentation += 2;
        if (general.Count > 0) w.WriteLine($"if ({string.Join(" || ", general)}) break;");
        stores();
        w.Indentation -= 2;
        w.WriteLine($$"""
                }
                writer.EndScalars((int)length);
            """);
        if (general.Count > 0)
        {
            w.WriteLine($$"""
                    if (i < end)
                    {
                        // An item the loop does not store: through the general path, then a new run.
                        {{In}}ModelItems<{{t.Self}}>.WriteOne(ref writer, items[i]);
                        i++;
                    }
                """);
        }
        w.WriteLine("}");
    }

    // The largest size of one item of such a model (below), in format 2 and in format 1: the item tag and the end (or
    // the extension count), each member's longest encoding, and in format 1 each member's tag (at most 5 bytes) and the
    // version field when the model's version is not 1.
    private static (int Positional, int Tagged) ItemRoom(ModelSpec m)
    {
        int positional = 2;
        int tagged = 2 + (m.Version != 1 ? 1 + 5 : 0);
        foreach (MemberSpec member in m.Members)
        {
            positional += RunStore(member)!.Value.MaxBytes;
            tagged += RunStore(member)!.Value.MaxBytes + 5;
        }
        return (positional, tagged);
    }

    // The models whose sequences are written and read item after item in one loop without a call per item: every
    // member a scalar of a run (RunStore); not [Hyperparameters] models (validated one by one) nor unions.
    private static bool ScalarItems(ModelSpec m) =>
        !m.IsHyperparameters && !m.IsAbstract && m.UnionTag is null && m.UnionCases.Count == 0 && m.Members.Count > 0
        && m.Keyword != TypeKeyword.Interface && m.Members.All(member => RunStore(member) is not null);

    // The items of a sequence of such a model, in format 1, or in format 2 when the writer's table entry is the
    // reader's own layout and version (the runtime checked it once for the sequence: ModelReader.StraightItems): each
    // an item tag, the members (format 1: each after its tag, as WriteItems writes them, the version field first when
    // the model's version is not 1) and the object's end, read after one check an item that its largest size is left
    // (ScalarRead), and made at once as the straight read makes them. Any other item, or a value the checked read would
    // refuse, ends the loop where that item begins: the runtime reads it the checked way, which reports what is wrong.
    private static void EmitReadStraightItems(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        if (!ScalarItems(m)) return;
        (int positional, int tagged) = ItemRoom(m);
        tagged += 8; // to spare (ScalarRead)
        // The members' locals are named after them, apart from this method's own names.
        string[] own = ["reader", "items", "start", "run", "read", "at", "i", "result", "tagged", "room"];
        string Local(Slot s) => own.Contains(s.Value) ? s.Value + "_" + Int(s.Index) : s.Value;
        w.OpenBlock($"static int {t.Interface}.ReadStraightItems(ref {In}ModelReader reader, global::System.Span<{t.Self}> items, int start)");
        w.WriteLine($$"""
            global::System.ReadOnlySpan<byte> run = reader.Unread;
            bool tagged = !reader.IsPositional;
            int room = tagged ? {{Int(tagged)}} : {{Int(positional)}};
            int read = 0;
            int i = start;
            for (; i < items.Length; i++)
            {
                // The item's largest size is left: its reads are not checked one by one.
                int at = read;
                if (run.Length - at < room || !{{In}}ScalarRead.ObjectItem(run, ref at)) break;
            """);
        w.Indentation++;
        if (m.Version != 1)
        {
            // The version field: its tag (key 1, VarInt) and the version (zigzag).
            (ulong bytes, int length) = Varint(Varint((0UL, 0), (ulong)FieldKeysItemOrVersion << 3), (ulong)m.Version << 1);
            w.WriteLine($"if (tagged && !{In}ScalarRead.Tag(run, ref at, 0x{Hex(bytes)}UL, {Int(length)})) break; // version {Int(m.Version)}");
        }
        foreach (Slot s in t.Slots)
        {
            string local = Local(s);
            (string wireType, _) = RunStore(s.Member)!.Value;
            int wire = wireType switch { "Fixed64" => 1, "Fixed32" => 5, _ => 0 };
            (ulong tag, int tagLength) = Varint((0UL, 0), ((ulong)(uint)s.Member.Key << 3) | (uint)wire);
            w.WriteLine($"if (tagged && !{In}ScalarRead.Tag(run, ref at, 0x{Hex(tag)}UL, {Int(tagLength)})) break; // key {Int(s.Member.Key)}, {wireType}");
            string read = s.Member.Type switch
            {
                EnumType => $"if (!{In}ScalarRead.Enum(run, ref at, out {TypeRenderer.CSharpType(s.Member.Type)} {local})) break;",
                ScalarType { Kind: ScalarKind.Boolean } => $"if (!{In}ScalarRead.Boolean(run, ref at, out bool {local})) break;",
                ScalarType { Kind: ScalarKind.Single } => $"float {local} = {In}ScalarRead.Single(run, ref at);",
                ScalarType { Kind: ScalarKind.Double } => $"double {local} = {In}ScalarRead.Double(run, ref at);",
                _ => $"if (!{In}ScalarRead.Integer(run, ref at, out {TypeRenderer.CSharpType(s.Member.Type)} {local})) break;",
            };
            w.WriteLine(read);
        }
        w.WriteLine($"if (!{In}ScalarRead.End(run, ref at, tagged)) break;");
        // No try block here (its locals would live in memory): a constructor's exception leaves the reader where the
        // call found it, and the runtime reads these items again the checked way, which reports it.
        EmitConstruction(w, t, "", Local, hasFields: false, catches: false);
        w.WriteLine("""
            items[i] = result;
            read = at;
            """);
        w.Indentation--;
        w.WriteLine("""
            }
            reader.Advance(read);
            return i;
            """);
        w.CloseBlock();
        w.WriteLine();
    }

    private const int FieldKeysItemOrVersion = 1;

    private static HexText Hex(ulong value) => new(value);

    // Appends the LEB128 bytes of value to bytes (the first in the low byte, as ScalarRead.Tag compares them).
    private static (ulong Bytes, int Length) Varint((ulong Bytes, int Length) before, ulong value)
    {
        (ulong bytes, int length) = before;
        do
        {
            ulong b = value & 0x7F;
            value >>= 7;
            if (value != 0) b |= 0x80;
            bytes |= b << (8 * length++);
        }
        while (value != 0);
        return (bytes, length);
    }

    // Consecutive members of fixed-size or varint scalars are written as one run: one reservation of their largest
    // size and straight stores (ScalarRun), in format 2 without tags, in format 1 with constant tags. The bytes are
    // the codecs' (IntegerCodec, BooleanCodec, EnumCodec, FloatCodec); the check before a write skips scalars.
    private static void EmitScalarRun(SourceWriter w, EquatableArray<MemberSpec> members, int start, int end)
    {
        int positional = 0;
        for (int i = start; i < end; i++) positional += RunStore(members[i])!.Value.MaxBytes;
        // A format-1 tag is at most 5 bytes (a key of up to 32 bits and 3 bits of wire type). In either format the
        // stores of 8 bytes reach at most 7 bytes past the run's length (RunStores): Spare bytes more are reserved.
        int tagged = positional + 5 * (end - start);
        w.OpenBlock("if (writer.WritesScalars)");
        w.WriteLine($"global::System.Span<byte> run = writer.BeginScalars(writer.IsPositional ? {Int(positional + RunStores.Spare)} : {Int(tagged + RunStores.Spare)});");
        w.WriteLine("nint length = 0;");
        w.OpenBlock("if (writer.IsPositional)");
        var values = new RunStores(w, "length");
        for (int i = start; i < end; i++) values.Value(members[i]);
        values.Flush();
        w.CloseBlock();
        w.OpenBlock("else");
        var stores = new RunStores(w, "length");
        for (int i = start; i < end; i++) stores.Member(members[i]);
        stores.Flush();
        w.CloseBlock();
        w.WriteLine("writer.EndScalars((int)length);");
        w.CloseBlock();
    }

    private const int WireObject = 3;
    private const ulong WireMarker = 7;

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    // The stores of a run of scalars (docs/format.md §3 and §9): the constant bytes (format 1's tags, the item tag, the
    // version field of an item, the end marker; format 2's item tag and extension count) are joined to the stores of
    // the values beside them, so that most constants cost no store of their own: the constants before a value and a
    // float or a short varint (and after a float, the constants that follow while they fit) are one 8-byte store
    // (ScalarRun's overloads with constants). Each such store may reach 7 bytes past what it writes: the run reserves
    // Spare bytes more than its largest size. The bytes are the same as a constant then a value, one after the other.
    private sealed class RunStores(SourceWriter w, string at)
    {
        public const int Spare = 8;

        // Constant bytes not stored yet, the first in the low byte.
        private ulong _bytes;
        private int _count;

        // A float stored last, whose store takes the constants that follow while they fit.
        private string? _float;
        private ulong _floatBytes;
        private int _floatBefore, _floatAfter;

        public void Tag(int key, int wireType) => Constant(Varint((0UL, 0), ((ulong)(uint)key << 3) | (uint)wireType));

        public void Constant((ulong Bytes, int Length) constant)
        {
            if (_float is not null)
            {
                if (_floatBefore + 4 + _floatAfter + constant.Length <= 8)
                {
                    _floatBytes |= constant.Bytes << (8 * (_floatBefore + 4 + _floatAfter));
                    _floatAfter += constant.Length;
                    return;
                }
                EmitFloat();
            }
            if (_count + constant.Length > 8) Flush();
            _bytes |= constant.Bytes << (8 * _count);
            _count += constant.Length;
        }

        // A format-1 field: the member's tag and value.
        public void Member(MemberSpec member)
        {
            Tag(member.Key, Wire(RunStore(member)!.Value.WireType));
            Value(member);
        }

        // A member's value alone (format 2).
        public void Value(MemberSpec member)
        {
            string v = $"value.{member.ClrName}";
            switch (member.Type)
            {
                case ScalarType { Kind: ScalarKind.Single }:
                    if (_count > 4) Flush();
                    EmitFloat();
                    _float = v;
                    _floatBytes = _bytes;
                    _floatBefore = _count;
                    _floatAfter = 0;
                    _bytes = 0;
                    _count = 0;
                    break;
                case ScalarType { Kind: ScalarKind.Double }:
                    EmitFloat();
                    w.WriteLine($"{at} += {In}ScalarRun.Double(run, {at}, 0x{Hex(_bytes)}UL, {Int(_count)}, {v});");
                    _bytes = 0;
                    _count = 0;
                    break;
                default:
                    EmitFloat();
                    if (_count > 6) Flush();
                    string value = member.Type is ScalarType { Kind: ScalarKind.Boolean } ? $"{v} ? 1 : 0" : $"unchecked((long){v})";
                    w.WriteLine($"{at} += {In}ScalarRun.VarInt64(run, {at}, 0x{Hex(_bytes)}UL, {Int(_count)}, {value});");
                    _bytes = 0;
                    _count = 0;
                    break;
            }
        }

        public void Flush()
        {
            EmitFloat();
            if (_count == 0) return;
            w.WriteLine($"{at} += {In}ScalarRun.Constant(run, {at}, 0x{Hex(_bytes)}UL, {Int(_count)});");
            _bytes = 0;
            _count = 0;
        }

        private void EmitFloat()
        {
            if (_float is null) return;
            w.WriteLine($"{at} += {In}ScalarRun.Single(run, {at}, 0x{Hex(_floatBytes)}UL, {Int(_floatBefore)}, {_float}, {Int(_floatAfter)});");
            _float = null;
        }
    }

    // How a member joins a run of scalars: its wire type and its largest size; null for any other member. (Asked for
    // every member several times: it makes no text; RunStores writes the store.)
    private static (string WireType, int MaxBytes)? RunStore(MemberSpec member) => IsNullableInTable(member) ? null : RunScalar(member.Type);

    // The scalar types of a run (and of a read of the reader's own layout): wire type and largest size, by type.
    private static (string WireType, int MaxBytes)? RunScalar(MemberType type)
    {
        switch (type)
        {
            case EnumType:
                return ("VarInt", 10);
            case ScalarType { Kind: ScalarKind.Boolean }:
                return ("VarInt", 1);
            case ScalarType { Kind: ScalarKind.Single }:
                return ("Fixed32", 4);
            case ScalarType { Kind: ScalarKind.Double }:
                return ("Fixed64", 8);
            case ScalarType { Kind: ScalarKind.Byte or ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64 } s:
                int max = s.Kind switch { ScalarKind.Byte or ScalarKind.SByte => 2, ScalarKind.Int16 or ScalarKind.UInt16 => 3, ScalarKind.Int32 or ScalarKind.UInt32 => 5, _ => 10 };
                return ("VarInt", max);
            default:
                return null;
        }
    }

    // The format-1 tag of a member of a run of scalars (RunStore): its key and wire type, as LEB128 bytes.
    private static (ulong Bytes, int Length) RunTag(MemberSpec member)
    {
        int wire = Wire(RunStore(member)!.Value.WireType);
        return Varint((0UL, 0), ((ulong)(uint)member.Key << 3) | (uint)wire);
    }

    // The wire type's number (docs/format.md §3).
    private static int Wire(string wireType) => wireType switch { "Fixed64" => 1, "Fixed32" => 5, _ => 0 };

    // Format 2 when the writer's table entry is this model's own layout (ObjectFrame.Straight): the members follow in
    // schema order without tags, each read with its codec's own wire type; the object ends there unless extension
    // fields follow, which the loop reads, as it reads every member of any other layout.
    private static void EmitStraightRead(SourceWriter w, Target t, bool tagged)
    {
        if (t.Slots.Count == 0) return;
        w.Indentation++;
        w.WriteLine("bool ended = false;");
        w.OpenBlock("if (frame.Straight)");
        for (int i = 0; i < t.Slots.Count; i++)
        {
            int end = i;
            while (end < t.Slots.Count && RunStore(t.Slots[end].Member) is not null) end++;
            if (end - i >= 2)
            {
                EmitScalarReadRun(w, t, i, end);
                i = end - 1;
                continue;
            }
            EmitReadNext(w, t.Slots[i]);
        }
        w.WriteLine("member = null;");
        w.WriteLine("ended = reader.EndStraight(ref frame);");
        // Nothing followed the members and the writer's version is the reader's: every member is here, nothing is kept
        // or migrated, so the value is made from them at once (what Build would make, without its checks).
        w.OpenBlock($"if (ended && frame.Version == {Int(t.Model.Version)})");
        EmitConstructionOfEveryMember(w, t);
        w.CloseBlock();
        // Otherwise every member read here is there (under its current key), and the loop or Build goes on from them.
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($"values.{s.Has} = true;");
            if (s.HasPrevious) w.WriteLine($"values.{s.ByCurrentName} = true;");
        }
        w.CloseBlock();
        if (tagged) EmitTaggedRead(w, t);
        w.Indentation--;
    }

    // The value from the values holder when the read found every member (the straight and the tagged reads): in the
    // holder's BuildComplete where both reads are emitted, so that the construction is written once; inline otherwise.
    // (The call is made after the members are read: no nested read runs through its frame.)
    private static void EmitConstructionOfEveryMember(SourceWriter w, Target t)
    {
        if (BuildsComplete(t))
        {
            w.WriteLine("return values.BuildComplete();");
            return;
        }
        EmitConstruction(w, t, "values.", s => s.Value, hasFields: false);
        w.WriteLine("return result;");
    }

    // Whether ReadFields reads both ways that find every member (EmitStraightRead with its tagged read).
    private static bool BuildsComplete(Target t) => t.Slots.Count > 0 && !ReadsOwn(t);

    // A model nested in its concrete base model sees the base's private methods: its own are named apart (as its
    // migration target is), since 'new' would warn where the base has none.
    private static string ReadOwnName(ModelSpec m) => "__ModelGen_ReadOwn" + Apart(m);
    private static string ReadCheckedName(ModelSpec m) => "__ModelGen_ReadChecked" + Apart(m);
    private static string Apart(ModelSpec m) => (m.Hides & InheritedNames.PrivateMembers) != 0 ? "_" + m.TypeName.TrimStart('@') : "";

    // The models whose objects in the reader's own layout are read at once from the unread bytes (EmitReadOwn): every
    // member one that such a read reads (OwnRead), none of them a model (so no nesting is read through the extra frame
    // of the checked read), nor a union or its case.
    private static bool ReadsOwn(Target t)
    {
        ModelSpec m = t.Model;
        return !m.IsAbstract && m.UnionTag is null && m.UnionCases.Count == 0 && m.Members.Count > 0 && m.Construction is not null
            && m.Keyword != TypeKeyword.Interface && t.Slots.All(s => OwnRead(s.Member) is not null);
    }

    // How a read of the reader's own layout reads a member into a local (EmitOwnRead): a scalar of a run (RunStore) or
    // one that may be null, a string, or an array of packed elements (ScalarRead); its wire type, and the most bytes
    // its value takes (0 for a string or array, whose reads check the bytes left themselves). Null for any other member.
    private static (int Wire, int MaxBytes)? OwnRead(MemberSpec member)
    {
        MemberType type = member.Type is NullableType nullable ? nullable.Value : member.Type;
        if (RunScalar(type) is (string wireType, int maxBytes)) return (Wire(wireType), maxBytes);
        switch (type)
        {
            case ScalarType { Kind: ScalarKind.String } when member.Type is not NullableType:
                return (2, 0);
            case ArrayType { Rank: 1, Element: ScalarType { Kind: ScalarKind.Boolean or ScalarKind.Byte or ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64 or ScalarKind.Single or ScalarKind.Double } }
                when member.Type is not NullableType:
                return (4, 0);
            default:
                return null;
        }
    }

    // The read of such a member (OwnRead) into a local.
    private static void EmitOwnRead(SourceWriter w, MemberSpec member, string local)
    {
        MemberType type = member.Type is NullableType nullable ? nullable.Value : member.Type;
        switch (type)
        {
            case ScalarType { Kind: ScalarKind.Boolean }:
                w.WriteLine($"if (!{In}ScalarRead.Boolean(run, ref at, out bool {local})) return false;");
                break;
            case ScalarType { Kind: ScalarKind.Single }:
                w.WriteLine($"float {local} = {In}ScalarRead.Single(run, ref at);");
                break;
            case ScalarType { Kind: ScalarKind.Double }:
                w.WriteLine($"double {local} = {In}ScalarRead.Double(run, ref at);");
                break;
            case ScalarType { Kind: ScalarKind.String }:
                w.WriteLine($"if (!{In}ScalarRead.String(run, ref at, out string {local})) return false;");
                break;
            case ArrayType array:
                w.WriteLine($"if (!{In}ScalarRead.ShortArray(run, ref at, ref elements, out {TypeRenderer.CSharpType(array.Element)}[] {local})) return false;");
                break;
            case EnumType:
                w.WriteLine($"if (!{In}ScalarRead.Enum(run, ref at, out {TypeRenderer.CSharpType(type)} {local})) return false;");
                break;
            default: // an integer
                w.WriteLine($"if (!{In}ScalarRead.Integer(run, ref at, out {TypeRenderer.CSharpType(type)} {local})) return false;");
                break;
        }
    }

    // Format 1 in the writer's own layout and version, or a straight frame of format 2 at the model's version: the
    // members in order (in format 1 each after its tag, the version field first when the model's version is not 1;
    // in format 2 a presence byte before each that may be null), then the object's end, read from the unread bytes
    // into locals, and the value made at once. The reader moves only once all of it is read: anything else (another
    // layout or version, a null, extension fields, a value the checked read would not read the same way, too few bytes
    // left) returns false with the reader where it was, and the checked read reads the object from its start.
    private static void EmitReadOwn(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        string[] own = ["reader", "frame", "own", "run", "at", "tagged", "elements", "result", "e"];
        string Local(Slot s) => own.Contains(s.Value) ? s.Value + "_" + Int(s.Index) : s.Value;
        bool arrays = t.Slots.Any(s => OwnRead(s.Member)!.Value.Wire == 4);
        // Inlined into ReadFields, its only caller: one frame, not two, for a small model's whole read.
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.OpenBlock($"private static bool {ReadOwnName(m)}(ref {In}ModelReader reader, ref {In}ObjectFrame frame, out {t.Self} own)");
        w.WriteLine($$"""
            own = default!;
            bool tagged = !reader.IsPositional;
            if (!tagged && (!frame.Straight || frame.Version != {{Int(m.Version)}})) return false;
            global::System.ReadOnlySpan<byte> run = reader.Unread;
            int at = 0;
            """);
        if (arrays) w.WriteLine("long elements = 0;");
        // Members of a bounded size are read after one check, per run of them, that the bytes left hold their largest
        // size (tags included, and 8 to spare: a tag is read 8 bytes at once).
        int i = 0;
        bool first = true;
        while (i < t.Slots.Count)
        {
            int end = i;
            // Format 1: each member's tag and largest value, 8 to spare; format 2: presence bytes and largest values.
            int tagged = 8, positional = 0;
            if (first && m.Version != 1) tagged += Varint(Varint((0UL, 0), (ulong)FieldKeysItemOrVersion << 3), (ulong)m.Version << 1).Length;
            while (end < t.Slots.Count && OwnRead(t.Slots[end].Member)!.Value.MaxBytes > 0)
            {
                MemberSpec member = t.Slots[end].Member;
                (int wire, int maxBytes) = OwnRead(member)!.Value;
                tagged += Varint((0UL, 0), ((ulong)(uint)member.Key << 3) | (uint)wire).Length + maxBytes;
                positional += (IsNullableInTable(member) ? 1 : 0) + maxBytes;
                end++;
            }
            if (end > i || (first && m.Version != 1)) w.WriteLine($"if (run.Length - at < (tagged ? {Int(tagged)} : {Int(positional)})) return false;");
            if (first && m.Version != 1)
            {
                (ulong bytes, int length) = Varint(Varint((0UL, 0), (ulong)FieldKeysItemOrVersion << 3), (ulong)m.Version << 1);
                w.WriteLine($"if (tagged && !{In}ScalarRead.Tag(run, ref at, 0x{Hex(bytes)}UL, {Int(length)})) return false; // version {Int(m.Version)}");
            }
            first = false;
            for (; i < end; i++) EmitOwnMember(w, t.Slots[i], Local(t.Slots[i]), variable: false);
            if (i < t.Slots.Count)
            {
                EmitOwnMember(w, t.Slots[i], Local(t.Slots[i]), variable: true);
                i++;
            }
        }
        w.WriteLine($$"""
            if (!{{In}}ScalarRead.EndChecked(run, ref at, tagged)) return false;
            if (!reader.TryEndOwn(ref frame, at, {{(arrays ? "elements" : "0")}})) return false;
            """);
        EmitConstruction(w, t, "", Local, hasFields: false);
        w.WriteLine("own = result;");
        w.WriteLine("return true;");
        w.CloseBlock();
        w.WriteLine();
    }

    // One member of a read of the reader's own layout: its tag (format 1) or presence byte (format 2, where it may be
    // null), then its value into a local.
    private static void EmitOwnMember(SourceWriter w, Slot s, string local, bool variable)
    {
        MemberSpec member = s.Member;
        (int wire, _) = OwnRead(member)!.Value;
        (ulong tag, int tagLength) = Varint((0UL, 0), ((ulong)(uint)member.Key << 3) | (uint)wire);
        bool presence = IsNullableInTable(member);
        if (variable)
            w.WriteLine($"if (!{In}ScalarRead.Field(run, ref at, tagged, 0x{Hex(tag)}UL, {Int(tagLength)}, {Bool(presence)})) return false; // key {Int(member.Key)}");
        else if (presence)
            w.WriteLine($"if (tagged ? !{In}ScalarRead.Tag(run, ref at, 0x{Hex(tag)}UL, {Int(tagLength)}) : !{In}ScalarRead.Present(run, ref at)) return false; // key {Int(member.Key)}");
        else
            w.WriteLine($"if (tagged && !{In}ScalarRead.Tag(run, ref at, 0x{Hex(tag)}UL, {Int(tagLength)})) return false; // key {Int(member.Key)}");
        EmitOwnRead(w, member, local);
    }

    // A member of a straight frame read with its codec, checked.
    private static void EmitReadNext(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
        w.WriteLine($"member = {Str(member.Name)};");
        if (IsNullableInTable(member))
            w.WriteLine($"values.{s.Value} = {MemberCodec(member)}.ReadNextNullable(ref reader, in frame, {Int(s.Index)}, {Bool(member.IsNullable)});");
        else
            w.WriteLine($"values.{s.Value} = {MemberCodec(member)}.ReadNext(ref reader, in frame, {Int(s.Index)});");
    }

    // Consecutive scalar members of a straight frame (those a run of the writer stores: RunStore) are read after one
    // check that the bytes left hold their largest size, without a bounds check per value (ScalarRead, as a loop of
    // straight items reads them). A value the checked read would not give the same way (a varint longer than the
    // member's longest, a value out of range, a boolean not 0 or 1) or too few bytes left: the run is read again from
    // its start with the codecs, which report what is wrong with the member's name.
    private static void EmitScalarReadRun(SourceWriter w, Target t, int start, int end)
    {
        int room = 0;
        for (int i = start; i < end; i++) room += RunStore(t.Slots[i].Member)!.Value.MaxBytes;
        w.WriteLine("{");
        w.Indentation++;
        w.WriteLine("global::System.ReadOnlySpan<byte> run = reader.Unread;");
        w.WriteLine("int at = 0;");
        w.WriteLine($"if (run.Length >= {Int(room)}");
        w.Indentation++;
        for (int i = start; i < end; i++) w.WriteLine($"&& {In}ScalarRead.{ScalarReadOf(t.Slots[i])}(run, ref at, out values.{t.Slots[i].Value}){(i == end - 1 ? ")" : "")}");
        w.Indentation--;
        w.WriteLine("{");
        w.Indentation++;
        w.WriteLine("reader.Advance(at);");
        w.CloseBlock();
        w.OpenBlock("else");
        for (int i = start; i < end; i++) EmitReadNext(w, t.Slots[i]);
        w.CloseBlock();
        w.CloseBlock();
    }

    // The method of ScalarRead that reads a scalar member of a run (RunStore) into the values, past the bounds checks:
    // false where the checked read would not read the same value.
    private static string ScalarReadOf(Slot s) => s.Member.Type switch
    {
        EnumType => "Enum",
        ScalarType { Kind: ScalarKind.Boolean } => "Boolean",
        ScalarType { Kind: ScalarKind.Single } => "Single",
        ScalarType { Kind: ScalarKind.Double } => "Double",
        _ => "Integer",
    };

    // Format 1 (docs/format.md §3): the writer of the reader's own layout and version writes each member after its tag,
    // in the order of the members, then the end marker. While the data follows that layout, its fields are read in
    // order, each tag compared as the bytes it is written as (ModelReader.NextIs; a run of scalars after one check of
    // its largest size, as the format-2 read does); the first field that does not (another order, a null, another wire
    // type, an older or newer version, an unknown member) stops it there, and the loop reads the rest, as it reads any
    // field. When the end marker follows the last member, the value is made at once, as after a straight frame.
    private static void EmitTaggedRead(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        w.OpenBlock("else if (!reader.IsPositional)");
        w.WriteLine("bool tagged = true;");
        if (m.Version != 1)
        {
            (ulong bytes, int length) = Varint(Varint((0UL, 0), (ulong)FieldKeysItemOrVersion << 3), (ulong)m.Version << 1);
            w.WriteLine($"tagged = reader.NextIs(0x{Hex(bytes)}UL, {Int(length)}); // version {Int(m.Version)}");
            w.WriteLine($"if (tagged) values.Version = {Int(m.Version)};");
        }
        for (int i = 0; i < t.Slots.Count; i++)
        {
            int end = i;
            while (end < t.Slots.Count && RunStore(t.Slots[end].Member) is not null) end++;
            w.OpenBlock("if (tagged)");
            if (end - i >= 2)
            {
                int room = 8; // ScalarRead.Tag reads 8 bytes
                for (int j = i; j < end; j++) room += RunTag(t.Slots[j].Member).Length + RunStore(t.Slots[j].Member)!.Value.MaxBytes;
                w.WriteLine("global::System.ReadOnlySpan<byte> run = reader.Unread;");
                w.WriteLine("int at = 0;");
                w.WriteLine($"tagged = run.Length >= {Int(room)}");
                w.Indentation++;
                for (int j = i; j < end; j++)
                {
                    Slot s = t.Slots[j];
                    (ulong tag, int tagLength) = RunTag(s.Member);
                    w.WriteLine($"&& {In}ScalarRead.Tag(run, ref at, 0x{Hex(tag)}UL, {Int(tagLength)})");
                    w.WriteLine($"&& {In}ScalarRead.{ScalarReadOf(s)}(run, ref at, out values.{s.Value}){(j == end - 1 ? ";" : "")}");
                }
                w.Indentation--;
                w.OpenBlock("if (tagged)");
                w.WriteLine("reader.Advance(at);");
                for (int j = i; j < end; j++) EmitReadHere(w, t.Slots[j], "true");
                w.CloseBlock();
                i = end - 1;
            }
            else
            {
                Slot s = t.Slots[i];
                w.WriteLine($"member = {Str(s.Member.Name)};");
                w.WriteLine($"tagged = {MemberCodec(s.Member)}.ReadIfNext(ref reader, {Int(s.Member.Key)}, out values.{s.Value});");
                EmitReadHere(w, s, "tagged");
            }
            w.CloseBlock();
        }
        w.WriteLine("member = null;");
        w.OpenBlock($"if (tagged && reader.NextIs(0x{Hex((ulong)7)}UL, 1)) // the end marker");
        EmitConstructionOfEveryMember(w, t);
        w.CloseBlock();
        w.CloseBlock();
    }

    // A member read under its current key, at the start of a read (nothing read before it): whether it is there.
    private static void EmitReadHere(SourceWriter w, Slot s, string read)
    {
        w.WriteLine($"values.{s.Has} = {read};");
        if (s.HasPrevious) w.WriteLine($"values.{s.ByCurrentName} = {read};");
    }

    // The schema table of format 2 (docs/format.md §9.2) takes member names, keys and types from the schema; this
    // adds what only the codecs know (wire types) and the models a value can hold, so that the runtime can build
    // the table of a root type once.
    private static void EmitDescribeBinary(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        w.OpenBlock($"static void {t.Interface}.DescribeBinary({In}SchemaTableBuilder builder)");
        // Each member's wire type, from the codec its readers and writers name.
        foreach (MemberSpec member in m.Members) w.WriteLine($"{MemberCodecOrSpelled(member)}.Describe(builder, {Int(member.Key)});");
        var models = new List<string>();
        foreach (MemberSpec member in m.Members)
        {
            if (member.Type is ScalarType or EnumType) continue; // (most members: nothing inside to walk)
            foreach (MemberType type in member.Type.SelfAndNested())
                if (type is ModelType model && !models.Contains(model.FullTypeName)) models.Add(model.FullTypeName);
        }
        foreach (UnionCaseSpec c in m.UnionCases)
            if (!models.Contains(c.FullTypeName)) models.Add(c.FullTypeName);
        foreach (string model in models) w.WriteLine($"builder.Model<{model}>();");
        w.CloseBlock();
        w.WriteLine();
    }

    // A presence byte precedes the member's value in format 2 when its schema type says it may be null.
    private static bool IsNullableInTable(MemberSpec member) => member.IsNullableInSchema;

    private static void EmitBinaryCases(SourceWriter w, Slot s)
    {
        MemberSpec member = s.Member;
        w.WriteLine($"case {Int(member.Key)}:");
        w.Indentation++;
        w.WriteLine($"member = {Str(member.Name)};");
        if (s.KeepsNullError)
        {
            // A renamed member keeps its key: an older build that knew it by its previous name, as nullable, writes its
            // null under this key, then the newer value it kept by name (a named member of the current name).
            w.WriteLine($$"""
                if (tag.WireType == {{In}}WireType.Marker)
                {
                    // An error only if the current name does not follow as a named member.
                    if (!values.{{s.ByCurrentName}}) values.{{s.NullError}} = reader.Error("null for a value that cannot be null").InMember({{Str(member.Name)}});
                    break;
                }
                """);
        }
        EmitReadField(w, s);
        Stored(w, s, "values", byCurrentName: true);
        w.WriteLine("break;");
        w.Indentation--;
        if (member.PolicyKeys.Count > 0)
        {
            // Its name under another naming policy (data of a build that had another): read as the member, unless it
            // was read before; its own key, read after, wins.
            for (int k = 0; k < member.PolicyKeys.Count; k++)
                w.WriteLine($"case {Int(member.PolicyKeys[k])}:{(k == member.PolicyKeys.Count - 1 ? $" // {member.Name} under another naming policy" : "")}");
            w.Indentation++;
            w.WriteLine($$"""
                if (!values.{{s.Has}}) goto case {{Int(member.Key)}};
                reader.Skip(tag.WireType);
                break;
                """);
            w.Indentation--;
        }
        if (member.PreviousKeys.Count == 0) return;

        // A previous key: the value under the current key wins, and a null for a member that cannot be null is an
        // error only if the current key does not appear (docs/versioning.md, "Names, previous names and keys").
        for (int k = 0; k < member.PreviousKeys.Count; k++)
            w.WriteLine($"case {Int(member.PreviousKeys[k])}:{(k == member.PreviousKeys.Count - 1 ? $" // {(member.PreviousKeys.Count > 1 ? "previous keys" : "a previous key")} of {member.Name}" : "")}");
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
        EmitReadField(w, s);
        Stored(w, s, "values", byCurrentName: false);
        w.CloseBlock();
        w.WriteLine("break;");
        w.Indentation--;
    }

    private static void EmitReadField(SourceWriter w, Slot s) =>
        w.WriteLine($"values.{s.Value} = {MemberCodec(s.Member)}.ReadField(ref reader, tag.WireType, {Bool(s.Member.IsNullable)});");

    // A value read into the holder (by the line before): it is there now, and a null kept as an error under a previous
    // name is void. Read under the current name or key, it also wins over any later previous one.
    private static void Stored(SourceWriter w, Slot s, string holder, bool byCurrentName)
    {
        w.WriteLine($"{holder}.{s.Has} = true;");
        if (byCurrentName && s.HasPrevious) w.WriteLine($"{holder}.{s.ByCurrentName} = true;");
        if (s.KeepsNullError) w.WriteLine($"{holder}.{s.NullError} = null;");
    }

    // The end of a reader, whose try block is open: the filter adds the member being read to the error's path and
    // returns false, so the error is never caught and rethrown; then the values read become the model. The binary
    // read also reads the fields an older build kept ("$fields") for the JSON and dictionary reads
    // (UnknownMembers.ReadFields), with the same switch, and hands their values back to them.
    private static void EndRead(SourceWriter w, string values, bool kept = false)
    {
        w.WriteLine($$"""
            }
            catch ({{Rt}}ModelFormatException e) when (member is not null && e.AddMember(member))
            {
                throw;
            }
            """);
        if (kept)
        {
            w.WriteLine($$"""
                if (frame.Kept)
                {
                    reader.KeepValues({{values}});
                    return default!;
                }
                """);
        }
        w.WriteLine($$"""
            return {{values}}.Build();
            """);
        w.CloseBlock();
        w.WriteLine();
    }
}
