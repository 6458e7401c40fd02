using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>The shared core of rectangular array codecs (T[,], T[,,]): the elements in row-major order,
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
            writer.WritePackedHeader(Sequence<T, TCodec>.Element, dims);
            writer.WritePackedElements<T>(Flat(array));
            return;
        }
        writer.WriteSequenceHeader(dims.Length, dims);
        writer.Enter();
        foreach (T item in Flat(array)) Codec.WriteItem<T, TCodec>(ref writer, item);
        writer.Exit();
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

    /// <summary>Writes nested JSON arrays.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Array array)
    {
        int[] dims = Dims(array);
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

    /// <summary>Reads nested JSON arrays of equal lengths.</summary>
    public static TArray ReadJson<TArray>(ref Utf8JsonReader reader, int rank, Func<int[], TArray> create) where TArray : class
    {
        var dims = new int[rank];
        Array.Fill(dims, -1);
        var items = new List<T>();
        ReadJsonLevel(ref reader, items, dims, 0);
        TArray array = create(dims);
        items.CopyTo(Flat((Array)(object)array));
        return array;
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

    /// <summary>Plain form: nested arrays of plain items.</summary>
    public static object ToPlain(Array array) => ToPlainLevel(Flat(array), Dims(array), 0);

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

    /// <summary>Reads nested plain sequences of equal lengths.</summary>
    public static TArray FromPlain<TArray>(object value, bool parseStrings, int rank, Func<int[], TArray> create) where TArray : class
    {
        var dims = new int[rank];
        Array.Fill(dims, -1);
        var items = new List<T>();
        FromPlainLevel(value, parseStrings, items, dims, 0);
        TArray array = create(dims);
        items.CopyTo(Flat((Array)(object)array));
        return array;
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
