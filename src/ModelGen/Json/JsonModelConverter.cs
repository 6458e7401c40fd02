using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelGen;

/// <summary>Makes System.Text.Json (and every stack on it: ASP.NET Core, gRPC JSON transcoding, HttpClient's JSON
/// extensions) read and write <typeparamref name="T"/> as <see cref="ModelJson"/> does: with <c>$version</c>,
/// migrations, validation of <c>[Hyperparameters]</c>, enums as names and unknown members kept. Bad input is a
/// <see cref="JsonException"/> whose message names the member path inside the model and whose inner exception is the
/// <see cref="ModelFormatException"/>; System.Text.Json sets its <see cref="JsonException.Path"/> to where the model
/// sits in the document. Trimming and NativeAOT safe: the generated code is reached through the type argument.</summary>
/// <remarks>Nesting is limited by <see cref="ModelJsonOptions.MaxDepth"/> and by the serializer's own
/// <see cref="JsonSerializerOptions.MaxDepth"/>; indentation and escaping are the serializer's.</remarks>
public sealed class JsonModelConverter<T> : JsonConverter<T> where T : IModelSerializable<T>
{
    private readonly ModelJsonOptions _options;

    /// <summary>Creates a converter that reads and writes with <see cref="ModelJsonOptions.Default"/>. The generator puts
    /// <c>[JsonConverter(typeof(JsonModelConverter&lt;T&gt;))]</c> on every model, and System.Text.Json creates the
    /// converter through this constructor.</summary>
    public JsonModelConverter() : this(null) { }

    /// <summary>Creates a converter that reads and writes with <paramref name="options"/> (null: <see cref="ModelJsonOptions.Default"/>).</summary>
    public JsonModelConverter(ModelJsonOptions? options) => _options = options ?? ModelJsonOptions.Default;

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return ModelJson.Deserialize<T>(ref reader, _options);
        }
        catch (ModelFormatException e)
        {
            // No path of our own: the serializer fills in where the model is; the message says where in the model.
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        ModelJson.Serialize(writer, value, _options);
}

/// <summary>A <see cref="JsonConverterFactory"/> for the models registered with <see cref="Add{T}"/>, for one place
/// to add to <see cref="JsonSerializerOptions.Converters"/> (or ASP.NET Core's JSON options). Registration is by type
/// argument, never by scanning types, so it is trimming and NativeAOT safe; register models before the serializer
/// options are first used.</summary>
public sealed class JsonModelConverterFactory : JsonConverterFactory
{
    private readonly Dictionary<Type, JsonConverter> _converters = new();
    private readonly object _lock = new();

    /// <summary>Creates a factory whose converters read and write with <paramref name="options"/>.</summary>
    public JsonModelConverterFactory(ModelJsonOptions? options = null) => Options = options ?? ModelJsonOptions.Default;

    /// <summary>The options the converters read and write with.</summary>
    public ModelJsonOptions Options { get; }

    /// <summary>Registers <typeparamref name="T"/>; returns this factory, for chaining.</summary>
    public JsonModelConverterFactory Add<T>() where T : IModelSerializable<T>
    {
        lock (_lock) _converters[typeof(T)] = new JsonModelConverter<T>(Options);
        return this;
    }

    /// <summary>The registered model types.</summary>
    public IReadOnlyCollection<Type> Types
    {
        get
        {
            lock (_lock) return [.. _converters.Keys];
        }
    }

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        lock (_lock) return _converters.ContainsKey(typeToConvert);
    }

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        lock (_lock) return _converters.TryGetValue(typeToConvert, out JsonConverter? converter) ? converter : null;
    }
}
