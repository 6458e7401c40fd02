using System;
using System.Collections.Generic;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A model of scalars with booleans: its generated reader reads it (and a list of it) with the fast scalar
/// reads (ScalarRead.Boolean), which fall back to the checked read on anything but the bytes 0 and 2.</summary>
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

/// <summary>A boolean is stored as the zigzag varint of 0 or 1, the bytes 0 and 2 (docs/format.md): any other byte is
/// corruption, which the checked read refuses ("neither 0 nor 1"). The fast read of generated code must refuse it too
/// (by falling back), never read it as false: byte 1 (zigzag -1) and byte 3 (zigzag -2) differ from 0 and 2 in the
/// one bit the fast read's mask must not ignore, and a file without a checksum has nothing else to catch them.</summary>
public class BooleanByteTests
{
    private static readonly ModelSerializerOptions[] NoChecksum =
    [
        new() { WriteChecksum = false },
        new() { WriteChecksum = false, FormatVersion = 2 },
    ];

    // The offset of the one byte in which two files differ.
    private static int Differing(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int at = -1;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i]) continue;
            Assert.Equal(-1, at);
            at = i;
        }
        Assert.True(at >= 0);
        return at;
    }

    [Fact]
    public void A_boolean_byte_other_than_0_or_2_is_refused_by_the_read_of_a_model()
    {
        foreach (ModelSerializerOptions options in NoChecksum)
        {
            byte[] on = ModelSerializer.Serialize(new BooleanFlags { Id = 7, On = true }, options);
            byte[] off = ModelSerializer.Serialize(new BooleanFlags { Id = 7, On = false }, options);
            int at = Differing(on, off);
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
            int at = Differing(good, ModelSerializer.Serialize(changed, options));
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
