using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

public class FormatTests
{
    [Fact]
    public void Json_is_a_plain_camel_case_object_with_numbers_and_a_version()
    {
        string json = ModelJson.Serialize(Samples.NetworkSample());
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal(["$version", "name", "layers", "head", "metrics"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(3, root.GetProperty("$version").GetInt32());
        JsonElement layer = root.GetProperty("layers")[0];
        Assert.Equal(JsonValueKind.Number, layer.GetProperty("inputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, layer.GetProperty("weights").ValueKind);
        Assert.Equal(JsonValueKind.Number, layer.GetProperty("weights")[0].ValueKind);
        Assert.Equal(0.1f, layer.GetProperty("biases")[0].GetSingle());
        Assert.Equal(0.9, root.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(1, layer.GetProperty("$version").GetInt32());
        Assert.DoesNotContain("$type", json);
    }

    [Fact]
    public void Json_writes_every_number_as_a_number()
    {
        using JsonDocument doc = JsonDocument.Parse(ModelJson.Serialize(Samples.ScalarsMax()));
        JsonElement root = doc.RootElement;
        foreach (string name in new[] { "byte", "sByte", "short", "uShort", "int", "uInt", "long", "uLong", "float", "double", "nInt", "nUInt", "half", "decimal" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(name).ValueKind);
        Assert.Equal(ulong.MaxValue, root.GetProperty("uLong").GetUInt64());
        Assert.Equal(long.MinValue, root.GetProperty("long").GetInt64());
        Assert.Equal(decimal.MaxValue, root.GetProperty("decimal").GetDecimal());
        Assert.Equal(JsonValueKind.True, root.GetProperty("bool").ValueKind);
        Assert.Equal("Blue", root.GetProperty("color").GetString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", root.GetProperty("guid").GetString());
        Assert.Equal("2024-02-29T23:59:58.1234567Z", root.GetProperty("dateTime").GetString());
    }

    [Fact]
    public void Json_camel_cases_hyperparameter_names()
    {
        using JsonDocument doc = JsonDocument.Parse(ModelJson.Serialize(new Hyper()));
        string[] names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["$version", "dropout", "layers", "optimizer", "learningRate", "activation", "shuffle", "hidden", "patience", "budget", "timeout"], names);
    }

    [Fact]
    public void NaN_and_infinities_round_trip_in_json()
    {
        var value = new Collections { Floats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity], Doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity] };
        string json = ModelJson.Serialize(value);
        Assert.Contains("\"floats\":[\"NaN\",\"Infinity\",\"-Infinity\"]", json);
        Assert.Contains("\"doubles\":[\"NaN\",\"Infinity\",\"-Infinity\"]", json);
        Collections back = ModelJson.Deserialize<Collections>(json);
        Assert.True(float.IsNaN(back.Floats[0]));
        Assert.Equal(float.PositiveInfinity, back.Floats[1]);
        Assert.Equal(double.NegativeInfinity, back.Doubles[2]);
        PointStruct p = ModelJson.Deserialize<PointStruct>(ModelJson.Serialize(new PointStruct { X = double.NaN, Y = double.PositiveInfinity }));
        Assert.True(double.IsNaN(p.X));
        Assert.Equal(double.PositiveInfinity, p.Y);
    }

    [Fact]
    public void Dictionary_gives_plain_values()
    {
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(Samples.ScalarsMax());
        Assert.Equal("Blue", plain["color"]);
        Assert.Equal("High", plain["level"]);
        Assert.Equal(int.MinValue, plain["int"]);
        Assert.Equal(ulong.MaxValue, plain["uLong"]);
        Assert.Equal("\u00e9", plain["char"]);
        Assert.IsType<string>(plain["string"]);
        Assert.Equal("42", ModelDictionary.ToDictionary(Samples.ScalarsOther())["color"]); // unnamed enum value

        Dictionary<string, object?> net = ModelDictionary.ToDictionary(Samples.NetworkSample());
        var head = Assert.IsType<Dictionary<string, object?>>(net["head"]);
        Assert.Equal(1, head["inputs"]);
        Assert.Equal(new float[] { 1 }, Assert.IsType<float[]>(head["weights"]));
        var layers = Assert.IsType<List<object?>>(net["layers"]);
        Assert.Equal(3, layers.Count);
        Assert.All(layers, l => Assert.IsType<Dictionary<string, object?>>(l));
        var metrics = Assert.IsType<Dictionary<string, object?>>(net["metrics"]);
        Assert.Equal(0.9, metrics["accuracy"]);
        Assert.False(net.ContainsKey("$version"));

        Dictionary<string, object?> coll = ModelDictionary.ToDictionary(Samples.CollectionsFull());
        var byEnum = Assert.IsType<Dictionary<string, object?>>(coll["byEnum"]);
        Assert.Equal(1, byEnum["Red"]);
        var byInt = Assert.IsType<Dictionary<string, object?>>(coll["byInt"]);
        Assert.Equal("minus seven", byInt["-7"]);
        var colors = Assert.IsType<List<object?>>(coll["colors"]);
        Assert.Equal("Red", colors[0]);
        Assert.Equal(new float[] { 2f, 3f }, Assert.IsType<float[]>(coll["floatMemory"]));

        Dictionary<string, object?> pipe = ModelDictionary.ToDictionary(Samples.PipelineSample());
        var op = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<List<object?>>(pipe["ops"])[1]);
        Assert.Equal("conv", op["$type"]);
    }

    [Fact]
    public void FromDictionary_accepts_exact_conversions_of_other_numeric_types()
    {
        var values = new Dictionary<string, object?>
        {
            ["int"] = 5L,
            ["long"] = 2.0,
            ["byte"] = 200,
            ["float"] = 0.5,
            ["double"] = 3,
            ["decimal"] = 0.25,
            ["uLong"] = 7,
            ["half"] = 0.5f,
            ["short"] = (byte)9,
            ["nInt"] = -3,
            ["uInt"] = 4_000_000_000L,
            ["color"] = 2, // an enum from its underlying value
            ["level"] = "Low",
        };
        AllScalars a = ModelDictionary.FromDictionary<AllScalars>(values);
        Assert.Equal(5, a.Int);
        Assert.Equal(2L, a.Long);
        Assert.Equal(200, a.Byte);
        Assert.Equal(0.5f, a.Float);
        Assert.Equal(3.0, a.Double);
        Assert.Equal(0.25m, a.Decimal);
        Assert.Equal(7UL, a.ULong);
        Assert.Equal((Half)0.5f, a.Half);
        Assert.Equal(9, a.Short);
        Assert.Equal(-3, a.NInt);
        Assert.Equal(4_000_000_000U, a.UInt);
        Assert.Equal(Color.Blue, a.Color);
        Assert.Equal(Level.Low, a.Level);
        Assert.Equal(0.1f, ModelDictionary.FromDictionary<AllScalars>(new Dictionary<string, object?> { ["float"] = 0.1 }).Float);
    }

    [Theory]
    [InlineData("int", 1.5)]
    [InlineData("int", 3_000_000_000L)]
    [InlineData("byte", 256)]
    [InlineData("byte", -1)]
    [InlineData("uLong", -1)]
    [InlineData("sByte", 128)]
    [InlineData("long", 1e19)]
    [InlineData("float", 1e300)]
    [InlineData("half", 1e10)]
    [InlineData("int", double.NaN)]
    [InlineData("int", "5")] // strings parse only for [Hyperparameters]
    [InlineData("bool", 1)]
    [InlineData("string", 5)]
    [InlineData("color", "Purple")]
    [InlineData("level", 300)]
    [InlineData("guid", "not a guid")]
    [InlineData("char", "ab")]
    [InlineData("dateTime", "yesterday")]
    public void FromDictionary_rejects_inexact_or_wrong_values(string member, object value)
    {
        Bad.Dictionary<AllScalars>(new Dictionary<string, object?> { [member] = value }, path: member);
    }

    [Fact]
    public void FromDictionary_rejects_null_for_non_nullable_members()
    {
        Bad.Dictionary<AllScalars>(new Dictionary<string, object?> { ["int"] = null }, "int", "null");
        Bad.Dictionary<AllScalars>(new Dictionary<string, object?> { ["string"] = null }, "string", "null");
        Bad.Dictionary<Collections>(new Dictionary<string, object?> { ["ints"] = new object?[] { 1, null } }, "ints[1]", "null");
    }

    [Fact]
    public void Hyperparameters_parse_strings_with_the_invariant_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (string culture in new[] { "de-DE", "fr-FR", "" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                var values = new Dictionary<string, object?>
                {
                    ["dropout"] = "0.25",
                    ["Layers"] = "12", // configuration layers use PascalCase
                    ["optimizer"] = "sgd",
                    ["learningRate"] = "0.001",
                    ["activation"] = "Blue",
                    ["shuffle"] = "false",
                    ["hidden"] = "64, 32,16",
                    ["patience"] = "3",
                    ["budget"] = "1234.5",
                    ["timeout"] = "00:01:30",
                };
                Hyper h = ModelDictionary.FromDictionary<Hyper>(values);
                Assert.Equal(0.25, h.Dropout);
                Assert.Equal(12, h.Layers);
                Assert.Equal("sgd", h.Optimizer);
                Assert.Equal(0.001f, h.LearningRate);
                Assert.Equal(Color.Blue, h.Activation);
                Assert.False(h.Shuffle);
                Assert.Equal([64, 32, 16], h.Hidden);
                Assert.Equal(3L, h.Patience);
                Assert.Equal(1234.5m, h.Budget);
                Assert.Equal(TimeSpan.FromSeconds(90), h.Timeout);
                // A culture-formatted number is not accepted as something else.
                Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["dropout"] = "0,25" }, "dropout");
                Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["layers"] = "1.5" }, "layers");
                Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["shuffle"] = "yes" }, "shuffle");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Hyperparameters_from_a_json_configuration_layer()
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"dropout":"0.5","layers":3,"learningRate":0.1,"hidden":[4,2]}""")!;
        Hyper h = ModelDictionary.FromDictionary<Hyper>(values);
        Assert.Equal(0.5, h.Dropout);
        Assert.Equal(3, h.Layers);
        Assert.Equal(0.1f, h.LearningRate);
        Assert.Equal([4, 2], h.Hidden);
    }

    [Fact]
    public void Validate_returns_every_violation()
    {
        var h = new Hyper(Dropout: 1.5, Layers: 0, Optimizer: " ") { Patience = 11 };
        IReadOnlyList<ModelValidationError> errors = h.Validate();
        Assert.Equal(["dropout", "layers", "optimizer", "patience"], errors.Select(e => e.Member).ToArray());
        Assert.Contains("between 0 and 1", errors[0].Message);
        Assert.Contains("between 1 and 100", errors[1].Message);
        Assert.Contains("required", errors[2].Message);
        Assert.Empty(new Hyper().Validate());
        Assert.Empty(new Hyper(Dropout: 1.0, Layers: 100) { Patience = null }.Validate());
        Assert.Single(new Hyper(Dropout: double.NaN).Validate());
    }

    [Fact]
    public void Out_of_range_hyperparameters_are_rejected_in_every_form()
    {
        // The writers refuse an invalid value (WriteCheckTests), so the invalid inputs are edited from valid ones.
        var good = new Hyper(Dropout: 0.75);
        byte[] binary = ModelSerializer.Serialize(good);
        int at = Payload.IndexOf(binary, BitConverter.GetBytes(0.75));
        BitConverter.GetBytes(2.0).CopyTo(binary, at);
        Bad.Binary<Hyper>(Payload.Reseal(binary), "dropout", "between 0 and 1");
        Bad.Json<Hyper>(ModelJson.Serialize(good).Replace("\"dropout\":0.75", "\"dropout\":2"), "dropout", "between 0 and 1");
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(good);
        plain["dropout"] = 2.0;
        Bad.Dictionary<Hyper>(plain, "dropout", "between 0 and 1");
        Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["layers"] = "101" }, "layers", "between 1 and 100");
        Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["patience"] = -1 }, "patience");
        ModelFormatException all = Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["dropout"] = -1, ["layers"] = 0, ["optimizer"] = "" });
        Assert.Contains("dropout", all.Message);
        Assert.Contains("layers", all.Message);
        Assert.Contains("optimizer", all.Message);
    }

    [Fact]
    public void Packed_arrays_are_little_endian_bulk_bytes()
    {
        float[] values = [1.0f, -2.5f, float.NaN, float.Epsilon, 3.4e38f, 0.1f];
        byte[] data = ModelSerializer.Serialize(new FloatVector { Values = values });
        byte[] expectedElements = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(expectedElements.AsSpan(i * 4), values[i]);
        byte[] expectedPayload = new Payload()
            .Tag(Payload.Key<FloatVector>("values"), WireType.Packed)
            .Raw((byte)PackedElement.Single).VarUInt(1).VarUInt((ulong)values.Length)
            .Raw(expectedElements)
            .End().ToArray();
        Assert.Equal(expectedPayload, Payload.PayloadOf(data));
        // The first element is 1.0f = 0x3F800000, least significant byte first.
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, expectedElements[..4]);

        // A hand-written little-endian payload reads back.
        FloatVector back = ModelSerializer.Deserialize<FloatVector>(Payload.Wrap<FloatVector>(expectedPayload));
        Assert.Equal(values, back.Values);
    }

    [Fact]
    public void Packed_elements_widen_exactly_when_read_into_a_wider_type()
    {
        // float32 data read into a double[]; int32 data into a long list.
        byte[] payload = new Payload()
            .Tag(Payload.Key<Collections>("doubles"), WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(2).Fixed32(BitConverter.SingleToUInt32Bits(0.5f)).Fixed32(BitConverter.SingleToUInt32Bits(-1f))
            .Tag(Payload.Key<Collections>("ints"), WireType.Packed).Raw((byte)PackedElement.Int16).VarUInt(1).VarUInt(1).Raw(0xFF, 0xFF)
            .End().ToArray();
        Collections c = ModelSerializer.Deserialize<Collections>(Payload.Wrap<Collections>(payload));
        Assert.Equal([0.5, -1.0], c.Doubles);
        Assert.Equal([-1], c.Ints);
    }

    [Fact]
    public void Binary_envelope_layout()
    {
        byte[] data = ModelSerializer.Serialize(new Chain { Value = 1 });
        Assert.Equal("MGEN"u8.ToArray(), data[..4]);
        Assert.Equal(1, data[4]); // format version
        Assert.Equal(1, data[5]); // checksum flag
        Envelope e = ModelSerializer.ReadEnvelope(data);
        Assert.Equal((ulong)e.PayloadLength, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 16)));
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64(data.AsSpan(0, data.Length - 16)), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
        Assert.Equal(data, Payload.Wrap<Chain>(Payload.PayloadOf(data)));
    }
}
