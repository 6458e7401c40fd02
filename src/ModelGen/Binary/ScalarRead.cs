using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Internal;

/// <summary>The reads of a generated loop of straight items (<see cref="IModelSerializable{TSelf}.ReadStraightItems"/>):
/// objects of scalar members in the reader's own layout (format 2: as its table entry lists them; format 1: each
/// member's tag in the order the writer writes them, and the end marker), read one after another from
/// <see cref="ModelReader.Unread"/>. The loop checks once per item that the bytes left hold the item's largest size (its
/// item tag, each member's longest encoding that these reads accept, its end; in format 1 its tags and 8 bytes to
/// spare); each read then stays within that room, so it goes past the bounds checks. A read returns false, with
/// <c>at</c> unspecified, where the checked read would not give the same value (a varint longer than the member's
/// longest, a value out of its type's range, a boolean not 0 or 1): the loop stops there and the runtime reads the
/// item the checked way, which reports what is wrong with it (or reads an unusual but valid encoding). Valid input
/// reads as <see cref="MemberCodec{T, TCodec}.ReadNext"/> reads it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarRead
{
    // Reads go past the bounds checks: the loop checked the room of the item's largest size before its first read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(ReadOnlySpan<byte> run, int at) => ref Unsafe.Add(ref MemoryMarshal.GetReference(run), at);

    /// <summary>The item tag of an object (key 1, <see cref="WireType.Object"/>: one byte); false for any other item
    /// (a null, another wire type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ObjectItem(ReadOnlySpan<byte> run, ref int at)
    {
        if (At(run, at) != (FieldKeys.ItemOrVersion << 3 | (byte)WireType.Object)) return false;
        at++;
        return true;
    }

    /// <summary>The end of an object: in format 2 the extension count 0 after its members (as
    /// <see cref="ModelReader.EndStraight"/> reads it), in format 1 (<paramref name="tagged"/>) the end marker; false for
    /// anything else (extension fields, or in format 1 another field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool End(ReadOnlySpan<byte> run, ref int at, bool tagged)
    {
        if (At(run, at) != (tagged ? (byte)WireType.Marker : 0)) return false;
        at++;
        return true;
    }

    /// <summary>Format 1: the <paramref name="length"/> bytes (at most 8) of a field tag, or of the version field, that
    /// the reader's own layout has next, as they are written (<paramref name="bytes"/>, the first in its low byte); false
    /// for any others (another member, order or wire type, a data version that is not the model's, an unknown member).
    /// Reads 8 bytes: the loop's room for an item in format 1 has 8 bytes to spare.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Tag(ReadOnlySpan<byte> run, ref int at, ulong bytes, int length)
    {
        ulong found = Unsafe.ReadUnaligned<ulong>(ref At(run, at));
        if (!BitConverter.IsLittleEndian) found = BinaryPrimitives.ReverseEndianness(found);
        ulong mask = length >= 8 ? ulong.MaxValue : (1UL << (8 * length)) - 1;
        if ((found & mask) != bytes) return false;
        at += length;
        return true;
    }

    /// <summary>An integer member (a zigzag varint of at most the member's longest encoding: 2 bytes for 8 bits, 3 for
    /// 16, 5 for 32, 10 for 64), in its type's range, as <see cref="IntegerCodec{T}.Read"/> reads it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Integer<T>(ReadOnlySpan<byte> run, ref int at, out T value) where T : IBinaryInteger<T>
    {
        int longest = Unsafe.SizeOf<T>() switch { 1 => 2, 2 => 3, 4 => 5, _ => 10 };
        // An int or a long of up to three bytes (up to ±2^20: counts, sizes, seeds) is in its type's range whatever
        // it holds: decoded without the range check.
        if (typeof(T) == typeof(int) || typeof(T) == typeof(long))
        {
            ref byte b = ref At(run, at);
            uint b0 = b;
            uint u;
            if (b0 < 0x80)
            {
                at++;
                u = b0;
            }
            else
            {
                uint b1 = Unsafe.Add(ref b, 1);
                if (b1 < 0x80)
                {
                    at += 2;
                    u = (b0 & 0x7F) | (b1 << 7);
                }
                else
                {
                    uint b2 = Unsafe.Add(ref b, 2);
                    if (b2 >= 0x80)
                    {
                        // Not inlined, and nothing of the caller's passed by reference (as in VarInt64).
                        (ulong result, int length) = Longer(ref b, longest);
                        at += length;
                        value = default!;
                        return length != 0 && Numbers.TryFromInt64((long)(result >> 1) ^ -(long)(result & 1), out value);
                    }
                    at += 3;
                    u = (b0 & 0x7F) | ((b1 & 0x7F) << 7) | (b2 << 14);
                }
            }
            value = T.CreateTruncating((int)(u >> 1) ^ -(int)(u & 1));
            return true;
        }
        return RangedInteger(run, ref at, longest, out value);
    }

    // An integer member as Integer reads it: the general decode and its type's range check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RangedInteger<T>(ReadOnlySpan<byte> run, ref int at, int longest, out T value) where T : IBinaryInteger<T>
    {
        if (!VarInt64(run, ref at, longest, out long v))
        {
            value = default!;
            return false;
        }
        if (typeof(T) == typeof(ulong))
        {
            value = T.CreateTruncating(v);
            return true;
        }
        return Numbers.TryFromInt64(v, out value);
    }

    /// <summary>A boolean member: one byte, 0 (false) or 2 (true, zigzag 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Boolean(ReadOnlySpan<byte> run, ref int at, out bool value)
    {
        byte b = At(run, at);
        value = b == 2;
        if ((b & ~2) != 0) return false;
        at++;
        return true;
    }

    /// <summary>An enum member (a zigzag varint of at most 10 bytes) in the range of its underlying type, as
    /// <see cref="EnumCodec{TEnum}.Read"/> reads it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Enum<TEnum>(ReadOnlySpan<byte> run, ref int at, out TEnum value) where TEnum : struct, Enum
    {
        if (VarInt64(run, ref at, 10, out long v)) return EnumCodec<TEnum>.TryFromInt64(v, out value);
        value = default;
        return false;
    }

    /// <summary>A float member: four little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Single(ReadOnlySpan<byte> run, ref int at)
    {
        uint bits = Unsafe.ReadUnaligned<uint>(ref At(run, at));
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        at += 4;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>A double member: eight little-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Double(ReadOnlySpan<byte> run, ref int at)
    {
        ulong bits = Unsafe.ReadUnaligned<ulong>(ref At(run, at));
        if (!BitConverter.IsLittleEndian) bits = BinaryPrimitives.ReverseEndianness(bits);
        at += 8;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    /// <summary>A float member, as <see cref="Single(ReadOnlySpan{byte}, ref int)"/> reads it; always true (a read in a
    /// chain of reads that may stop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Single(ReadOnlySpan<byte> run, ref int at, out float value)
    {
        value = Single(run, ref at);
        return true;
    }

    /// <summary>A double member, as <see cref="Double(ReadOnlySpan{byte}, ref int)"/> reads it; always true.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Double(ReadOnlySpan<byte> run, ref int at, out double value)
    {
        value = Double(run, ref at);
        return true;
    }

    /// <summary>Format 2: the presence byte 1 of a member that may be null, which is there; false for 0 (a null) or
    /// anything else. Within the room the caller checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Present(ReadOnlySpan<byte> run, ref int at)
    {
        if (At(run, at) != 1) return false;
        at++;
        return true;
    }

    /// <summary>A field of the reader's own layout before a value of any length (a string, an array): in format 1
    /// (<paramref name="tagged"/>) its tag as <see cref="Tag"/> compares it, in format 2 the presence byte 1 where the
    /// member may be null (<paramref name="presence"/>). Checks the bytes left itself (at least 8 for a tag, read in
    /// one go); false where the checked read would read something else, or where fewer are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Field(ReadOnlySpan<byte> run, ref int at, bool tagged, ulong bytes, int length, bool presence)
    {
        if (tagged) return run.Length - at >= sizeof(ulong) && Tag(run, ref at, bytes, length);
        return !presence || ((uint)at < (uint)run.Length && Present(run, ref at));
    }

    /// <summary>A string of fewer than 128 ASCII bytes after its one-byte length, within <paramref name="run"/> (checked
    /// here), as <see cref="ModelReader.ReadString()"/> reads it; false for any other string (longer, or not ASCII),
    /// which the checked read reads or refuses.</summary>
    public static bool String(ReadOnlySpan<byte> run, ref int at, out string value)
    {
        value = null!;
        int p = at;
        if ((uint)p >= (uint)run.Length) return false;
        int length = run[p];
        if (length >= 0x80 || length >= run.Length - p) return false;
        if (length == 0)
        {
            value = string.Empty;
            at = p + 1;
            return true;
        }
        ref byte source = ref Unsafe.Add(ref MemoryMarshal.GetReference(run), p + 1);
        // Widened into a new string of that length (not yet seen by anyone, so it may be written), each byte checked to
        // be ASCII on the way.
        string text = new('\0', length);
        ref char chars = ref Unsafe.AsRef(in text.GetPinnableReference());
        if (!(length >= 4 && Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian ? WidenAscii(ref source, ref chars, length)
            : System.Text.Ascii.ToUtf16(MemoryMarshal.CreateReadOnlySpan(ref source, length), MemoryMarshal.CreateSpan(ref chars, length), out _) == System.Buffers.OperationStatus.Done))
            return false;
        value = text;
        at = p + 1 + length;
        return true;
    }

    // Widens 4 to 127 ASCII bytes into as many chars; false when any byte is not ASCII. The bytes are read and the chars
    // written in blocks that overlap at the end (the last block ends at the last byte) instead of a loop's tail: no
    // read or write leaves the string's bytes or chars. For a name or label (under 32 bytes) that is two blocks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WidenAscii(ref byte source, ref char chars, int length)
    {
        ref byte target = ref Unsafe.As<char, byte>(ref chars);
        if (length < 8)
        {
            uint first = Unsafe.ReadUnaligned<uint>(ref source), last = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, length - 4));
            if (((first | last) & 0x80808080u) != 0) return false;
            Unsafe.WriteUnaligned(ref target, Vector128.WidenLower(Vector128.CreateScalarUnsafe(first).AsByte()).AsUInt64().ToScalar());
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 2 * (length - 4)), Vector128.WidenLower(Vector128.CreateScalarUnsafe(last).AsByte()).AsUInt64().ToScalar());
            return true;
        }
        if (length < 16)
        {
            ulong first = Unsafe.ReadUnaligned<ulong>(ref source), last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8));
            if (((first | last) & 0x8080808080808080ul) != 0) return false;
            Vector128.WidenLower(Vector128.CreateScalarUnsafe(first).AsByte()).StoreUnsafe(ref Unsafe.As<byte, ushort>(ref target));
            Vector128.WidenLower(Vector128.CreateScalarUnsafe(last).AsByte()).StoreUnsafe(ref Unsafe.As<byte, ushort>(ref Unsafe.Add(ref target, 2 * (length - 8))));
            return true;
        }
        Vector128<byte> seen = Vector128<byte>.Zero;
        ref ushort wide = ref Unsafe.As<byte, ushort>(ref target);
        for (int i = 0; i < length - 16; i += 16)
        {
            Vector128<byte> block = Vector128.LoadUnsafe(ref source, (nuint)i);
            seen |= block;
            Vector128.WidenLower(block).StoreUnsafe(ref wide, (nuint)i);
            Vector128.WidenUpper(block).StoreUnsafe(ref wide, (nuint)(i + 8));
        }
        Vector128<byte> end = Vector128.LoadUnsafe(ref source, (nuint)(length - 16));
        Vector128.WidenLower(end).StoreUnsafe(ref wide, (nuint)(length - 16));
        Vector128.WidenUpper(end).StoreUnsafe(ref wide, (nuint)(length - 8));
        return ((seen | end) & Vector128.Create((byte)0x80)) == Vector128<byte>.Zero;
    }

    /// <summary>A packed array of <typeparamref name="T"/>'s own element type, rank 1 and fewer than 128 elements, within
    /// <paramref name="run"/> (checked here), as <see cref="ModelReader"/> reads it; its elements are added to
    /// <paramref name="elements"/>, which the caller charges (<see cref="ModelReader.TryEndOwn"/>). False for any other
    /// array, which the checked read reads or refuses.</summary>
    public static bool ShortArray<T>(ReadOnlySpan<byte> run, ref int at, ref long elements, out T[] value) where T : unmanaged
    {
        value = null!;
        PackedElement element = PackedElements.Of<T>();
        // A char array's surrogates are checked, and big-endian elements are reversed: the checked read does both.
        if (element is PackedElement.None or PackedElement.Char || !BitConverter.IsLittleEndian) return false;
        int p = at;
        if ((uint)(p + 2) >= (uint)run.Length || run[p] != (byte)element || run[p + 1] != 1 || run[p + 2] >= 0x80) return false;
        int count = run[p + 2];
        int bytes = count * Unsafe.SizeOf<T>();
        if (bytes > run.Length - (p + 3)) return false;
        T[] array = new T[count];
        run.Slice(p + 3, bytes).CopyTo(MemoryMarshal.AsBytes(array.AsSpan()));
        elements += count;
        value = array;
        at = p + 3 + bytes;
        return true;
    }

    /// <summary>The end of an object within <paramref name="run"/> (checked here): as <see cref="End"/> reads it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndChecked(ReadOnlySpan<byte> run, ref int at, bool tagged) => (uint)at < (uint)run.Length && End(run, ref at, tagged);

    // A zigzag varint of at most 'longest' bytes (the loop's room for it), decoded as ModelReader.ReadVarInt64 decodes
    // it; false for a longer one, or a tenth byte that overflows 64 bits (which that read refuses).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool VarInt64(ReadOnlySpan<byte> run, ref int at, int longest, out long value)
    {
        ref byte b = ref At(run, at);
        uint b0 = b;
        if (b0 < 0x80)
        {
            at++;
            value = (long)(b0 >> 1) ^ -(long)(b0 & 1);
            return true;
        }
        uint b1 = Unsafe.Add(ref b, 1);
        if (b1 < 0x80)
        {
            at += 2;
            uint u = (b0 & 0x7F) | (b1 << 7);
            value = (long)(u >> 1) ^ -(long)(u & 1);
            return true;
        }
        // Three bytes (up to ±2^20: counts, steps, seeds), for a member whose room holds them (not a byte's).
        if (longest >= 3)
        {
            uint b2 = Unsafe.Add(ref b, 2);
            if (b2 < 0x80)
            {
                at += 3;
                uint u = (b0 & 0x7F) | ((b1 & 0x7F) << 7) | (b2 << 14);
                value = (long)(u >> 1) ^ -(long)(u & 1);
                return true;
            }
        }
        // Not inlined, and nothing of the caller's passed by reference: its locals stay in registers.
        (ulong result, int length) = Longer(ref b, longest);
        at += length;
        value = (long)(result >> 1) ^ -(long)(result & 1);
        return length != 0;
    }

    // Three bytes or more: the value and its length, or a length of 0.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ulong Value, int Length) Longer(ref byte b, int longest)
    {
        ulong result = 0;
        for (int i = 0; i < longest; i++)
        {
            uint next = Unsafe.Add(ref b, i);
            if (i == 9 && next > 1) break;
            result |= (ulong)(next & 0x7F) << (7 * i);
            if (next < 0x80) return (result, i + 1);
        }
        return (0, 0);
    }
}
