using System;
using System.Buffers.Binary;
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
    private const ulong Prime64_1 = 0x9E3779B185EBCA87UL;

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
        ref byte secret = ref MemoryMarshal.GetReference(PrefixHash.Secret);
        if (_blocks > 0) _front0 = Mix16(ref input, ref secret);
        if (_blocks > 1) _front1 = Mix16(ref Unsafe.Add(ref input, 16), ref Unsafe.Add(ref secret, 32));
        if (_blocks > 2) _front2 = Mix16(ref Unsafe.Add(ref input, 32), ref Unsafe.Add(ref secret, 64));
        if (_blocks > 3) _front3 = Mix16(ref Unsafe.Add(ref input, 48), ref Unsafe.Add(ref secret, 96));
        for (int i = 0; i < Math.Min(_blocks, 8); i++) _first += Mix16(ref Unsafe.Add(ref input, 16 * i), ref Unsafe.Add(ref secret, 16 * i));
        for (int i = 8; i < _blocks; i++) _rest += Mix16(ref Unsafe.Add(ref input, 16 * i), ref Unsafe.Add(ref secret, 16 * (i - 8) + 3));
    }

    /// <summary>XXH3-64 of <paramref name="input"/>, which must begin with the prefix this was computed from.</summary>
    // Each product's low half is a local the frame would zero on every call; each is written before it is read. Not
    // inlined: inside the save's TryWriteAtOnce, with the writer's state live around it, the blocks' operands were
    // spilled to the stack and read back.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ulong Hash(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        if (length <= 16 || length > LongestInput || length < 16 * _blocks) return XxHash3.HashToUInt64(input);
        ref byte data = ref MemoryMarshal.GetReference(input);
        ref byte secret = ref MemoryMarshal.GetReference(PrefixHash.Secret);
        ulong acc = (ulong)length * Prime64_1;
        if (length <= 128)
        {
            if (length > 32)
            {
                if (length > 64)
                {
                    if (length > 96)
                    {
                        acc += _blocks > 3 ? _front3 : Mix16(ref Unsafe.Add(ref data, 48), ref Unsafe.Add(ref secret, 96));
                        acc += Mix16(ref Unsafe.Add(ref data, length - 64), ref Unsafe.Add(ref secret, 112));
                    }
                    acc += _blocks > 2 ? _front2 : Mix16(ref Unsafe.Add(ref data, 32), ref Unsafe.Add(ref secret, 64));
                    acc += Mix16(ref Unsafe.Add(ref data, length - 48), ref Unsafe.Add(ref secret, 80));
                }
                acc += _blocks > 1 ? _front1 : Mix16(ref Unsafe.Add(ref data, 16), ref Unsafe.Add(ref secret, 32));
                acc += Mix16(ref Unsafe.Add(ref data, length - 32), ref Unsafe.Add(ref secret, 48));
            }
            acc += _blocks > 0 ? _front0 : Mix16(ref data, ref secret);
            acc += Mix16(ref Unsafe.Add(ref data, length - 16), ref Unsafe.Add(ref secret, 16));
            return Avalanche(acc);
        }
        int rounds = length / 16;
        acc += _first;
        // The first eight blocks, written out: those in the prefix are in _first.
        int blocks = _blocks;
        if (blocks < 1) acc += Mix16(ref data, ref secret);
        if (blocks < 2) acc += Mix16(ref Unsafe.Add(ref data, 16), ref Unsafe.Add(ref secret, 16));
        if (blocks < 3) acc += Mix16(ref Unsafe.Add(ref data, 32), ref Unsafe.Add(ref secret, 32));
        if (blocks < 4) acc += Mix16(ref Unsafe.Add(ref data, 48), ref Unsafe.Add(ref secret, 48));
        if (blocks < 5) acc += Mix16(ref Unsafe.Add(ref data, 64), ref Unsafe.Add(ref secret, 64));
        if (blocks < 6) acc += Mix16(ref Unsafe.Add(ref data, 80), ref Unsafe.Add(ref secret, 80));
        if (blocks < 7) acc += Mix16(ref Unsafe.Add(ref data, 96), ref Unsafe.Add(ref secret, 96));
        if (blocks < 8) acc += Mix16(ref Unsafe.Add(ref data, 112), ref Unsafe.Add(ref secret, 112));
        ulong end = Mix16(ref Unsafe.Add(ref data, length - 16), ref Unsafe.Add(ref secret, 136 - 17)) + _rest;
        acc = Avalanche(acc);
        for (int i = Math.Max(_blocks, 8); i < rounds; i++) end += Mix16(ref Unsafe.Add(ref data, 16 * i), ref Unsafe.Add(ref secret, 16 * (i - 8) + 3));
        return Avalanche(acc + end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix16(ref byte input, ref byte secret) =>
        Fold(Read(ref input, 0) ^ Read(ref secret, 0), Read(ref input, 8) ^ Read(ref secret, 8));

    /// <summary>The 128-bit product of <paramref name="a"/> and <paramref name="b"/>, its halves XORed (XXH3's
    /// mul128_fold64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fold(ulong a, ulong b)
    {
#if NET8_0_OR_GREATER
        // The high half alone and the low half as a plain product: Math.BigMul's out parameter went through the stack
        // twice a product (a store and a load on the hash's critical path, measured the largest cost of the checksum).
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported) return (a * b) ^ System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(a, b);
#endif
        ulong high = Math.BigMul(a, b, out ulong low);
        return low ^ high;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 37;
        h *= 0x165667919E3779F9UL;
        return h ^ (h >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref byte at, int offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
