using System.Collections.Generic;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Models of scalars whose lists the generated readers read with the fast scalar reads (ScalarRead).</summary>
[SerializableModel]
public partial class BooleanFlags
{
    public int Id { get; set; }
    public bool On { get; set; }
    public bool Off { get; set; }
}

[SerializableModel]
public partial class BooleanFlagsList
{
    public List<BooleanFlags> Items { get; set; } = new();
}

[SerializableModel]
public partial class ShortItem
{
    public int Id { get; set; }
    public short Value { get; set; }
}

[SerializableModel]
public partial class ShortItems
{
    public List<ShortItem> Items { get; set; } = new();
}

[SerializableModel]
public partial class MaybeItem
{
    public int Id { get; set; }
    public int? Maybe { get; set; }
}

[SerializableModel]
public partial class MaybeItems
{
    public List<MaybeItem> Items { get; set; } = new();
}

/// <summary>The fast reads of generated code read only what the checked read would read the same way and fall back on
/// anything else; corruption the checked read refuses must be refused through them too, never read as another value.
/// Files without a checksum: nothing else catches it. The item changed is followed by others: a fast read needs the
/// bytes left to hold its members' largest size, and the last item of a file is read by the checked read.</summary>
public class FastScalarReadTests
{
    private static readonly ModelSerializerOptions[] NoChecksum =
    [
        new() { WriteChecksum = false },
        new() { WriteChecksum = false, FormatVersion = 2 },
    ];

    // The offset of the first byte in which two files of one length differ.
    private static int FirstDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return i;
        throw new Xunit.Sdk.XunitException("the files are the same");
    }

    // A short of three varint bytes beyond its range (zigzag 131070 = 65535) is refused, not truncated to -1: only an
    // int or a long of up to three bytes is in range whatever it holds.
    [Fact]
    public void A_short_beyond_its_range_in_three_varint_bytes_is_refused_not_truncated()
    {
        foreach (ModelSerializerOptions options in NoChecksum)
        {
            static ShortItems Items(short second) => new() { Items = [new() { Id = 1, Value = 5 }, new() { Id = 2, Value = second }, new() { Id = 3 }, new() { Id = 4 }] };
            byte[] max = ModelSerializer.Serialize(Items(short.MaxValue), options);
            int at = FirstDifference(max, ModelSerializer.Serialize(Items(short.MaxValue - 1), options));
            // 32767 zigzag is 65534: the varint FE FF 03.
            Assert.Equal(new byte[] { 0xFE, 0xFF, 0x03 }, max[at..(at + 3)]);
            Assert.Equal(short.MaxValue, ModelSerializer.Deserialize<ShortItems>(max, options).Items[1].Value);
            byte[] bad = (byte[])max.Clone();
            bad[at + 2] = 0x07; // 131070: 65535
            Bad.Binary<ShortItems>(bad, path: "items[1].value", reason: "value 65535 is out of range for Int16");
        }
    }

    // Format 2: the presence byte of a member that may be null is 0 or 1; 3 is refused, not read as present.
    [Fact]
    public void A_presence_byte_other_than_0_or_1_is_refused_in_a_list_of_models()
    {
        var options = new ModelSerializerOptions { WriteChecksum = false, FormatVersion = 2 };
        static MaybeItems Items(int second) => new() { Items = [new() { Id = 1, Maybe = 4 }, new() { Id = 2, Maybe = second }, new() { Id = 3 }, new() { Id = 4 }] };
        byte[] good = ModelSerializer.Serialize(Items(5), options);
        int value = FirstDifference(good, ModelSerializer.Serialize(Items(6), options));
        Assert.Equal(1, good[value - 1]); // the presence byte before the value
        Assert.Equal(5, ModelSerializer.Deserialize<MaybeItems>(good, options).Items[1].Maybe);
        byte[] bad = (byte[])good.Clone();
        bad[value - 1] = 3;
        Bad.Binary<MaybeItems>(bad, reason: "presence byte 3 is neither 0 nor 1");
    }

    // A boolean is the zigzag varint of 0 or 1, the bytes 0 and 2: byte 1 (zigzag -1) and 3 (zigzag -2) differ from
    // them in the one bit the fast read's mask must not ignore, and are refused ("neither 0 nor 1"), never read as false.
    [Fact]
    public void A_boolean_byte_other_than_0_or_2_is_refused_by_the_read_of_a_model()
    {
        foreach (ModelSerializerOptions options in NoChecksum)
        {
            byte[] on = ModelSerializer.Serialize(new BooleanFlags { Id = 7, On = true }, options);
            byte[] off = ModelSerializer.Serialize(new BooleanFlags { Id = 7, On = false }, options);
            int at = FirstDifference(on, off);
            Assert.Equal(2, on[at]);
            Assert.Equal(0, off[at]);
            Assert.True(ModelSerializer.Deserialize<BooleanFlags>(on, options).On);
            foreach (byte b in new byte[] { 1, 3 })
            {
                byte[] bad = (byte[])off.Clone();
                bad[at] = b;
                Bad.Binary<BooleanFlags>(bad, path: "on", reason: "neither 0 nor 1");
            }
        }
    }

    [Fact]
    public void A_boolean_byte_other_than_0_or_2_is_refused_in_a_list_of_models()
    {
        foreach (ModelSerializerOptions options in NoChecksum)
        {
            List<BooleanFlags> items() => [new() { Id = 1, On = true }, new() { Id = 2 }, new() { Id = 3, On = true }];
            byte[] good = ModelSerializer.Serialize(new BooleanFlagsList { Items = items() }, options);
            var changed = new BooleanFlagsList { Items = items() };
            changed.Items[1].On = true;
            int at = FirstDifference(good, ModelSerializer.Serialize(changed, options));
            Assert.Equal(0, good[at]);
            Assert.False(ModelSerializer.Deserialize<BooleanFlagsList>(good, options).Items[1].On);
            foreach (byte b in new byte[] { 1, 3 })
            {
                byte[] bad = (byte[])good.Clone();
                bad[at] = b;
                Bad.Binary<BooleanFlagsList>(bad, path: "items[1].on", reason: "neither 0 nor 1");
            }
        }
    }
}
