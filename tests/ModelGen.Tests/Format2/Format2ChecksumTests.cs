using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using Xunit;

namespace ModelGen.Tests.Format2;

/// <summary>Format 2's checksum (docs/format.md §9.1): XXH3-64 (seed 0) of the 16 bytes H ‖ P, where H is the XXH3-64
/// of the header (offset 0 to the end of the schema table) and P that of the payload (up to the trailer), each uint64
/// little-endian. Computed here step by step with System.IO.Hashing, for every way a file is written (at once into a
/// buffer, in chunks into a stream, the whole model in one span or not) and read (the own header with its hash known,
/// another header hashed, a large input hashed while it is read), and a changed byte on either side of the split is a
/// checksum mismatch.</summary>
public class Format2ChecksumTests : IDisposable
{
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mg-f2sum-" + Guid.NewGuid().ToString("N"));

    public Format2ChecksumTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The definition, spelled out: the table length (a varint at offset 6) ends the header.
    private static (int Header, ulong Checksum) Definition(byte[] file)
    {
        int at = 6;
        ulong tableLength = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = file[at++];
            tableLength |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        int header = at + (int)tableLength;
        ulong h = XxHash3.HashToUInt64(file.AsSpan(0, header));
        ulong p = XxHash3.HashToUInt64(file.AsSpan(header, file.Length - 16 - header));
        byte[] both = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, h);
        BinaryPrimitives.WriteUInt64LittleEndian(both.AsSpan(8), p);
        return (header, XxHash3.HashToUInt64(both));
    }

    private static ulong Stored(byte[] file) => BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - 8));

    private static ChecksumArrays Large()
    {
        // 300 KiB of floats: written in chunks into a stream, and loaded with the payload hashed while it is read.
        var random = new Random(16);
        var value = new ChecksumArrays { Name = "large", Floats = new float[76_801], Bytes = new byte[1000] };
        for (int i = 0; i < value.Floats.Length; i++) value.Floats[i] = (float)random.NextDouble();
        random.NextBytes(value.Bytes);
        return value;
    }

    private static ChecksumArrays Small() => new() { Name = "small", Floats = [1f, 2f], Bytes = [1, 2, 3] };

    // The payload of a small model is hashed by the library's own XXH3 of short inputs (Xxh3.HashShort): every length
    // from 0 to past 240 bytes (each of XXH3's short paths, and the rounds of its 129-to-240 loop), written at once and
    // into a reused buffer, must store what System.IO.Hashing computes, load, and refuse a changed last payload byte.
    [Fact]
    public void Payloads_of_every_short_length_store_XXH3_of_the_payload()
    {
        var lengths = new System.Collections.Generic.HashSet<int>();
        // A name of one byte or none: the byte array's length prefix grows a byte at 128, which a length would skip.
        for (int count = 0; count < 600; count++)
        {
            var value = new ChecksumArrays { Name = count % 2 == 0 ? "" : "n", Floats = [], Bytes = new byte[count / 2] };
            for (int i = 0; i < value.Bytes.Length; i++) value.Bytes[i] = (byte)(i * 37 + count);
            byte[] file = ModelSerializer.Serialize(value, Format2);
            (int header, ulong expected) = Definition(file);
            lengths.Add(file.Length - 16 - header);
            Assert.Equal(expected, Stored(file));
            var buffer = new ArrayBufferWriter<byte>(4096);
            ModelSerializer.Serialize(buffer, value, Format2);
            Assert.Equal(file, buffer.WrittenSpan.ToArray());
            Assert.Equal(value.Bytes, ModelSerializer.Deserialize<ChecksumArrays>(file).Bytes);
            byte[] changed = (byte[])file.Clone();
            changed[file.Length - 17] ^= 0x01;
            Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<ChecksumArrays>(changed));
        }
        for (int length = 17; length <= 241; length++) Assert.Contains(length, lengths);
    }

    [Fact]
    public void Every_write_stores_XXH3_of_the_header_hash_and_the_payload_hash()
    {
        foreach (ChecksumArrays value in new[] { Small(), Large() })
        {
            byte[] file = ModelSerializer.Serialize(value, Format2);
            Assert.Equal(2, file[4]);
            Assert.Equal(1, file[5]);
            (int header, ulong expected) = Definition(file);
            Assert.Equal(ModelSerializer.ReadEnvelope(file).HeaderLength, header);
            Assert.Equal(expected, Stored(file));
            // Not format 1's rule (one hash of everything before the trailer).
            Assert.NotEqual(XxHash3.HashToUInt64(file.AsSpan(0, file.Length - 16)), Stored(file));

            // Into a reused buffer (twice: the second write finds the first one's size), into a stream, into a file:
            // the same bytes.
            var buffer = new ArrayBufferWriter<byte>(64);
            for (int round = 0; round < 2; round++)
            {
                buffer.Clear();
                ModelSerializer.Serialize(buffer, value, Format2);
                Assert.Equal(file, buffer.WrittenSpan.ToArray());
            }
            var stream = new MemoryStream();
            ModelSerializer.Serialize(stream, value, Format2);
            Assert.Equal(file, stream.ToArray());
            string path = Path.Combine(_folder, value.Name + ".mgm");
            ModelFile.Save(path, value, Format2); // verified (Envelope.Read) before it is installed
            Assert.Equal(file, File.ReadAllBytes(path));

            // Read from a span, a stream and a file.
            foreach (ChecksumArrays back in new[]
            {
                ModelSerializer.Deserialize<ChecksumArrays>(file),
                ModelSerializer.Deserialize<ChecksumArrays>(new MemoryStream(file)),
                ModelFile.Load<ChecksumArrays>(path),
            })
            {
                Assert.Equal(value.Name, back.Name);
                Assert.True(value.Floats.AsSpan().SequenceEqual(back.Floats));
                Assert.True(value.Bytes.AsSpan().SequenceEqual(back.Bytes));
            }
            Assert.Equal(expected, ModelSerializer.ReadEnvelope(file).Checksum);
        }
    }

    [Fact]
    public void A_save_into_a_reused_buffer_allocates_nothing()
    {
        // The header's hash is computed once per type, the payload's on the stack (a large one with the thread's hasher).
        foreach (ChecksumArrays value in new[] { Small(), Large() })
            foreach (int format in new[] { 1, 2 })
            {
                var options = new ModelSerializerOptions { FormatVersion = format };
                var buffer = new ArrayBufferWriter<byte>(1 << 20);
                for (int warm = 0; warm < 3; warm++)
                {
                    buffer.Clear();
                    ModelSerializer.Serialize(buffer, value, options);
                }
                // The fewest bytes of three rounds of 20 saves: a save that allocates shows in every round, while the
                // runtime's own one-off work on this thread (tiering up a method while other tests run) does not.
                long fewest = long.MaxValue;
                for (int round = 0; round < 3; round++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 20; i++)
                    {
                        buffer.Clear();
                        ModelSerializer.Serialize(buffer, value, options);
                    }
                    fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
                }
                Assert.Equal(0, fewest);
                Assert.Equal(ModelSerializer.Serialize(value, options), buffer.WrittenSpan.ToArray());
            }
    }

    [Fact]
    public void A_changed_header_byte_and_a_changed_payload_byte_are_each_a_checksum_mismatch()
    {
        foreach (ChecksumArrays value in new[] { Small(), Large() })
        {
            byte[] file = ModelSerializer.Serialize(value, Format2);
            (int header, _) = Definition(file);
            // In the header: the root entry's fingerprint, informational (the table still parses and names the model).
            byte[] fingerprint = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, ChecksumArrays.Schema.Fingerprint);
            int inHeader = file.AsSpan(0, header).IndexOf(fingerprint);
            Assert.True(inHeader > 6, "the root entry's fingerprint is in the header");
            // In the payload: a byte of the name "small"/"large" (still valid UTF-8), and the payload's last byte.
            int inPayload = file.AsSpan(header).IndexOf("a"u8) + header;
            // The payload's last byte (the root's extension count, 0 to 1) makes it unreadable: the checksum is still what
            // is reported.
            foreach ((int at, byte change, bool readable) in new[] { (inHeader, (byte)0x01, true), (inPayload, (byte)0x02, true), (file.Length - 17, (byte)0x01, false) })
            {
                byte[] changed = (byte[])file.Clone();
                changed[at] ^= change;
                Bad.Binary<ChecksumArrays>(changed, reason: "checksum mismatch");
                Assert.Contains("checksum mismatch", Bad.Throws(() => ModelSerializer.ReadEnvelope(changed)).Message);
                // Only the checksum refuses the readable changes.
                if (readable) ModelSerializer.Deserialize<ChecksumArrays>(changed, new ModelSerializerOptions { VerifyChecksum = false });
            }
        }
    }

    [Fact]
    public void A_damaged_table_length_is_a_checksum_mismatch()
    {
        foreach (ChecksumArrays value in new[] { Small(), Large() })
        {
            byte[] file = ModelSerializer.Serialize(value, Format2);
            Assert.True(file[6] < 0x7F, "a one-byte table length");
            // One more: the header and payload split elsewhere. A continuation bit: a length past the input (small) or
            // within it (large).
            foreach (byte length in new[] { (byte)(file[6] + 1), (byte)(file[6] | 0x80) })
            {
                byte[] changed = (byte[])file.Clone();
                changed[6] = length;
                Bad.Binary<ChecksumArrays>(changed, reason: "checksum mismatch");
            }
        }
    }

    // Format-2 previews written before 2026-12-06 sealed every byte before the trailer (format 1's rule); the README
    // promised the preview's files stay readable. Such a seal loads from a span, a stream and a file, and a byte
    // changed after it is still a checksum mismatch (it must match neither rule). Fixtures/format2-preview holds the
    // files that builds before the change wrote.
    [Fact]
    public void A_preview_file_sealed_by_the_earlier_rule_loads_and_its_corruption_is_refused()
    {
        foreach (ChecksumArrays value in new[] { Small(), Large() })
        {
            byte[] file = ModelSerializer.Serialize(value, Format2);
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(file.Length - 8), XxHash3.HashToUInt64(file.AsSpan(0, file.Length - 16)));
            string path = Path.Combine(_folder, value.Name + "-preview.mgm");
            File.WriteAllBytes(path, file);
            foreach (ChecksumArrays back in new[]
            {
                ModelSerializer.Deserialize<ChecksumArrays>(file),
                ModelSerializer.Deserialize<ChecksumArrays>(new MemoryStream(file)),
                ModelFile.Load<ChecksumArrays>(path),
            })
                Assert.True(value.Floats.AsSpan().SequenceEqual(back.Floats));
            ModelSerializer.ReadEnvelope(file);

            byte[] changed = (byte[])file.Clone();
            changed[file.Length - 17] ^= 0x01;
            Bad.Binary<ChecksumArrays>(changed, reason: "checksum mismatch");
            byte[] inPayload = (byte[])file.Clone();
            inPayload[file.AsSpan(Definition(file).Header).IndexOf("a"u8) + Definition(file).Header] ^= 0x02;
            Bad.Binary<ChecksumArrays>(inPayload, reason: "checksum mismatch");
        }
    }

    [Fact]
    public void A_header_other_than_the_own_is_hashed_and_loads_with_its_own_checksum()
    {
        // A table whose root fingerprint differs (another build's): the reader hashes that header, small or large.
        foreach (ChecksumArrays value in new[] { Small(), Large() })
        {
            byte[] file = ModelSerializer.Serialize(value, Format2);
            (int header, _) = Definition(file);
            byte[] fingerprint = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, ChecksumArrays.Schema.Fingerprint);
            file[file.AsSpan(0, header).IndexOf(fingerprint)] ^= 0x40;
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(file.Length - 8), Definition(file).Checksum);
            ChecksumArrays back = ModelSerializer.Deserialize<ChecksumArrays>(file);
            Assert.True(value.Floats.AsSpan().SequenceEqual(back.Floats));
        }
    }
}
