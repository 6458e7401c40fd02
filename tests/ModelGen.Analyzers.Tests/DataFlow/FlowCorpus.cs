namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>Insecure-deserialization snippets in the categories of issue 14, written for this project: each unsafe one
/// must raise an MG1xxx rule, each safe one none. The comparison test runs the .NET SDK's CA23xx/CA53xx rules on the
/// same snippets, and the analyzer-cost benchmark (bench/ModelGen.Benchmarks) copies them into its synthetic corpus.
/// Every snippet is one file with a file-scoped <c>namespace Corpus;</c>, so copies can be renamed apart.</summary>
public static class FlowCorpus
{
    public static readonly (string Name, string Source)[] Unsafe =
    [
        ("JavaScriptSerializer: resolver through a parameter", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssParameter
            {
                public object Load(string json) => Make(new SimpleTypeResolver()).DeserializeObject(json);
                private JavaScriptSerializer Make(JavaScriptTypeResolver resolver) => new JavaScriptSerializer(resolver);
            }
            """),
        ("JavaScriptSerializer: resolver in an instance field", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssInstanceField
            {
                private readonly JavaScriptTypeResolver _resolver = new SimpleTypeResolver();
                public T Load<T>(string json) => new JavaScriptSerializer(_resolver).Deserialize<T>(json);
            }
            """),
        ("JavaScriptSerializer: serializer in a static field", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssStaticField
            {
                private static readonly JavaScriptSerializer Serializer = new JavaScriptSerializer(new SimpleTypeResolver());
                public object Load(string json) => Serializer.DeserializeObject(json);
            }
            """),
        ("JavaScriptSerializer: resolver from a factory method", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssFactory
            {
                private static JavaScriptTypeResolver CreateResolver() => new SimpleTypeResolver();
                public object Load(string json)
                {
                    var serializer = new JavaScriptSerializer(CreateResolver());
                    return serializer.DeserializeObject(json);
                }
            }
            """),
        ("JavaScriptSerializer: resolver from a local function", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssLocalFunction
            {
                public object Load(string json)
                {
                    return new JavaScriptSerializer(Resolver()).DeserializeObject(json);
                    static JavaScriptTypeResolver Resolver() => new SimpleTypeResolver();
                }
            }
            """),
        ("JavaScriptSerializer: resolver from a lambda", """
            using System;
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssLambda
            {
                public object Load(string json)
                {
                    Func<JavaScriptTypeResolver> resolver = () => new SimpleTypeResolver();
                    return new JavaScriptSerializer(resolver()).DeserializeObject(json);
                }
            }
            """),
        ("JavaScriptSerializer: serializer from a helper", """
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class JssHelper
            {
                private JavaScriptTypeResolver _resolver;
                public JssHelper() => _resolver = Resolver();
                private static JavaScriptTypeResolver Resolver() => new SimpleTypeResolver();
                private JavaScriptSerializer Serializer() => new JavaScriptSerializer(_resolver);
                public object Load(string json) => Serializer().DeserializeObject(json);
            }
            """),
        ("Json.NET: TypeNameHandling stored in a local", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhLocal
            {
                public object? Load(string json)
                {
                    var handling = TypeNameHandling.Auto;
                    var settings = new JsonSerializerSettings { TypeNameHandling = handling };
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """),
        ("Json.NET: TypeNameHandling cast from an integer", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhCast
            {
                public object? Load(string json)
                {
                    var settings = new JsonSerializerSettings();
                    settings.TypeNameHandling = (TypeNameHandling)1 | TypeNameHandling.Arrays;
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """),
        ("Json.NET: TypeNameHandling passed as an argument", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhArgument
            {
                public object? Load(string json) => JsonConvert.DeserializeObject(json, Settings(TypeNameHandling.Objects));
                private static JsonSerializerSettings Settings(TypeNameHandling handling) => new JsonSerializerSettings { TypeNameHandling = handling };
            }
            """),
        ("XmlSerializer for a public method's Type parameter", """
            using System;
            using System.IO;
            using System.Xml.Serialization;
            namespace Corpus;
            public class XmlTypeParameter
            {
                public object? Load(Stream stream, Type type) => new XmlSerializer(type).Deserialize(stream);
            }
            """),
        ("DataContractSerializer for a public method's Type parameter", """
            using System;
            using System.IO;
            using System.Runtime.Serialization;
            namespace Corpus;
            public class ContractTypeParameter
            {
                public object? Load(Stream stream, Type type)
                {
                    var serializer = new DataContractSerializer(type);
                    return serializer.ReadObject(stream);
                }
            }
            """),
        ("DataContractJsonSerializer for a public method's Type parameter", """
            using System;
            using System.IO;
            using System.Runtime.Serialization.Json;
            namespace Corpus;
            public class JsonContractTypeParameter
            {
                public object? Load(Stream stream, Type type) => new DataContractJsonSerializer(type).ReadObject(stream);
            }
            """),
        ("XmlSerializer for a Type passed on to a helper", """
            using System;
            using System.IO;
            using System.Xml.Serialization;
            namespace Corpus;
            public class XmlTypeHelper
            {
                public object? Load(Stream stream, Type type) => Read(stream, type);
                private static object? Read(Stream stream, Type type) => new XmlSerializer(type).Deserialize(stream);
            }
            """),
        ("DataSet.ReadXml in a generated typed data set", """
            // <auto-generated/>
            using System.Data;
            using System.Xml;
            namespace Corpus;
            public partial class LayersDataSet : DataSet
            {
                protected override void ReadXmlSerializable(XmlReader reader)
                {
                    ReadXml(reader);
                }
            }
            """),
        ("BinaryFormatter behind an IFormatter field", """
            using System.IO;
            using System.Runtime.Serialization;
            using System.Runtime.Serialization.Formatters.Binary;
            namespace Corpus;
            public class FormatterField
            {
                private readonly IFormatter _formatter = new BinaryFormatter();
                public object Load(Stream stream) => _formatter.Deserialize(stream);
            }
            """),
        ("BinaryFormatter deserializing a stream", """
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            namespace Corpus;
            public class FormatterDirect
            {
                public object Load(Stream stream) => new BinaryFormatter().Deserialize(stream);
            }
            """),
        ("DataSet.ReadXml on a stream", """
            using System.Data;
            using System.IO;
            namespace Corpus;
            public class DataSetRead
            {
                public DataSet Load(Stream stream)
                {
                    var set = new DataSet();
                    set.ReadXml(stream);
                    return set;
                }
            }
            """),
        ("Json.NET: TypeNameHandling.All in an initializer", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhInitializer
            {
                public object? Load(string json) =>
                    JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All });
            }
            """),
    ];

    public static readonly (string Name, string Source)[] Safe =
    [
        ("Json.NET: a local that provably holds None", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhNoneLocal
            {
                public object? Load(string json)
                {
                    var handling = TypeNameHandling.None;
                    var settings = new JsonSerializerSettings();
                    settings.TypeNameHandling = handling;
                    return JsonConvert.DeserializeObject(json, settings);
                }
            }
            """),
        ("Json.NET: None passed to a helper", """
            using Newtonsoft.Json;
            namespace Corpus;
            public class TnhNoneArgument
            {
                public object? Load(string json) => JsonConvert.DeserializeObject(json, Settings(TypeNameHandling.None));
                private static JsonSerializerSettings Settings(TypeNameHandling handling) => new JsonSerializerSettings { TypeNameHandling = handling };
            }
            """),
        ("JavaScriptSerializer: a restricting resolver from a factory", """
            using System;
            using System.Web.Script.Serialization;
            namespace Corpus;
            public class OnlyLayers : JavaScriptTypeResolver
            {
                public override Type? ResolveType(string id) => id == "layer" ? typeof(int) : null;
                public override string? ResolveTypeId(Type type) => null;
            }
            public class JssSafeFactory
            {
                private static JavaScriptTypeResolver CreateResolver() => new OnlyLayers();
                public object Load(string json) => new JavaScriptSerializer(CreateResolver()).DeserializeObject(json);
                public object Plain(string json) => new JavaScriptSerializer().DeserializeObject(json);
            }
            """),
        ("XmlSerializer for types the code chooses", """
            using System;
            using System.IO;
            using System.Xml;
            using System.Xml.Serialization;
            namespace Corpus;
            public class Layer { public int Units { get; set; } }
            public class XmlFixedType
            {
                public Layer? Load(Stream stream) => (Layer?)Read(XmlReader.Create(stream), typeof(Layer));
                private static object? Read(XmlReader reader, Type type) => new XmlSerializer(type).Deserialize(reader);
                public void Save(Stream stream, object value, Type type) => new XmlSerializer(type).Serialize(stream, value);
            }
            """),
        ("MessagePack with UntrustedData", """
            using MessagePack;
            namespace Corpus;
            public class PackUntrusted
            {
                private static readonly MessagePackSerializerOptions Options =
                    MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);
                public int[] Load(byte[] data) => MessagePackSerializer.Deserialize<int[]>(data, Options);
            }
            """),
    ];
}
