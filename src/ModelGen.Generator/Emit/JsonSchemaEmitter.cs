using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

/// <summary>Writes the JSON Schema (draft 2020-12) of a model's JSON form, with every model it reaches in $defs.
/// Rendered from the typed member types, so it needs nothing but the specs.</summary>
internal static class JsonSchemaEmitter
{
    public static string Emit(ModelSpec root, IReadOnlyDictionary<string, ModelSpec> models)
    {
        var defs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<ModelSpec>();
        var seen = new HashSet<string> { root.ModelName };

        string Reference(string modelName)
        {
            if (modelName == root.ModelName) return "{ \"$ref\": \"#\" }"; // a recursive model refers to the root
            if (!models.TryGetValue(modelName, out ModelSpec? spec)) return "{}"; // a model from another assembly
            if (seen.Add(modelName)) pending.Enqueue(spec);
            return "{ \"$ref\": " + Str("#/$defs/" + modelName) + " }";
        }

        string body = ObjectSchema(root, models, Reference);
        while (pending.Count > 0)
        {
            ModelSpec next = pending.Dequeue();
            defs[next.ModelName] = ObjectSchema(next, models, Reference);
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

    private static string ObjectSchema(ModelSpec m, IReadOnlyDictionary<string, ModelSpec> models, Func<string, string> reference)
    {
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
            string schema = TypeSchema(member.Type, reference);
            if (member.IsNullable && member.Type is not NullableType) schema = OrNull(schema);
            foreach (ValidationSpec v in member.Validations)
            {
                if (v.Kind == ValidationKind.Range && member.Type.IsNumeric)
                    schema = Constrain(schema, "number", (v.MinimumExclusive ? "\"exclusiveMinimum\": " : "\"minimum\": ") + Number(v.Minimum)
                        + ", " + (v.MaximumExclusive ? "\"exclusiveMaximum\": " : "\"maximum\": ") + Number(v.Maximum));
                if (v.Kind == ValidationKind.Required && member.Type is ScalarType { Kind: ScalarKind.String })
                    schema = Constrain(schema, "string", "\"minLength\": 1, \"pattern\": \"\\\\S\"");
                if (v.Kind is ValidationKind.Required or ValidationKind.RequiredAllowEmpty && !required.Contains(member.Name))
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

    private static string OrNull(string schema) => "{\"anyOf\": [" + schema + ", {\"type\": \"null\"}]}";

    private static string TypeSchema(MemberType type, Func<string, string> reference) => type switch
    {
        NullableType n => OrNull(TypeSchema(n.Value, reference)),
        ArrayType { Rank: 3 } a => Rectangular(Array(Array(Array(Item(a.Element, reference)))), 3),
        ArrayType { Rank: 2 } a => Rectangular(Array(Array(Item(a.Element, reference))), 2),
        ArrayType { Element: ScalarType { Kind: ScalarKind.Byte } } => Base64OrBytes,
        ArrayType a => Array(Item(a.Element, reference)),
        SequenceType { IsMemory: true, Element: ScalarType { Kind: ScalarKind.Byte } } => Base64OrBytes,
        SequenceType q => Array(Item(q.Element, reference)),
        MapType m => "{\"type\": \"object\", \"additionalProperties\": " + Item(m.Value, reference)
            + (m.Key is ScalarType { IsInteger: true } ? ", \"propertyNames\": {\"pattern\": \"^-?[0-9]+$\"}" : "") + "}",
        ModelType m => reference(m.ModelName),
        EnumType e => "{\"anyOf\": [{\"enum\": [" + string.Join(", ", e.Values.Select(Str)) + "]}, {\"type\": \"integer\"}]}",
        ScalarType s => ScalarSchema(s.Kind),
        _ => "{}",
    };

    private static readonly string Base64OrBytes = "{\"anyOf\": [{\"type\": \"string\", \"contentEncoding\": \"base64\"}, " + Array(Integer(0, 255)) + "]}";

    private static string ScalarSchema(ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean => "{\"type\": \"boolean\"}",
        ScalarKind.SByte => Integer(sbyte.MinValue, sbyte.MaxValue),
        ScalarKind.Byte => Integer(0, byte.MaxValue),
        ScalarKind.Int16 => Integer(short.MinValue, short.MaxValue),
        ScalarKind.UInt16 => Integer(0, ushort.MaxValue),
        ScalarKind.Int32 => Integer(int.MinValue, int.MaxValue),
        ScalarKind.UInt32 => Integer(0, uint.MaxValue),
        ScalarKind.Int64 or ScalarKind.NInt => "{\"type\": \"integer\"}",
        ScalarKind.UInt64 or ScalarKind.NUInt => "{\"type\": \"integer\", \"minimum\": 0}",
        ScalarKind.Half or ScalarKind.Single or ScalarKind.Double => "{\"anyOf\": [{\"type\": \"number\"}, {\"enum\": [\"NaN\", \"Infinity\", \"-Infinity\"]}]}",
        ScalarKind.Decimal => "{\"type\": \"number\"}",
        ScalarKind.Char => "{\"type\": \"string\", \"minLength\": 1, \"maxLength\": 1}",
        ScalarKind.String => "{\"type\": \"string\"}",
        ScalarKind.Guid => "{\"type\": \"string\", \"format\": \"uuid\"}",
        ScalarKind.DateTime or ScalarKind.DateTimeOffset => "{\"type\": \"string\", \"format\": \"date-time\"}",
        ScalarKind.TimeSpan => "{\"type\": \"string\", \"pattern\": \"^-?([0-9]+\\\\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?$\"}",
        _ => "{}",
    };

    // Items of collections and values of maps of a reference type may be null (readers accept null items of any
    // reference element type; the member type does not carry the element's nullable annotation). Memory blocks are
    // structs but were always written this way here; the schema output is a contract, so that stays.
    private static string Item(MemberType type, Func<string, string> reference)
    {
        string schema = TypeSchema(type, reference);
        bool nullable = type is ScalarType { Kind: ScalarKind.String } or ModelType or ArrayType or SequenceType or MapType;
        return nullable ? OrNull(schema) : schema;
    }

    private static string Array(string items) => "{\"type\": \"array\", \"items\": " + items + "}";

    private static string Integer(long min, long max) =>
        "{\"type\": \"integer\", \"minimum\": " + min.ToString(CultureInfo.InvariantCulture) + ", \"maximum\": " + max.ToString(CultureInfo.InvariantCulture) + "}";

    // JSON has no infinities: an unbounded side is the largest double.
    private static string Number(RangeBound bound) =>
        double.IsNegativeInfinity(bound.Value) ? "-1.7976931348623157e308"
        : double.IsPositiveInfinity(bound.Value) ? "1.7976931348623157e308"
        : bound.IsInteger ? ((long)bound.Value).ToString(CultureInfo.InvariantCulture)
        : bound.Value.ToString("R", CultureInfo.InvariantCulture);

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
