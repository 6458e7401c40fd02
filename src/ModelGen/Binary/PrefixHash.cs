using System;
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
    // The eight accumulators after the prefix's first _stripes stripes (block scrambles before the last one applied).
    private readonly Xxh3.Accumulators _state;
    private readonly int _stripes;
#if NET8_0_OR_GREATER
    // The same state as two vectors (lanes 0-3, 4-7), which the AVX2 path keeps in registers.
    private readonly Vector256<ulong> _low, _high;
#endif

    /// <summary>The state after the whole stripes of <paramref name="prefix"/>.</summary>
    internal PrefixHash(ReadOnlySpan<byte> prefix)
    {
        _stripes = prefix.Length / Xxh3.StripeLength;
        Xxh3.Accumulators acc = Xxh3.Accumulators.Initial;
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
        int stripes = (input.Length - 1) / Xxh3.StripeLength; // the stripes before the last one, which is hashed apart
        if (input.Length <= Xxh3.ShortInput || stripes < _stripes || stripes - _stripes > _stripes) return XxHash3.HashToUInt64(input);
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported) return HashAvx2(input, stripes);
#endif
        Xxh3.Accumulators acc = _state;
        Continue(ref acc, input, _stripes, stripes);
        if (stripes % Xxh3.StripesPerBlock == 0) Xxh3.Scramble(ref acc);
        return Xxh3.Finish(ref acc, ref Unsafe.Add(ref MemoryMarshal.GetReference(input), input.Length - Xxh3.StripeLength), input.Length);
    }

#if NET8_0_OR_GREATER
    // Hash's sums with the accumulators in two registers: the state is not copied to the stack and read back in lanes
    // (a small model's file, hashed right after it was written, has one or two stripes after its header's). Its own
    // root for the inliner: inlined into the save, its helpers were left as calls that passed the state through memory.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong HashAvx2(ReadOnlySpan<byte> input, int stripes)
    {
        Vector256<ulong> low = _low, high = _high;
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(Xxh3.Secret);
        ref byte scrambleKey = ref Unsafe.Add(ref secret, Xxh3.SecretLength - Xxh3.StripeLength);
        for (int s = _stripes; s < stripes; s++)
        {
            int inBlock = s % Xxh3.StripesPerBlock;
            if (inBlock == 0 && s > 0)
            {
                low = Xxh3.Scrambled(low, Vector256.LoadUnsafe(ref scrambleKey).AsUInt64());
                high = Xxh3.Scrambled(high, Vector256.LoadUnsafe(ref scrambleKey, 32).AsUInt64());
            }
            ref byte stripe = ref Unsafe.Add(ref data, s * Xxh3.StripeLength);
            ref byte key = ref Unsafe.Add(ref secret, inBlock * 8);
            low = Xxh3.Accumulate(low, Vector256.LoadUnsafe(ref stripe).AsUInt64(), Vector256.LoadUnsafe(ref key).AsUInt64());
            high = Xxh3.Accumulate(high, Vector256.LoadUnsafe(ref stripe, 32).AsUInt64(), Vector256.LoadUnsafe(ref key, 32).AsUInt64());
        }
        if (stripes % Xxh3.StripesPerBlock == 0)
        {
            low = Xxh3.Scrambled(low, Vector256.LoadUnsafe(ref scrambleKey).AsUInt64());
            high = Xxh3.Scrambled(high, Vector256.LoadUnsafe(ref scrambleKey, 32).AsUInt64());
        }
        // The last stripe, keyed apart, then the merge: each pair of lanes keyed by the secret from byte 11, folded.
        ref byte last = ref Unsafe.Add(ref data, input.Length - Xxh3.StripeLength);
        ref byte lastKey = ref Unsafe.Add(ref secret, Xxh3.SecretLength - Xxh3.StripeLength - 7);
        low = Xxh3.Accumulate(low, Vector256.LoadUnsafe(ref last).AsUInt64(), Vector256.LoadUnsafe(ref lastKey).AsUInt64());
        high = Xxh3.Accumulate(high, Vector256.LoadUnsafe(ref last, 32).AsUInt64(), Vector256.LoadUnsafe(ref lastKey, 32).AsUInt64());
        Vector256<ulong> keyedLow = low ^ Vector256.LoadUnsafe(ref secret, 11).AsUInt64();
        Vector256<ulong> keyedHigh = high ^ Vector256.LoadUnsafe(ref secret, 11 + 32).AsUInt64();
        ulong result = (ulong)input.Length * Xxh3.Prime64_1
            + Xxh3.Fold(keyedLow.GetElement(0), keyedLow.GetElement(1)) + Xxh3.Fold(keyedLow.GetElement(2), keyedLow.GetElement(3))
            + Xxh3.Fold(keyedHigh.GetElement(0), keyedHigh.GetElement(1)) + Xxh3.Fold(keyedHigh.GetElement(2), keyedHigh.GetElement(3));
        return Xxh3.Avalanche(result);
    }
#endif

    // Stripes [from, to) of the input; each block's scramble comes before the first stripe of the next block.
    private static void Continue(ref Xxh3.Accumulators acc, ReadOnlySpan<byte> input, int from, int to)
    {
        // The caller asks for whole stripes of the input only.
        if ((long)to * Xxh3.StripeLength > input.Length) throw new ArgumentOutOfRangeException(nameof(to));
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(Xxh3.Secret);
        for (int s = from; s < to; s++)
        {
            int inBlock = s % Xxh3.StripesPerBlock;
            if (inBlock == 0 && s > 0) Xxh3.Scramble(ref acc);
            Xxh3.Accumulate(ref acc, ref Unsafe.Add(ref data, s * Xxh3.StripeLength), ref Unsafe.Add(ref secret, inBlock * 8));
        }
    }
}
