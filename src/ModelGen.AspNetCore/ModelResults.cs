using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelGen.AspNetCore;

/// <summary>Results that write a model in ModelGen's binary form or JSON, asynchronously.</summary>
public static class ModelResults
{
    /// <summary>Writes <paramref name="value"/> in the binary format as <c>application/x-modelgen</c>, with the
    /// options given here, else those of <c>AddModelGen</c>, else the defaults.</summary>
    public static ModelBinaryResult<T> Binary<T>(T value, ModelSerializerOptions? options = null, int statusCode = StatusCodes.Status200OK)
        where T : IModelSerializable<T> => new(value, options, statusCode);

    /// <summary>Writes <paramref name="value"/> as ModelGen's JSON (<c>$version</c>, enums as names) as
    /// <c>application/json</c>, with the options given here, else those of <c>AddModelGen</c>, else the defaults.</summary>
    public static ModelJsonResult<T> Json<T>(T value, ModelJsonOptions? options = null, int statusCode = StatusCodes.Status200OK)
        where T : IModelSerializable<T> => new(value, options, statusCode);

    internal static ModelGenHttpOptions Options(HttpContext context) =>
        context.RequestServices.GetService<ModelGenHttpOptions>() ?? ModelGenHttpOptions.Default;

    // A model that cannot be written (too deep, a null where none is allowed, invalid hyperparameters) is the
    // server's fault, not the client's: not a ModelFormatException, which the problem details handler maps to 400.
    internal static InvalidOperationException CannotWrite(ModelFormatException e) =>
        new($"The response model cannot be serialized: {e.Message}", e);
}

/// <summary>The result of <see cref="ModelResults.Binary{T}"/>: the model is built into pooled buffers, then written
/// to the response pipe 64 KiB at a time with a flush after each, so the server's buffers stay small.</summary>
public sealed class ModelBinaryResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult<T>
    where T : IModelSerializable<T>
{
    private readonly ModelSerializerOptions? _options;

    internal ModelBinaryResult(T value, ModelSerializerOptions? options, int statusCode)
    {
        Value = value;
        _options = options;
        StatusCode = statusCode;
    }

    /// <summary>The model written.</summary>
    public T Value { get; }

    /// <summary>The status code written.</summary>
    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary><c>application/x-modelgen</c>.</summary>
    public string ContentType => ModelMediaTypes.Binary;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ModelSerializerOptions options = _options ?? ModelResults.Options(httpContext).Binary;
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        try
        {
            await ModelSerializer.SerializeAsync(httpContext.Response.BodyWriter, Value, options, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (ModelFormatException e)
        {
            throw ModelResults.CannotWrite(e);
        }
    }
}

/// <summary>The result of <see cref="ModelResults.Json{T}"/>.</summary>
public sealed class ModelJsonResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult<T>
    where T : IModelSerializable<T>
{
    private readonly ModelJsonOptions? _options;

    internal ModelJsonResult(T value, ModelJsonOptions? options, int statusCode)
    {
        Value = value;
        _options = options;
        StatusCode = statusCode;
    }

    /// <summary>The model written.</summary>
    public T Value { get; }

    /// <summary>The status code written.</summary>
    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary><c>application/json; charset=utf-8</c>.</summary>
    public string ContentType => "application/json; charset=utf-8";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ModelJsonOptions options = _options ?? ModelResults.Options(httpContext).Json;
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        try
        {
            await ModelJson.SerializeAsync(httpContext.Response.BodyWriter, Value, options, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (ModelFormatException e)
        {
            throw ModelResults.CannotWrite(e);
        }
    }
}
