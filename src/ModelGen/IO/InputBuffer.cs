using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace ModelGen;

/// <summary>A whole input read into one pooled array (the readers parse a span), for streams and pipes. The size limit
/// is checked before a byte is read when the length is known, and while reading otherwise, so an endless or oversized
/// input fails without growing past the limit. The array goes back to the pool on <see cref="Dispose"/>.</summary>
internal struct InputBuffer : IDisposable
{
    private byte[] _array;
    private int _length;
    private readonly long _maxSize;

    private InputBuffer(long knownSize, long maxSize)
    {
        _maxSize = maxSize;
        // One byte more than a known size, so the read that finds the end needs no larger array.
        _array = ArrayPool<byte>.Shared.Rent(knownSize >= 0 ? (int)Math.Min(knownSize + 1, Array.MaxLength) : 64 * 1024);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public static ModelFormatException TooLarge(long size, long maxSize) =>
        new($"input of {size} bytes is larger than the limit of {maxSize} (MaxInputSize)", 0);

    /// <summary>The error of a writer whose output would pass what one read can load (every reader holds one input
    /// in one span): such a file would be written and never load.</summary>
    public static ModelFormatException OutputTooLarge(long size, string what = "the model takes") =>
        new($"{what} {size} bytes, more than one read can load ({Array.MaxLength} bytes); split it into several models", 0);

    /// <summary>Starts a buffer for an input of <paramref name="knownSize"/> bytes (-1: unknown).</summary>
    public static InputBuffer Start(long knownSize, long maxSize)
    {
        if (knownSize > maxSize) throw TooLarge(knownSize, maxSize);
        return new InputBuffer(knownSize, maxSize);
    }

    private readonly Memory<byte> Free => _array.AsMemory(_length);

    private void Ensure(long more)
    {
        long needed = _length + more;
        if (needed > _maxSize) throw new ModelFormatException($"input is larger than the limit of {_maxSize} bytes (MaxInputSize)", _length);
        if (needed <= _array.Length) return;
        if (needed > Array.MaxLength)
            throw new ModelFormatException($"input is larger than the largest input one read can hold ({Array.MaxLength} bytes)", _length);
        long size = Math.Min(Math.Max(needed, (long)_array.Length * 2), Math.Min(_maxSize + 1, Array.MaxLength));
        byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, needed));
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    private void Added(int count)
    {
        _length += count;
        if (_length > _maxSize) throw new ModelFormatException($"input is larger than the limit of {_maxSize} bytes (MaxInputSize)", _length);
    }

    public void ReadToEnd(Stream stream)
    {
        while (true)
        {
            if (_length == _array.Length) Ensure(1);
            int n = stream.Read(_array, _length, _array.Length - _length);
            if (n == 0) return;
            Added(n);
        }
    }

    public static async ValueTask<InputBuffer> ReadToEndAsync(Stream stream, long maxSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        InputBuffer buffer = Start(stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1, maxSize);
        try
        {
            while (true)
            {
                if (buffer._length == buffer._array.Length) buffer.Ensure(1);
                int n = await stream.ReadAsync(buffer.Free, cancellationToken).ConfigureAwait(false);
                if (n == 0) return buffer;
                buffer.Added(n);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Reads <paramref name="reader"/> to its completion, consuming as it copies (so a pipe with a pause
    /// threshold keeps flowing); the reader is not completed.</summary>
    public static async ValueTask<InputBuffer> ReadToEndAsync(PipeReader reader, long maxSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        InputBuffer buffer = Start(-1, maxSize);
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCanceled) throw new OperationCanceledException("the pipe's pending read was canceled", cancellationToken);
                ReadOnlySequence<byte> data = result.Buffer;
                try
                {
                    buffer.Ensure(data.Length);
                    data.CopyTo(buffer.Free.Span);
                    buffer.Added((int)data.Length);
                }
                finally
                {
                    reader.AdvanceTo(data.End);
                }
                if (result.IsCompleted) return buffer;
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_array is { Length: > 0 }) ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _length = 0;
    }
}
