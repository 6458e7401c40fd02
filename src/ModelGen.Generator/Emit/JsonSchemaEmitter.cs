using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

/// <summary>Writes the JSON Schema (draft 2020-12) of a model's JSON form, with every model it reaches in $defs.
/// Member types are read from their schema names (docs/format.md §5), so this needs nothing but the specs.</summary>
internal static class JsonSchemaEmitter
{
    public static string Emit(ModelSpec root, IReadOnlyDictionary<string, ModelSpec> models)
    {
        var defs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<ModelSpec>();
        var seen = new HashSet<string> { root.ModelName };
        var enums = new Dictionary<string, EnumSpec>(StringComparer.Ordinal);

        string Reference(string modelName)
        {
            if (modelName == root.ModelName) return "{ \"$ref\": \"#\" }"; // a recursive model refers to the root
            if (!models.TryGetValue(modelName, out ModelSpec? spec)) return "{}"; // a model from another assembly
            if (seen.Add(modelName)) pending.Enqueue(spec);
            return "{ \"$ref\": " + Str("#/$defs/" + modelName) + " }";
        }

        string body = ObjectSchema(root, models, Reference, enums);
        while (pending.Count > 0)
        {
            ModelSpec next = pending.Dequeue();
            defs[next.ModelName] = ObjectSchema(next, models, Reference, enums);
        }

        var sb = new StringBuilder();
        sb.Append("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", ");
        sb.Append("\"$id\": ").Append(Str($"urn:modelgen:{root.ModelName}:v{root.Version}")).Append(", ");
        sb.Append("\"title\": ").Append(Str(root.ModelName)).Append(", ");
        sb.Append(body.Substring(1, body.Length - 2).Trim());
        if (defs.Count > 0)
        {
            sb.Append(", \"$defs\": {");
            sb.Append(string.Join(", ", defs.Select(d => Str(d.Key) + ": " + d.Value)));
            sb.Append('}');
        }
        sb.Append('}');
        return sb.ToString();
    }

    private static string ObjectSchema(ModelSpec m, IReadOnlyDictionary<string, ModelSpec> models, Func<string, string> reference, Dictionary<string, EnumSpec> enums)
    {
        foreach (EnumSpec e in m.Enums) enums[e.SchemaName] = e;
        if (m.IsAbstract)
        {
            var cases = m.UnionCases.Select(c => models.Values.FirstOrDefault(x => x.FullTypeName == c.FullTypeName)?.ModelName)
                .Where(n => n is not null).Select(n => reference(n!));
            return "{\"oneOf\": [" + string.Join(", ", cases) + "]}";
        }

        var properties = new List<string>();
        var required = new List<string>();
        if (m.UnionTag is not null)
        {
            properties.Add("\"$type\": {\"const\": " + Str(m.UnionTag) + "}");
            required.Add("$type");
        }
        properties.Add("\"$version\": {\"type\": \"integer\", \"minimum\": 1}");
        foreach (MemberSpec member in m.Members)
        {
            string schema = TypeSchema(member.SchemaType, reference, enums);
            foreach (ValidationSpec v in member.Validations)
            {
                if (v.Kind == "Range" && member.Type.IsNumeric)
                    schema = Constrain(schema, "number", (v.MinimumExclusive ? "\"exclusiveMinimum\": " : "\"minimum\": ") + Number(v.Minimum!)
                        + ", " + (v.MaximumExclusive ? "\"exclusiveMaximum\": " : "\"maximum\": ") + Number(v.Maximum!));
                if (v.Kind == "Required" && member.Type.CSharpType == "string")
                    schema = Constrain(schema, "string", "\"minLength\": 1, \"pattern\": \"\\\\S\"");
                if (v.Kind is "Required" or "RequiredAllowEmpty" && !required.Contains(member.Name))
                {
                    required.Add(member.Name);
                    schema = "{\"allOf\": [" + schema + "], \"not\": {\"type\": \"null\"}}";
                }
            }
            properties.Add(Str(member.Name) + ": " + schema);
            if (member.IsRequired && !required.Contains(member.Name)) required.Add(member.Name);
        }
        string result = "{\"type\": \"object\", \"properties\": {" + string.Join(", ", properties) + "}";
        if (required.Count > 0) result += ", \"required\": [" + string.Join(", ", required.Select(Str)) + "]";
        return result + "}";
    }

    // A constraint for values of one JSON type: range bounds apply to numbers, not to null or the "NaN" strings.
    private static string Constrain(string schema, string jsonType, string constraint) =>
        "{\"allOf\": [" + schema + ", {\"if\": {\"type\": \"" + jsonType + "\"}, \"then\": {" + constraint + "}}]}";

    // Nested arrays, or the shape of an empty array with a non-zero length ({"$shape": [0, 3]}), as ModelJson writes it.
    private static string Rectangular(string nested, int rank) =>
        "{\"anyOf\": [" + nested + ", {\"type\": \"object\", \"properties\": {\"$shape\": {\"type\": \"array\", \"items\": {\"type\": \"integer\", \"minimum\": 0}, "
        + "\"minItems\": " + rank.ToString(CultureInfo.InvariantCulture) + ", \"maxItems\": " + rank.ToString(CultureInfo.InvariantCulture) + "}}, \"required\": [\"$shape\"], \"additionalProperties\": false}]}";

    private static string TypeSchema(string type, Func<string, string> reference, Dictionary<string, EnumSpec> enums)
    {
        if (type.EndsWith("?", StringComparison.Ordinal))
            return "{\"anyOf\": [" + TypeSchema(type.Substring(0, type.Length - 1), reference, enums) + ", {\"type\": \"null\"}]}";
        if (type.EndsWith("[,,]", StringComparison.Ordinal)) return Rectangular(Array(Array(Array(Item(type.Substring(0, type.Length - 4), reference, enums)))), 3);
        if (type.EndsWith("[,]", StringComparison.Ordinal)) return Rectangular(Array(Array(Item(type.Substring(0, type.Length - 3), reference, enums))), 2);
        if (type == "uint8[]") return "{\"anyOf\": [{\"type\": \"string\", \"contentEncoding\": \"base64\"}, " + Array(Integer(0, 255)) + "]}";
        if (type.EndsWith("[]", StringComparison.Ordinal)) return Array(Item(type.Substring(0, type.Length - 2), reference, enums));
        if (type.StartsWith("list<", StringComparison.Ordinal)) return Array(Item(type.Substring(5, type.Length - 6), reference, enums));
        if (type.StartsWith("map<", StringComparison.Ordinal))
        {
            string inner = type.Substring(4, type.Length - 5);
            int comma = TopLevelComma(inner);
            string key = inner.Substring(0, comma);
            string keyRule = key.StartsWith("int", StringComparison.Ordinal) || key.StartsWith("uint", StringComparison.Ordinal)
                ? ", \"propertyNames\": {\"pattern\": \"^-?[0-9]+$\"}" : "";
            return "{\"type\": \"object\", \"additionalProperties\": " + Item(inner.Substring(comma + 1), reference, enums) + keyRule + "}";
        }
        if (type.StartsWith("model:", StringComparison.Ordinal)) return reference(type.Substring(6));
        if (type.StartsWith("enum:", StringComparison.Ordinal))
        {
            string names = enums.TryGetValue(type, out EnumSpec? e) ? string.Join(", ", e.Names.Select(Str)) : "";
            return "{\"anyOf\": [{\"enum\": [" + names + "]}, {\"type\": \"integer\"}]}";
        }
        return type switch
        {
            "bool" => "{\"type\": \"boolean\"}",
            "int8" => Integer(sbyte.MinValue, sbyte.MaxValue),
            "uint8" => Integer(0, byte.MaxValue),
            "int16" => Integer(short.MinValue, short.MaxValue),
            "uint16" => Integer(0, ushort.MaxValue),
            "int32" => Integer(int.MinValue, int.MaxValue),
            "uint32" => Integer(0, uint.MaxValue),
            "int64" => "{\"type\": \"integer\"}",
            "uint64" => "{\"type\": \"integer\", \"minimum\": 0}",
            "float16" or "float32" or "float64" => "{\"anyOf\": [{\"type\": \"number\"}, {\"enum\": [\"NaN\", \"Infinity\", \"-Infinity\"]}]}",
            "decimal" => "{\"type\": \"number\"}",
            "char" => "{\"type\": \"string\", \"minLength\": 1, \"maxLength\": 1}",
            "string" => "{\"type\": \"string\"}",
            "guid" => "{\"type\": \"string\", \"format\": \"uuid\"}",
            "datetime" or "datetimeoffset" => "{\"type\": \"string\", \"format\": \"date-time\"}",
            "timespan" => "{\"type\": \"string\", \"pattern\": \"^-?([0-9]+\\\\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?$\"}",
            _ => "{}",
        };
    }

    // Items of collections and values of maps of a reference type may be null (readers accept null items of any
    // reference element type; the schema name does not carry the element's nullable annotation).
    private static string Item(string type, Func<string, string> reference, Dictionary<string, EnumSpec> enums)
    {
        string schema = TypeSchema(type, reference, enums);
        bool referenceType = type == "string" || type.StartsWith("model:", StringComparison.Ordinal) || type.EndsWith("]", StringComparison.Ordinal)
            || type.StartsWith("list<", StringComparison.Ordinal) || type.StartsWith("map<", StringComparison.Ordinal);
        return referenceType && !type.EndsWith("?", StringComparison.Ordinal) ? "{\"anyOf\": [" + schema + ", {\"type\": \"null\"}]}" : schema;
    }

    private static string Array(string items) => "{\"type\": \"array\", \"items\": " + items + "}";

    private static string Integer(long min, long max) =>
        "{\"type\": \"integer\", \"minimum\": " + min.ToString(CultureInfo.InvariantCulture) + ", \"maximum\": " + max.ToString(CultureInfo.InvariantCulture) + "}";

    private static string Number(string literal) => literal switch
    {
        "double.NegativeInfinity" => "-1.7976931348623157e308",
        "double.PositiveInfinity" => "1.7976931348623157e308",
        _ => literal.TrimEnd('d'),
    };

    private static int TopLevelComma(string s)
    {
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '<') depth++;
            else if (s[i] == '>') depth--;
            else if (s[i] == ',' && depth == 0) return i;
        }
        return s.Length;
    }

    private static string Str(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
