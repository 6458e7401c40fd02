using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>A format-2 schema table (docs/format.md §9.2): entry 0 is the root model.</summary>
internal sealed record SchemaTable(IReadOnlyList<SchemaTableEntry> Entries, long Offset, int Length);

/// <summary>An entry of the schema table: a model (<see cref="Members"/>) or a union base (<see cref="Cases"/>).</summary>
internal sealed record SchemaTableEntry(long Offset, string Name, int SchemaVersion, ulong Fingerprint,
    IReadOnlyList<SchemaTableMember>? Members, IReadOnlyList<SchemaTableCase>? Cases)
{
    public bool IsUnion => Cases is not null;

    /// <summary>The member keys, to check extension fields against.</summary>
    public IReadOnlySet<int> Keys { get; init; } = new HashSet<int>();
}

/// <summary>A member of a table entry: its key, name, language-neutral type name and descriptor (wire type,
/// nullable, the entry index of the objects in its value).</summary>
internal sealed record SchemaTableMember(int Key, string Name, string Type, WireType WireType, bool Nullable, int? ModelRef);

/// <summary>A case of a union base: its tag and the entry index of its model.</summary>
internal sealed record SchemaTableCase(string Tag, int Entry);

// Format 2: the schema table and the positional objects it describes. Values, sequences and items are read by the
// code shared with format 1 (RawDecoder.cs); extension fields are format-1 fields.
internal sealed partial class RawDecoder
{
    // docs/format.md §9.4 (FormatLimits in the runtime states the same limits).
    private const int MaxSchemaEntries = 4096;
    private const int MaxSchemaMembers = 65535;
    // The smallest entry, member and case: every count is checked against them before anything is allocated.
    private const int MinEntryBytes = 13, MinMemberBytes = 6, MinCaseBytes = 3;

    private SchemaTable? _table;
    private int? _modelRef;
    private int _extensionDepth;

    private SchemaTable ReadSchemaTable()
    {
        long lengthOffset = _pos;
        ulong length = ReadVarUInt64();
        if (length < 1 || length > (ulong)Remaining)
            throw Error($"schema table length {length} is out of range (1 to the {Remaining} bytes before the trailer)", lengthOffset);
        int start = _pos;
        var table = new RawDecoder(_data, start, start + (int)length);
        int count = table.TableCount("entry count", 1, MaxSchemaEntries, MinEntryBytes);
        var entries = new List<SchemaTableEntry>(count);
        var caseRefs = new List<(string Base, string Tag, int Entry, long Offset)>();
        for (int index = 0; index < count; index++)
        {
            long entryOffset = table._pos;
            string name = table.TableString($"name of entry {index}");
            long versionOffset = table._pos;
            ulong version = table.ReadVarUInt64();
            if (version is < 1 or > int.MaxValue) throw Error($"schema table: schema version {version} of {name} is out of range", versionOffset);
            ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(table.Take(8));
            long kindOffset = table._pos;
            byte kind = table.Take(1)[0];
            if (kind == 0)
            {
                int n = table.TableCount($"member count of {name}", 0, MaxSchemaMembers, MinMemberBytes);
                var members = new List<SchemaTableMember>(n);
                var keys = new HashSet<int>(n);
                for (int i = 0; i < n; i++)
                {
                    long keyOffset = table._pos;
                    ulong key = table.ReadVarUInt64();
                    if (key is < FieldKeys.FirstMemberKey or > FieldKeys.LastMemberKey)
                        throw Error($"schema table: member key {key} of {name} is out of range ({FieldKeys.FirstMemberKey} to {FieldKeys.LastMemberKey})", keyOffset);
                    // Members are in the model's schema order (not sorted), each key once (§9.2).
                    if (!keys.Add((int)key)) throw Error($"schema table: member key {key} appears twice in {name}", keyOffset);
                    string member = table.TableString($"member name in {name}");
                    string type = table.TableString($"type of {name}.{member}");
                    long descriptorOffset = table._pos;
                    byte d = table.Take(1)[0];
                    var wire = (WireType)(d & 7);
                    bool nullable = (d & 8) != 0, hasRef = (d & 16) != 0;
                    string what = $"descriptor 0x{d:x2} of {name}.{member} ({type})";
                    if ((d & 0xE0) != 0) throw Error($"schema table: {what} has unknown bits set", descriptorOffset);
                    if (wire == WireType.Marker) throw Error($"schema table: {what} has wire type 7, never a member's", descriptorOffset);
                    if (nullable != type.EndsWith('?')) throw Error($"schema table: {what}: the nullable bit disagrees with the type name", descriptorOffset);
                    if (hasRef != type.Contains("model:", StringComparison.Ordinal) || (wire == WireType.Object && !hasRef)
                        || (hasRef && wire is not (WireType.Object or WireType.Sequence)))
                        throw Error($"schema table: {what}: the model-ref bit disagrees with the type or wire type", descriptorOffset);
                    int? modelRef = null;
                    if (hasRef)
                    {
                        long refOffset = table._pos;
                        ulong target = table.ReadVarUInt64();
                        if (target >= (ulong)count) throw Error($"schema table: {name}.{member} refers to entry {target}, but the table has {count} entries", refOffset);
                        modelRef = (int)target;
                    }
                    members.Add(new SchemaTableMember((int)key, member, type, wire, nullable, modelRef));
                }
                entries.Add(new SchemaTableEntry(entryOffset, name, (int)version, fingerprint, members, null) { Keys = keys });
            }
            else if (kind == 1)
            {
                int n = table.TableCount($"case count of {name}", 1, MaxSchemaMembers, MinCaseBytes);
                var cases = new List<SchemaTableCase>(n);
                var tags = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < n; i++)
                {
                    long tagOffset = table._pos;
                    string tag = table.TableString($"union tag in {name}");
                    if (!tags.Add(tag)) throw Error($"schema table: union tag '{tag}' of {name} appears twice", tagOffset);
                    long refOffset = table._pos;
                    ulong target = table.ReadVarUInt64();
                    if (target >= (ulong)count) throw Error($"schema table: case '{tag}' of {name} refers to entry {target}, but the table has {count} entries", refOffset);
                    caseRefs.Add((name, tag, (int)target, refOffset));
                    cases.Add(new SchemaTableCase(tag, (int)target));
                }
                entries.Add(new SchemaTableEntry(entryOffset, name, (int)version, fingerprint, null, cases));
            }
            else throw Error($"schema table: entry {name} has kind {kind} (0: a model, 1: a union base)", kindOffset);
        }
        foreach ((string baseName, string tag, int entry, long offset) in caseRefs)
            if (entries[entry].IsUnion) throw Error($"schema table: case '{tag}' of {baseName} is entry {entry}, a union base, not a model", offset);
        if (table._pos != table._end)
            throw Error($"schema table: its entries end {table._end - table._pos} bytes before its length ({length} bytes)", table._pos);
        _pos = table._end;
        return new SchemaTable(entries, start, (int)length);
    }

    private int TableCount(string what, int lowest, int limit, int minBytesEach)
    {
        long at = _pos;
        ulong n = ReadVarUInt64();
        if (n < (ulong)lowest || n > (ulong)limit) throw Error($"schema table: {what} {n} is out of range ({lowest} to {limit})", at);
        if (n * (ulong)minBytesEach > (ulong)Remaining)
            throw Error($"schema table: {what} {n} needs at least {n * (ulong)minBytesEach} bytes, {Remaining} remain in the table", at);
        return (int)n;
    }

    private string TableString(string what) => Text($"schema table: {what}", " in the table", $"{what} in the schema table");

    // A name of the table or of a member description: 1 to MaxNameBytes of UTF-8 after their length.
    private string Text(string subject, string where, string utf8What)
    {
        long at = _pos;
        ulong n = ReadVarUInt64();
        if (n is < 1 or > MaxNameBytes) throw Error($"{subject} of {n} bytes (1 to {MaxNameBytes})", at);
        if (n > (ulong)Remaining) throw Error($"{subject} of {n} bytes is longer than the {Remaining} bytes that remain{where}", at);
        return ReadUtf8((int)n, at, utf8What);
    }

    private ObjectValue ReadRoot(SchemaTable table)
    {
        _table = table;
        return ReadEntryObject(0, _pos);
    }

    /// <summary>A nested object of wire type 3: described by the model-ref of the member being read.</summary>
    private ObjectValue ReadNested(long offset)
    {
        if (_modelRef is not int entry) throw Error("an object inside a member without a model-ref", offset);
        Enter();
        ObjectValue value = ReadEntryObject(entry, offset);
        _depth--;
        return value;
    }

    private ObjectValue ReadEntryObject(int index, long offset)
    {
        SchemaTableEntry entry = _table!.Entries[index];
        string? tag = null;
        if (entry.Cases is { } cases)
        {
            long at = _pos;
            ulong c = ReadVarUInt64();
            if (c >= (ulong)cases.Count) throw Error($"union case {c} of {entry.Name} is out of range ({cases.Count} cases)", at);
            tag = cases[(int)c].Tag;
            entry = _table.Entries[cases[(int)c].Entry];
        }
        IReadOnlyList<SchemaTableMember> members = entry.Members!;
        var fields = new List<RawField>(members.Count + 1);
        int? saved = _modelRef;
        foreach (SchemaTableMember member in members)
        {
            long at = _pos;
            if (member.Nullable)
            {
                byte present = Take(1)[0];
                if (present > 1) throw Error($"presence byte {present} of member {member.Name} of {entry.Name} is neither 0 (null) nor 1 (a value follows)", at);
                if (present == 0)
                {
                    fields.Add(new RawField(at, member.Key, member.WireType, new NullValue(at), member.Name, member.Type));
                    continue;
                }
            }
            _modelRef = member.ModelRef;
            fields.Add(new RawField(at, member.Key, member.WireType, ReadValue(member.WireType, at), member.Name, member.Type));
        }
        _modelRef = saved;
        ReadExtensions(entry, fields);
        return new ObjectValue(offset, fields, entry.Name, tag);
    }

    /// <summary>The extension count and its format-1 fields: the data's version (key 1) and kept members.</summary>
    private void ReadExtensions(SchemaTableEntry entry, List<RawField> fields)
    {
        long countOffset = _pos;
        ulong n = ReadVarUInt64();
        if (n > (ulong)Remaining / 2) throw Error($"extension count {n} is larger than the {Remaining} bytes that remain allow", countOffset);
        if (n == 0) return;
        var seen = new HashSet<int>();
        _extensionDepth++;
        for (ulong i = 0; i < n; i++)
        {
            (int key, WireType wireType, long at) = ReadTag();
            (string Name, string Type)? described = null;
            if (key == FieldKeys.NamedMember && wireType == WireType.Bytes)
            {
                fields.Add(ReadNamedMember(at, extension: true));
                continue;
            }
            if (key == FieldKeys.MemberDescription && wireType == WireType.Bytes)
            {
                // A member description names the kept member in the next field (docs/format.md §9.3).
                described = ReadDescription();
                if (++i == n) throw Error($"a member description in {entry.Name} must be followed by the member it describes", _pos);
                (key, wireType, at) = ReadTag();
                if (key < FieldKeys.FirstMemberKey) throw Error($"a member description in {entry.Name} is followed by key {key}, not a member", at);
            }
            if (!seen.Add(key)) throw Error($"extension field key {key} appears twice in {entry.Name}", at);
            if (key == FieldKeys.ItemOrVersion && wireType == WireType.VarInt) { }
            else if (key < FieldKeys.FirstMemberKey)
                throw Error($"extension field key {key} ({wireType}) in {entry.Name} is reserved: only the version (key 1, VarInt), named members (key 4, Bytes) and member keys (16 and up) may be kept", at);
            else if (entry.Keys.Contains(key))
                throw Error($"extension field key {key} is a member of {entry.Name} (in the schema table)", at);
            fields.Add(new RawField(at, key, wireType, ReadValue(wireType, at), described?.Name, described?.Type, Extension: true));
        }
        _extensionDepth--;
    }

    // The Bytes of a member description: a name and a type name, each a string as in the schema table.
    private (string Name, string Type) ReadDescription()
    {
        long at = _pos;
        ulong length = ReadVarUInt64();
        if (length > (ulong)Remaining) throw Error($"a member description of {length} bytes is longer than the {Remaining} bytes that remain", at);
        long end = _pos + (long)length;
        string name = DescriptionString("member name"), type = DescriptionString("member type");
        if (_pos != end) throw Error("a member description's name and type do not fill its length", at);
        return (name, type);
    }

    // A named member (field key 4, docs/format.md §3): a name as in the schema table, then the member's JSON value,
    // shown as its text under the name.
    private RawField ReadNamedMember(long tagAt, bool extension)
    {
        long at = _pos;
        ulong length = ReadVarUInt64();
        if (length > (ulong)Remaining) throw Error($"a named member of {length} bytes is longer than the {Remaining} bytes that remain", at);
        long end = _pos + (long)length;
        string name = Text("a named member's name", "", "name of a named member");
        if (_pos > end) throw Error("a named member's name is longer than its field", at);
        long jsonAt = _pos;
        byte[] json = Take((int)(end - _pos)).ToArray();
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Error($"named member '{name}': malformed JSON: {e.Message}", jsonAt);
        }
        return new RawField(tagAt, FieldKeys.NamedMember, WireType.Bytes, new BytesValue(jsonAt, json, System.Text.Encoding.UTF8.GetString(json)), name, Type: "json", Extension: extension);
    }

    private string DescriptionString(string what) => Text($"a member description's {what}", "", $"{what} in a member description");
}
