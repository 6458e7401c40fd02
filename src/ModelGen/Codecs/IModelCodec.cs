using System;
using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>How one member type is written and read in all three forms. Codecs are stateless types with static members,
/// composed through type arguments (<c>ListCodec&lt;float[], ArrayCodec&lt;float, SingleCodec&gt;&gt;</c>), so generated
/// code calls them without instances, virtual calls or reflection. Nulls are handled by <see cref="Codec"/>, never here.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IModelCodec<T>
{
    /// <summary>The wire type of the value in the binary format.</summary>
    static abstract WireType WireType { get; }

    /// <summary>Writes a non-null value (the tag is already written).</summary>
    static abstract void Write(ref ModelWriter writer, T value);

    /// <summary>Reads a value written with <paramref name="wireType"/> (never <see cref="WireType.Marker"/>).</summary>
    static abstract T Read(ref ModelReader reader, WireType wireType);

    /// <summary>Reads the tagged items of a sequence (after its header) in one loop, or returns false to have them read
    /// one by one. Models do (their per-type entry points are looked up once a sequence).</summary>
    static virtual bool ReadItems(ref ModelReader reader, Span<T> items) => false;

    /// <summary>Writes the tagged items of a sequence (after its header) in one loop, or returns false to have them
    /// written one by one. Models do, when the writer is not the check before a write (their depth is counted once for
    /// all items, and their per-type entry points are looked up once).</summary>
    static virtual bool WriteItems(ref ModelWriter writer, ReadOnlySpan<T> items) => false;

    /// <summary>Writes a non-null value as JSON.</summary>
    static abstract void WriteJson(Utf8JsonWriter writer, T value);

    /// <summary>Reads a JSON value that is not null; the reader is on its first token and is left on its last.</summary>
    static abstract T ReadJson(ref Utf8JsonReader reader);

    /// <summary>Converts a non-null value to a plain value.</summary>
    static abstract object ToPlain(T value);

    /// <summary>Converts a non-null plain value back.</summary>
    static abstract T FromPlain(object value, bool parseStrings);
}

/// <summary>A codec whose values can be dictionary keys: they have a text form for JSON property names and plain maps.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IModelKeyCodec<T> : IModelCodec<T>
{
    /// <summary>The key's text form.</summary>
    static abstract string ToKey(T value);

    /// <summary>Parses the key's text form.</summary>
    static abstract T FromKey(string key);
}
