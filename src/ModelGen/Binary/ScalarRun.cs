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

    // Format 1's constant bytes (tags, item tags, end markers) are joined to the stores of the values beside them: one
    // unaligned 8-byte store holds the constants before a value, the value (a float, or a varint of one or two bytes)
    // and the constants after it. Generated code composes <c>constants</c> (the bytes in the order written, the first
    // in the low byte, zero where the value goes) and reserves 8 bytes past the run's largest size, since a store may
    // reach 7 bytes past what it writes; the bytes past the run's length are overwritten by what follows, or are not
    // part of the output.

    // The overloads with constants take the position as a native integer (generated code keeps a format-1 run's
    // length in one), which addresses the run without widening it at every store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(Span<byte> run, nint at) => ref Unsafe.Add(ref MemoryMarshal.GetReference(run), at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(ref byte at, ulong bytes)
    {
        if (!BitConverter.IsLittleEndian) bytes = BinaryPrimitives.ReverseEndianness(bytes);
        Unsafe.WriteUnaligned(ref at, bytes);
    }

    /// <summary>Stores <paramref name="count"/> (1 to 8) constant bytes, the first in the low byte of
    /// <paramref name="bytes"/>, with one 8-byte store (8 bytes of room past <paramref name="at"/>); returns
    /// <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Constant(Span<byte> run, nint at, ulong bytes, int count)
    {
        Store8(ref At(run, at), bytes);
        return count;
    }

    /// <summary>Stores <paramref name="before"/> constant bytes, a float's four little-endian bytes and
    /// <paramref name="after"/> constant bytes (at most 8 in all) with one 8-byte store; <paramref name="constants"/>
    /// holds the constant bytes at their places and zeros where the float goes. Returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Single(Span<byte> run, nint at, ulong constants, int before, float value, int after)
    {
        Store8(ref At(run, at), constants | ((ulong)BitConverter.SingleToUInt32Bits(value) << (8 * before)));
        return before + 4 + after;
    }

    /// <summary>Stores <paramref name="before"/> (at most 8) constant bytes, then a double's eight little-endian bytes;
    /// returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Double(Span<byte> run, nint at, ulong constants, int before, double value)
    {
        ref byte b = ref At(run, at);
        // Generated code passes constants: without any (format 2), the one store of the value.
        if (before > 0) Store8(ref b, constants);
        Store8(ref Unsafe.Add(ref b, before), BitConverter.DoubleToUInt64Bits(value));
        return before + 8;
    }

    /// <summary>Stores <paramref name="before"/> (at most 6) constant bytes and a signed integer as a zigzag varint, both
    /// in one 8-byte store when the varint has one or two bytes; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VarInt64(Span<byte> run, nint at, ulong constants, int before, long value)
    {
        ulong zigzag = (ulong)((value << 1) ^ (value >> 63));
        ref byte b = ref At(run, at);
        // Branches, not arithmetic, tell one byte from two: the next store's place depends on this length, and a
        // predicted branch lets it go ahead where arithmetic made each store wait for the value before it (tried: a
        // tree's format-1 save 10 % slower, though its feature indices mispredict a branch at random).
        if (zigzag < 0x80)
        {
            Store8(ref b, constants | (zigzag << (8 * before)));
            return before + 1;
        }
        if (zigzag < 0x4000)
        {
            Store8(ref b, constants | (((zigzag & 0x7F) | 0x80 | ((zigzag >> 7) << 8)) << (8 * before)));
            return before + 2;
        }
        Store8(ref b, constants);
        return before + VarUInt64(run, (int)at + before, zigzag);
    }
}
