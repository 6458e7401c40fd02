using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace ModelGen.Internal;

/// <summary>The pieces of XXH3-64 (seed 0, the default secret: the checksum, <see
/// cref="XxHash3.HashToUInt64(ReadOnlySpan{byte}, long)"/>) that the checksum's own hashers share:
/// <see cref="StreamingChecksum"/> (large inputs in pieces, copied and hashed in one pass), <see cref="PrefixHash"/>
/// (resumed after a known header's stripes) and <see cref="ShortPrefixHash"/> (short inputs from a header's block
/// products). Each follows the reference implementation's XXH3_64bits; the tests compare every path with
/// System.IO.Hashing's, with and without AVX2.</summary>
internal static class Xxh3
{
    internal const int StripeLength = 64;
    internal const int SecretLength = 192;
    internal const int StripesPerBlock = (SecretLength - StripeLength) / 8;
    // Inputs up to this length are hashed without stripes.
    internal const int ShortInput = 240;
    internal const ulong Prime32_1 = 0x9E3779B1UL;
    internal const ulong Prime32_2 = 0x85EBCA77UL;
    internal const ulong Prime32_3 = 0xC2B2AE3DUL;
    internal const ulong Prime64_1 = 0x9E3779B185EBCA87UL;
    internal const ulong Prime64_2 = 0xC2B2AE3D27D4EB4FUL;
    internal const ulong Prime64_3 = 0x165667B19E3779F9UL;
    internal const ulong Prime64_4 = 0x85EBCA77C2B2AE63UL;
    internal const ulong Prime64_5 = 0x27D4EB2F165667C5UL;

    // XXH3's default secret (the reference implementation's kSecret), a constant of the algorithm.
    internal static ReadOnlySpan<byte> Secret =>
    [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
        0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
        0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
        0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
    ];

    /// <summary>The eight accumulators of a long input.</summary>
    internal struct Accumulators
    {
        public ulong A0, A1, A2, A3, A4, A5, A6, A7;

        public static Accumulators Initial => new()
        {
            A0 = Prime32_3, A1 = Prime64_1, A2 = Prime64_2, A3 = Prime64_3, A4 = Prime64_4, A5 = Prime32_2, A6 = Prime64_5, A7 = Prime32_1,
        };
    }

    /// <summary>One stripe: lane i takes the stripe's word i — the word into lane i ^ 1, the product of its halves keyed
    /// by the secret into i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Accumulate(ref Accumulators acc, ref byte stripe, ref byte secret)
    {
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported)
        {
            ref Vector256<ulong> lanes = ref Unsafe.As<Accumulators, Vector256<ulong>>(ref acc);
            lanes = Accumulate(lanes, Vector256.LoadUnsafe(ref stripe).AsUInt64(), Vector256.LoadUnsafe(ref secret).AsUInt64());
            Unsafe.Add(ref lanes, 1) = Accumulate(Unsafe.Add(ref lanes, 1), Vector256.LoadUnsafe(ref stripe, 32).AsUInt64(), Vector256.LoadUnsafe(ref secret, 32).AsUInt64());
            return;
        }
#endif
        Lane(ref acc.A0, ref acc.A1, ref stripe, ref secret, 0);
        Lane(ref acc.A1, ref acc.A0, ref stripe, ref secret, 8);
        Lane(ref acc.A2, ref acc.A3, ref stripe, ref secret, 16);
        Lane(ref acc.A3, ref acc.A2, ref stripe, ref secret, 24);
        Lane(ref acc.A4, ref acc.A5, ref stripe, ref secret, 32);
        Lane(ref acc.A5, ref acc.A4, ref stripe, ref secret, 40);
        Lane(ref acc.A6, ref acc.A7, ref stripe, ref secret, 48);
        Lane(ref acc.A7, ref acc.A6, ref stripe, ref secret, 56);
    }

#if NET8_0_OR_GREATER
    /// <summary>XXH3's AVX2 kernel: half a stripe (four lanes) into four accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Accumulate(Vector256<ulong> acc, Vector256<ulong> value, Vector256<ulong> secret)
    {
        Vector256<ulong> key = value ^ secret;
        Vector256<ulong> product = Avx2.Multiply(key.AsUInt32(), Avx2.ShiftRightLogical(key, 32).AsUInt32());
        return acc + Avx2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64() + product;
    }

    /// <summary>The block scramble of four accumulators (AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Scrambled(Vector256<ulong> acc, Vector256<ulong> key)
    {
        Vector256<ulong> x = acc ^ Avx2.ShiftRightLogical(acc, 47) ^ key;
        Vector256<uint> prime = Vector256.Create((uint)Prime32_1);
        return Avx2.Multiply(x.AsUInt32(), prime) + Avx2.ShiftLeftLogical(Avx2.Multiply(Avx2.ShiftRightLogical(x, 32).AsUInt32(), prime), 32);
    }
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lane(ref ulong lane, ref ulong swapped, ref byte stripe, ref byte secret, int offset)
    {
        ulong value = Read(ref stripe, offset);
        ulong key = value ^ Read(ref secret, offset);
        swapped += value;
        lane += (key & 0xFFFFFFFF) * (key >> 32);
    }

    /// <summary>The scramble after each block of <see cref="StripesPerBlock"/> stripes.</summary>
    internal static void Scramble(ref Accumulators acc)
    {
        ref byte secret = ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), SecretLength - StripeLength);
        acc.A0 = Scrambled(acc.A0, Read(ref secret, 0));
        acc.A1 = Scrambled(acc.A1, Read(ref secret, 8));
        acc.A2 = Scrambled(acc.A2, Read(ref secret, 16));
        acc.A3 = Scrambled(acc.A3, Read(ref secret, 24));
        acc.A4 = Scrambled(acc.A4, Read(ref secret, 32));
        acc.A5 = Scrambled(acc.A5, Read(ref secret, 40));
        acc.A6 = Scrambled(acc.A6, Read(ref secret, 48));
        acc.A7 = Scrambled(acc.A7, Read(ref secret, 56));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Scrambled(ulong x, ulong key) => ((x ^ (x >> 47)) ^ key) * Prime32_1;

    /// <summary>The input's last stripe (its last 64 bytes, keyed apart) and the merge of a long input's accumulators,
    /// which it changes (by reference: a copy of them went through memory once more).</summary>
    internal static ulong Finish(ref Accumulators acc, ref byte lastStripe, long length)
    {
        Accumulate(ref acc, ref lastStripe, ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), SecretLength - StripeLength - 7));
        ref byte secret = ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), 11);
        ulong result = (ulong)length * Prime64_1 + Mix16(acc.A0, acc.A1, ref secret, 0) + Mix16(acc.A2, acc.A3, ref secret, 16)
            + Mix16(acc.A4, acc.A5, ref secret, 32) + Mix16(acc.A6, acc.A7, ref secret, 48);
        return Avalanche(result);
    }

    /// <summary>XXH3's 16-byte mix: the folded 128-bit product of two words, each keyed by the secret.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix16(ulong a, ulong b, ref byte secret, int offset) => Fold(a ^ Read(ref secret, offset), b ^ Read(ref secret, offset + 8));

    /// <summary>The 128-bit product of <paramref name="a"/> and <paramref name="b"/>, its halves XORed (the reference
    /// implementation's mul128_fold64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fold(ulong a, ulong b)
    {
#if NET8_0_OR_GREATER
        // The high half alone (mulx) and the low half as a plain product: Math.BigMul's out parameter sent each
        // product's operand and low half through the stack (two store-to-load round trips a block on the checksum's
        // critical path; perf put the largest share of a small model's format-1 save on those reloads).
        if (Bmi2.X64.IsSupported) return (a * b) ^ Bmi2.X64.MultiplyNoFlags(a, b);
#endif
        ulong high = Math.BigMul(a, b, out ulong low);
        return low ^ high;
    }

    /// <summary>The 16-byte mix of 16 input bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix16(ref byte input, ref byte secret) => Mix16(Read(ref input, 0), Read(ref input, 8), ref secret, 0);

    /// <summary>XXH3-64 (seed 0) of the 16 bytes <paramref name="low"/> ‖ <paramref name="high"/>, each little-endian
    /// (the reference implementation's XXH3_len_9to16_64b): format 2's checksum of its header's and payload's hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Hash16(ulong low, ulong high)
    {
        ulong lo = low ^ Bitflip1;
        ulong hi = high ^ Bitflip2;
        return Avalanche(16 + BinaryPrimitives.ReverseEndianness(lo) + hi + Fold(lo, hi));
    }

    // XXH3_len_9to16_64b's bitflips with seed 0: the default secret's words at 24 and 32, and at 40 and 48, XORed.
    private const ulong Bitflip1 = 0x6782737BEA4239B9UL;
    private const ulong Bitflip2 = 0xAF56BC3B0996523AUL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Avalanche(ulong h)
    {
        h ^= h >> 37;
        h *= 0x165667919E3779F9UL;
        return h ^ (h >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Read(ref byte at, int offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
