using System.Threading.Tasks;
using ModelGen.CodeFixes.JsonNet;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JsonNet.TypeNameHandlingAnalyzer>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

public sealed class TypeNameHandlingCodeFixTests
{
    [Fact]
    public Task Constant_values_become_None_everywhere_in_the_document() => Verify.FixAsync<TypeNameHandlingCodeFixProvider>("""
        using Newtonsoft.Json;
        using Json = Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = {|MG1002:TypeNameHandling.All|})]
        class Model
        {
            [JsonProperty(TypeNameHandling = {|MG1002:Json.TypeNameHandling.Auto|})]
            public object? Payload { get; set; }

            static JsonSerializerSettings Settings(TypeNameHandling fromConfig)
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = {|MG1002:TypeNameHandling.Objects|} };
                settings.TypeNameHandling = {|MG1002:TypeNameHandling.Arrays | TypeNameHandling.Objects|};
                settings.TypeNameHandling = {|MG1002:fromConfig|};
                return settings;
            }
        }
        """, """
        using Newtonsoft.Json;
        using Json = Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = TypeNameHandling.None)]
        class Model
        {
            [JsonProperty(TypeNameHandling = Json.TypeNameHandling.None)]
            public object? Payload { get; set; }

            static JsonSerializerSettings Settings(TypeNameHandling fromConfig)
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
                settings.TypeNameHandling = TypeNameHandling.None;
                settings.TypeNameHandling = {|MG1002:fromConfig|};
                return settings;
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_project_fixes_every_document()
    {
        var test = Verify.CodeFixTest<TypeNameHandlingCodeFixProvider>(
            [
                """
                using Newtonsoft.Json;
                static class A { public static JsonSerializerSettings Settings => new() { TypeNameHandling = {|MG1002:TypeNameHandling.Auto|} }; }
                """,
                """
                using static Newtonsoft.Json.TypeNameHandling;
                static class B { public static Newtonsoft.Json.JsonSerializerSettings Settings => new() { TypeNameHandling = {|MG1002:All|} }; }
                """,
            ],
            [
                """
                using Newtonsoft.Json;
                static class A { public static JsonSerializerSettings Settings => new() { TypeNameHandling = TypeNameHandling.None }; }
                """,
                """
                using static Newtonsoft.Json.TypeNameHandling;
                static class B { public static Newtonsoft.Json.JsonSerializerSettings Settings => new() { TypeNameHandling = None }; }
                """,
            ]);
        // Fix-all in one document cannot fix the other one; project and solution scope must fix both.
        test.CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        return test.RunAsync();
    }
}
