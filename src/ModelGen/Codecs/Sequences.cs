using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>The shared core of every one-dimensional collection codec: primitive elements are one packed bulk copy,
/// all others a sequence of tagged items. Reads always produce an array; the codecs adapt it to their collection.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Sequence<T, TCodec> where TCodec : IModelCodec<T>
{
    /// <summary>The packed element code of <typeparamref name="T"/>, or None when items are tagged one by one.</summary>
    public static readonly PackedElement Element = PackedElements.Of<T>();

    /// <summary>The wire type of the collection.</summary>
    public static WireType WireType => Element != PackedElement.None ? WireType.Packed : WireType.Sequence;

    /// <summary>Writes the items.</summary>
    public static void Write(ref ModelWriter writer, ReadOnlySpan<T> items)
    {
        if (Element != PackedElement.None)
        {
            if (typeof(T) == typeof(char)) Codec.CheckChars(ref writer, items);
            if (writer.TryWriteShortPacked(Element, items)) return;
            writer.WritePackedHeader(Element, [items.Length]);
            writer.WritePackedElements(items);
            return;
        }
        writer.WriteSequenceHeader(1, [items.Length]);
        writer.Enter();
        if (TCodec.WriteItems(ref writer, items))
        {
            writer.Exit();
            return;
        }
        if (writer.Check is null || Codec.Nests<T, TCodec>() || (Codec.IsText<T>() && !AcceptedText(items)))
        {
            writer.Check?.EnterItems();
            foreach (T item in items) Codec.WriteItem<T, TCodec>(ref writer, item);
            writer.Check?.Exit();
        }
        writer.Exit();
    }

    // Items of text that cannot nest: one scan, the walk (which names the refused item) only when it fails.
    private static bool AcceptedText(ReadOnlySpan<T> items)
    {
        foreach (T item in items)
            if (!Codec.IsAcceptedText(item)) return false;
        return true;
    }

    /// <summary>Reads the items, packed or tagged, whichever was written.</summary>
    public static T[] Read(ref ModelReader reader, WireType wireType)
    {
        // A short packed array of the element type itself (the arrays of a small model) in one step, before the frame
        // of the general read is set up.
        if (wireType == WireType.Packed && Element != PackedElement.None && reader.TryReadShortPackedArray(Element, out T[]? small)) return small;
        return ReadAny(ref reader, wireType);
    }

    private static T[] ReadAny(ref ModelReader reader, WireType wireType)
    {
        Span<int> dims = stackalloc int[1];
        if (wireType == WireType.Packed && Element != PackedElement.None)
        {
            PackedElement element = reader.ReadPackedHeader(dims, out _);
            // Every element is overwritten below, so large arrays skip the zeroing (half the cost of reading weights).
            T[] array = dims[0] >= 256 ? GC.AllocateUninitializedArray<T>(dims[0]) : new T[dims[0]];
            reader.ReadPackedElements(element, array.AsSpan());
            return array;
        }
        reader.Expect(wireType, WireType.Sequence, "a sequence");
        reader.ReadSequenceHeader(dims);
        reader.Enter();
        var items = new T[dims[0]];
        // Stores through a span: the array's type is checked once, not at each store of a reference.
        Span<T> span = items;
        if (TCodec.ReadItems(ref reader, span))
        {
            reader.Exit();
            return items;
        }
        for (int i = 0; i < span.Length; i++)
        {
            try
            {
                span[i] = Codec.ReadItem<T, TCodec>(ref reader);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, i))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
        reader.Exit();
        return items;
    }

    /// <summary>Writes a JSON array (bytes as a base64 string).</summary>
    public static void WriteJson(Utf8JsonWriter writer, ReadOnlySpan<T> items)
    {
        if (typeof(T) == typeof(byte))
        {
            writer.WriteBase64StringValue(MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(items)), items.Length));
            return;
        }
        writer.WriteStartArray();
        foreach (T item in items) Codec.WriteJson<T, TCodec>(writer, item);
        writer.WriteEndArray();
    }

    /// <summary>Reads a JSON array (or a base64 string for bytes).</summary>
    public static T[] ReadJson(ref Utf8JsonReader reader)
    {
        if (typeof(T) == typeof(byte) && reader.TokenType == JsonTokenType.String)
        {
            if (!reader.TryGetBytesFromBase64(out byte[]? bytes)) throw JsonRead.Error(ref reader, "invalid base64");
            return (T[])(object)bytes;
        }
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, "an array");
        if (Element != PackedElement.None) return ReadJsonItems(ref reader);
        // Items written one by one are a level, as in the binary form (FormatLimits).
        if (!Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        try
        {
            return ReadJsonItems(ref reader);
        }
        finally
        {
            Nesting.Exit();
        }
    }

    private static T[] ReadJsonItems(ref Utf8JsonReader reader)
    {
        var list = new List<T>();
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return list.ToArray();
            try
            {
                list.Add(Codec.ReadJson<T, TCodec>(ref reader, nullable: true));
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, list.Count))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
    }

    /// <summary>Plain form: a copy of the array for primitives, a list of plain items otherwise.</summary>
    public static object ToPlain(ReadOnlySpan<T> items)
    {
        if (Element != PackedElement.None) return items.ToArray();
        var list = new List<object?>(items.Length);
        foreach (T item in items) list.Add(Codec.ToPlain<T, TCodec>(item));
        return list;
    }

    /// <summary>Reads a plain sequence; with <paramref name="parseStrings"/> also a comma-separated string ("64,32,16").</summary>
    public static T[] FromPlain(object value, bool parseStrings)
    {
        if (value is T[] same) return (T[])same.Clone();
        // Bytes are a base64 string in JSON (see WriteJson), so a JSON layer gives them as one.
        if (typeof(T) == typeof(byte) && value is JsonElement { ValueKind: JsonValueKind.String } base64)
            return base64.TryGetBytesFromBase64(out byte[]? bytes) ? (T[])(object)bytes : throw new ModelFormatException("invalid base64");
        IReadOnlyList<object?> items = parseStrings && value is string s
            ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : PlainValue.ToSequence(value);
        if (Element != PackedElement.None) return FromPlainItems(items, parseStrings);
        // Items written one by one are a level, as in the binary form (FormatLimits).
        if (!Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        try
        {
            return FromPlainItems(items, parseStrings);
        }
        finally
        {
            Nesting.Exit();
        }
    }

    private static T[] FromPlainItems(IReadOnlyList<object?> items, bool parseStrings)
    {
        var result = new T[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            try
            {
                result[i] = Codec.FromPlain<T, TCodec>(items[i], nullable: true, parseStrings);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, i))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
        return result;
    }

    /// <summary>The items of a read-only list as a span, without a copy for arrays and lists.</summary>
    public static ReadOnlySpan<T> Span(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> l => CollectionsMarshal.AsSpan(l),
        _ => new List<T>(list).ToArray(),
    };
}

/// <summary>T[]: packed for primitives, tagged items otherwise.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ArrayCodec<T, TCodec> : IModelCodec<T[]> where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[] value) => Sequence<T, TCodec>.Write(ref writer, value);
    /// <inheritdoc />
    public static T[] Read(ref ModelReader reader, WireType wireType) => Sequence<T, TCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[] value) => Sequence<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[] ReadJson(ref Utf8JsonReader reader) => Sequence<T, TCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(T[] value) => Sequence<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[] FromPlain(object value, bool parseStrings) => Sequence<T, TCodec>.FromPlain(value, parseStrings);
}

/// <summary>List&lt;T&gt;.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ListCodec<T, TCodec> : IModelCodec<List<T>> where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, List<T> value) => Sequence<T, TCodec>.Write(ref writer, CollectionsMarshal.AsSpan(value));
    /// <inheritdoc />
    public static List<T> Read(ref ModelReader reader, WireType wireType) => new(Sequence<T, TCodec>.Read(ref reader, wireType));
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, List<T> value) => Sequence<T, TCodec>.WriteJson(writer, CollectionsMarshal.AsSpan(value));
    /// <inheritdoc />
    public static List<T> ReadJson(ref Utf8JsonReader reader) => new(Sequence<T, TCodec>.ReadJson(ref reader));
    /// <inheritdoc />
    public static object ToPlain(List<T> value) => Sequence<T, TCodec>.ToPlain(CollectionsMarshal.AsSpan(value));
    /// <inheritdoc />
    public static List<T> FromPlain(object value, bool parseStrings) => new(Sequence<T, TCodec>.FromPlain(value, parseStrings));
}

/// <summary>IReadOnlyList&lt;T&gt; (and IList, ICollection, IEnumerable-typed arrays): read as an array.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlyListCodec<T, TCodec> : IModelCodec<IReadOnlyList<T>> where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, IReadOnlyList<T> value) => Sequence<T, TCodec>.Write(ref writer, Sequence<T, TCodec>.Span(value));
    /// <inheritdoc />
    public static IReadOnlyList<T> Read(ref ModelReader reader, WireType wireType) => Sequence<T, TCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, IReadOnlyList<T> value) => Sequence<T, TCodec>.WriteJson(writer, Sequence<T, TCodec>.Span(value));
    /// <inheritdoc />
    public static IReadOnlyList<T> ReadJson(ref Utf8JsonReader reader) => Sequence<T, TCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(IReadOnlyList<T> value) => Sequence<T, TCodec>.ToPlain(Sequence<T, TCodec>.Span(value));
    /// <inheritdoc />
    public static IReadOnlyList<T> FromPlain(object value, bool parseStrings) => Sequence<T, TCodec>.FromPlain(value, parseStrings);
}

/// <summary>Memory&lt;T&gt;.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct MemoryCodec<T, TCodec> : IModelCodec<Memory<T>> where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Memory<T> value) => Sequence<T, TCodec>.Write(ref writer, value.Span);
    /// <inheritdoc />
    public static Memory<T> Read(ref ModelReader reader, WireType wireType) => Sequence<T, TCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Memory<T> value) => Sequence<T, TCodec>.WriteJson(writer, value.Span);
    /// <inheritdoc />
    public static Memory<T> ReadJson(ref Utf8JsonReader reader) => Sequence<T, TCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(Memory<T> value) => Sequence<T, TCodec>.ToPlain(value.Span);
    /// <inheritdoc />
    public static Memory<T> FromPlain(object value, bool parseStrings) => value is Memory<T> m ? m.ToArray() : Sequence<T, TCodec>.FromPlain(value, parseStrings);
}

/// <summary>ReadOnlyMemory&lt;T&gt;.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlyMemoryCodec<T, TCodec> : IModelCodec<ReadOnlyMemory<T>> where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ReadOnlyMemory<T> value) => Sequence<T, TCodec>.Write(ref writer, value.Span);
    /// <inheritdoc />
    public static ReadOnlyMemory<T> Read(ref ModelReader reader, WireType wireType) => Sequence<T, TCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ReadOnlyMemory<T> value) => Sequence<T, TCodec>.WriteJson(writer, value.Span);
    /// <inheritdoc />
    public static ReadOnlyMemory<T> ReadJson(ref Utf8JsonReader reader) => Sequence<T, TCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(ReadOnlyMemory<T> value) => Sequence<T, TCodec>.ToPlain(value.Span);
    /// <inheritdoc />
    public static ReadOnlyMemory<T> FromPlain(object value, bool parseStrings) => value is ReadOnlyMemory<T> m ? m.ToArray() : Sequence<T, TCodec>.FromPlain(value, parseStrings);
}
