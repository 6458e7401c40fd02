using System;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Every kind of member a read of the reader's own layout takes from the unread bytes at once (the generated
/// __ModelGen_ReadOwn): integers of each width, nullable scalars, a nullable string, arrays of packed elements, an
/// init-only required member, at version 2 (format 1 writes a version field first).</summary>
[SerializableModel(Name = "Tests.OwnRead", Version = 2)]
public partial class OwnRead
{
    public byte Small { get; set; }
    public sbyte Signed { get; set; }
    public short Short { get; set; }
    public ushort Unsigned16 { get; set; }
    public uint Unsigned { get; set; }
    public ulong Large { get; set; }
    public int? Maybe { get; set; }
    public Level? Level { get; set; }
    public string? Note { get; set; }
    public bool[] Flags { get; set; } = [];
    public double[] Values { get; set; } = [];
    public required string Title { get; init; }
}

/// <summary>The same model at version 1: its data has no version field (format 1) and another version in its table
/// entry (format 2), so a reader of version 2 does not take it as its own layout.</summary>
[SerializableModel(Name = "Tests.OwnRead", Version = 1)]
public partial class OwnReadVersion1
{
    public byte Small { get; set; }
    public sbyte Signed { get; set; }
    public short Short { get; set; }
    public ushort Unsigned16 { get; set; }
    public uint Unsigned { get; set; }
    public ulong Large { get; set; }
    public int? Maybe { get; set; }
    public Level? Level { get; set; }
    public string? Note { get; set; }
    public bool[] Flags { get; set; } = [];
    public double[] Values { get; set; } = [];
    public required string Title { get; init; }
}

/// <summary>A layout that differs from <see cref="OwnRead"/> in one member: 'short' is a string here (same key, another
/// wire type), so neither format's data of it is the reader's own layout from that member on.</summary>
[SerializableModel(Name = "Tests.OwnRead", Version = 2)]
public partial class OwnReadOneMemberOther
{
    public byte Small { get; set; }
    public sbyte Signed { get; set; }
    [ModelMember(Name = "short")] public string ShortText { get; set; } = "";
    public ushort Unsigned16 { get; set; }
    public uint Unsigned { get; set; }
    public ulong Large { get; set; }
    public int? Maybe { get; set; }
    public Level? Level { get; set; }
    public string? Note { get; set; }
    public bool[] Flags { get; set; } = [];
    public double[] Values { get; set; } = [];
    public required string Title { get; init; }
}

/// <summary>An int, a long and a string, each read at once in the reader's own layout (ScalarRead.Integer's
/// three-byte path without a range check, ScalarRead.String's widening in overlapping blocks).</summary>
[SerializableModel(Name = "Tests.OwnReadText")]
public partial class OwnReadText
{
    public int Count { get; set; }
    public long Total { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>Data in the reader's own layout is read at once; anything else (another version, one member of another
/// type, nulls, strings and arrays the at-once read leaves to the checked read, an element limit) by the checked read:
/// the same values, the same errors with the member's path.</summary>
public class OwnReadTests
{
    private static readonly ModelSerializerOptions[] Formats =
    [
        ModelSerializerOptions.Default, new() { WriteChecksum = false },
        new() { FormatVersion = 2 }, new() { FormatVersion = 2, WriteChecksum = false },
    ];

    private static OwnRead Value(int i) => new()
    {
        Small = (byte)(i * 37), Signed = (sbyte)(i % 2 == 0 ? -i : sbyte.MaxValue - i), Short = (short)(i % 3 == 0 ? short.MinValue : i * 999),
        Unsigned16 = (ushort)(ushort.MaxValue - i), Unsigned = i % 4 == 0 ? uint.MaxValue : (uint)i << (i % 32), Large = i % 5 == 0 ? ulong.MaxValue : (ulong)i << (i % 64),
        Maybe = i % 3 == 1 ? null : -i * 1000, Level = (i % 4) switch { 0 => null, 1 => Tests.Level.Low, 2 => Tests.Level.High, _ => (Level)(i % 256) },
        // Null, ASCII, not ASCII, and longer than a one-byte length.
        Note = (i % 4) switch { 0 => null, 1 => "note-" + i, 2 => "größe-λ", _ => new string('n', 120 + i) },
        Flags = Enumerable.Range(0, i % 9 == 0 ? 130 : i % 6).Select(j => (i + j) % 3 == 0).ToArray(),
        Values = Enumerable.Range(0, i % 8 == 0 ? 128 : i % 5).Select(j => j * 0.5 - i).ToArray(),
        Title = i % 6 == 0 ? "" : "title " + i,
    };

    private static void Same(OwnRead expected, OwnRead actual)
    {
        Assert.Equal(expected.Small, actual.Small);
        Assert.Equal(expected.Signed, actual.Signed);
        Assert.Equal(expected.Short, actual.Short);
        Assert.Equal(expected.Unsigned16, actual.Unsigned16);
        Assert.Equal(expected.Unsigned, actual.Unsigned);
        Assert.Equal(expected.Large, actual.Large);
        Assert.Equal(expected.Maybe, actual.Maybe);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Note, actual.Note);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Title, actual.Title);
    }

    private static OwnReadVersion1 Version1(OwnRead v) => new()
    {
        Small = v.Small, Signed = v.Signed, Short = v.Short, Unsigned16 = v.Unsigned16, Unsigned = v.Unsigned, Large = v.Large,
        Maybe = v.Maybe, Level = v.Level, Note = v.Note, Flags = v.Flags, Values = v.Values, Title = v.Title,
    };

    [Fact]
    public void The_own_layout_and_another_version_read_the_same_values_in_both_formats()
    {
        foreach (ModelSerializerOptions options in Formats)
        {
            for (int i = 0; i < 72; i++)
            {
                OwnRead value = Value(i);
                Same(value, ModelSerializer.Deserialize<OwnRead>(ModelSerializer.Serialize(value, options)));
                Same(value, ModelSerializer.Deserialize<OwnRead>(ModelSerializer.Serialize(Version1(value), options)));
            }
        }
    }

    [Fact]
    public void A_layout_that_differs_in_one_member_is_read_by_the_checked_read_and_keeps_that_member()
    {
        foreach (ModelSerializerOptions options in Formats)
        {
            OwnRead expected = Value(5);
            var other = new OwnReadOneMemberOther
            {
                Small = expected.Small, Signed = expected.Signed, ShortText = "not a number", Unsigned16 = expected.Unsigned16,
                Unsigned = expected.Unsigned, Large = expected.Large, Maybe = expected.Maybe, Level = expected.Level, Note = expected.Note,
                Flags = expected.Flags, Values = expected.Values, Title = expected.Title,
            };
            // 'short' comes as a string: an error of that member (the at-once read must not have taken its bytes as a
            // number, nor read the members after it from the wrong place).
            ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<OwnRead>(ModelSerializer.Serialize(other, options)));
            Assert.Equal("short", e.Path);
            // And the other way: the reader of the other layout reads OwnRead's data by the checked read, the number
            // refused as its string.
            ModelFormatException back = Bad.Throws(() => ModelSerializer.Deserialize<OwnReadOneMemberOther>(ModelSerializer.Serialize(expected, options)));
            Assert.Equal("short", back.Path);
            // The same layout but for the member's value: read at once, every member in its place.
            other.ShortText = "";
            OwnReadOneMemberOther read = ModelSerializer.Deserialize<OwnReadOneMemberOther>(ModelSerializer.Serialize(other, options));
            Assert.Equal(expected.Unsigned16, read.Unsigned16);
            Assert.Equal(expected.Title, read.Title);
            Assert.Equal(expected.Values, read.Values);
        }
    }

    [Fact]
    public void The_element_limit_is_charged_and_reported_with_the_member()
    {
        foreach (ModelSerializerOptions format in Formats)
        {
            OwnRead value = Value(1); // 1 flag and 1 value: read at once
            byte[] data = ModelSerializer.Serialize(value, format);
            var limited = new ModelSerializerOptions { MaxElementCount = 1 };
            ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<OwnRead>(data, limited));
            Assert.Contains("MaxElementCount", e.Message);
            Assert.Equal("values", e.Path);
            Same(value, ModelSerializer.Deserialize<OwnRead>(data, new ModelSerializerOptions { MaxElementCount = 2 }));
        }
    }

    [Fact]
    public void Every_cut_and_every_flipped_bit_of_an_own_layout_payload_is_refused_or_read_as_the_checked_read_reads_it()
    {
        foreach (int format in new[] { 1, 2 })
        {
            OwnRead value = Value(7);
            byte[] data = ModelSerializer.Serialize(value, new ModelSerializerOptions { FormatVersion = format, WriteChecksum = false });
            byte[] payload = Payload.PayloadOf(data);
            int header = data.Length - 16 - payload.Length;
            for (int cut = 0; cut < payload.Length; cut++)
            {
                // The header, the payload's first 'cut' bytes, and a trailer that says so (no checksum).
                byte[] trailer = new byte[16];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)cut);
                Bad.Binary<OwnRead>([.. data.AsSpan(0, header), .. payload.AsSpan(0, cut), .. trailer]);
            }
            // A flipped bit in the payload: refused with ModelFormatException, or read (a value the data still holds
            // validly); never another exception.
            for (int bit = 0; bit < payload.Length * 8; bit++)
            {
                byte[] flipped = (byte[])data.Clone();
                flipped[header + bit / 8] ^= (byte)(1 << (bit % 8));
                try
                {
                    ModelSerializer.Deserialize<OwnRead>(flipped);
                }
                catch (ModelFormatException)
                {
                }
            }
            Same(value, ModelSerializer.Deserialize<OwnRead>(data));
        }
    }

    [Fact]
    public void Strings_of_every_short_length_read_back_and_a_byte_that_is_not_ascii_anywhere_in_them_is_not_widened()
    {
        foreach (ModelSerializerOptions options in Formats)
            for (int length = 0; length <= 130; length++)
            {
                // Every ASCII value, 0 and 0x7f included, at shifting places.
                string text = new(Enumerable.Range(0, length).Select(i => (char)((i * 37 + length) % 128)).ToArray());
                var value = new OwnReadText { Count = length, Total = -length, Text = text };
                Assert.Equal(text, ModelSerializer.Deserialize<OwnReadText>(ModelSerializer.Serialize(value, options), options).Text);
                // One character that is not ASCII (two UTF-8 bytes, of which the widening must see the first): read
                // by the checked read as that text.
                for (int at = 0; at < length; at += length < 40 ? 1 : 7)
                {
                    string other = text.Substring(0, at) + "é" + text.Substring(at + 1);
                    value.Text = other;
                    Assert.Equal(other, ModelSerializer.Deserialize<OwnReadText>(ModelSerializer.Serialize(value, options), options).Text);
                }
            }
    }

    [Fact]
    public void A_byte_of_a_short_string_that_is_not_utf8_is_refused_wherever_it_is()
    {
        var options = new ModelSerializerOptions { WriteChecksum = false };
        for (int length = 1; length <= 127; length += length < 40 ? 1 : 9)
        {
            var value = new OwnReadText { Count = 1, Total = 2, Text = new string('a', length) };
            byte[] data = ModelSerializer.Serialize(value, options);
            int start = data.AsSpan().LastIndexOf(System.Text.Encoding.ASCII.GetBytes(value.Text));
            for (int at = 0; at < length; at++)
            {
                byte[] bad = (byte[])data.Clone();
                bad[start + at] = 0xFF; // never in UTF-8
                var error = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<OwnReadText>(bad, options));
                Assert.Contains("text", error.Message, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(-64L)]
    [InlineData(64L)]
    [InlineData(8191L)]
    [InlineData(-8192L)]
    [InlineData(8192L)]
    [InlineData(1048575L)]
    [InlineData(-1048576L)]
    [InlineData(1048576L)]
    [InlineData(-1048577L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Integers_at_each_varint_length_boundary_read_back(long number)
    {
        int count = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        foreach (ModelSerializerOptions options in Formats)
        {
            var value = new OwnReadText { Count = count, Total = number, Text = "x" };
            OwnReadText read = ModelSerializer.Deserialize<OwnReadText>(ModelSerializer.Serialize(value, options), options);
            Assert.Equal(count, read.Count);
            Assert.Equal(number, read.Total);
        }
    }

    [Fact]
    public void A_header_that_differs_from_the_own_header_in_any_byte_of_the_name_is_not_taken_for_it()
    {
        // Headers of 29 and 33 bytes: the two compares of 16-byte and 32-byte blocks that overlap.
        var options = new ModelSerializerOptions { WriteChecksum = false };
        NameChanged(ModelSerializer.Serialize(new OwnReadText { Text = "t" }, options), "Tests.OwnReadText", data => ModelSerializer.Deserialize<OwnReadText>(data, options));
        NameChanged(ModelSerializer.Serialize(Value(1), options), "Tests.OwnRead", data => ModelSerializer.Deserialize<OwnRead>(data, options));
    }

    private static void NameChanged(byte[] data, string name, Action<byte[]> read)
    {
        read(data);
        int start = 7; // magic, version, flags, the name's one-byte length
        Assert.Equal(name, System.Text.Encoding.ASCII.GetString(data, start, name.Length));
        for (int at = start; at < start + name.Length; at++)
        {
            byte[] changed = (byte[])data.Clone();
            changed[at] ^= 0x20;
            var error = Assert.Throws<ModelFormatException>(() => read(changed));
            Assert.Contains($"not '{name}'", error.Message);
        }
    }
}
