using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Decodes a payload following docs/format.md alone, without the model type (like <c>protoc --decode_raw</c>).
/// It is deliberately separate from the runtime's generated readers: it checks that the spec is enough to read a file.
/// Every length is checked against the bytes that remain, nesting is limited, and every failure is a
/// <see cref="ModelFormatException"/> with the byte offset.</summary>
internal sealed class RawDecoder
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

    /// <summary>Decodes the root object in <c>data[start..end)</c>, which must end exactly at its end marker.</summary>
    public static ObjectValue DecodePayload(byte[] data, int start, int end)
    {
        var decoder = new RawDecoder(data, start, end);
        ObjectValue root = decoder.ReadObject(start);
        if (decoder._pos != end)
            throw new ModelFormatException($"{end - decoder._pos} bytes after the end marker of the root object", decoder._pos);
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
                return ReadObject(at);
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
