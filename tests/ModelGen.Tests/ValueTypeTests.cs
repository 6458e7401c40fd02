using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.Forecast")]
public partial class Forecast
{
    public DateOnly Start { get; set; }
    public TimeOnly At { get; set; }
    public Int128 Id { get; set; }
    public UInt128 Hash { get; set; }
    public BigInteger Count { get; set; }
    public Complex Gain { get; set; }
    public Uri? Source { get; set; }
    public Version? ModelVersion { get; set; }
    public DateOnly? End { get; set; }
    public TimeOnly? Cutoff { get; set; }
    public UInt128? MaybeHash { get; set; }
    public Complex? MaybeGain { get; set; }
    public DateOnly[] Holidays { get; set; } = [];
    public List<TimeOnly> Slots { get; set; } = new();
    public Int128[] Ids { get; set; } = [];
    public List<BigInteger> Factorials { get; set; } = new();
    public Complex[] Spectrum { get; set; } = [];
    public Complex[,] Kernel { get; set; } = new Complex[0, 0];
    public List<Uri?> Links { get; set; } = new();
    public Version[] History { get; set; } = [];
    public DateOnly?[] MaybeDays { get; set; } = [];
    public Dictionary<DateOnly, double> Demand { get; set; } = new();
    public Dictionary<TimeOnly, string> Shifts { get; set; } = new();
    public Dictionary<Int128, BigInteger> ByInt128 { get; set; } = new();
    public Dictionary<UInt128, Complex> ByHash { get; set; } = new();
    public Dictionary<BigInteger, Uri> ByBig { get; set; } = new();
    public Dictionary<Version, DateOnly> Releases { get; set; } = new();
    public Dictionary<string, Version?> Versions { get; set; } = new();
    public List<Forecast> Children { get; set; } = new();
}

[SerializableModel(Name = "Tests.Widening")]
public partial class WideningBefore
{
    public long Count { get; set; }
    public ulong Hash { get; set; }
    public int Small { get; set; }
    public double Gain { get; set; }
}

[SerializableModel(Name = "Tests.Widening")]
public partial class WideningAfter
{
    public Int128 Count { get; set; }
    public UInt128 Hash { get; set; }
    public BigInteger Small { get; set; }
    public Complex Gain { get; set; }
}

[SerializableModel(Name = "Tests.Widening")]
public partial class WideningFixed
{
    public Int128 Count { get; set; }
    public UInt128 Hash { get; set; }
    public int Small { get; set; }
    public Complex Gain { get; set; }
}

// int → double, short → float: widenings the lock analyzer allows (docs/versioning.md's table), found by the evolution
// fuzzer (seed 20261204, pair 3, widen int→double: "expected an integer (VarInt) but found Fixed64" on v2→v1 binary).
[SerializableModel(Name = "Tests.IntToDouble")]
public partial class IntToDoubleBefore
{
    public int Count { get; set; }
    public short Small { get; set; }
    public byte Tiny { get; set; }
}

[SerializableModel(Name = "Tests.IntToDouble", Version = 2)]
public partial class IntToDoubleAfter
{
    public double Count { get; set; }
    public float Small { get; set; }
    public double Tiny { get; set; }
}

// int → decimal and long → decimal: widenings the lock analyzer allows. An older build read the decimal's 16 bytes as
// an Int128: a negative or scaled value was out of range in binary, while JSON and dictionaries read it (the evolution
// fuzzer's int→decimal and "round back" operations, 2026-12-06).
[SerializableModel(Name = "Tests.ToDecimal")]
public partial class ToDecimalBefore
{
    public int Count { get; set; }
    public long Total { get; set; }
    public Int128 Id { get; set; }
}

[SerializableModel(Name = "Tests.ToDecimal", Version = 2)]
public partial class ToDecimalAfter
{
    public decimal Count { get; set; }
    public decimal Total { get; set; }
    public Int128 Id { get; set; }
}

// long → Int128 and long → decimal inside maps, whose wire type (a sequence) stays: format 2 reads such a member
// straight, and still tells the two apart by the table.
[SerializableModel(Name = "Tests.WideMap")]
public partial class WideMapBefore
{
    public Dictionary<string, long> Totals { get; set; } = new();
    public Dictionary<string, long> Amounts { get; set; } = new();
}

[SerializableModel(Name = "Tests.WideMap", Version = 2)]
public partial class WideMapAfter
{
    public Dictionary<string, Int128> Totals { get; set; } = new();
    public Dictionary<string, decimal> Amounts { get; set; } = new();
}

// Type changes that are no widening (MG2002 with a lock file): 16 Bytes of another type. Format 1 has no type to tell
// them by (a decimal's bytes read into a double as a Complex are a subnormal number); format 2's table refuses them.
// (An older build of each member alone: the others it keeps as unknown members.)
[SerializableModel(Name = "Tests.Retyped")]
public partial class RetypedPrice
{
    public double Price { get; set; }
}

[SerializableModel(Name = "Tests.Retyped")]
public partial class RetypedId
{
    public long Id { get; set; }
}

[SerializableModel(Name = "Tests.Retyped")]
public partial class RetypedCode
{
    public long Code { get; set; }
}

[SerializableModel(Name = "Tests.Retyped")]
public partial class RetypedRates
{
    public List<double> Rates { get; set; } = new();
}

[SerializableModel(Name = "Tests.Retyped", Version = 2)]
public partial class RetypedAfter
{
    public decimal Price { get; set; }
    public Guid Id { get; set; }
    public Complex Code { get; set; }
    public List<Int128> Rates { get; set; } = new();
}

[SerializableModel(Name = "Tests.Ledger")]
public partial class Ledger
{
    public List<decimal> Amounts { get; set; } = new();
}

// long → Int128 map keys, each key after an object value (which holds decimals of its own).
[SerializableModel(Name = "Tests.WideKeys")]
public partial class WideKeysBefore
{
    public Dictionary<long, Ledger> Books { get; set; } = new();
}

[SerializableModel(Name = "Tests.WideKeys", Version = 2)]
public partial class WideKeysAfter
{
    public Dictionary<Int128, Ledger> Books { get; set; } = new();
}

// List<int> → List<double>, int[] → double[]: element widenings the lock analyzer allows; an older build refused
// every packed float element into an integer array (the evolution fuzzer's list-element widening, 2026-12-06).
[SerializableModel(Name = "Tests.ListWidening")]
public partial class ListWideningBefore
{
    public List<int> Counts { get; set; } = new();
    public long[] Ids { get; set; } = [];
}

[SerializableModel(Name = "Tests.ListWidening", Version = 2)]
public partial class ListWideningAfter
{
    public List<double> Counts { get; set; } = new();
    public double[] Ids { get; set; } = [];
}

// float → double, Half → double, Half → float, float[] → double[] read back by the older build: rounded to nearest
// alike from every form. JSON read a number as a float first, which differed from binary where the double lies on a
// tie between two floats (or, into a Half, rounds otherwise through the float).
[SerializableModel(Name = "Tests.Narrowing")]
public partial class NarrowBefore
{
    public float Rate { get; set; }
    public Half Small { get; set; }
    public Half Tiny { get; set; }
    public float[] Rates { get; set; } = [];
}

[SerializableModel(Name = "Tests.Narrowing", Version = 2)]
public partial class NarrowAfter
{
    public double Rate { get; set; }
    public double Small { get; set; }
    public float Tiny { get; set; }
    public double[] Rates { get; set; } = [];
}

/// <summary>DateOnly, TimeOnly, Int128, UInt128, BigInteger, Complex, Uri and Version (docs/format.md §4) in all three
/// forms, at the ends of their ranges, in collections, as dictionary keys and values and in nested models.</summary>
public class ValueTypeTests
{
    private static readonly BigInteger Huge = BigInteger.Pow(7, 20_000) * -1; // about 17 000 digits

    public static Forecast Extremes() => new()
    {
        Start = DateOnly.MaxValue,
        At = TimeOnly.MaxValue,
        Id = Int128.MinValue,
        Hash = UInt128.MaxValue,
        Count = Huge,
        Gain = new Complex(double.NaN, -0.0),
        Source = new Uri("https://user@example.com:8080/p/a%20t/h?q=1&r=%C3%A9#frag"),
        ModelVersion = new Version(1, 2),
        End = DateOnly.MinValue,
        Cutoff = TimeOnly.MinValue,
        MaybeHash = UInt128.MinValue,
        MaybeGain = new Complex(-0.0, double.NegativeInfinity),
        Holidays = [DateOnly.MinValue, new DateOnly(2024, 2, 29), DateOnly.MaxValue],
        Slots = [TimeOnly.MinValue, new TimeOnly(12, 0).Add(TimeSpan.FromTicks(1)), TimeOnly.MaxValue],
        Ids = [Int128.MinValue, Int128.MaxValue, 0, -1, long.MinValue],
        Factorials = [BigInteger.Zero, BigInteger.One, BigInteger.MinusOne, Huge, -Huge, new BigInteger(ulong.MaxValue), 255, 256, -256, -257],
        Spectrum = [Complex.Zero, new Complex(double.MaxValue, double.Epsilon), new Complex(double.PositiveInfinity, double.NaN)],
        Kernel = new Complex[,] { { Complex.One, Complex.ImaginaryOne }, { new Complex(0.1, 0.2), new Complex(-0.0, -0.0) } },
        Links = [new Uri("relative/x.bin", UriKind.Relative), null, new Uri("/abs/path", UriKind.Relative), new Uri("urn:isbn:0451450523"), new Uri("file:///C:/models/m.mgen")],
        History = [new Version(0, 1), new Version(1, 2, 3), new Version(int.MaxValue, 0, 0, int.MaxValue)],
        MaybeDays = [null, new DateOnly(2026, 12, 5)],
        Demand = { [new DateOnly(2026, 12, 24)] = 1.5, [DateOnly.MinValue] = -0.0, [DateOnly.MaxValue] = double.NaN },
        Shifts = { [TimeOnly.MinValue] = "night", [new TimeOnly(8, 30, 15, 250)] = "day", [TimeOnly.MaxValue] = "end" },
        ByInt128 = { [Int128.MinValue] = Huge, [Int128.MaxValue] = 0 },
        ByHash = { [UInt128.MaxValue] = new Complex(1, -1), [0] = Complex.Zero },
        ByBig = { [Huge] = new Uri("../up", UriKind.Relative), [BigInteger.MinusOne] = new Uri("http://example.com/") },
        Releases = { [new Version(1, 0)] = new DateOnly(2020, 1, 1), [new Version(1, 0, 0)] = new DateOnly(2021, 1, 1), [new Version(1, 0, 0, 0)] = new DateOnly(2022, 1, 1) },
        Versions = { ["none"] = null, ["four"] = new Version(4, 3, 2, 1) },
        Children = [new Forecast { Start = new DateOnly(2000, 1, 1), Count = BigInteger.Pow(2, 100), Source = new Uri("child", UriKind.Relative) }, new Forecast()],
    };

    [Fact]
    public void Extremes_round_trip_in_every_form() => RoundTrip.All(Extremes());

    [Fact]
    public void Defaults_round_trip_in_every_form() => RoundTrip.All(new Forecast());

    [Fact]
    public void The_dictionary_form_passed_through_System_Text_Json_reads_back_exactly()
    {
        // What an experiment tracker does with ToDictionary: System.Text.Json writes it, and it comes back as
        // JsonElements. (System.Text.Json refuses NaN and infinities by default, so the values here are finite.)
        var value = new Forecast
        {
            Start = DateOnly.MaxValue, At = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_999)), Id = Int128.MinValue, Hash = UInt128.MaxValue,
            Count = Huge, Gain = new Complex(1.5, -0.0), Source = new Uri("relative/x.bin", UriKind.Relative), ModelVersion = new Version(1, 2, 3),
            Factorials = [BigInteger.MinusOne, Huge], Spectrum = [new Complex(double.MaxValue, double.Epsilon)], Ids = [Int128.MaxValue],
            ByInt128 = { [Int128.MinValue] = Huge }, ByBig = { [Huge] = new Uri("http://example.com/") },
            Children = [new Forecast { Count = BigInteger.Pow(2, 100) }],
        };
        string json = System.Text.Json.JsonSerializer.Serialize(ModelDictionary.ToDictionary(value));
        Deep.Equal(value, ModelDictionary.FromDictionary<Forecast>(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!));
    }

    [Fact]
    public void A_huge_BigInteger_is_a_JSON_number_of_every_digit()
    {
        string json = ModelJson.Serialize(new Forecast { Count = Huge });
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement count = doc.RootElement.GetProperty("count");
        Assert.Equal(JsonValueKind.Number, count.ValueKind);
        Assert.Equal(Huge.ToString(), count.GetRawText());
        Assert.Equal(Huge, ModelJson.Deserialize<Forecast>(json).Count);
        // A string of the digits (what a JavaScript writer may send) reads too.
        Assert.Equal(Huge, ModelJson.Deserialize<Forecast>(json.Replace(count.GetRawText(), "\"" + count.GetRawText() + "\"")).Count);
    }

    [Fact]
    public void The_JSON_forms_are_System_Text_Jsons_where_it_has_one()
    {
        var value = Extremes();
        using JsonDocument doc = JsonDocument.Parse(ModelJson.Serialize(value));
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonSerializer.Serialize(value.Start), root.GetProperty("start").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.At), root.GetProperty("at").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.Slots[1]), root.GetProperty("slots")[1].GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.Id), root.GetProperty("id").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.Hash), root.GetProperty("hash").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.Source), root.GetProperty("source").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(value.History[2]), root.GetProperty("history")[2].GetRawText());
        Assert.Equal("[\"NaN\",-0]", root.GetProperty("gain").GetRawText());
        // And System.Text.Json reads what ModelGen writes.
        Assert.Equal(value.Start, JsonSerializer.Deserialize<DateOnly>(root.GetProperty("start").GetRawText()));
        Assert.Equal(value.At, JsonSerializer.Deserialize<TimeOnly>(root.GetProperty("at").GetRawText()));
        Assert.Equal(value.Id, JsonSerializer.Deserialize<Int128>(root.GetProperty("id").GetRawText()));
    }

    [Fact]
    public void The_binary_encodings_are_the_documented_bytes()
    {
        // docs/format.md §4: DateOnly and TimeOnly are zigzag varints, the others Bytes of a fixed layout.
        Assert.Equal(new Payload().VarInt(DateOnly.MaxValue.DayNumber).ToArray(), FieldValue(new Forecast { Start = DateOnly.MaxValue }, "start", WireType.VarInt));
        Assert.Equal(new Payload().VarInt(TimeOnly.MaxValue.Ticks).ToArray(), FieldValue(new Forecast { At = TimeOnly.MaxValue }, "at", WireType.VarInt));
        byte[] id = FieldValue(new Forecast { Id = -2 }, "id", WireType.Bytes);
        Assert.Equal([16, 0xFE, .. Enumerable.Repeat((byte)0xFF, 15)], id);
        byte[] count = FieldValue(new Forecast { Count = -129 }, "count", WireType.Bytes);
        Assert.Equal(new byte[] { 2, 0x7F, 0xFF }, count); // two's complement little-endian, fewest bytes
        byte[] gain = FieldValue(new Forecast { Gain = new Complex(1, -0.0) }, "gain", WireType.Bytes);
        Assert.Equal([16, .. BitConverter.GetBytes(1.0), .. BitConverter.GetBytes(-0.0)], gain);
        byte[] uri = FieldValue(new Forecast { Source = new Uri("a b", UriKind.Relative) }, "source", WireType.Bytes);
        Assert.Equal("\u0003a b"u8.ToArray(), uri); // the original string, not escaped
        byte[] version = FieldValue(new Forecast { ModelVersion = new Version(1, 2, 3) }, "modelVersion", WireType.Bytes);
        Assert.Equal("\u00051.2.3"u8.ToArray(), version);
    }

    // The bytes of one member's value (after its tag) in the payload.
    private static byte[] FieldValue(Forecast value, string member, WireType wireType)
    {
        byte[] payload = Payload.PayloadOf(ModelSerializer.Serialize(value));
        byte[] tag = new Payload().Tag(Payload.Key<Forecast>(member), wireType).ToArray();
        int at = Payload.IndexOf(payload, tag) + tag.Length, end = at;
        ulong length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = payload[end++];
            length |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (wireType == WireType.Bytes) end += (int)length;
        return payload.AsSpan(at, end - at).ToArray();
    }

    [Fact]
    public void Narrower_members_widen_to_the_new_types()
    {
        var before = new WideningBefore { Count = long.MinValue, Hash = ulong.MaxValue, Small = -5, Gain = -0.0 };
        var after = ModelSerializer.Deserialize<WideningAfter>(ModelSerializer.Serialize(before));
        Assert.Equal((Int128)long.MinValue, after.Count);
        Assert.Equal((UInt128)ulong.MaxValue, after.Hash);
        Assert.Equal(new BigInteger(-5), after.Small);
        Assert.True(double.IsNegative(after.Gain.Real) && after.Gain.Imaginary == 0);
        var json = ModelJson.Deserialize<WideningAfter>(ModelJson.Serialize(before));
        Assert.Equal((UInt128)ulong.MaxValue, json.Hash);
        Assert.Equal(new BigInteger(-5), json.Small);
        var plain = ModelDictionary.FromDictionary<WideningAfter>(ModelDictionary.ToDictionary(before));
        Assert.Equal((Int128)long.MinValue, plain.Count);
        Assert.Equal((UInt128)ulong.MaxValue, plain.Hash);
    }

    [Fact]
    public void Widened_members_written_by_the_newer_version_read_back_where_they_fit()
    {
        // The lock analyzer calls these changes compatible both ways: the older reader takes values that fit.
        var after = new WideningFixed { Count = long.MinValue, Hash = ulong.MaxValue, Small = -5, Gain = new Complex(-0.0, 0) };
        var before = ModelSerializer.Deserialize<WideningBefore>(ModelSerializer.Serialize(after));
        Assert.Equal(long.MinValue, before.Count);
        Assert.Equal(ulong.MaxValue, before.Hash);
        Assert.Equal(-5, before.Small);
        Assert.True(double.IsNegative(before.Gain));
        Bad.Binary<WideningBefore>(ModelSerializer.Serialize(new WideningFixed { Count = (Int128)long.MaxValue + 1 }), "count", "out of range for Int64");
        // The dictionary form alike (the evolution fuzzer, seed 20261204, pair 15: "expected a number (Int64) but found
        // a value of type Int128").
        var plain = ModelDictionary.FromDictionary<WideningBefore>(ModelDictionary.ToDictionary(after));
        Assert.Equal((long.MinValue, ulong.MaxValue), (plain.Count, plain.Hash));
        var wide = ModelDictionary.ToDictionary(new WideningFixed { Count = (Int128)long.MaxValue + 1, Hash = (UInt128)ulong.MaxValue + 1 });
        Assert.Contains("does not fit in Int64", Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<WideningBefore>(wide)).Message);
        wide["count"] = 0L;
        Assert.Contains("does not fit in UInt64", Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<WideningBefore>(wide)).Message);
        // A BigInteger has the fewest bytes, which a narrower reader refuses: int32 → BigInteger reads one way only, and
        // the lock analyzer calls it incompatible.
        Bad.Binary<WideningBefore>(ModelSerializer.Serialize(new WideningAfter { Small = -5 }), "small", "expected an integer but found 1 bytes");
        Bad.Binary<WideningBefore>(ModelSerializer.Serialize(new WideningFixed { Gain = new Complex(1, 1) }), "gain", "does not fit in Double");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_integer_member_reads_the_decimal_of_a_newer_version_that_widened_it(int format)
    {
        var options = new ModelSerializerOptions { FormatVersion = format };
        // Negative, scaled (an integer still), negative zero of scale 1, the ends of the range.
        foreach ((decimal count, decimal total, int c, long t) in new[]
        {
            (-7m, 9223372036854775807.00m, -7, long.MaxValue), (7.000m, -9223372036854775808m, 7, long.MinValue),
            (new decimal(0, 0, 0, true, 1), -1.0m, 0, -1L), (-2147483648.0m, 0m, int.MinValue, 0L),
        })
        {
            var after = new ToDecimalAfter { Count = count, Total = total, Id = Int128.MinValue };
            var binary = ModelSerializer.Deserialize<ToDecimalBefore>(ModelSerializer.Serialize(after, options));
            var json = ModelJson.Deserialize<ToDecimalBefore>(ModelJson.Serialize(after));
            var plain = ModelDictionary.FromDictionary<ToDecimalBefore>(ModelDictionary.ToDictionary(after));
            Assert.Equal((c, t), (binary.Count, binary.Total));
            Assert.Equal((c, t), (json.Count, json.Total));
            Assert.Equal((c, t), (plain.Count, plain.Total));
            // Int128.MinValue (whose bytes are a decimal's -0 of scale 0) is still the Int128.
            Assert.Equal(Int128.MinValue, binary.Id);
        }
        // A fraction or a value beyond the member's range is an error naming the member, never another value.
        Bad.Binary<ToDecimalBefore>(ModelSerializer.Serialize(new ToDecimalAfter { Count = -2.5m }, options), "count", "value -2.5 (a decimal) is not a Int32");
        Bad.Binary<ToDecimalBefore>(ModelSerializer.Serialize(new ToDecimalAfter { Count = 2147483648m }, options), "count", "value 2147483648");
        Bad.Binary<ToDecimalBefore>(ModelSerializer.Serialize(new ToDecimalAfter { Total = decimal.MinValue }, options), "total", "is not a Int64");
        Bad.Binary<ToDecimalBefore>(ModelSerializer.Serialize(new ToDecimalAfter { Total = 0.0000000000000000000000000001m }, options), "total", "is not a Int64");
        Bad.Json<ToDecimalBefore>(ModelJson.Serialize(new ToDecimalAfter { Count = -2.5m }), "count", "is not a Int32");
        // decimal's ends convert to a double beyond them: an error naming the member, not an OverflowException.
        Bad.Dictionary<ToDecimalBefore>(ModelDictionary.ToDictionary(new ToDecimalAfter { Total = decimal.MinValue }), "total", "does not fit in Int64");
    }

    [Fact]
    public void Format_2_tells_a_newer_Int128_from_a_decimal_with_the_same_bytes()
    {
        // 2¹¹² + 70 has the bytes of 7.0m (70, scale 1 in the top word). Format 1 carries no type and reads those bytes
        // into an older integer member as the decimal (docs/format.md §4); format 2's table says the member is an
        // Int128, out of the older member's range: an error, never 7.
        Int128 lookalike = ((Int128)1 << 112) + 70;
        Assert.Equal(decimal.GetBits(7.0m), new[] { (int)(uint)lookalike, 0, 0, (int)(lookalike >> 96) });
        var format2 = new ModelSerializerOptions { FormatVersion = 2 };
        Bad.Binary<WideningBefore>(ModelSerializer.Serialize(new WideningFixed { Count = lookalike }, format2), "count", "out of range for Int64");
        Bad.Binary<WideMapBefore>(ModelSerializer.Serialize(new WideMapAfter { Totals = { ["a"] = 1, ["b"] = lookalike } }, format2), "totals[b]", "out of range for Int64");
        // The other way round: a decimal's -0 of scale 0 has the bytes of Int128.MinValue, which format 1 reads as that
        // Int128 (an error); format 2's table says it is a decimal, and its value, 0, fits.
        var negativeZero = new decimal(0, 0, 0, true, 0);
        var after = new ToDecimalAfter { Count = negativeZero, Total = negativeZero, Id = 5 };
        var before = ModelSerializer.Deserialize<ToDecimalBefore>(ModelSerializer.Serialize(after, format2));
        Assert.Equal((0, 0L, (Int128)5), (before.Count, before.Total, before.Id));
        Bad.Binary<ToDecimalBefore>(ModelSerializer.Serialize(after), "count", "out of range for Int32");
        var map = ModelSerializer.Deserialize<WideMapBefore>(ModelSerializer.Serialize(
            new WideMapAfter { Totals = { ["a"] = -3 }, Amounts = { ["x"] = negativeZero, ["y"] = -12.00m, ["z"] = 7.0m } }, format2));
        Assert.Equal(-3L, map.Totals["a"]);
        Assert.Equal(new[] { 0L, -12L, 7L }, new[] { map.Amounts["x"], map.Amounts["y"], map.Amounts["z"] });
        // A map key after an object value is the map member's again, not the last member read inside the object.
        var books = new WideKeysAfter { Books = { [1] = new Ledger { Amounts = { 1.5m } }, [lookalike] = new Ledger() } };
        var refused = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<WideKeysBefore>(ModelSerializer.Serialize(books, format2)));
        Assert.Contains("out of range for Int64", refused.Message);
        books.Books.Remove(lookalike);
        Assert.Equal(1.5m, ModelSerializer.Deserialize<WideKeysBefore>(ModelSerializer.Serialize(books, format2)).Books[1L].Amounts[0]);
        // A decimal that is no integer stays an error naming the member.
        Bad.Binary<WideMapBefore>(ModelSerializer.Serialize(new WideMapAfter { Amounts = { ["x"] = 0.5m } }, format2), "amounts[x]", "is not a Int64");
    }

    [Fact]
    public void Format_2_refuses_the_bytes_of_a_type_a_number_member_does_not_widen_from()
    {
        var format2 = new ModelSerializerOptions { FormatVersion = 2 };
        // 5m has the bytes of a Complex whose real part is the double of bits 5 (4.9E-324 × 5) and imaginary part 0:
        // format 1 reads that subnormal into the double member, format 2 names what the data holds.
        byte[] data = ModelSerializer.Serialize(new RetypedAfter { Price = 5m, Id = Guid.NewGuid(), Code = new Complex(5, 0), Rates = { 5 } }, format2);
        Bad.Binary<RetypedPrice>(data, "price", "expected a number but the data holds a decimal");
        Bad.Binary<RetypedId>(data, "id", "expected an integer but the data holds a guid");
        // Complex(5, 0): its real part's bits fit a long (4617315517961601024).
        Bad.Binary<RetypedCode>(data, "code", "expected an integer but the data holds a complex");
        Bad.Binary<RetypedRates>(data, "rates[0]", "expected a number but the data holds a list<int128>");
        // The widenings still read (a double member reads a Complex; an integer one an Int128 or a decimal: above).
        var widened = ModelSerializer.Deserialize<WideningBefore>(ModelSerializer.Serialize(new WideningFixed { Count = 7, Gain = new Complex(-2.5, 0) }, format2));
        Assert.Equal((7L, -2.5), (widened.Count, widened.Gain));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_integer_list_reads_the_doubles_of_a_newer_version_that_widened_its_elements(int format)
    {
        var options = new ModelSerializerOptions { FormatVersion = format };
        var after = new ListWideningAfter { Counts = [1, -0.0, int.MinValue, int.MaxValue], Ids = [-9007199254740992, 0] };
        var forms = new[]
        {
            ModelSerializer.Deserialize<ListWideningBefore>(ModelSerializer.Serialize(after, options)),
            ModelJson.Deserialize<ListWideningBefore>(ModelJson.Serialize(after)),
            ModelDictionary.FromDictionary<ListWideningBefore>(ModelDictionary.ToDictionary(after)),
        };
        foreach (ListWideningBefore before in forms)
        {
            Assert.Equal([1, 0, int.MinValue, int.MaxValue], before.Counts);
            Assert.Equal([-9007199254740992L, 0L], before.Ids);
        }
        // A fraction, a value beyond the element type or a NaN is an error naming the member, in binary as in JSON.
        Bad.Binary<ListWideningBefore>(ModelSerializer.Serialize(new ListWideningAfter { Counts = [1, 0.5] }, options), "counts", "element 1 (Double) does not fit in Int32");
        Bad.Binary<ListWideningBefore>(ModelSerializer.Serialize(new ListWideningAfter { Counts = [2147483648] }, options), "counts", "element 0 (Double) does not fit in Int32");
        Bad.Binary<ListWideningBefore>(ModelSerializer.Serialize(new ListWideningAfter { Ids = [double.NaN] }, options), "ids", "element 0 (Double) does not fit in Int64");
        Bad.Json<ListWideningBefore>(ModelJson.Serialize(new ListWideningAfter { Counts = [1, 0.5] }), "counts[1]", "is not a Int32");
    }

    [Fact]
    public void An_older_float_or_Half_member_reads_a_newer_double_rounded_alike_from_every_form()
    {
        // 1 + 3·2⁻²⁴ and 1 + 5·2⁻²⁴ lie exactly between two floats (ties to even: up, then down); their shortest texts
        // lie on the other side of the tie. 1.000488281251 lies just above the Half tie 1 + 2⁻¹¹, so close that the
        // float between them is the tie itself (ties to even: down). 1 + 2⁻¹¹ as a float is that tie: its Half is 1.
        foreach (double d in new[] { 1 + 3 * Math.Pow(2, -24), 1 + 5 * Math.Pow(2, -24) })
        {
            var after = new NarrowAfter { Rate = d, Small = 1.000488281251, Tiny = 1 + MathF.Pow(2, -11), Rates = [0.1, d, -d] };
            float rate = (float)d;
            var expected = (rate, (Half)1.0009765625, (Half)1);
            var forms = new (string Form, NarrowBefore Value)[]
            {
                ("binary", ModelSerializer.Deserialize<NarrowBefore>(ModelSerializer.Serialize(after))),
                ("binary2", ModelSerializer.Deserialize<NarrowBefore>(ModelSerializer.Serialize(after, new ModelSerializerOptions { FormatVersion = 2 }))),
                ("json", ModelJson.Deserialize<NarrowBefore>(ModelJson.Serialize(after))),
                ("dictionary", ModelDictionary.FromDictionary<NarrowBefore>(ModelDictionary.ToDictionary(after))),
                // A JSON layer's dictionary (JsonElement values).
                ("json layer", ModelDictionary.FromDictionary<NarrowBefore>(JsonSerializer.Deserialize<Dictionary<string, object?>>(ModelJson.Serialize(after))!)),
            };
            foreach (var (form, value) in forms)
            {
                Assert.True(BitConverter.SingleToInt32Bits(rate) == BitConverter.SingleToInt32Bits(value.Rate), $"{form}: {value.Rate:R}, expected {rate:R}");
                Assert.Equal(expected, (value.Rate, value.Small, value.Tiny));
                Assert.Equal([0.1f, rate, -rate], value.Rates);
            }
        }
        // A float's own text still reads as that float wherever its double lies on a tie, and every float near the
        // ties above round-trips through JSON.
        for (int bits = BitConverter.SingleToInt32Bits(1f); bits < BitConverter.SingleToInt32Bits(1f) + 64; bits++)
        {
            float f = BitConverter.Int32BitsToSingle(bits);
            var before = new NarrowBefore { Rate = f, Rates = [f, -f] };
            var back = ModelJson.Deserialize<NarrowBefore>(ModelJson.Serialize(before));
            Assert.Equal(bits, BitConverter.SingleToInt32Bits(back.Rate));
            Assert.Equal([f, -f], back.Rates);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_integer_member_reads_the_double_of_a_newer_version_that_widened_it(int format)
    {
        var options = new ModelSerializerOptions { FormatVersion = format };
        var after = new IntToDoubleAfter { Count = int.MinValue, Small = -32768f, Tiny = 255 };
        var before = ModelSerializer.Deserialize<IntToDoubleBefore>(ModelSerializer.Serialize(after, options));
        Assert.Equal((int.MinValue, (short)-32768, (byte)255), (before.Count, before.Small, before.Tiny));
        // JSON and the dictionary form read the same numbers.
        Assert.Equal(int.MinValue, ModelJson.Deserialize<IntToDoubleBefore>(ModelJson.Serialize(after)).Count);
        Assert.Equal(int.MinValue, ModelDictionary.FromDictionary<IntToDoubleBefore>(ModelDictionary.ToDictionary(after)).Count);
        // A value that does not fit, a fraction or a NaN is an error naming the member, never another value.
        Bad.Binary<IntToDoubleBefore>(ModelSerializer.Serialize(new IntToDoubleAfter { Count = 2.5 }, options), "count", "value 2.5 is not a Int32");
        Bad.Binary<IntToDoubleBefore>(ModelSerializer.Serialize(new IntToDoubleAfter { Count = 1e10 }, options), "count", "is not a Int32");
        Bad.Binary<IntToDoubleBefore>(ModelSerializer.Serialize(new IntToDoubleAfter { Small = float.NaN }, options), "small", "is not a Int16");
        Bad.Binary<IntToDoubleBefore>(ModelSerializer.Serialize(new IntToDoubleAfter { Tiny = -1 }, options), "tiny", "is not a Byte");
    }

    [Theory]
    [InlineData("{\"start\":\"2024-13-01\"}", "start", "is not a date")]
    [InlineData("{\"start\":\"2024-01-01T00:00:00\"}", "start", "is not a date")]
    [InlineData("{\"at\":\"24:00:00\"}", "at", "is not a time of day")]
    [InlineData("{\"at\":\"1.02:00:00\"}", "at", "is not a time of day")]
    [InlineData("{\"id\":1.5}", "id", "is not a Int128")]
    [InlineData("{\"id\":170141183460469231731687303715884105728}", "id", "is not a Int128")]
    [InlineData("{\"hash\":-1}", "hash", "is not a UInt128")]
    [InlineData("{\"count\":1e3}", "count", "is not a BigInteger")]
    [InlineData("{\"gain\":[1]}", "gain", "not one number")]
    [InlineData("{\"gain\":[1,2,3]}", "gain", "not more than two numbers")]
    [InlineData("{\"modelVersion\":\"1\"}", "modelVersion", "is not a version")]
    [InlineData("{\"source\":\"http://[bad\"}", "source", "is not a URI")]
    [InlineData("{\"holidays\":[\"2024-01-01\",\"x\"]}", "holidays[1]", "is not a date")]
    [InlineData("{\"demand\":{\"2024-02-30\":1}}", "demand", "is not a date")]
    [InlineData("{\"byHash\":{\"-1\":[0,0]}}", "byHash", "is not a UInt128")]
    public void Malformed_JSON_values_name_the_member(string json, string path, string reason)
    {
        ModelFormatException e = Bad.Json<Forecast>(json, reason: reason);
        Assert.StartsWith(path, e.Path);
    }

    [Fact]
    public void Malformed_binary_values_name_the_member_and_allocate_nothing_first()
    {
        // A BigInteger whose length runs past the input: refused before anything is read or allocated.
        byte[] longer = Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("count"), WireType.Bytes).VarUInt(int.MaxValue).Raw(1, 2, 3).End().ToArray());
        Bad.Binary<Forecast>(longer, "count");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("count"), WireType.Bytes).Bytes([]).End().ToArray()), "count", "at least one byte");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("id"), WireType.Bytes).Bytes(new byte[15]).End().ToArray()), "id", "16 bytes, not 15");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("gain"), WireType.Bytes).Bytes(new byte[8]).End().ToArray()), "gain", "16 bytes, not 8");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("start"), WireType.VarInt).VarInt(-1).End().ToArray()), "start", "out of range for DateOnly");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("start"), WireType.VarInt).VarInt(DateOnly.MaxValue.DayNumber + 1L).End().ToArray()), "start", "out of range for DateOnly");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("at"), WireType.VarInt).VarInt(TimeSpan.TicksPerDay).End().ToArray()), "at", "out of range for TimeOnly");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("modelVersion"), WireType.Bytes).String("1.x").End().ToArray()), "modelVersion", "is not a version");
        Bad.Binary<Forecast>(Payload.Wrap<Forecast>(new Payload().Tag(Payload.Key<Forecast>("source"), WireType.Bytes).Bytes([0xFF]).End().ToArray()), "source", "invalid UTF-8");
    }

    [Fact]
    public void Malformed_plain_values_name_the_member()
    {
        Bad.Dictionary<Forecast>(new Dictionary<string, object?> { ["start"] = "yesterday" }, "start", "is not a date");
        Bad.Dictionary<Forecast>(new Dictionary<string, object?> { ["hash"] = -1 }, "hash", "out of range for UInt128");
        Bad.Dictionary<Forecast>(new Dictionary<string, object?> { ["gain"] = new object?[] { 1.0 } }, "gain", "a Complex");
        // What a JSON layer gives: System.Text.Json's own object form of a Complex reads back.
        var fromStj = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(new Dictionary<string, object?> { ["gain"] = new Complex(1.5, -2) }))!;
        Assert.Equal(new Complex(1.5, -2), ModelDictionary.FromDictionary<Forecast>(fromStj).Gain);
    }

    [Fact]
    public void A_URI_with_an_unpaired_surrogate_is_refused_before_anything_is_written()
    {
        var value = new Forecast { Links = [new Uri("ok", UriKind.Relative), new Uri("bad\uD800", UriKind.Relative)] };
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Serialize(value));
        Assert.Equal("links[1]", e.Path);
        Assert.Contains("unpaired UTF-16 surrogate", e.Reason);
        Bad.Throws(() => ModelJson.Serialize(value));
    }
}

[SerializableModel(Name = "Tests.Tensors")]
public partial class Tensors
{
    public float[,,,] Kernel { get; set; } = new float[0, 0, 0, 0];
    public double[,,,,] Volume { get; set; } = new double[0, 0, 0, 0, 0];
    public byte[,,,,,,,] Rank8 { get; set; } = new byte[0, 0, 0, 0, 0, 0, 0, 0];
    public string?[,,,] Labels { get; set; } = new string?[0, 0, 0, 0];
    public Complex[,,,,,] Spectra { get; set; } = new Complex[0, 0, 0, 0, 0, 0];
    public Forecast?[,,,] Nested { get; set; } = new Forecast?[0, 0, 0, 0];
    public List<int[,,,]> KernelList { get; set; } = new();
    public Dictionary<string, float[,,,,,,]> ByName { get; set; } = new();
    public float[,,,]? Missing { get; set; }
}

/// <summary>Rectangular arrays of rank 4 to 8 (FormatLimits.MaxArrayRank): packed primitives, items, nested models,
/// empty arrays with non-zero lengths, in all three forms.</summary>
public class RankTests
{
    private static T Fill<T>(T array, Func<int, object?> value) where T : class
    {
        var a = (Array)(object)array;
        int i = 0;
        var index = new int[a.Rank];
        for (int n = 0; n < a.Length; n++)
        {
            int rest = n;
            for (int d = a.Rank - 1; d >= 0; d--) { index[d] = rest % a.GetLength(d); rest /= a.GetLength(d); }
            a.SetValue(value(i++), index);
        }
        return array;
    }

    public static Tensors Sample() => new()
    {
        Kernel = Fill(new float[3, 2, 4, 5], i => i * 0.25f - 7),
        Volume = Fill(new double[2, 1, 3, 1, 2], i => i % 3 == 0 ? double.NaN : -i),
        Rank8 = Fill(new byte[2, 1, 2, 1, 2, 1, 2, 3], i => (byte)(i * 7)),
        Labels = Fill(new string?[1, 2, 2, 2], i => i % 3 == 0 ? null : "l" + i),
        Spectra = Fill(new Complex[1, 1, 2, 1, 1, 2], i => new Complex(i, -i)),
        Nested = Fill(new Forecast?[1, 1, 1, 2], i => i == 0 ? null : new Forecast { Count = BigInteger.Pow(10, 30), Start = new DateOnly(2020, 1, 1) }),
        KernelList = [new int[0, 3, 0, 2], Fill(new int[1, 1, 1, 2], i => -i)],
        ByName = { ["empty"] = new float[2, 0, 1, 1, 1, 1, 3], ["one"] = new float[1, 1, 1, 1, 1, 1, 1] },
    };

    [Fact]
    public void Rank_4_to_8_round_trips_in_every_form() => RoundTrip.All(Sample());

    [Fact]
    public void Empty_arrays_of_rank_4_and_more_round_trip() => RoundTrip.All(new Tensors { Kernel = new float[5, 0, 3, 3], Labels = new string?[0, 0, 0, 7] });

    [Fact]
    public void The_binary_form_is_one_packed_block_with_every_dimension()
    {
        var value = new Tensors { Kernel = Fill(new float[3, 2, 4, 5], i => i) };
        byte[] payload = Payload.PayloadOf(ModelSerializer.Serialize(value));
        byte[] header = new Payload().Tag(Payload.Key<Tensors>("kernel"), WireType.Packed).Raw(10).VarUInt(4).VarUInt(3).VarUInt(2).VarUInt(4).VarUInt(5).ToArray();
        int at = Payload.IndexOf(payload, header);
        Assert.True(at >= 0);
        Assert.Equal(Enumerable.Range(0, 120).SelectMany(i => BitConverter.GetBytes((float)i)), payload.Skip(at + header.Length).Take(480));
    }

    [Fact]
    public void JSON_nests_one_array_per_rank()
    {
        string json = ModelJson.Serialize(new Tensors { Kernel = Fill(new float[1, 1, 1, 2], i => i), Rank8 = new byte[1, 1, 1, 1, 1, 1, 1, 1] });
        Assert.Contains("\"kernel\":[[[[0,1]]]]", json);
        Assert.Contains("\"rank8\":[[[[[[[[0]]]]]]]]", json);
        Bad.Json<Tensors>("{\"kernel\":[[[[0,1]],[[2]]]]}", reason: "not rectangular");
        Bad.Json<Tensors>("{\"kernel\":[[[0,1]]]}", reason: "nested array of rank 4");
    }

    [Fact]
    public void A_rank_that_differs_from_the_members_is_an_error()
    {
        byte[] rank3 = Payload.Wrap<Tensors>(new Payload().Tag(Payload.Key<Tensors>("kernel"), WireType.Packed).Raw(10).VarUInt(3).VarUInt(1).VarUInt(1).VarUInt(1).Fixed32(0).End().ToArray());
        Bad.Binary<Tensors>(rank3, "kernel", "expected an array of rank 4 but found rank 3");
    }
}
