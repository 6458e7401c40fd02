using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace ModelGen.Internal;

/// <summary>Collects the model types a root type can hold and the wire type of each member, for the schema table of
/// binary format 2 (docs/format.md §9.2). Generated <c>DescribeBinary</c> members call it; the table is built once per
/// root type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SchemaTableBuilder
{
    private readonly List<ModelSchema> _schemas = new();
    private readonly List<Dictionary<int, WireType>> _wireTypes = new();
    private int _current = -1;

    private SchemaTableBuilder()
    {
    }

    /// <summary>Adds <typeparamref name="T"/> (once) and the models its members hold.</summary>
    public void Model<T>() where T : IModelSerializable<T>
    {
        ModelSchema schema = T.Schema;
        foreach (ModelSchema known in _schemas)
            if (known.Name == schema.Name) return;
        int saved = _current;
        _schemas.Add(schema);
        _wireTypes.Add(new Dictionary<int, WireType>());
        _current = _schemas.Count - 1;
        T.DescribeBinary(this);
        _current = saved;
    }

    /// <summary>Records the wire type of the member with <paramref name="key"/> of the model being described.</summary>
    public void Member<T, TCodec>(int key) where TCodec : IModelCodec<T> => _wireTypes[_current][key] = TCodec.WireType;

    /// <summary>The encoded table of <typeparamref name="T"/> (without its length prefix).</summary>
    internal static byte[] Build<T>() where T : IModelSerializable<T>
    {
        var builder = new SchemaTableBuilder();
        builder.Model<T>();
        return builder.Encode();
    }

    private byte[] Encode()
    {
        var output = new List<byte>(256);
        WriteVarint(output, (ulong)_schemas.Count);
        for (int i = 0; i < _schemas.Count; i++)
        {
            ModelSchema schema = _schemas[i];
            WriteString(output, schema.NameUtf8);
            WriteVarint(output, (ulong)schema.Version);
            for (int b = 0; b < 8; b++) output.Add((byte)(schema.Fingerprint >> (8 * b)));
            if (schema.UnionCases.Count > 0)
            {
                output.Add(1);
                WriteVarint(output, (ulong)schema.UnionCases.Count);
                foreach (ModelUnionCase c in schema.UnionCases)
                {
                    WriteString(output, Encoding.UTF8.GetBytes(c.Tag));
                    WriteVarint(output, (ulong)IndexOf(c.ModelName, schema.Name));
                }
                continue;
            }
            output.Add(0);
            IReadOnlyList<ModelMemberSchema> members = schema.Members;
            WriteVarint(output, (ulong)members.Count);
            foreach (ModelMemberSchema member in members)
            {
                if (!_wireTypes[i].TryGetValue(member.Key, out WireType wireType))
                    throw new InvalidOperationException($"model '{schema.Name}' was compiled by a ModelGen.Generator without binary format 2; rebuild it with this version of ModelGen");
                WriteVarint(output, (ulong)member.Key);
                WriteString(output, Encoding.UTF8.GetBytes(member.Name));
                WriteString(output, Encoding.UTF8.GetBytes(member.Type));
                string? model = ModelIn(member.Type, schema.Name);
                byte descriptor = (byte)wireType;
                if (member.Type.EndsWith("?", StringComparison.Ordinal)) descriptor |= SchemaTable.NullableBit;
                if (model is not null) descriptor |= SchemaTable.ModelRefBit;
                output.Add(descriptor);
                if (model is not null) WriteVarint(output, (ulong)IndexOf(model, schema.Name));
            }
        }
        return output.ToArray();
    }

    private int IndexOf(string modelName, string user)
    {
        for (int i = 0; i < _schemas.Count; i++)
            if (_schemas[i].Name == modelName) return i;
        throw new InvalidOperationException($"model '{user}' refers to model '{modelName}', which was not described; rebuild it with this version of ModelGen");
    }

    /// <summary>The model a member's type names (<c>model:Name</c>), or null; a type names at most one.</summary>
    internal static string? ModelIn(string type, string user)
    {
        string? found = null;
        int at = 0;
        while ((at = type.IndexOf("model:", at, StringComparison.Ordinal)) >= 0)
        {
            int start = at + "model:".Length;
            int end = start;
            while (end < type.Length && type[end] is not (',' or '>' or '?' or '[' or ' ')) end++;
            string name = type.Substring(start, end - start);
            if (found is not null && found != name)
                throw new InvalidOperationException($"a member of '{user}' has type '{type}', which names two models; binary format 2 allows one per member");
            found = name;
            at = end;
        }
        return found;
    }

    private static void WriteString(List<byte> output, byte[] utf8)
    {
        WriteVarint(output, (ulong)utf8.Length);
        output.AddRange(utf8);
    }

    internal static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }
}

/// <summary>What 16 Bytes read into a number member are, by the writer's table (<see cref="ModelReader.WriterWideBytes"/>).</summary>
internal enum WideBytes
{
    /// <summary>Not known (format 1, extension fields, a type naming several of the kinds below): told apart by the
    /// bytes as format 1 does.</summary>
    Unknown,
    /// <summary>An Int128 or UInt128.</summary>
    Integer,
    /// <summary>A decimal.</summary>
    Decimal,
    /// <summary>A Complex.</summary>
    Complex,
    /// <summary>None of these (a Guid, a string, a BigInteger…): no number a widening gives.</summary>
    Other,
}

/// <summary>A schema table read from a format-2 input (docs/format.md §9.2), checked before anything is
/// allocated: the writer's model types and the layout of their members.</summary>
internal sealed class SchemaTable
{
    internal const byte NullableBit = 0x08;
    internal const byte ModelRefBit = 0x10;

    internal readonly struct Entry(int nameStart, int nameLength, int version, ulong fingerprint, bool isUnion, int first, int count)
    {
        public readonly int NameStart = nameStart;
        public readonly int NameLength = nameLength;
        public readonly int Version = version;
        public readonly ulong Fingerprint = fingerprint;
        public readonly bool IsUnion = isUnion;
        /// <summary>The first member (or case) in <see cref="Members"/> (or <see cref="Cases"/>).</summary>
        public readonly int First = first;
        public readonly int Count = count;
    }

    internal readonly struct Member(int key, WireType wireType, bool nullable, int modelRef)
    {
        public readonly int Key = key;
        public readonly WireType WireType = wireType;
        public readonly bool Nullable = nullable;
        /// <summary>The entry of the objects inside the value, or -1.</summary>
        public readonly int ModelRef = modelRef;
    }

    internal readonly struct Case(string tag, int entry)
    {
        public readonly string Tag = tag;
        public readonly int Entry = entry;
    }

    /// <summary>The table's bytes (without the length prefix), to tell a table read before.</summary>
    internal readonly byte[] Bytes;
    internal readonly Entry[] Entries;
    internal readonly Member[] Members;
    internal readonly Case[] Cases;
    // Per entry, at the same positions as its members: their keys in increasing order.
    private readonly int[] _sortedKeys;

    // Per entry, the reader model last compared with it and whether its layout is the entry's (see IsStraight): one
    // slot an entry, so a table cached for a root type holds at most one answer per entry.
    private readonly ReaderLayout?[] _readers;

    private sealed class ReaderLayout(ModelSchema reader, bool straight)
    {
        public readonly ModelSchema Reader = reader;
        public readonly bool Straight = straight;
    }

    private SchemaTable(byte[] bytes, Entry[] entries, Member[] members, Case[] cases, int[] sortedKeys)
    {
        _sortedKeys = sortedKeys;
        _readers = new ReaderLayout?[entries.Length];
        Bytes = bytes;
        Entries = entries;
        Members = members;
        Cases = cases;
    }

    /// <summary>Whether the values of entry 0 hold model objects: another entry, or a member whose objects are described
    /// by one (a recursive model's refer to entry 0 itself).</summary>
    internal bool HoldsModels
    {
        get
        {
            if (Entries.Length != 1) return true;
            foreach (Member member in Members)
                if (member.ModelRef >= 0) return true;
            return false;
        }
    }

    internal ReadOnlySpan<byte> Name(int entry) => Bytes.AsSpan(Entries[entry].NameStart, Entries[entry].NameLength);

    internal string NameText(int entry) => Encoding.UTF8.GetString(Name(entry));

    // Each member's name and type name (2 × its index, 2 × its index + 1), read from the table's bytes the first time a
    // kept member needs them: reading a table for the common case does not create these strings.
    private string[]? _memberTexts;

    /// <summary>The serialized name and the type name (docs/format.md §5) of member <paramref name="member"/>.</summary>
    internal (string Name, string Type) MemberText(int member)
    {
        string[] texts = _memberTexts ??= ReadMemberTexts();
        return (texts[2 * member], texts[2 * member + 1]);
    }

    private string[] ReadMemberTexts()
    {
        // The bytes were checked by Parse: this walk only collects the strings.
        var texts = new string[2 * Members.Length];
        var reader = new ModelReader(Bytes, 0, ModelSerializerOptions.Default);
        int entries = (int)reader.ReadVarUInt64(), member = 0;
        for (int i = 0; i < entries; i++)
        {
            reader.ReadUtf8(FormatLimits.MaxSchemaName);
            reader.ReadVarUInt64();
            reader.ReadFixed64();
            bool union = reader.ReadByte() == 1;
            int count = (int)reader.ReadVarUInt64();
            for (int m = 0; m < count; m++)
            {
                if (union)
                {
                    reader.ReadUtf8(FormatLimits.MaxSchemaName);
                    reader.ReadVarUInt64();
                    continue;
                }
                reader.ReadVarUInt64();
                texts[2 * member] = Encoding.UTF8.GetString(reader.ReadUtf8(FormatLimits.MaxSchemaName));
                texts[2 * member + 1] = Encoding.UTF8.GetString(reader.ReadUtf8(FormatLimits.MaxSchemaName));
                if ((reader.ReadByte() & ModelRefBit) != 0) reader.ReadVarUInt64();
                member++;
            }
        }
        return texts;
    }

    /// <summary>What 16 Bytes inside member <paramref name="member"/>'s value are, by its type name's scalar names:
    /// the one of <c>int128</c>/<c>uint128</c>, <c>decimal</c> and <c>complex</c> it names; unknown when it names
    /// several (a map of Int128 keys and decimal values); other when none. Read only where Bytes meet a number member.</summary>
    internal WideBytes WideBytesOf(int member)
    {
        // Once a member (each item of a widened list of a million comes here): its answer + 1, 0 before.
        byte[] known = _wideBytes ??= new byte[Members.Length];
        if (known[member] == 0) known[member] = (byte)(Classify(MemberText(member).Type) + 1);
        return (WideBytes)(known[member] - 1);
    }

    private byte[]? _wideBytes;

    private static WideBytes Classify(string type)
    {
        bool isDecimal = false, isInteger = false, isComplex = false;
        foreach (string name in type.Split(['<', '>', ',', '[', ']', '?']))
        {
            isDecimal |= name == "decimal";
            isInteger |= name is "int128" or "uint128";
            isComplex |= name == "complex";
        }
        int kinds = (isDecimal ? 1 : 0) + (isInteger ? 1 : 0) + (isComplex ? 1 : 0);
        return kinds switch
        {
            0 => WideBytes.Other,
            1 => isDecimal ? WideBytes.Decimal : isInteger ? WideBytes.Integer : WideBytes.Complex,
            _ => WideBytes.Unknown,
        };
    }

    /// <summary>The schema of the reader model that read <paramref name="entry"/> last (every object begun with an entry
    /// compares that entry with its reader first, <see cref="IsStraight{T}"/>), or null.</summary>
    internal ModelSchema? ReaderOf(int entry) => _readers[entry]?.Reader;

    /// <summary>The entry that lists member <paramref name="member"/> (an index in <see cref="Members"/>).</summary>
    internal int EntryOf(int member)
    {
        for (int i = 0; i < Entries.Length; i++)
            if (!Entries[i].IsUnion && member >= Entries[i].First && member < Entries[i].First + Entries[i].Count) return i;
        return -1;
    }

    /// <summary>The index in <see cref="Members"/> of the member of <paramref name="entry"/> with <paramref name="key"/>, or -1.</summary>
    internal int MemberIndex(int entry, int key)
    {
        Entry e = Entries[entry];
        if (e.IsUnion) return -1;
        for (int i = e.First; i < e.First + e.Count; i++)
            if (Members[i].Key == key) return i;
        return -1;
    }

    /// <summary>The entry of the case of union <paramref name="entry"/> whose tag is <paramref name="tag"/>, or -1.</summary>
    internal int CaseEntry(int entry, string tag)
    {
        Entry e = Entries[entry];
        if (!e.IsUnion) return -1;
        for (int i = e.First; i < e.First + e.Count; i++)
            if (Cases[i].Tag == tag) return Cases[i].Entry;
        return -1;
    }

    /// <summary>True when <paramref name="key"/> is a member key of <paramref name="entry"/>.</summary>
    internal bool HasKey(int entry, int key)
    {
        Entry e = Entries[entry];
        return !e.IsUnion && Array.BinarySearch(_sortedKeys, e.First, e.Count, key) >= 0;
    }

    /// <summary>True when <paramref name="entry"/> lists the members of <typeparamref name="T"/> (whose schema is
    /// <paramref name="schema"/>) as the reader's own table does: the same keys, wire types and nullability in the same
    /// order. Then every member can be read in order with the reader's codec, exactly as the tagged loop would read it;
    /// any other layout (members added, removed, reordered, renamed keys, another wire type) takes that loop. Decided
    /// once per entry and reader type, and kept with the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsStraight<T>(int entry, ModelSchema schema) where T : IModelSerializable<T>
    {
        ReaderLayout? known = _readers[entry];
        return known is not null && ReferenceEquals(known.Reader, schema) ? known.Straight : Resolve<T>(entry, schema);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Resolve<T>(int entry, ModelSchema schema) where T : IModelSerializable<T>
    {
        SchemaTable? own = SchemaTables<T>.Own;
        bool straight = own is not null && SameMembers(this, Entries[entry], own, own.Entries[0]);
        // A reference write: readers on other threads see the old answer or this one, never a torn one.
        _readers[entry] = new ReaderLayout(schema, straight);
        return straight;
    }

    private static bool SameMembers(SchemaTable a, Entry x, SchemaTable b, Entry y)
    {
        if (x.IsUnion || y.IsUnion || x.Count != y.Count) return false;
        for (int i = 0; i < x.Count; i++)
        {
            Member m = a.Members[x.First + i];
            Member n = b.Members[y.First + i];
            if (m.Key != n.Key || m.WireType != n.WireType || m.Nullable != n.Nullable) return false;
        }
        return true;
    }

    /// <summary>Reads and checks a table; <paramref name="offset"/> is where it starts in the input (for errors).</summary>
    internal static SchemaTable Parse(ReadOnlySpan<byte> table, long offset)
    {
        var reader = new ModelReader(table, offset, ModelSerializerOptions.Default);
        long at = reader.Offset;
        int entryCount = reader.ReadLength(13);
        if (entryCount < 1 || entryCount > FormatLimits.MaxSchemaEntries)
            throw new ModelFormatException($"the schema table has {entryCount} entries; it must have 1 to {FormatLimits.MaxSchemaEntries}", at);
        var entries = new Entry[entryCount];
        var members = new List<Member>();
        var cases = new List<Case>();
        var sortedKeys = new List<int>(); // each entry's keys, sorted: to find duplicates, and extension keys later
        for (int i = 0; i < entryCount; i++)
        {
            ReadOnlySpan<byte> name = NonEmpty(ref reader, "model name");
            int nameStart = (int)(reader.Offset - offset) - name.Length;
            at = reader.Offset;
            ulong version = reader.ReadVarUInt64();
            if (version < 1 || version > int.MaxValue) throw new ModelFormatException($"schema version {version} is out of range", at);
            ulong fingerprint = reader.ReadFixed64();
            at = reader.Offset;
            byte kind = reader.ReadByte();
            if (kind > 1) throw new ModelFormatException($"unknown schema table entry kind {kind}", at);
            at = reader.Offset;
            if (kind == 1)
            {
                int caseCount = reader.ReadLength(3);
                if (caseCount < 1 || caseCount > FormatLimits.MaxSchemaMembers)
                    throw new ModelFormatException($"a union has {caseCount} cases; it must have 1 to {FormatLimits.MaxSchemaMembers}", at);
                int first = cases.Count;
                for (int c = 0; c < caseCount; c++)
                {
                    string tag = Encoding.UTF8.GetString(NonEmpty(ref reader, "union tag"));
                    for (int d = first; d < cases.Count; d++)
                        if (cases[d].Tag == tag) throw new ModelFormatException($"union tag '{tag}' appears twice", reader.Offset);
                    cases.Add(new Case(tag, EntryIndex(ref reader, entryCount)));
                }
                entries[i] = new Entry(nameStart, name.Length, (int)version, fingerprint, true, first, caseCount);
                continue;
            }
            int memberCount = reader.ReadLength(6);
            if (memberCount > FormatLimits.MaxSchemaMembers)
                throw new ModelFormatException($"a model has {memberCount} members; the limit is {FormatLimits.MaxSchemaMembers}", at);
            int firstMember = members.Count;
            for (int m = 0; m < memberCount; m++)
            {
                at = reader.Offset;
                ulong key = reader.ReadVarUInt64();
                if (key < FormatLimits.FirstMemberKey || key > FormatLimits.LastMemberKey)
                    throw new ModelFormatException($"member key {key} is out of range ({FormatLimits.FirstMemberKey} to {FormatLimits.LastMemberKey})", at);
                NonEmpty(ref reader, "member name");
                ReadOnlySpan<byte> type = NonEmpty(ref reader, "member type");
                at = reader.Offset;
                byte descriptor = reader.ReadByte();
                var wireType = (WireType)(descriptor & 7);
                bool hasRef = (descriptor & ModelRefBit) != 0;
                bool nullable = (descriptor & NullableBit) != 0;
                if ((descriptor & 0xE0) != 0 || wireType == WireType.Marker)
                    throw new ModelFormatException($"invalid member descriptor 0x{descriptor:x2}", at);
                if (nullable != (type[type.Length - 1] == (byte)'?'))
                    throw new ModelFormatException($"the nullable bit of descriptor 0x{descriptor:x2} disagrees with the member type", at);
                if (wireType == WireType.Object ? !hasRef : hasRef && wireType != WireType.Sequence)
                    throw new ModelFormatException($"member descriptor 0x{descriptor:x2}: only Object and Sequence members refer to a model, and an Object member must", at);
                int modelRef = hasRef ? EntryIndex(ref reader, entryCount) : -1;
                members.Add(new Member((int)key, wireType, nullable, modelRef));
            }
            entries[i] = new Entry(nameStart, name.Length, (int)version, fingerprint, false, firstMember, memberCount);
            sortedKeys.Capacity = Math.Max(sortedKeys.Capacity, members.Count);
            for (int m = firstMember; m < members.Count; m++) sortedKeys.Add(members[m].Key);
            sortedKeys.Sort(firstMember, memberCount, null);
            for (int m = firstMember + 1; m < members.Count; m++)
                if (sortedKeys[m] == sortedKeys[m - 1]) throw new ModelFormatException($"member key {sortedKeys[m]} appears twice in entry {i}", at);
        }
        if (reader.Remaining != 0)
            throw new ModelFormatException($"the schema table ends {reader.Remaining} bytes before its length", reader.Offset);
        foreach (Case c in cases)
            if (entries[c.Entry].IsUnion) throw new ModelFormatException($"union case '{c.Tag}' refers to another union", offset);
        return new SchemaTable(table.ToArray(), entries, members.ToArray(), cases.ToArray(), sortedKeys.ToArray());
    }

    /// <summary>A name, type name or tag of the table (or of a member description, <paramref name="where"/>): 1 to
    /// <see cref="FormatLimits.MaxSchemaName"/> bytes of valid UTF-8 after their length.</summary>
    internal static ReadOnlySpan<byte> NonEmpty(ref ModelReader reader, string what, string where = "the schema table")
    {
        long at = reader.Offset;
        ReadOnlySpan<byte> text = reader.ReadUtf8(FormatLimits.MaxSchemaName);
        if (text.IsEmpty) throw new ModelFormatException($"empty {what} in {where}", at);
        return text;
    }

    private static int EntryIndex(ref ModelReader reader, int entryCount)
    {
        long at = reader.Offset;
        ulong index = reader.ReadVarUInt64();
        if (index >= (ulong)entryCount) throw new ModelFormatException($"schema table entry {index} does not exist ({entryCount} entries)", at);
        return (int)index;
    }
}

/// <summary>The format-2 header of <typeparamref name="T"/> (built once), and the table last read for it: a reader
/// that meets the same table again does not parse it again. One table per type is kept, so untrusted inputs with
/// ever-different tables cannot grow memory.</summary>
internal static class SchemaTables<T> where T : IModelSerializable<T>
{
    private static byte[]? s_table;
    private static byte[]? s_withChecksum;
    private static byte[]? s_withoutChecksum;
    private static SchemaTable? s_lastRead;

    private static SchemaTable? s_own;
    private static bool s_ownFailed;

    internal static byte[] Table => s_table ??= SchemaTableBuilder.Build<T>();

    /// <summary>The reader's own table of <typeparamref name="T"/> (entry 0 is <typeparamref name="T"/>), to compare a
    /// writer's entry with; null when <typeparamref name="T"/> cannot be written in format 2 (a member naming two
    /// models), whose objects are then always read by the tagged loop.</summary>
    internal static SchemaTable? Own
    {
        get
        {
            if (s_own is not null || s_ownFailed) return s_own;
            try
            {
                s_own = SchemaTable.Parse(Table, 0);
            }
            catch (InvalidOperationException)
            {
                s_ownFailed = true;
            }
            return s_own;
        }
    }

    /// <summary>Magic, version 2, flags, table length and table: the whole header, copied in one go.</summary>
    internal static byte[] Header(bool checksum)
    {
        byte[]? header = checksum ? s_withChecksum : s_withoutChecksum;
        if (header is not null) return header;
        byte[] table = Table;
        var bytes = new List<byte>(table.Length + 10);
        bytes.AddRange(Envelope.Magic.ToArray());
        bytes.Add(2);
        bytes.Add(checksum ? Envelope.ChecksumFlag : (byte)0);
        SchemaTableBuilder.WriteVarint(bytes, (ulong)table.Length);
        bytes.AddRange(table);
        header = bytes.ToArray();
        if (checksum) s_withChecksum = header;
        else s_withoutChecksum = header;
        return header;
    }

    /// <summary>The table read last for <typeparamref name="T"/>, or null.</summary>
    internal static SchemaTable? LastRead => s_lastRead;

    internal static SchemaTable Read(ReadOnlySpan<byte> table, long offset)
    {
        SchemaTable? last = s_lastRead;
        if (last is not null && table.SequenceEqual(last.Bytes)) return last;
        SchemaTable parsed = SchemaTable.Parse(table, offset);
        s_lastRead = parsed;
        return parsed;
    }
}
