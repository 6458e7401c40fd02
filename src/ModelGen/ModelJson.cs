using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using ModelGen.Internal;

namespace ModelGen;

// Every entry point takes an optional options object last, as ModelSerializer's do (RS0026 asks for one such overload).
#pragma warning disable RS0026

/// <summary>JSON serialization of generated models: a plain object with camelCase members, numbers as numbers,
/// a <c>$version</c> field and, for unions, a <c>$type</c> tag; fit for a database JSON column.</summary>
public static partial class ModelJson
{
    /// <summary>Serializes <paramref name="value"/> to a JSON string.</summary>
    /// <exception cref="ModelFormatException">The value could not be read back: it nests deeper than
    /// <see cref="ModelJsonOptions.MaxDepth"/>, holds a null where a member cannot be null, or a <c>[Hyperparameters]</c>
    /// value in it is invalid.</exception>
    public static string Serialize<T>(T value, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer, value, options ?? ModelJsonOptions.Default);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON bytes.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelJsonOptions?)"/>.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer, value, options ?? ModelJsonOptions.Default);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTo<T>(IBufferWriter<byte> buffer, T value, ModelJsonOptions options) where T : IModelSerializable<T>
    {
        var writerOptions = new JsonWriterOptions
        {
            Indented = options.Indented,
            Encoder = options.Encoder,
            // Kept unknown members are written back as they were read, up to the reader's bracket depth.
            MaxDepth = FormatLimits.JsonTokenDepth(options.MaxDepth),
            SkipValidation = true,
        };
        using var writer = new Utf8JsonWriter(buffer, writerOptions);
        Serialize(writer, value, options);
    }

    /// <summary>Writes <paramref name="value"/> as a JSON object. Indentation and escaping are the writer's own; of
    /// <paramref name="options"/> only <see cref="ModelJsonOptions.MaxDepth"/> applies. A value that cannot be read back
    /// is refused before anything is written.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelJsonOptions?)"/>.</exception>
    public static void Serialize<T>(Utf8JsonWriter writer, T value, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null) throw new ArgumentNullException(nameof(value));
        WriteCheck.Run(value, (options ?? ModelJsonOptions.Default).MaxDepth, ModelForms.Json);
        T.WriteJson(writer, value);
    }

    /// <summary>Deserializes a model from a JSON string.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model, or (with
    /// <see cref="ModelJsonOptions.RejectUnknownMembers"/>) has a member the model does not declare.</exception>
    public static T Deserialize<T>(string json, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int n = Encoding.UTF8.GetBytes(json, rented);
            return Deserialize<T>(rented.AsSpan(0, n), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Deserializes a model from UTF-8 JSON.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        options ??= ModelJsonOptions.Default;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = FormatLimits.JsonTokenDepth(options.MaxDepth) });
        T value = Deserialize<T>(ref reader, options);
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

    /// <summary>Reads one model object from <paramref name="reader"/> (positioned before or on its start); the reader is
    /// left on its end. Nesting is limited by <see cref="ModelJsonOptions.MaxDepth"/>, whatever the reader's own limit.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed or does not fit the model.</exception>
    public static T Deserialize<T>(ref Utf8JsonReader reader, ModelJsonOptions? options = null) where T : IModelSerializable<T>
    {
        if (reader.TokenType is JsonTokenType.None or JsonTokenType.PropertyName) JsonRead.Next(ref reader);
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "an object");
        options ??= ModelJsonOptions.Default;
        var saved = Nesting.Begin(options.MaxDepth);
        bool outerReject = UnknownMembers.RejectOnThisThread;
        UnknownMembers.RejectOnThisThread = options.RejectUnknownMembers;
        bool outerValidation = ReadValidation.EnterRoot<T>();
        try
        {
            T value = T.ReadJson(ref reader);
            ReadValidation.Complete(value, enclosed: false);
            return value;
        }
        catch (InvalidOperationException e)
        {
            // The reader's typed getters (GUID, dates, base64) throw InvalidOperationException (the only one on this path) for invalid UTF-8 or an unpaired escaped
            // surrogate ("\uDE00") in the string; found by fuzzing (docs/security.md).
            throw new ModelFormatException("invalid text in a JSON string: " + e.Message, reader.TokenStartIndex, e);
        }
        finally
        {
            Nesting.End(saved);
            UnknownMembers.RejectOnThisThread = outerReject;
            ReadValidation.Exit(outerValidation);
        }
    }
}
