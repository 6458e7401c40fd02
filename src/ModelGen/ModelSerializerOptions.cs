namespace ModelGen;

/// <summary>Limits and integrity settings for reading and writing; the defaults are safe for untrusted input.</summary>
public sealed record ModelSerializerOptions
{
    /// <summary>The defaults.</summary>
    public static ModelSerializerOptions Default { get; } = new();

    /// <summary>Maximum nesting of objects and collections, for writing and reading (default 64). Depth counts the same
    /// in every form: each nested model, map, and collection of items written one by one is a level; the root object
    /// and arrays of primitives are not. A writer refuses a deeper value with <see cref="ModelFormatException"/> before
    /// it writes anything.</summary>
    public int MaxDepth { get; init; } = FormatLimits.DefaultMaxDepth;

    /// <summary>Maximum total number of collection elements in one input (default 2^31 - 1).</summary>
    public long MaxElementCount { get; init; } = int.MaxValue;

    /// <summary>Maximum size in bytes of one binary input (default: the largest .NET byte array).</summary>
    public long MaxInputSize { get; init; } = 0x7FFFFFC7;

    /// <summary>Write an XxHash3 checksum of the envelope and payload (default true).</summary>
    public bool WriteChecksum { get; init; } = true;

    /// <summary>Verify the checksum when the input carries one (default true).</summary>
    public bool VerifyChecksum { get; init; } = true;

    /// <summary>The binary format version written: 1 (the default) or 2 (docs/format.md §9: a schema table in the
    /// header and positional objects). Readers read both, whatever this says. Format 2 is a preview: later releases
    /// read its files, but its bytes may change before 1.0.</summary>
    public int FormatVersion
    {
        get => _formatVersion;
        init => _formatVersion = value is 1 or 2 ? value : throw new System.ArgumentOutOfRangeException(nameof(value), value, "the binary format version is 1 or 2");
    }

    private readonly int _formatVersion = 1;

    /// <summary>Parse a file of 1 MiB or more (<see cref="ModelFile.Load{T}"/>, or
    /// <see cref="ModelSerializer.Deserialize{T}(System.IO.Stream, ModelSerializerOptions?)"/> on a
    /// <see cref="System.IO.FileStream"/>) from a read-only memory map of its pages instead of reading it into native
    /// memory first (default false). A map saves the process a transient copy of the file's bytes while it loads (the
    /// managed heap holds the model once either way). Only for files that no other process rewrites in place while they
    /// load: on Linux and macOS a mapped file truncated during the load (<c>cp</c>, <c>File.WriteAllBytes</c>,
    /// <c>torch.save</c>, <c>File.Create</c>) ends the process with a fatal access violation that no exception handler
    /// can catch; a read reports it as a <see cref="ModelFormatException"/>. Files replaced atomically
    /// (<see cref="ModelFile.Save{T}"/>) are safe to map.</summary>
    public bool MemoryMapFiles { get; init; }

    /// <summary>Reject input that has members the model does not declare (default false: they are kept and written
    /// back). When set, reading fails with a <see cref="ModelFormatException"/> naming the first such member and its
    /// path, in every form: <see cref="ModelSerializer"/>, <see cref="ModelJson"/> and <see cref="ModelDictionary"/>
    /// overloads that take these options. Members that older versions had and this one removed count as unknown too.</summary>
    public bool RejectUnknownMembers { get; init; }
}
