using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Text;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Binary serialization of generated models (format: docs/format.md).</summary>
public static partial class ModelSerializer
{
    /// <summary>Serializes <paramref name="value"/> to a new byte array.</summary>
    /// <exception cref="ModelFormatException">The value could not be read back: it nests deeper than
    /// <see cref="ModelSerializerOptions.MaxDepth"/>, holds a null where a member cannot be null, or a
    /// <c>[Hyperparameters]</c> value in it is invalid.</exception>
    public static byte[] Serialize<T>(T value, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        using var buffer = new PooledBufferWriter(Math.Max(WriteState<T>.State.Last, 4096));
        Serialize(buffer, value, options);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes <paramref name="value"/> into <paramref name="output"/>. A value that cannot be read back is
    /// refused before anything is written.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelSerializerOptions?)"/>; nothing is written.</exception>
    public static void Serialize<T>(IBufferWriter<byte> output, T value, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is null) throw new ArgumentNullException(nameof(value));
        options ??= ModelSerializerOptions.Default;
        if (TryWriteAtOnce(output, value, options)) return;
        // The value did not fit the output's first span, or holds what a reader rejects: the check names the error
        // with its member path before anything is written; then the value is written in as many spans as it takes.
        WriteCheck.Run(value, options.MaxDepth, ModelForms.Binary);
        WriteChecked(output, value, options);
    }

    /// <summary>The write tried first: a strict write (<see cref="ModelWriter(Span{byte}, bool, int, bool)"/>) into
    /// the output's first span, handed to the output only once the whole model, trailer included, is in it. It
    /// refuses what the check before a write refuses, so a value it writes is one the check accepts, and the check's
    /// second walk of the value is left out. False, with nothing handed to the output, when the value does not fit the
    /// span or anything is refused or thrown: the caller runs the check, which names the error.</summary>
    // Without zeroing the frame: the writer and the checksum's products are assigned before they are read.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static bool TryWriteAtOnce<T>(IBufferWriter<byte> output, T value, ModelSerializerOptions options, bool skipLarge = true) where T : IModelSerializable<T>
    {
        // One lookup of the type's statics in shared generic code (each one is a helper call).
        WriteState state = WriteState<T>.State;
        int last = state.Last;
        Span<byte> span;
        try
        {
            span = output.GetSpan(Math.Clamp(last, 256, FirstSpanHint));
        }
        catch (Exception)
        {
            return false;
        }
        // A value that took more than this span last time is not tried (a large model into a stream's chunks).
        if (skipLarge && span.Length < last) return false;
        bool positional = options.FormatVersion == 2;
        bool checksum = options.WriteChecksum;
        // The type's own header in the format asked (null: T has no format-2 table, and its write fails as it always did).
        Envelope.OwnHeader? own = positional ? state.Format2 : state.Format1;
        byte[] header = own is null ? Header<T>(positional, checksum) : checksum ? own.WithChecksum : own.WithoutChecksum;
        // The header is copied before the writer starts, which writes after it.
        if (span.Length < header.Length) return false;
        header.CopyTo(span);
        var writer = new ModelWriter(span, header.Length, checksum, options.MaxDepth, positional);
        try
        {
            long headerLength = header.Length;
            // The root, validated as the check validates it (Validate() covers everything below it).
            writer.Validate(value);
            if (DerivedModels.Check(value, state.Exact) is { } derived) throw derived;
            T.WriteFields(ref writer, value);
            if (!positional) writer.WriteEnd();
            long payloadLength = writer.Position - headerLength;
            // Format 1: the written bytes begin with the header just copied, and the checksum resumes from what is
            // known of it (the products of its 16-byte blocks for a small file, the state after its stripes for a longer
            // one). Format 2: the payload's hash, combined with the header's, computed once per type (§9.1).
            ulong sum = !checksum ? 0 : positional ? writer.WrittenChecksum2(HeaderChecksum(own, header)) : writer.WrittenChecksum(own?.Hash, own?.ShortHash);
            int length = writer.Written.Length;
            Span<byte> free = writer.Free;
            // No room for the trailer, or more than one read can load (the plain write refuses it): the old path.
            if (free.Length < Envelope.TrailerLength || (long)length + Envelope.TrailerLength > Array.MaxLength) return false;
            BinaryPrimitives.WriteUInt64LittleEndian(free, (ulong)payloadLength);
            BinaryPrimitives.WriteUInt64LittleEndian(free.Slice(8), sum);
            state.Last = length + Envelope.TrailerLength;
            output.Advance(length + Envelope.TrailerLength);
            return true;
        }
        catch (Exception)
        {
            // SpanFull, Refused, or any error of the write itself: the check and the plain write repeat it in order.
            return false;
        }
    }

    // H of format 2's checksum (§9.1): the type's own header's, computed once; any other header's (none is written
    // today: a type without a format-2 table is refused before its header is made) is hashed.
    private static ulong HeaderChecksum(Envelope.OwnHeader? own, byte[] header) =>
        own is not null && header == own.WithChecksum ? own.HeaderChecksum : HashHeader(header);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong HashHeader(byte[] header) => XxHash3.HashToUInt64(header);

    // The envelope's header, one precomputed copy per model type in either format.
    private static byte[] Header<T>(bool positional, bool checksum) where T : IModelSerializable<T> =>
        positional ? SchemaTables<T>.Header(checksum) : checksum ? WriteState<T>.State.Format1.WithChecksum : WriteState<T>.State.Format1.WithoutChecksum;

    // The first span asked of an output: what the type took last time, within the hints a plain write gives.
    private const int FirstSpanHint = 64 * 1024;

    // What the writes of a type keep: the size of the last model written, so that the first span asked is large enough,
    // and the type's own headers (the ones loads compare with), with what is known of their checksum.
    private sealed class WriteState(Envelope.OwnHeader format1, Envelope.OwnHeader? format2, Type? exact)
    {
        public int Last;
        // DerivedModels.Exact<T>(), kept for every write of the type.
        public readonly Type? Exact = exact;
        public readonly Envelope.OwnHeader Format1 = format1;
        // Null when the type cannot be written in format 2.
        public readonly Envelope.OwnHeader? Format2 = format2;
    }

    private static class WriteState<T> where T : IModelSerializable<T>
    {
        internal static readonly WriteState State = new(Envelope.OwnHeaders<T>.Format1, Envelope.OwnHeaders<T>.Format2,
            DerivedModels.Exact<T>());
    }

    // The plain write, once the check has passed: in as many spans as the output gives, hashed on the way.
    private static void WriteChecked<T>(IBufferWriter<byte> output, T value, ModelSerializerOptions options) where T : IModelSerializable<T>
    {
        StreamingChecksum? hash = options.WriteChecksum ? RentHash() : null;
        bool positional = options.FormatVersion == 2;
        byte[] header = Header<T>(positional, options.WriteChecksum);
        // Format 2 hashes its header apart from the payload (§9.1): the header goes to the output before the writer,
        // which then hashes (and counts) the payload alone.
        if (positional) output.Write(header);
        var writer = new ModelWriter(output, hash, options.MaxDepth, positional: positional);
        if (!positional) writer.WriteRaw(header);
        long headerLength = positional ? 0 : writer.Position;
        T.WriteFields(ref writer, value);
        if (!positional) writer.WriteEnd();
        long payloadLength = writer.Position - headerLength;
        writer.Flush();
        long fileLength = header.Length + payloadLength + Envelope.TrailerLength;
        // Every reader holds one input in one span: a larger file would be written and never load. The output has no
        // trailer yet, so what was written is no model file either (and buffered or atomic saves install nothing).
        if (fileLength > Array.MaxLength) throw InputBuffer.OutputTooLarge(fileLength);
        WriteState<T>.State.Last = (int)Math.Min(fileLength, int.MaxValue);
        ulong sum = hash is null ? 0
            : positional ? Envelope.Checksum2(HeaderChecksum(WriteState<T>.State.Format2, header), hash.GetCurrentHashAsUInt64())
            : hash.GetCurrentHashAsUInt64();
        Span<byte> trailer = output.GetSpan(Envelope.TrailerLength);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.Slice(8), sum);
        output.Advance(Envelope.TrailerLength);
        if (hash is not null) ReturnHash(hash);
    }

    /// <summary>The members <paramref name="value"/> kept from data written by a newer version of its model, and the
    /// forms each is written back in (docs/versioning.md); empty when nothing was kept.</summary>
    public static System.Collections.Generic.IReadOnlyList<UnknownMember> GetUnknownMembers<T>(T value) where T : IModelSerializable<T>
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return T.GetUnknownMembers(value)?.Members ?? Array.Empty<UnknownMember>();
    }

    // One hasher per thread, so that serializing into a reused buffer allocates nothing. It is taken out of the slot
    // while in use, so a nested call (e.g. from a user's IBufferWriter) gets its own; after an exception it is dropped.
    [ThreadStatic] private static StreamingChecksum? t_hash;

    internal static StreamingChecksum RentHash()
    {
        StreamingChecksum? hash = t_hash;
        if (hash is null) return new StreamingChecksum();
        t_hash = null;
        hash.Reset();
        return hash;
    }

    internal static void ReturnHash(StreamingChecksum hash) => t_hash = hash;

    // Below this size the checksum is one pass over data that is in cache anyway; above it, it is computed while
    // reading so that large arrays are read from memory once.
    private const int StreamingChecksumSize = 256 * 1024;

    /// <summary>Serializes <paramref name="value"/> to <paramref name="stream"/> in 64 KiB chunks.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelSerializerOptions?)"/>; nothing is
    /// written, except for a model larger than a reader can load (2 GiB): that is found once the chunks before were
    /// written, which then lack the trailer and never load (<see cref="ModelFile.Save{T}"/> keeps the old file).</exception>
    public static void Serialize<T>(Stream stream, T value, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new StreamBufferWriter(stream);
        Serialize(output, value, options);
    }

    /// <summary>Deserializes a model from a whole binary input.</summary>
    /// <exception cref="ModelFormatException">The input is malformed, corrupted, or holds another model.</exception>
    // No stackalloc here: the locals are assigned before they are read, and zeroing the frame (the envelope, the reader)
    // was a tenth of a small model's load.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static T Deserialize<T>(ReadOnlySpan<byte> data, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        options ??= ModelSerializerOptions.Default;
        if (data.Length > options.MaxInputSize) throw InputBuffer.TooLarge(data.Length, options.MaxInputSize);
        // The header this type's own writer writes is known byte for byte: compared, not parsed; its name, schema and
        // table are this type's, and the checksum resumes from the state after its stripes. A large input with a
        // checksum is hashed while it is read (below).
        Envelope.OwnHeader? own = Envelope.MatchOwnHeader<T>(data, out int headerLength);
        if (own is not null && (data[5] == 0 || !options.VerifyChecksum || data.Length < StreamingChecksumSize))
        {
            if (options.VerifyChecksum)
            {
                ulong stored = Envelope.StoredChecksum(data);
                if (data[5] != 0) Envelope.VerifyOwn(data, stored, own, headerLength);
                else if (stored != 0) throw Envelope.FlagClear(stored);
            }
            return ReadPayload<T>(data.Slice(headerLength, data.Length - Envelope.TrailerLength - headerLength), headerLength, options, null, own.Fields.KnownTable, own.Validates, own.ReadsNested);
        }
        return DeserializeEnvelope<T>(data, options, own, headerLength);
    }

    // Any other input: the envelope is read and checked field by field (another writer's table, another model, a
    // damaged header), or, with the own header found above, the checksum of a large input is computed while it is read.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static T DeserializeEnvelope<T>(ReadOnlySpan<byte> data, ModelSerializerOptions options, Envelope.OwnHeader? own, int headerLength)
        where T : IModelSerializable<T>
    {
        Envelope.Header envelope = own is not null ? Envelope.OwnHeaderFields(own, data, headerLength) : Envelope.ReadHeader(data, SchemaTables<T>.LastRead);
        if (options.VerifyChecksum) Envelope.CheckFlag(envelope);
        bool verify = envelope.HasChecksum && options.VerifyChecksum;
        bool streaming = verify && data.Length >= StreamingChecksumSize;
        if (verify && !streaming) Envelope.Verify(data, envelope.Checksum);
        ReadOnlySpan<byte> payload = data.Slice(envelope.HeaderLength, (int)envelope.PayloadLength);
        SchemaTable? table = null;
        try
        {
            if (envelope.FormatVersion == 2) table = envelope.KnownTable ?? SchemaTables<T>.Read(data.Slice(envelope.TableOffset, envelope.TableLength), envelope.TableOffset);
        }
        catch (ModelFormatException) when (streaming)
        {
            Envelope.Verify(data, envelope.Checksum); // corruption is reported as such
            throw;
        }
        ModelSchema schema = T.Schema;
        ReadOnlySpan<byte> name = data.Slice(envelope.NameOffset, envelope.NameLength);
        if (!name.SequenceEqual(schema.NameUtf8))
        {
            // A large input's checksum is computed while reading: check it first, so that a corrupted name is reported
            // as corruption, as in a small input.
            if (streaming) Envelope.Verify(data, envelope.Checksum);
            throw new ModelFormatException($"the data holds model '{Encoding.UTF8.GetString(name)}', not '{schema.Name}'", 6);
        }
        bool validates = ReadValidation.Validates<T>();
        bool nested = Envelope.OwnHeaders<T>.Format1.ReadsNested;
        if (!streaming) return ReadPayload<T>(payload, envelope.HeaderLength, options, null, table, validates, nested);

        // The reader hashes as it goes and the checksum is compared before the value is returned. Every length is
        // checked against the remaining bytes, so corrupted data cannot make it over-allocate first; a corrupted input
        // that fails to parse is still reported as a checksum mismatch.
        StreamingChecksum hash = RentHash();
        // Format 1 hashes the header and payload as one input; format 2 hashes the payload alone, then combines its hash
        // with the header's (§9.1): the own header's is known.
        bool format1 = envelope.FormatVersion == Envelope.FormatVersion;
        if (format1) hash.Append(data.Slice(0, envelope.HeaderLength));
        T value;
        try
        {
            value = ReadPayload<T>(payload, envelope.HeaderLength, options, hash, table, validates, nested);
        }
        catch (ModelFormatException)
        {
            Envelope.Verify(data, envelope.Checksum);
            throw;
        }
        ulong computed = hash.GetCurrentHashAsUInt64();
        ReturnHash(hash);
        if (!format1)
            computed = Envelope.Checksum2(own is not null ? own.HeaderChecksum : XxHash3.HashToUInt64(data.Slice(0, envelope.HeaderLength)), computed);
        if (computed != envelope.Checksum) Envelope.Mismatch(data, envelope.Checksum, computed);
        return value;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    // validates: ReadValidation.Validates<T>(); nested: whether T's fields hold models (OwnHeader.ReadsNested). The caller
    // has both at hand (the own header holds them): in code shared by every class, each generic static is a lookup.
    private static T ReadPayload<T>(ReadOnlySpan<byte> payload, int offset, ModelSerializerOptions options, StreamingChecksum? hash, SchemaTable? table, bool validates, bool nested)
        where T : IModelSerializable<T>
    {
        var reader = new ModelReader(payload, offset, options, hash);
        if (table is not null) reader.UseTable(table);
        T value;
        // EnterRoot and Exit on the thread's flag, looked up once, and only where T's fields hold models: for any other
        // T nothing reads the flag (a root read of its own, from a constructor or setter, sets its own), and it is left
        // alone. One frame, not two: an error's stack trace is part of what an untrusted input makes a read allocate.
        ref bool enclosed = ref System.Runtime.CompilerServices.Unsafe.NullRef<bool>();
        bool outer = false;
        if (nested)
        {
            enclosed = ref ReadValidation.Enclosed;
            outer = enclosed;
            enclosed = validates;
        }
        try
        {
            value = T.ReadFields(ref reader);
            if (validates) ReadValidation.Validate((IValidatedModel)value);
        }
        catch (ModelFormatException e) when (e.AddOffset(reader.Offset))
        {
            throw; // not reached: the filter adds the offset (errors found after the fields, e.g. a missing member) and returns false
        }
        finally
        {
            if (nested) enclosed = outer;
        }
        if (reader.Remaining != 0) throw BytesAfterEnd(reader.Offset, reader.Remaining);
        reader.HashRest();
        return value;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ModelFormatException BytesAfterEnd(long offset, int remaining) => new($"{remaining} bytes after the end of the model", offset);

    // Files from this size on are read outside the managed heap (native memory, or a memory map) rather than into a
    // pooled array.
    private const int FileInputThreshold = 1024 * 1024;

    /// <summary>Deserializes a model from a stream that holds exactly one model (read to its end). A file stream of
    /// 1 MiB or more is read into native memory freed right after the parse (or parsed from a memory map, with
    /// <see cref="ModelSerializerOptions.MemoryMapFiles"/>), so the managed heap holds a large model once (its arrays);
    /// other streams are read into a pooled buffer first.</summary>
    /// <exception cref="ModelFormatException">The input is malformed, corrupted, too large, or holds another model.</exception>
    public static T Deserialize<T>(Stream stream, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ModelSerializerOptions.Default;
        if (stream is FileStream { CanSeek: true, CanRead: true } file && file.Length - file.Position >= FileInputThreshold)
        {
            // A large file is parsed outside the managed heap: no second copy of a large model in the heap.
            long size = file.Length - file.Position;
            if (size > options.MaxInputSize) throw InputBuffer.TooLarge(size, options.MaxInputSize);
            using FileInput whole = FileInput.Open(file, size, options.MemoryMapFiles);
            T value = Deserialize<T>(whole.Span, options);
            file.Seek(size, SeekOrigin.Current);
            return value;
        }
        InputBuffer input = InputBuffer.Start(stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1, options.MaxInputSize);
        try
        {
            input.ReadToEnd(stream);
            return Deserialize<T>(input.Span, options);
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>Reads the envelope of a binary input without the model type (for tools and diagnostics).</summary>
    public static Envelope ReadEnvelope(ReadOnlySpan<byte> data, bool verifyChecksum = true) => Envelope.Read(data, verifyChecksum);
}
