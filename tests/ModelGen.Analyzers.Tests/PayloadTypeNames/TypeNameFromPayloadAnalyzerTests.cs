using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.PayloadTypeNames.TypeNameFromPayloadAnalyzer>;

namespace ModelGen.Analyzers.Tests.PayloadTypeNames;

public sealed class TypeNameFromPayloadAnalyzerTests
{
    [Fact]
    public Task Names_read_from_a_binary_reader_are_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.IO;
        using System.Reflection;

        class Store
        {
            object Load(Stream stream)
            {
                using var reader = new BinaryReader(stream);
                var assemblyName = reader.ReadString();
                var typeName = reader.ReadString();
                var assembly = {|MG1009:Assembly.Load(assemblyName)|};
                return {|MG1009:Activator.CreateInstance(assembly.GetType(typeName)!)|}!;
            }

            object? ByName(BinaryReader reader) => {|MG1009:Activator.CreateInstance("Models", reader.ReadString().Trim())|};
        }
        """);

    [Fact]
    public Task Names_read_from_text_xml_and_json_documents_are_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.IO;
        using System.Runtime.Serialization;
        using System.Text.Json;
        using System.Xml;
        using System.Xml.Linq;
        using Newtonsoft.Json.Linq;

        class Store
        {
            object? Text(TextReader reader)
            {
                var parts = reader.ReadLine()!.Split(',');
                var type = Type.GetType(parts[0]);
                return {|MG1009:Activator.CreateInstance(type!)|};
            }

            object? Xml(XmlReader reader) => {|MG1009:Activator.CreateInstance(Type.GetType(reader.GetAttribute("type")!)!)|};
            object? Linq(XElement element) => {|MG1009:Activator.CreateInstance(Type.GetType((string)element.Attribute("type")!)!)|};
            object? Json(JsonElement element) => {|MG1009:Activator.CreateInstance(Type.GetType(element.GetProperty("$type").GetString()!)!)|};
            object? JsonNet(JObject document) => {|MG1009:Activator.CreateInstance(Type.GetType(document["$type"]!.Value<string>()!)!)|};
            object? Concatenated(JObject document) => {|MG1009:Activator.CreateInstance(Type.GetType($"Models.{(string?)document["kind"]}")!)|};

            object? Info(SerializationInfo info) => {|MG1009:Activator.CreateInstance(Type.GetType(info.GetString("type")!)!)|};
        }
        """);

    [Fact]
    public Task Constants_and_names_that_are_not_from_the_payload_are_not_reported() => Verify.AnalyzeAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Reflection;

        class Layer { public Layer(string name) { } }

        class Store
        {
            private static readonly Dictionary<string, Type> Known = new() { ["layer"] = typeof(Layer) };

            object? Load(BinaryReader reader, string configuredType)
            {
                Assembly.Load("Models");
                Activator.CreateInstance(typeof(Layer), reader.ReadString());
                Activator.CreateInstance(Type.GetType("Layer")!, new object[] { reader.ReadString() });
                Activator.CreateInstance(Known[reader.ReadString()]);
                Activator.CreateInstance(Type.GetType(configuredType)!);
                return Activator.CreateInstance<Layer>();
            }
        }
        """);
}
