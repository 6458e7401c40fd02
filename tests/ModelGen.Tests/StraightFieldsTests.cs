using System;
using System.Linq;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A small model of every kind of member a straight read takes: runs of scalars (read after one check of their
/// largest size), a string, a nullable member, a packed array.</summary>
[SerializableModel(Name = "Tests.Straight")]
public partial class StraightFields
{
    public float Rate { get; set; }
    public int Epochs { get; set; }
    public long Seed { get; set; }
    public string Name { get; set; } = "";
    public Level Level { get; set; }
    public bool Flag { get; set; }
    public double? Clip { get; set; }
    public int[] Sizes { get; set; } = [];
}

/// <summary>The same members in the opposite order: the same keys and types, so a reader of
/// <see cref="StraightFields"/> reads its data, but not in its own order.</summary>
[SerializableModel(Name = "Tests.Straight")]
public partial class StraightFieldsReversed
{
    public int[] Sizes { get; set; } = [];
    public double? Clip { get; set; }
    public bool Flag { get; set; }
    public Level Level { get; set; }
    public string Name { get; set; } = "";
    public long Seed { get; set; }
    public int Epochs { get; set; }
    public float Rate { get; set; }
}

/// <summary>A newer writer: 64-bit epochs (same key and wire type) and a member the reader does not know.</summary>
[SerializableModel(Name = "Tests.Straight")]
public partial class StraightFieldsWide
{
    public float Rate { get; set; }
    public long Epochs { get; set; }
    public long Seed { get; set; }
    public string Name { get; set; } = "";
    public Level Level { get; set; }
    public bool Flag { get; set; }
    public double? Clip { get; set; }
    public int[] Sizes { get; set; } = [];
    public string Extra { get; set; } = "";
}

/// <summary>The fields of one object are read straight in both formats while the data has the reader's own layout
/// (format 2: the writer's table entry; format 1: each member's tag in the reader's order, then the end marker), and by
/// the checked loop from the first field that does not follow it. Both read the same values and report the same
/// errors, with the member's path.</summary>
public class StraightFieldsTests
{
    private static readonly ModelSerializerOptions[] Formats =
    [
        ModelSerializerOptions.Default, new() { WriteChecksum = false },
        new() { FormatVersion = 2 }, new() { FormatVersion = 2, WriteChecksum = false },
    ];

    private static StraightFields Value(int i) => new()
    {
        Rate = i % 3 == 0 ? float.NaN : i / 7f,
        Epochs = (i % 4) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => -i, _ => i << (i % 31) },
        Seed = (i % 3) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => -(1L << (i % 63)) },
        // ASCII and not, empty, and longer than a one-byte length.
        Name = (i % 4) switch { 0 => "", 1 => "mlp-baseline", 2 => "größe-λ", _ => new string('x', 100 + i) },
        Level = (i % 3) switch { 0 => Level.Low, 1 => Level.High, _ => (Level)(i % 256) },
        Flag = i % 2 == 1,
        Clip = i % 5 == 0 ? null : i * 0.5,
        Sizes = Enumerable.Range(0, i % 7 == 0 ? 200 : i % 5).Select(j => j * (i - 20)).ToArray(),
    };

    private static void Same(StraightFields expected, StraightFields actual)
    {
        Assert.Equal(expected.Rate, actual.Rate);
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Flag, actual.Flag);
        Assert.Equal(expected.Clip, actual.Clip);
        Assert.Equal(expected.Sizes, actual.Sizes);
    }

    private static StraightFieldsReversed Reversed(StraightFields v) => new()
    {
        Rate = v.Rate, Epochs = v.Epochs, Seed = v.Seed, Name = v.Name, Level = v.Level, Flag = v.Flag, Clip = v.Clip, Sizes = v.Sizes,
    };

    private static StraightFieldsWide Wide(StraightFields v, long epochs) => new()
    {
        Rate = v.Rate, Epochs = epochs, Seed = v.Seed, Name = v.Name, Level = v.Level, Flag = v.Flag, Clip = v.Clip, Sizes = v.Sizes, Extra = "kept",
    };

    [Fact]
    public void Own_layout_another_order_and_nulls_read_the_same_values()
    {
        foreach (ModelSerializerOptions options in Formats)
        {
            for (int i = 0; i < 60; i++)
            {
                StraightFields value = Value(i);
                Same(value, ModelSerializer.Deserialize<StraightFields>(ModelSerializer.Serialize(value, options)));
                // Another order of the same members: format 1 stops at the first tag, format 2 at the table entry.
                Same(value, ModelSerializer.Deserialize<StraightFields>(ModelSerializer.Serialize(Reversed(value), options)));
                Assert.Empty(ModelSerializer.GetUnknownMembers(ModelSerializer.Deserialize<StraightFields>(ModelSerializer.Serialize(value, options))));
            }
        }
    }

    [Fact]
    public void A_newer_writers_member_is_kept_after_the_members_read_straight()
    {
        foreach (ModelSerializerOptions options in Formats)
        {
            StraightFields value = Value(11);
            StraightFields read = ModelSerializer.Deserialize<StraightFields>(ModelSerializer.Serialize(Wide(value, value.Epochs), options));
            Same(value, read);
            Assert.Single(ModelSerializer.GetUnknownMembers(read));
            // Written back, the kept member comes back to the newer model.
            StraightFieldsWide back = ModelSerializer.Deserialize<StraightFieldsWide>(ModelSerializer.Serialize(read, options));
            Assert.Equal("kept", back.Extra);
        }
    }

    [Fact]
    public void A_value_out_of_the_readers_range_is_refused_with_its_member_in_both_formats()
    {
        StraightFields value = Value(13);
        foreach (ModelSerializerOptions options in Formats)
        {
            // In range: read (straight) as the reader's own.
            Same(value, ModelSerializer.Deserialize<StraightFields>(ModelSerializer.Serialize(Wide(value, value.Epochs), options)));
            foreach (long epochs in new[] { int.MaxValue + 1L, int.MinValue - 1L, long.MaxValue, long.MinValue })
                Bad.Binary<StraightFields>(ModelSerializer.Serialize(Wide(value, epochs), options), path: "epochs", reason: $"value {epochs} is out of range for Int32");
        }
    }

    [Fact]
    public void Corrupt_scalars_in_a_run_are_refused_by_the_checked_read_with_their_member()
    {
        // Two values that differ only in the flag's byte (and the level's): the byte where the files differ.
        StraightFields Make(bool flag, Level level) => new() { Rate = 1, Epochs = 3, Name = "n", Level = level, Flag = flag, Clip = 2, Sizes = [1] };
        foreach (int format in new[] { 1, 2 })
        {
            var options = new ModelSerializerOptions { FormatVersion = format };
            byte[] data = ModelSerializer.Serialize(Make(false, Level.Low), options);
            int flag = Differ(data, ModelSerializer.Serialize(Make(true, Level.Low), options));
            int level = Differ(data, ModelSerializer.Serialize(Make(false, (Level)5), options));

            byte[] corrupt = (byte[])data.Clone();
            corrupt[flag] = 0x04;
            ModelFormatException e = Bad.Binary<StraightFields>(Payload.Reseal(corrupt), path: "flag", reason: "boolean value 2 is neither 0 nor 1");
            Assert.True(flag + 1 == e.Offset, $"format {format}: flag at {flag}, error at {e.Offset}");

            // 300: a 2-byte varint over the level and the flag after it.
            corrupt = (byte[])data.Clone();
            corrupt[level] = 0xD8;
            corrupt[level + 1] = 0x04;
            Bad.Binary<StraightFields>(Payload.Reseal(corrupt), path: "level", reason: "value 300 is out of range for enum Level");
        }
    }

    [Fact]
    public void Every_cut_of_a_format_1_object_is_refused()
    {
        // The last fields of the payload are compared near its end, where fewer than 8 bytes are left.
        foreach (bool checksum in new[] { true, false })
        {
            byte[] payload = Payload.PayloadOf(ModelSerializer.Serialize(Value(3), new() { WriteChecksum = checksum }));
            for (int cut = 0; cut < payload.Length; cut++)
                Bad.Binary<StraightFields>(Payload.Wrap<StraightFields>(payload.AsSpan(0, cut).ToArray(), checksum));
            Same(Value(3), ModelSerializer.Deserialize<StraightFields>(Payload.Wrap<StraightFields>(payload, checksum)));
        }
    }

    [Fact]
    public void Format_1_fields_written_by_hand_read_straight_or_by_the_loop_alike()
    {
        // A tag written longer than it needs (a valid varint with a continuation byte of zero) is not the tag's own
        // encoding: the loop reads that field and those after it, the same values.
        static int K(string name) => Payload.Key<StraightFields>(name);
        static byte[] LongTag(int key, WireType wireType)
        {
            byte[] tag = new Payload().Tag(key, wireType).ToArray();
            tag[^1] |= 0x80;
            return [.. tag, 0x00];
        }
        Payload Fields(bool longTag) => (longTag ? new Payload().Raw(LongTag(K("rate"), WireType.Fixed32)) : new Payload().Tag(K("rate"), WireType.Fixed32))
            .Fixed32(BitConverter.SingleToUInt32Bits(2.5f))
            .Tag(K("epochs"), WireType.VarInt).VarInt(-7).Tag(K("seed"), WireType.VarInt).VarInt(1L << 40)
            .Tag(K("name"), WireType.Bytes).String("abc").Tag(K("level"), WireType.VarInt).VarInt(200)
            .Tag(K("flag"), WireType.VarInt).VarInt(1).Tag(K("clip"), WireType.Fixed64).Fixed64(BitConverter.DoubleToUInt64Bits(0.25))
            .Tag(K("sizes"), WireType.Packed).Raw((byte)PackedElement.Int32, 1, 2, 5, 0, 0, 0, 6, 0, 0, 0).End();
        var expected = new StraightFields { Rate = 2.5f, Epochs = -7, Seed = 1L << 40, Name = "abc", Level = Level.High, Flag = true, Clip = 0.25, Sizes = [5, 6] };
        Same(expected, ModelSerializer.Deserialize<StraightFields>(Payload.Wrap<StraightFields>(Fields(longTag: false).ToArray())));
        Same(expected, ModelSerializer.Deserialize<StraightFields>(Payload.Wrap<StraightFields>(Fields(longTag: true).ToArray())));
    }

    private static int Differ(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int at = a.AsSpan().CommonPrefixLength(b);
        Assert.True(a.AsSpan(at + 1, a.Length - at - 16 - 1).SequenceEqual(b.AsSpan(at + 1, b.Length - at - 16 - 1)), "one byte differs");
        return at;
    }
}
