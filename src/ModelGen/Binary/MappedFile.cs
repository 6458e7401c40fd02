using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace ModelGen;

/// <summary>A read-only memory map of a file region, so a large model is parsed straight from the file's pages: the
/// process holds the model once (its arrays), never a second copy of the file's bytes in its heap.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, int length)
    {
        _map = map;
        _view = view;
        Length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(_pointer, Length);

    /// <summary>Maps the rest of <paramref name="stream"/> from its position.</summary>
    public static MappedFile Map(FileStream stream, long length)
    {
        if (length > Array.MaxLength)
            throw new ModelFormatException($"input of {length} bytes is larger than the largest input one read can hold ({Array.MaxLength} bytes)", 0);
        MemoryMappedFile map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        try
        {
            MemoryMappedViewAccessor view = map.CreateViewAccessor(stream.Position, length, MemoryMappedFileAccess.Read);
            return new MappedFile(map, view, (int)length);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
