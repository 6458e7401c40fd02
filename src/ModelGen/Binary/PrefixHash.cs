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

/// <summary>The checksum (XXH3-64, seed 0: <see cref="XxHash3.HashToUInt64(ReadOnlySpan{byte}, long)"/>) of inputs that
/// begin with one known prefix, resumed from the state after the prefix's whole 64-byte stripes instead of hashing
/// them again. The prefix is a model type's own envelope header (<see cref="Envelope.MatchOwnHeader{T}"/>), which
/// the caller has compared byte for byte with the input before calling <see cref="Hash"/>: the state is only ever
/// used for an input that starts with the bytes it was computed from. Inputs of 240 bytes or less (XXH3 hashes them
/// without stripes), inputs that end within the prefix's stripes, and inputs with more stripes after the prefix's than
/// in it are hashed from the start: XxHash3's own loop is up to twice as fast per stripe as this one (measured
/// 2026-12-05), so resuming pays only while what it saves is at least what follows (a small model's payload).</summary>
internal sealed class PrefixHash
{
    private const int StripeLength = 64;
    private const int StripesPerBlock = (SecretLength - StripeLength) / 8;
    private const int SecretLength = 192;
    private const int ShortInput = 240;
    private const ulong Prime32_1 = 0x9E3779B1UL;
    private const ulong Prime32_2 = 0x85EBCA77UL;
    private const ulong Prime32_3 = 0xC2B2AE3DUL;
    private const ulong Prime64_1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime64_2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime64_3 = 0x165667B19E3779F9UL;
    private const ulong Prime64_4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime64_5 = 0x27D4EB2F165667C5UL;

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

    // The eight accumulators after the prefix's first _stripes stripes (block scrambles before the last one applied).
    private readonly Accumulators _state;
    private readonly int _stripes;
#if NET8_0_OR_GREATER
    // The same state as two vectors (lanes 0-3, 4-7), which the AVX2 path keeps in registers.
    private readonly Vector256<ulong> _low, _high;
#endif

    /// <summary>The state after the whole stripes of <paramref name="prefix"/>.</summary>
    internal PrefixHash(ReadOnlySpan<byte> prefix)
    {
        _stripes = prefix.Length / StripeLength;
        Accumulators acc = Accumulators.Initial;
        Continue(ref acc, prefix, 0, _stripes);
        _state = acc;
#if NET8_0_OR_GREATER
        _low = Vector256.Create(acc.A0, acc.A1, acc.A2, acc.A3);
        _high = Vector256.Create(acc.A4, acc.A5, acc.A6, acc.A7);
#endif
    }

    /// <summary>The prefix's stripes, whose state is kept.</summary>
    internal int Stripes => _stripes;

    /// <summary>XXH3-64 of <paramref name="input"/>, which must begin with the prefix this state was computed from.</summary>
    internal ulong Hash(ReadOnlySpan<byte> input)
    {
        int stripes = (input.Length - 1) / StripeLength; // the stripes before the last one, which is hashed apart
        if (input.Length <= ShortInput || stripes < _stripes || stripes - _stripes > _stripes) return XxHash3.HashToUInt64(input);
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported) return HashAvx2(input, stripes);
#endif
        Accumulators acc = _state;
        Continue(ref acc, input, _stripes, stripes);
        if (stripes % StripesPerBlock == 0) Scramble(ref acc);
        Accumulate(ref acc, ref Unsafe.Add(ref MemoryMarshal.GetReference(input), input.Length - StripeLength),
            ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), SecretLength - StripeLength - 7));
        return Merge(in acc, (ulong)input.Length * Prime64_1);
    }

#if NET8_0_OR_GREATER
    // Hash's sums with the accumulators in two registers: the state is not copied to the stack and read back in lanes
    // (a small model's file, hashed right after it was written, has one or two stripes after its header's).
    // Its own root for the inliner: inlined into its callers, the helpers below were left as calls that passed the
    // accumulators through memory.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong HashAvx2(ReadOnlySpan<byte> input, int stripes)
    {
        Vector256<ulong> low = _low, high = _high;
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(Secret);
        for (int s = _stripes; s < stripes; s++)
        {
            int inBlock = s % StripesPerBlock;
            if (inBlock == 0 && s > 0) ScrambleAvx2(ref low, ref high);
            AccumulateAvx2(ref low, ref high, ref Unsafe.Add(ref data, s * StripeLength), ref Unsafe.Add(ref secret, inBlock * 8));
        }
        if (stripes % StripesPerBlock == 0) ScrambleAvx2(ref low, ref high);
        AccumulateAvx2(ref low, ref high, ref Unsafe.Add(ref data, input.Length - StripeLength), ref Unsafe.Add(ref secret, SecretLength - StripeLength - 7));
        // Merge: each pair of lanes keyed by the secret from byte 11, multiplied to 128 bits and folded.
        Vector256<ulong> keyedLow = low ^ Vector256.LoadUnsafe(ref secret, 11).AsUInt64();
        Vector256<ulong> keyedHigh = high ^ Vector256.LoadUnsafe(ref secret, 11 + 32).AsUInt64();
        ulong result = (ulong)input.Length * Prime64_1
            + ShortPrefixHash.Fold(keyedLow.GetElement(0), keyedLow.GetElement(1)) + ShortPrefixHash.Fold(keyedLow.GetElement(2), keyedLow.GetElement(3))
            + ShortPrefixHash.Fold(keyedHigh.GetElement(0), keyedHigh.GetElement(1)) + ShortPrefixHash.Fold(keyedHigh.GetElement(2), keyedHigh.GetElement(3));
        result ^= result >> 37;
        result *= 0x165667919E3779F9UL;
        return result ^ (result >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateAvx2(ref Vector256<ulong> low, ref Vector256<ulong> high, ref byte stripe, ref byte secret)
    {
        low += Lanes(Vector256.LoadUnsafe(ref stripe).AsUInt64(), Vector256.LoadUnsafe(ref secret).AsUInt64());
        high += Lanes(Vector256.LoadUnsafe(ref stripe, 32).AsUInt64(), Vector256.LoadUnsafe(ref secret, 32).AsUInt64());
    }

    // XXH3's AVX2 kernel for four lanes (Accumulate's).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Lanes(Vector256<ulong> value, Vector256<ulong> secret)
    {
        Vector256<ulong> key = value ^ secret;
        Vector256<ulong> product = Avx2.Multiply(key.AsUInt32(), Avx2.ShiftRightLogical(key, 32).AsUInt32());
        return Avx2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64() + product;
    }

    // Scramble's sums, four lanes at a time: the 64-bit product by a 32-bit prime from its two 32-bit halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScrambleAvx2(ref Vector256<ulong> low, ref Vector256<ulong> high)
    {
        ref byte secret = ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), SecretLength - StripeLength);
        low = Scrambled(low, Vector256.LoadUnsafe(ref secret).AsUInt64());
        high = Scrambled(high, Vector256.LoadUnsafe(ref secret, 32).AsUInt64());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Scrambled(Vector256<ulong> x, Vector256<ulong> key)
    {
        Vector256<ulong> keyed = (x ^ Avx2.ShiftRightLogical(x, 47)) ^ key;
        Vector256<uint> prime = Vector256.Create((uint)Prime32_1);
        Vector256<ulong> lowProduct = Avx2.Multiply(keyed.AsUInt32(), prime);
        Vector256<ulong> highProduct = Avx2.Multiply(Avx2.ShiftRightLogical(keyed, 32).AsUInt32(), prime);
        return lowProduct + Avx2.ShiftLeftLogical(highProduct, 32);
    }

#endif

    // Stripes [from, to) of the input; each block's scramble comes before the first stripe of the next block.
    private static void Continue(ref Accumulators acc, ReadOnlySpan<byte> input, int from, int to)
    {
        // The caller asks for whole stripes of the input only.
        if ((long)to * StripeLength > input.Length) throw new ArgumentOutOfRangeException(nameof(to));
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(Secret);
        for (int s = from; s < to; s++)
        {
            int inBlock = s % StripesPerBlock;
            if (inBlock == 0 && s > 0) Scramble(ref acc);
            Accumulate(ref acc, ref Unsafe.Add(ref data, s * StripeLength), ref Unsafe.Add(ref secret, inBlock * 8));
        }
    }

    // Lane i takes the stripe's word i: the word into lane i ^ 1, the product of its halves keyed by the secret into i.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Accumulators acc, ref byte stripe, ref byte secret)
    {
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported)
        {
            // XXH3's AVX2 kernel: four lanes at a time, the same sums.
            ref Vector256<ulong> lanes = ref Unsafe.As<Accumulators, Vector256<ulong>>(ref acc);
            for (int half = 0; half < 2; half++)
            {
                Vector256<ulong> value = Vector256.LoadUnsafe(ref stripe, (nuint)(32 * half)).AsUInt64();
                Vector256<ulong> key = value ^ Vector256.LoadUnsafe(ref secret, (nuint)(32 * half)).AsUInt64();
                Vector256<ulong> product = Avx2.Multiply(key.AsUInt32(), Avx2.ShiftRightLogical(key, 32).AsUInt32());
                Vector256<ulong> swapped = Avx2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64();
                Unsafe.Add(ref lanes, half) += swapped + product;
            }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lane(ref ulong lane, ref ulong swapped, ref byte stripe, ref byte secret, int offset)
    {
        ulong value = Read(ref stripe, offset);
        ulong key = value ^ Read(ref secret, offset);
        swapped += value;
        lane += (key & 0xFFFFFFFF) * (key >> 32);
    }

    private static void Scramble(ref Accumulators acc)
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

    private static ulong Merge(in Accumulators acc, ulong start)
    {
        ref byte secret = ref Unsafe.Add(ref MemoryMarshal.GetReference(Secret), 11);
        ulong result = start + Mix(acc.A0, acc.A1, ref secret, 0) + Mix(acc.A2, acc.A3, ref secret, 16)
            + Mix(acc.A4, acc.A5, ref secret, 32) + Mix(acc.A6, acc.A7, ref secret, 48);
        result ^= result >> 37;
        result *= 0x165667919E3779F9UL;
        return result ^ (result >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b, ref byte secret, int offset) =>
        ShortPrefixHash.Fold(a ^ Read(ref secret, offset), b ^ Read(ref secret, offset + 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref byte at, int offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    private struct Accumulators
    {
        public ulong A0, A1, A2, A3, A4, A5, A6, A7;

        public static Accumulators Initial => new()
        {
            A0 = Prime32_3, A1 = Prime64_1, A2 = Prime64_2, A3 = Prime64_3, A4 = Prime64_4, A5 = Prime32_2, A6 = Prime64_5, A7 = Prime32_1,
        };
    }
}
