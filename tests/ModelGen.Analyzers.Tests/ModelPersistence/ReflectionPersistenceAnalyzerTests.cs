using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.ModelPersistence.ReflectionPersistenceAnalyzer>;

namespace ModelGen.Analyzers.Tests.ModelPersistence;

public sealed class ReflectionPersistenceAnalyzerTests
{
    internal const string Models = """
        namespace Models
        {
            [ModelGen.SerializableModel]
            public partial class Classifier : ModelGen.IModelSerializable<Classifier>
            {
                public float[] Weights { get; set; } = System.Array.Empty<float>();
            }

            [ModelGen.Hyperparameters]
            public partial class TrainingOptions : ModelGen.IModelSerializable<TrainingOptions>
            {
                public int Epochs { get; set; }
            }

            public class PlainDto
            {
                public int Id { get; set; }
            }
        }
        """;

    [Fact]
    public Task System_Text_Json_without_a_generated_context_is_reported() => Verify.AnalyzeAsync(Models + """

        namespace App
        {
            using System.IO;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Models;

            class Store
            {
                string Save(Classifier model) => {|MG1010:JsonSerializer.Serialize(model)|};
                Classifier? Load(string json) => {|MG1010:JsonSerializer.Deserialize<Classifier>(json)|};
                object? LoadByType(string json) => {|MG1010:JsonSerializer.Deserialize(json, typeof(TrainingOptions))|};
                string Indented(TrainingOptions options) => {|MG1010:JsonSerializer.Serialize(options, new JsonSerializerOptions { WriteIndented = true })|};
                string OtherConverter(TrainingOptions options) => {|MG1010:JsonSerializer.Serialize(options, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })|};
                string OtherConverterInLocal(TrainingOptions options)
                {
                    var json = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
                    return {|MG1010:JsonSerializer.Serialize(options, json)|};
                }
                string Default(Classifier model) => {|MG1010:JsonSerializer.Serialize(model, JsonSerializerOptions.Default)|};
                string Array(Classifier[] models) => {|MG1010:JsonSerializer.Serialize(models)|};
                Task Async(Stream stream, Classifier model) => {|MG1010:JsonSerializer.SerializeAsync(stream, model)|};
            }
        }
        """);

    [Fact]
    public Task System_Text_Json_on_a_model_with_its_generated_converter_is_not_reported_but_Json_NET_is() => Verify.AnalyzeAsync("""
        namespace Models
        {
            // As the generator declares every model: System.Text.Json's reflection path uses the converter.
            [System.Text.Json.Serialization.JsonConverter(typeof(ModelGen.JsonModelConverter<Classifier>))]
            [ModelGen.SerializableModel]
            public partial class Classifier : ModelGen.IModelSerializable<Classifier>
            {
                public float[] Weights { get; set; } = System.Array.Empty<float>();
            }
        }

        namespace App
        {
            using System.Text.Json;
            using Models;

            class Store
            {
                string Save(Classifier model) => JsonSerializer.Serialize(model);
                Classifier? Load(string json) => JsonSerializer.Deserialize<Classifier>(json, JsonSerializerOptions.Default);
                string Array(Classifier[] models) => JsonSerializer.Serialize(models);
                string JsonNet(Classifier model) => {|MG1010:Newtonsoft.Json.JsonConvert.SerializeObject(model)|};
            }
        }
        """);

    [Fact]
    public Task Json_NET_and_xml_serializers_are_reported() => Verify.AnalyzeAsync(Models + """

        namespace App
        {
            using System.IO;
            using System.Runtime.Serialization;
            using System.Xml.Serialization;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;
            using Models;

            class Store
            {
                string Save(Classifier model) => {|MG1010:JsonConvert.SerializeObject(model)|};
                Classifier? Load(string json) => {|MG1010:JsonConvert.DeserializeObject<Classifier>(json)|};
                object? LoadByType(string json) => {|MG1010:JsonConvert.DeserializeObject(json, typeof(TrainingOptions))|};
                void Write(JsonSerializer serializer, TextWriter writer, Classifier model) => {|MG1010:serializer.Serialize(writer, model)|};
                JToken Token(Classifier model) => {|MG1010:JToken.FromObject(model)|};
                Classifier? FromToken(JObject token) => {|MG1010:token.ToObject<Classifier>()|};
                XmlSerializer Xml() => {|MG1010:new XmlSerializer(typeof(Classifier))|};
                DataContractSerializer Contract() => {|MG1010:new DataContractSerializer(typeof(TrainingOptions))|};
            }
        }
        """);

    [Fact]
    public Task Generated_contexts_options_of_unknown_origin_other_types_and_ModelGen_are_not_reported() => Verify.AnalyzeAsync(Models + """

        namespace App
        {
            using System.IO;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Xml.Serialization;
            using Newtonsoft.Json;
            using ModelGen;
            using Models;

            // What System.Text.Json's source generator emits for [JsonSerializable(typeof(Classifier))], reduced to
            // the members the calls below bind to (the generator itself does not run in these tests).
            [JsonSerializable(typeof(Classifier))]
            partial class AppJsonContext : JsonSerializerContext
            {
                public AppJsonContext() : base(null) { }
                public static AppJsonContext Default { get; } = new();
                public System.Text.Json.Serialization.Metadata.JsonTypeInfo<Classifier> Classifier => throw new System.NotSupportedException();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
            }

            class Store
            {
                private readonly JsonSerializerOptions _options;
                Store(JsonSerializerOptions options) => _options = options;

                string Context(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, AppJsonContext.Default.Classifier);
                object? ContextByType(string json) => System.Text.Json.JsonSerializer.Deserialize(json, typeof(Classifier), AppJsonContext.Default);
                string Resolver(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, new JsonSerializerOptions { TypeInfoResolver = AppJsonContext.Default });
                string Chain(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, new JsonSerializerOptions { TypeInfoResolverChain = { AppJsonContext.Default } });
                string Injected(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, _options);
                // ModelGen's own converters make System.Text.Json write ModelJson.
                string Factory(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, new JsonSerializerOptions { Converters = { new JsonModelConverterFactory().Add<Classifier>() } });
                string Converter(Classifier model) => System.Text.Json.JsonSerializer.Serialize(model, new JsonSerializerOptions { Converters = { new JsonModelConverter<Classifier>() } });
                string InLocal(Classifier model)
                {
                    var options = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonModelConverterFactory().Add<Classifier>() } };
                    return System.Text.Json.JsonSerializer.Serialize(model, options);
                }
                string ResolverInLocal(Classifier model)
                {
                    var options = new JsonSerializerOptions { TypeInfoResolver = AppJsonContext.Default };
                    return System.Text.Json.JsonSerializer.Serialize(model, options);
                }

                string Dto(PlainDto dto) => System.Text.Json.JsonSerializer.Serialize(dto) + JsonConvert.SerializeObject(dto);
                XmlSerializer DtoXml() => new XmlSerializer(typeof(PlainDto));

                byte[] Binary(Classifier model) => ModelSerializer.Serialize(model);
                void ToStream(Stream stream, Classifier model) => ModelSerializer.Serialize(stream, model);
                Classifier FromStream(Stream stream) => ModelSerializer.Deserialize<Classifier>(stream);
                string Json(TrainingOptions options) => ModelJson.Serialize(options);
                TrainingOptions FromJson(string json) => ModelJson.Deserialize<TrainingOptions>(json);
            }
        }
        """);

    [Fact]
    public Task Nothing_is_reported_in_a_project_without_ModelGen() => Verify.AnalyzeAsync("""
        using System.Text.Json;

        class Classifier
        {
            public float[] Weights { get; set; } = System.Array.Empty<float>();
        }

        class Store
        {
            string Save(Classifier model) => JsonSerializer.Serialize(model);
        }
        """, withModelGen: false);
}
