using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModelGen.Internal;

namespace ModelGen;

// Every entry point takes the options and then the token last, as System.Text.Json's do.
#pragma warning disable RS0026, RS0027

/// <summary>Saves and loads models in files. Saving is atomic and checked: the model is written to a temporary file in
/// the same folder, flushed to disk, checked to load (envelope, length, checksum and, where the model type is known,
/// its name) and only then renamed over the target, so a crash, an exception mid-save or corrupt bytes never leave
/// anything but a loadable model where the old one was.</summary>
public static class ModelFile
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Saves <paramref name="value"/> in the binary format to <paramref name="path"/>, atomically.</summary>
    public static void Save<T>(string path, T value, ModelSerializerOptions? options = null) where T : IModelSerializable<T> =>
        SaveAtomic<T>(path, stream => ModelSerializer.Serialize(stream, value, options));

    /// <summary>Saves <paramref name="value"/> in the binary format to <paramref name="path"/>, atomically, with
    /// asynchronous writes.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the old file is kept.</exception>
    public static Task SaveAsync<T>(string path, T value, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T> =>
        SaveAtomicAsync<T>(path, (stream, token) => ModelSerializer.SerializeAsync(stream, value, options, token), cancellationToken);

    /// <summary>Loads a model saved with <see cref="Save{T}"/> (or any binary ModelGen file). A file of 1 MiB or more is
    /// read into native memory that is freed once the model is built (or mapped, with
    /// <see cref="ModelSerializerOptions.MemoryMapFiles"/>), so the managed heap holds the model once.</summary>
    /// <exception cref="ModelFormatException">The file is malformed, corrupted, too large, holds another model, or was
    /// truncated by another process while it was read.</exception>
    public static T Load<T>(string path, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return ModelSerializer.Deserialize<T>(stream, options);
    }

    /// <summary>Loads a model with asynchronous reads. Unlike <see cref="Load{T}"/>, which reads a large file outside
    /// the managed heap, the file is read into one pooled buffer of its size, which goes back to the pool once the model
    /// is built.</summary>
    /// <exception cref="ModelFormatException">The file is malformed, corrupted, too large, or holds another model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T> LoadAsync<T>(string path, ModelSerializerOptions? options = null,
        CancellationToken cancellationToken = default) where T : IModelSerializable<T>
    {
        FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
            return await ModelSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file next to <paramref name="path"/> and, only when it
    /// returns and what it wrote loads as a ModelGen file (envelope, length and checksum), flushes it to disk and moves
    /// it over <paramref name="path"/>. When <paramref name="write"/> throws or the file would not load, the temporary
    /// file is deleted and <paramref name="path"/> is untouched.</summary>
    /// <exception cref="ModelFormatException">What <paramref name="write"/> wrote does not load; nothing was replaced.</exception>
    public static void SaveAtomic(string path, Action<Stream> write) => SaveAtomic(path, write, expectedModel: null);

    /// <summary>As <see cref="SaveAtomic(string, Action{Stream})"/>, and the file must hold a <typeparamref name="T"/>
    /// model (by its model name): bytes from a download of another model never replace this one.</summary>
    /// <exception cref="ModelFormatException">What <paramref name="write"/> wrote does not load as a
    /// <typeparamref name="T"/>; nothing was replaced.</exception>
    public static void SaveAtomic<T>(string path, Action<Stream> write) where T : IModelSerializable<T> =>
        SaveAtomic(path, write, T.Schema);

    /// <summary>As <see cref="SaveAtomic(string, Action{Stream})"/>, with an asynchronous callback.</summary>
    /// <exception cref="ModelFormatException">What <paramref name="write"/> wrote does not load; nothing was replaced.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; nothing was replaced.</exception>
    public static Task SaveAtomicAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default) =>
        SaveAtomicAsync(path, write, expectedModel: null, cancellationToken);

    /// <summary>As <see cref="SaveAtomic{T}(string, Action{Stream})"/>, with an asynchronous callback.</summary>
    /// <exception cref="ModelFormatException">What <paramref name="write"/> wrote does not load as a
    /// <typeparamref name="T"/>; nothing was replaced.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; nothing was replaced.</exception>
    public static Task SaveAtomicAsync<T>(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        where T : IModelSerializable<T> =>
        SaveAtomicAsync(path, write, T.Schema, cancellationToken);

    private static void SaveAtomic(string path, Action<Stream> write, ModelSchema? expectedModel)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        (string full, string temporary) = Paths(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                Verify(stream, full, expectedModel);
            }
            KeepMode(full, temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static async Task SaveAtomicAsync(string path, Func<Stream, CancellationToken, Task> write, ModelSchema? expectedModel,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        (string full, string temporary) = Paths(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
                cancellationToken.ThrowIfCancellationRequested();
                Verify(stream, full, expectedModel);
            }
            KeepMode(full, temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    // The file a save replaces keeps its permissions: the temporary file was created with the process's umask, so a
    // model kept private (0600) would otherwise become readable by others once saved again. (Unix; Windows files
    // take their folder's inherited access rules.)
    private static void KeepMode(string target, string temporary)
    {
        if (OperatingSystem.IsWindows()) return;
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(target);
        }
        catch (FileNotFoundException)
        {
            return; // nothing is replaced
        }
        File.SetUnixFileMode(temporary, mode);
    }

    private static (string Full, string Temporary) Paths(string path)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        return (full, Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
    }

    /// <summary>Checks that the whole temporary file loads as a model file: the envelope, the payload length in the
    /// trailer, the checksum (when the file has one) and the model name. The payload itself is not parsed: that would
    /// build the model, and the checksum already covers every byte of it.</summary>
    private static void Verify(FileStream stream, string target, ModelSchema? expectedModel)
    {
        long size = stream.Length;
        stream.Position = 0;
        try
        {
            if (size == 0) throw new ModelFormatException("the file is empty", 0);
            if (size > Array.MaxLength)
                throw new ModelFormatException($"the file of {size} bytes is larger than the largest input one read can hold ({Array.MaxLength} bytes)", 0);
            // Mapped: the temporary file is this save's own (a fresh name, opened without sharing).
            using FileInput mapped = FileInput.Map(stream, size);
            Envelope envelope = Envelope.Read(mapped.Span, verifyChecksum: true);
            if (expectedModel is not null && envelope.ModelName != expectedModel.Name)
                throw new ModelFormatException($"the data holds model '{envelope.ModelName}', not '{expectedModel.Name}'", 6);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"the new file for '{target}' does not load, so it was not installed: {e.Reason}", e.Offset, e);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file never replaces the model.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
