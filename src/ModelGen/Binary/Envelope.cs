using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace ModelGen.Internal;

/// <summary>The binary envelope around a payload (docs/format.md): a header that names the model and its
/// schema, and a trailer with the payload length and checksum, so that writing can stream.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Envelope(string ModelName, int SchemaVersion, ulong Fingerprint, bool HasChecksum,
    int HeaderLength, long PayloadLength, ulong Checksum)
{
    /// <summary>The magic bytes at offset 0: ASCII "MGEN".</summary>
    public static ReadOnlySpan<byte> Magic => "MGEN"u8;

    /// <summary>The format version this library writes by default (<see cref="ModelSerializerOptions.FormatVersion"/>
    /// selects 2); it reads both.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Trailer size: payload length (8) and checksum (8).</summary>
    public const int TrailerLength = 16;

    internal const byte ChecksumFlag = 1;
    private const int MaxNameBytes = 1024;

    internal static void WriteHeader(ref ModelWriter writer, ModelSchema schema, bool checksum)
    {
        writer.WriteRaw(Magic);
        Span<byte> two = [FormatVersion, checksum ? ChecksumFlag : (byte)0];
        writer.WriteRaw(two);
        writer.WriteBytes(schema.NameUtf8);
        writer.WriteVarUInt64((ulong)schema.Version);
        writer.WriteFixed64(schema.Fingerprint);
    }

    /// <summary>The format-1 header of a model (magic, version, flags, name, schema version, fingerprint): built once
    /// per model type, so that a write copies it in one go.</summary>
    internal static byte[] HeaderBytes(ModelSchema schema, bool checksum)
    {
        using var buffer = new PooledBufferWriter(256);
        var writer = new ModelWriter(buffer, hash: null, FormatLimits.DefaultMaxDepth);
        WriteHeader(ref writer, schema, checksum);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads and checks the envelope of a whole binary input; verifies the checksum when asked.</summary>
    public static Envelope Read(ReadOnlySpan<byte> data, bool verifyChecksum)
    {
        Header header = ReadHeader(data);
        if (verifyChecksum) CheckFlag(header);
        if (header.HasChecksum && verifyChecksum) Verify(data, header.Checksum);
        string name = Encoding.UTF8.GetString(data.Slice(header.NameOffset, header.NameLength));
        return new Envelope(name, header.SchemaVersion, header.Fingerprint, header.HasChecksum, header.HeaderLength, header.PayloadLength, header.Checksum);
    }

    /// <summary>The envelope's fields with the model name left in place as UTF-8 (validated), so a reader that only
    /// compares it allocates nothing.</summary>
    internal readonly record struct Header(int NameOffset, int NameLength, int SchemaVersion, ulong Fingerprint, bool HasChecksum,
        int HeaderLength, long PayloadLength, ulong Checksum, byte FormatVersion = 1, int TableOffset = 0, int TableLength = 0,
        SchemaTable? KnownTable = null);

    /// <summary>The newest format version this library reads and can write (docs/format.md §9).</summary>
    internal const byte LatestFormatVersion = 2;

    /// <summary>Reads the header; in format 2, a table byte for byte <paramref name="known"/> (the table read last for
    /// the root type, checked then) is not read again: the header's fields are its entry 0, and
    /// <see cref="Header.KnownTable"/> is set.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static Header ReadHeader(ReadOnlySpan<byte> data, SchemaTable? known = null)
    {
        if (data.Length < Magic.Length + 2 || !data.StartsWith(Magic))
            throw new ModelFormatException("not a ModelGen file: the magic bytes 'MGEN' are missing", 0);
        byte version = data[4];
        if (version is not (FormatVersion or LatestFormatVersion))
            throw new ModelFormatException($"format version {version} is not supported (this reader reads versions {FormatVersion} and {LatestFormatVersion})", 4);
        byte flags = data[5];
        if ((flags & ~ChecksumFlag) != 0)
            throw new ModelFormatException($"unknown envelope flags 0x{flags:x2}", 5);
        var reader = new ModelReader(data.Slice(6, Math.Max(0, data.Length - TrailerLength - 6)), 6, ModelSerializerOptions.Default);
        long nameOffset = reader.Offset;
        ReadOnlySpan<byte> name;
        ulong schemaVersion, fingerprint;
        try
        {
            if (version == LatestFormatVersion)
                return known is not null && KnownHeader2(data, reader, flags, known) is { } header ? header : ReadHeader2(data, reader, flags);
            name = reader.ReadUtf8(MaxNameBytes);
            schemaVersion = reader.ReadVarUInt64();
            if (schemaVersion > int.MaxValue) throw new ModelFormatException($"schema version {schemaVersion} is out of range", nameOffset);
            fingerprint = reader.ReadFixed64();
        }
        catch (ModelFormatException) when ((flags & ChecksumFlag) != 0 && data.Length >= TrailerLength + 6)
        {
            // A corrupted header (format 1) or table (format 2) is reported as corruption when the checksum says so (§1).
            Verify(data, StoredChecksum(data));
            throw;
        }
        int headerLength = (int)reader.Offset;
        (long actual, ulong checksum) = ReadTrailer(data, headerLength);
        return new Header(headerLength - 8 - ModelWriter.VarUIntLength(schemaVersion) - name.Length, name.Length, (int)schemaVersion, fingerprint,
            (flags & ChecksumFlag) != 0, headerLength, actual, checksum);
    }

    /// <summary>The header of an input that begins with <paramref name="own"/> (<see cref="MatchOwnHeader{T}"/> found it,
    /// <paramref name="headerLength"/> bytes long): nothing of it is parsed, its fields are known.</summary>
    internal static Header OwnHeaderFields(OwnHeader own, ReadOnlySpan<byte> data, int headerLength)
    {
        return own.Fields with
        {
            HasChecksum = data[5] == ChecksumFlag, PayloadLength = data.Length - TrailerLength - headerLength, Checksum = StoredChecksum(data),
        };
    }

    /// <summary>The header of <typeparamref name="T"/>'s own writer (in the format of <paramref name="data"/>) when
    /// <paramref name="data"/> begins with it byte for byte, with either checksum flag, and its trailer's payload length
    /// is what lies between that header and the trailer; <paramref name="headerLength"/> is its length. Null for any
    /// other input (another table, another model, a changed byte, a trailer that does not fit), which
    /// <see cref="ReadHeader"/> then reads and reports as it always does.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static OwnHeader? MatchOwnHeader<T>(ReadOnlySpan<byte> data, out int headerLength) where T : IModelSerializable<T>
    {
        headerLength = 0;
        if (data.Length < 6 + TrailerLength) return null;
        OwnHeader? own = data[4] == LatestFormatVersion ? OwnHeaders<T>.Format2 : data[4] == FormatVersion ? OwnHeaders<T>.Format1 : null;
        if (own is null) return null;
        byte flags = data[5];
        byte[]? bytes = flags == ChecksumFlag ? own.WithChecksum : flags == 0 ? own.WithoutChecksum : null;
        if (bytes is null || data.Length < bytes.Length + TrailerLength || !BeginsWith(data, bytes)) return null;
        long payloadLength = data.Length - TrailerLength - bytes.Length;
        if (BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(data.Length - TrailerLength)) != (ulong)payloadLength) return null;
        headerLength = bytes.Length;
        return own;
    }

    // Whether data (at least the header's length and a trailer long) begins with the header, compared in vectors without
    // a call: 32-byte blocks, the last one ending where the header ends (it overlaps the one before unless the length is a
    // multiple of 32), or two 16-byte ones for 16 to 31 bytes. A format-1 header is 16 bytes and the model's name
    // (namespaced names often pass 48 bytes), a format-2 header holds the table (a few hundred bytes): SequenceEqual's
    // call took 1 to 3 % of a small model's load in either format (perf, the benchmarks' Hyperparameters).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool BeginsWith(ReadOnlySpan<byte> data, byte[] header)
    {
        int length = header.Length;
        ref byte found = ref MemoryMarshal.GetReference(data);
        ref byte own = ref MemoryMarshal.GetArrayDataReference(header);
        if (length >= 32 && Vector256.IsHardwareAccelerated)
        {
            nuint last = (nuint)(length - 32);
            for (nuint at = 0; at < last; at += 32)
                if (Vector256.LoadUnsafe(ref found, at) != Vector256.LoadUnsafe(ref own, at)) return false;
            return Vector256.LoadUnsafe(ref found, last) == Vector256.LoadUnsafe(ref own, last);
        }
        if (length >= 16 && length < 32 && Vector128.IsHardwareAccelerated)
            return Vector128.LoadUnsafe(ref found) == Vector128.LoadUnsafe(ref own)
                && Vector128.LoadUnsafe(ref found, (nuint)(length - 16)) == Vector128.LoadUnsafe(ref own, (nuint)(length - 16));
        return data.Slice(0, length).SequenceEqual(header);
    }

    /// <summary>The checksum field of the trailer (the input holds one).</summary>
    internal static ulong StoredChecksum(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(data.Length - 8));

    // The header a type's own writer writes in one format, with and without the checksum flag, and the fields
    // ReadHeader reads from it (payload length and checksum aside, which are the trailer's). The writer copies it and
    // resumes the checksum from Hash; the reader compares it and resumes from the same state.
    internal sealed class OwnHeader(byte[] withChecksum, byte[] withoutChecksum, Header fields)
    {
        public readonly byte[] WithChecksum = withChecksum;
        // Format 1's checksum hashes the header and payload as one input; format 2's hashes them apart (§9.1).
        public readonly bool IsFormat1 = fields.FormatVersion == FormatVersion;
        // Format 1: the state after the header's stripes; null for a header shorter than one stripe (most models):
        // nothing to resume from.
        public readonly PrefixHash? Hash = fields.FormatVersion == FormatVersion && withChecksum.Length >= 64 ? new(withChecksum) : null;
        // Format 1: the products of the header's 16-byte blocks, for a whole input of at most 240 bytes (a small
        // model's file), which XXH3 hashes as independent blocks: the save resumes from it as the load does.
        public readonly ShortPrefixHash? ShortHash = fields.FormatVersion == FormatVersion ? new(withChecksum) : null;
        // Format 2: H, the XXH3-64 of the header with the checksum flag, which its checksum combines with the
        // payload's hash (§9.1): a save or load hashes only the payload.
        public readonly ulong HeaderChecksum = fields.FormatVersion == LatestFormatVersion ? XxHash3.HashToUInt64(withChecksum) : 0;
        public readonly byte[] WithoutChecksum = withoutChecksum;
        public readonly Header Fields = fields;
        // Whether the values read validate themselves (ReadValidation.Validates), at hand where the header is found.
        public bool Validates { get; init; }
        // Whether the type's fields hold models (SchemaTable.HoldsModels; true when it has no table of its own):
        // a read of one sets the thread's validation flag for them (ReadValidation); a read of any other leaves it.
        public bool ReadsNested { get; init; }
    }

    internal static class OwnHeaders<T> where T : IModelSerializable<T>
    {
        public static readonly OwnHeader Format1 = CreateFormat1();
        // Null when T cannot be written in format 2 (SchemaTables<T>.Own): its inputs take ReadHeader.
        public static readonly OwnHeader? Format2 = CreateFormat2();

        private static OwnHeader CreateFormat1()
        {
            ModelSchema schema = T.Schema;
            byte[] with = HeaderBytes(schema, checksum: true);
            int nameOffset = 6 + ModelWriter.VarUIntLength((ulong)schema.NameUtf8.Length);
            return new OwnHeader(with, HeaderBytes(schema, checksum: false),
                new Header(nameOffset, schema.NameUtf8.Length, schema.Version, schema.Fingerprint, false, with.Length, 0, 0))
            { Validates = ReadValidation.Validates<T>(), ReadsNested = SchemaTables<T>.Own is not { HoldsModels: false } };
        }

        private static OwnHeader? CreateFormat2()
        {
            SchemaTable? own = SchemaTables<T>.Own;
            if (own is null) return null;
            byte[] with = SchemaTables<T>.Header(checksum: true);
            int tableOffset = with.Length - own.Bytes.Length;
            SchemaTable.Entry root = own.Entries[0];
            return new OwnHeader(with, SchemaTables<T>.Header(checksum: false),
                new Header(tableOffset + root.NameStart, root.NameLength, root.Version, root.Fingerprint, false, with.Length, 0, 0,
                    LatestFormatVersion, tableOffset, own.Bytes.Length, own))
            { Validates = ReadValidation.Validates<T>(), ReadsNested = own.HoldsModels };
        }
    }

    // Both formats end with the trailer: the payload length, which must be what lies between header and trailer, and
    // the checksum.
    private static (long PayloadLength, ulong Checksum) ReadTrailer(ReadOnlySpan<byte> data, int headerLength)
    {
        if (data.Length < headerLength + TrailerLength)
            throw new ModelFormatException("unexpected end of data: the trailer (payload length and checksum) is missing", data.Length);
        ReadOnlySpan<byte> trailer = data.Slice(data.Length - TrailerLength);
        ulong payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(trailer);
        long actual = data.Length - TrailerLength - headerLength;
        if (payloadLength != (ulong)actual)
            throw new ModelFormatException($"payload length in the trailer is {payloadLength} but {actual} bytes are present: the data is truncated or has bytes appended", data.Length - TrailerLength);
        return (actual, BinaryPrimitives.ReadUInt64LittleEndian(trailer.Slice(8)));
    }

    // Format 2: the table length and the table; the root entry's name, version and fingerprint are the envelope's.
    // The whole table is checked when it is read (SchemaTable.Parse); here only what the envelope reports.
    private static Header ReadHeader2(ReadOnlySpan<byte> data, ModelReader reader, byte flags)
    {
        long at = reader.Offset;
        int tableLength = reader.ReadLength();
        if (tableLength == 0) throw new ModelFormatException("the schema table is empty", at);
        int tableOffset = (int)reader.Offset;
        var table = new ModelReader(data.Slice(tableOffset, tableLength), tableOffset, ModelSerializerOptions.Default);
        at = table.Offset;
        ulong entries = table.ReadVarUInt64();
        if (entries == 0) throw new ModelFormatException("the schema table has no entries", at);
        ReadOnlySpan<byte> name = table.ReadUtf8(MaxNameBytes);
        int nameOffset = (int)table.Offset - name.Length;
        at = table.Offset;
        ulong schemaVersion = table.ReadVarUInt64();
        if (schemaVersion < 1 || schemaVersion > int.MaxValue) throw new ModelFormatException($"schema version {schemaVersion} is out of range", at);
        ulong fingerprint = table.ReadFixed64();
        int headerLength = tableOffset + tableLength;
        (long actual, ulong checksum) = ReadTrailer(data, headerLength);
        return new Header(nameOffset, name.Length, (int)schemaVersion, fingerprint, (flags & ChecksumFlag) != 0, headerLength, actual, checksum,
            LatestFormatVersion, tableOffset, tableLength);
    }

    // Format 2 whose table is `known`: its length and bytes are compared (one pass), not parsed again; anything else
    // (another table, a truncated input) is left to ReadHeader2 and its errors.
    private static Header? KnownHeader2(ReadOnlySpan<byte> data, ModelReader reader, byte flags, SchemaTable known)
    {
        if (reader.Remaining == 0) return null;
        ulong length = reader.ReadVarUInt64();
        int tableOffset = (int)reader.Offset;
        if (length != (ulong)known.Bytes.Length || (ulong)reader.Remaining < length) return null;
        if (!data.Slice(tableOffset, known.Bytes.Length).SequenceEqual(known.Bytes)) return null;
        SchemaTable.Entry root = known.Entries[0];
        int headerLength = tableOffset + known.Bytes.Length;
        (long actual, ulong checksum) = ReadTrailer(data, headerLength);
        return new Header(tableOffset + root.NameStart, root.NameLength, root.Version, root.Fingerprint, (flags & ChecksumFlag) != 0,
            headerLength, actual, checksum, LatestFormatVersion, tableOffset, known.Bytes.Length, known);
    }

    /// <summary>Without the flag the checksum field is zero: a checksum whose flag bit was flipped off is corruption,
    /// not an opt-out (a single-bit flip must never turn verification off).</summary>
    internal static void CheckFlag(Header header)
    {
        if (!header.HasChecksum && header.Checksum != 0) throw FlagClear(header.Checksum);
    }

    internal static ModelFormatException FlagClear(ulong stored) =>
        new($"the checksum flag is clear but the trailer holds checksum {stored:x16}; the data is corrupted", 5);

    /// <summary>Checks the checksum of a whole input whose flag is set. Format 1: of everything before the trailer in
    /// one pass; for data found to begin with a known header (<see cref="OwnHeader"/>, <see cref="VerifyOwn"/>),
    /// a short input from the products of the header's 16-byte blocks (<paramref name="shortPrefix"/>), a longer one
    /// from the state after the header's stripes (<paramref name="prefix"/>). Format 2: of the header's and the
    /// payload's hashes (<see cref="Checksum2(ReadOnlySpan{byte}, ulong)"/>).</summary>
    internal static void Verify(ReadOnlySpan<byte> data, ulong stored, PrefixHash? prefix = null, ShortPrefixHash? shortPrefix = null)
    {
        ReadOnlySpan<byte> hashed = data.Slice(0, data.Length - TrailerLength);
        ulong computed = data[4] == LatestFormatVersion ? Checksum2(data, stored)
            : shortPrefix is not null && hashed.Length <= ShortPrefixHash.LongestInput ? shortPrefix.Hash(hashed)
            : prefix is not null ? prefix.Hash(hashed) : XxHash3.HashToUInt64(hashed);
        if (computed != stored) Mismatch(data, stored, computed);
    }

    /// <summary>Checks the checksum of an input that begins with <paramref name="own"/>'s header with the checksum flag
    /// (<see cref="MatchOwnHeader{T}"/>, <paramref name="headerLength"/> bytes long): in format 2 only the payload is
    /// hashed, the header's hash is known.</summary>
    internal static void VerifyOwn(ReadOnlySpan<byte> data, ulong stored, OwnHeader own, int headerLength)
    {
        if (own.IsFormat1) Verify(data, stored, own.Hash, own.ShortHash);
        else
        {
            ulong computed = Checksum2(own.HeaderChecksum, PayloadHash(data.Slice(headerLength, data.Length - TrailerLength - headerLength)));
            if (computed != stored) Mismatch(data, stored, computed);
        }
    }

    /// <summary>Throws the checksum mismatch of a whole input (trailer included) whose checksum is not
    /// <paramref name="computed"/> — unless it is a format-2 preview file sealed before the checksum became H ‖ P
    /// (builds before 2026-12-06 hashed every byte before the trailer, as format 1 does). The preview's files were
    /// promised to stay readable; checked only after the current rule failed, so a sound file pays nothing, and a
    /// corrupted one must match neither rule.</summary>
    internal static void Mismatch(ReadOnlySpan<byte> data, ulong stored, ulong computed)
    {
        if (data[4] == LatestFormatVersion && XxHash3.HashToUInt64(data.Slice(0, data.Length - TrailerLength)) == stored) return;
        throw ChecksumMismatch(data, stored, computed);
    }

    /// <summary>Format 2's checksum (§9.1): XXH3-64 (seed 0) of the 16 bytes H ‖ P, the XXH3-64 of the header (offset
    /// 0 to the end of the schema table) and of the payload (from there to the trailer), each as uint64 little-endian.
    /// The header is the same for every value of a type, so its hash is computed once (<see cref="OwnHeader"/>).</summary>
    internal static ulong Checksum2(ulong headerHash, ulong payloadHash) => Xxh3.Hash16(headerHash, payloadHash);

    /// <summary>P of format 2's checksum: XXH3-64 of the payload (System.IO.Hashing's: ShortPrefixHash with an empty
    /// prefix measured the same on a small model's save, 2026-12-06).</summary>
    internal static ulong PayloadHash(ReadOnlySpan<byte> payload) => XxHash3.HashToUInt64(payload);

    /// <summary>Format 2's checksum of a whole input (trailer included), whose header ends where its table length says.
    /// A table length that does not delimit a header within the input is corruption when the flag is set: it is
    /// reported as a checksum mismatch (with <paramref name="stored"/>), as every other corruption is.</summary>
    internal static ulong Checksum2(ReadOnlySpan<byte> data, ulong stored)
    {
        int headerLength = HeaderLength2(data);
        if (headerLength < 0)
            throw new ModelFormatException($"checksum mismatch: stored {stored:x16}, but the table length at offset 6 does not fit the input, so the header and payload it covers cannot be told apart; the data is corrupted", data.Length - 8);
        return Checksum2(XxHash3.HashToUInt64(data.Slice(0, headerLength)), PayloadHash(data.Slice(headerLength, data.Length - TrailerLength - headerLength)));
    }

    // The end of a format-2 header (offset 6: the table length, then the table), or -1 when the table length is not a
    // varint or the header it gives would run into the trailer.
    private static int HeaderLength2(ReadOnlySpan<byte> data)
    {
        int limit = data.Length - TrailerLength;
        ulong length = 0;
        for (int at = 6, shift = 0; at < limit && shift < 64; at++, shift += 7)
        {
            length |= (ulong)(data[at] & 0x7F) << shift;
            if (data[at] < 0x80) return length <= (ulong)(limit - at - 1) ? at + 1 + (int)length : -1;
        }
        return -1;
    }

    internal static ModelFormatException ChecksumMismatch(ReadOnlySpan<byte> data, ulong stored, ulong computed) =>
        new($"checksum mismatch: stored {stored:x16}, computed {computed:x16}; the data is corrupted", data.Length - 8);
}
