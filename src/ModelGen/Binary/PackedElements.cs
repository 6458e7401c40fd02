using System;
using System.Buffers.Binary;
using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>Element codes, sizes and exact widening conversions of packed arrays.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PackedElements
{
    /// <summary>The code of a packed element type, or <see cref="PackedElement.None"/>.</summary>
    public static PackedElement Of<T>()
    {
        if (typeof(T) == typeof(float)) return PackedElement.Single;
        if (typeof(T) == typeof(double)) return PackedElement.Double;
        if (typeof(T) == typeof(int)) return PackedElement.Int32;
        if (typeof(T) == typeof(long)) return PackedElement.Int64;
        if (typeof(T) == typeof(byte)) return PackedElement.Byte;
        if (typeof(T) == typeof(bool)) return PackedElement.Boolean;
        if (typeof(T) == typeof(sbyte)) return PackedElement.SByte;
        if (typeof(T) == typeof(short)) return PackedElement.Int16;
        if (typeof(T) == typeof(ushort)) return PackedElement.UInt16;
        if (typeof(T) == typeof(uint)) return PackedElement.UInt32;
        if (typeof(T) == typeof(ulong)) return PackedElement.UInt64;
        if (typeof(T) == typeof(char)) return PackedElement.Char;
        if (typeof(T) == typeof(Half)) return PackedElement.Half;
        return PackedElement.None;
    }

    /// <summary>The size in bytes of one element, or 0 for an unknown code.</summary>
    public static int SizeOf(PackedElement element) => element switch
    {
        PackedElement.Boolean or PackedElement.Byte or PackedElement.SByte => 1,
        PackedElement.Int16 or PackedElement.UInt16 or PackedElement.Char or PackedElement.Half => 2,
        PackedElement.Int32 or PackedElement.UInt32 or PackedElement.Single => 4,
        PackedElement.Int64 or PackedElement.UInt64 or PackedElement.Double => 8,
        _ => 0,
    };

    /// <summary>The language-neutral name of an element type (as in <see cref="ModelMemberSchema.Type"/>).</summary>
    public static string NameOf(PackedElement element) => element switch
    {
        PackedElement.Boolean => "bool",
        PackedElement.Byte => "uint8",
        PackedElement.SByte => "int8",
        PackedElement.Int16 => "int16",
        PackedElement.UInt16 => "uint16",
        PackedElement.Int32 => "int32",
        PackedElement.UInt32 => "uint32",
        PackedElement.Int64 => "int64",
        PackedElement.UInt64 => "uint64",
        PackedElement.Single => "float32",
        PackedElement.Double => "float64",
        PackedElement.Char => "char",
        PackedElement.Half => "float16",
        _ => "unknown",
    };

    private static bool IsFloat(PackedElement e) => e is PackedElement.Single or PackedElement.Double or PackedElement.Half;

    /// <summary>Converts one little-endian element to <typeparamref name="T"/> when the value is kept exactly.</summary>
    public static bool TryConvert<T>(PackedElement source, ReadOnlySpan<byte> bytes, out T value)
    {
        value = default!;
        PackedElement target = Of<T>();
        // A float element converts into an integer one when its value is an integer that fits (Numbers.TryFromDouble),
        // as a scalar does: List<int> → List<double> is a widening, and an older build reads the newer doubles back.
        if (target is PackedElement.Boolean or PackedElement.Char || source is PackedElement.Boolean or PackedElement.Char)
            return false;
        if (IsFloat(source))
        {
            return source switch
            {
                PackedElement.Single => Numbers.TryFromSingle(BinaryPrimitives.ReadSingleLittleEndian(bytes), out value),
                // As a Half scalar widens (a signaling NaN kept signaling in a float), so that Half[] → float[]
                // reads as Half → float does, and as JSON's "NaN:" spelling of the element does.
                PackedElement.Half => Numbers.TryFromSingle(HalfWidening.ToSingle(BinaryPrimitives.ReadHalfLittleEndian(bytes)), out value),
                _ => Numbers.TryFromDouble(BinaryPrimitives.ReadDoubleLittleEndian(bytes), out value),
            };
        }
        if (source == PackedElement.UInt64)
        {
            ulong u = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            return Numbers.TryFromUInt64(u, out value);
        }
        long l = source switch
        {
            PackedElement.Byte => bytes[0],
            PackedElement.SByte => (sbyte)bytes[0],
            PackedElement.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            PackedElement.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            PackedElement.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            PackedElement.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
        return Numbers.TryFromInt64(l, out value);
    }
}
