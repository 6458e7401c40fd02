using System;
using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ModelGen.Internal;

/// <summary>Writes the binary format into an <see cref="IBufferWriter{T}"/>; called by generated code.
/// Bytes are hashed as they are written: bulk bytes copied and hashed in one pass (<see cref="StreamingChecksum"/>),
/// the rest in chunks of at most 64 KiB while they are still in cache.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ModelWriter
{
    private const int HashChunk = 64 * 1024;
    private readonly IBufferWriter<byte>? _output;
    private StreamingChecksum? _hash;
    private readonly bool _checksum;
    private Span<byte> _span;
    private int _pos;
    private int _hashed;
    private long _flushed;
    private int _depth;
    private readonly int _maxDepth;

    internal ModelWriter(IBufferWriter<byte> output, StreamingChecksum? hash, int maxDepth, WriteCheck? check = null, bool canonical = false, bool positional = false)
        : this(output, default, hash, hash is not null, maxDepth, check, canonical, positional, strict: false)
    {
    }

    /// <summary>A strict writer into one span, for the write that is tried before any check (<see
    /// cref="ModelSerializer"/>): it refuses by throwing whatever the check before a write refuses (a null in a member
    /// that cannot be null, a surrogate char, a <c>[Hyperparameters]</c> value that does not validate, besides what
    /// every write refuses), and throws <see cref="SpanFull"/> where the span is too small. The caller hands nothing
    /// to its output until the whole value is written; after a throw it falls back to the check and a plain write.</summary>
    internal ModelWriter(Span<byte> span, bool checksum, int maxDepth, bool positional)
        : this(null, span, hash: null, checksum, maxDepth, check: null, canonical: false, positional, strict: true)
    {
    }

    /// <summary>As <see cref="ModelWriter(Span{byte}, bool, int, bool)"/>, after the first <paramref name="written"/>
    /// bytes of <paramref name="span"/>, which the caller wrote (the envelope's header). In format 2 (positional) the
    /// checksum hashes the payload apart from the header (docs/format.md §9.1): the header is not hashed here.</summary>
    internal ModelWriter(Span<byte> span, int written, bool checksum, int maxDepth, bool positional)
        : this(null, span, hash: null, checksum, maxDepth, check: null, canonical: false, positional, strict: true)
    {
        _pos = written;
        if (positional) _hashed = written;
    }

    private ModelWriter(IBufferWriter<byte>? output, Span<byte> span, StreamingChecksum? hash, bool checksum, int maxDepth, WriteCheck? check,
        bool canonical, bool positional, bool strict)
    {
        Check = check;
        Positional = positional;
        Canonical = canonical;
        Strict = strict;
        _output = output;
        _hash = hash;
        _checksum = checksum;
        _span = span;
        _pos = 0;
        _hashed = 0;
        _flushed = 0;
        _depth = 0;
        _maxDepth = maxDepth;
    }

    // Set for the strict write into one span (the constructor above).
    internal readonly bool Strict;

    // Strict: the number of models being written whose Validate() covered them and everything below (as the check's
    // frames that were reported), so that nothing nested in one is validated again.
    internal int Validated;

    /// <summary>The span was too small for a strict write; nothing of it reached the output.</summary>
    internal sealed class SpanFull() : Exception("the value does not fit the span it is tried in");

    /// <summary>A strict write met what the check before a write refuses; the check names it.</summary>
    internal sealed class Refused() : Exception("the check before a write refuses the value");

    /// <summary>Strict: validates a model the way the check does (once per validated subtree); returns whether it did,
    /// so that the caller ends the subtree with <see cref="Validated"/>--. Throws <see cref="Refused"/> on violations.</summary>
    internal bool Validate<T>(T value)
    {
        if (Validated > 0 || value is not IValidatedModel model) return false;
        if (model.Validate().Count != 0) throw new Refused();
        Validated++;
        return true;
    }

    /// <summary>Strict: the bytes written, in the span given to the constructor.</summary>
    internal readonly ReadOnlySpan<byte> Written => _span.Slice(0, _pos);

    /// <summary>Strict: the free part of the span.</summary>
    internal readonly Span<byte> Free => _span.Slice(_pos);

    /// <summary>Strict, format 1: the checksum of everything written, in one pass when no chunk was hashed on the way;
    /// the hasher rented on the way (if any) goes back. What was written begins with the type's own header, which
    /// <paramref name="header"/> and <paramref name="blocks"/> were computed from: a short input (a small model's file)
    /// is hashed from the products of the header's 16-byte blocks, as its load verifies it (Envelope.Verify), a longer
    /// one from the state after the header's stripes (null for a header shorter than one stripe: hashed from the
    /// start).</summary>
    internal ulong WrittenChecksum(PrefixHash? header, ShortPrefixHash? blocks)
    {
        if (_hash is null)
        {
            // ShortPrefixHash.Hash is out of line itself.
            if (blocks is not null && _pos <= ShortPrefixHash.LongestInput) return blocks.Hash(_span.Slice(0, _pos));
            return header is null ? XxHash3.HashToUInt64(_span.Slice(0, _pos)) : Resumed(header, _span.Slice(0, _pos));
        }
        HashPending();
        ulong checksum = _hash.GetCurrentHashAsUInt64();
        ModelSerializer.ReturnHash(_hash);
        _hash = null;
        return checksum;
    }

    // Out of line: inlined into the strict write, the hash's state and locals made that method's frame (zeroed on
    // every call) larger, which cost the writes without a resumed hash (format 1) more than the call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Resumed(PrefixHash header, ReadOnlySpan<byte> written) => header.Hash(written);

    /// <summary>Strict, format 2: the checksum (docs/format.md §9.1) of the header whose hash is
    /// <paramref name="headerHash"/> and the payload written after it (which the constructor left out of the hash).
    /// The hasher rented on the way (if any) goes back.</summary>
    internal ulong WrittenChecksum2(ulong headerHash)
    {
        if (_hash is null) return Checksum2(headerHash, _span.Slice(_hashed, _pos - _hashed));
        HashPending();
        ulong payload = _hash.GetCurrentHashAsUInt64();
        ModelSerializer.ReturnHash(_hash);
        _hash = null;
        return Envelope.Checksum2(headerHash, payload);
    }

    // Out of line, as Resumed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Checksum2(ulong headerHash, ReadOnlySpan<byte> payload) => Envelope.Checksum2(headerHash, Envelope.PayloadHash(payload));

    // Set for the check that runs before a write (WriteCheck): the writer walks the value, bulk bytes are not copied.
    internal readonly WriteCheck? Check;

    // Set by ModelEquality: map entries are written in key order, so that equal dictionaries filled in different
    // orders give the same bytes. Never set for data that is stored (the stored order is the dictionary's own).
    internal readonly bool Canonical;

    // Set for binary format 2 (docs/format.md §9): objects are positional (no tags, no end markers), nullable
    // members have a presence byte, and each object ends with its extension fields.
    internal readonly bool Positional;

    /// <summary>Bytes written so far.</summary>
    public readonly long Position => _flushed + _pos;

    private void HashPending()
    {
        // A strict writer rents its hasher only when a chunk is hashed on the way (bulk data): a small payload is
        // hashed in one pass at the end (WrittenChecksum).
        if (_checksum && _pos > _hashed) (_hash ??= ModelSerializer.RentHash()).Append(_span.Slice(_hashed, _pos - _hashed));
        _hashed = _pos;
    }

    /// <summary>Hashes what was written since the last hashed chunk once it is a whole chunk (64 KiB), while it is in
    /// cache: after the runs of a sequence of models' items, which write many bytes without a room check that hashes
    /// them (<see cref="WriteRaw"/>), so that a large model's bytes are not all read again from memory at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void HashWritten()
    {
        if (_pos - _hashed >= HashChunk && _checksum) HashPending();
    }

    /// <summary>Hands the written bytes to the output and asks for at least <paramref name="sizeHint"/> more.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        if (_output is null) throw new SpanFull();
        Flush();
        _span = _output.GetSpan(Math.Max(sizeHint, 256));
    }

    /// <summary>As <see cref="Grow"/>, for a reservation: runs of scalars store past bounds checks into what was
    /// reserved, and item loops size their runs by it, so an output that breaks IBufferWriter's contract (a span shorter
    /// than asked for) is refused here rather than written past. Raw bytes take spans of any size.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowForReserve(int size)
    {
        Grow(size);
        if (_span.Length < size)
            throw new InvalidOperationException($"the output's GetSpan({Math.Max(size, 256)}) returned {_span.Length} bytes, fewer than the {size} asked for (IBufferWriter<byte>.GetSpan)");
    }

    internal void Flush()
    {
        HashPending();
        if (_pos > 0) _output!.Advance(_pos);
        _flushed += _pos;
        _pos = 0;
        _hashed = 0;
        _span = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_span.Length - _pos < size) GrowForReserve(size);
        return _span.Slice(_pos);
    }

    /// <summary>False while the writer only walks a value for the check before a write (which has nothing to look at in
    /// scalar members): generated code then skips its runs of scalars.</summary>
    public readonly bool WritesScalars => Check is null;

    /// <summary>True for binary format 2 (positional members, docs/format.md §9), false for format 1 (tagged fields).</summary>
    public readonly bool IsPositional => Positional;

    /// <summary>Starts a run of scalar members with room for <paramref name="maxBytes"/> (the run's largest size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> BeginScalars(int maxBytes) => Reserve(maxBytes);

    /// <summary>Ends a run of scalar members: what it stored is written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndScalars(int length) => _pos += length;

    /// <summary>Writes a field tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteTag(int key, WireType wireType) => WriteVarUInt64(((ulong)(uint)key << 3) | (byte)wireType);

    /// <summary>Writes a format-1 field of a fixed-size value: its tag and <paramref name="size"/> (4 or 8) little-endian
    /// bytes of <paramref name="bits"/>, as <see cref="WriteTag"/> then <see cref="WriteFixed32"/> or <see
    /// cref="WriteFixed64"/> write them, with one room check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteTaggedFixed(int key, WireType wireType, ulong bits, int size)
    {
        Span<byte> s = Reserve(5 + 8);
        int n = ScalarRun.VarUInt64(s, 0, ((ulong)(uint)key << 3) | (byte)wireType);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(n), bits);
        _pos += n + size;
    }

    /// <summary>Writes one byte (a presence byte of format 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _pos++;
    }

    /// <summary>Starts an object of a union case: format 1 writes its tag as the first field (key 2); format 2 names
    /// the case by its number, which the union base writes (<see cref="WriteUnionCase"/>).</summary>
    public void WriteUnionTag(string tag)
    {
        if (Positional) return;
        WriteTag(FieldKeys.UnionTag, WireType.Bytes);
        WriteString(tag);
    }

    /// <summary>Writes the case number of a union value in format 2 (the index of its case in the base's schema);
    /// nothing in format 1, whose case object carries its tag.</summary>
    public void WriteUnionCase(int index)
    {
        if (Positional) WriteVarUInt64((ulong)index);
    }

    /// <summary>Writes the data's schema version as the first field of a format-1 object, when it is not 1; format 2
    /// writes it among the extension fields (<see cref="WriteExtensions"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVersion(int version)
    {
        if (Positional || version == 1) return;
        WriteVersionField(version);
    }

    private void WriteVersionField(int version)
    {
        WriteTag(FieldKeys.ItemOrVersion, WireType.VarInt);
        WriteVarInt64(version);
    }

    /// <summary>Ends an object's members: writes back the members kept from newer data (format 1: fields among the
    /// others), and in format 2 the extension count, the data's version when it is not the model's, and those fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteExtensions(int version, int modelVersion, UnknownMembers? unknown)
    {
        if (Positional && unknown is null && version == modelVersion)
        {
            // The common case of format 2: no extension fields, a count of 0.
            WriteByte(0);
            return;
        }
        if (!Positional && unknown is null) return;
        WriteExtensionFields(version, modelVersion, unknown);
    }

    /// <summary>Checks that a value kept from newer data (<paramref name="member"/>), which nests
    /// <paramref name="levels"/> levels, is not written deeper than the depth limit: it was read where it fit, but the
    /// object that keeps it may since have been placed deeper in another value, and a reader would refuse the file.</summary>
    internal readonly void CheckKeptNesting(int levels, int key, string member)
    {
        if (_depth + levels <= _maxDepth) return;
        var e = new ModelFormatException(
            $"the member kept from data of a newer version nests {levels} levels, which here, {_depth} levels deep, is " +
            $"deeper than the limit of {_maxDepth} (MaxDepth): a reader would refuse the file. Write it with a larger " +
            "MaxDepth (and read it with the same), or keep the object that holds it nearer the root").InMember(member);
        // The path of the object that keeps it (the check before a write knows it; the strict write leaves it to that check).
        Check?.Member(key);
        Check?.AddPath(e);
        throw e;
    }

    private void WriteExtensionFields(int version, int modelVersion, UnknownMembers? unknown)
    {
        if (!Positional)
        {
            unknown?.WriteTo(ref this);
            return;
        }
        int count = (version != modelVersion ? 1 : 0) + (unknown is null ? 0 : unknown.ExtensionFieldCount);
        WriteVarUInt64((ulong)count);
        if (count == 0) return;
        if (version != modelVersion)
        {
            WriteTag(FieldKeys.ItemOrVersion, WireType.VarInt);
            WriteVarInt64(version);
        }
        unknown?.WriteTo(ref this);
    }

    /// <summary>Writes a member description (format 2's extension key 3): the name and type name of the kept member
    /// in the next extension field.</summary>
    internal void WriteMemberDescription(string name, string type)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(name), typeBytes = Encoding.UTF8.GetByteCount(type);
        WriteTag(FieldKeys.MemberDescription, WireType.Bytes);
        WriteVarUInt64((ulong)(VarUIntLength((ulong)nameBytes) + nameBytes + VarUIntLength((ulong)typeBytes) + typeBytes));
        WriteString(name);
        WriteString(type);
    }

    /// <summary>The number of bytes of <paramref name="value"/> as a varint.</summary>
    internal static int VarUIntLength(ulong value) => (BitOperations.Log2(value | 1) / 7) + 1;

    /// <summary>Writes a null value for a field.</summary>
    public void WriteNull(int key) => WriteTag(key, WireType.Marker);

    /// <summary>Ends an object.</summary>
    public void WriteEnd() => WriteVarUInt64((byte)WireType.Marker);

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt64(ulong value)
    {
        // Tags of generated code are constants: once inlined, the branches fold to one store sequence.
        Span<byte> s = Reserve(10);
        if (value < 0x80)
        {
            s[0] = (byte)value;
            _pos += 1;
        }
        else if (value < 0x4000)
        {
            s[1] = (byte)(value >> 7);
            s[0] = (byte)(value | 0x80);
            _pos += 2;
        }
        else if (value < 0x200000)
        {
            s[2] = (byte)(value >> 14);
            s[1] = (byte)((value >> 7) | 0x80);
            s[0] = (byte)(value | 0x80);
            _pos += 3;
        }
        else
        {
            _pos += WriteLongVarUInt64(s, value);
        }
    }

    private static int WriteLongVarUInt64(Span<byte> s, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            s[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        s[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes a signed integer as a zigzag varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes four little-endian bytes.</summary>
    public void WriteFixed32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        _pos += 4;
    }

    /// <summary>Writes eight little-endian bytes.</summary>
    public void WriteFixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        _pos += 8;
    }

    /// <summary>Writes a float as <see cref="WireType.Fixed32"/>.</summary>
    public void WriteSingle(float value) => WriteFixed32(BitConverter.SingleToUInt32Bits(value));

    /// <summary>Writes a double as <see cref="WireType.Fixed64"/>.</summary>
    public void WriteDouble(double value) => WriteFixed64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Writes raw bytes (no length).</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (Check is not null) return;
        if (bytes.Length <= _span.Length - _pos && bytes.Length < HashChunk - (_pos - _hashed))
        {
            // Small and in room (headers, short byte strings): one copy.
            bytes.CopyTo(_span.Slice(_pos));
            _pos += bytes.Length;
            return;
        }
        while (!bytes.IsEmpty)
        {
            if (_span.Length == _pos) Grow(Math.Min(bytes.Length, HashChunk));
            int n = Math.Min(bytes.Length, _span.Length - _pos);
            if (_checksum)
            {
                // What is pending, then these bytes copied and hashed in one pass: each read from memory once.
                HashPending();
                (_hash ??= ModelSerializer.RentHash()).CopyAppend(bytes.Slice(0, n), _span.Slice(_pos));
                _hashed = _pos + n;
            }
            else bytes.Slice(0, n).CopyTo(_span.Slice(_pos));
            _pos += n;
            bytes = bytes.Slice(n);
        }
    }

    /// <summary>Writes a length-prefixed byte string (<see cref="WireType.Bytes"/>).</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Writes a string as length-prefixed UTF-8.</summary>
    public void WriteString(string value)
    {
        if (Check is not null) return;
        try
        {
            WriteUtf8(value);
        }
        catch (EncoderFallbackException e)
        {
            // Reached only by writes without the check before them (ModelEquality): the check refuses unpaired
            // surrogates first, with the member path (docs/format.md §6.2). Never replaced by U+FFFD.
            throw new ModelFormatException($"unpaired UTF-16 surrogate at index {e.Index} of the text; UTF-8 cannot hold it", -1, e);
        }
    }

    /// <summary>Writes a format-1 text field: its tag (<see cref="WireType.Bytes"/>) and the string as length-prefixed
    /// UTF-8, as <see cref="WriteTag"/> then <see cref="WriteString"/> write them; short ASCII text with one room check
    /// and no call between the two.</summary>
    internal void WriteTaggedString(int key, string value)
    {
        if (Check is null && value.Length < 128)
        {
            ulong tag = ((ulong)(uint)key << 3) | (byte)WireType.Bytes;
            int tagLength = VarUIntLength(tag);
            Span<byte> s = Reserve(tagLength + 1 + value.Length);
            if (System.Text.Ascii.FromUtf16(value, s.Slice(tagLength + 1), out int written) == OperationStatus.Done)
            {
                ScalarRun.VarUInt64(s, 0, tag);
                s[tagLength] = (byte)written;
                _pos += tagLength + 1 + written;
                return;
            }
        }
        WriteTag(key, WireType.Bytes);
        WriteString(value);
    }

    /// <summary>Writes a string as <see cref="WriteString"/> does (the writer is no check's), short ASCII text with one
    /// room check in the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteShortString(string value)
    {
        if (value.Length < 128)
        {
            Span<byte> s = Reserve(1 + value.Length);
            if (System.Text.Ascii.FromUtf16(value, s.Slice(1), out int written) == OperationStatus.Done)
            {
                s[0] = (byte)written;
                _pos += 1 + written;
                return;
            }
        }
        WriteString(value);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private void WriteUtf8(string value)
    {
        if (value.Length < 128)
        {
            // Short ASCII text (names, tags, keys): one vectorized narrowing after a one-byte length, without the
            // encoder's setup. Anything else is encoded again below, over what this wrote.
            Span<byte> ascii = Reserve(value.Length + 1);
            if (System.Text.Ascii.FromUtf16(value, ascii.Slice(1), out int written) == OperationStatus.Done)
            {
                ascii[0] = (byte)written;
                _pos += written + 1;
                return;
            }
        }
        UTF8Encoding utf8 = StrictUtf8;
        int max = utf8.GetMaxByteCount(value.Length);
        if (max <= 4096)
        {
            // Encode straight into the buffer after a one-byte or two-byte length guess, then fix the length.
            Span<byte> s = Reserve(max + 2);
            int lenSize = max < 128 ? 1 : 2;
            int n = utf8.GetBytes(value, s.Slice(lenSize));
            if (lenSize == 1) s[0] = (byte)n;
            else if (n < 128) { s[0] = (byte)n; s.Slice(2, n).CopyTo(s.Slice(1)); lenSize = 1; }
            else { s[0] = (byte)(n | 0x80); s[1] = (byte)(n >> 7); }
            _pos += lenSize + n;
            return;
        }
        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            WriteBytes(rented.AsSpan(0, utf8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes a packed array header: element code, rank and dimensions.</summary>
    public void WritePackedHeader(PackedElement element, scoped ReadOnlySpan<int> dims)
    {
        Span<byte> s = Reserve(1);
        s[0] = (byte)element;
        _pos++;
        WriteVarUInt64((ulong)dims.Length);
        foreach (int d in dims) WriteVarUInt64((ulong)d);
    }

    /// <summary>Writes a short one-dimensional packed array (its header and elements, as <see cref="WritePackedHeader"/>
    /// and <see cref="WritePackedElements{T}"/> write them) with one room check and one copy, when the span has room
    /// for it; false, with nothing written, otherwise (and for the check, or on big-endian machines).</summary>
    internal bool TryWriteShortPacked<T>(PackedElement element, ReadOnlySpan<T> values)
    {
        int bytes = values.Length * Unsafe.SizeOf<T>();
        // The element code, the rank (1), the length (at most 2 bytes below 16,384), then the elements.
        if (bytes > 1024 || values.Length >= 0x4000 || _span.Length - _pos < bytes + 4 || Check is not null || !BitConverter.IsLittleEndian) return false;
        ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _pos);
        at = (byte)element;
        Unsafe.Add(ref at, 1) = 1;
        int header = 3;
        if (values.Length < 0x80) Unsafe.Add(ref at, 2) = (byte)values.Length;
        else
        {
            Unsafe.Add(ref at, 2) = (byte)(values.Length | 0x80);
            Unsafe.Add(ref at, 3) = (byte)(values.Length >> 7);
            header = 4;
        }
        AsBytes(values).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref at, header), bytes));
        _pos += header + bytes;
        return true;
    }

    /// <summary>Writes the elements of a packed array as little-endian bytes, in bulk on little-endian machines.</summary>
    public void WritePackedElements<T>(ReadOnlySpan<T> values)
    {
        if (BitConverter.IsLittleEndian || Unsafe.SizeOf<T>() == 1)
        {
            WriteRaw(AsBytes(values));
            return;
        }
        int size = Unsafe.SizeOf<T>();
        Span<byte> one = stackalloc byte[16];
        for (int i = 0; i < values.Length; i++)
        {
            AsBytes(values.Slice(i, 1)).CopyTo(one);
            one.Slice(0, size).Reverse();
            WriteRaw(one.Slice(0, size));
        }
    }

    // Packed element types are primitives without references; the caller checks PackedElements.Of<T>().
    private static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), values.Length * Unsafe.SizeOf<T>());

    /// <summary>Writes a sequence header: rank and dimensions (rank 0 is a map with an entry count).</summary>
    public void WriteSequenceHeader(int rank, scoped ReadOnlySpan<int> dims)
    {
        WriteVarUInt64((ulong)rank);
        foreach (int d in dims) WriteVarUInt64((ulong)d);
    }

    /// <summary>Counts nesting when a nested object or sequence starts, against the configured limit.</summary>
    /// <exception cref="ModelFormatException">The value nests deeper than the limit (see <see cref="FormatLimits"/>).</exception>
    public void Enter()
    {
        if (++_depth > _maxDepth) throw TooDeep();
        if (_depth > FormatLimits.DefaultMaxDepth && !StackGuard.StackLeft()) throw StackTooSmall();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException StackTooSmall()
    {
        var e = new ModelFormatException(StackGuard.StackTooSmall(_maxDepth));
        Check?.AddPath(e);
        return e;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ModelFormatException TooDeep() =>
        // The check before every write (WriteCheck) meets the limit first and tells a cycle from a deep tree.
        Check?.TooDeep(_maxDepth) ?? new ModelFormatException($"the value nests deeper than the limit of {_maxDepth} (MaxDepth; a cycle in the object graph?)");

    /// <summary>Counts the level of a sequence's items once for all of them (ended with <see cref="Exit"/>), where
    /// <see cref="Enter"/> cannot fail: below the limit and below the depth from which the stack is looked at. False,
    /// with nothing counted, otherwise: the items are then written one by one, each entering its level, so that an
    /// error is thrown exactly where it was (and not for a sequence of nulls only).</summary>
    internal bool TryEnterItems()
    {
        if (_depth >= _maxDepth || _depth >= FormatLimits.DefaultMaxDepth) return false;
        _depth++;
        return true;
    }

    /// <summary>Ends a nesting level started with <see cref="Enter"/>.</summary>
    public void Exit() => _depth--;
}
