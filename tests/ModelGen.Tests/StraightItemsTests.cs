using System;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Writes <see cref="ItemNode"/>'s data with a 64-bit Feature (same key and wire type: a reader of ItemNode
/// finds its own layout, and reads Feature only when the value fits).</summary>
[SerializableModel(Name = "Tests.ItemNode")]
public partial class WideItemNode
{
    public long Feature { get; set; }
    public float Threshold { get; set; }
    public long Left { get; set; }
    public bool Leaf { get; set; }
    public Level Level { get; set; }
    public double Value { get; set; }
}

[SerializableModel(Name = "Tests.ItemBag")]
public partial class WideItemBag
{
    public WideItemNode?[] Nodes { get; set; } = [];
}

/// <summary>A model whose setter refuses negative values: its construction can fail in the middle of a sequence.</summary>
[SerializableModel(Name = "Tests.PickyItem")]
public partial class PickyItem
{
    [ModelIgnore] private int _count;

    public int Count
    {
        get => _count;
        set => _count = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "a count is never negative");
    }
}

[SerializableModel(Name = "Tests.PickyItem")]
public partial class LaxItem
{
    public int Count { get; set; }
}

[SerializableModel(Name = "Tests.PickyBag")]
public partial class PickyBag
{
    public PickyItem[] Items { get; set; } = [];
}

[SerializableModel(Name = "Tests.PickyBag")]
public partial class LaxBag
{
    public LaxItem[] Items { get; set; } = [];
}

/// <summary>Sequences of models of scalars in format 2 are read by their generated straight loop
/// (<see cref="IModelSerializable{TSelf}.ReadStraightItems"/>) when the writer's layout and version are the reader's;
/// every item that loop does not read (a null, extension fields, a value it would refuse, the last bytes of the data)
/// is read the checked way, which reads the same values and reports what is wrong with the same path and offset.</summary>
public class StraightItemsTests
{
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    private static ItemNode Node(int i) => new()
    {
        // Every length of varint, the ends of each range, floats that are not numbers, an enum value without a name.
        Feature = (i % 4) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => -i, _ => i << (i % 31) },
        Threshold = (i % 5) switch { 0 => float.NaN, 1 => -0f, 2 => float.NegativeInfinity, _ => i / 7f },
        Left = (i % 3) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => -(1L << (i % 63)) },
        Leaf = i % 2 == 1,
        Level = (i % 3) switch { 0 => Level.Low, 1 => Level.High, _ => (Level)(i % 256) },
        Value = (i % 4) switch { 0 => double.NaN, 1 => double.Epsilon, 2 => -i, _ => i * 1e300 },
    };

    private static ItemBag Bag(int count) => new()
    {
        Nodes = Enumerable.Range(0, count).Select(i => i % 50 == 7 ? null : Node(i)).ToArray(),
        Versioned = Enumerable.Range(0, 30).Select(i => new VersionedItem { A = (short)(i % 2 == 0 ? short.MinValue + i : short.MaxValue - i), B = (byte)(255 - i) }).ToList(),
        Points = Enumerable.Range(0, 30).Select(i => new ItemPoint { X = i - 0.5, Y = i % 2 == 0 ? int.MinValue : i }).ToArray(),
        Records = Enumerable.Range(0, 30).Select(i => new ItemRecord(int.MaxValue - i, i * -1.5f)).ToArray(),
    };

    [Fact]
    public void Straight_items_read_what_the_checked_read_reads()
    {
        // Format 1 reads every item the checked way; format 2 reads these (classes, a struct, a record built by its
        // constructor, a model of version 3) by their straight loops, around nulls.
        ItemBag bag = Bag(400);
        foreach (bool checksum in new[] { true, false })
        {
            ItemBag checkedRead = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(bag, new() { WriteChecksum = checksum }));
            ItemBag straight = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(bag, new() { FormatVersion = 2, WriteChecksum = checksum }));
            Deep.Equal(bag, checkedRead);
            Deep.Equal(checkedRead, straight);
            Assert.Null(straight.Nodes[7]);
            Assert.True(float.IsNaN(straight.Nodes[0]!.Threshold) && straight.Nodes[0]!.Left == long.MinValue);
        }
        // A stream is read from a copy of the whole input: the same values.
        var stream = new System.IO.MemoryStream(ModelSerializer.Serialize(bag, Format2));
        Deep.Equal(bag, ModelSerializer.Deserialize<ItemBag>(stream));
    }

    [Fact]
    public void Values_out_of_the_readers_range_are_read_the_checked_way_and_refused_with_their_path()
    {
        // A writer of 64-bit features has the reader's layout: the values that fit are read...
        var wide = new WideItemBag { Nodes = Enumerable.Range(0, 60).Select(i => new WideItemNode { Feature = i * 1000L - 7, Left = -i, Value = i }).ToArray() };
        ItemBag read = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(wide, Format2));
        Assert.Equal(wide.Nodes.Select(n => (int)n!.Feature), read.Nodes.Select(n => n!.Feature));
        Assert.Equal(wide.Nodes.Select(n => n!.Left), read.Nodes.Select(n => n!.Left));
        // ...and one that does not (item 41) is refused by the checked read, at its member.
        foreach (long feature in new[] { int.MaxValue + 1L, int.MinValue - 1L, long.MaxValue, long.MinValue })
        {
            wide.Nodes[41]!.Feature = feature;
            ModelFormatException e = Bad.Binary<ItemBag>(ModelSerializer.Serialize(wide, Format2), path: "nodes[41].feature", reason: "out of range for Int32");
            ModelFormatException f1 = Bad.Binary<ItemBag>(ModelSerializer.Serialize(wide), path: "nodes[41].feature", reason: "out of range for Int32");
            Assert.Equal(f1.Reason, e.Reason);
        }
    }

    [Fact]
    public void Truncated_items_are_refused_with_the_item_and_member_they_end_in()
    {
        // Nodes of 18 bytes each (docs/format.md §9: item tag, the members without tags, the extension count): a payload
        // cut inside node k fails at node k's member that the cut falls in (read the checked way: too few bytes are
        // left for the straight loop there). Every node before it was read by the loop.
        var bag = new ItemBag { Nodes = Enumerable.Range(0, 40).Select(_ => new ItemNode { Feature = 1, Left = -1, Leaf = true, Level = Level.Low }).ToArray() };
        byte[] data = ModelSerializer.Serialize(bag, new() { FormatVersion = 2, WriteChecksum = false });
        byte[] node = [0x0B, 0x02, 0, 0, 0, 0, 0x01, 0x02, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        int first = IndexOfFirst(data, node);
        string[] members = ["feature", "threshold", "threshold", "threshold", "threshold", "left", "leaf", "level", "value", "value", "value", "value", "value", "value", "value", "value"];
        // (A cut in the first nodes leaves fewer bytes than the sequence has items: that is found at its header.)
        Bad.Binary<ItemBag>(Payload.Seal2(data.AsSpan(0, first + 5).ToArray()), path: "nodes", reason: "cannot fit");
        foreach (int k in new[] { 3, 17, 39 })
        {
            for (int j = 1; j < 17; j++)
            {
                int cut = first + 18 * k + j;
                byte[] truncated = Payload.Seal2(data.AsSpan(0, cut).ToArray());
                Bad.Binary<ItemBag>(truncated, path: $"nodes[{k}].{members[j - 1]}", reason: "unexpected end of data");
            }
            // Cut before the extension count: the object's end is missing.
            Bad.Binary<ItemBag>(Payload.Seal2(data.AsSpan(0, first + 18 * k + 17).ToArray()), reason: "unexpected end of data");
        }
    }

    [Fact]
    public void Corrupt_items_are_refused_by_the_checked_read_at_their_member()
    {
        var bag = new ItemBag { Nodes = Enumerable.Range(0, 30).Select(_ => new ItemNode { Feature = 1, Left = -1, Leaf = true, Level = Level.Low }).ToArray() };
        byte[] data = ModelSerializer.Serialize(bag, Format2);
        byte[] node = [0x0B, 0x02, 0, 0, 0, 0, 0x01, 0x02, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        int first = IndexOfFirst(data, node);

        // A boolean 2 in node 9.
        byte[] corrupt = (byte[])data.Clone();
        corrupt[first + 18 * 9 + 7] = 0x04;
        ModelFormatException e = Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[9].leaf", reason: "boolean value 2 is neither 0 nor 1");
        Assert.Equal(first + 18 * 9 + 8, e.Offset);

        // An enum value past the byte range of Level (300, a 2-byte varint in place of the level and the value's first byte).
        corrupt = (byte[])data.Clone();
        corrupt[first + 18 * 4 + 8] = 0xD8;
        corrupt[first + 18 * 4 + 9] = 0x04;
        Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[4].level", reason: "out of range for enum Level");

        // Another item tag (a packed array where node 20 is) is not an object.
        corrupt = (byte[])data.Clone();
        corrupt[first + 18 * 20] = 0x0C;
        Assert.Contains("nodes[20]", Bad.Throws(() => ModelSerializer.Deserialize<ItemBag>(Payload.Reseal(corrupt))).Message);

        // A varint whose tenth byte overflows 64 bits (node 2's Left, read with its 9 following bytes): the checked read refuses it.
        var wide = new ItemBag { Nodes = Enumerable.Range(0, 5).Select(_ => new ItemNode { Left = long.MinValue }).ToArray() };
        data = ModelSerializer.Serialize(wide, Format2);
        int left = IndexOfFirst(data, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        corrupt = (byte[])data.Clone();
        corrupt[left + 9] = 0x03;
        Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[0].left", reason: "overflows 64 bits");
    }

    [Fact]
    public void A_constructor_that_throws_is_reported_at_its_item()
    {
        var lax = new LaxBag { Items = Enumerable.Range(0, 40).Select(i => new LaxItem { Count = i == 23 ? -1 : i }).ToArray() };
        foreach (ModelSerializerOptions options in new[] { Format2, ModelSerializerOptions.Default })
        {
            byte[] data = ModelSerializer.Serialize(lax, options);
            ModelFormatException e = Bad.Binary<PickyBag>(data, path: "items[23]", reason: "creating PickyItem from the input failed");
            Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
        }
        lax.Items[23].Count = 23;
        Assert.Equal(Enumerable.Range(0, 40), ModelSerializer.Deserialize<PickyBag>(ModelSerializer.Serialize(lax, Format2)).Items.Select(i => i.Count));
    }

    [Fact]
    public void Items_with_extension_fields_are_read_the_checked_way_and_keep_them()
    {
        // Version 1 keeps what version 2 added and writes it back as extension fields of its items: read again by
        // version 1 (its own layout, so the straight loop), each such item is read the checked way, and kept again.
        var newer = new ItemBagV2 { Nodes = Enumerable.Range(0, 30).Select(i => i == 4 ? null : new ItemNodeV2 { Feature = i, Left = -i, Added = 500 + i }).ToArray() };
        ItemBag older = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(newer, Format2));
        ItemBag again = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(older, Format2));
        Assert.Equal(newer.Nodes.Select(n => n?.Feature), again.Nodes.Select(n => n?.Feature));
        ItemBagV2 back = ModelSerializer.Deserialize<ItemBagV2>(ModelSerializer.Serialize(again, Format2));
        Assert.Equal(newer.Nodes.Select(n => n?.Added), back.Nodes.Select(n => n?.Added));
        // Items of version 1 among them (no extension fields) are read straight: the same values.
        again.Nodes[10] = new ItemNode { Feature = 77 };
        Assert.Equal(77, ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(again, Format2)).Nodes[10]!.Feature);
    }

    [Fact]
    public void The_depth_limit_holds_for_items_read_straight()
    {
        // The smallest limit that format 1 (every item read the checked way) reads the bag with is the one of format 2.
        ItemBag bag = Bag(20);
        byte[] f1 = ModelSerializer.Serialize(bag);
        byte[] f2 = ModelSerializer.Serialize(bag, Format2);
        int least = Enumerable.Range(1, 10).First(depth =>
        {
            try
            {
                ModelSerializer.Deserialize<ItemBag>(f1, new ModelSerializerOptions { MaxDepth = depth });
                return true;
            }
            catch (ModelFormatException)
            {
                return false;
            }
        });
        Deep.Equal(bag, ModelSerializer.Deserialize<ItemBag>(f2, new ModelSerializerOptions { MaxDepth = least }));
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<ItemBag>(f2, new ModelSerializerOptions { MaxDepth = least - 1 }));
        Assert.Contains($"deeper than the limit of {least - 1}", e.Message);
        Assert.StartsWith("nodes[0]", e.Path);
    }

    private static int IndexOfFirst(byte[] data, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= data.Length; i++)
            if (data.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new Xunit.Sdk.XunitException("the bytes were not found");
    }
}
