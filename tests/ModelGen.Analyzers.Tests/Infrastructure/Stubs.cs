namespace ModelGen.Analyzers.Tests.Infrastructure;

/// <summary>Source of the assemblies the tests reference but no served package provides: the .NET Framework
/// serializers that .NET 10 does not ship, and a stand-in for ModelGen's runtime API (its real project is built
/// elsewhere). Every type keeps the metadata name of the real one, which is all the analyzers look at.</summary>
internal static class Stubs
{
    public const string LegacySerializers = """
        using System;
        using System.IO;
        using System.Runtime.Serialization;
        using System.Xml;

        namespace System.Runtime.Serialization.Formatters.Soap
        {
            public sealed class SoapFormatter : IFormatter
            {
                public SerializationBinder? Binder { get; set; }
                public StreamingContext Context { get; set; }
                public ISurrogateSelector? SurrogateSelector { get; set; }
                public object Deserialize(Stream serializationStream) => throw new NotSupportedException();
                public void Serialize(Stream serializationStream, object graph) => throw new NotSupportedException();
            }
        }

        namespace System.Runtime.Serialization
        {
            public sealed class NetDataContractSerializer : XmlObjectSerializer, IFormatter
            {
                public SerializationBinder? Binder { get; set; }
                public StreamingContext Context { get; set; }
                public ISurrogateSelector? SurrogateSelector { get; set; }
                public object Deserialize(Stream stream) => throw new NotSupportedException();
                public void Serialize(Stream stream, object graph) => throw new NotSupportedException();
                public override bool IsStartObject(XmlDictionaryReader reader) => throw new NotSupportedException();
                public override object? ReadObject(XmlDictionaryReader reader, bool verifyObjectName) => throw new NotSupportedException();
                public override void WriteEndObject(XmlDictionaryWriter writer) => throw new NotSupportedException();
                public override void WriteObjectContent(XmlDictionaryWriter writer, object? graph) => throw new NotSupportedException();
                public override void WriteStartObject(XmlDictionaryWriter writer, object? graph) => throw new NotSupportedException();
            }
        }

        namespace System.Web.UI
        {
            public interface IStateFormatter
            {
                object Deserialize(string serializedState);
                string Serialize(object state);
            }

            public sealed class LosFormatter
            {
                public object Deserialize(Stream stream) => throw new NotSupportedException();
                public object Deserialize(string input) => throw new NotSupportedException();
                public void Serialize(Stream stream, object value) => throw new NotSupportedException();
            }

            public sealed class ObjectStateFormatter : IStateFormatter, IFormatter
            {
                public SerializationBinder? Binder { get; set; }
                public StreamingContext Context { get; set; }
                public ISurrogateSelector? SurrogateSelector { get; set; }
                public object Deserialize(Stream stream) => throw new NotSupportedException();
                public object Deserialize(string serializedState) => throw new NotSupportedException();
                public void Serialize(Stream stream, object graph) => throw new NotSupportedException();
                public string Serialize(object state) => throw new NotSupportedException();
            }
        }

        namespace System.Web.Script.Serialization
        {
            public abstract class JavaScriptTypeResolver
            {
                public abstract Type? ResolveType(string id);
                public abstract string? ResolveTypeId(Type type);
            }

            public class SimpleTypeResolver : JavaScriptTypeResolver
            {
                public override Type? ResolveType(string id) => Type.GetType(id);
                public override string? ResolveTypeId(Type type) => type.AssemblyQualifiedName;
            }

            public class JavaScriptSerializer
            {
                public JavaScriptSerializer() { }
                public JavaScriptSerializer(JavaScriptTypeResolver? resolver) { }
                public T Deserialize<T>(string input) => throw new NotSupportedException();
                public object DeserializeObject(string input) => throw new NotSupportedException();
                public string Serialize(object obj) => throw new NotSupportedException();
            }
        }
        """;

    /// <summary>The public surface of ModelGen's runtime that the analyzers and code fixes rely on.</summary>
    public const string ModelGenRuntime = """
        using System;
        using System.IO;

        namespace ModelGen
        {
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = false)]
            public class SerializableModelAttribute : Attribute
            {
                public int Version { get; set; } = 1;
                public string? Name { get; set; }
                public ModelNaming Naming { get; set; }
            }

            public enum ModelNaming { CamelCase, SnakeCase, KebabCase, PascalCase, Exact }

            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
            public sealed class ModelUnionAttribute(string tag, Type subtype) : Attribute
            {
                public string Tag { get; } = tag;
                public Type Subtype { get; } = subtype;
            }

            [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
            public sealed class ModelMemberAttribute : Attribute
            {
                public string? Name { get; set; }
                public int Key { get; set; }
            }

            [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
            public sealed class ModelIgnoreAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = true)]
            public sealed class PreviousNameAttribute(string name) : Attribute
            {
                public string Name { get; } = name;
            }

            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
            public sealed class HyperparametersAttribute : SerializableModelAttribute
            {
            }

            /// <summary>Where a struct model keeps members of newer versions (MG0023's fix declares one).</summary>
            public struct KeptMembers
            {
                public object? Members;
            }

            /// <summary>Implemented by the generator on every [SerializableModel] type.</summary>
            public interface IModelSerializable<T> where T : IModelSerializable<T>
            {
            }

            public static class ModelSerializer
            {
                public static byte[] Serialize<T>(T value) where T : IModelSerializable<T> => throw new NotSupportedException();
                public static void Serialize<T>(Stream stream, T value) where T : IModelSerializable<T> => throw new NotSupportedException();
                public static T Deserialize<T>(Stream stream) where T : IModelSerializable<T> => throw new NotSupportedException();
                public static T Deserialize<T>(ReadOnlySpan<byte> data) where T : IModelSerializable<T> => throw new NotSupportedException();
            }

            public static class ModelJson
            {
                public static string Serialize<T>(T value) where T : IModelSerializable<T> => throw new NotSupportedException();
                public static T Deserialize<T>(string json) where T : IModelSerializable<T> => throw new NotSupportedException();
            }

            public sealed class JsonModelConverter<T> : System.Text.Json.Serialization.JsonConverter<T> where T : IModelSerializable<T>
            {
                public override T Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => throw new NotSupportedException();
                public override void Write(System.Text.Json.Utf8JsonWriter writer, T value, System.Text.Json.JsonSerializerOptions options) => throw new NotSupportedException();
            }

            public sealed class JsonModelConverterFactory : System.Text.Json.Serialization.JsonConverterFactory
            {
                public JsonModelConverterFactory Add<T>() where T : IModelSerializable<T> => this;
                public override bool CanConvert(Type typeToConvert) => false;
                public override System.Text.Json.Serialization.JsonConverter? CreateConverter(Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => null;
            }
        }
        """;
}
