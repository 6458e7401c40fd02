using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace ModelGen.Tests;

/// <summary>System.Text.Json reads and writes registered models as ModelJson does (versions, validation, enums as
/// names), and reports bad input as a JsonException naming the member path.</summary>
public sealed class JsonConverterTests
{
    private sealed class Envelope
    {
        public string Id { get; set; } = "";
        public Hyper? Settings { get; set; }
        public List<Network> Models { get; set; } = new();
    }

    private static JsonSerializerOptions Options() => new()
    {
        Converters = { new JsonModelConverterFactory().Add<Hyper>().Add<Network>() },
    };

    [Fact]
    public void A_model_written_by_JsonSerializer_is_the_ModelJson_text_and_reads_back()
    {
        var hyper = new Hyper(Dropout: 0.25, Activation: Color.Blue);
        JsonSerializerOptions options = Options();
        string json = JsonSerializer.Serialize(hyper, options);
        Assert.Equal(ModelJson.Serialize(hyper), json);
        Assert.Contains("\"$version\"", json);
        Assert.Contains("\"Blue\"", json); // an enum as its name, not 2
        Deep.Equal(hyper, JsonSerializer.Deserialize<Hyper>(json, options));
    }

    [Fact]
    public void Models_nested_in_plain_objects_use_the_converter()
    {
        var envelope = new Envelope { Id = "a", Settings = new Hyper(Layers: 9), Models = [Samples.NetworkSample()] };
        JsonSerializerOptions options = Options();
        string json = JsonSerializer.Serialize(envelope, options);
        using (JsonDocument doc = JsonDocument.Parse(json))
            Assert.Equal(ModelJson.Serialize(envelope.Settings), doc.RootElement.GetProperty("Settings").GetRawText());
        Envelope back = JsonSerializer.Deserialize<Envelope>(json, options)!;
        Deep.Equal(envelope.Settings, back.Settings);
        Deep.Equal(envelope.Models, back.Models);
        Assert.Null(JsonSerializer.Deserialize<Envelope>("""{"Id":"b","Settings":null}""", options)!.Settings);
    }

    [Fact]
    public void Out_of_range_input_is_a_JsonException_with_the_member_path_and_the_model_error_inside()
    {
        // Without the converter System.Text.Json binds this silently (a positional record, no validation).
        JsonException e = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Envelope>("""{"Id":"x","Settings":{"dropout":2.0}}""", Options()));
        ModelFormatException inner = Assert.IsType<ModelFormatException>(e.InnerException);
        Assert.Equal("dropout", inner.Path);
        Assert.Contains("at 'dropout'", e.Message);
        Assert.Equal("$.Settings", e.Path); // where the model sits, filled in by the serializer
    }

    [Fact]
    public void Malformed_and_mistyped_input_is_a_JsonException()
    {
        JsonSerializerOptions options = Options();
        Assert.IsType<ModelFormatException>(Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hyper>("""{"layers":"many"}""", options)).InnerException);
        Assert.IsType<ModelFormatException>(Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hyper>("[1,2]", options)).InnerException);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Hyper>("""{"layers":""", options));
    }

    [Fact]
    public async Task Streaming_deserialization_reads_the_model_through_the_converter()
    {
        Network model = Samples.NetworkSample();
        byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Envelope { Models = [model, model] }, Options()));
        // A 16-byte buffer: the serializer must hand the converter the whole model, however it arrived.
        var options = new JsonSerializerOptions(Options()) { DefaultBufferSize = 16 };
        Envelope back = (await JsonSerializer.DeserializeAsync<Envelope>(new MemoryStream(json), options))!;
        Deep.Equal(model, back.Models[1]);
    }

    [Fact]
    public void Only_registered_types_are_converted_and_the_factory_options_apply()
    {
        var factory = new JsonModelConverterFactory(new ModelJsonOptions { RejectUnknownMembers = true }).Add<Hyper>();
        Assert.True(factory.CanConvert(typeof(Hyper)));
        Assert.False(factory.CanConvert(typeof(Network)));
        Assert.Equal([typeof(Hyper)], factory.Types);
        var options = new JsonSerializerOptions { Converters = { factory } };
        JsonException e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hyper>("""{"dropuot":0.2}""", options));
        Assert.Contains("dropuot", e.Message);
        var reader = new Utf8JsonReader("""{"dropout":0.2}"""u8);
        Assert.Equal(0.2, new JsonModelConverter<Hyper>().Read(ref reader, typeof(Hyper), options).Dropout);
    }

    // Every model carries [JsonConverter(typeof(JsonModelConverter<T>))] from the generator: without registration,
    // System.Text.Json must still write ModelJson's text, never its own shape (no $version, enums as numbers).
    private sealed class Unregistered
    {
        public Hyper? Settings { get; set; }
        public PointStruct? Point { get; set; }
        public Op? Op { get; set; }
        public List<Network> Models { get; set; } = new();
        public Dictionary<string, PairRecordStruct> Pairs { get; set; } = new();
    }

    [Fact]
    public void Without_registration_JsonSerializer_writes_and_reads_every_kind_of_model_as_ModelJson_does()
    {
        AssertLikeModelJson(new Hyper(Dropout: 0.5, Activation: Color.Green));
        AssertLikeModelJson(Samples.NetworkSample());
        AssertLikeModelJson(new PointStruct { X = 1.5, Y = -0.0, Label = "p" });
        AssertLikeModelJson(new PairRecordStruct(3, "b", Color.Red));
        AssertLikeModelJson(new Chain { Value = 1, Child = new Chain { Value = 2 } });
        AssertLikeModelJson(new RenamedV2 { Lr = 0.1, Iterations = 7, Labels = ["x"] });

        // A union through its base: the case tag is written and the case comes back.
        Op op = new DenseOp { Name = "d", Units = 4, Weights = [1f, 2f] };
        string json = JsonSerializer.Serialize(op);
        Assert.Equal(ModelJson.Serialize(op), json);
        Deep.Equal(op, Assert.IsType<DenseOp>(JsonSerializer.Deserialize<Op>(json)));

        static void AssertLikeModelJson<T>(T value) where T : IModelSerializable<T>
        {
            string json = JsonSerializer.Serialize(value);
            Assert.Equal(ModelJson.Serialize(value), json);
            Assert.Contains("\"$version\"", json);
            Deep.Equal(value, JsonSerializer.Deserialize<T>(json));
        }
    }

    [Fact]
    public void Without_registration_models_inside_plain_objects_collections_and_nullables_use_the_converter()
    {
        var value = new Unregistered
        {
            Settings = new Hyper(Layers: 5, Activation: Color.Blue),
            Point = new PointStruct { X = 2, Y = 3 },
            Op = new DropoutOp { Name = "drop", Rate = 0.3 },
            Models = [Samples.NetworkSample(), Samples.NetworkSample()],
            Pairs = { ["a"] = new PairRecordStruct(1, "one") },
        };
        string json = JsonSerializer.Serialize(value);
        using (JsonDocument doc = JsonDocument.Parse(json))
        {
            Assert.Equal(ModelJson.Serialize(value.Settings), doc.RootElement.GetProperty("Settings").GetRawText());
            Assert.Equal(ModelJson.Serialize(value.Point.Value), doc.RootElement.GetProperty("Point").GetRawText());
            Assert.Equal(ModelJson.Serialize(value.Op), doc.RootElement.GetProperty("Op").GetRawText());
            Assert.Equal(ModelJson.Serialize(value.Pairs["a"]), doc.RootElement.GetProperty("Pairs").GetProperty("a").GetRawText());
        }
        Unregistered back = JsonSerializer.Deserialize<Unregistered>(json)!;
        Deep.Equal(value.Settings, back.Settings);
        Deep.Equal(value.Point, back.Point);
        Deep.Equal(value.Op, Assert.IsType<DropoutOp>(back.Op));
        Deep.Equal(value.Models, back.Models);
        Deep.Equal(value.Pairs, back.Pairs);
        Assert.Null(JsonSerializer.Deserialize<Unregistered>("""{"Point":null,"Settings":null}""")!.Point);
    }

    [Fact]
    public void Without_registration_an_older_version_migrates_and_out_of_range_input_is_rejected()
    {
        // Version 1's document, read as version 2 through plain JsonSerializer: previous names are honoured.
        string v1 = ModelJson.Serialize(new RenamedV1 { LearningRate = 0.01, Epochs = 12, Tags = ["t"] });
        RenamedV2 v2 = JsonSerializer.Deserialize<RenamedV2>(v1)!;
        Assert.Equal(0.01, v2.Lr);
        Assert.Equal(12, v2.Iterations);
        Assert.Equal(["t"], v2.Labels);

        // [Hyperparameters] validation applies (System.Text.Json alone would bind 2.0 silently).
        JsonException e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hyper>("""{"dropout":2.0}"""));
        Assert.Equal("dropout", Assert.IsType<ModelFormatException>(e.InnerException).Path);
    }

    [Fact]
    public void Converters_in_the_options_take_precedence_over_the_generated_attribute()
    {
        const string json = """{"dropout":0.2,"dropuot":0.3}""";
        // The generated attribute uses ModelJsonOptions.Default: an unknown member is kept.
        Assert.Equal(0.2, JsonSerializer.Deserialize<Hyper>(json)!.Dropout);
        // A registered factory's options win (System.Text.Json: options' converters before a type's attribute).
        var strict = new JsonSerializerOptions { Converters = { new JsonModelConverterFactory(new ModelJsonOptions { RejectUnknownMembers = true }).Add<Hyper>() } };
        Assert.Contains("dropuot", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Hyper>(json, strict)).Message);
    }

    [Fact]
    public void A_model_with_its_own_JsonConverter_keeps_it()
    {
        var value = new OwnJsonConverter { Name = "abc" };
        Assert.Equal("\"ABC\"", JsonSerializer.Serialize(value));
        Assert.Equal("xyz", JsonSerializer.Deserialize<OwnJsonConverter>("\"XYZ\"")!.Name);
        Assert.Contains("\"$version\"", ModelJson.Serialize(value)); // ModelJson itself is unchanged
    }

    [Fact]
    public void A_source_generated_context_uses_the_converter_its_author_declared()
    {
        var value = new ContextModel { Color = Color.Blue, Weights = [1f, -0f] };
        string json = JsonSerializer.Serialize(value, TestJsonContext.Default.ContextModel);
        Assert.Equal(ModelJson.Serialize(value), json);
        Deep.Equal(value, JsonSerializer.Deserialize(json, TestJsonContext.Default.ContextModel));
        List<ContextModel> list = [value, value];
        Deep.Equal(list, JsonSerializer.Deserialize(JsonSerializer.Serialize(list, TestJsonContext.Default.ListContextModel), TestJsonContext.Default.ListContextModel));
    }
}

