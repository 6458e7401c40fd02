using System;

namespace ModelGen.Internal;

/// <summary>How a <see cref="Half"/> scalar is stored as the float it widens to (docs/format.md §4, the Half row):
/// a number or an infinity exactly as the hardware widens it; a NaN as the float with the Half's sign, all exponent
/// bits set and the Half's 10-bit payload shifted left by 13, its quiet bit as the Half's. The hardware's widening
/// gives the same bits for a quiet NaN but makes a signaling one quiet, so that binary lost the bit that packed
/// arrays and JSON keep. Read back into a Half, such a float NaN (its low 13 payload bits zero) is that Half again.
/// Linked into the tool, which prints a Half member as the .NET reader reads it.</summary>
internal static class HalfWidening
{
    private const ushort HalfExponent = 0x7C00, HalfPayload = 0x03FF;
    private const uint SingleExponent = 0x7F80_0000, LowPayload = 0x1FFF;

    /// <summary>The float that <paramref name="value"/> is written as: <c>(float)value</c>, except that a signaling
    /// NaN stays signaling.</summary>
    public static float ToSingle(Half value)
    {
        ushort bits = BitConverter.HalfToUInt16Bits(value);
        if ((bits & HalfExponent) != HalfExponent || (bits & HalfPayload) == 0) return (float)value;
        return BitConverter.UInt32BitsToSingle((uint)(bits & 0x8000) << 16 | SingleExponent | (uint)(bits & HalfPayload) << 13);
    }

    /// <summary>The Half whose widening (<see cref="ToSingle"/>) is <paramref name="value"/>, when that is a NaN
    /// whose low 13 payload bits are zero: its sign, its payload shifted right by 13, its quiet bit as stored. False
    /// for any other value, which converts as a float does (a NaN with payload bits only in the low 13 stays a NaN:
    /// the conversion sets the quiet bit).</summary>
    public static bool TryFromNaN(float value, out Half half)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (!float.IsNaN(value) || (bits & LowPayload) != 0)
        {
            half = default;
            return false;
        }
        half = BitConverter.UInt16BitsToHalf((ushort)(bits >> 16 & 0x8000 | HalfExponent | bits >> 13 & HalfPayload));
        return true;
    }
}
