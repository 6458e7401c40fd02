using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JsonNet.TypeNameHandlingAnalyzer>;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>MG1002 where the TypeNameHandling value is not written in the assignment itself.</summary>
public sealed class TypeNameHandlingFlowTests
{
    [Fact]
    public Task Values_in_locals_casts_and_arguments_are_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        class Store
        {
            object? Local(string json)
            {
                var handling = TypeNameHandling.Auto;
                var settings = new JsonSerializerSettings { TypeNameHandling = {|MG1002:handling|} };
                return JsonConvert.DeserializeObject(json, settings);
            }

            object? Cast(string json)
            {
                var handling = (TypeNameHandling)1 | TypeNameHandling.Arrays;
                return JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = {|MG1002:handling|} });
            }

            object? Argument(string json) => JsonConvert.DeserializeObject(json, Settings(TypeNameHandling.Objects));
            private static JsonSerializerSettings Settings(TypeNameHandling handling) => new() { TypeNameHandling = {|MG1002:handling|} };
        }
        """);

    [Fact]
    public Task A_local_that_provably_holds_None_is_not_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        class Store
        {
            private const TypeNameHandling Safe = TypeNameHandling.None;
            private static readonly TypeNameHandling Never = TypeNameHandling.None;

            object? Local(string json)
            {
                var handling = TypeNameHandling.None;
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = handling;
                return JsonConvert.DeserializeObject(json, settings);
            }

            object? Reassigned(string json)
            {
                var handling = TypeNameHandling.All;
                handling = TypeNameHandling.None;
                return JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = handling });
            }

            object? Field(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = Never });
            object? Constant(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = Safe });
            object? Argument(string json) => JsonConvert.DeserializeObject(json, Settings(TypeNameHandling.None));
            private static JsonSerializerSettings Settings(TypeNameHandling handling) => new() { TypeNameHandling = handling };
        }
        """);

    [Fact]
    public Task None_on_one_path_only_and_values_of_unknown_origin_are_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;

        public class Store
        {
            object? Branch(string json, bool legacy)
            {
                var handling = TypeNameHandling.None;
                if (legacy)
                {
                    handling = TypeNameHandling.Objects;
                }

                return JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = {|MG1002:handling|} });
            }

            public static JsonSerializerSettings FromCaller(TypeNameHandling handling) => new() { TypeNameHandling = {|MG1002:handling|} };

            void Pattern(JsonSerializerSettings settings, object configured)
            {
                if (configured is TypeNameHandling handling)
                {
                    settings.TypeNameHandling = {|MG1002:handling|};
                }
            }

            void Loop(JsonSerializerSettings settings, TypeNameHandling[] candidates)
            {
                foreach (var handling in candidates)
                {
                    settings.TypeNameHandling = {|MG1002:handling|};
                }
            }

            void Parsed(JsonSerializerSettings settings, string text)
            {
                if (System.Enum.TryParse(text, out TypeNameHandling handling))
                {
                    settings.TypeNameHandling = {|MG1002:handling|};
                }
            }
        }
        """);
}
