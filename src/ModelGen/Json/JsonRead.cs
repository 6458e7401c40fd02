using System;
using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Helpers for generated JSON readers: every failure is a <see cref="ModelFormatException"/> with the byte offset.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonRead
{
    /// <summary>Creates a format exception at the reader's current token.</summary>
    public static ModelFormatException Error(ref Utf8JsonReader reader, string reason) => new(reason, reader.TokenStartIndex);

    /// <summary>Moves to the next token; the end of the input is an error.</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        bool ok;
        try
        {
            ok = reader.Read();
        }
        catch (JsonException e)
        {
            throw new ModelFormatException("malformed JSON: " + e.Message, reader.BytesConsumed, e);
        }
        if (!ok) throw new ModelFormatException("unexpected end of JSON", reader.BytesConsumed);
    }

    /// <summary>A value written as its key text (a JSON string parsed by <typeparamref name="TCodec"/>'s
    /// <c>FromKey</c>); a parse error gets the string's offset.</summary>
    internal static T KeyString<T, TCodec>(ref Utf8JsonReader reader, string expected) where TCodec : IModelKeyCodec<T>
    {
        Expect(ref reader, JsonTokenType.String, expected);
        long offset = reader.TokenStartIndex;
        try
        {
            return TCodec.FromKey(GetString(ref reader));
        }
        catch (ModelFormatException e) when (e.AddOffset(offset))
        {
            throw; // never: the filter only adds the offset
        }
    }

    /// <summary>The current string or property name; invalid UTF-8 (which the reader does not check) is a format error.</summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new ModelFormatException("invalid UTF-8 in a string", reader.TokenStartIndex, e);
        }
    }

    /// <summary>Throws unless the current token is <paramref name="expected"/>.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (reader.TokenType != expected) throw Error(ref reader, $"expected {what} but found {Describe(reader.TokenType)}");
    }

    /// <summary>Skips the current value (and its children).</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = reader.CurrentDepth;
        do Next(ref reader);
        while (reader.CurrentDepth > depth || reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
    }

    /// <summary>Finds the string value of a property of the current object without moving the reader
    /// (used for the <c>$type</c> union tag, wherever it stands in the object).</summary>
    public static string? PeekProperty(Utf8JsonReader reader, string name)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an object");
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return null;
            bool match = reader.ValueTextEquals(name);
            Next(ref reader);
            if (match)
            {
                Expect(ref reader, JsonTokenType.String, $"a string for '{name}'");
                return GetString(ref reader);
            }
            Skip(ref reader);
        }
    }

    /// <summary>Names a token type for messages.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
