using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Analyzers.Tests.SafeCode;

/// <summary>All ModelGen analyzers together over ordinary, safe persistence code: not one diagnostic.</summary>
public sealed class SafeCodeTests
{
    [Fact]
    public Task System_Text_Json_MessagePack_protobuf_net_and_ModelGen_raise_nothing() => AllAnalyzers.AnalyzeAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Xml.Serialization;
        using MessagePack;
        using MessagePack.Resolvers;
        using ModelGen;
        using ProtoBuf;

        [SerializableModel]
        public partial class Classifier : IModelSerializable<Classifier>
        {
            public float[] Weights { get; set; } = Array.Empty<float>();
        }

        public class Settings
        {
            public string Name { get; set; } = "";
            public Dictionary<string, int> Sizes { get; set; } = new();
        }

        [MessagePackObject]
        public class Layer
        {
            [Key(0)] public float[] Weights { get; set; } = Array.Empty<float>();
        }

        [ProtoContract]
        public class Checkpoint
        {
            [ProtoMember(1)] public int Epoch { get; set; }
            [ProtoMember(2)] public List<float> Loss { get; set; } = new();
        }

        [JsonSerializable(typeof(Settings))]
        internal partial class SettingsContext : JsonSerializerContext
        {
            public SettingsContext() : base(null) { }
            public static SettingsContext Default { get; } = new();
            public System.Text.Json.Serialization.Metadata.JsonTypeInfo<Settings> Settings => throw new NotSupportedException();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        public static class Persistence
        {
            private static readonly MessagePackSerializerOptions Untrusted =
                MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

            public static string Json(Settings settings) => JsonSerializer.Serialize(settings);
            public static Settings? JsonBack(string json) => JsonSerializer.Deserialize<Settings>(json, new JsonSerializerOptions { WriteIndented = true });
            public static string JsonContext(Settings settings) => JsonSerializer.Serialize(settings, SettingsContext.Default.Settings);
            public static Settings? JsonDocument(string json) => JsonSerializer.Deserialize<Settings>(System.Text.Json.JsonDocument.Parse(json).RootElement.GetRawText());

            public static byte[] Pack(Layer layer) => MessagePackSerializer.Serialize(layer, Untrusted);
            public static Layer Unpack(byte[] data) => MessagePackSerializer.Deserialize<Layer>(data, Untrusted);
            public static Layer UnpackDefault(byte[] data) => MessagePackSerializer.Deserialize<Layer>(data);

            public static void Proto(Stream stream, Checkpoint checkpoint) => Serializer.Serialize(stream, checkpoint);
            public static Checkpoint ProtoBack(Stream stream) => Serializer.Deserialize<Checkpoint>(stream);

            public static XmlSerializer Xml() => new XmlSerializer(typeof(Settings));

            public static void Model(Stream stream, Classifier model) => ModelSerializer.Serialize(stream, model);
            public static Classifier ModelBack(Stream stream) => ModelSerializer.Deserialize<Classifier>(stream);
            public static string ModelText(Classifier model) => ModelJson.Serialize(model);
            public static Classifier ModelTextBack(string json) => ModelJson.Deserialize<Classifier>(json);

            public static object? Plugin(BinaryReader reader)
            {
                var kind = reader.ReadString();
                var type = kind switch { "classifier" => typeof(Classifier), _ => throw new InvalidDataException(kind) };
                return Activator.CreateInstance(type);
            }
        }

        public class Restricted : Newtonsoft.Json.Serialization.ISerializationBinder
        {
            private static readonly Dictionary<string, Type> Known = new() { ["settings"] = typeof(Settings) };
            public Type BindToType(string? assemblyName, string typeName) =>
                Known.TryGetValue(typeName, out var type) ? type : throw new InvalidDataException(typeName);
            public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
            {
                assemblyName = null;
                typeName = System.Linq.Enumerable.First(Known, pair => pair.Value == serializedType).Key;
            }
        }
        """);

    [Fact]
    public void The_test_runs_every_analyzer_of_the_assembly() =>
        Assert.Equal(18, AllAnalyzers.Instances.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).Distinct().Count());

    /// <summary>Runs every analyzer of ModelGen.Analyzers at once.</summary>
    private sealed class AllAnalyzers : CSharpAnalyzerTest<ModelGen.Analyzers.Formatters.InsecureFormatterAnalyzer, DefaultVerifier>
    {
        public static readonly DiagnosticAnalyzer[] Instances = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToArray();

        public static Task AnalyzeAsync(string source)
        {
            var test = new AllAnalyzers { TestCode = source, ReferenceAssemblies = TestReferences.Net100 };
            TestReferences.AddTo(test.TestState);
            return test.RunAsync();
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Instances;
    }
}
