using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JavaScriptSerializer.SimpleTypeResolverAnalyzer>;

namespace ModelGen.Analyzers.Tests.JavaScriptSerializer;

public sealed class SimpleTypeResolverAnalyzerTests
{
    [Fact]
    public Task Serializer_with_SimpleTypeResolver_is_reported() => Verify.AnalyzeAsync("""
        using System.Web.Script.Serialization;

        class Store
        {
            object Load(string json) => {|MG1004:new JavaScriptSerializer(new SimpleTypeResolver())|}.DeserializeObject(json);

            JavaScriptSerializer ThroughLocal()
            {
                JavaScriptTypeResolver resolver = new SimpleTypeResolver();
                return {|MG1004:new JavaScriptSerializer(resolver)|};
            }
        }
        """);

    [Fact]
    public Task Serializer_without_a_resolver_or_with_a_custom_one_is_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Web.Script.Serialization;

        class OnlyLayers : JavaScriptTypeResolver
        {
            public override Type? ResolveType(string id) => id == "layer" ? typeof(int) : null;
            public override string? ResolveTypeId(Type type) => null;
        }

        class Store
        {
            object Plain(string json) => new JavaScriptSerializer().DeserializeObject(json);
            object Custom(string json) => new JavaScriptSerializer(new OnlyLayers()).DeserializeObject(json);
            object Null(string json) => new JavaScriptSerializer(null).DeserializeObject(json);
        }
        """);
}
