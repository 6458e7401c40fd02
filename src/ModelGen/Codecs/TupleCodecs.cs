using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

// Value tuples (ValueTuple<T1> to ValueTuple<T1, ..., T7>, named or not: element names are C# only, not data) and
// KeyValuePair<TKey, TValue>. On the wire a tuple is a fixed-arity sequence of its items in order (docs/format.md §3):
// binary a Sequence of rank 1 whose length is the arity, JSON an array ([3, 4]), the dictionary form a list. A
// KeyValuePair is the same 2-item sequence in binary and {"Key": k, "Value": v} in JSON and the dictionary form, as
// System.Text.Json writes it. A tuple whose items are all keys is a dictionary key: its compact JSON text ("[3,4]").

/// <summary>The shared core of the tuple codecs: the items' framing, their paths in errors and the arity check.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TupleItems
{
    /// <summary>Starts the items of a tuple of <paramref name="arity"/> items.</summary>
    public static void WriteStart(ref ModelWriter writer, int arity)
    {
        writer.WriteSequenceHeader(1, [arity]);
        writer.Enter();
        writer.Check?.EnterItems();
    }

    /// <summary>Ends what <see cref="WriteStart"/> started.</summary>
    public static void WriteEnd(ref ModelWriter writer)
    {
        writer.Check?.Exit();
        writer.Exit();
    }

    /// <summary>Reads the header of a tuple of <paramref name="arity"/> items; another length is an error.</summary>
    public static void ReadStart(ref ModelReader reader, WireType wireType, int arity)
    {
        reader.Expect(wireType, WireType.Sequence, $"a tuple of {arity} items");
        long offset = reader.Offset;
        int rank = reader.PeekSequenceRank();
        if (rank != 1) throw new ModelFormatException($"expected a tuple of {arity} items (a sequence of rank 1) but found {(rank == 0 ? "a map" : $"a sequence of rank {rank}")}", offset);
        Span<int> dims = stackalloc int[1];
        reader.ReadSequenceHeader(dims);
        if (dims[0] != arity) throw Arity(arity, dims[0], offset);
        reader.Enter();
    }

    /// <summary>Ends what <see cref="ReadStart"/> started.</summary>
    public static void ReadEnd(ref ModelReader reader) => reader.Exit();

    /// <summary>Reads item <paramref name="index"/>; an error names it in the path.</summary>
    public static T ReadItem<T, TCodec>(ref ModelReader reader, int index) where TCodec : IModelCodec<T>
    {
        try
        {
            return Codec.ReadItem<T, TCodec>(ref reader);
        }
        catch (ModelFormatException e) when (Codec.AddIndex(e, index))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>Starts reading a JSON array of items (one nesting level, as in the binary form); returns its offset.</summary>
    public static long ReadJsonStart(ref Utf8JsonReader reader, int arity)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, $"a tuple of {arity} items (an array)");
        if (!Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        return reader.TokenStartIndex;
    }

    /// <summary>Reads JSON item <paramref name="index"/>; an array that ends first is an error.</summary>
    public static T ReadJsonItem<T, TCodec>(ref Utf8JsonReader reader, int index, int arity, long start) where TCodec : IModelCodec<T>
    {
        JsonRead.Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray) throw Arity(arity, index, start);
        try
        {
            return Codec.ReadJson<T, TCodec>(ref reader, nullable: true);
        }
        catch (ModelFormatException e) when (Codec.AddIndex(e, index))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>Ends a JSON array of <paramref name="arity"/> items; more items are an error.</summary>
    public static void ReadJsonEnd(ref Utf8JsonReader reader, int arity, long start)
    {
        JsonRead.Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            int count = arity;
            while (reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                JsonRead.Skip(ref reader);
                JsonRead.Next(ref reader);
            }
            throw Arity(arity, count, start);
        }
    }

    /// <summary>Starts reading a plain tuple (a list or a JSON array of <paramref name="arity"/> items, or with
    /// <paramref name="parseStrings"/> a comma-separated string such as "3,3", as for sequences; one nesting level).</summary>
    public static IReadOnlyList<object?> FromPlainStart(object value, int arity, bool parseStrings)
    {
        IReadOnlyList<object?> items = parseStrings && value is string s
            ? s.Split(',', StringSplitOptions.TrimEntries)
            : PlainValue.ToSequence(value);
        if (items.Count != arity) throw Arity(arity, items.Count, -1);
        if (!Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        return items;
    }

    /// <summary>Converts plain item <paramref name="index"/>; an error names it in the path.</summary>
    public static T FromPlainItem<T, TCodec>(IReadOnlyList<object?> items, int index, bool parseStrings) where TCodec : IModelCodec<T>
    {
        try
        {
            return Codec.FromPlain<T, TCodec>(items[index], nullable: true, parseStrings);
        }
        catch (ModelFormatException e) when (Codec.AddIndex(e, index))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>Ends what <see cref="ReadJsonStart"/> or <see cref="FromPlainStart"/> started (in a finally).</summary>
    public static void EndLevel() => Nesting.Exit();

    /// <summary>The key text of a tuple: its compact JSON ("[3,4]", "[\"en\",2]").</summary>
    public static string ToKey<T, TCodec>(T value) where TCodec : IModelCodec<T>
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TCodec.WriteJson(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses the key text of a tuple (any JSON text of its array).</summary>
    public static T FromKey<T, TCodec>(string key) where TCodec : IModelCodec<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(key));
        try
        {
            JsonRead.Next(ref reader);
            T value = TCodec.ReadJson(ref reader);
            if (reader.Read()) throw new ModelFormatException("text after the tuple");
            return value;
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a tuple key (the JSON array of its items): {e.Message}", -1, e);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a tuple key (the JSON array of its items): {e.Message}", -1, e);
        }
    }

    private static ModelFormatException Arity(int arity, int found, long offset) =>
        new($"a tuple of {arity} item{(arity == 1 ? "" : "s")} holds {found} item{(found == 1 ? "" : "s")} here (the tuple's arity changed? that is a breaking change)", offset);
}
/// <summary>A value tuple of 1 item: a sequence of 1 item in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1> : IModelKeyCodec<ValueTuple<T1>>
    where C1 : IModelCodec<T1>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1> value)
    {
        TupleItems.WriteStart(ref writer, 1);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 1);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1>(item1);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 1);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 1, start);
            TupleItems.ReadJsonEnd(ref reader, 1, start);
            return new ValueTuple<T1>(item1);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1> value) => new List<object?>(1) { Codec.ToPlain<T1, C1>(value.Item1) };
    /// <inheritdoc />
    public static ValueTuple<T1> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 1, parseStrings);
        try
        {
            return new ValueTuple<T1>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1> value) => TupleItems.ToKey<ValueTuple<T1>, TupleCodec<T1, C1>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1>, TupleCodec<T1, C1>>(key);
}

/// <summary>A value tuple of 2 items: a sequence of 2 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2> : IModelKeyCodec<ValueTuple<T1, T2>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2> value)
    {
        TupleItems.WriteStart(ref writer, 2);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 2);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2>(item1, item2);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 2);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 2, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 2, start);
            TupleItems.ReadJsonEnd(ref reader, 2, start);
            return new ValueTuple<T1, T2>(item1, item2);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2> value) => new List<object?>(2) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 2, parseStrings);
        try
        {
            return new ValueTuple<T1, T2>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2> value) => TupleItems.ToKey<ValueTuple<T1, T2>, TupleCodec<T1, C1, T2, C2>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2>, TupleCodec<T1, C1, T2, C2>>(key);
}

/// <summary>A value tuple of 3 items: a sequence of 3 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3> : IModelKeyCodec<ValueTuple<T1, T2, T3>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2> where C3 : IModelCodec<T3>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2, T3> value)
    {
        TupleItems.WriteStart(ref writer, 3);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        Codec.WriteItem<T3, C3>(ref writer, value.Item3);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 3);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        T3 item3 = TupleItems.ReadItem<T3, C3>(ref reader, 2);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2, T3>(item1, item2, item3);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2, T3> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        Codec.WriteJson<T3, C3>(writer, value.Item3);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 3);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 3, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 3, start);
            T3 item3 = TupleItems.ReadJsonItem<T3, C3>(ref reader, 2, 3, start);
            TupleItems.ReadJsonEnd(ref reader, 3, start);
            return new ValueTuple<T1, T2, T3>(item1, item2, item3);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2, T3> value) => new List<object?>(3) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2), Codec.ToPlain<T3, C3>(value.Item3) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 3, parseStrings);
        try
        {
            return new ValueTuple<T1, T2, T3>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings),
                TupleItems.FromPlainItem<T3, C3>(items, 2, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2, T3> value) => TupleItems.ToKey<ValueTuple<T1, T2, T3>, TupleCodec<T1, C1, T2, C2, T3, C3>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2, T3>, TupleCodec<T1, C1, T2, C2, T3, C3>>(key);
}

/// <summary>A value tuple of 4 items: a sequence of 4 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4> : IModelKeyCodec<ValueTuple<T1, T2, T3, T4>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2> where C3 : IModelCodec<T3> where C4 : IModelCodec<T4>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2, T3, T4> value)
    {
        TupleItems.WriteStart(ref writer, 4);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        Codec.WriteItem<T3, C3>(ref writer, value.Item3);
        Codec.WriteItem<T4, C4>(ref writer, value.Item4);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 4);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        T3 item3 = TupleItems.ReadItem<T3, C3>(ref reader, 2);
        T4 item4 = TupleItems.ReadItem<T4, C4>(ref reader, 3);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2, T3, T4>(item1, item2, item3, item4);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2, T3, T4> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        Codec.WriteJson<T3, C3>(writer, value.Item3);
        Codec.WriteJson<T4, C4>(writer, value.Item4);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 4);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 4, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 4, start);
            T3 item3 = TupleItems.ReadJsonItem<T3, C3>(ref reader, 2, 4, start);
            T4 item4 = TupleItems.ReadJsonItem<T4, C4>(ref reader, 3, 4, start);
            TupleItems.ReadJsonEnd(ref reader, 4, start);
            return new ValueTuple<T1, T2, T3, T4>(item1, item2, item3, item4);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2, T3, T4> value) => new List<object?>(4) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2), Codec.ToPlain<T3, C3>(value.Item3), Codec.ToPlain<T4, C4>(value.Item4) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 4, parseStrings);
        try
        {
            return new ValueTuple<T1, T2, T3, T4>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings),
                TupleItems.FromPlainItem<T3, C3>(items, 2, parseStrings),
                TupleItems.FromPlainItem<T4, C4>(items, 3, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2, T3, T4> value) => TupleItems.ToKey<ValueTuple<T1, T2, T3, T4>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2, T3, T4>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4>>(key);
}

/// <summary>A value tuple of 5 items: a sequence of 5 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5> : IModelKeyCodec<ValueTuple<T1, T2, T3, T4, T5>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2> where C3 : IModelCodec<T3> where C4 : IModelCodec<T4> where C5 : IModelCodec<T5>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2, T3, T4, T5> value)
    {
        TupleItems.WriteStart(ref writer, 5);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        Codec.WriteItem<T3, C3>(ref writer, value.Item3);
        Codec.WriteItem<T4, C4>(ref writer, value.Item4);
        Codec.WriteItem<T5, C5>(ref writer, value.Item5);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 5);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        T3 item3 = TupleItems.ReadItem<T3, C3>(ref reader, 2);
        T4 item4 = TupleItems.ReadItem<T4, C4>(ref reader, 3);
        T5 item5 = TupleItems.ReadItem<T5, C5>(ref reader, 4);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5>(item1, item2, item3, item4, item5);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2, T3, T4, T5> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        Codec.WriteJson<T3, C3>(writer, value.Item3);
        Codec.WriteJson<T4, C4>(writer, value.Item4);
        Codec.WriteJson<T5, C5>(writer, value.Item5);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 5);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 5, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 5, start);
            T3 item3 = TupleItems.ReadJsonItem<T3, C3>(ref reader, 2, 5, start);
            T4 item4 = TupleItems.ReadJsonItem<T4, C4>(ref reader, 3, 5, start);
            T5 item5 = TupleItems.ReadJsonItem<T5, C5>(ref reader, 4, 5, start);
            TupleItems.ReadJsonEnd(ref reader, 5, start);
            return new ValueTuple<T1, T2, T3, T4, T5>(item1, item2, item3, item4, item5);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2, T3, T4, T5> value) => new List<object?>(5) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2), Codec.ToPlain<T3, C3>(value.Item3), Codec.ToPlain<T4, C4>(value.Item4), Codec.ToPlain<T5, C5>(value.Item5) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 5, parseStrings);
        try
        {
            return new ValueTuple<T1, T2, T3, T4, T5>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings),
                TupleItems.FromPlainItem<T3, C3>(items, 2, parseStrings),
                TupleItems.FromPlainItem<T4, C4>(items, 3, parseStrings),
                TupleItems.FromPlainItem<T5, C5>(items, 4, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2, T3, T4, T5> value) => TupleItems.ToKey<ValueTuple<T1, T2, T3, T4, T5>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2, T3, T4, T5>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5>>(key);
}

/// <summary>A value tuple of 6 items: a sequence of 6 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6> : IModelKeyCodec<ValueTuple<T1, T2, T3, T4, T5, T6>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2> where C3 : IModelCodec<T3> where C4 : IModelCodec<T4> where C5 : IModelCodec<T5> where C6 : IModelCodec<T6>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6> value)
    {
        TupleItems.WriteStart(ref writer, 6);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        Codec.WriteItem<T3, C3>(ref writer, value.Item3);
        Codec.WriteItem<T4, C4>(ref writer, value.Item4);
        Codec.WriteItem<T5, C5>(ref writer, value.Item5);
        Codec.WriteItem<T6, C6>(ref writer, value.Item6);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 6);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        T3 item3 = TupleItems.ReadItem<T3, C3>(ref reader, 2);
        T4 item4 = TupleItems.ReadItem<T4, C4>(ref reader, 3);
        T5 item5 = TupleItems.ReadItem<T5, C5>(ref reader, 4);
        T6 item6 = TupleItems.ReadItem<T6, C6>(ref reader, 5);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        Codec.WriteJson<T3, C3>(writer, value.Item3);
        Codec.WriteJson<T4, C4>(writer, value.Item4);
        Codec.WriteJson<T5, C5>(writer, value.Item5);
        Codec.WriteJson<T6, C6>(writer, value.Item6);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 6);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 6, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 6, start);
            T3 item3 = TupleItems.ReadJsonItem<T3, C3>(ref reader, 2, 6, start);
            T4 item4 = TupleItems.ReadJsonItem<T4, C4>(ref reader, 3, 6, start);
            T5 item5 = TupleItems.ReadJsonItem<T5, C5>(ref reader, 4, 6, start);
            T6 item6 = TupleItems.ReadJsonItem<T6, C6>(ref reader, 5, 6, start);
            TupleItems.ReadJsonEnd(ref reader, 6, start);
            return new ValueTuple<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2, T3, T4, T5, T6> value) => new List<object?>(6) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2), Codec.ToPlain<T3, C3>(value.Item3), Codec.ToPlain<T4, C4>(value.Item4), Codec.ToPlain<T5, C5>(value.Item5), Codec.ToPlain<T6, C6>(value.Item6) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 6, parseStrings);
        try
        {
            return new ValueTuple<T1, T2, T3, T4, T5, T6>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings),
                TupleItems.FromPlainItem<T3, C3>(items, 2, parseStrings),
                TupleItems.FromPlainItem<T4, C4>(items, 3, parseStrings),
                TupleItems.FromPlainItem<T5, C5>(items, 4, parseStrings),
                TupleItems.FromPlainItem<T6, C6>(items, 5, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2, T3, T4, T5, T6> value) => TupleItems.ToKey<ValueTuple<T1, T2, T3, T4, T5, T6>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2, T3, T4, T5, T6>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6>>(key);
}

/// <summary>A value tuple of 7 items: a sequence of 7 items in order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7> : IModelKeyCodec<ValueTuple<T1, T2, T3, T4, T5, T6, T7>>
    where C1 : IModelCodec<T1> where C2 : IModelCodec<T2> where C3 : IModelCodec<T3> where C4 : IModelCodec<T4> where C5 : IModelCodec<T5> where C6 : IModelCodec<T6> where C7 : IModelCodec<T7>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6, T7> value)
    {
        TupleItems.WriteStart(ref writer, 7);
        Codec.WriteItem<T1, C1>(ref writer, value.Item1);
        Codec.WriteItem<T2, C2>(ref writer, value.Item2);
        Codec.WriteItem<T3, C3>(ref writer, value.Item3);
        Codec.WriteItem<T4, C4>(ref writer, value.Item4);
        Codec.WriteItem<T5, C5>(ref writer, value.Item5);
        Codec.WriteItem<T6, C6>(ref writer, value.Item6);
        Codec.WriteItem<T7, C7>(ref writer, value.Item7);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6, T7> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 7);
        T1 item1 = TupleItems.ReadItem<T1, C1>(ref reader, 0);
        T2 item2 = TupleItems.ReadItem<T2, C2>(ref reader, 1);
        T3 item3 = TupleItems.ReadItem<T3, C3>(ref reader, 2);
        T4 item4 = TupleItems.ReadItem<T4, C4>(ref reader, 3);
        T5 item5 = TupleItems.ReadItem<T5, C5>(ref reader, 4);
        T6 item6 = TupleItems.ReadItem<T6, C6>(ref reader, 5);
        T7 item7 = TupleItems.ReadItem<T7, C7>(ref reader, 6);
        TupleItems.ReadEnd(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6, T7>(item1, item2, item3, item4, item5, item6, item7);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6, T7> value)
    {
        writer.WriteStartArray();
        Codec.WriteJson<T1, C1>(writer, value.Item1);
        Codec.WriteJson<T2, C2>(writer, value.Item2);
        Codec.WriteJson<T3, C3>(writer, value.Item3);
        Codec.WriteJson<T4, C4>(writer, value.Item4);
        Codec.WriteJson<T5, C5>(writer, value.Item5);
        Codec.WriteJson<T6, C6>(writer, value.Item6);
        Codec.WriteJson<T7, C7>(writer, value.Item7);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6, T7> ReadJson(ref Utf8JsonReader reader)
    {
        long start = TupleItems.ReadJsonStart(ref reader, 7);
        try
        {
            T1 item1 = TupleItems.ReadJsonItem<T1, C1>(ref reader, 0, 7, start);
            T2 item2 = TupleItems.ReadJsonItem<T2, C2>(ref reader, 1, 7, start);
            T3 item3 = TupleItems.ReadJsonItem<T3, C3>(ref reader, 2, 7, start);
            T4 item4 = TupleItems.ReadJsonItem<T4, C4>(ref reader, 3, 7, start);
            T5 item5 = TupleItems.ReadJsonItem<T5, C5>(ref reader, 4, 7, start);
            T6 item6 = TupleItems.ReadJsonItem<T6, C6>(ref reader, 5, 7, start);
            T7 item7 = TupleItems.ReadJsonItem<T7, C7>(ref reader, 6, 7, start);
            TupleItems.ReadJsonEnd(ref reader, 7, start);
            return new ValueTuple<T1, T2, T3, T4, T5, T6, T7>(item1, item2, item3, item4, item5, item6, item7);
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(ValueTuple<T1, T2, T3, T4, T5, T6, T7> value) => new List<object?>(7) { Codec.ToPlain<T1, C1>(value.Item1), Codec.ToPlain<T2, C2>(value.Item2), Codec.ToPlain<T3, C3>(value.Item3), Codec.ToPlain<T4, C4>(value.Item4), Codec.ToPlain<T5, C5>(value.Item5), Codec.ToPlain<T6, C6>(value.Item6), Codec.ToPlain<T7, C7>(value.Item7) };
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6, T7> FromPlain(object value, bool parseStrings)
    {
        IReadOnlyList<object?> items = TupleItems.FromPlainStart(value, 7, parseStrings);
        try
        {
            return new ValueTuple<T1, T2, T3, T4, T5, T6, T7>(
                TupleItems.FromPlainItem<T1, C1>(items, 0, parseStrings),
                TupleItems.FromPlainItem<T2, C2>(items, 1, parseStrings),
                TupleItems.FromPlainItem<T3, C3>(items, 2, parseStrings),
                TupleItems.FromPlainItem<T4, C4>(items, 3, parseStrings),
                TupleItems.FromPlainItem<T5, C5>(items, 4, parseStrings),
                TupleItems.FromPlainItem<T6, C6>(items, 5, parseStrings),
                TupleItems.FromPlainItem<T7, C7>(items, 6, parseStrings));
        }
        finally
        {
            TupleItems.EndLevel();
        }
    }
    /// <inheritdoc />
    public static string ToKey(ValueTuple<T1, T2, T3, T4, T5, T6, T7> value) => TupleItems.ToKey<ValueTuple<T1, T2, T3, T4, T5, T6, T7>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7>>(value);
    /// <inheritdoc />
    public static ValueTuple<T1, T2, T3, T4, T5, T6, T7> FromKey(string key) => TupleItems.FromKey<ValueTuple<T1, T2, T3, T4, T5, T6, T7>, TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7>>(key);
}

/// <summary>KeyValuePair&lt;TKey, TValue&gt;: in binary the 2-item sequence of a tuple (key, value); in JSON and the
/// dictionary form <c>{"Key": k, "Value": v}</c>, as System.Text.Json writes it (names matched ignoring case on read).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KeyValuePairCodec<TKey, TKeyCodec, TValue, TValueCodec> : IModelCodec<KeyValuePair<TKey, TValue>>
    where TKeyCodec : IModelCodec<TKey> where TValueCodec : IModelCodec<TValue>
{
    private const string What = "a key-value pair ({\"Key\": k, \"Value\": v})";

    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, KeyValuePair<TKey, TValue> value)
    {
        TupleItems.WriteStart(ref writer, 2);
        Codec.WriteItem<TKey, TKeyCodec>(ref writer, value.Key);
        Codec.WriteItem<TValue, TValueCodec>(ref writer, value.Value);
        TupleItems.WriteEnd(ref writer);
    }
    /// <inheritdoc />
    public static KeyValuePair<TKey, TValue> Read(ref ModelReader reader, WireType wireType)
    {
        TupleItems.ReadStart(ref reader, wireType, 2);
        TKey key = TupleItems.ReadItem<TKey, TKeyCodec>(ref reader, 0);
        TValue value = TupleItems.ReadItem<TValue, TValueCodec>(ref reader, 1);
        TupleItems.ReadEnd(ref reader);
        return new(key, value);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, KeyValuePair<TKey, TValue> value)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Key");
        Codec.WriteJson<TKey, TKeyCodec>(writer, value.Key);
        writer.WritePropertyName("Value");
        Codec.WriteJson<TValue, TValueCodec>(writer, value.Value);
        writer.WriteEndObject();
    }
    /// <inheritdoc />
    public static KeyValuePair<TKey, TValue> ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, What);
        long start = reader.TokenStartIndex;
        if (!Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        try
        {
            TKey key = default!;
            TValue value = default!;
            bool hasKey = false, hasValue = false;
            while (true)
            {
                JsonRead.Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                string name = JsonRead.GetString(ref reader);
                JsonRead.Next(ref reader);
                try
                {
                    if (!hasKey && name.Equals("Key", StringComparison.OrdinalIgnoreCase))
                    {
                        key = Codec.ReadJson<TKey, TKeyCodec>(ref reader, nullable: true);
                        hasKey = true;
                    }
                    else if (!hasValue && name.Equals("Value", StringComparison.OrdinalIgnoreCase))
                    {
                        value = Codec.ReadJson<TValue, TValueCodec>(ref reader, nullable: true);
                        hasValue = true;
                    }
                    else throw JsonRead.Error(ref reader, $"unexpected property in {What}");
                }
                catch (ModelFormatException e) when (e.AddElement(name))
                {
                    throw; // not reached: the filter adds to the path and returns false
                }
            }
            if (!hasKey || !hasValue) throw new ModelFormatException($"{What} lacks its {(hasKey ? "Value" : "Key")}", start);
            return new(key, value);
        }
        finally
        {
            Nesting.Exit();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(KeyValuePair<TKey, TValue> value) => new Dictionary<string, object?>(2)
    {
        ["Key"] = Codec.ToPlain<TKey, TKeyCodec>(value.Key),
        ["Value"] = Codec.ToPlain<TValue, TValueCodec>(value.Value),
    };
    /// <inheritdoc />
    public static KeyValuePair<TKey, TValue> FromPlain(object value, bool parseStrings)
    {
        if (!Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        try
        {
            object? key = null, item = null;
            bool hasKey = false, hasValue = false;
            foreach (KeyValuePair<string, object?> entry in PlainValue.ToMap(value))
            {
                if (!hasKey && entry.Key.Equals("Key", StringComparison.OrdinalIgnoreCase)) (key, hasKey) = (entry.Value, true);
                else if (!hasValue && entry.Key.Equals("Value", StringComparison.OrdinalIgnoreCase)) (item, hasValue) = (entry.Value, true);
                else throw new ModelFormatException($"unexpected entry \"{ValueText.Short(entry.Key)}\" in {What}");
            }
            if (!hasKey || !hasValue) throw new ModelFormatException($"{What} lacks its {(hasKey ? "Value" : "Key")}");
            return new(Entry<TKey, TKeyCodec>(key, "Key", parseStrings), Entry<TValue, TValueCodec>(item, "Value", parseStrings));
        }
        finally
        {
            Nesting.Exit();
        }
    }

    private static T Entry<T, TCodec>(object? value, string name, bool parseStrings) where TCodec : IModelCodec<T>
    {
        try
        {
            return Codec.FromPlain<T, TCodec>(value, nullable: true, parseStrings);
        }
        catch (ModelFormatException e) when (e.AddElement(name))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }
}
