using System;
using System.IO;

namespace ModelGen;

/// <summary>Saves and loads models in files. Saving is atomic: the model is written to a temporary file in the same
/// folder, flushed to disk and then renamed over the target, so a crash or an exception mid-save never leaves a
/// half-written model where the old one was.</summary>
public static class ModelFile
{
    /// <summary>Saves <paramref name="value"/> in the binary format to <paramref name="path"/>, atomically.</summary>
    public static void Save<T>(string path, T value, ModelSerializerOptions? options = null) where T : IModelSerializable<T> =>
        SaveAtomic(path, stream => ModelSerializer.Serialize(stream, value, options));

    /// <summary>Loads a model saved with <see cref="Save{T}"/> (or any binary ModelGen file).</summary>
    /// <exception cref="ModelFormatException">The file is malformed, corrupted, too large, or holds another model.</exception>
    public static T Load<T>(string path, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return ModelSerializer.Deserialize<T>(stream, options);
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file next to <paramref name="path"/> and, only when it
    /// returns, flushes it to disk and moves it over <paramref name="path"/>. When <paramref name="write"/> throws, the
    /// temporary file is deleted and <paramref name="path"/> is untouched.</summary>
    public static void SaveAtomic(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
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
