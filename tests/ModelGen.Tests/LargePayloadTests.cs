using System;
using System.Buffers;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Inputs large enough that the checksum is computed while reading (fused with the bulk copies of arrays).</summary>
public class LargePayloadTests
{
    private static Inner Large()
    {
        var weights = new float[300_000];
        for (int i = 0; i < weights.Length; i++) weights[i] = i * 0.5f - 7;
        return new Inner { Name = "large", Weights = weights };
    }

    [Fact]
    public void Round_trips_with_and_without_the_checksum()
    {
        Inner value = Large();
        foreach (bool checksum in new[] { true, false })
        {
            var options = new ModelSerializerOptions { WriteChecksum = checksum };
            byte[] bytes = ModelSerializer.Serialize(value, options);
            Inner back = ModelSerializer.Deserialize<Inner>(bytes, options);
            Assert.Equal(value.Name, back.Name);
            Assert.Equal(value.Weights, back.Weights);
        }
    }

    [Fact]
    public void A_flipped_weight_byte_is_a_checksum_mismatch()
    {
        byte[] bytes = ModelSerializer.Serialize(Large());
        bytes[bytes.Length / 2] ^= 0x40;
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<Inner>(bytes));
        Assert.Contains("checksum mismatch", e.Message);
        // Without verification the same bytes load (the flipped bit is only a different weight).
        Assert.NotNull(ModelSerializer.Deserialize<Inner>(bytes, new ModelSerializerOptions { VerifyChecksum = false }));
    }

    // A name byte changed after sealing: a small input checks the checksum before the name; a large one computes it
    // while reading, and must still report corruption, not "holds model X" (both formats).
    [Fact]
    public void A_changed_model_name_in_a_large_input_is_a_checksum_mismatch()
    {
        foreach (int format in new[] { 1, 2 })
        {
            byte[] bytes = ModelSerializer.Serialize(Large(), new ModelSerializerOptions { FormatVersion = format });
            Envelope envelope = ModelSerializer.ReadEnvelope(bytes);
            int at = bytes.AsSpan(0, envelope.HeaderLength).IndexOf(System.Text.Encoding.UTF8.GetBytes(envelope.ModelName)) + envelope.ModelName.Length - 1;
            bytes[at] ^= 0x01; // still ASCII: the header parses, naming another model
            var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<Inner>(bytes));
            Assert.Contains("checksum mismatch", e.Message);
        }
    }

    [Fact]
    public void Corruption_that_breaks_parsing_is_still_reported_as_a_checksum_mismatch()
    {
        byte[] bytes = ModelSerializer.Serialize(Large());
        int end = bytes.Length - Envelope.TrailerLength - 1;
        Assert.Equal(0x07, bytes[end]); // the end marker of the root object
        bytes[end] = 0x05;
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<Inner>(bytes));
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void Serializing_into_a_reused_buffer_gives_the_same_bytes_every_time()
    {
        Inner value = Large();
        byte[] expected = ModelSerializer.Serialize(value);
        var buffer = new ArrayBufferWriter<byte>();
        for (int i = 0; i < 3; i++)
        {
            buffer.ResetWrittenCount();
            ModelSerializer.Serialize(buffer, value);
            Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        }
    }
}
