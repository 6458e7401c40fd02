using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.XmlSerializers.TypeFromStringAnalyzer>;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>MG1007's decision on a Type that a public method receives: reported when that serializer reads, since
/// callers in other assemblies choose the type (the analyzer cannot see them); not when only its own code chooses.</summary>
public sealed class SerializerTypeFlowTests
{
    [Fact]
    public Task A_Type_parameter_of_a_public_method_that_deserializes_is_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.IO;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Json;
        using System.Xml.Serialization;

        public class Store
        {
            public object? Xml(Stream stream, Type type) => {|MG1007:new XmlSerializer(type)|}.Deserialize(stream);

            public object? Contract(Stream stream, Type type)
            {
                var serializer = {|MG1007:new DataContractSerializer(type)|};
                return serializer.ReadObject(stream);
            }

            protected object? Json(Stream stream, Type type)
            {
                XmlObjectSerializer serializer = {|MG1007:new DataContractJsonSerializer(type)|};
                return serializer.ReadObject(stream);
            }

            public object? ThroughHelper(Stream stream, Type type) => Read(stream, type);
            private static object? Read(Stream stream, Type type) => {|MG1007:new XmlSerializer(type)|}.Deserialize(stream);
        }
        """);

    [Fact]
    public Task A_name_resolved_by_a_helper_is_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.IO;
        using System.Xml.Serialization;

        class Store
        {
            private static Type? Resolve(string name) => Type.GetType(name);
            object? Load(Stream stream, string name) => {|MG1007:new XmlSerializer(Resolve(name)!)|}.Deserialize(stream);
        }
        """);

    [Fact]
    public Task Types_chosen_by_the_code_itself_or_serializers_that_only_write_are_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.IO;
        using System.Runtime.Serialization;
        using System.Xml.Serialization;

        public class Layer { public int Units { get; set; } }

        public class Store
        {
            public object? Layer(Stream stream) => Read(stream, typeof(Layer));
            private static object? Read(Stream stream, Type type) => new XmlSerializer(type).Deserialize(stream);

            public void Write(Stream stream, object value, Type type) => new XmlSerializer(type).Serialize(stream, value);
            public void WriteContract(Stream stream, object value, Type type) => new DataContractSerializer(type).WriteObject(stream, value);

            internal object? Internal(Stream stream, Type type) => new XmlSerializer(type).Deserialize(stream);
        }

        class NotPublic
        {
            public object? Load(Stream stream, Type type) => new XmlSerializer(type).Deserialize(stream);
        }
        """);
}
