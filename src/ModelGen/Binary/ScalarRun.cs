using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Internal;

/// <summary>A run of consecutive scalar members (integers, bool, enums, float, double) written in one go by generated
/// code: the writer reserves room for the run's largest size once (<see cref="ModelWriter.BeginScalars"/>), the
/// members are stored one after the other with no per-member checks, and <see cref="ModelWriter.EndScalars"/> takes
/// the length. The bytes are those of the members' codecs (docs/format.md §3 and §9).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ScalarRun
{
    private readonly Span<byte> _span;
    private int _length;

    internal ScalarRun(Span<byte> span)
    {
        _span = span;
        _length = 0;
    }

    internal readonly int Length => _length;

    // Stores go past the bounds checks: the writer reserved the run's largest size before the first.
    private readonly ref byte At(int offset) => ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), offset);

    /// <summary>A format-1 field tag; the key and wire type of generated code are constants, so this folds to stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(int key, WireType wireType) => VarUInt64(((ulong)(uint)key << 3) | (byte)wireType);

    /// <summary>An unsigned LEB128 varint (at most 10 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VarUInt64(ulong value)
    {
        ref byte b = ref At(_length);
        if (value < 0x80)
        {
            b = (byte)value;
            _length += 1;
        }
        else if (value < 0x4000)
        {
            b = (byte)(value | 0x80);
            Unsafe.Add(ref b, 1) = (byte)(value >> 7);
            _length += 2;
        }
        else if (value < 0x200000)
        {
            b = (byte)(value | 0x80);
            Unsafe.Add(ref b, 1) = (byte)((value >> 7) | 0x80);
            Unsafe.Add(ref b, 2) = (byte)(value >> 14);
            _length += 3;
        }
        else
        {
            _length += Long(ref b, value);
        }
    }

    private static int Long(ref byte b, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            Unsafe.Add(ref b, i++) = (byte)(value | 0x80);
            value >>= 7;
        }
        Unsafe.Add(ref b, i++) = (byte)value;
        return i;
    }

    /// <summary>A signed integer as a zigzag varint (integers, bool as 0 or 1, enums by their number).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void VarInt64(long value) => VarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A float: four little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Single(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        Unsafe.WriteUnaligned(ref At(_length), bits);
        _length += 4;
    }

    /// <summary>A double: eight little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Double(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        Unsafe.WriteUnaligned(ref At(_length), bits);
        _length += 8;
    }
}
