using System;
using System.Buffers.Binary;
using Xunit;

namespace ModelGen.Tests.Format2;

/// <summary>An input that begins with the header a model type's own writer writes is read without parsing that header,
/// and its checksum uses what is known of that header (Envelope.MatchOwnHeader): in format 1 it resumes from the hash
/// state after the header's stripes (PrefixHash), in format 2 the header's hash H is known (OwnHeader.HeaderChecksum,
/// docs/format.md §9.1) and only the payload is hashed. Both are keyed by every byte of the header: any other input
/// takes the full read and hashes its header.</summary>
public class OwnHeaderTests
{
    private static readonly ModelSerializerOptions Format1 = new() { FormatVersion = 1 };
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    // The checksum is the format's (FileChecksum: format 1, XXH3-64 of everything before the trailer; format 2, of
    // the header's and the payload's hashes) whatever the length (short inputs, inputs ending inside or just after the
    // header's stripes, block boundaries at 1,024 bytes): every file the writer makes loads, and a changed payload byte
    // is a checksum mismatch.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_resumed_checksum_is_XXH3_of_the_whole_input_at_every_length(int format)
    {
        ModelSerializerOptions options = format == 1 ? Format1 : Format2;
        for (int length = 0; length < 1400; length++)
        {
            var inner = new Inner { Name = new string('n', length), Weights = [length, 2.5f] };
            byte[] data = ModelSerializer.Serialize(inner, options);
            Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
            Inner back = ModelSerializer.Deserialize<Inner>(data);
            Assert.Equal(inner.Name, back.Name);
            Assert.Equal(inner.Weights, back.Weights);
            if (length % 50 != 0) continue;
            byte[] changed = (byte[])data.Clone();
            changed[data.Length - 20] ^= 0x10; // a payload byte (a weight)
            Bad.Binary<Inner>(changed, reason: "checksum mismatch");
        }
    }

    // A larger table (a header of several stripes) and a nested model's entry, across payload lengths.
    [Fact]
    public void Models_with_larger_headers_load_at_every_length()
    {
        for (int length = 0; length < 1200; length += 7)
        {
            var value = new AllScalars { String = new string('s', length), Int = length, Double = length / 3.0 };
            foreach (ModelSerializerOptions options in new[] { Format1, Format2 })
            {
                AllScalars back = ModelSerializer.Deserialize<AllScalars>(ModelSerializer.Serialize(value, options));
                Assert.Equal((value.String, value.Int, value.Double), (back.String, back.Int, back.Double));
            }
            var network = new Network { Name = new string('x', length), Head = new Layer(1, 2, [1f, 2f], [3f]) };
            Network n = ModelSerializer.Deserialize<Network>(ModelSerializer.Serialize(network, Format2));
            Assert.Equal((network.Name, 2), (n.Name, n.Head!.Outputs));
        }
    }

    // The writer uses what the reader knows of the header: its checksum is the format's wherever the input ends after
    // the header (format 1: within the header's last stripe, one to as many stripes after it as it has, where the
    // state is resumed, and past that, where the input is hashed from the start), and the file loads.
    [Fact]
    public void The_written_checksum_is_XXH3_of_the_whole_input_around_the_resumed_range()
    {
        foreach (ModelSerializerOptions options in new[] { Format1, Format2 })
        {
            int header = HeaderLength(ModelSerializer.Serialize(new AllScalars(), options));
            int stripes = header / 64;
            for (int extra = 0; extra < (stripes + 3) * 64; extra += 5)
            {
                var value = new AllScalars { String = new string('s', extra), Int = extra };
                byte[] data = ModelSerializer.Serialize(value, options);
                Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
                Assert.Equal(value.String, ModelSerializer.Deserialize<AllScalars>(data).String);
            }
        }
    }

    private static int HeaderLength(byte[] file) => file.Length - 16 - PayloadOf(file).Length;

    // The cached header and its hash are used only for an input that begins with those very bytes: a header that
    // differs in one byte the reader does not need (a member's name in the table, the fingerprint in format 1), with
    // a checksum made for it, takes the full read, hashes its own header and loads; one made for the own header fails.
    [Fact]
    public void A_header_that_differs_in_one_byte_is_never_read_or_hashed_as_the_own_header()
    {
        var inner = new Inner { Name = new string('n', 600), Weights = [1f, 2f, 3f] };
        byte[] own = ModelSerializer.Serialize(inner, Format2);
        // "weights" in the table: the member's name, informational in format 2 (members are matched by key).
        int at = IndexOf(own, "weights"u8);
        Assert.True(at > 0 && at < 64 * 4);
        for (int round = 0; round < 2; round++)
        {
            byte[] renamed = WithChecksum(own, at, (byte)'W');
            Assert.Equal(inner.Weights, ModelSerializer.Deserialize<Inner>(renamed).Weights);
            byte[] stale = (byte[])own.Clone();
            stale[at] = (byte)'W'; // the own header's checksum left in place
            Bad.Binary<Inner>(stale, reason: "checksum mismatch");
            Assert.Equal(inner.Name, ModelSerializer.Deserialize<Inner>(own).Name);
        }

        // Format 1: the fingerprint (not checked against the reader's) in the header.
        byte[] own1 = ModelSerializer.Serialize(inner, Format1);
        int fingerprint = 6 + 1 + Inner.Schema.Name.Length + 1;
        byte[] other = WithChecksum(own1, fingerprint, (byte)(own1[fingerprint] ^ 0xFF));
        Assert.Equal(inner.Name, ModelSerializer.Deserialize<Inner>(other).Name);
        Assert.Equal(inner.Name, ModelSerializer.Deserialize<Inner>(own1).Name);
    }

    // Every single-bit change of the own header (flags, table length, table, name) is refused with a
    // ModelFormatException, never read as the own header (whose checksum would then use what is known of the bytes
    // that were there). Headers of 36 bytes (format 1 of Inner), a few hundred (format 2) and more than four 32-byte
    // blocks (format 1 of a long name): the compare takes them in blocks, the last overlapping the one before.
    [Fact]
    public void Every_bit_flip_in_the_own_header_is_refused()
    {
        var inner = new Inner { Name = new string('n', 400), Weights = [1f] };
        var longNamed = new LongNamedModelWhoseFormatOneEnvelopeHeaderSpansMoreThanNineBlocksOfSixteenBytesSoThatXxh3SumsItsBlocksInBothLoopsOfTheMidSizeHash { Text = "t" };
        foreach (ModelSerializerOptions options in new[] { Format1, Format2 })
        {
            EveryBitFlipIsRefused(inner, options);
            EveryBitFlipIsRefused(longNamed, options);
        }
    }

    private static void EveryBitFlipIsRefused<T>(T value, ModelSerializerOptions options) where T : IModelSerializable<T>
    {
        byte[] own = ModelSerializer.Serialize(value, options);
        int header = own.Length - 16 - PayloadOf(own).Length;
        Assert.True(header >= 36, $"a header of {header} bytes");
        for (int bit = 0; bit < header * 8; bit++)
        {
            byte[] flipped = (byte[])own.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Bad.Throws(() => ModelSerializer.Deserialize<T>(flipped));
        }
    }

    private static byte[] PayloadOf(byte[] file)
    {
        long length = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(file.Length - 16));
        return file.AsSpan(file.Length - 16 - (int)length, (int)length).ToArray();
    }

    private static byte[] WithChecksum(byte[] file, int at, byte value)
    {
        byte[] copy = (byte[])file.Clone();
        copy[at] = value;
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), FileChecksum.Of(copy));
        return copy;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> text) => data.AsSpan().IndexOf(text);
}
