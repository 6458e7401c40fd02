using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.HalfNaN")]
public partial class HalfNaNHolder
{
    public Half Value { get; set; }
    public Half? Maybe { get; set; }
    public HalfNaNInner Inner { get; set; } = new();
    public HalfNaNStruct Point { get; set; }
    public List<HalfNaNStruct> Points { get; set; } = [];
    public Dictionary<string, Half> ByName { get; set; } = new();
    public Half?[] MaybeMany { get; set; } = [];
}

[SerializableModel(Name = "Tests.HalfNaNInner")]
public partial class HalfNaNInner
{
    public Half Value { get; set; }
    public Half? Maybe { get; set; }
}

[SerializableModel(Name = "Tests.HalfNaNStruct")]
public partial struct HalfNaNStruct
{
    public Half X;
    public Half Y;

    private KeptMembers _kept;
}

// One member, a Half or the float it is stored as: the two payloads are alike byte for byte when the floats are.
[SerializableModel(Name = "Tests.HalfNaNScalar")]
public partial class HalfScalar
{
    public Half Value { get; set; }
}

[SerializableModel(Name = "Tests.HalfNaNScalar")]
public partial class HalfScalarAsFloat
{
    public float Value { get; set; }
}

// Half[] widened to float[] (packed element code 13 read into a float array).
[SerializableModel(Name = "Tests.HalfNaNArray")]
public partial class HalfArray
{
    public Half[] Values { get; set; } = [];
    public List<Half> List { get; set; } = new();
}

[SerializableModel(Name = "Tests.HalfNaNArray")]
public partial class HalfArrayAsFloat
{
    public float[] Values { get; set; } = [];
    public List<float> List { get; set; } = new();
}

/// <summary>A Half scalar is stored as the float it widens to (docs/format.md §4); a NaN keeps its sign, payload and
/// quiet bit, so that binary keeps a signaling Half NaN as packed Half arrays and JSON do.</summary>
public class HalfNaNBinaryTests
{
    // Signaling (0x7D00, 0xFD01, 0x7C01, 0xFC01, 0x7DFF), quiet with payloads, .NET's own (0xFE00), all ones.
    private static readonly ushort[] NaNs = [0x7D00, 0xFD01, 0x7C01, 0xFC01, 0x7DFF, 0x7E00, 0xFE00, 0x7E01, 0xFF55, 0x7FFF, 0xFFFF];

    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    private static Half H(ushort bits) => BitConverter.UInt16BitsToHalf(bits);
    private static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    private static ushort Bits(Half h) => BitConverter.HalfToUInt16Bits(h);
    private static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    /// <summary>The float a Half NaN is stored as, from docs/format.md alone: its sign, all exponent bits, its payload
    /// shifted left by 13 (the quiet bit as it is); any other Half as the hardware widens it.</summary>
    public static uint Widened(ushort half) => (half & 0x7C00) == 0x7C00 && (half & 0x03FF) != 0
        ? (uint)(half & 0x8000) << 16 | 0x7F80_0000 | (uint)(half & 0x03FF) << 13
        : Bits((float)H(half));

    /// <summary>The Half a Half member reads from a float, from docs/format.md alone: a NaN whose low 13 payload bits
    /// are zero is the Half it widens from (sign, payload shifted right by 13, quiet bit as it is); any other float
    /// converts as the hardware converts it.</summary>
    public static ushort Narrowed(uint single) => (single & 0x7F80_0000) == 0x7F80_0000 && (single & 0x007F_FFFF) != 0 && (single & 0x1FFF) == 0
        ? (ushort)(single >> 16 & 0x8000 | 0x7C00 | single >> 13 & 0x03FF)
        : Bits((Half)F(single));

    private static void Same(ushort expected, Half actual, string what) =>
        Assert.True(expected == Bits(actual), $"{what}: expected {expected:x4}, read {Bits(actual):x4}");

    private static HalfNaNHolder Holder(ushort bits)
    {
        Half h = H(bits);
        return new HalfNaNHolder
        {
            Value = h,
            Maybe = h,
            Inner = new HalfNaNInner { Value = h, Maybe = h },
            Point = new HalfNaNStruct { X = h, Y = (Half)1.5f },
            Points = [new HalfNaNStruct { X = (Half)(-2f), Y = h }, new HalfNaNStruct { X = h, Y = h }],
            ByName = { ["a"] = h },
            MaybeMany = [null, h],
        };
    }

    private static void AllSame(ushort bits, HalfNaNHolder back, string form)
    {
        Same(bits, back.Value, form + ": value");
        Same(bits, back.Maybe!.Value, form + ": maybe");
        Same(bits, back.Inner.Value, form + ": inner.value");
        Same(bits, back.Inner.Maybe!.Value, form + ": inner.maybe");
        Same(bits, back.Point.X, form + ": point.x");
        Same(bits, back.Points[0].Y, form + ": points[0].y");
        Same(bits, back.Points[1].X, form + ": points[1].x");
        Same(bits, back.ByName["a"], form + ": byName[a]");
        Same(bits, back.MaybeMany[1]!.Value, form + ": maybeMany[1]");
    }

    [Fact]
    public void Half_NaNs_signaling_ones_included_read_back_bit_for_bit_from_both_binary_formats()
    {
        foreach (ushort bits in NaNs)
        {
            HalfNaNHolder value = Holder(bits);
            byte[] format1 = ModelSerializer.Serialize(value);
            byte[] format2 = ModelSerializer.Serialize(value, Format2);
            AllSame(bits, ModelSerializer.Deserialize<HalfNaNHolder>(format1), $"format 1, {bits:x4}");
            AllSame(bits, ModelSerializer.Deserialize<HalfNaNHolder>(format2), $"format 2, {bits:x4}");
            AllSame(bits, ModelSerializer.Deserialize<HalfNaNHolder>(new System.IO.MemoryStream(format2)), $"format 2 from a stream, {bits:x4}");
            // Written again, the same bytes; and the other forms agree.
            Assert.Equal(format1, ModelSerializer.Serialize(ModelSerializer.Deserialize<HalfNaNHolder>(format1)));
            Assert.Equal(format2, ModelSerializer.Serialize(ModelSerializer.Deserialize<HalfNaNHolder>(format2), Format2));
            AllSame(bits, ModelJson.Deserialize<HalfNaNHolder>(ModelJson.Serialize(value)), $"JSON, {bits:x4}");
            AllSame(bits, ModelDictionary.FromDictionary<HalfNaNHolder>(ModelDictionary.ToDictionary(value)), $"dictionary, {bits:x4}");
        }
    }

    [Fact]
    public void Every_Half_is_written_as_the_float_it_widens_to_and_only_signaling_NaNs_differ_from_the_hardware()
    {
        for (int i = 0; i <= ushort.MaxValue; i++)
        {
            ushort bits = (ushort)i;
            Half h = H(bits);
            uint expected = Widened(bits);
            bool signaling = Half.IsNaN(h) && (bits & 0x0200) == 0;
            // Quiet NaNs, numbers and infinities: the bytes of every build before this one (the hardware's widening).
            if (!signaling) Assert.Equal(Bits((float)h), expected);
            else Assert.NotEqual(Bits((float)h), expected);
            foreach (ModelSerializerOptions? options in new[] { null, Format2 })
            {
                byte[] payload = Payload.PayloadOf(ModelSerializer.Serialize(new HalfScalar { Value = h }, options));
                Assert.Equal(Payload.PayloadOf(ModelSerializer.Serialize(new HalfScalarAsFloat { Value = F(expected) }, options)), payload);
            }
        }
        // What a build before this one reads from a signaling NaN's bytes: the quiet NaN it read before.
        Assert.Equal((ushort)0x7F00, Bits((Half)F(Widened(0x7D00))));
        Assert.Equal((ushort)0x7F00, Bits((Half)F(Bits((float)H(0x7D00)))));
    }

    [Theory]
    [InlineData(0x7FA0_0000u, (ushort)0x7D00)]      // a signaling Half's float: exactly that Half
    [InlineData(0xFFA0_2000u, (ushort)0xFD01)]
    [InlineData(0x7F80_2000u, (ushort)0x7C01)]
    [InlineData(0xFFC0_0000u, (ushort)0xFE00)]
    [InlineData(0x7FFF_E000u, (ushort)0x7FFF)]
    [InlineData(0x7F80_0001u, (ushort)0x7E00)]      // payload only in the low 13 bits: still a NaN, made quiet
    [InlineData(0xFF80_1FFFu, (ushort)0xFE00)]
    [InlineData(0x7FC0_0001u, (ushort)0x7E00)]
    [InlineData(0xFFA0_0001u, (ushort)0xFF00)]      // low bits too: the hardware's conversion (quiet, high payload)
    [InlineData(0x7F80_2001u, (ushort)0x7E01)]
    public void A_Half_member_reads_a_float_NaN_alike_from_binary_json_and_dictionaries(uint floatBits, ushort expected)
    {
        float f = F(floatBits);
        if ((floatBits & 0x1FFF) != 0) Assert.Equal(Bits((Half)f), expected); // as every build converts it
        var stored = new HalfScalarAsFloat { Value = f };
        Same(expected, ModelSerializer.Deserialize<HalfScalar>(ModelSerializer.Serialize(stored)).Value, "format 1");
        Same(expected, ModelSerializer.Deserialize<HalfScalar>(ModelSerializer.Serialize(stored, Format2)).Value, "format 2");
        Same(expected, ModelJson.Deserialize<HalfScalar>(ModelJson.Serialize(stored)).Value, "JSON");
        Same(expected, ModelDictionary.FromDictionary<HalfScalar>(ModelDictionary.ToDictionary(stored)).Value, "dictionary");
        using JsonDocument doc = JsonDocument.Parse($"\"NaN:{floatBits:x8}\"");
        Same(expected, ModelDictionary.FromDictionary<HalfScalar>(new Dictionary<string, object?> { ["value"] = doc.RootElement.Clone() }).Value, "dictionary, JSON string");
    }

    [Fact]
    public void A_float_member_reads_a_Half_NaN_as_binary_stores_it_from_every_form()
    {
        foreach (ushort bits in NaNs)
        {
            var value = new HalfScalar { Value = H(bits) };
            uint expected = Widened(bits);
            Assert.Equal(expected, Bits(ModelSerializer.Deserialize<HalfScalarAsFloat>(ModelSerializer.Serialize(value)).Value));
            Assert.Equal(expected, Bits(ModelSerializer.Deserialize<HalfScalarAsFloat>(ModelSerializer.Serialize(value, Format2)).Value));
            Assert.Equal(expected, Bits(ModelJson.Deserialize<HalfScalarAsFloat>(ModelJson.Serialize(value)).Value));
            Assert.Equal(expected, Bits(ModelDictionary.FromDictionary<HalfScalarAsFloat>(ModelDictionary.ToDictionary(value)).Value));
        }
    }

    [Fact]
    public void A_float_array_reads_a_Half_arrays_NaNs_as_a_float_member_reads_a_Half_NaN()
    {
        var value = new HalfArray { Values = NaNs.Select(H).ToArray(), List = NaNs.Select(H).ToList() };
        foreach ((string form, HalfArrayAsFloat read) in new[]
        {
            ("format 1", ModelSerializer.Deserialize<HalfArrayAsFloat>(ModelSerializer.Serialize(value))),
            ("format 2", ModelSerializer.Deserialize<HalfArrayAsFloat>(ModelSerializer.Serialize(value, Format2))),
            ("JSON", ModelJson.Deserialize<HalfArrayAsFloat>(ModelJson.Serialize(value))),
            ("dictionary", ModelDictionary.FromDictionary<HalfArrayAsFloat>(ModelDictionary.ToDictionary(value))),
        })
        {
            for (int i = 0; i < NaNs.Length; i++)
            {
                Assert.True(Widened(NaNs[i]) == Bits(read.Values[i]), $"{form}: values[{i}] of {NaNs[i]:x4} read {Bits(read.Values[i]):x8}");
                Assert.True(Widened(NaNs[i]) == Bits(read.List[i]), $"{form}: list[{i}] of {NaNs[i]:x4} read {Bits(read.List[i]):x8}");
            }
        }
    }

    [Fact]
    public void Packed_Half_arrays_are_unchanged()
    {
        // Element code 13 is binary16: every bit was kept before, and is.
        var value = new Collections { Halves = NaNs.Select(H).ToArray() };
        Collections back = ModelSerializer.Deserialize<Collections>(ModelSerializer.Serialize(value));
        for (int i = 0; i < NaNs.Length; i++) Same(NaNs[i], back.Halves[i], $"halves[{i}]");
    }
}
