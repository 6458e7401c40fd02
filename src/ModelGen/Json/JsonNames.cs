using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>For generated JSON writers: a model's member names, encoded once, in one array (one line of generated code
/// a model, where a field a member was a line each).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonNames
{
    /// <summary>Each name encoded for <see cref="Utf8JsonWriter"/>, in the order given.</summary>
    public static JsonEncodedText[] Encode(params string[] names)
    {
        var encoded = new JsonEncodedText[names.Length];
        for (int i = 0; i < names.Length; i++) encoded[i] = JsonEncodedText.Encode(names[i]);
        return encoded;
    }
}
