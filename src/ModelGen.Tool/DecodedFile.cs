using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>A binary model file read without its model type: the envelope, whether the checksum holds, and the
/// decoded payload. <see cref="FormatVersion"/> is the envelope's version byte; a format-2 file carries its
/// <see cref="Table"/> (the writer's schema table, which names every member), a format-1 file none.</summary>
internal sealed record DecodedFile(string Path, long FileLength, Envelope Envelope, bool? ChecksumValid, ulong ComputedChecksum, ObjectValue Payload,
    byte FormatVersion = 1, SchemaTable? Table = null)
{
    /// <summary>Files larger than this are refused (the runtime's own default limit).</summary>
    public static readonly long MaxFileLength = ModelSerializerOptions.Default.MaxInputSize;

    /// <exception cref="ModelFormatException">The file is not a well-formed ModelGen file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DecodedFile Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"no such file: {path}", path);
        if (info.Length > MaxFileLength) throw new ModelFormatException($"the file has {info.Length} bytes, more than the limit of {MaxFileLength}", 0);
        return Decode(path, File.ReadAllBytes(path));
    }

    /// <exception cref="ModelFormatException">The bytes are not a well-formed ModelGen file.</exception>
    public static DecodedFile Decode(string path, byte[] data)
    {
        // The structure is checked first; a checksum mismatch is reported, not thrown, so a damaged file can still be looked at.
        // The tool reads the envelope itself (format 1 and 2), as it reads the payload: from docs/format.md alone.
        (Envelope envelope, byte formatVersion, SchemaTable? table) = RawDecoder.ReadEnvelope(data);
        ulong computed = Checksum(data, formatVersion, envelope.HeaderLength);
        // A format-2 preview file sealed before the checksum became H ‖ P (every byte before the trailer, as format 1)
        // is sound too: the library reads it (docs/format.md §9.1).
        bool? valid = envelope.HasChecksum
            ? computed == envelope.Checksum || (formatVersion == 2 && XxHash3.HashToUInt64(data.AsSpan(0, data.Length - Envelope.TrailerLength)) == envelope.Checksum)
            : null;
        int start = envelope.HeaderLength;
        ObjectValue payload = RawDecoder.DecodePayload(data, start, checked(start + (int)envelope.PayloadLength), formatVersion, table);
        return new DecodedFile(path, data.Length, envelope, valid, computed, payload, formatVersion, table);
    }

    /// <summary>The checksum of a file whose structure was checked (docs/format.md): format 1, XXH3-64 of everything
    /// before the trailer; format 2 (§9.1), XXH3-64 of the 16 bytes H ‖ P, the XXH3-64 of the header (up to the end of
    /// the schema table) and of the payload, each little-endian.</summary>
    internal static ulong Checksum(byte[] data, byte formatVersion, int headerLength)
    {
        int end = data.Length - Envelope.TrailerLength;
        if (formatVersion == 1) return XxHash3.HashToUInt64(data.AsSpan(0, end));
        Span<byte> both = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, XxHash3.HashToUInt64(data.AsSpan(0, headerLength)));
        BinaryPrimitives.WriteUInt64LittleEndian(both.Slice(8), XxHash3.HashToUInt64(data.AsSpan(headerLength, end - headerLength)));
        return XxHash3.HashToUInt64(both);
    }
}
