using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>The shared core of rectangular array codecs (T[,] up to T[,,,,,,,], rank FormatLimits.MaxArrayRank): the elements in row-major order,
/// packed for primitives, with the dimensions in the header; nested arrays in JSON and plain values.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Rectangular<T, TCodec> where TCodec : IModelCodec<T>
{
    /// <summary>The elements of any rectangular array in row-major order, without a copy.</summary>
    public static Span<T> Flat(Array array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    /// <summary>Writes the dimensions and elements.</summary>
    public static void Write(ref ModelWriter writer, Array array, scoped ReadOnlySpan<int> dims)
    {
        if (Sequence<T, TCodec>.Element != PackedElement.None)
        {
            if (typeof(T) == typeof(char)) Codec.CheckChars<T>(ref writer, Flat(array));
            writer.WritePackedHeader(Sequence<T, TCodec>.Element, dims);
            writer.WritePackedElements<T>(Flat(array));
            return;
        }
        writer.WriteSequenceHeader(dims.Length, dims);
        writer.Enter();
        // Items of text are walked (with a path per item) only when a scan finds one the check refuses, as in Sequence.
        if (writer.Check is null || Codec.Nests<T, TCodec>() || (Codec.IsText<T>() && !AcceptedText(Flat(array))))
        {
            writer.Check?.EnterItems();
            foreach (T item in Flat(array)) Codec.WriteItem<T, TCodec>(ref writer, item);
            writer.Check?.Exit();
        }
        writer.Exit();
    }

    private static bool AcceptedText(ReadOnlySpan<T> items)
    {
        foreach (T item in items)
            if (!Codec.IsAcceptedText(item)) return false;
        return true;
    }

    /// <summary>Reads the dimensions; <paramref name="create"/> allocates the array; then the elements are read into it.</summary>
    public static TArray Read<TArray>(ref ModelReader reader, WireType wireType, scoped Span<int> dims, Func<int[], TArray> create) where TArray : class
    {
        if (wireType == WireType.Packed && Sequence<T, TCodec>.Element != PackedElement.None)
        {
            PackedElement element = reader.ReadPackedHeader(dims, out _);
            TArray packed = create(dims.ToArray());
            reader.ReadPackedElements(element, Flat((Array)(object)packed));
            return packed;
        }
        reader.Expect(wireType, WireType.Sequence, "a sequence");
        reader.ReadSequenceHeader(dims);
        TArray array = create(dims.ToArray());
        Span<T> flat = Flat((Array)(object)array);
        reader.Enter();
        for (int i = 0; i < flat.Length; i++)
        {
            try
            {
                flat[i] = Codec.ReadItem<T, TCodec>(ref reader);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, i))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
        reader.Exit();
        return array;
    }

    // An empty array with a non-zero length (double[0,3], int[2,0,5], string[1000,0]) is written as its shape: nested
    // arrays could not show the lengths after a zero, and would spend a row on each leading index.
    private static readonly JsonEncodedText ShapeName = JsonEncodedText.Encode(ShapeKey);

    /// <summary>The property of the shape form of an empty array, in JSON and plain values.</summary>
    internal const string ShapeKey = "$shape";

    private static bool WritesShape(Array array) => array.Length == 0 && Dims(array).AsSpan().ContainsAnyExcept(0);

    // Items written one by one are a nesting level, as in the binary form (FormatLimits); packed primitives are not.
    private static bool CountsLevel => Sequence<T, TCodec>.Element == PackedElement.None;

    /// <summary>Writes nested JSON arrays, or the shape of an empty array.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Array array)
    {
        int[] dims = Dims(array);
        if (WritesShape(array))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(ShapeName);
            foreach (int d in dims) writer.WriteNumberValue(d);
            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }
        Span<T> flat = Flat((Array)(object)array);
        WriteJsonLevel(writer, flat, dims, 0);
    }

    private static void WriteJsonLevel(Utf8JsonWriter writer, Span<T> flat, int[] dims, int level)
    {
        writer.WriteStartArray();
        int stride = flat.Length / Math.Max(dims[level], 1);
        for (int i = 0; i < dims[level]; i++)
        {
            Span<T> part = flat.Slice(i * stride, stride);
            if (level == dims.Length - 1) Codec.WriteJson<T, TCodec>(writer, part[0]);
            else WriteJsonLevel(writer, part, dims, level + 1);
        }
        writer.WriteEndArray();
    }

    /// <summary>Reads nested JSON arrays of equal lengths, or the shape of an empty array.</summary>
    public static TArray ReadJson<TArray>(ref Utf8JsonReader reader, int rank, Func<int[], TArray> create) where TArray : class
    {
        if (reader.TokenType == JsonTokenType.StartObject) return create(ReadJsonShape(ref reader, rank));
        if (CountsLevel && !Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        try
        {
            var dims = new int[rank];
            Array.Fill(dims, -1);
            var items = new List<T>();
            ReadJsonLevel(ref reader, items, dims, 0);
            TArray array = create(dims);
            items.CopyTo(Flat((Array)(object)array));
            return array;
        }
        finally
        {
            if (CountsLevel) Nesting.Exit();
        }
    }

    private static int[] ReadJsonShape(ref Utf8JsonReader reader, int rank)
    {
        var dims = new List<long>();
        bool found = false;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (!reader.ValueTextEquals(ShapeName.EncodedUtf8Bytes)) throw JsonRead.Error(ref reader, $"expected only '{ShapeKey}' in the shape of an empty array");
            JsonRead.Next(ref reader);
            JsonRead.Expect(ref reader, JsonTokenType.StartArray, "an array of lengths");
            while (true)
            {
                JsonRead.Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray) break;
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long d)) throw JsonRead.Error(ref reader, "expected a length");
                dims.Add(d);
            }
            found = true;
        }
        if (!found) throw JsonRead.Error(ref reader, $"expected a nested array of rank {rank} or '{ShapeKey}'");
        return CheckShape(dims, rank);
    }

    // The shape form holds no elements, so it is accepted only for an empty array; each length fits an array dimension.
    private static int[] CheckShape(IReadOnlyList<long> dims, int rank)
    {
        if (dims.Count != rank) throw new ModelFormatException($"'{ShapeKey}' has {dims.Count} lengths for an array of rank {rank}");
        var result = new int[rank];
        bool empty = false;
        for (int i = 0; i < rank; i++)
        {
            if (dims[i] < 0 || dims[i] > Array.MaxLength) throw new ModelFormatException($"'{ShapeKey}' has the length {dims[i]}, which is not a valid array length");
            result[i] = (int)dims[i];
            empty |= dims[i] == 0;
        }
        if (!empty) throw new ModelFormatException($"'{ShapeKey}' is only for an empty array (a length of 0); write the elements as nested arrays");
        return result;
    }

    private static void ReadJsonLevel(ref Utf8JsonReader reader, List<T> items, int[] dims, int level)
    {
        if (reader.TokenType != JsonTokenType.StartArray) JsonRead.Expect(ref reader, JsonTokenType.StartArray, $"a nested array of rank {dims.Length}");
        int count = 0;
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            try
            {
                if (level == dims.Length - 1) items.Add(Codec.ReadJson<T, TCodec>(ref reader, nullable: true));
                else ReadJsonLevel(ref reader, items, dims, level + 1);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, count))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
            count++;
        }
        if (dims[level] == -1) dims[level] = count;
        else if (dims[level] != count) throw JsonRead.Error(ref reader, $"the array is not rectangular: {count} items where an earlier row had {dims[level]}");
        if (count == 0) for (int l = level + 1; l < dims.Length; l++) if (dims[l] == -1) dims[l] = 0;
    }

    /// <summary>Plain form: nested arrays of plain items, or the shape of an empty array (<c>{"$shape": int[]}</c>).</summary>
    public static object ToPlain(Array array) =>
        WritesShape(array) ? new Dictionary<string, object?> { [ShapeKey] = Dims(array) } : ToPlainLevel(Flat(array), Dims(array), 0);

    private static object ToPlainLevel(Span<T> flat, int[] dims, int level)
    {
        var result = new object?[dims[level]];
        int stride = flat.Length / Math.Max(dims[level], 1);
        for (int i = 0; i < result.Length; i++)
        {
            Span<T> part = flat.Slice(i * stride, stride);
            result[i] = level == dims.Length - 1 ? Codec.ToPlain<T, TCodec>(part[0]) : ToPlainLevel(part, dims, level + 1);
        }
        return result;
    }

    /// <summary>Reads nested plain sequences of equal lengths, or the shape of an empty array.</summary>
    public static TArray FromPlain<TArray>(object value, bool parseStrings, int rank, Func<int[], TArray> create) where TArray : class
    {
        if (value is IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or JsonElement { ValueKind: JsonValueKind.Object })
            return create(PlainShape(value, rank));
        if (CountsLevel && !Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        try
        {
            var dims = new int[rank];
            Array.Fill(dims, -1);
            var items = new List<T>();
            FromPlainLevel(value, parseStrings, items, dims, 0);
            TArray array = create(dims);
            items.CopyTo(Flat((Array)(object)array));
            return array;
        }
        finally
        {
            if (CountsLevel) Nesting.Exit();
        }
    }

    private static int[] PlainShape(object value, int rank)
    {
        object? shape = null;
        bool found = false;
        foreach (var entry in PlainValue.ToMap(value))
        {
            if (entry.Key != ShapeKey) throw new ModelFormatException($"expected only '{ShapeKey}' in the shape of an empty array, found '{entry.Key}'");
            shape = entry.Value;
            found = true;
        }
        if (!found || PlainValue.IsNull(shape)) throw new ModelFormatException($"expected a nested array of rank {rank} or '{ShapeKey}'");
        var dims = new List<long>();
        foreach (object? d in PlainValue.ToSequence(shape!))
            dims.Add(PlainValue.IsNull(d) ? throw new ModelFormatException("expected a length but found null") : PlainValue.ToNumber<long>(d!, parseStrings: false));
        return CheckShape(dims, rank);
    }

    private static void FromPlainLevel(object value, bool parseStrings, List<T> items, int[] dims, int level)
    {
        IReadOnlyList<object?> seq = PlainValue.ToSequence(value);
        if (dims[level] == -1) dims[level] = seq.Count;
        else if (dims[level] != seq.Count) throw new ModelFormatException($"the array is not rectangular: {seq.Count} items where an earlier row had {dims[level]}");
        if (seq.Count == 0) for (int l = level + 1; l < dims.Length; l++) if (dims[l] == -1) dims[l] = 0;
        for (int i = 0; i < seq.Count; i++)
        {
            try
            {
                if (level == dims.Length - 1) items.Add(Codec.FromPlain<T, TCodec>(seq[i], nullable: true, parseStrings));
                else FromPlainLevel(seq[i] ?? throw new ModelFormatException("null row in a rectangular array"), parseStrings, items, dims, level + 1);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, i))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
    }

    /// <summary>The dimensions of an array.</summary>
    public static int[] Dims(Array array)
    {
        var dims = new int[array.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = array.GetLength(i);
        return dims;
    }
}

/// <summary>T[,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array2DCodec<T, TCodec> : IModelCodec<T[,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,]> Create = d => new T[d[0], d[1]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1)]);
    /// <inheritdoc />
    public static T[,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[2], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 2, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,] FromPlain(object value, bool parseStrings) => value is T[,] same ? (T[,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 2, Create);
}

/// <summary>T[,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array3DCodec<T, TCodec> : IModelCodec<T[,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,]> Create = d => new T[d[0], d[1], d[2]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2)]);
    /// <inheritdoc />
    public static T[,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[3], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 3, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,] FromPlain(object value, bool parseStrings) => value is T[,,] same ? (T[,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 3, Create);
}

/// <summary>T[,,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array4DCodec<T, TCodec> : IModelCodec<T[,,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,,]> Create = d => new T[d[0], d[1], d[2], d[3]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2), value.GetLength(3)]);
    /// <inheritdoc />
    public static T[,,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[4], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 4, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,,] FromPlain(object value, bool parseStrings) => value is T[,,,] same ? (T[,,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 4, Create);
}
/// <summary>T[,,,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array5DCodec<T, TCodec> : IModelCodec<T[,,,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,,,]> Create = d => new T[d[0], d[1], d[2], d[3], d[4]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2), value.GetLength(3), value.GetLength(4)]);
    /// <inheritdoc />
    public static T[,,,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[5], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 5, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,,,] FromPlain(object value, bool parseStrings) => value is T[,,,,] same ? (T[,,,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 5, Create);
}
/// <summary>T[,,,,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array6DCodec<T, TCodec> : IModelCodec<T[,,,,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,,,,]> Create = d => new T[d[0], d[1], d[2], d[3], d[4], d[5]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,,,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2), value.GetLength(3), value.GetLength(4), value.GetLength(5)]);
    /// <inheritdoc />
    public static T[,,,,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[6], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,,,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,,,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 6, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,,,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,,,,] FromPlain(object value, bool parseStrings) => value is T[,,,,,] same ? (T[,,,,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 6, Create);
}
/// <summary>T[,,,,,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array7DCodec<T, TCodec> : IModelCodec<T[,,,,,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,,,,,]> Create = d => new T[d[0], d[1], d[2], d[3], d[4], d[5], d[6]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,,,,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2), value.GetLength(3), value.GetLength(4), value.GetLength(5), value.GetLength(6)]);
    /// <inheritdoc />
    public static T[,,,,,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[7], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,,,,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,,,,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 7, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,,,,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,,,,,] FromPlain(object value, bool parseStrings) => value is T[,,,,,,] same ? (T[,,,,,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 7, Create);
}
/// <summary>T[,,,,,,,].</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Array8DCodec<T, TCodec> : IModelCodec<T[,,,,,,,]> where TCodec : IModelCodec<T>
{
    private static readonly Func<int[], T[,,,,,,,]> Create = d => new T[d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]];
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T[,,,,,,,] value) => Rectangular<T, TCodec>.Write(ref writer, value, [value.GetLength(0), value.GetLength(1), value.GetLength(2), value.GetLength(3), value.GetLength(4), value.GetLength(5), value.GetLength(6), value.GetLength(7)]);
    /// <inheritdoc />
    public static T[,,,,,,,] Read(ref ModelReader reader, WireType wireType) => Rectangular<T, TCodec>.Read(ref reader, wireType, stackalloc int[8], Create);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T[,,,,,,,] value) => Rectangular<T, TCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static T[,,,,,,,] ReadJson(ref Utf8JsonReader reader) => Rectangular<T, TCodec>.ReadJson(ref reader, 8, Create);
    /// <inheritdoc />
    public static object ToPlain(T[,,,,,,,] value) => Rectangular<T, TCodec>.ToPlain(value);
    /// <inheritdoc />
    public static T[,,,,,,,] FromPlain(object value, bool parseStrings) => value is T[,,,,,,,] same ? (T[,,,,,,,])same.Clone() : Rectangular<T, TCodec>.FromPlain(value, parseStrings, 8, Create);
}
