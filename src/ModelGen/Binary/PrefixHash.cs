using System;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>The state after the whole stripes of <paramref name="prefix"/>.</summary>
    internal PrefixHash(ReadOnlySpan<byte> prefix)
    {
        _stripes = prefix.Length / Xxh3.StripeLength;
        Xxh3.Accumulators acc = Xxh3.Accumulators.Initial;
        Continue(ref acc, prefix, 0, _stripes);
        _state = acc;
    }

    /// <summary>The prefix's stripes, whose state is kept.</summary>
    internal int Stripes => _stripes;

    /// <summary>XXH3-64 of <paramref name="input"/>, which must begin with the prefix this state was computed from.</summary>
    internal ulong Hash(ReadOnlySpan<byte> input)
    {
        int stripes = (input.Length - 1) / Xxh3.StripeLength; // the stripes before the last one, which is hashed apart
        if (input.Length <= Xxh3.ShortInput || stripes < _stripes || stripes - _stripes > _stripes) return XxHash3.HashToUInt64(input);
        Xxh3.Accumulators acc = _state;
        Continue(ref acc, input, _stripes, stripes);
        if (stripes % Xxh3.StripesPerBlock == 0) Xxh3.Scramble(ref acc);
        return Xxh3.Finish(acc, ref Unsafe.Add(ref MemoryMarshal.GetReference(input), input.Length - Xxh3.StripeLength), input.Length);
    }

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
