using System.Collections.Generic;
using ModelGen.Internal;

namespace ModelGen.Tool;

// The payload decoded without its model type, as docs/format.md lays it out. Offsets are byte offsets in the file.

/// <summary>A decoded value; <see cref="Offset"/> is where its bytes start (after the tag).</summary>
internal abstract record RawValue(long Offset);

/// <summary>Wire type 0: every value is zigzag-encoded (integers, enums, bools); the raw varint is kept too.</summary>
internal sealed record VarIntValue(long Offset, ulong Raw) : RawValue(Offset)
{
    public long ZigZag => (long)(Raw >> 1) ^ -(long)(Raw & 1);
}

/// <summary>Wire type 1: a <c>double</c> or a <c>DateTime</c>.</summary>
internal sealed record Fixed64Value(long Offset, ulong Bits) : RawValue(Offset);

/// <summary>Wire type 5: a <c>float</c> (or a <c>Half</c> widened to float).</summary>
internal sealed record Fixed32Value(long Offset, uint Bits) : RawValue(Offset);

/// <summary>Wire type 2: a UTF-8 string, or the bytes of a decimal, GUID or DateTimeOffset.
/// <see cref="Text"/> is set when the bytes are valid UTF-8 without control characters.</summary>
internal sealed record BytesValue(long Offset, byte[] Bytes, string? Text) : RawValue(Offset);

/// <summary>Wire type 3 (and the root payload): in format 1 the fields until the end marker; in format 2 the members
/// of its schema table entry <see cref="Model"/> (null in format 1), then its extension fields. <see cref="UnionTag"/>:
/// the case of a format-2 union object (format 1 writes it as the key-2 field).</summary>
internal sealed record ObjectValue(long Offset, IReadOnlyList<RawField> Fields, string? Model = null, string? UnionTag = null) : RawValue(Offset);

/// <summary>Wire type 4: a primitive array, elements kept as their little-endian bytes.</summary>
internal sealed record PackedValue(long Offset, ModelGen.Internal.PackedElement Element, int[] Dimensions, byte[] Data) : RawValue(Offset);

/// <summary>Wire type 6 with rank ≥ 1: items in row-major order.</summary>
internal sealed record SequenceValue(long Offset, int[] Dimensions, IReadOnlyList<RawValue> Items) : RawValue(Offset);

/// <summary>Wire type 6 with rank 0: key and value items.</summary>
internal sealed record MapValue(long Offset, IReadOnlyList<KeyValuePair<RawValue, RawValue>> Entries) : RawValue(Offset);

/// <summary>Wire type 7 with a non-zero key: a null value.</summary>
internal sealed record NullValue(long Offset) : RawValue(Offset);

/// <summary>One field of an object: its key (see <see cref="KeyNames"/>) and value. In format 2, a member's
/// <see cref="Name"/> and <see cref="Type"/> come from the schema table (the offset is then the value's: members have
/// no tag), and <see cref="Extension"/> marks a format-1 extension field (a kept member or the data's version).</summary>
internal sealed record RawField(long Offset, int Key, ModelGen.Internal.WireType WireType, RawValue Value,
    string? Name = null, string? Type = null, bool Extension = false);
