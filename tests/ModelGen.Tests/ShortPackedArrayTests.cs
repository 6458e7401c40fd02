using System;
using System.Linq;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A packed array of rank 1 and fewer than 128 elements of the member's own element type is read in one step
/// (ModelReader.TryReadShortPackedArray); every other array takes the general read. Both read the same values and
/// refuse the same inputs, at the same member.</summary>
public class ShortPackedArrayTests
{
    [Fact]
    public void Arrays_around_the_short_limit_read_back_in_both_formats()
    {
        foreach (int format in new[] { 1, 2 })
        {
            var options = new ModelSerializerOptions { FormatVersion = format };
            for (int length = 0; length < 300; length += length < 140 ? 1 : 37)
            {
                var value = new FloatVector { Values = Enumerable.Range(0, length).Select(i => i * 0.5f - 3).ToArray() };
                Assert.Equal(value.Values, ModelSerializer.Deserialize<FloatVector>(ModelSerializer.Serialize(value, options)).Values);
            }
        }
    }

    [Fact]
    public void A_short_array_is_checked_as_any_array()
    {
        int key = Payload.Key<FloatVector>("values");
        // Four elements announced, three present: the general read reports it, at the member.
        byte[] cut = new Payload().Tag(key, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(4)
            .Fixed32(0).Fixed32(0).Fixed32(0).End().ToArray();
        Bad.Binary<FloatVector>(Payload.Wrap<FloatVector>(cut), "values");
        // The element budget counts a short array's elements.
        byte[] three = new Payload().Tag(key, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(3)
            .Fixed32(0).Fixed32(0).Fixed32(0).End().ToArray();
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<FloatVector>(Payload.Wrap<FloatVector>(three), new ModelSerializerOptions { MaxElementCount = 2 }));
        Assert.Equal("values", e.Path);
        Assert.Contains("MaxElementCount", e.Message);
        // Another element type (float64 data into float[]) takes the general read, which converts it.
        byte[] wide = new Payload().Tag(key, WireType.Packed).Raw((byte)PackedElement.Double).VarUInt(1).VarUInt(2)
            .Fixed64(BitConverter.DoubleToUInt64Bits(1.5)).Fixed64(BitConverter.DoubleToUInt64Bits(-2)).End().ToArray();
        Assert.Equal([1.5f, -2f], ModelSerializer.Deserialize<FloatVector>(Payload.Wrap<FloatVector>(wide)).Values);
        // A rank-2 header where the member is a vector.
        byte[] rank = new Payload().Tag(key, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(2).VarUInt(1).VarUInt(1)
            .Fixed32(0).End().ToArray();
        Bad.Binary<FloatVector>(Payload.Wrap<FloatVector>(rank), "values");
    }
}
