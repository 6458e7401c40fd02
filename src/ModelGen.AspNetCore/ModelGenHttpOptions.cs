using System;
using System.Collections.Generic;

namespace ModelGen.AspNetCore;

/// <summary>Settings of <see cref="ModelGenServiceCollectionExtensions.AddModelGen"/>: the limits for reading request
/// bodies and the models that System.Text.Json (minimal APIs, MVC) reads and writes with ModelGen's JSON.</summary>
public sealed class ModelGenHttpOptions
{
    internal static ModelGenHttpOptions Default { get; } = new();

    private readonly List<Action<JsonModelConverterFactory>> _jsonModels = new();

    /// <summary>Limits and checks for binary request bodies read by <see cref="ModelBody{T}"/> and for
    /// <see cref="ModelResults.Binary{T}"/> (default: <see cref="ModelSerializerOptions.Default"/>). Kestrel's own
    /// request size limit (30 MB by default) applies first: raise it for larger models.</summary>
    public ModelSerializerOptions Binary { get; set; } = ModelSerializerOptions.Default;

    /// <summary>Options for JSON request bodies, <see cref="ModelResults.Json{T}"/> and the System.Text.Json converters
    /// (default: <see cref="ModelJsonOptions.Default"/>).</summary>
    public ModelJsonOptions Json { get; set; } = ModelJsonOptions.Default;

    /// <summary>Make minimal APIs throw on bad request bodies (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) so that
    /// a model parameter bound from JSON that fails to read becomes a 400 ProblemDetails with the message and member
    /// path, in every environment, instead of an empty 400 outside Development (default true).</summary>
    public bool ThrowOnBadRequest { get; set; } = true;

    /// <summary>Reads and writes <typeparamref name="T"/> with ModelGen's JSON and <see cref="Json"/> wherever ASP.NET
    /// Core uses System.Text.Json (minimal API parameters and results, MVC); returns these options, for chaining.
    /// Without it a model is still read and written with ModelGen's JSON (the generator puts
    /// <c>[JsonConverter]</c> on every model), with <see cref="ModelJsonOptions.Default"/>.</summary>
    public ModelGenHttpOptions AddJsonModel<T>() where T : IModelSerializable<T>
    {
        _jsonModels.Add(factory => factory.Add<T>());
        return this;
    }

    internal JsonModelConverterFactory CreateConverterFactory()
    {
        var factory = new JsonModelConverterFactory(Json);
        foreach (Action<JsonModelConverterFactory> add in _jsonModels) add(factory);
        return factory;
    }
}
