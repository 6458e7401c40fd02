using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>The float or Half a JSON number stands for. JSON carries no type: the number is the value its writer held,
/// a float's shortest text (ModelJson writes a float, and a Half, so) or a double's (a newer build whose member was
/// widened to double, read by an older one). Both readers read it as binary does: the double it denotes, narrowed to
/// nearest, ties to even — so an older build reads a widened member's double alike from every form. Reading the text
/// as a float directly (as before 2026-12-06) rounds it once, which differs where the double lies exactly on a tie
/// between two floats (its shortest text lies on one side of the tie: 1 + 3·2⁻²⁴, "1.0000001788139343", is 1 + 2⁻²²
/// in binary, and was 1 + 2⁻²³ from JSON), and into a Half wherever the float between them rounds otherwise. There,
/// and only there, a text that is a float's own shortest text stands for that float (a float's own value written by
/// a float member), any other for the double.</summary>
internal static class JsonFloats
{
    /// <summary>Reads the number at <paramref name="reader"/> into a float or a Half; false when it is beyond the
    /// type's range (an infinity is spelled "Infinity", never a number).</summary>
    public static bool TryRead<T>(ref Utf8JsonReader reader, out T value)
    {
        value = default!;
        double d = reader.GetDouble();
        if (double.IsInfinity(d)) return false;
        if (typeof(T) == typeof(float))
        {
            float f = (float)d;
            if (IsSingleTie(d)) f = OnTie(ref reader, f);
            value = (T)(object)f;
            return !float.IsInfinity(f);
        }
        Half h = (Half)d;
        if (reader.TryGetSingle(out float single) && float.IsFinite(single) && BitConverter.HalfToInt16Bits((Half)single) != BitConverter.HalfToInt16Bits(h)
            && IsShortestText(single, ref reader))
            h = (Half)single;
        value = (T)(object)h;
        return !Half.IsInfinity(h);
    }

    // The double lies exactly halfway between two floats: the float nearest to the text, if the text is that
    // float's own shortest text; otherwise the tie rounded to even.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float OnTie(ref Utf8JsonReader reader, float even) =>
        reader.TryGetSingle(out float nearest) && BitConverter.SingleToInt32Bits(nearest) != BitConverter.SingleToInt32Bits(even) && IsShortestText(nearest, ref reader)
            ? nearest : even;

    /// <summary>Whether <paramref name="d"/> lies exactly halfway between two adjacent floats (or between
    /// float.MaxValue and 2¹²⁸), where narrowing the double and reading its text as a float may differ.</summary>
    internal static bool IsSingleTie(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d) & long.MaxValue;
        int exponent = (int)(bits >> 52) - 1023;
        // Zero, double subnormals (far below float's range), infinities and NaNs are no ties.
        if ((bits >> 52) is 0 or 0x7FF) return false;
        // The double's significand bits below the float's last bit: 29 for a normal float, more below 2⁻¹²⁶, where a
        // float's last bit is 2⁻¹⁴⁹.
        int dropped = exponent >= -126 ? 29 : 29 + (-126 - exponent);
        if (dropped > 53) return false;
        long significand = (bits & ((1L << 52) - 1)) | (1L << 52);
        return (significand & ((1L << dropped) - 1)) == 1L << (dropped - 1);
    }

    // Whether the number's text is the shortest round-trip text of f (as ModelJson writes a float), in any
    // spelling of the same number ("1E+10", "1e10", "1.0E10").
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool IsShortestText(float f, ref Utf8JsonReader reader)
    {
        Span<byte> own = stackalloc byte[32];
        if (!f.TryFormat(own, out int length, "R", CultureInfo.InvariantCulture)) return false;
        ReadOnlySpan<byte> text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return SameNumber(own.Slice(0, length), text);
    }

    /// <summary>Whether two number texts (JSON or .NET's "R" spelling) denote the same number: the same sign, significant
    /// digits and decimal exponent.</summary>
    internal static bool SameNumber(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Normalize(a) == Normalize(b);

    private static (bool Negative, string Digits, long Exponent) Normalize(ReadOnlySpan<byte> text)
    {
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        int i = negative || (text.Length > 0 && text[0] == (byte)'+') ? 1 : 0;
        var digits = new System.Text.StringBuilder();
        long point = 0;
        bool fraction = false;
        for (; i < text.Length && text[i] is not ((byte)'e' or (byte)'E'); i++)
        {
            if (text[i] == (byte)'.') fraction = true;
            else
            {
                digits.Append((char)text[i]);
                if (!fraction) point++;
            }
        }
        long exponent = 0;
        if (i < text.Length)
        {
            i++;
            bool minus = i < text.Length && text[i] == (byte)'-';
            if (i < text.Length && text[i] is (byte)'-' or (byte)'+') i++;
            // Clamped: a float's exponent has two digits; a longer one only has to stay unequal.
            for (; i < text.Length; i++) exponent = Math.Min(exponent * 10 + (text[i] - '0'), 1_000_000);
            if (minus) exponent = -exponent;
        }
        string all = digits.ToString();
        string trimmed = all.TrimStart('0');
        point -= all.Length - trimmed.Length;
        trimmed = trimmed.TrimEnd('0');
        return trimmed.Length == 0 ? (negative, "", 0) : (negative, trimmed, point + exponent);
    }
}
