using System;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Internal;

/// <summary>The checksum (XXH3-64, seed 0: <see cref="XxHash3.HashToUInt64(ReadOnlySpan{byte}, long)"/>) of a short
/// input (17 to 240 bytes: a small model's whole file) that begins with one known prefix, a model type's own format-1
/// envelope header, which the writer has just copied in front of the payload. XXH3 hashes such inputs as a sum of
/// independent 16-byte block products (XXH3_len_17to128 and XXH3_len_129to240 of the reference implementation), so
/// the products of the blocks that lie wholly in the prefix at a fixed place are computed once here; the other blocks
/// are hashed as XXH3 hashes them. Any other length is hashed from the start (<see cref="PrefixHash"/> takes longer
/// inputs of format 2). The caller guarantees that the input begins with the prefix this was computed from.</summary>
internal sealed class ShortPrefixHash
{
    /// <summary>The longest input hashed from the prefix's block products; longer ones are hashed from the start.</summary>
    internal const int LongestInput = 240;

    // 17 to 128 bytes: the product of the front block k (at 16k, keyed at 32k), for the blocks wholly in the prefix.
    private readonly ulong _front0, _front1, _front2, _front3;
    // 129 to 240 bytes: the sums of the prefix's blocks among the first eight, and among those from the ninth on.
    private readonly ulong _first, _rest;
    // The prefix's whole 16-byte blocks.
    private readonly int _blocks;

    internal ShortPrefixHash(ReadOnlySpan<byte> prefix)
    {
        _blocks = prefix.Length / 16;
        ref byte input = ref MemoryMarshal.GetReference(prefix);
        ref byte secret = ref MemoryMarshal.GetReference(Xxh3.Secret);
        if (_blocks > 0) _front0 = Xxh3.Mix16(ref input, ref secret);
        if (_blocks > 1) _front1 = Xxh3.Mix16(ref Unsafe.Add(ref input, 16), ref Unsafe.Add(ref secret, 32));
        if (_blocks > 2) _front2 = Xxh3.Mix16(ref Unsafe.Add(ref input, 32), ref Unsafe.Add(ref secret, 64));
        if (_blocks > 3) _front3 = Xxh3.Mix16(ref Unsafe.Add(ref input, 48), ref Unsafe.Add(ref secret, 96));
        for (int i = 0; i < Math.Min(_blocks, 8); i++) _first += Xxh3.Mix16(ref Unsafe.Add(ref input, 16 * i), ref Unsafe.Add(ref secret, 16 * i));
        for (int i = 8; i < _blocks; i++) _rest += Xxh3.Mix16(ref Unsafe.Add(ref input, 16 * i), ref Unsafe.Add(ref secret, 16 * (i - 8) + 3));
    }

    /// <summary>XXH3-64 of <paramref name="input"/>, which must begin with the prefix this was computed from.</summary>
    // Not inlined: inside the save's TryWriteAtOnce, with the writer's state live around it, the blocks' operands were
    // spilled to the stack and read back (perf: the hottest instructions of a small model's save).
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ulong Hash(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        if (length <= 16 || length > LongestInput || length < 16 * _blocks) return XxHash3.HashToUInt64(input);
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(Xxh3.Secret);
        ulong acc = (ulong)length * Xxh3.Prime64_1;
        if (length <= 128)
        {
            if (length > 32)
            {
                if (length > 64)
                {
                    if (length > 96)
                    {
                        acc += _blocks > 3 ? _front3 : Xxh3.Mix16(ref Unsafe.Add(ref data, 48), ref Unsafe.Add(ref secret, 96));
                        acc += Xxh3.Mix16(ref Unsafe.Add(ref data, length - 64), ref Unsafe.Add(ref secret, 112));
                    }
                    acc += _blocks > 2 ? _front2 : Xxh3.Mix16(ref Unsafe.Add(ref data, 32), ref Unsafe.Add(ref secret, 64));
                    acc += Xxh3.Mix16(ref Unsafe.Add(ref data, length - 48), ref Unsafe.Add(ref secret, 80));
                }
                acc += _blocks > 1 ? _front1 : Xxh3.Mix16(ref Unsafe.Add(ref data, 16), ref Unsafe.Add(ref secret, 32));
                acc += Xxh3.Mix16(ref Unsafe.Add(ref data, length - 32), ref Unsafe.Add(ref secret, 48));
            }
            acc += _blocks > 0 ? _front0 : Xxh3.Mix16(ref data, ref secret);
            acc += Xxh3.Mix16(ref Unsafe.Add(ref data, length - 16), ref Unsafe.Add(ref secret, 16));
            return Xxh3.Avalanche(acc);
        }
        // 129 to 240 bytes, written out for the JIT (loops over the blocks cost a third more, measured): the first
        // eight blocks not in the prefix, the avalanche, then the last block and those from the ninth on.
        int rounds = length / 16;
        int blocks = _blocks;
        acc += _first;
        if (blocks <= 0) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 0), ref Unsafe.Add(ref secret, 0));
        if (blocks <= 1) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 16), ref Unsafe.Add(ref secret, 16));
        if (blocks <= 2) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 32), ref Unsafe.Add(ref secret, 32));
        if (blocks <= 3) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 48), ref Unsafe.Add(ref secret, 48));
        if (blocks <= 4) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 64), ref Unsafe.Add(ref secret, 64));
        if (blocks <= 5) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 80), ref Unsafe.Add(ref secret, 80));
        if (blocks <= 6) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 96), ref Unsafe.Add(ref secret, 96));
        if (blocks <= 7) acc += Xxh3.Mix16(ref Unsafe.Add(ref data, 112), ref Unsafe.Add(ref secret, 112));
        acc = Xxh3.Avalanche(acc);
        ulong end = _rest + Xxh3.Mix16(ref Unsafe.Add(ref data, length - 16), ref Unsafe.Add(ref secret, 136 - 17));
        if (rounds > 8 && blocks <= 8) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 128), ref Unsafe.Add(ref secret, 3));
        if (rounds > 9 && blocks <= 9) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 144), ref Unsafe.Add(ref secret, 19));
        if (rounds > 10 && blocks <= 10) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 160), ref Unsafe.Add(ref secret, 35));
        if (rounds > 11 && blocks <= 11) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 176), ref Unsafe.Add(ref secret, 51));
        if (rounds > 12 && blocks <= 12) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 192), ref Unsafe.Add(ref secret, 67));
        if (rounds > 13 && blocks <= 13) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 208), ref Unsafe.Add(ref secret, 83));
        if (rounds > 14 && blocks <= 14) end += Xxh3.Mix16(ref Unsafe.Add(ref data, 224), ref Unsafe.Add(ref secret, 99));
        return Xxh3.Avalanche(acc + end);
    }
}
