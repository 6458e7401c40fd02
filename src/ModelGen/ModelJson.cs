using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>JSON serialization of generated models: a plain object with camelCase members, numbers as numbers,
/// a <c>$version</c> field and, for unions, a <c>$type</c> tag; fit for a database JSON column.</summary>
public static class ModelJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Serializes <paramref name="value"/> to a JSON string.</summary>
    public static string Serialize<T>(T value, bool indented = false) where T : IModelSerializable<T>
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions with { Indented = indented }))
            Serialize(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) where T : IModelSerializable<T>
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Serialize(writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="value"/> as a JSON object.</summary>
    public static void Serialize<T>(Utf8JsonWriter writer, T value) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null) throw new ArgumentNullException(nameof(value));
        T.WriteJson(writer, value);
    }

    /// <summary>Deserializes a model from a JSON string.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model.</exception>
    public static T Deserialize<T>(string json) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int n = Encoding.UTF8.GetBytes(json, rented);
            return Deserialize<T>(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Deserializes a model from UTF-8 JSON.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, int maxDepth = 64) where T : IModelSerializable<T>
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        T value = Deserialize<T>(ref reader);
        try
        {
            if (reader.Read()) throw new ModelFormatException("unexpected data after the JSON object", reader.TokenStartIndex);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException("malformed JSON after the object: " + e.Message, reader.BytesConsumed, e);
        }
        return value;
    }

    /// <summary>Reads one model object from <paramref name="reader"/> (positioned before or on its start); the reader is left on its end.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model.</exception>
    public static T Deserialize<T>(ref Utf8JsonReader reader) where T : IModelSerializable<T>
    {
        if (reader.TokenType is JsonTokenType.None or JsonTokenType.PropertyName) JsonRead.Next(ref reader);
        try
        {
            return ModelCodec<T>.ReadJson(ref reader);
        }
        catch (InvalidOperationException e)
        {
            // The reader's typed getters (GUID, dates, base64) throw InvalidOperationException (the only one on this path) for invalid UTF-8 or an unpaired escaped
            // surrogate ("\uDE00") in the string; found by fuzzing (docs/security.md).
            throw new ModelFormatException("invalid text in a JSON string: " + e.Message, reader.TokenStartIndex, e);
        }
    }
}
