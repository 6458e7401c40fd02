using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JsonNet.TypeNameHandlingAnalyzer>;

namespace ModelGen.Analyzers.Tests.JsonNet;

public sealed class TypeNameHandlingAnalyzerTests
{
    [Fact]
    public Task Settings_serializer_and_initializers_are_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        class Store
        {
            JsonSerializerSettings Settings() => new JsonSerializerSettings { TypeNameHandling = {|MG1002:TypeNameHandling.All|} };

            JsonSerializer Serializer(TypeNameHandling fromConfig)
            {
                var serializer = JsonSerializer.Create();
                serializer.TypeNameHandling = {|MG1002:TypeNameHandling.Objects|};
                serializer.TypeNameHandling |= {|MG1002:TypeNameHandling.Arrays|};
                serializer.TypeNameHandling = {|MG1002:fromConfig|};
                return serializer;
            }

            void Later(JsonSerializerSettings settings) =>
                settings.TypeNameHandling = {|MG1002:TypeNameHandling.Auto | TypeNameHandling.Objects|};
        }
        """);

    [Fact]
    public Task Contract_resolver_settings_are_reported() => Verify.AnalyzeAsync("""
        using System.Reflection;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        class Resolver : DefaultContractResolver
        {
            protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
            {
                var property = base.CreateProperty(member, memberSerialization);
                property.ItemTypeNameHandling = {|MG1002:TypeNameHandling.Auto|};
                property.TypeNameHandling = null;
                return property;
            }
        }
        """);

    [Fact]
    public Task Attribute_arguments_are_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = {|MG1002:TypeNameHandling.All|})]
        class Model
        {
            [JsonProperty(TypeNameHandling = {|MG1002:TypeNameHandling.Auto|}, ItemTypeNameHandling = TypeNameHandling.None)]
            public object? Payload { get; set; }

            [JsonProperty("items", ItemTypeNameHandling = {|MG1002:TypeNameHandling.Objects|})]
            public object[]? Items;

            public Model([JsonProperty(TypeNameHandling = {|MG1002:TypeNameHandling.All|})] object? payload) => Payload = payload;
        }

        [JsonArray(ItemTypeNameHandling = {|MG1002:TypeNameHandling.Arrays|})]
        class Items : System.Collections.Generic.List<object>
        {
        }
        """);

    [Fact]
    public Task None_is_not_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = TypeNameHandling.None)]
        class Model
        {
            [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
            public object? Payload { get; set; }

            static string Write(Model model)
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None, Formatting = Formatting.Indented };
                var serializer = JsonSerializer.Create(settings);
                serializer.TypeNameHandling = TypeNameHandling.None;
                return JsonConvert.SerializeObject(model, settings);
            }
        }

        class Config
        {
            // A property of the application's own, not Json.NET's.
            public TypeNameHandling Handling { get; set; }
            static Config Make() => new Config { Handling = TypeNameHandling.All };
        }
        """);
}
