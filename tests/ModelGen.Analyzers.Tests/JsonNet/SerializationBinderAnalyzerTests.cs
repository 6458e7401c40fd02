using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.JsonNet.SerializationBinderAnalyzer>;

namespace ModelGen.Analyzers.Tests.JsonNet;

public sealed class SerializationBinderAnalyzerTests
{
    [Fact]
    public Task Default_binder_assigned_as_binder_is_reported() => Verify.AnalyzeAsync("""
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        class KeepsDefault : DefaultSerializationBinder
        {
        }

        class Store
        {
            JsonSerializerSettings Settings() => new JsonSerializerSettings
            {
                TypeNameHandling = TypeNameHandling.Auto,
                SerializationBinder = {|MG1003:new DefaultSerializationBinder()|},
            };

            void Configure(JsonSerializer serializer)
            {
                ISerializationBinder binder = new KeepsDefault();
                serializer.SerializationBinder = {|MG1003:binder|};
            }
        }
        """);

    [Fact]
    public Task Binder_that_resolves_any_name_is_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Reflection;
        using Newtonsoft.Json.Serialization;

        class AnyType : ISerializationBinder
        {
            public Type {|MG1003:BindToType|}(string? assemblyName, string typeName) => Type.GetType($"{typeName}, {assemblyName}")!;
            public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
            {
                assemblyName = serializedType.Assembly.FullName;
                typeName = serializedType.FullName;
            }
        }

        class AnyTypeFromAssembly : System.Runtime.Serialization.SerializationBinder
        {
            public override Type {|MG1003:BindToType|}(string assemblyName, string typeName)
            {
                var assembly = Assembly.Load(assemblyName);
                return assembly.GetType(typeName)!;
            }
        }

        class Wrapper : DefaultSerializationBinder
        {
            public override Type {|MG1003:BindToType|}(string? assemblyName, string typeName) => base.BindToType(assemblyName, typeName);
        }
        """);

    [Fact]
    public Task Restricting_binders_are_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Collections.Generic;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        class AllowList : ISerializationBinder
        {
            private static readonly Dictionary<string, Type> Known = new() { ["layer"] = typeof(int) };
            public Type BindToType(string? assemblyName, string typeName) => Known[typeName];
            public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) => throw new NotSupportedException();
        }

        class Checked : DefaultSerializationBinder
        {
            public override Type BindToType(string? assemblyName, string typeName)
            {
                var type = base.BindToType(assemblyName, typeName);
                if (type.Namespace != "MyModels")
                {
                    throw new JsonSerializationException($"Type {typeName} is not allowed.");
                }

                return type;
            }
        }

        class OrNull : System.Runtime.Serialization.SerializationBinder
        {
            public override Type? BindToType(string assemblyName, string typeName) =>
                typeName == "MyModels.Layer" ? Type.GetType(typeName) : null;
        }

        class Store
        {
            JsonSerializerSettings Settings() => new JsonSerializerSettings { SerializationBinder = new AllowList() };
        }
        """);
}
