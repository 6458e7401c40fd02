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

/// <summary>Sequences of models of scalars are read by their generated straight loop
/// (<see cref="IModelSerializable{TSelf}.ReadStraightItems"/>): in format 1 while each item has the reader's tags in
/// the writer's order, in format 2 when the writer's layout and version are the reader's. Every item that loop does not
/// read (a null, other fields, extension fields, a value it would refuse, the last bytes of the data) is read the
/// checked way, which reads the same values and reports what is wrong with its path and offset.</summary>
public class StraightItemsTests
{
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    private static readonly ModelSerializerOptions[] Formats = [ModelSerializerOptions.Default, Format2];

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
        // Classes, a struct, a record built by its constructor, a model of version 3 (format 1: a version field in each
        // item), around nulls; the dictionary form reads every item the checked way.
        ItemBag bag = Bag(400);
        Deep.Equal(bag, ModelDictionary.FromDictionary<ItemBag>(ModelDictionary.ToDictionary(bag)));
        foreach (int format in new[] { 1, 2 })
        {
            foreach (bool checksum in new[] { true, false })
            {
                ItemBag read = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(bag, new() { FormatVersion = format, WriteChecksum = checksum }));
                Deep.Equal(bag, read);
                Assert.Null(read.Nodes[7]);
                Assert.True(float.IsNaN(read.Nodes[0]!.Threshold) && read.Nodes[0]!.Left == long.MinValue);
            }
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
            foreach (ModelSerializerOptions options in Formats)
                Bad.Binary<ItemBag>(ModelSerializer.Serialize(wide, options), path: "nodes[41].feature", reason: $"value {feature} is out of range for Int32");
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
    public void Every_cut_of_format_1_items_is_refused_at_the_item_it_falls_in()
    {
        // Format 1 nodes of one length: each member after its tag, then the end marker. A payload cut anywhere in node k
        // (in a tag, a value or before the end marker) fails at node k.
        static int K(string name) => Payload.Key<ItemNode>(name);
        byte[] node = new Payload().Raw(0x0B).Tag(K("feature"), Internal.WireType.VarInt).VarInt(1).Tag(K("threshold"), Internal.WireType.Fixed32).Fixed32(0)
            .Tag(K("left"), Internal.WireType.VarInt).VarInt(-1).Tag(K("leaf"), Internal.WireType.VarInt).VarInt(1).Tag(K("level"), Internal.WireType.VarInt).VarInt(1)
            .Tag(K("value"), Internal.WireType.Fixed64).Fixed64(0).Raw(0x07).ToArray();
        var bag = new ItemBag { Nodes = Enumerable.Range(0, 40).Select(_ => new ItemNode { Feature = 1, Left = -1, Leaf = true, Level = Level.Low }).ToArray() };
        byte[] payload = Payload.PayloadOf(ModelSerializer.Serialize(bag));
        int first = IndexOfFirst(payload, node);
        Assert.True(payload.AsSpan(first + 39 * node.Length, node.Length).SequenceEqual(node));
        for (int cut = first + 20 * node.Length; cut < first + 40 * node.Length; cut++)
        {
            ModelFormatException e = Bad.Binary<ItemBag>(Payload.Wrap<ItemBag>(payload.AsSpan(0, cut).ToArray()));
            Assert.StartsWith($"nodes[{(cut - first) / node.Length}]", e.Path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Corrupt_members_are_refused_by_the_checked_read_at_their_item(int format)
    {
        // The byte of node 9's leaf (and of node 4's level) is where two files that differ only there differ.
        ItemBag Bag(int leaf, int high) => new() { Nodes = Enumerable.Range(0, 30).Select(i => new ItemNode { Leaf = i == leaf, Level = i == high ? (Level)2 : Level.Low }).ToArray() };
        var options = new ModelSerializerOptions { FormatVersion = format };
        byte[] data = ModelSerializer.Serialize(Bag(-1, -1), options);
        int leaf = Differ(data, ModelSerializer.Serialize(Bag(9, -1), options));
        int level = Differ(data, ModelSerializer.Serialize(Bag(-1, 4), options));

        byte[] corrupt = (byte[])data.Clone();
        corrupt[leaf] = 0x04;
        ModelFormatException e = Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[9].leaf", reason: "boolean value 2 is neither 0 nor 1");
        Assert.Equal(leaf + 1, e.Offset);

        // An enum value past Level's byte range: 300 (a 2-byte varint over the level and the next byte).
        corrupt = (byte[])data.Clone();
        corrupt[level] = 0xD8;
        corrupt[level + 1] = 0x04;
        Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[4].level", reason: "value 300 is out of range for enum Level");
    }

    private static int Differ(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int at = a.AsSpan().CommonPrefixLength(b);
        Assert.True(a.AsSpan(at + 1, a.Length - at - 16 - 1).SequenceEqual(b.AsSpan(at + 1, b.Length - at - 16 - 1)), "one byte differs");
        return at;
    }

    [Fact]
    public void Corrupt_items_are_refused_by_the_checked_read()
    {
        var bag = new ItemBag { Nodes = Enumerable.Range(0, 30).Select(_ => new ItemNode { Feature = 1, Left = -1, Leaf = true, Level = Level.Low }).ToArray() };
        byte[] data = ModelSerializer.Serialize(bag, Format2);
        byte[] node = [0x0B, 0x02, 0, 0, 0, 0, 0x01, 0x02, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        int first = IndexOfFirst(data, node);

        // Another item tag (a packed array where node 20 is) is not an object.
        byte[] corrupt = (byte[])data.Clone();
        corrupt[first + 18 * 20] = 0x0C;
        Assert.Contains("nodes[20]", Bad.Throws(() => ModelSerializer.Deserialize<ItemBag>(Payload.Reseal(corrupt))).Message);

        // A varint whose tenth byte overflows 64 bits (node 0's Left): the checked read refuses it, in both formats.
        var wide = new ItemBag { Nodes = Enumerable.Range(0, 5).Select(_ => new ItemNode { Left = long.MinValue }).ToArray() };
        foreach (ModelSerializerOptions options in Formats)
        {
            data = ModelSerializer.Serialize(wide, options);
            int left = IndexOfFirst(data, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
            corrupt = (byte[])data.Clone();
            corrupt[left + 9] = 0x03;
            Bad.Binary<ItemBag>(Payload.Reseal(corrupt), path: "nodes[0].left", reason: "overflows 64 bits");
        }
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
        foreach (ModelSerializerOptions options in Formats)
        {
            var newer = new ItemBagV2 { Nodes = Enumerable.Range(0, 30).Select(i => i == 4 ? null : new ItemNodeV2 { Feature = i, Left = -i, Added = 500 + i }).ToArray() };
            ItemBag older = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(newer, options));
            ItemBag again = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(older, options));
            Assert.Equal(newer.Nodes.Select(n => n?.Feature), again.Nodes.Select(n => n?.Feature));
            ItemBagV2 back = ModelSerializer.Deserialize<ItemBagV2>(ModelSerializer.Serialize(again, options));
            Assert.Equal(newer.Nodes.Select(n => n?.Added), back.Nodes.Select(n => n?.Added));
            // Items of version 1 among them (nothing kept) are read straight: the same values.
            again.Nodes[10] = new ItemNode { Feature = 77 };
            ItemBag mixed = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(again, options));
            Assert.Equal(77, mixed.Nodes[10]!.Feature);
            Assert.Equal(again.Nodes.Select(n => n?.Left), mixed.Nodes.Select(n => n?.Left));
        }
    }

    [Fact]
    public void The_depth_limit_holds_for_items_read_straight()
    {
        // The root is not a level, its sequences are level 1, their items level 2 (as ModelCodec.Read counts them one by one).
        ItemBag bag = Bag(20);
        byte[] f1 = ModelSerializer.Serialize(bag);
        byte[] f2 = ModelSerializer.Serialize(bag, Format2);
        const int least = 2;
        foreach (byte[] data in new[] { f1, f2 })
        {
            Deep.Equal(bag, ModelSerializer.Deserialize<ItemBag>(data, new ModelSerializerOptions { MaxDepth = least }));
            ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<ItemBag>(data, new ModelSerializerOptions { MaxDepth = least - 1 }));
            Assert.Contains($"deeper than the limit of {least - 1}", e.Message);
            Assert.StartsWith("nodes[0]", e.Path);
        }
    }

    private static int IndexOfFirst(byte[] data, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= data.Length; i++)
            if (data.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new Xunit.Sdk.XunitException("the bytes were not found");
    }
}
