using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ModelGen.Internal;
using ModelGen.Schema;

namespace ModelGen.Tool;

/// <summary>One generated model found in a compiled assembly: its schema document (what <c>ModelSchema.ToJson()</c>
/// writes) and its JSON Schema, both read from constants in the assembly's metadata — the assembly is never loaded
/// or run, so a tool of any version reads an assembly of any target framework.</summary>
internal sealed record CompiledModel(string TypeName, ModelSchema Schema, SchemaEntry Entry, string? JsonSchema);

/// <summary>What an assembly's metadata says about its models: their schemas and the names of its enum values (the
/// schema type <c>enum:Name</c> names the enum but not its values).</summary>
internal sealed record CompiledAssembly(IReadOnlyList<CompiledModel> Models, IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> Enums);

internal static class SchemaMetadata
{
    private const string SchemaDocumentField = "__ModelGenSchemaDocument";
    private const string JsonSchemaField = "JsonSchema";          // a constant, from generators before issue 15
    private const string JsonSchemaBodyField = "__ModelGenJsonSchemaBody"; // a model's own part of its JSON Schema

    public static List<CompiledModel> Read(string assemblyPath) => ReadAssembly(assemblyPath).Models.ToList();

    public static CompiledAssembly ReadAssembly(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new InvalidDataException($"{assemblyPath} is not a .NET assembly");
        MetadataReader md = pe.GetMetadataReader();
        var models = new List<CompiledModel>();
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        var enums = new Dictionary<string, IReadOnlyDictionary<long, string>>(StringComparer.Ordinal);
        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            if (IsEnum(md, type))
            {
                // Keyed by the simple name, as the schema names an enum; the first enum of a name wins.
                enums.TryAdd(md.GetString(type.Name), EnumValues(md, type));
                continue;
            }
            string? document = null, jsonSchema = null, body = null;
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fieldHandle);
                string name = md.GetString(field.Name);
                if (name is not (SchemaDocumentField or JsonSchemaField or JsonSchemaBodyField)) continue;
                ConstantHandle constant = field.GetDefaultValue();
                if (constant.IsNil) continue;
                Constant value = md.GetConstant(constant);
                if (value.TypeCode != ConstantTypeCode.String) continue;
                BlobReader blob = md.GetBlobReader(value.Value);
                string text = blob.ReadUTF16(blob.Length);
                if (name == SchemaDocumentField) document = text;
                else if (name == JsonSchemaField) jsonSchema = text;
                else body = text;
            }
            if (document is null) continue;
            var model = new CompiledModel(FullName(md, type), ModelSchema.ReadJson(document)[0], SchemaDocument.Read(document)[0], jsonSchema);
            if (body is not null) bodies[model.Schema.Name] = body;
            models.Add(model);
        }
        // The generator writes each model's own part; the document joins the parts of every model it reaches, as the
        // generated JsonSchema property does at run time (ModelGen.Internal.JsonSchemaPart).
        models = models.Select(m => m.JsonSchema is null && bodies.TryGetValue(m.Schema.Name, out string? own)
            ? m with { JsonSchema = JsonSchemaDocument.Compose(m.Schema.Name, m.Schema.Version, own, Reachable(m.Schema.Name, bodies)) }
            : m).ToList();
        return new CompiledAssembly(models.OrderBy(m => m.Schema.Name, StringComparer.Ordinal).ToList(), enums);
    }

    // The models a part references ({ "$ref": "#/$defs/Name" }), and the models those reference, by model name.
    private static IEnumerable<KeyValuePair<string, string>> Reachable(string root, Dictionary<string, string> bodies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root };
        var pending = new Queue<string>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            foreach (System.Text.RegularExpressions.Match m in References.Matches(bodies[pending.Dequeue()]))
            {
                string name = System.Text.Json.JsonSerializer.Deserialize<string>(m.Groups[1].Value)!.Substring("#/$defs/".Length);
                if (!bodies.TryGetValue(name, out string? body) || !seen.Add(name)) continue;
                pending.Enqueue(name);
                yield return new KeyValuePair<string, string>(name, body);
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex References =
        new("\\{ \"\\$ref\": (\"#/\\$defs/(?:[^\"\\\\]|\\\\.)*\") \\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool IsEnum(MetadataReader md, TypeDefinition type)
    {
        if (type.BaseType.IsNil || type.BaseType.Kind != HandleKind.TypeReference) return false;
        TypeReference baseType = md.GetTypeReference((TypeReferenceHandle)type.BaseType);
        return md.GetString(baseType.Name) == "Enum" && md.GetString(baseType.Namespace) == "System";
    }

    private static Dictionary<long, string> EnumValues(MetadataReader md, TypeDefinition type)
    {
        var values = new Dictionary<long, string>();
        foreach (FieldDefinitionHandle handle in type.GetFields())
        {
            FieldDefinition field = md.GetFieldDefinition(handle);
            ConstantHandle constant = field.GetDefaultValue();
            if (constant.IsNil) continue; // value__
            Constant value = md.GetConstant(constant);
            BlobReader blob = md.GetBlobReader(value.Value);
            long? number = value.TypeCode switch
            {
                ConstantTypeCode.SByte => (long?)blob.ReadSByte(),
                ConstantTypeCode.Byte => blob.ReadByte(),
                ConstantTypeCode.Int16 => blob.ReadInt16(),
                ConstantTypeCode.UInt16 => blob.ReadUInt16(),
                ConstantTypeCode.Int32 => blob.ReadInt32(),
                ConstantTypeCode.UInt32 => blob.ReadUInt32(),
                ConstantTypeCode.Int64 => blob.ReadInt64(),
                ConstantTypeCode.UInt64 => (long)blob.ReadUInt64(), // reinterpreted, as the format writes it
                _ => null,
            };
            if (number is long n) values.TryAdd(n, md.GetString(field.Name));
        }
        return values;
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        string name = md.GetString(type.Name);
        if (type.GetDeclaringType() is { IsNil: false } outer) return FullName(md, md.GetTypeDefinition(outer)) + "+" + name;
        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
