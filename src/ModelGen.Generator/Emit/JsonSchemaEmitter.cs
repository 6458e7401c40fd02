using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelGen.Generator.Model;
using ModelGen.Internal;

namespace ModelGen.Generator.Emit;

/// <summary>Writes the JSON Schema (draft 2020-12) of a model's JSON form, with every model it reaches in $defs.
/// Rendered from the typed member types, so it needs nothing but the specs.</summary>
internal static class JsonSchemaEmitter
{
    /// <summary>The model's own object schema, in which every model it references is
    /// <c>JsonSchemaDocument.Reference(name)</c>, and the models (full type names) whose parts it references. The
    /// document with <c>$defs</c> is joined from the parts at run time (src/ModelGen/Schema/JsonSchemaPart.cs), so
    /// each model's generated text depends on that model alone.</summary>
    public static (string Body, IReadOnlyList<string> References) Emit(ModelSpec model)
    {
        var body = new StringBuilder(256 + 160 * model.Members.Count);
        IReadOnlyList<string> references = Write(body, model);
        return (body.ToString(), references);
    }

    /// <summary>As <see cref="Emit"/>, the body appended to <paramref name="body"/> (the generator's buffer, reused
    /// from model to model: the schema of each model it emits is written without a string for each part).</summary>
    public static IReadOnlyList<string> Write(StringBuilder body, ModelSpec model)
    {
        var references = new List<string>();
        string Reference(ModelType target)
        {
            if (!target.InCompilation) return "{}"; // a model from another assembly: its part is internal there
            if (!references.Contains(target.FullTypeName)) references.Add(target.FullTypeName);
            return JsonSchemaDocument.Reference(target.ModelName);
        }
        ObjectSchema(body, model, Reference);
        return references;
    }

    // A renamed member is also written under its previous names (in the naming policy's form), with the same value:
    // declared with its schema, never required (documents of older builds lack them).
    private static void AppendCopies(StringBuilder result, MemberSpec member, string schema)
    {
        foreach (string copy in member.CopyNames) AppendStr(result.Append(", "), copy).Append(": ").Append(schema);
    }

    private static void ObjectSchema(StringBuilder result, ModelSpec m, Func<ModelType, string> reference)
    {
        if (m.IsAbstract)
        {
            // Union cases are models of this compilation (they derive from it and are partial).
            var cases = m.UnionCases.Select(c => reference(new ModelType(c.FullTypeName, c.ModelName, IsValueType: false, InCompilation: true)));
            result.Append("{\"oneOf\": [" + string.Join(", ", cases) + "]}");
            return;
        }

        result.Append("{\"type\": \"object\", \"properties\": {");
        var required = new List<string>();
        if (m.UnionTag is not null)
        {
            AppendStr(result.Append("\"$type\": {\"const\": "), m.UnionTag).Append("}, ");
            required.Add("$type");
        }
        result.Append("\"$version\": {\"type\": \"integer\", \"minimum\": 1}");
        foreach (MemberSpec member in m.Members)
        {
            if (member.Validations.Count == 0)
            {
                // Appended as it is rendered (the usual case: nothing wraps the member's schema afterwards).
                AppendStr(result.Append(", "), member.Name).Append(": ");
                int at = result.Length;
                bool orNull = member.IsNullable && member.Type is not NullableType;
                if (orNull) result.Append(AnyOfOpen);
                AppendType(result, member.Type, reference);
                if (orNull) result.Append(OrNullClose);
                if (member.IsRequired && !required.Contains(member.Name)) required.Add(member.Name);
                if (member.CopyNames.Count > 0) AppendCopies(result, member, result.ToString(at, result.Length - at));
                continue;
            }
            string schema = TypeSchema(member.Type, reference);
            if (member.IsNullable && member.Type is not NullableType) schema = OrNull(schema);
            foreach (ValidationSpec v in member.Validations)
            {
                if (v.Kind == ValidationKind.Range && member.Type.IsNumeric)
                {
                    string bounds = (v.MinimumExclusive ? "\"exclusiveMinimum\": " : "\"minimum\": ") + Number(v.Minimum)
                        + ", " + (v.MaximumExclusive ? "\"exclusiveMaximum\": " : "\"maximum\": ") + Number(v.Maximum);
                    schema = Constrain(schema, "number", bounds);
                    // [re, 0], which a float member reads: the value validated is its real part.
                    if (member.Type is ScalarType { Kind: ScalarKind.Half or ScalarKind.Single or ScalarKind.Double }
                        or NullableType { Value: ScalarType { Kind: ScalarKind.Half or ScalarKind.Single or ScalarKind.Double } })
                        schema = Constrain(schema, "array", "\"prefixItems\": [{\"if\": {\"type\": \"number\"}, \"then\": {" + bounds + "}}]");
                }
                if (v.Kind == ValidationKind.Required && member.Type is ScalarType { Kind: ScalarKind.String })
                    schema = Constrain(schema, "string", "\"minLength\": 1, \"pattern\": \"\\\\S\"");
                if (v.Kind is ValidationKind.Required or ValidationKind.RequiredAllowEmpty && !required.Contains(member.Name))
                {
                    required.Add(member.Name);
                    schema = "{\"allOf\": [" + schema + "], \"not\": {\"type\": \"null\"}}";
                }
            }
            AppendStr(result.Append(", "), member.Name).Append(": ").Append(schema);
            if (member.IsRequired && !required.Contains(member.Name)) required.Add(member.Name);
            AppendCopies(result, member, schema);
        }
        // The record of those copies: names and a hash of each one's value as written (CopiedNames).
        if (m.Members.Any(member => member.CopyNames.Count > 0))
            result.Append(", \"$previousNames\": {\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\", \"pattern\": \"^[0-9a-f]{16}$\"}}");
        result.Append('}');
        if (required.Count > 0) result.Append(", \"required\": [").Append(string.Join(", ", required.Select(Str))).Append(']');
        result.Append('}');
    }

    private const string AnyOfOpen = "{\"anyOf\": [";
    private const string OrNullClose = ", {\"type\": \"null\"}]}";
    private const string ArrayOpen = "{\"type\": \"array\", \"items\": ";

    // TypeSchema's text, appended piece by piece where the type nests (nullables, arrays, sequences, enums); the rest
    // (constants, references, the rarer maps and tuples) as TypeSchema renders it.
    private static void AppendType(StringBuilder sb, MemberType type, Func<ModelType, string> reference)
    {
        switch (type)
        {
            case NullableType n:
                sb.Append(AnyOfOpen);
                AppendType(sb, n.Value, reference);
                sb.Append(OrNullClose);
                return;
            case ArrayType { Rank: 1, Element: not ScalarType { Kind: ScalarKind.Byte } } a:
                sb.Append(ArrayOpen);
                AppendItem(sb, a.Element, reference);
                sb.Append('}');
                return;
            case SequenceType { Element: not ScalarType { Kind: ScalarKind.Byte } } q:
                sb.Append(ArrayOpen);
                AppendItem(sb, q.Element, reference);
                sb.Append(q.IsSet && q.Element is ScalarType or EnumType ? ", \"uniqueItems\": true}" : "}");
                return;
            case EnumType e:
                sb.Append("{\"anyOf\": [{\"enum\": [");
                for (int i = 0; i < e.Values.Count; i++) AppendStr(sb.Append(i > 0 ? ", " : ""), e.Values[i]);
                sb.Append("]}, {\"type\": \"integer\"}]}");
                return;
            default:
                sb.Append(TypeSchema(type, reference));
                return;
        }
    }

    private static void AppendItem(StringBuilder sb, MemberType type, Func<ModelType, string> reference)
    {
        bool nullable = ItemIsNullable(type);
        if (nullable) sb.Append(AnyOfOpen);
        AppendType(sb, type, reference);
        if (nullable) sb.Append(OrNullClose);
    }

    // A constraint for values of one JSON type: range bounds apply to numbers, not to null or the "NaN" strings.
    private static string Constrain(string schema, string jsonType, string constraint) =>
        "{\"allOf\": [" + schema + ", {\"if\": {\"type\": \"" + jsonType + "\"}, \"then\": {" + constraint + "}}]}";

    // Nested arrays, or the shape of an empty array with a non-zero length ({"$shape": [0, 3]}), as ModelJson writes it.
    private static string Rectangular(string nested, int rank) =>
        "{\"anyOf\": [" + nested + ", {\"type\": \"object\", \"properties\": {\"$shape\": {\"type\": \"array\", \"items\": {\"type\": \"integer\", \"minimum\": 0}, "
        + "\"minItems\": " + rank.ToString(CultureInfo.InvariantCulture) + ", \"maxItems\": " + rank.ToString(CultureInfo.InvariantCulture) + "}}, \"required\": [\"$shape\"], \"additionalProperties\": false}]}";

    // Rank levels of nested arrays around the items.
    private static string Nested(string items, int rank)
    {
        for (int i = 0; i < rank; i++) items = Array(items);
        return items;
    }

    private static string OrNull(string schema) => "{\"anyOf\": [" + schema + ", {\"type\": \"null\"}]}";

    private static string TypeSchema(MemberType type, Func<ModelType, string> reference) => type switch
    {
        NullableType n => OrNull(TypeSchema(n.Value, reference)),
        ArrayType { Rank: > 1 } a => Rectangular(Nested(Item(a.Element, reference), a.Rank), a.Rank),
        ArrayType { Element: ScalarType { Kind: ScalarKind.Byte } } => Base64OrBytes,
        ArrayType a => Array(Item(a.Element, reference)),
        SequenceType { Element: ScalarType { Kind: ScalarKind.Byte } } => Base64OrBytes, // every byte sequence is base64 in JSON
        // Elements compared by value are unique in JSON too; models and collections compare by reference in .NET sets.
        SequenceType { IsSet: true, Element: ScalarType or EnumType } q => "{\"type\": \"array\", \"items\": " + Item(q.Element, reference) + ", \"uniqueItems\": true}",
        SequenceType q => Array(Item(q.Element, reference)),
        MapType m => "{\"type\": \"object\", \"additionalProperties\": " + Item(m.Value, reference)
            + (m.Key is ScalarType { IsInteger: true } or ScalarType { IsWideInteger: true } ? ", \"propertyNames\": {\"pattern\": \"^-?[0-9]+$\"}"
                : m.Key is TupleType ? ", \"propertyNames\": {\"pattern\": \"^\\\\[.*\\\\]$\"}" : "") + "}",
        // A tuple is an array of exactly its items; a KeyValuePair an object of "Key" and "Value", as System.Text.Json writes it.
        TupleType { IsKeyValuePair: true } t => "{\"type\": \"object\", \"properties\": {\"Key\": " + Item(t.Elements[0], reference) + ", \"Value\": "
            + Item(t.Elements[1], reference) + "}, \"required\": [\"Key\", \"Value\"], \"additionalProperties\": false}",
        TupleType t => "{\"type\": \"array\", \"prefixItems\": [" + string.Join(", ", t.Elements.Select(e => Item(e, reference))) + "], \"items\": false, \"minItems\": "
            + t.Elements.Count.ToString(CultureInfo.InvariantCulture) + "}",
        ModelType m => reference(m),
        EnumType e => "{\"anyOf\": [{\"enum\": [" + string.Join(", ", e.Values.Select(Str)) + "]}, {\"type\": \"integer\"}]}",
        ScalarType s => ScalarSchema(s.Kind),
        _ => "{}",
    };

    // The bounded integers, formatted once (every member of such a type asks for its schema).
    private static readonly string SByteSchema = Integer(sbyte.MinValue, sbyte.MaxValue);
    private static readonly string ByteSchema = Integer(0, byte.MaxValue);
    private static readonly string Int16Schema = Integer(short.MinValue, short.MaxValue);
    private static readonly string UInt16Schema = Integer(0, ushort.MaxValue);
    private static readonly string Int32Schema = Integer(int.MinValue, int.MaxValue);
    private static readonly string UInt32Schema = Integer(0, uint.MaxValue);

    // A number, an infinity or NaN by name, or "NaN:" and a NaN's bits (4, 8 or 16 hex digits: a Half's, a float's or
    // a double's, whichever type wrote it, since a widened or narrowed member reads them all) with every exponent bit
    // set. A payload of zero (an infinity's bits) passes the pattern, which the reader refuses.
    private const string RealParts = "{\"type\": \"number\"}, {\"enum\": [\"NaN\", \"Infinity\", \"-Infinity\"]}, "
        + "{\"type\": \"string\", \"pattern\": \"^NaN:([7Ff][C-Fc-f][0-9A-Fa-f]{2}|[7Ff][Ff][89A-Fa-f][0-9A-Fa-f]{5}|[7Ff][Ff]{2}[0-9A-Fa-f]{13})$\"}";
    private const string RealSchema = "{\"anyOf\": [" + RealParts + "]}";

    // The schema accepts what the reader reads, the other versions' forms included (as the NaN bits of every width): a
    // float member also [re, 0], a newer version's Complex whose imaginary part is zero (its member widened; a number
    // equal to 0, -0 too, as the reader compares it), and a Complex member also a real number alone (its member was a
    // float, double or Half).
    private const string FloatingPointSchema = "{\"anyOf\": [" + RealParts + ", {\"type\": \"array\", \"prefixItems\": [" + RealSchema
        + ", {\"const\": 0}], \"items\": false, \"minItems\": 2}]}";
    private const string ComplexSchema = "{\"anyOf\": [{\"type\": \"array\", \"items\": " + RealSchema + ", \"minItems\": 2, \"maxItems\": 2}, " + RealParts + "]}";

    private static readonly string Base64OrBytes = "{\"anyOf\": [{\"type\": \"string\", \"contentEncoding\": \"base64\"}, " + Array(Integer(0, 255)) + "]}";

    private static string ScalarSchema(ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean => "{\"type\": \"boolean\"}",
        ScalarKind.SByte => SByteSchema,
        ScalarKind.Byte => ByteSchema,
        ScalarKind.Int16 => Int16Schema,
        ScalarKind.UInt16 => UInt16Schema,
        ScalarKind.Int32 => Int32Schema,
        ScalarKind.UInt32 => UInt32Schema,
        ScalarKind.Int64 or ScalarKind.NInt => "{\"type\": \"integer\"}",
        ScalarKind.UInt64 or ScalarKind.NUInt => "{\"type\": \"integer\", \"minimum\": 0}",
        ScalarKind.Half or ScalarKind.Single or ScalarKind.Double => FloatingPointSchema,
        ScalarKind.Decimal => "{\"type\": \"number\"}",
        ScalarKind.Char => "{\"type\": \"string\", \"minLength\": 1, \"maxLength\": 1}",
        ScalarKind.String => "{\"type\": \"string\"}",
        ScalarKind.Guid => "{\"type\": \"string\", \"format\": \"uuid\"}",
        ScalarKind.DateTime or ScalarKind.DateTimeOffset => "{\"type\": \"string\", \"format\": \"date-time\"}",
        ScalarKind.TimeSpan => "{\"type\": \"string\", \"pattern\": \"^-?([0-9]+\\\\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?$\"}",
        ScalarKind.DateOnly => "{\"type\": \"string\", \"format\": \"date\"}",
        ScalarKind.TimeOnly => "{\"type\": \"string\", \"pattern\": \"^[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]{7})?$\"}",
        // JSON numbers of any size (JSON has no limit; ModelGen reads them exactly); a string of the digits is accepted too.
        ScalarKind.Int128 or ScalarKind.BigInteger => "{\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"string\", \"pattern\": \"^-?[0-9]+$\"}]}",
        ScalarKind.UInt128 => "{\"anyOf\": [{\"type\": \"integer\", \"minimum\": 0}, {\"type\": \"string\", \"pattern\": \"^[0-9]+$\"}]}",
        ScalarKind.Complex => ComplexSchema,
        ScalarKind.Uri => "{\"type\": \"string\", \"format\": \"uri-reference\"}",
        ScalarKind.Version => "{\"type\": \"string\", \"pattern\": \"^[0-9]+\\\\.[0-9]+(\\\\.[0-9]+){0,2}$\"}",
        _ => "{}",
    };

    // Items of collections and values of maps of a reference type may be null (readers accept null items of any
    // reference element type; the member type does not carry the element's nullable annotation). Memory blocks are
    // structs but were always written this way here; the schema output is a contract, so that stays.
    private static string Item(MemberType type, Func<ModelType, string> reference)
    {
        string schema = TypeSchema(type, reference);
        return ItemIsNullable(type) ? OrNull(schema) : schema;
    }

    private static bool ItemIsNullable(MemberType type) =>
        type is ScalarType { Kind: ScalarKind.String or ScalarKind.Uri or ScalarKind.Version } or ModelType or ArrayType or SequenceType or MapType;

    private static string Array(string items) => "{\"type\": \"array\", \"items\": " + items + "}";

    private static string Integer(long min, long max) =>
        "{\"type\": \"integer\", \"minimum\": " + min.ToString(CultureInfo.InvariantCulture) + ", \"maximum\": " + max.ToString(CultureInfo.InvariantCulture) + "}";

    // JSON has no infinities: an unbounded side is the largest double.
    private static string Number(RangeBound bound) =>
        double.IsNegativeInfinity(bound.Value) ? "-1.7976931348623157e308"
        : double.IsPositiveInfinity(bound.Value) ? "1.7976931348623157e308"
        : bound.IsInteger ? ((long)bound.Value).ToString(CultureInfo.InvariantCulture)
        : bound.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string Str(string s) => JsonSchemaDocument.Quote(s);

    private static StringBuilder AppendStr(StringBuilder sb, string s) => JsonSchemaDocument.AppendQuoted(sb, s);
}
