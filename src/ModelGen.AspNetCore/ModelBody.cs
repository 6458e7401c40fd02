using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ModelGen.AspNetCore;

/// <summary>A minimal API parameter that binds a <typeparamref name="T"/> model from the request body: binary for
/// <c>application/x-modelgen</c> and <c>application/octet-stream</c>, ModelGen's JSON for <c>application/json</c>.
/// The body is read asynchronously into one pooled buffer (of the request's Content-Length when it has one) that goes
/// back to the pool once the model is built, so the request is held once as bytes and once as the model, and no
/// longer than the read. A bad body throws a <see cref="BadHttpRequestException"/> (400, whose inner exception is the
/// <see cref="ModelFormatException"/> naming the member path; 415 for another content type; 413 over
/// <see cref="ModelSerializerOptions.MaxInputSize"/>), which <see cref="ModelProblemDetailsHandler"/> writes as
/// ProblemDetails. The parameter declares no accepted content types to routing on purpose: routing would answer
/// another content type with an empty 415 before the binder could explain it. Limits come from <see cref="ModelGenHttpOptions"/> when <c>AddModelGen</c> registered them.</summary>
public sealed class ModelBody<T> : IBindableFromHttpContext<ModelBody<T>>
    where T : IModelSerializable<T>
{
    /// <summary>Wraps a model (for tests and for handlers that build one).</summary>
    public ModelBody(T value) => Value = value;

    /// <summary>The model read from the body.</summary>
    public T Value { get; }

    /// <summary>The model read from the request body.</summary>
    public static async ValueTask<ModelBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpRequest request = context.Request;
        ModelGenHttpOptions options = context.RequestServices.GetService<ModelGenHttpOptions>() ?? ModelGenHttpOptions.Default;
        ModelMediaTypes.Kind kind = ModelMediaTypes.Classify(request.ContentType);
        if (kind == ModelMediaTypes.Kind.Unsupported)
            throw new BadHttpRequestException(
                $"Content type '{request.ContentType ?? "(none)"}' is not supported for a {T.Schema.Name} body; send {ModelMediaTypes.Binary}, {ModelMediaTypes.OctetStream} or {ModelMediaTypes.Json}.",
                StatusCodes.Status415UnsupportedMediaType);
        // One read holds at most one .NET array, whatever the configured limit.
        long maxSize = Math.Min(Array.MaxLength, kind == ModelMediaTypes.Kind.Binary ? options.Binary.MaxInputSize : options.Json.MaxInputSize);
        long? length = request.ContentLength;
        if (length > maxSize)
            throw new BadHttpRequestException($"The request body of {length} bytes is larger than the limit of {maxSize} bytes (MaxInputSize).",
                StatusCodes.Status413PayloadTooLarge);

        CancellationToken aborted = context.RequestAborted;
        try
        {
            if (length is null)
            {
                // No Content-Length (chunked): the runtime reads the pipe, growing a pooled buffer as it goes.
                PipeReader reader = request.BodyReader;
                ReadResult first = await reader.ReadAsync(aborted).ConfigureAwait(false);
                bool empty = first.IsCompleted && first.Buffer.IsEmpty;
                reader.AdvanceTo(first.Buffer.Start);
                if (empty) throw Empty();
                T value = kind == ModelMediaTypes.Kind.Binary
                    ? await ModelSerializer.DeserializeAsync<T>(reader, options.Binary, aborted).ConfigureAwait(false)
                    : await ModelJson.DeserializeAsync<T>(reader, options.Json, aborted).ConfigureAwait(false);
                return new ModelBody<T>(value);
            }
            if (length == 0) throw Empty();

            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length.Value);
            try
            {
                int read = await ReadExactly(request.BodyReader, buffer.AsMemory(0, (int)length.Value), aborted).ConfigureAwait(false);
                ReadOnlySpan<byte> body = buffer.AsSpan(0, read);
                return new ModelBody<T>(kind == ModelMediaTypes.Kind.Binary
                    ? ModelSerializer.Deserialize<T>(body, options.Binary)
                    : ModelJson.Deserialize<T>(body, options.Json));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (ModelFormatException e)
        {
            throw new BadHttpRequestException($"The request body is not a valid {T.Schema.Name}: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
    }

    private static BadHttpRequestException Empty() =>
        new($"The request body is empty; expected a {T.Schema.Name} model.", StatusCodes.Status400BadRequest);

    // Copies up to destination.Length bytes, consuming the pipe as it goes (a request pipe pauses its writer).
    private static async ValueTask<int> ReadExactly(PipeReader reader, Memory<byte> destination, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> data = result.Buffer;
            long take = Math.Min(data.Length, destination.Length - filled);
            data.Slice(0, take).CopyTo(destination.Span.Slice(filled));
            filled += (int)take;
            reader.AdvanceTo(data.GetPosition(take));
            if (filled == destination.Length || result.IsCompleted) return filled;
        }
    }
}
