using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ModelGen.Tool;

/// <summary>One generated model found in a compiled assembly: its schema document (what <c>ModelSchema.ToJson()</c>
/// writes) and its JSON Schema, both read from constants in the assembly's metadata — the assembly is never loaded
/// or run, so a tool of any version reads an assembly of any target framework.</summary>
internal sealed record CompiledModel(string TypeName, ModelSchema Schema, string? JsonSchema);

internal static class SchemaMetadata
{
    private const string SchemaDocumentField = "__ModelGenSchemaDocument";
    private const string JsonSchemaField = "JsonSchema";

    public static List<CompiledModel> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new InvalidDataException($"{assemblyPath} is not a .NET assembly");
        MetadataReader md = pe.GetMetadataReader();
        var models = new List<CompiledModel>();
        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string? document = null, jsonSchema = null;
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fieldHandle);
                string name = md.GetString(field.Name);
                if (name is not (SchemaDocumentField or JsonSchemaField)) continue;
                ConstantHandle constant = field.GetDefaultValue();
                if (constant.IsNil) continue;
                Constant value = md.GetConstant(constant);
                if (value.TypeCode != ConstantTypeCode.String) continue;
                BlobReader blob = md.GetBlobReader(value.Value);
                string text = blob.ReadUTF16(blob.Length);
                if (name == SchemaDocumentField) document = text;
                else jsonSchema = text;
            }
            if (document is null) continue;
            models.Add(new CompiledModel(FullName(md, type), ModelSchema.ReadJson(document)[0], jsonSchema));
        }
        return models.OrderBy(m => m.Schema.Name, StringComparer.Ordinal).ToList();
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        string name = md.GetString(type.Name);
        if (type.GetDeclaringType() is { IsNil: false } outer) return FullName(md, md.GetTypeDefinition(outer)) + "+" + name;
        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
