using System;
using System.Buffers;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A model of scalars only: its sequences are written by its generated straight-line loop (WriteItems).</summary>
[SerializableModel(Name = "Tests.ItemNode")]
public partial class ItemNode
{
    public int Feature { get; set; }
    public float Threshold { get; set; }
    public long Left { get; set; }
    public bool Leaf { get; set; }
    public Level Level { get; set; }
    public double Value { get; set; }
}

/// <summary>A type derived from a model, not a model itself: written as its base, through the general path.</summary>
public sealed class DerivedItemNode : ItemNode
{
    public string Extra { get; set; } = "";
}

/// <summary>Version 2 of <see cref="ItemNode"/>: one member more, which version 1 keeps and writes back.</summary>
[SerializableModel(Name = "Tests.ItemNode", Version = 2)]
public partial class ItemNodeV2
{
    public int Feature { get; set; }
    public float Threshold { get; set; }
    public long Left { get; set; }
    public bool Leaf { get; set; }
    public Level Level { get; set; }
    public double Value { get; set; }
    public int Added { get; set; }
}

/// <summary>A scalar model at version 3: format 1 writes its version in every item.</summary>
[SerializableModel(Version = 3)]
public partial class VersionedItem
{
    public short A { get; set; }
    public byte B { get; set; }
}

[SerializableModel]
public partial struct ItemPoint
{
    public double X { get; set; }
    public int Y { get; set; }

    private KeptMembers _kept;
}

[SerializableModel]
public partial record ItemRecord(int A, float B);

[SerializableModel(Name = "Tests.ItemBag")]
public partial class ItemBag
{
    public ItemNode?[] Nodes { get; set; } = [];
    public System.Collections.Generic.List<VersionedItem> Versioned { get; set; } = new();
    public ItemPoint[] Points { get; set; } = [];
    public ItemRecord[] Records { get; set; } = [];
}

[SerializableModel(Name = "Tests.ItemBag", Version = 2)]
public partial class ItemBagV2
{
    public ItemNodeV2?[] Nodes { get; set; } = [];
}

/// <summary>Sequences of models are written in one loop per sequence (ModelCodec.WriteItems), straight-line for
/// models of scalars; what that loop does not write straight (nulls, derived types, kept members of a newer version)
/// goes through the general path. The bytes are those of the general path in both formats.</summary>
public class ModelItemsTests
{
    private static readonly ModelSerializerOptions[] Options =
    [
        ModelSerializerOptions.Default,
        new() { FormatVersion = 2 },
        new() { WriteChecksum = false, VerifyChecksum = false },
        new() { FormatVersion = 2, WriteChecksum = false, VerifyChecksum = false },
    ];

    private static ItemNode Node(int i, bool derived = false)
    {
        ItemNode node = derived ? new DerivedItemNode { Extra = "x" + i } : new ItemNode();
        node.Feature = i * 37 - 500;
        node.Threshold = i / 3f;
        node.Left = i % 5 == 0 ? long.MinValue : (long)i << (i % 60);
        node.Leaf = i % 2 == 0;
        node.Level = i % 3 == 0 ? Level.High : Level.Low;
        node.Value = i * 0.25;
        return node;
    }

    private static ItemBag Bag(bool derived) => new()
    {
        Nodes = Enumerable.Range(0, 300).Select(i => i % 17 == 3 ? null : Node(i, derived)).ToArray(),
        Versioned = Enumerable.Range(0, 40).Select(i => new VersionedItem { A = (short)(i * 1000 - 20000), B = (byte)(i * 7) }).ToList(),
        Points = Enumerable.Range(0, 20).Select(i => new ItemPoint { X = i * 1.5, Y = -i }).ToArray(),
        Records = Enumerable.Range(0, 20).Select(i => new ItemRecord(i, -i)).ToArray(),
    };

    [Fact]
    public void StraightItemsHaveTheBytesOfTheGeneralPath()
    {
        // The same values, once as ItemNode (the straight loop) and once as a derived type (the general path, item by item).
        ItemBag straight = Bag(derived: false);
        ItemBag general = Bag(derived: true);
        foreach (ModelSerializerOptions options in Options)
        {
            byte[] expected = ModelSerializer.Serialize(general, options);
            byte[] actual = ModelSerializer.Serialize(straight, options);
            Assert.Equal(expected, actual);
            Deep.Equal(straight, ModelSerializer.Deserialize<ItemBag>(actual, options));
            // Into a reused buffer (the strict write tried first), a stream, and small spans (the check, then the plain write).
            var buffer = new ArrayBufferWriter<byte>();
            ModelSerializer.Serialize(buffer, straight, options);
            Assert.Equal(expected, buffer.WrittenSpan.ToArray());
            var stream = new System.IO.MemoryStream();
            ModelSerializer.Serialize(stream, straight, options);
            Assert.Equal(expected, stream.ToArray());
            var small = new SmallSpans();
            ModelSerializer.Serialize(small, straight, options);
            Assert.Equal(expected, small.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void VarintsAtTheirLengthBoundariesHaveTheBytesOfTheGeneralPath()
    {
        // Integers whose zigzag varint takes one, two or three bytes, on both sides of each boundary (zigzag 0x7F and
        // 0x80, 0x3FFF and 0x4000): the loop stores them with the constants beside them (ScalarRun.VarInt64), in format 2
        // too, the general path by its codec.
        int[] values = [.. Enumerable.Range(-70, 141), .. Enumerable.Range(-8200, 20), .. Enumerable.Range(8180, 20)];
        ItemBag Bag(bool derived) => new()
        {
            Nodes = values.Select(v =>
            {
                ItemNode node = Node(v, derived);
                node.Feature = v;
                node.Left = -v;
                return (ItemNode?)node;
            }).ToArray(),
        };
        foreach (ModelSerializerOptions options in Options)
        {
            byte[] expected = ModelSerializer.Serialize(Bag(derived: true), options);
            Assert.Equal(expected, ModelSerializer.Serialize(Bag(derived: false), options));
            Assert.Equal(values, ModelSerializer.Deserialize<ItemBag>(expected, options).Nodes.Select(n => n!.Feature));
        }
    }

    [Fact]
    public void ItemsAcrossSpansAndChunks()
    {
        // Runs of items end where a span ends: 64 KiB chunks of a stream, and spans of a few items each.
        var straight = new ItemBag { Nodes = Enumerable.Range(0, 5000).Select(i => i % 1000 == 999 ? null : Node(i)).ToArray() };
        var general = new ItemBag { Nodes = Enumerable.Range(0, 5000).Select(i => i % 1000 == 999 ? null : Node(i, derived: true)).ToArray() };
        foreach (ModelSerializerOptions options in Options)
        {
            byte[] expected = ModelSerializer.Serialize(general, options);
            var stream = new System.IO.MemoryStream();
            ModelSerializer.Serialize(stream, straight, options);
            Assert.Equal(expected, stream.ToArray());
            var small = new SmallSpans();
            ModelSerializer.Serialize(small, straight, options);
            Assert.Equal(expected, small.WrittenSpan.ToArray());
            Deep.Equal(straight, ModelSerializer.Deserialize<ItemBag>(expected, options));
        }
    }

    [Fact]
    public void AnOutputThatGivesLessThanAskedIsRefused()
    {
        // Runs of items are sized by the span the output gives: one shorter than asked (against IBufferWriter's
        // contract) is an error, not a loop that never ends nor a store past the span.
        var bag = new ItemBag { Nodes = [Node(1), Node(2)] };
        foreach (ModelSerializerOptions options in Options)
        {
            var e = Assert.Throws<InvalidOperationException>(() => ModelSerializer.Serialize(new ShortSpans(), bag, options));
            Assert.Contains("fewer than", e.Message, StringComparison.Ordinal);
        }
    }

    // Spans of 3 bytes whatever is asked for.
    private sealed class ShortSpans : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = new byte[3];
        public void Advance(int count) { }
        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer;
        public Span<byte> GetSpan(int sizeHint = 0) => _buffer;
    }


    [Fact]
    public void ItemsOfEachFormatAreAsDocumented()
    {
        // One node and a null, by hand: format 1 tags every member and ends each object; format 2 has positional
        // members and an extension count. Both give each item its item tag (0x0B) and a null its marker (0x0F).
        var bag = new ItemBag { Nodes = [new ItemNode { Feature = 1, Threshold = 0, Left = -1, Leaf = true, Level = Level.Low, Value = 0 }, null] };
        byte[] f2 = Payload(ModelSerializer.Serialize(bag, new() { FormatVersion = 2, WriteChecksum = false }));
        byte[] node2 = [0x0B, 0x02, 0, 0, 0, 0, 0x01, 0x02, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        Assert.True(Contains(f2, [0x01, 0x02, .. node2, 0x0F]), Convert.ToHexString(f2));
        byte[] f1 = Payload(ModelSerializer.Serialize(bag, new() { WriteChecksum = false }));
        Assert.True(Contains(f1, [0x0B]) && f1.Contains((byte)0x07), Convert.ToHexString(f1));
        Deep.Equal(bag, ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(bag)));
    }

    [Fact]
    public void KeptMembersOfItemsAreWrittenBack()
    {
        var newer = new ItemBagV2
        {
            Nodes = Enumerable.Range(0, 50).Select(i => i == 7 ? null : new ItemNodeV2 { Feature = i, Threshold = i, Left = -i, Added = 1000 + i }).ToArray(),
        };
        foreach (ModelSerializerOptions options in Options)
        {
            ItemBag old = ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(newer, options), options);
            Assert.NotEmpty(ModelSerializer.GetUnknownMembers(old.Nodes[0]!));
            // Half the items lose what they kept: the loop mixes straight items with items written back in full.
            for (int i = 0; i < old.Nodes.Length; i += 2)
                if (old.Nodes[i] is { } node) old.Nodes[i] = new ItemNode { Feature = node.Feature, Threshold = node.Threshold, Left = node.Left };
            ItemBagV2 back = ModelSerializer.Deserialize<ItemBagV2>(ModelSerializer.Serialize(old, options), options);
            for (int i = 0; i < newer.Nodes.Length; i++)
            {
                if (newer.Nodes[i] is not { } expected)
                {
                    Assert.Null(back.Nodes[i]);
                    continue;
                }
                Assert.Equal(expected.Feature, back.Nodes[i]!.Feature);
                Assert.Equal(i % 2 == 0 ? 0 : expected.Added, back.Nodes[i]!.Added);
            }
        }
    }

    [Fact]
    public void DepthIsCountedForItemsAsForOneByOne()
    {
        // A sequence's items are a level below it: at MaxDepth 1 (the sequence) the items are one too many, but only
        // when there is an item; a sequence of nulls writes.
        foreach (ModelSerializerOptions options in Options)
        {
            var limited = new ModelSerializerOptions { FormatVersion = options.FormatVersion, WriteChecksum = options.WriteChecksum, MaxDepth = 1 };
            var nulls = new ItemBag { Nodes = [null, null] };
            Deep.Equal(nulls, ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(nulls, limited)));
            var one = new ItemBag { Nodes = [null, Node(1)] };
            var buffer = new ArrayBufferWriter<byte>();
            var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(buffer, one, limited));
            Assert.Contains("deeper than the limit of 1", e.Message, StringComparison.Ordinal);
            Assert.Equal("nodes[1]", e.Path);
            Assert.Equal(0, buffer.WrittenCount);
            var two = new ModelSerializerOptions { FormatVersion = options.FormatVersion, MaxDepth = 2 };
            Deep.Equal(one, ModelSerializer.Deserialize<ItemBag>(ModelSerializer.Serialize(one, two), two));
        }
    }

    // The payload of a file: after the header, before the 16-byte trailer.
    private static byte[] Payload(byte[] file)
    {
        ModelGen.Internal.Envelope envelope = ModelSerializer.ReadEnvelope(file, verifyChecksum: false);
        return file.AsSpan(file.Length - 16 - (int)envelope.PayloadLength, (int)envelope.PayloadLength).ToArray();
    }

    private static bool Contains(byte[] data, byte[] part) => data.AsSpan().IndexOf(part) >= 0;
}
