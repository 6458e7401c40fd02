using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Internal;

/// <summary>A run of consecutive scalar members (integers, bool, enums, float, double) written in one go by generated
/// code: the writer reserves room for the run's largest size once (<see cref="ModelWriter.BeginScalars"/>), each
/// member is stored at the run's length so far, which generated code keeps in a local (a register), with no
/// per-member checks, and <see cref="ModelWriter.EndScalars"/> takes the length. The bytes are those of the members'
/// codecs (docs/format.md §3 and §9).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarRun
{
    // Stores go past the bounds checks: the writer reserved the run's largest size before the first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(Span<byte> run, int at) => ref Unsafe.Add(ref MemoryMarshal.GetReference(run), at);

    /// <summary>Stores a format-1 field tag at <paramref name="at"/>; returns its length. Key and wire type of generated
    /// code are constants, so this folds to stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tag(Span<byte> run, int at, int key, WireType wireType) => VarUInt64(run, at, ((ulong)(uint)key << 3) | (byte)wireType);

    /// <summary>Stores an unsigned LEB128 varint (at most 10 bytes) at <paramref name="at"/>; returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VarUInt64(Span<byte> run, int at, ulong value)
    {
        ref byte b = ref At(run, at);
        if (value < 0x80)
        {
            b = (byte)value;
            return 1;
        }
        if (value < 0x4000)
        {
            b = (byte)(value | 0x80);
            Unsafe.Add(ref b, 1) = (byte)(value >> 7);
            return 2;
        }
        if (value < 0x200000)
        {
            b = (byte)(value | 0x80);
            Unsafe.Add(ref b, 1) = (byte)((value >> 7) | 0x80);
            Unsafe.Add(ref b, 2) = (byte)(value >> 14);
            return 3;
        }
        return Long(ref b, value);
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

    /// <summary>Stores a signed integer as a zigzag varint (integers, bool as 0 or 1, enums by their number); returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VarInt64(Span<byte> run, int at, long value) => VarUInt64(run, at, (ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Stores a float as four little-endian bytes; returns 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Single(Span<byte> run, int at, float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        Unsafe.WriteUnaligned(ref At(run, at), bits);
        return 4;
    }

    /// <summary>Stores a double as eight little-endian bytes; returns 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Double(Span<byte> run, int at, double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        Unsafe.WriteUnaligned(ref At(run, at), bits);
        return 8;
    }
}
