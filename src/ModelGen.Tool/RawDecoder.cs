using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Decodes a file following docs/format.md alone, without the model type (like <c>protoc --decode_raw</c>).
/// It is deliberately separate from the runtime's generated readers: it checks that the spec is enough to read a file.
/// The envelope's version byte selects the payload decoder (format 1: tagged fields, this file; format 2: the schema
/// table and a positional payload, <c>RawDecoder.Format2.cs</c>); both share the value decoders here.
/// Every length is checked against the bytes that remain, nesting is limited, and every failure is a
/// <see cref="ModelFormatException"/> with the byte offset.</summary>
internal sealed partial class RawDecoder
{
    public const int MaxDepth = FormatLimits.DefaultMaxDepth;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;
    private int _depth;

    private RawDecoder(byte[] data, int start, int end)
    {
        _data = data;
        _pos = start;
        _end = end;
    }

    /// <summary>The formats this decoder reads (the envelope's version byte).</summary>
    public const byte FirstFormatVersion = 1, LastFormatVersion = 2;

    private const int MaxNameBytes = 1024;

    /// <summary>Reads and checks the envelope (docs/format.md §1): magic, format version, flags, the header (for
    /// format 2 with its schema table) and the trailer's payload length. The checksum is not verified here.</summary>
    public static (Envelope Envelope, byte FormatVersion, SchemaTable? Table) ReadEnvelope(byte[] data)
    {
        if (data.Length < 6 || !data.AsSpan().StartsWith("MGEN"u8))
            throw new ModelFormatException("not a ModelGen file: the magic bytes 'MGEN' are missing", 0);
        byte version = data[4];
        if (version is < FirstFormatVersion or > LastFormatVersion)
            throw new ModelFormatException($"format version {version} is not supported (this reader reads versions {FirstFormatVersion} and {LastFormatVersion})", 4);
        byte flags = data[5];
        if ((flags & ~1) != 0) throw new ModelFormatException($"unknown envelope flags 0x{flags:x2}", 5);
        var header = new RawDecoder(data, 6, Math.Max(6, data.Length - Envelope.TrailerLength));
        string name;
        ulong schemaVersion, fingerprint;
        SchemaTable? table = null;
        if (version == 1)
        {
            long nameOffset = header._pos;
            int nameLength = header.ReadCount(1, "model name length");
            if (nameLength > MaxNameBytes) throw header.Error($"model name of {nameLength} bytes is longer than the limit of {MaxNameBytes}", nameOffset);
            name = header.ReadUtf8(nameLength, nameOffset, "model name");
            long versionOffset = header._pos;
            schemaVersion = header.ReadVarUInt64();
            if (schemaVersion > int.MaxValue) throw header.Error($"schema version {schemaVersion} is out of range", versionOffset);
            fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header.Take(8));
        }
        else
        {
            // Format 2 (docs/format.md §9.1): the root entry of the schema table names the model.
            table = header.ReadSchemaTable();
            SchemaTableEntry root = table.Entries[0];
            (name, schemaVersion, fingerprint) = (root.Name, (ulong)root.SchemaVersion, root.Fingerprint);
        }
        int headerLength = header._pos;
        if (data.Length < headerLength + Envelope.TrailerLength)
            throw new ModelFormatException("unexpected end of data: the trailer (payload length and checksum) is missing", data.Length);
        ulong payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - Envelope.TrailerLength));
        ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8));
        long actual = data.Length - Envelope.TrailerLength - headerLength;
        if (payloadLength != (ulong)actual)
            throw new ModelFormatException($"payload length in the trailer is {payloadLength} but {actual} bytes are present: the data is truncated or has bytes appended", data.Length - Envelope.TrailerLength);
        var envelope = new Envelope(name, (int)schemaVersion, fingerprint, (flags & 1) != 0, headerLength, actual, checksum);
        return (envelope, version, table);
    }

    /// <summary>Decodes the root object in <c>data[start..end)</c>, the payload of a file of
    /// <paramref name="formatVersion"/>, which must end exactly where the root object ends.</summary>
    public static ObjectValue DecodePayload(byte[] data, int start, int end, byte formatVersion = 1, SchemaTable? table = null)
    {
        var decoder = new RawDecoder(data, start, end);
        ObjectValue root;
        if (formatVersion == 1) root = decoder.ReadObject(start);
        else
        {
            if (table is null) throw new ArgumentNullException(nameof(table), "a format-2 payload needs its schema table");
            root = decoder.ReadRoot(table);
        }
        if (decoder._pos != end)
            throw new ModelFormatException($"{end - decoder._pos} bytes after the end of the root object", decoder._pos);
        return root;
    }

    private int Remaining => _end - _pos;

    private ModelFormatException Error(string reason, long? offset = null) => new(reason, offset ?? _pos);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining) throw Error($"unexpected end of data: {count} more bytes needed, {Remaining} left");
        var span = new ReadOnlySpan<byte>(_data, _pos, count);
        _pos += count;
        return span;
    }

    private ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _end) throw Error("unexpected end of data inside a varint");
            byte b = _data[_pos++];
            if (shift == 63 && b > 1) throw Error("varint overflows 64 bits", _pos - 1);
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw Error("varint longer than 10 bytes");
    }

    /// <summary>A length or count that must fit in the remaining bytes at <paramref name="minBytesEach"/> bytes per unit.</summary>
    private int ReadCount(int minBytesEach, string what)
    {
        int at = _pos;
        ulong n = ReadVarUInt64();
        if (minBytesEach > 0 && n > (ulong)Remaining / (ulong)minBytesEach)
            throw Error($"{what} {n} is larger than the {Remaining} bytes that remain", at);
        if (n > int.MaxValue) throw Error($"{what} {n} is out of range", at);
        return (int)n;
    }

    private int[] ReadDimensions(int rank)
    {
        var dims = new int[rank];
        for (int i = 0; i < rank; i++) dims[i] = ReadCount(0, "dimension");
        return dims;
    }

    private static long Product(int[] dims, int limit)
    {
        // An empty array holds no elements whatever its other lengths (float[1000, 0] near the end of a file).
        if (Array.IndexOf(dims, 0) >= 0) return 0;
        long count = 1;
        foreach (int d in dims)
        {
            count *= d;
            if (count > limit) return long.MaxValue;
        }
        return count;
    }

    private (int Key, WireType WireType, long Offset) ReadTag()
    {
        int at = _pos;
        ulong v = ReadVarUInt64();
        if (v > ((ulong)FieldKeys.LastMemberKey << 3 | 7)) throw Error($"field key {v >> 3} is out of range", at);
        return ((int)(v >> 3), (WireType)(v & 7), at);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw Error($"nesting is deeper than the limit of {MaxDepth}");
    }

    private ObjectValue ReadObject(long offset)
    {
        Enter();
        var fields = new List<RawField>();
        while (true)
        {
            (int key, WireType wireType, long at) = ReadTag();
            if (key == FieldKeys.End)
            {
                if (wireType != WireType.Marker) throw Error($"field key 0 with wire type {wireType}: key 0 is only the end marker", at);
                break;
            }
            if (key == FieldKeys.NamedMember && wireType == WireType.Bytes)
            {
                fields.Add(ReadNamedMember(at, extension: false));
                continue;
            }
            if (key > FieldKeys.UnionTag && key < FieldKeys.FirstMemberKey) throw Error($"field key {key} is reserved", at);
            if (key == FieldKeys.ItemOrVersion && wireType != WireType.VarInt) throw Error($"the schema version field (key 1) must be a varint, found {wireType}", at);
            if (key == FieldKeys.UnionTag && wireType != WireType.Bytes) throw Error($"the union tag field (key 2) must be bytes, found {wireType}", at);
            fields.Add(new RawField(at, key, wireType, ReadValue(wireType, at)));
        }
        _depth--;
        return new ObjectValue(offset, fields);
    }

    private RawValue ReadItem()
    {
        (int key, WireType wireType, long at) = ReadTag();
        if (key != FieldKeys.ItemOrVersion) throw Error($"expected a sequence item (key 1) but found field key {key}", at);
        return ReadValue(wireType, at);
    }

    private RawValue ReadValue(WireType wireType, long tagOffset)
    {
        long at = _pos;
        switch (wireType)
        {
            case WireType.VarInt:
                return new VarIntValue(at, ReadVarUInt64());
            case WireType.Fixed64:
                return new Fixed64Value(at, BinaryPrimitives.ReadUInt64LittleEndian(Take(8)));
            case WireType.Fixed32:
                return new Fixed32Value(at, BinaryPrimitives.ReadUInt32LittleEndian(Take(4)));
            case WireType.Bytes:
            {
                byte[] bytes = Take(ReadCount(1, "length")).ToArray();
                return new BytesValue(at, bytes, AsText(bytes));
            }
            case WireType.Object:
                // Format-1 objects in format-1 files and in format-2 extension fields; else the positional form.
                return _table is null || _extensionDepth > 0 ? ReadObject(at) : ReadNested(at);
            case WireType.Packed:
            {
                var element = (PackedElement)Take(1)[0];
                int size = PackedElements.SizeOf(element);
                if (size == 0) throw Error($"unknown packed element code {(byte)element}", at);
                int rank = ReadCount(0, "rank");
                if (rank is < 1 or > 32) throw Error($"packed array rank {rank} is out of range", at + 1);
                int[] dims = ReadDimensions(rank);
                long count = Product(dims, Remaining);
                if (count == long.MaxValue || count * size > Remaining)
                    throw Error($"packed array of {string.Join("x", dims)} {PackedElements.NameOf(element)} elements needs more than the {Remaining} bytes that remain");
                return new PackedValue(at, element, dims, Take((int)count * size).ToArray());
            }
            case WireType.Sequence:
            {
                Enter();
                int rank = ReadCount(0, "rank");
                RawValue result;
                if (rank == 0)
                {
                    int entries = ReadCount(2, "map entry count");
                    var list = new List<KeyValuePair<RawValue, RawValue>>(entries);
                    for (int i = 0; i < entries; i++) list.Add(new(ReadItem(), ReadItem()));
                    result = new MapValue(at, list);
                }
                else
                {
                    if (rank > 32) throw Error($"sequence rank {rank} is out of range", at);
                    int[] dims = ReadDimensions(rank);
                    long count = Product(dims, Remaining);
                    if (count == long.MaxValue) throw Error($"a sequence of {string.Join("x", dims)} items cannot fit in the {Remaining} bytes that remain");
                    var items = new List<RawValue>((int)count);
                    for (long i = 0; i < count; i++) items.Add(ReadItem());
                    result = new SequenceValue(at, dims, items);
                }
                _depth--;
                return result;
            }
            case WireType.Marker:
                return new NullValue(at);
            default:
                throw Error($"unknown wire type {(int)wireType}", tagOffset);
        }
    }

    private string ReadUtf8(int length, long offset, string what)
    {
        ReadOnlySpan<byte> bytes = Take(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"the {what} is not valid UTF-8", offset);
        }
    }

    private static string? AsText(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        foreach (char c in text)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return null;
        return text;
    }
}
