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
}
