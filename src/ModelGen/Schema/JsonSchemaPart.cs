using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace ModelGen.Internal;

/// <summary>One model's own part of its JSON Schema, for generated code: its object schema, in which every model it
/// references is <c>{ "$ref": "#/$defs/Name" }</c>, and the parts of the models it references. The document of a model
/// (its <c>JsonSchema</c>) joins the parts of every model it reaches on first use, so the generated code grows with
/// the number of models, not with the number of models each one reaches.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonSchemaPart
{
    private readonly Func<JsonSchemaPart[]> _references;
    private string? _document;

    /// <summary>A model's part: <paramref name="body"/> is its object schema; <paramref name="references"/> gives the
    /// parts of the models the body references (a function, so that models may reference each other).</summary>
    public JsonSchemaPart(string modelName, int version, string body, Func<JsonSchemaPart[]> references)
    {
        ModelName = modelName;
        Version = version;
        Body = body;
        _references = references;
    }

    /// <summary>The model name, as in the schema.</summary>
    public string ModelName { get; }

    /// <summary>The model's schema version.</summary>
    public int Version { get; }

    /// <summary>The model's object schema.</summary>
    public string Body { get; }

    /// <summary>The JSON Schema document of the model, with every model it reaches in <c>$defs</c>.</summary>
    public string Document => _document ??= JsonSchemaDocument.Compose(ModelName, Version, Body, Reachable());

    private IEnumerable<KeyValuePair<string, string>> Reachable()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { ModelName };
        var pending = new Queue<JsonSchemaPart>();
        pending.Enqueue(this);
        while (pending.Count > 0)
        {
            foreach (JsonSchemaPart next in pending.Dequeue()._references())
            {
                if (!seen.Add(next.ModelName)) continue;
                pending.Enqueue(next);
                yield return new KeyValuePair<string, string>(next.ModelName, next.Body);
            }
        }
    }
}
