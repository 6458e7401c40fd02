using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace ModelGen;

// Every entry point takes the options and then the token last, as System.Text.Json's do.
#pragma warning disable RS0026, RS0027

public static partial class ModelJson
{
    /// <summary>Serializes <paramref name="value"/> as UTF-8 JSON to <paramref name="stream"/> with asynchronous
    /// writes; the JSON is built in pooled buffers first (the value is checked before anything is written).</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelJsonOptions?)"/>; nothing is written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task SerializeAsync<T>(Stream stream, T value, ModelJsonOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new SegmentedBufferWriter(Array.MaxLength);
        WriteTo(buffer, value, options ?? ModelJsonOptions.Default);
        await buffer.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serializes <paramref name="value"/> as UTF-8 JSON to <paramref name="writer"/>, flushing every 64 KiB;
    /// the writer is not completed.</summary>
    /// <exception cref="ModelFormatException">As <see cref="Serialize{T}(T, ModelJsonOptions?)"/>; nothing is written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task SerializeAsync<T>(PipeWriter writer, T value, ModelJsonOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new SegmentedBufferWriter(Array.MaxLength);
        WriteTo(buffer, value, options ?? ModelJsonOptions.Default);
        await buffer.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deserializes a model from UTF-8 JSON in <paramref name="stream"/>, read to its end with asynchronous
    /// reads into one pooled buffer, at most <see cref="ModelJsonOptions.MaxInputSize"/> bytes.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed, too large, or does not fit the model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(Stream stream, ModelJsonOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ModelJsonOptions.Default;
        // The pooled buffer goes back to the pool once the model is built.
        using InputBuffer input = await InputBuffer.ReadToEndAsync(stream, options.MaxInputSize, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(input.Span, options);
    }

    /// <summary>Deserializes a model from UTF-8 JSON in <paramref name="reader"/>, read until the writer completes
    /// (consumed as it is copied into one pooled buffer), at most <see cref="ModelJsonOptions.MaxInputSize"/> bytes.
    /// The reader is not completed.</summary>
    /// <exception cref="ModelFormatException">The JSON is malformed, too large, or does not fit the model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(PipeReader reader, ModelJsonOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= ModelJsonOptions.Default;
        // The pooled buffer goes back to the pool once the model is built.
        using InputBuffer input = await InputBuffer.ReadToEndAsync(reader, options.MaxInputSize, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(input.Span, options);
    }
}
