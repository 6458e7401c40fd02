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
    public static ModelResult<T> Binary<T>(T value, ModelSerializerOptions? options = null, int statusCode = StatusCodes.Status200OK)
        where T : IModelSerializable<T> => new(value, json: false, options, null, statusCode);

    /// <summary>Writes <paramref name="value"/> as ModelGen's JSON (<c>$version</c>, enums as names) as
    /// <c>application/json</c>, with the options given here, else those of <c>AddModelGen</c>, else the defaults.</summary>
    public static ModelResult<T> Json<T>(T value, ModelJsonOptions? options = null, int statusCode = StatusCodes.Status200OK)
        where T : IModelSerializable<T> => new(value, json: true, null, options, statusCode);

    internal static ModelGenHttpOptions Options(HttpContext context) =>
        context.RequestServices.GetService<ModelGenHttpOptions>() ?? ModelGenHttpOptions.Default;

    // A model that cannot be written (too deep, a null where none is allowed, invalid hyperparameters) is the
    // server's fault, not the client's: not a ModelFormatException, which the problem details handler maps to 400.
    internal static InvalidOperationException CannotWrite(ModelFormatException e) =>
        new($"The response model cannot be serialized: {e.Message}", e);
}

/// <summary>The result of <see cref="ModelResults.Binary{T}"/> and <see cref="ModelResults.Json{T}"/>. The binary form is
/// built into pooled buffers, then written to the response pipe 64 KiB at a time with a flush after each, so the
/// server's buffers stay small; JSON is written to the pipe as it is produced.</summary>
public sealed class ModelResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult<T>
    where T : IModelSerializable<T>
{
    private readonly bool _json;
    // Null: those of AddModelGen, else the defaults, when the result runs.
    private readonly ModelSerializerOptions? _binaryOptions;
    private readonly ModelJsonOptions? _jsonOptions;

    internal ModelResult(T value, bool json, ModelSerializerOptions? binaryOptions, ModelJsonOptions? jsonOptions, int statusCode)
    {
        Value = value;
        _json = json;
        _binaryOptions = binaryOptions;
        _jsonOptions = jsonOptions;
        StatusCode = statusCode;
    }

    /// <summary>The model written.</summary>
    public T Value { get; }

    /// <summary>The status code written.</summary>
    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary><c>application/x-modelgen</c> for the binary form, <c>application/json; charset=utf-8</c> for JSON.</summary>
    public string ContentType => _json ? "application/json; charset=utf-8" : ModelMediaTypes.Binary;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ModelGenHttpOptions configured = ModelResults.Options(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        try
        {
            if (_json)
            {
                await ModelJson.SerializeAsync(httpContext.Response.BodyWriter, Value, _jsonOptions ?? configured.Json, httpContext.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await ModelSerializer.SerializeAsync(httpContext.Response.BodyWriter, Value, _binaryOptions ?? configured.Binary, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (ModelFormatException e)
        {
            throw ModelResults.CannotWrite(e);
        }
    }
}
