using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using Xunit;

namespace ModelGen.Tests;

/// <summary>The format-1 writer hashes a small model's file from the products of its header's 16-byte blocks, computed
/// once per model type (ShortPrefixHash): the checksum must still be XXH3-64 of everything before the trailer, for the
/// two ways XXH3 hashes short inputs (17 to 128 and 129 to 240 bytes), for headers of a few blocks and of more than
/// eight (whose blocks fall in both of XXH3's loops), and past 240 bytes where the input is hashed from the start.</summary>
public class ShortChecksumTests
{
    private static readonly ModelSerializerOptions Format1 = new() { FormatVersion = 1 };

    [Fact]
    public void The_checksum_is_XXH3_of_the_whole_input_for_short_and_long_headers()
    {
        int header = Header<LongNamedModelWhoseFormatOneEnvelopeHeaderSpansMoreThanNineBlocksOfSixteenBytesSoThatXxh3SumsItsBlocksInBothLoopsOfTheMidSizeHash>();
        Assert.True(header >= 9 * 16, $"the long-named model's header is {header} bytes");
        Assert.True(Header<Inner>() < 128);
        for (int length = 0; length < 300; length++)
        {
            Check(new Inner { Name = new string('n', length), Weights = [length] }, (a, b) => a.Name == b.Name);
            Check(new LongNamedModelWhoseFormatOneEnvelopeHeaderSpansMoreThanNineBlocksOfSixteenBytesSoThatXxh3SumsItsBlocksInBothLoopsOfTheMidSizeHash { Text = new string('t', length), Number = length },
                (a, b) => a.Text == b.Text && a.Number == b.Number);
        }
    }

    private static int Header<T>() where T : IModelSerializable<T> => ModelSerializer.ReadEnvelope(ModelSerializer.Serialize(Activator.CreateInstance<T>(), Format1)).HeaderLength;

    private static void Check<T>(T value, Func<T, T, bool> same) where T : IModelSerializable<T>
    {
        foreach (bool reused in new[] { false, true })
        {
            byte[] data;
            if (reused)
            {
                // Into a reused buffer (the strict write into the output's span).
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
                ModelSerializer.Serialize(buffer, value, Format1);
                data = buffer.WrittenSpan.ToArray();
            }
            else data = ModelSerializer.Serialize(value, Format1);
            Assert.Equal(XxHash3.HashToUInt64(data.AsSpan(0, data.Length - 16)), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
            Assert.True(same(value, ModelSerializer.Deserialize<T>(data)));
            byte[] changed = (byte[])data.Clone();
            changed[data.Length - 17] ^= 0x01; // the last payload byte
            Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<T>(changed));
        }
    }
}

[SerializableModel]
public partial class LongNamedModelWhoseFormatOneEnvelopeHeaderSpansMoreThanNineBlocksOfSixteenBytesSoThatXxh3SumsItsBlocksInBothLoopsOfTheMidSizeHash
{
    public string Text { get; set; } = "";
    public int Number { get; set; }
}
