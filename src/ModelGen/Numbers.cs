using System;
using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>Exact numeric conversions shared by the binary, JSON and dictionary readers:
/// a value converts only when nothing is lost (widening, or a narrower value that fits).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Numbers
{
    /// <summary>Converts an integer to <typeparamref name="T"/> if it fits exactly.</summary>
    public static bool TryFromInt64<T>(long v, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(long)) { value = (T)(object)v; return true; }
        if (typeof(T) == typeof(int)) { if (v < int.MinValue || v > int.MaxValue) return false; value = (T)(object)(int)v; return true; }
        if (typeof(T) == typeof(short)) { if (v < short.MinValue || v > short.MaxValue) return false; value = (T)(object)(short)v; return true; }
        if (typeof(T) == typeof(sbyte)) { if (v < sbyte.MinValue || v > sbyte.MaxValue) return false; value = (T)(object)(sbyte)v; return true; }
        if (typeof(T) == typeof(byte)) { if (v < 0 || v > byte.MaxValue) return false; value = (T)(object)(byte)v; return true; }
        if (typeof(T) == typeof(ushort)) { if (v < 0 || v > ushort.MaxValue) return false; value = (T)(object)(ushort)v; return true; }
        if (typeof(T) == typeof(uint)) { if (v < 0 || v > uint.MaxValue) return false; value = (T)(object)(uint)v; return true; }
        if (typeof(T) == typeof(ulong)) { if (v < 0) return false; value = (T)(object)(ulong)v; return true; }
        if (typeof(T) == typeof(nint)) { value = (T)(object)(nint)v; return IntPtr.Size == 8 || (v >= int.MinValue && v <= int.MaxValue); }
        if (typeof(T) == typeof(nuint)) { if (v < 0) return false; value = (T)(object)(nuint)(ulong)v; return UIntPtr.Size == 8 || v <= uint.MaxValue; }
        if (typeof(T) == typeof(double)) { double d = v; if ((long)d != v && v != long.MaxValue) return false; value = (T)(object)d; return true; }
        if (typeof(T) == typeof(float)) { float f = v; if ((long)f != v) return false; value = (T)(object)f; return true; }
        if (typeof(T) == typeof(decimal)) { value = (T)(object)(decimal)v; return true; }
        if (typeof(T) == typeof(Half))
        {
            // Exact, or the integer is the Half's shortest text: Half.MaxValue (65504) is written "65500" by
            // System.Text.Json and Half.ToString, and must read back as itself.
            // Not an infinity: long.MaxValue and long.MinValue convert to one, which the saturating check converts back.
            Half h = (Half)v;
            if (Half.IsInfinity(h) || ((long)(double)h != v && h.ToString(null, System.Globalization.CultureInfo.InvariantCulture) != v.ToString(System.Globalization.CultureInfo.InvariantCulture))) return false;
            value = (T)(object)h;
            return true;
        }
        return false;
    }

    /// <summary>Converts an unsigned integer to <typeparamref name="T"/> if it fits exactly.</summary>
    public static bool TryFromUInt64<T>(ulong v, out T value)
    {
        if (typeof(T) == typeof(ulong)) { value = (T)(object)v; return true; }
        if (typeof(T) == typeof(nuint) && UIntPtr.Size == 8) { value = (T)(object)(nuint)v; return true; }
        if (typeof(T) == typeof(decimal)) { value = (T)(object)(decimal)v; return true; }
        if (v <= long.MaxValue) return TryFromInt64((long)v, out value);
        if (typeof(T) == typeof(double)) { double d = v; value = (T)(object)d; return (ulong)d == v; }
        value = default!;
        return false;
    }

    /// <summary>Converts a float (or a Half, read as the float it is written as) to <typeparamref name="T"/>. Into a
    /// wider type (double, decimal) it takes the value of its shortest round-trip decimal text (0.1f → 0.1), which is
    /// what the JSON form carries, so a widened member reads the same value from every form (docs/versioning.md).
    /// Into a Half, a NaN whose low 13 payload bits are zero is the Half it widens from (<see cref="HalfWidening"/>).</summary>
    public static bool TryFromSingle<T>(float f, out T value)
    {
        // A float as it is (through double, a signaling NaN would become quiet: a Half's widening keeps it).
        if (typeof(T) == typeof(float))
        {
            value = (T)(object)f;
            return true;
        }
        // A Half's NaN as binary stores it (HalfWidening): that Half again, a signaling one included.
        if (typeof(T) == typeof(Half) && HalfWidening.TryFromNaN(f, out Half nan))
        {
            value = (T)(object)nan;
            return true;
        }
        if ((typeof(T) == typeof(double) || typeof(T) == typeof(decimal)) && float.IsFinite(f))
        {
            Span<char> text = stackalloc char[32];
            f.TryFormat(text, out int length, "R", System.Globalization.CultureInfo.InvariantCulture);
            text = text.Slice(0, length);
            if (typeof(T) == typeof(double))
            {
                value = (T)(object)double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
            if (decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out decimal m))
            {
                value = (T)(object)m;
                return true;
            }
        }
        return TryFromDouble(f, out value);
    }

    /// <summary>Converts a floating point value to <typeparamref name="T"/>: exactly into integers and decimal; into a
    /// narrower floating point type (an older reader of a widened member) rounded to nearest, unless out of its range.</summary>
    public static bool TryFromDouble<T>(double d, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(double)) { value = (T)(object)d; return true; }
        if (typeof(T) == typeof(float)) { float f = (float)d; if (float.IsInfinity(f) && !double.IsInfinity(d)) return false; value = (T)(object)f; return true; }
        if (typeof(T) == typeof(Half)) { Half h = (Half)d; if (Half.IsInfinity(h) && !double.IsInfinity(d)) return false; value = (T)(object)h; return true; }
        if (typeof(T) == typeof(decimal))
        {
            if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 7.9e28) return false;
            decimal m = (decimal)d;
            if ((double)m != d) return false;
            value = (T)(object)m;
            return true;
        }
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d) return false;
        if (d >= -9.2233720368547758E18 && d < 9.2233720368547758E18) return TryFromInt64((long)d, out value);
        if (d >= 0 && d < 1.8446744073709552E19) return TryFromUInt64((ulong)d, out value);
        return false;
    }

    /// <summary>The decimal of 16 bytes in the binary form's layout (format.md §4: lo, mid, hi, flags, each int32
    /// little-endian); false when the flags word is no decimal's (bits other than the sign and a scale of 0 to 28).</summary>
    internal static bool TryDecimalFromBytes(ReadOnlySpan<byte> bytes, out decimal value)
    {
        value = default;
        int lo = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int mid = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4));
        int hi = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(8));
        int flags = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(12));
        int scale = (flags >> 16) & 0xFF;
        if ((flags & 0x7F00FFFF) != 0 || scale > 28) return false;
        value = new decimal(lo, mid, hi, flags < 0, (byte)scale);
        return true;
    }

    /// <summary>Whether 16 Bytes that are no Int128 an integer member can hold are a decimal's, for an integer member of
    /// an older build whose member a newer one widened to decimal. A decimal of scale 0 and sign + has the bytes of the
    /// Int128 of its value, read as such; any other has a flags word (the top 32 bits) that puts the Int128 beyond
    /// ±2¹¹², out of every integer member's range. So the bytes are read as a decimal only when that word is a
    /// decimal's (<see cref="TryDecimalFromBytes"/>) and not zero, and not the bytes of Int128.MinValue (a negative
    /// zero of scale 0, which stays an error: the newer value may be that Int128).</summary>
    internal static bool IsDecimalBytes(ReadOnlySpan<byte> bytes, out decimal value)
    {
        int flags = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(12));
        if (flags == 0 || (flags == int.MinValue && bytes.Slice(0, 12).IndexOfAnyExcept((byte)0) < 0))
        {
            value = default;
            return false;
        }
        return TryDecimalFromBytes(bytes, out value);
    }

    /// <summary>Converts a decimal to <typeparamref name="T"/> if it is kept exactly.</summary>
    public static bool TryFromDecimal<T>(decimal m, out T value)
    {
        if (typeof(T) == typeof(decimal)) { value = (T)(object)m; return true; }
        if (decimal.Truncate(m) == m)
        {
            if (m >= long.MinValue && m <= long.MaxValue) return TryFromInt64((long)m, out value);
            if (m >= 0 && m <= ulong.MaxValue) return TryFromUInt64((ulong)m, out value);
        }
        double d = (double)m;
        // Near decimal's ends the double rounds beyond them (decimal.MaxValue's is 7.922816251426434E+28), where
        // converting back would throw: such a double is no decimal, so the decimal is not kept.
        if (Math.Abs(d) < 7.9e28 && (decimal)d == m) return TryFromDouble(d, out value);
        value = default!;
        return false;
    }
}
