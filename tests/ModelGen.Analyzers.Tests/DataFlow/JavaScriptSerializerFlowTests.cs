using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JavaScriptSerializer.SimpleTypeResolverAnalyzer>;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>MG1004 where the SimpleTypeResolver reaches the serializer's constructor through the data flow of the type.</summary>
public sealed class JavaScriptSerializerFlowTests
{
    [Fact]
    public Task Resolver_through_a_parameter_of_a_private_helper_is_reported() => Verify.AnalyzeAsync("""
        using System.Web.Script.Serialization;

        class Store
        {
            object Load(string json) => Make(new SimpleTypeResolver()).DeserializeObject(json);
            private JavaScriptSerializer Make(JavaScriptTypeResolver resolver) => {|MG1004:new JavaScriptSerializer(resolver)|};
        }
        """);

    [Fact]
    public Task Resolver_in_an_instance_or_static_field_is_reported() => Verify.AnalyzeAsync("""
        using System.Web.Script.Serialization;

        class Instance
        {
            private readonly JavaScriptTypeResolver _resolver = new SimpleTypeResolver();
            object Load(string json) => {|MG1004:new JavaScriptSerializer(_resolver)|}.DeserializeObject(json);
        }

        class Static
        {
            private static JavaScriptTypeResolver Resolver;
            static Static() => Resolver = new SimpleTypeResolver();
            object Load(string json) => {|MG1004:new JavaScriptSerializer(Resolver)|}.DeserializeObject(json);
        }
        """);

    [Fact]
    public Task Resolver_from_a_factory_a_local_function_or_a_lambda_is_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Web.Script.Serialization;

        class Store
        {
            static JavaScriptTypeResolver CreateResolver()
            {
                var resolver = new SimpleTypeResolver();
                return resolver;
            }

            object Factory(string json) => {|MG1004:new JavaScriptSerializer(CreateResolver())|}.DeserializeObject(json);

            object LocalFunction(string json)
            {
                return {|MG1004:new JavaScriptSerializer(Resolver())|}.DeserializeObject(json);
                JavaScriptTypeResolver Resolver() => new SimpleTypeResolver();
            }

            object Lambda(string json)
            {
                Func<JavaScriptTypeResolver> resolver = () => new SimpleTypeResolver();
                return {|MG1004:new JavaScriptSerializer(resolver())|}.DeserializeObject(json);
            }

            object LambdaParameter(string json)
            {
                Func<JavaScriptTypeResolver, JavaScriptSerializer> make = r => {|MG1004:new JavaScriptSerializer(r)|};
                return make(new SimpleTypeResolver()).DeserializeObject(json);
            }

            object LocalFunctionParameter(string json)
            {
                return Make(new SimpleTypeResolver()).DeserializeObject(json);
                static JavaScriptSerializer Make(JavaScriptTypeResolver r) => {|MG1004:new JavaScriptSerializer(r)|};
            }
        }
        """);

    [Fact]
    public Task Resolver_built_by_a_helper_two_calls_away_is_reported() => Verify.AnalyzeAsync("""
        using System.Web.Script.Serialization;

        class Store
        {
            private JavaScriptTypeResolver _resolver;
            Store() => _resolver = Resolver();
            JavaScriptTypeResolver Resolver() => Inner();
            JavaScriptTypeResolver Inner() => new SimpleTypeResolver();
            object Load(string json) => Serializer().DeserializeObject(json);
            JavaScriptSerializer Serializer() => {|MG1004:new JavaScriptSerializer(_resolver)|};
        }
        """);

    [Fact]
    public Task Safe_resolvers_through_the_same_paths_are_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Web.Script.Serialization;

        class OnlyLayers : JavaScriptTypeResolver
        {
            public override Type? ResolveType(string id) => id == "layer" ? typeof(int) : null;
            public override string? ResolveTypeId(Type type) => null;
        }

        class Store
        {
            private readonly JavaScriptTypeResolver _resolver = new OnlyLayers();
            private static JavaScriptTypeResolver? Nothing;
            static JavaScriptTypeResolver CreateResolver() => new OnlyLayers();

            object Field(string json) => new JavaScriptSerializer(_resolver).DeserializeObject(json);
            object Static(string json) => new JavaScriptSerializer(Nothing).DeserializeObject(json);
            object Factory(string json) => new JavaScriptSerializer(CreateResolver()).DeserializeObject(json);
            object Parameter(string json) => Make(new OnlyLayers()).DeserializeObject(json);
            private JavaScriptSerializer Make(JavaScriptTypeResolver resolver) => new JavaScriptSerializer(resolver);

            object Lambda(string json)
            {
                Func<JavaScriptTypeResolver> resolver = () => new OnlyLayers();
                return new JavaScriptSerializer(resolver()).DeserializeObject(json);
            }

            object Reassigned(string json)
            {
                JavaScriptTypeResolver resolver = new SimpleTypeResolver();
                resolver = new OnlyLayers();
                return new JavaScriptSerializer(resolver).DeserializeObject(json);
            }
        }
        """);

    [Fact]
    public Task A_resolver_that_may_be_simple_on_one_path_is_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Web.Script.Serialization;

        class OnlyLayers : JavaScriptTypeResolver
        {
            public override Type? ResolveType(string id) => null;
            public override string? ResolveTypeId(Type type) => null;
        }

        class Store
        {
            object Load(string json, bool legacy)
            {
                JavaScriptTypeResolver resolver = new OnlyLayers();
                if (legacy)
                {
                    resolver = new SimpleTypeResolver();
                }

                return {|MG1004:new JavaScriptSerializer(resolver)|}.DeserializeObject(json);
            }
        }
        """);

    /// <summary>The walk is bounded: 4 calls deep (a resolver built 5 calls away is out of reach, documented in
    /// docs/analyzers.md), and recursive helpers end.</summary>
    [Fact]
    public Task Calls_are_followed_four_deep_and_recursion_ends() => Verify.AnalyzeAsync("""
        using System;
        using System.Web.Script.Serialization;

        class OnlyLayers : JavaScriptTypeResolver
        {
            public override Type? ResolveType(string id) => null;
            public override string? ResolveTypeId(Type type) => null;
        }

        class Store
        {
            static JavaScriptTypeResolver R1() => R2();
            static JavaScriptTypeResolver R2() => R3();
            static JavaScriptTypeResolver R3() => R4();
            static JavaScriptTypeResolver R4() => new SimpleTypeResolver();
            static JavaScriptTypeResolver R5() => R1();

            object FourDeep(string json) => {|MG1004:new JavaScriptSerializer(R1())|}.DeserializeObject(json);
            object FiveDeep(string json) => new JavaScriptSerializer(R5()).DeserializeObject(json);

            static JavaScriptTypeResolver Ping(int n) => n == 0 ? new OnlyLayers() : Pong(n - 1);
            static JavaScriptTypeResolver Pong(int n) => Ping(n);
            object Recursive(string json) => new JavaScriptSerializer(Ping(3)).DeserializeObject(json);
        }
        """);
}
