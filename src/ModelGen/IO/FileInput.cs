using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace ModelGen;

/// <summary>A whole file region held for one parse, outside the managed heap: either read into native memory that is
/// freed right after the parse (the default), or a read-only memory map of the file's pages
/// (<see cref="ModelSerializerOptions.MemoryMapFiles"/>). Either way the heap holds the model once (its arrays), never
/// a second copy of the file's bytes. A map is only safe while no other process truncates the file: on Linux and macOS
/// a mapped page past a new end is a fatal access violation (SIGBUS), which no exception handler can catch; a read
/// sees a truncated file as fewer bytes, which is a <see cref="ModelFormatException"/>.</summary>
internal sealed unsafe class FileInput : IDisposable
{
    // Native memory for a read, or the map and its view for a map.
    private byte* _memory;
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;

    private FileInput(byte* memory, int length)
    {
        _memory = memory;
        _pointer = memory;
        Length = length;
    }

    private FileInput(MemoryMappedFile map, MemoryMappedViewAccessor view, int length)
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

    /// <summary>The rest of <paramref name="stream"/> from its position, <paramref name="length"/> bytes.</summary>
    public static FileInput Open(FileStream stream, long length, bool map) => map ? Map(stream, length) : Read(stream, length);

    /// <summary>Reads the rest of <paramref name="stream"/> from its position into native memory.</summary>
    private static FileInput Read(FileStream stream, long length)
    {
        CheckLength(length);
        long start = stream.Position;
        byte* memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(length, 1));
        try
        {
            long done = 0;
            while (done < length)
            {
                int n = RandomAccess.Read(stream.SafeFileHandle, new Span<byte>(memory + done, (int)Math.Min(length - done, 1 << 30)), start + done);
                // The file was shorter when read than when measured: another process truncated it (rewriting it in
                // place). What was read is not the file that was measured.
                if (n == 0)
                    throw new ModelFormatException($"the file ended after {done} of its {length} bytes: it was truncated while it was read (rewritten in place?)", done);
                done += n;
            }
            return new FileInput(memory, (int)length);
        }
        catch
        {
            NativeMemory.Free(memory);
            throw;
        }
    }

    /// <summary>Maps the rest of <paramref name="stream"/> from its position.</summary>
    public static FileInput Map(FileStream stream, long length)
    {
        CheckLength(length);
        MemoryMappedFile map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        try
        {
            MemoryMappedViewAccessor view = map.CreateViewAccessor(stream.Position, length, MemoryMappedFileAccess.Read);
            return new FileInput(map, view, (int)length);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    private static void CheckLength(long length)
    {
        if (length > Array.MaxLength)
            throw new ModelFormatException($"input of {length} bytes is larger than the largest input one read can hold ({Array.MaxLength} bytes)", 0);
    }

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map!.Dispose();
        }
        if (_memory is not null)
        {
            NativeMemory.Free(_memory);
            _memory = null;
        }
    }
}
