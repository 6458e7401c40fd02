using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace ModelGen;

// Every entry point takes the options and then the token last, as System.Text.Json's do.
#pragma warning disable RS0026, RS0027

public static partial class ModelSerializer
{
    /// <summary>Serializes <paramref name="value"/> to <paramref name="stream"/> with asynchronous writes (for
    /// servers that forbid synchronous I/O). The encoded model is built in pooled buffers first (the model is
    /// checked before anything is written), then written in 64 KiB chunks.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelSerializerOptions?)"/>; nothing is written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task SerializeAsync<T>(Stream stream, T value, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new SegmentedBufferWriter(Array.MaxLength);
        Serialize(buffer, value, options);
        await buffer.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serializes <paramref name="value"/> to <paramref name="writer"/>, flushing every 64 KiB so the pipe's
    /// back-pressure applies; the writer is not completed.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelSerializerOptions?)"/>; nothing is written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task SerializeAsync<T>(PipeWriter writer, T value, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new SegmentedBufferWriter(Array.MaxLength);
        Serialize(buffer, value, options);
        await buffer.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deserializes a model from a stream that holds exactly one model, read to its end with asynchronous
    /// reads into one pooled buffer (of the stream's length when it is known), which goes back to the pool once the
    /// model is built; the limits and errors are those of <see cref="Deserialize{T}(ReadOnlySpan{byte}, ModelSerializerOptions?)"/>,
    /// and <see cref="ModelSerializerOptions.MaxInputSize"/> is checked while reading.</summary>
    /// <exception cref="ModelFormatException">The input is malformed, corrupted, too large, or holds another model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(Stream stream, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ModelSerializerOptions.Default;
        // The pooled buffer goes back to the pool once the model is built.
        using InputBuffer input = await InputBuffer.ReadToEndAsync(stream, options.MaxInputSize, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(input.Span, options);
    }

    /// <summary>Deserializes a model from <paramref name="reader"/>, read until the writer completes; each read is
    /// consumed as it is copied into one pooled buffer, so a pipe with a pause threshold (a request body) keeps
    /// flowing. The reader is not completed.</summary>
    /// <exception cref="ModelFormatException">The input is malformed, corrupted, too large, or holds another model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(PipeReader reader, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= ModelSerializerOptions.Default;
        // The pooled buffer goes back to the pool once the model is built.
        using InputBuffer input = await InputBuffer.ReadToEndAsync(reader, options.MaxInputSize, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(input.Span, options);
    }
}
