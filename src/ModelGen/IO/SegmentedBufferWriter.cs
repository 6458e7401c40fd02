using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace ModelGen;

/// <summary>A buffer writer on pooled segments that grow geometrically (64 KiB doubling up to 16 MiB), for the async
/// entry points: the synchronous serializers fill it, then it is written out in <see cref="ChunkSize"/> pieces with a
/// flush after each, so the destination's own buffers (a socket pipe's small blocks) stay small and are recycled.
/// Segments of distinct sizes land in distinct pool buckets, so the pool keeps them between calls: serializing a large
/// model again allocates nothing for the buffer. Nothing is copied when it grows. <see cref="ModelEquality"/> holds the
/// payload it compares against in one too.</summary>
internal sealed class SegmentedBufferWriter : IBufferWriter<byte>, IDisposable
{
    internal const int ChunkSize = 64 * 1024;
    private const int MaxSegmentSize = 16 * 1024 * 1024;
    private readonly List<(byte[] Array, int Length)> _full = new();
    private byte[] _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _written;
    private long _fullLength;

    // The async writers stop at what one read can load (a file that large would be written and never load), before
    // anything reaches the destination; ModelEquality compares without a limit.
    private readonly long _maxLength;

    public SegmentedBufferWriter(long maxLength = long.MaxValue) => _maxLength = maxLength;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current.Length - _written >= sizeHint) return;
        if (_fullLength + _written + sizeHint > _maxLength) throw InputBuffer.OutputTooLarge(_fullLength + _written + sizeHint, "the output takes at least");
        int next = Math.Max(sizeHint, Math.Min(_current.Length * 2, MaxSegmentSize));
        byte[] bigger = ArrayPool<byte>.Shared.Rent(next);
        if (_written == 0) ArrayPool<byte>.Shared.Return(_current);
        else AddFull();
        _current = bigger;
        _written = 0;
    }

    /// <summary>Writes everything to <paramref name="stream"/>; each segment goes back to the pool once written.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        Seal();
        for (int i = 0; i < _full.Count; i++)
        {
            (byte[] array, int length) = _full[i];
            for (int offset = 0; offset < length; offset += ChunkSize)
                await stream.WriteAsync(array.AsMemory(offset, Math.Min(ChunkSize, length - offset)), cancellationToken).ConfigureAwait(false);
            Release(i);
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes everything to <paramref name="writer"/>, flushing after each chunk so the pipe applies its
    /// back-pressure; stops early when the reader has completed.</summary>
    public async Task WriteToAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        Seal();
        for (int i = 0; i < _full.Count; i++)
        {
            (byte[] array, int length) = _full[i];
            for (int offset = 0; offset < length; offset += ChunkSize)
            {
                FlushResult result = await writer.WriteAsync(array.AsMemory(offset, Math.Min(ChunkSize, length - offset)), cancellationToken).ConfigureAwait(false);
                if (result.IsCanceled) throw new OperationCanceledException("the pipe's pending flush was canceled", cancellationToken);
                if (result.IsCompleted) return;
            }
            Release(i);
        }
    }

    /// <summary>The written bytes, segment by segment, once <see cref="Seal"/> has run.</summary>
    internal List<(byte[] Array, int Length)> Segments => _full;

    /// <summary>Moves the segment being filled to the list of full ones, so that writing out walks one list; call
    /// once, when writing is done.</summary>
    internal void Seal()
    {
        if (_fullLength + _written > _maxLength) throw InputBuffer.OutputTooLarge(_fullLength + _written, "the output takes");
        if (_written > 0) AddFull();
        else ArrayPool<byte>.Shared.Return(_current);
        _current = [];
        _written = 0;
    }

    private void AddFull()
    {
        _full.Add((_current, _written));
        _fullLength += _written;
    }

    private void Release(int index)
    {
        ArrayPool<byte>.Shared.Return(_full[index].Array);
        _full[index] = ([], 0);
    }

    public void Dispose()
    {
        foreach ((byte[] array, _) in _full)
            if (array.Length > 0) ArrayPool<byte>.Shared.Return(array);
        _full.Clear();
        if (_current.Length > 0) ArrayPool<byte>.Shared.Return(_current);
        _current = [];
    }
}
