// Shared source: compiled into the runtime (public, for generated code and the tool) and linked into the generator
// (internal), so that the references the generator writes are the ones the runtime and the tool resolve.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelGen.Internal;

/// <summary>Joins models' object schemas into one self-contained JSON Schema (draft 2020-12) document; used by generated
/// code (through <see cref="JsonSchemaPart"/>) and by the tool, which reads the parts from an assembly's metadata.</summary>
#if MODELGEN_GENERATOR
internal
#else
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public
#endif
static class JsonSchemaDocument
{
    private const string Root = "{ \"$ref\": \"#\" }";

    /// <summary>How a model's object schema references the model <paramref name="modelName"/>.</summary>
    public static string Reference(string modelName) => "{ \"$ref\": " + Quote("#/$defs/" + modelName) + " }";

    /// <summary>The document of <paramref name="modelName"/>: its body, and the bodies of the models it reaches
    /// (by model name) in <c>$defs</c>, sorted by name; references to the model itself point at the root.</summary>
    public static string Compose(string modelName, int version, string body, IEnumerable<KeyValuePair<string, string>> reachable)
    {
        string self = Reference(modelName);
        var defs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> model in reachable)
            if (model.Key != modelName) defs[model.Key] = model.Value.Replace(self, Root);
        string own = body.Replace(self, Root);

        var sb = new StringBuilder();
        sb.Append("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", ");
        sb.Append("\"$id\": ").Append(Quote("urn:modelgen:" + modelName + ":v" + version.ToString(CultureInfo.InvariantCulture))).Append(", ");
        sb.Append("\"title\": ").Append(Quote(modelName)).Append(", ");
        sb.Append(own.Substring(1, own.Length - 2).Trim());
        if (defs.Count > 0)
        {
            sb.Append(", \"$defs\": {");
            bool first = true;
            foreach (KeyValuePair<string, string> def in defs)
            {
                if (!first) sb.Append(", ");
                sb.Append(Quote(def.Key)).Append(": ").Append(def.Value);
                first = false;
            }
            sb.Append('}');
        }
        return sb.Append('}').ToString();
    }

    /// <summary>A JSON string literal, as the generator writes names into schemas.</summary>
    public static string Quote(string s) => AppendQuoted(new StringBuilder(s.Length + 2), s).ToString();

    /// <summary><see cref="Quote"/>'s text appended to <paramref name="sb"/> (the generator writes every member's name
    /// into a model's schema so, without a string of it).</summary>
    internal static StringBuilder AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"');
    }
}
