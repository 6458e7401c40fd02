using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>How a value is laid out in the binary format (the low three bits of a field tag). See docs/format.md.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum WireType : byte
{
    /// <summary>A LEB128 varint (integers are zigzag-encoded).</summary>
    VarInt = 0,
    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 1,
    /// <summary>A varint length, then that many bytes (UTF-8 strings, decimals, GUIDs).</summary>
    Bytes = 2,
    /// <summary>Fields until an end marker (a nested model).</summary>
    Object = 3,
    /// <summary>An element code, a rank, the dimensions, then the elements as raw little-endian bytes.</summary>
    Packed = 4,
    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 5,
    /// <summary>A rank (0 = map), the dimensions (or entry count), then tagged items.</summary>
    Sequence = 6,
    /// <summary>No payload: key 0 ends an object, any other key is a null value.</summary>
    Marker = 7,
}

/// <summary>Element codes of packed arrays (see docs/format.md).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum PackedElement : byte
{
    /// <summary>Not a packed element type.</summary>
    None = 0,
#pragma warning disable CS1591 // self-describing
    Boolean = 1, Byte = 2, SByte = 3, Int16 = 4, UInt16 = 5, Int32 = 6, UInt32 = 7, Int64 = 8, UInt64 = 9,
    Single = 10, Double = 11, Char = 12, Half = 13,
#pragma warning restore CS1591
}

/// <summary>Reserved field keys; member keys start at <see cref="FirstMemberKey"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FieldKeys
{
    /// <summary>With <see cref="WireType.Marker"/>: the end of an object.</summary>
    public const int End = 0;
    /// <summary>Items of sequences; in objects, the model's schema version (written when it is not 1).</summary>
    public const int ItemOrVersion = 1;
    /// <summary>The union tag of a union member object (always its first field).</summary>
    public const int UnionTag = 2;
    /// <summary>With <see cref="WireType.Bytes"/>, among format 2's extension fields: the name and type name of the
    /// kept member in the next field (docs/format.md §9.3).</summary>
    public const int MemberDescription = 3;
    /// <summary>With <see cref="WireType.Bytes"/>: a member kept by name (read from JSON or a dictionary of a newer
    /// version) that an older build writes back: its name, then its JSON value (docs/format.md §3).</summary>
    public const int NamedMember = 4;
    /// <summary>The smallest key a member may have.</summary>
    public const int FirstMemberKey = FormatLimits.FirstMemberKey;
    /// <summary>The largest key a member may have.</summary>
    public const int LastMemberKey = FormatLimits.LastMemberKey;
}
