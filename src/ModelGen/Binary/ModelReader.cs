using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ModelGen.Internal;

/// <summary>A field tag: the member key and how its value is laid out.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct FieldTag(int Key, WireType WireType)
{
    /// <summary>True for the end marker of an object.</summary>
    public bool IsEnd => Key == FieldKeys.End && WireType == WireType.Marker;

    /// <summary>True for a null value.</summary>
    public bool IsNull => Key != FieldKeys.End && WireType == WireType.Marker;
}

/// <summary>Reads the binary format from a span; called by generated code. Every length is checked against
/// the bytes that remain before anything is allocated, and every failure is a <see cref="ModelFormatException"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ModelReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private readonly int _maxDepth;
    // When set, the checksum is computed while reading: bulk copies copy and hash in one pass (StreamingChecksum), so
    // large arrays are read from memory once; the caller hashes the rest at the end and compares.
    private readonly StreamingChecksum? _hash;
    private int _pos;
    private int _hashed;
    private int _depth;
    private long _elementBudget;
    private readonly bool _rejectUnknownMembers;
    // Format 2 (docs/format.md §9): the writer's schema table, whether objects are positional here (false inside
    // extension fields, which are format 1), the table entry of the next object to begin (set by the member or item
    // that holds it) and the case entry chosen by a union's case number.
    private SchemaTable? _table;
    private bool _positional;
    private int _nextEntry;
    private int _caseEntry;
    // The index in the table's members of the member ReadTag(ref frame) returned last (or NextMember began in a
    // straight frame), while it is being read: a member kept because this model does not know it is named and typed
    // by the table (UnknownMembers.Capture), and 16 Bytes read into an integer are told apart by its type name
    // (WriterWideBytes).
    private int _member;
    // The member description (extension key 3, docs/format.md §9.3) of the extension field whose tag ends at
    // _describedAt: its name and type, for UnknownMembers.Capture right after that tag.
    private string? _describedName;
    private string? _describedType;
    private int _describedAt;
    private int _describedEntry;
    // Over the fields a build kept ("$fields", UnknownMembers.ReadFields): the values of the JSON or dictionary read
    // they are part of (a StrongBox of the model's values holder), which the model's binary read goes on from.
    private object? _keptValues;

    // The table entry of the object whose fields "$fields" holds (UnknownMembers.ReadFields): BeginObject begins a
    // frame of kept fields (ObjectFrame.Kept).
    private const int KeptFieldsEntry = -2;

    internal ModelReader(ReadOnlySpan<byte> data, long baseOffset, ModelSerializerOptions options, StreamingChecksum? hash = null)
    {
        _data = data;
        _baseOffset = baseOffset;
        _maxDepth = options.MaxDepth;
        _elementBudget = options.MaxElementCount;
        _rejectUnknownMembers = options.RejectUnknownMembers;
        _hash = hash;
        _pos = 0;
        _hashed = 0;
        _depth = 0;
        _table = null;
        _positional = false;
        _nextEntry = -1;
        _caseEntry = -1;
        _member = -1;
        _describedName = null;
        _describedType = null;
        _describedAt = -1;
    }

    /// <summary>Reads a format-2 payload described by <paramref name="table"/>; the root object is its entry 0.</summary>
    internal void UseTable(SchemaTable table)
    {
        _table = table;
        _positional = true;
        _nextEntry = 0;
    }

    /// <summary>Reads one byte.</summary>
    internal byte ReadByte() => Take(1)[0];

    /// <summary>Begins reading an object of <typeparamref name="T"/> (whose <see cref="IModelSerializable{T}.Schema"/> is
    /// <paramref name="schema"/>, passed so that the check per object is one comparison): in format 1 the object's tags
    /// follow; in format 2 its members follow in the order of the writer's table entry. The frame says which, whether
    /// that entry is the reader's own layout (<see cref="ObjectFrame.Straight"/>: the members can be read in order
    /// without tags), and the object's data version before any version field (format 1: 1; format 2: the entry's
    /// schema version).</summary>
    public ObjectFrame BeginObject<T>(ModelSchema schema) where T : IModelSerializable<T>
    {
        if (!_positional) return new ObjectFrame(1);
        int entry = _caseEntry >= 0 ? _caseEntry : _nextEntry;
        _caseEntry = -1;
        if (entry < 0) return entry == KeptFieldsEntry ? BeginKeptFields() : throw Error("a model object where the writer's schema table has no model");
        SchemaTable table = _table!;
        ref readonly SchemaTable.Entry e = ref table.Entries[entry];
        if (e.IsUnion) throw UnionHere(table, entry);
        bool straight = table.IsStraight<T>(entry, schema);
        // A straight frame's members are read by the generated code: the table walk resumes at the extension count.
        return new ObjectFrame(e.Version)
        {
            Positional = true, StraightRead = straight, Members = table.Members, Entry = entry, First = e.First,
            Next = straight ? e.First + e.Count : e.First, End = e.First + e.Count, Extensions = -1, CallerNext = _nextEntry,
            CallerMember = _member,
        };
    }

    // The object whose fields "$fields" holds: format-1 fields up to the end of the bytes, which ends the object. It
    // begins positional, with no members of a table, so that the generated read takes none of its reads of the
    // reader's own layout (straight, own or tagged: the values it goes on from are not its own) and ReadTag leaves
    // its format-1 path for ReadExtensionTag, which reads the fields (ReadKeptTag), each value as format 1.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ObjectFrame BeginKeptFields()
    {
        _nextEntry = -1;
        return new ObjectFrame(1) { Positional = true, KeptRead = true };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException UnionHere(SchemaTable table, int entry) =>
        Error($"the data holds a value of union '{table.NameText(entry)}' here, not a model object");

    /// <summary>True when the items of the sequence about to be read are at a level below the depth limit (and below
    /// the depth where the stack is looked at), and in format 2 objects of <typeparamref name="T"/>'s own layout
    /// (<see cref="SchemaTable.IsStraight{T}"/>) and version: then <see cref="IModelSerializable{TSelf}.ReadStraightItems"/>
    /// may read them, each as the checked read would, without a frame or a level counted per item.</summary>
    internal readonly bool StraightItems<T>(ModelSchema schema) where T : IModelSerializable<T>
    {
        if (_depth >= _maxDepth || _depth >= FormatLimits.DefaultMaxDepth) return false;
        // Format 1 has no layout to compare: the loop compares each tag with the reader's own.
        if (!_positional) return true;
        int entry = _nextEntry;
        if (_caseEntry >= 0 || entry < 0) return false;
        SchemaTable table = _table!;
        ref readonly SchemaTable.Entry e = ref table.Entries[entry];
        return !e.IsUnion && e.Version == schema.Version && table.IsStraight<T>(entry, schema);
    }

    /// <summary>True in format 2, where objects are positional (<see cref="BeginObject"/>); false in format 1.</summary>
    public readonly bool IsPositional => _positional;

    /// <summary>The bytes not read yet, for a loop of straight items (<see cref="IModelSerializable{TSelf}.ReadStraightItems"/>)
    /// that checks the room of each item before reading it and then moves on by <see cref="Advance"/>.</summary>
    public readonly ReadOnlySpan<byte> Unread => _data.Slice(_pos);

    /// <summary>Moves past <paramref name="count"/> bytes of <see cref="Unread"/>, which were read.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)Remaining) throw Truncated(count);
        _pos += count;
    }

    /// <summary>After a generated read of an object in the reader's own layout from <see cref="Unread"/> (format 1 with
    /// tags, or a straight frame of format 2), which read <paramref name="length"/> bytes up to and including the
    /// object's end and arrays of <paramref name="elements"/> elements: charges the elements and moves past the bytes,
    /// and in format 2 ends the frame as <see cref="EndStraight"/> does. False, with nothing done, when the elements are
    /// more than the limit leaves (the checked read reports it, with the member).</summary>
    public bool TryEndOwn(ref ObjectFrame frame, int length, long elements)
    {
        if ((uint)length > (uint)Remaining || elements > _elementBudget) return false;
        _elementBudget -= elements;
        _pos += length;
        if (frame.Positional)
        {
            _nextEntry = frame.CallerNext;
            _member = frame.CallerMember;
        }
        return true;
    }

    /// <summary>After the members of a straight frame: reads the extension count and returns true when there are none
    /// (the object ends here); otherwise <see cref="ReadTag(ref ObjectFrame)"/> reads the extension fields and the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool EndStraight(ref ObjectFrame frame)
    {
        // Almost always one byte 0: no extension fields.
        int p = _pos;
        if ((uint)p < (uint)_data.Length && _data[p] == 0)
        {
            _pos = p + 1;
            _nextEntry = frame.CallerNext;
            _member = frame.CallerMember;
            return true;
        }
        return EndStraightSlow(ref frame);
    }

    private bool EndStraightSlow(ref ObjectFrame frame)
    {
        long offset = Offset;
        ulong n = ReadVarUInt64();
        if (n == 0)
        {
            _nextEntry = frame.CallerNext;
            _member = frame.CallerMember;
            return true;
        }
        if (n > (ulong)Remaining / 2) throw new ModelFormatException($"length {n} is larger than the {Remaining} bytes that remain", offset);
        frame.Extensions = (int)n;
        return false;
    }

    /// <summary>In a straight frame, the member at <paramref name="index"/> of the entry is about to be read: the
    /// objects inside its value are described by its model-ref.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void NextMember(in ObjectFrame frame, int index)
    {
        _member = frame.First + index;
        _nextEntry = frame.Members![_member].ModelRef;
    }

    /// <summary>What the writer's table says 16 Bytes inside the value being read are (docs/format.md §9.3): the
    /// integer of an <c>int128</c> or <c>uint128</c>, a <c>decimal</c> or a <c>complex</c>, by the member's type name;
    /// unknown in format 1, in extension fields, and for a type that names several. A number member of an older build
    /// reads a newer build's widened value by it (format 1 tells them apart by the bytes alone), and refuses Bytes of
    /// any other type (format 1 could read a Guid's or a decimal's bytes into a double as a Complex).</summary>
    internal readonly WideBytes WriterWideBytes => _positional && _member >= 0 ? _table!.WideBytesOf(_member) : WideBytes.Unknown;

    /// <summary>The writer's type name of the member being read (format 2), for an error message; null in format 1.</summary>
    internal readonly string? WriterType => _positional && _member >= 0 ? _table!.MemberText(_member).Type : null;

    /// <summary>Reads the next field of the object begun with <paramref name="frame"/>: a tag in format 1; in format 2
    /// the next member of the writer's table (a null when its presence byte is 0), then the extension fields, then the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FieldTag ReadTag(ref ObjectFrame frame)
    {
        if (!frame.Positional) return ReadTag();
        if (frame.Next < frame.End)
        {
            _member = frame.Next++;
            SchemaTable.Member m = frame.Members![_member];
            _nextEntry = m.ModelRef;
            return m.Nullable ? ReadPresence(m) : new FieldTag(m.Key, m.WireType);
        }
        return ReadExtensionTag(ref frame);
    }

    private FieldTag ReadPresence(SchemaTable.Member m)
    {
        byte presence = ReadByte();
        if (presence == 0) return new FieldTag(m.Key, WireType.Marker);
        if (presence != 1) throw BadPresence(presence);
        return new FieldTag(m.Key, m.WireType);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException BadPresence(byte presence) => new($"presence byte {presence} is neither 0 nor 1", Offset - 1);

    private FieldTag ReadExtensionTag(ref ObjectFrame frame)
    {
        if (frame.KeptRead) return ReadKeptTag();
        // After an extension field's value (format 1), the object's own framing resumes.
        _positional = true;
        _member = -1;
        if (frame.Extensions < 0) frame.Extensions = ReadLength(2);
        if (frame.Extensions == 0)
        {
            _nextEntry = frame.CallerNext;
            _member = frame.CallerMember;
            return new FieldTag(FieldKeys.End, WireType.Marker);
        }
        frame.Extensions--;
        long offset = Offset;
        FieldTag tag = ReadTag();
        bool described = tag.Key == FieldKeys.MemberDescription && tag.WireType == WireType.Bytes;
        if (described)
        {
            ReadDescription();
            if (frame.Extensions == 0) throw new ModelFormatException("a member description (extension key 3) must be followed by the member it describes", Offset);
            frame.Extensions--;
            offset = Offset;
            tag = ReadTag();
            _describedAt = _pos;
            _describedEntry = frame.Entry;
        }
        bool allowed = tag.Key switch
        {
            FieldKeys.ItemOrVersion => !described && tag.WireType == WireType.VarInt,
            FieldKeys.NamedMember => !described && tag.WireType == WireType.Bytes,
            _ => tag.Key >= FieldKeys.FirstMemberKey && !_table!.HasKey(frame.Entry, tag.Key),
        };
        if (!allowed)
            throw new ModelFormatException($"extension field key {tag.Key} ({tag.WireType}) is not allowed: extension fields are the data version (key 1), named members (key 4) or members the table entry does not list, the last after at most one description (key 3)", offset);
        // Extension fields are format 1 throughout (docs/format.md §9.3).
        _positional = false;
        return tag;
    }

    // A member description: the Bytes of a name and a type name, each a string as in the schema table.
    private void ReadDescription()
    {
        ReadOnlySpan<byte> bytes = ReadBytes();
        var body = new ModelReader(bytes, Offset - bytes.Length, ModelSerializerOptions.Default);
        _describedName = Encoding.UTF8.GetString(SchemaTable.NonEmpty(ref body, "member name", "a member description"));
        _describedType = Encoding.UTF8.GetString(SchemaTable.NonEmpty(ref body, "member type", "a member description"));
        if (body.Remaining != 0) throw new ModelFormatException($"a member description has {body.Remaining} bytes after its type", body.Offset);
    }

    /// <summary>Reads which case of a union the value is: format 1 reads the tag field (key 2) that starts the case's
    /// object, format 2 the case number that indexes the union's cases in the writer's table. Null when absent.</summary>
    public string? ReadUnionTag()
    {
        if (!_positional)
        {
            FieldTag first = ReadTag();
            return first.Key == FieldKeys.UnionTag && first.WireType == WireType.Bytes ? ReadString() : null;
        }
        int entry = _nextEntry;
        if (entry < 0) throw Error("a union value where the writer's schema table has no model");
        SchemaTable.Entry e = _table!.Entries[entry];
        if (!e.IsUnion) throw Error($"expected a union value but the data holds a '{_table.NameText(entry)}' object");
        long at = Offset;
        ulong c = ReadVarUInt64();
        if (c >= (ulong)e.Count) throw new ModelFormatException($"union case {c} does not exist ('{_table.NameText(entry)}' has {e.Count} cases)", at);
        SchemaTable.Case union = _table.Cases[e.First + (int)c];
        _caseEntry = union.Entry;
        return union.Tag;
    }

    /// <summary>The name and type of the field whose tag was just read, when the data gives them: a format-2 member
    /// (the writer's table) or an extension field after a member description; null for format-1 fields.</summary>
    internal readonly KeptDescription? KeptMember
    {
        get
        {
            KeptDescription? described;
            int entry;
            if (_positional)
            {
                if (_member < 0) return null;
                described = KeptDescription.Of(_table!, _member);
                entry = _table!.EntryOf(_member);
            }
            else
            {
                if (_describedAt != _pos || _describedName is null) return null;
                described = new KeptDescription(_describedName, _describedType!, null, -1);
                entry = _describedEntry;
            }
            // A kept member named as one of the reader's own members (a key changed under the same name, or a tampered
            // table) is not named: written to JSON, the two would be one property twice, and the reader would take one.
            ModelSchema? reader = entry >= 0 ? _table!.ReaderOf(entry) : null;
            return reader is null || !KeptDescription.Clashes(reader, described.Name) ? described : null;
        }
    }

    /// <summary>The nesting limit of the options this reader was made with.</summary>
    internal readonly int MaxDepth => _maxDepth;

    /// <summary>True when a member the model does not declare is an error (<see cref="ModelSerializerOptions.RejectUnknownMembers"/>).</summary>
    internal readonly bool RejectsUnknownMembers => _rejectUnknownMembers;

    /// <summary>Hashes the bytes not hashed yet, up to <paramref name="end"/>.</summary>
    private void HashTo(int end)
    {
        if (end > _hashed)
        {
            _hash!.Append(_data.Slice(_hashed, end - _hashed));
            _hashed = end;
        }
    }

    /// <summary>Hashes every byte not hashed yet (at the end of the payload).</summary>
    internal void HashRest()
    {
        if (_hash is not null) HashTo(_data.Length);
    }

    /// <summary>The offset in the whole input of the next byte.</summary>
    public readonly long Offset => _baseOffset + _pos;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _pos;

    /// <summary>Creates a format exception at the current offset.</summary>
    public readonly ModelFormatException Error(string reason) => new(reason, Offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException Truncated(int needed) =>
        Error($"unexpected end of data: {needed} more bytes needed, {Remaining} left");

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining) throw Truncated(count);
        ReadOnlySpan<byte> s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    /// <summary>Reads an unsigned LEB128 varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarUInt64()
    {
        // Fast path for the one- to three-byte varints of tags, lengths and small integers.
        ReadOnlySpan<byte> d = _data;
        int p = _pos;
        if ((uint)(p + 2) < (uint)d.Length)
        {
            uint b0 = d[p];
            if (b0 < 0x80) { _pos = p + 1; return b0; }
            uint b1 = d[p + 1];
            if (b1 < 0x80) { _pos = p + 2; return (b0 & 0x7F) | (b1 << 7); }
            uint b2 = d[p + 2];
            if (b2 < 0x80) { _pos = p + 3; return (b0 & 0x7F) | ((b1 & 0x7F) << 7) | (b2 << 14); }
        }
        return ReadVarUInt64Slow();
    }

    private ulong ReadVarUInt64Slow()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length) throw Truncated(1);
            byte b = _data[_pos++];
            if (shift == 63 && b > 1) throw Error("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw Error("varint longer than 10 bytes");
    }

    /// <summary>Reads a zigzag varint.</summary>
    public long ReadVarInt64()
    {
        ulong v = ReadVarUInt64();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>A reader of the fields a build kept from binary without their names and wrote to JSON or a dictionary
    /// (<see cref="UnknownMembers.FieldsName"/>): format-1 fields, which the model's binary read reads into
    /// <paramref name="values"/> (a <see cref="StrongBox{T}"/> of its values holder) as one object (<see cref="ObjectFrame.Kept"/>),
    /// with the depth limit and the unknown-member rule of the JSON or dictionary read they are part of (set for this
    /// thread by its entry point).</summary>
    internal static ModelReader OverKeptFields(ReadOnlySpan<byte> fields, object values) =>
        new(fields, 0, new ModelSerializerOptions { MaxDepth = Nesting.Limit, RejectUnknownMembers = UnknownMembers.RejectOnThisThread })
        {
            _positional = true, _nextEntry = KeptFieldsEntry, _keptValues = values,
        };

    /// <summary>In a frame of kept fields (<see cref="ObjectFrame.Kept"/>): the values the JSON or dictionary read found
    /// before them, which the binary read goes on from.</summary>
    public readonly TValues KeptValues<TValues>() => ((StrongBox<TValues>)_keptValues!).Value!;

    /// <summary>In a frame of kept fields (<see cref="ObjectFrame.Kept"/>), after them: the values go back to the JSON or
    /// dictionary read, which goes on from them.</summary>
    public readonly void KeepValues<TValues>(TValues values) => ((StrongBox<TValues>)_keptValues!).Value = values;

    // The next kept field, or the object's end at the end of the bytes. Only members' fields are kept there (keys from
    // FieldKeys.FirstMemberKey); anything else is an error.
    private FieldTag ReadKeptTag()
    {
        if (_pos == _data.Length) return new FieldTag(FieldKeys.End, WireType.Marker);
        long offset = Offset;
        FieldTag tag = ReadTag();
        if (tag.Key < FieldKeys.FirstMemberKey)
            throw new ModelFormatException($"\"{UnknownMembers.FieldsName}\" holds field key {tag.Key}: it keeps members' fields only (keys from {FieldKeys.FirstMemberKey})", offset);
        _positional = false;
        return tag;
    }

    /// <summary>Reads a field tag.</summary>
    public FieldTag ReadTag()
    {
        ulong v = ReadVarUInt64();
        if (v > ((ulong)FieldKeys.LastMemberKey << 3 | 7)) throw Error($"field key {v >> 3} is out of range");
        return new FieldTag((int)(v >> 3), (WireType)(v & 7));
    }

    /// <summary>Format 1: when the next bytes are <paramref name="length"/> (at most 8) bytes of a field tag or version
    /// field as they are written (<paramref name="bytes"/>, the first in its low byte), moves past them and returns true;
    /// otherwise reads nothing and returns false. Generated readers take the reader's own layout this way, field after
    /// field, while the data follows it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextIs(ulong bytes, int length)
    {
        int p = _pos;
        if (length == 1)
        {
            // One byte (the end marker, which is often the last byte of the data): no wider read.
            if ((uint)p >= (uint)_data.Length || _data[p] != (byte)bytes) return false;
            _pos = p + 1;
            return true;
        }
        if (_data.Length - p < sizeof(ulong)) return NextIsNearEnd(bytes, length);
        ulong found = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), p));
        if (!BitConverter.IsLittleEndian) found = BinaryPrimitives.ReverseEndianness(found);
        ulong mask = length >= 8 ? ulong.MaxValue : (1UL << (8 * length)) - 1;
        if ((found & mask) != bytes) return false;
        _pos = p + length;
        return true;
    }

    private bool NextIsNearEnd(ulong bytes, int length)
    {
        if (length > Remaining) return false;
        for (int i = 0; i < length; i++)
            if (_data[_pos + i] != (byte)(bytes >> (8 * i))) return false;
        _pos += length;
        return true;
    }

    /// <summary>Format 1: <see cref="NextIs"/> for the tag of field <paramref name="key"/> with
    /// <paramref name="wireType"/> (both constants where it is inlined, and so is the tag's encoding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool NextTagIs(int key, WireType wireType)
    {
        uint tag = (uint)key << 3 | (uint)wireType;
        if (tag < 1u << 7) return NextIs(tag, 1);
        if (tag < 1u << 14) return NextIs((tag & 0x7F | 0x80) | (ulong)(tag >> 7) << 8, 2);
        if (tag < 1u << 21) return NextIs((tag & 0x7F | 0x80) | (ulong)((tag >> 7) & 0x7F | 0x80) << 8 | (ulong)(tag >> 14) << 16, 3);
        if (tag < 1u << 28)
            return NextIs((tag & 0x7F | 0x80) | (ulong)((tag >> 7) & 0x7F | 0x80) << 8 | (ulong)((tag >> 14) & 0x7F | 0x80) << 16 | (ulong)(tag >> 21) << 24, 4);
        return NextIs((tag & 0x7F | 0x80) | (ulong)((tag >> 7) & 0x7F | 0x80) << 8 | (ulong)((tag >> 14) & 0x7F | 0x80) << 16
            | (ulong)((tag >> 21) & 0x7F | 0x80) << 24 | (ulong)(tag >> 28) << 32, 5);
    }

    /// <summary>Reads a length or count, checked to be at most what the remaining bytes can hold.</summary>
    public int ReadLength(int minBytesPerUnit = 1)
    {
        long offset = Offset;
        ulong n = ReadVarUInt64();
        if (n > (ulong)Remaining / (ulong)Math.Max(minBytesPerUnit, 1))
            throw new ModelFormatException($"length {n} is larger than the {Remaining} bytes that remain", offset);
        return (int)n;
    }

    /// <summary>Reads four little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadFixed32()
    {
        int p = _pos;
        if (_data.Length - p < 4) throw Truncated(4);
        _pos = p + 4;
        return BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(p));
    }

    /// <summary>Reads eight little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadFixed64()
    {
        int p = _pos;
        if (_data.Length - p < 8) throw Truncated(8);
        _pos = p + 8;
        return BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(p));
    }

    /// <summary>Reads a length-prefixed byte string.</summary>
    public ReadOnlySpan<byte> ReadBytes() => Take(ReadLength());

    /// <summary>Reads a length-prefixed UTF-8 string, rejecting invalid UTF-8.</summary>
    public string ReadString() => ReadString(int.MaxValue);

    /// <summary>Reads a length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(int maxBytes)
    {
        // Most strings of a model (names, labels) are short and ASCII: a one-byte length, and text that is its own UTF-16
        // checked and widened in one pass (ScalarRead.String). Anything else (or text found not to be ASCII,
        // or longer than the limit, which the checked read names) is decoded and checked as UTF-8.
        int p = _pos;
        if (ScalarRead.String(_data, ref p, out string text) && text.Length <= maxBytes)
        {
            _pos = p;
            return text;
        }
        return ReadUtf8String(maxBytes);
    }

    private string ReadUtf8String(int maxBytes)
    {
        long offset = Offset;
        int length = ReadLength();
        if (length > maxBytes) throw new ModelFormatException($"string of {length} bytes is longer than the limit of {maxBytes}", offset);
        ReadOnlySpan<byte> bytes = Take(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ModelFormatException("invalid UTF-8 in a string", offset);
        }
    }

    /// <summary>Reads a length-prefixed string of at most <paramref name="maxBytes"/> bytes as validated UTF-8, without decoding it.</summary>
    internal ReadOnlySpan<byte> ReadUtf8(int maxBytes)
    {
        long offset = Offset;
        int length = ReadLength();
        if (length > maxBytes) throw new ModelFormatException($"string of {length} bytes is longer than the limit of {maxBytes}", offset);
        ReadOnlySpan<byte> bytes = Take(length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw new ModelFormatException("invalid UTF-8 in a string", offset);
        return bytes;
    }

    /// <summary>Throws unless the wire type is the expected one.</summary>
    public readonly void Expect(WireType actual, WireType expected, string what)
    {
        if (actual != expected) throw WrongWireType(actual, expected, what);
    }

    // The errors of the small reads that are inlined into generated readers are made apart, so that their formatting
    // does not enlarge (and zero) every reader's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException WrongWireType(WireType actual, WireType expected, string what) => Error($"expected {what} ({expected}) but found {actual}");

    /// <summary>Charges elements against the configured maximum total element count.</summary>
    public void ChargeElements(long count)
    {
        _elementBudget -= count;
        if (_elementBudget < 0) throw Error("the input has more elements than the configured limit (MaxElementCount)");
    }

    /// <summary>Counts a nesting level against the configured maximum depth.</summary>
    public void Enter()
    {
        if (++_depth > _maxDepth) throw Error($"nesting is deeper than the limit of {_maxDepth}");
        if (_depth > FormatLimits.DefaultMaxDepth && !StackGuard.StackLeft()) throw Error(StackGuard.StackTooSmall(_maxDepth));
    }

    /// <summary>Ends a nesting level started with <see cref="Enter"/>.</summary>
    public void Exit() => _depth--;

    /// <summary>Reads a packed array header and checks that the element data fits in the remaining bytes.</summary>
    public PackedElement ReadPackedHeader(scoped Span<int> dims, out long count)
    {
        PackedElement element = (PackedElement)Take(1)[0];
        int size = PackedElements.SizeOf(element);
        if (size == 0) throw Error($"unknown packed element code {(byte)element}");
        int rank = (int)ReadVarUInt64();
        if (rank != dims.Length) throw Error($"expected an array of rank {dims.Length} but found rank {rank}");
        count = ReadDimensions(rank, dims);
        if (count * size > Remaining) throw Error($"packed array of {count} elements needs {count * size} bytes, {Remaining} left");
        ChargeElements(count);
        return element;
    }

    /// <summary>A packed array of rank 1 and fewer than 128 elements of <typeparamref name="T"/>'s own element type
    /// (<paramref name="element"/>): read in one step, as <see cref="ReadPackedHeader"/> and
    /// <see cref="ReadPackedElements{T}"/> read it. False, with nothing read, for any other array (the caller reads it
    /// with those, which also report what is wrong with it).</summary>
    internal bool TryReadShortPackedArray<T>(PackedElement element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T[]? array)
    {
        array = null;
        // A char array's surrogates are checked, and big-endian elements are reversed: the general read does both.
        if (typeof(T) == typeof(char) || !BitConverter.IsLittleEndian) return false;
        ReadOnlySpan<byte> d = _data;
        int p = _pos;
        if ((uint)(p + 2) >= (uint)d.Length || d[p] != (byte)element || d[p + 1] != 1 || d[p + 2] >= 0x80) return false;
        int count = d[p + 2];
        int bytes = count * Unsafe.SizeOf<T>();
        if (bytes > d.Length - (p + 3)) return false;
        _pos = p + 3;
        ChargeElements(count);
        array = new T[count];
        d.Slice(p + 3, bytes).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)), bytes));
        _pos = p + 3 + bytes;
        return true;
    }

    /// <summary>Reads packed elements of type <typeparamref name="T"/> written as <paramref name="element"/>,
    /// copying in bulk when they match and widening exactly when they differ (e.g. float32 data into double[]).</summary>
    public void ReadPackedElements<T>(PackedElement element, Span<T> destination)
    {
        PackedElement target = PackedElements.Of<T>();
        int size = PackedElements.SizeOf(element);
        ReadOnlySpan<byte> bytes = Take(checked(destination.Length * size));
        if (element == target)
        {
            Span<byte> dest = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)), destination.Length * size);
            if (_hash is null) bytes.CopyTo(dest);
            else CopyHashed(bytes, dest, _pos - bytes.Length);
            if (!BitConverter.IsLittleEndian && size > 1)
                for (int i = 0; i < dest.Length; i += size) dest.Slice(i, size).Reverse();
            if (typeof(T) == typeof(char))
            {
                // The writers refuse a surrogate as a char (docs/format.md §6.2): what reads must write again.
                int at = MemoryMarshal.Cast<byte, char>(dest).IndexOfAnyInRange('\uD800', '\uDFFF');
                if (at >= 0) throw new ModelFormatException(CharCodec.SurrogateChar(MemoryMarshal.Cast<byte, char>(dest)[at]), Offset - bytes.Length + 2L * at);
            }
            return;
        }
        long start = Offset - bytes.Length;
        for (int i = 0; i < destination.Length; i++)
        {
            if (!PackedElements.TryConvert(element, bytes.Slice(i * size, size), out destination[i]))
                throw new ModelFormatException($"element {i} ({element}) does not fit in {target} without loss", start + (long)i * size);
        }
    }

    // Hashes what precedes the bytes, then copies and hashes them in one pass (each byte read from memory once).
    private void CopyHashed(ReadOnlySpan<byte> bytes, Span<byte> dest, int start)
    {
        HashTo(start);
        _hash!.CopyAppend(bytes, dest);
        _hashed = start + bytes.Length;
    }

    /// <summary>The rank of the packed array that starts at the current position, without consuming it.</summary>
    public readonly int PeekPackedRank()
    {
        ModelReader copy = this;
        copy.Take(1);
        ulong rank = copy.ReadVarUInt64();
        return rank > 64 ? 65 : (int)rank;
    }

    /// <summary>The rank of the sequence that starts at the current position (0 for a map), without consuming it.</summary>
    public readonly int PeekSequenceRank()
    {
        ModelReader copy = this;
        ulong rank = copy.ReadVarUInt64();
        return rank > 64 ? 65 : (int)rank;
    }

    /// <summary>Reads a sequence header (rank, dimensions) and checks the item count against the remaining bytes.</summary>
    public long ReadSequenceHeader(scoped Span<int> dims)
    {
        int rank = (int)ReadVarUInt64();
        int expectedRank = dims.Length == 0 ? 0 : dims.Length;
        if (rank != expectedRank) throw Error(expectedRank == 0 ? $"expected a map but found a sequence of rank {rank}" : $"expected a sequence of rank {expectedRank} but found rank {rank}");
        if (rank == 0)
        {
            int entries = ReadLength(2);
            ChargeElements(entries);
            return entries;
        }
        long count = ReadDimensions(rank, dims);
        if (count > Remaining) throw Error($"sequence of {count} items cannot fit in the {Remaining} bytes that remain");
        ChargeElements(count);
        return count;
    }

    /// <summary>Reads the lengths of an array and returns its element count, or a count larger than the remaining bytes
    /// (which the caller rejects). Each length only has to be a valid array length: an empty array such as
    /// <c>float[1000, 0]</c> holds no elements, whatever its leading lengths. The lengths are stored in
    /// <paramref name="dims"/> unless it is empty (when skipping).</summary>
    private long ReadDimensions(int rank, scoped Span<int> dims)
    {
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            long offset = Offset;
            ulong n = ReadVarUInt64();
            if (n > (ulong)Array.MaxLength) throw new ModelFormatException($"length {n} is larger than the largest array", offset);
            if (!dims.IsEmpty) dims[i] = (int)n;
            // Saturates just above what the remaining bytes could hold, so the product cannot overflow.
            count = Math.Min(count * (long)n, (long)Remaining + 1);
        }
        return count;
    }

    /// <summary>Reads the tag of a sequence item or map key/value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WireType ReadItemTag()
    {
        // An item's tag is one byte: key 1 and the wire type.
        int p = _pos;
        if ((uint)p < (uint)_data.Length && (_data[p] & 0xF8) == FieldKeys.ItemOrVersion << 3)
        {
            _pos = p + 1;
            return (WireType)(_data[p] & 7);
        }
        return ReadItemTagSlow();
    }

    private WireType ReadItemTagSlow()
    {
        FieldTag tag = ReadTag();
        if (tag.Key != FieldKeys.ItemOrVersion) throw Error($"expected a sequence item but found field key {tag.Key}");
        return tag.WireType;
    }

    /// <summary>Skips a value and returns its raw bytes (to keep an unknown member).</summary>
    public ReadOnlySpan<byte> SkipAndGetRaw(WireType wireType)
    {
        int start = _pos;
        Skip(wireType);
        return _data.Slice(start, _pos - start);
    }

    private ReadOnlySpan<byte> SkipAndGetRawFormat1(WireType wireType)
    {
        int start = _pos;
        SkipFormat1(wireType);
        return _data.Slice(start, _pos - start);
    }

    /// <summary>Skips a value and returns it encoded in format 1: its raw bytes, or for a positional object or
    /// sequence of format 2 the same value with tags and end markers (docs/format.md §9.3: kept members are written
    /// back as format-1 extension fields).</summary>
    internal byte[] SkipAndGetFormat1(WireType wireType)
    {
        if (!_positional || wireType is not (WireType.Object or WireType.Sequence)) return SkipAndGetRaw(wireType).ToArray();
        using var buffer = new PooledBufferWriter();
        var writer = new ModelWriter(buffer, hash: null, int.MaxValue);
        Transcode(ref writer, wireType, _nextEntry);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private void Transcode(ref ModelWriter writer, WireType wireType, int entry)
    {
        if (wireType == WireType.Object)
        {
            Enter();
            SchemaTable.Entry e = ObjectEntry(ref entry, out string? tag);
            if (tag is not null)
            {
                writer.WriteTag(FieldKeys.UnionTag, WireType.Bytes);
                writer.WriteString(tag);
            }
            for (int i = e.First; i < e.First + e.Count; i++)
            {
                SchemaTable.Member m = _table!.Members[i];
                if (m.Nullable && ReadPresence() == 0)
                {
                    writer.WriteNull(m.Key);
                    continue;
                }
                writer.WriteTag(m.Key, m.WireType);
                if (m.WireType is WireType.Object or WireType.Sequence) Transcode(ref writer, m.WireType, m.ModelRef);
                else writer.WriteRaw(SkipAndGetRawFormat1(m.WireType));
            }
            int extensions = ReadLength(2);
            bool hasVersion = false;
            for (int i = 0; i < extensions; i++)
            {
                FieldTag field = ReadTag();
                if (field.Key == FieldKeys.MemberDescription && field.WireType == WireType.Bytes)
                {
                    ReadBytes(); // a member description: format 1 has no place for it (its fields are named by key)
                    continue;
                }
                hasVersion |= field.Key == FieldKeys.ItemOrVersion;
                writer.WriteTag(field.Key, field.WireType);
                writer.WriteRaw(SkipAndGetRawFormat1(field.WireType));
            }
            if (!hasVersion && e.Version != 1)
            {
                writer.WriteTag(FieldKeys.ItemOrVersion, WireType.VarInt);
                writer.WriteVarInt64(e.Version);
            }
            writer.WriteEnd();
            Exit();
            return;
        }
        if (wireType == WireType.Sequence)
        {
            Enter();
            int rank = ReadLength(0);
            writer.WriteVarUInt64((ulong)rank);
            long count;
            if (rank == 0)
            {
                int entries = ReadLength(2);
                writer.WriteVarUInt64((ulong)entries);
                count = 2L * entries;
            }
            else
            {
                count = 1;
                for (int i = 0; i < rank; i++)
                {
                    long offset = Offset;
                    ulong n = ReadVarUInt64();
                    if (n > (ulong)Array.MaxLength) throw new ModelFormatException($"length {n} is larger than the largest array", offset);
                    writer.WriteVarUInt64(n);
                    count = Math.Min(count * (long)n, (long)Remaining + 1);
                }
            }
            if (count > Remaining) throw Error("sequence is longer than the remaining data");
            for (long i = 0; i < count; i++)
            {
                WireType item = ReadItemTag();
                writer.WriteTag(FieldKeys.ItemOrVersion, item);
                if (item is WireType.Object or WireType.Sequence) Transcode(ref writer, item, entry);
                else writer.WriteRaw(SkipAndGetRawFormat1(item));
            }
            Exit();
            return;
        }
        writer.WriteRaw(SkipAndGetRawFormat1(wireType));
    }

    // The entry of a positional object about to be read: for a union, its case number is read and the case's entry
    // returned, with the case's tag.
    private SchemaTable.Entry ObjectEntry(ref int entry, out string? tag)
    {
        tag = null;
        if (entry < 0) throw Error("a model object where the writer's schema table has no model");
        SchemaTable.Entry e = _table!.Entries[entry];
        if (!e.IsUnion) return e;
        long at = Offset;
        ulong c = ReadVarUInt64();
        if (c >= (ulong)e.Count) throw new ModelFormatException($"union case {c} does not exist ('{_table.NameText(entry)}' has {e.Count} cases)", at);
        SchemaTable.Case union = _table.Cases[e.First + (int)c];
        tag = union.Tag;
        entry = union.Entry;
        return _table.Entries[entry];
    }

    /// <summary>Reads a presence byte (format 2): 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte ReadPresence()
    {
        int p = _pos;
        if ((uint)p < (uint)_data.Length && _data[p] <= 1)
        {
            _pos = p + 1;
            return _data[p];
        }
        return ReadPresenceSlow();
    }

    private byte ReadPresenceSlow()
    {
        byte presence = ReadByte();
        if (presence > 1) throw BadPresence(presence);
        return presence;
    }

    /// <summary>Skips a value of an unknown member.</summary>
    public void Skip(WireType wireType)
    {
        if (_positional && wireType is WireType.Object or WireType.Sequence) SkipPositional(wireType, _nextEntry);
        else SkipFormat1(wireType);
    }

    private void SkipPositional(WireType wireType, int entry)
    {
        Enter();
        if (wireType == WireType.Object)
        {
            SchemaTable.Entry e = ObjectEntry(ref entry, out _);
            for (int i = e.First; i < e.First + e.Count; i++)
            {
                SchemaTable.Member m = _table!.Members[i];
                if (m.Nullable && ReadPresence() == 0) continue;
                if (m.WireType is WireType.Object or WireType.Sequence) SkipPositional(m.WireType, m.ModelRef);
                else SkipFormat1(m.WireType);
            }
            int extensions = ReadLength(2);
            for (int i = 0; i < extensions; i++) SkipFormat1(ReadTag().WireType);
        }
        else
        {
            int rank = ReadLength(0);
            long count = rank == 0 ? 2L * ReadLength(2) : ReadDimensions(rank, default);
            if (count > Remaining) throw Error("sequence is longer than the remaining data");
            for (long i = 0; i < count; i++)
            {
                WireType item = ReadItemTag();
                if (item is WireType.Object or WireType.Sequence) SkipPositional(item, entry);
                else SkipFormat1(item);
            }
        }
        Exit();
    }

    /// <summary>How many levels a format-1 value nests (0: a scalar or packed array; an object or a sequence of items
    /// 1 more than its deepest value), counted as a reader counts them. The value was read and checked before (a kept
    /// member): a writer checks it fits below its depth limit where it writes it again.</summary>
    internal static int NestingOf(ReadOnlySpan<byte> value, WireType wireType)
    {
        var reader = new ModelReader(value, 0, NestingOptions);
        return reader.SkipFormat1(wireType);
    }

    private static readonly ModelSerializerOptions NestingOptions = new() { MaxDepth = int.MaxValue };

    // Returns how many levels the value nests (NestingOf).
    private int SkipFormat1(WireType wireType)
    {
        int deepest = 0;
        switch (wireType)
        {
            case WireType.VarInt: ReadVarUInt64(); return 0;
            case WireType.Fixed64: Take(8); return 0;
            case WireType.Fixed32: Take(4); return 0;
            case WireType.Bytes: ReadBytes(); return 0;
            case WireType.Marker: return 0;
            case WireType.Packed:
            {
                PackedElement element = (PackedElement)Take(1)[0];
                int size = PackedElements.SizeOf(element);
                if (size == 0) throw Error($"unknown packed element code {(byte)element}");
                int rank = ReadLength(0);
                long count = ReadDimensions(rank, default);
                if (count * size > Remaining) throw Error("packed array is longer than the remaining data");
                Take(checked((int)count * size));
                return 0;
            }
            case WireType.Object:
            {
                Enter();
                while (true)
                {
                    FieldTag tag = ReadTag();
                    if (tag.IsEnd) break;
                    deepest = Math.Max(deepest, SkipFormat1(tag.WireType));
                }
                Exit();
                return deepest + 1;
            }
            case WireType.Sequence:
            {
                Enter();
                int rank = ReadLength(0);
                long count = rank == 0 ? 2L * ReadLength(2) : ReadDimensions(rank, default);
                if (count > Remaining) throw Error("sequence is longer than the remaining data");
                for (long i = 0; i < count; i++) deepest = Math.Max(deepest, SkipFormat1(ReadItemTag()));
                Exit();
                return deepest + 1;
            }
            default:
                throw Error($"unknown wire type {(int)wireType}");
        }
    }
}

/// <summary>The state of one object being read (<see cref="ModelReader.BeginObject"/>): in format 2, where it is in the
/// writer's table entry.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ObjectFrame
{
    internal ObjectFrame(int version)
    {
        Version = version;
        CallerMember = -1;
    }

    /// <summary>The object's data version unless a version field says otherwise: 1 in format 1, the writer's schema
    /// version of the model in format 2.</summary>
    public readonly int Version { get; }

    /// <summary>True when the writer's table entry of this object lists the reader's own members (keys, wire types
    /// and nullability) in the reader's order: the generated reader then reads them in order, without tags
    /// (<see cref="MemberCodec{T, TCodec}.ReadNext"/>), before the extension fields.</summary>
    public readonly bool Straight => StraightRead;

    /// <summary>True when the object's fields are those a build kept from binary and wrote to JSON or a dictionary
    /// (<see cref="UnknownMembers.FieldsName"/>): the generated read goes on from the values that read found
    /// (<see cref="ModelReader.KeptValues{TValues}"/>), and at their end hands them back (<see cref="ModelReader.KeepValues{TValues}"/>)
    /// instead of making the model.</summary>
    public readonly bool Kept => KeptRead;

    internal bool Positional;
    internal bool StraightRead;
    internal bool KeptRead;
    internal SchemaTable.Member[]? Members;
    internal int Entry;
    internal int First;
    internal int Next;
    internal int End;
    internal int Extensions;
    internal int CallerNext;
    // The member of the caller's entry whose value holds this object (ModelReader._member), again the one being read
    // after it: a map's keys after an object value are told apart by its type name too.
    internal int CallerMember;
}
