using System;
using System.Globalization;

namespace ModelGen.Internal;

/// <summary>The JSON spelling of a NaN (docs/format.md §4): the type's own <c>T.NaN</c> (<see cref="double.NaN"/>,
/// <see cref="float.NaN"/>, <see cref="Half.NaN"/>) is <c>"NaN"</c>, as before; any other NaN is <c>"NaN:"</c> and its
/// IEEE 754 bits in lowercase hex, 16 digits for a double, 8 for a float, 4 for a Half, so that JSON keeps a NaN's sign
/// and payload as binary and dictionaries do (a positive NaN computed on Arm64 or written by Python, R's NA).
/// Read into another floating-point type (a widened or narrowed member), the NaN converts as the binary reader converts
/// it. Linked into the tool, which prints the same spelling.</summary>
internal static class NaNText
{
    /// <summary>The longest spelling: "NaN:" and 16 hex digits.</summary>
    public const int MaxLength = 20;

    /// <summary>Whether <paramref name="value"/> is a NaN whose bits differ from the type's own NaN, so that it is
    /// written with its bits.</summary>
    public static bool HasBits<T>(T value) => Digits<T>() != 0 && IsNaN(Bits(value), Digits<T>()) && Bits(value) != OwnNaNBits<T>();

    /// <summary>"NaN:" and the bits of <paramref name="value"/>, a NaN of double, float or Half, into
    /// <paramref name="utf8"/> (at least <see cref="MaxLength"/> bytes).</summary>
    public static int Format<T>(T value, Span<byte> utf8)
    {
        "NaN:"u8.CopyTo(utf8);
        int digits = Digits<T>();
        Bits(value).TryFormat(utf8.Slice(4), out int written, digits == 16 ? "x16" : digits == 8 ? "x8" : "x4", CultureInfo.InvariantCulture);
        return 4 + written;
    }

    /// <summary>The spelling of <paramref name="value"/>, a NaN of double, float or Half, as a string.</summary>
    public static string Format<T>(T value)
    {
        if (!HasBits(value)) return "NaN";
        Span<byte> utf8 = stackalloc byte[MaxLength];
        int length = Format(value, utf8);
        Span<char> text = stackalloc char[MaxLength];
        for (int i = 0; i < length; i++) text[i] = (char)utf8[i];
        return text.Slice(0, length).ToString();
    }

    /// <summary>True when <paramref name="text"/> starts as the spelling with bits does.</summary>
    public static bool IsSpelling(ReadOnlySpan<char> text) => text.StartsWith("NaN:".AsSpan(), StringComparison.Ordinal);

    /// <summary>Reads a spelling that starts with "NaN:" (<see cref="IsSpelling"/>) as <typeparamref name="T"/>:
    /// null when it is a NaN's bits, else why not. Hex digits of either case; 16, 8 or 4 of them say which type's
    /// bits they are, and a NaN of another floating-point type than <typeparamref name="T"/> converts as the binary
    /// reader converts one (the hardware's conversion: sign kept, payload shifted, a signaling NaN made quiet).</summary>
    public static string? TryParse<T>(ReadOnlySpan<char> text, out T value)
    {
        value = default!;
        ReadOnlySpan<char> hex = text.Slice(4);
        if (hex.Length is not (4 or 8 or 16)) return "a NaN's bits are 4 (Half), 8 (float) or 16 (double) hex digits";
        ulong bits = 0;
        foreach (char c in hex)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) return "a NaN's bits are hex digits";
            bits = bits << 4 | (uint)digit;
        }
        if (!IsNaN(bits, hex.Length))
            return $"the bits are not a NaN of {(hex.Length == 16 ? "Double" : hex.Length == 8 ? "Single" : "Half")} (a number or an infinity is written as one)";
        if (hex.Length == Digits<T>())
        {
            value = FromBits<T>(bits);
            return null;
        }
        if (hex.Length == 16) return Numbers.TryFromDouble(BitConverter.UInt64BitsToDouble(bits), out value) ? null : NoNaN<T>();
        // A Half's NaN is read as the float that binary holds for it (a signaling one stays signaling).
        float f = hex.Length == 8 ? BitConverter.UInt32BitsToSingle((uint)bits) : HalfWidening.ToSingle(BitConverter.UInt16BitsToHalf((ushort)bits));
        return Numbers.TryFromSingle(f, out value) ? null : NoNaN<T>();
    }

    private static string NoNaN<T>() => $"{typeof(T).Name} has no NaN";

    // 16, 8 or 4 for the types with a spelling; 0 for the others.
    private static int Digits<T>() => typeof(T) == typeof(double) ? 16 : typeof(T) == typeof(float) ? 8 : typeof(T) == typeof(Half) ? 4 : 0;

    private static ulong Bits<T>(T value) =>
        typeof(T) == typeof(double) ? BitConverter.DoubleToUInt64Bits((double)(object)value!)
        : typeof(T) == typeof(float) ? (ulong)BitConverter.SingleToUInt32Bits((float)(object)value!)
        : typeof(T) == typeof(Half) ? (ulong)BitConverter.HalfToUInt16Bits((Half)(object)value!)
        : 0UL;

    private static T FromBits<T>(ulong bits) =>
        typeof(T) == typeof(double) ? (T)(object)BitConverter.UInt64BitsToDouble(bits)
        : typeof(T) == typeof(float) ? (T)(object)BitConverter.UInt32BitsToSingle((uint)bits)
        : (T)(object)BitConverter.UInt16BitsToHalf((ushort)bits);

    private static ulong OwnNaNBits<T>() =>
        typeof(T) == typeof(double) ? BitConverter.DoubleToUInt64Bits(double.NaN)
        : typeof(T) == typeof(float) ? (ulong)BitConverter.SingleToUInt32Bits(float.NaN)
        : BitConverter.HalfToUInt16Bits(Half.NaN);

    // All exponent bits set and a payload that is not zero (zero is an infinity), for bits of that many hex digits.
    private static bool IsNaN(ulong bits, int digits) => digits switch
    {
        16 => (bits & 0x7FF0_0000_0000_0000UL) == 0x7FF0_0000_0000_0000UL && (bits & 0x000F_FFFF_FFFF_FFFFUL) != 0,
        8 => (bits & 0x7F80_0000) == 0x7F80_0000 && (bits & 0x007F_FFFF) != 0,
        _ => (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0,
    };
}
