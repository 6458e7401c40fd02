using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.XmlSerializers.TypeFromStringAnalyzer>;

namespace ModelGen.Analyzers.Tests.XmlSerializers;

public sealed class TypeFromStringAnalyzerTests
{
    [Fact]
    public Task Serializers_for_a_type_named_at_run_time_are_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Reflection;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Json;
        using System.Xml.Serialization;

        class Store
        {
            XmlSerializer Xml(string typeName) => {|MG1007:new XmlSerializer(Type.GetType(typeName)!)|};

            DataContractSerializer Contract(string typeName)
            {
                var type = Type.GetType(typeName, throwOnError: true)!;
                return {|MG1007:new DataContractSerializer(type)|};
            }

            DataContractJsonSerializer Json(Assembly assembly, string typeName) =>
                {|MG1007:new DataContractJsonSerializer(assembly.GetType(typeName)!)|};
        }
        """);

    [Fact]
    public Task Serializers_for_known_types_are_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Runtime.Serialization;
        using System.Xml.Serialization;

        public class Layer { public float[] Weights { get; set; } = Array.Empty<float>(); }

        class Store
        {
            XmlSerializer Typed() => new XmlSerializer(typeof(Layer));
            XmlSerializer Constant() => new XmlSerializer(Type.GetType("Layer")!);
            DataContractSerializer FromValue(object value) => new DataContractSerializer(value.GetType());
            DataContractSerializer Given(Type type) => new DataContractSerializer(type);
        }
        """);
}
