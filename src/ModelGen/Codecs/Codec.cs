using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Null handling around codecs, shared by generated members and collection items.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Codec
{
    // The helpers take the member's type and codec as type arguments; their bodies are MemberCodec's, which generated
    // code calls directly (one stack frame less for each nested model: a deep input's error captures a shorter trace).

    /// <summary>Writes a member: its tag and value, or a null marker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteField<T, TCodec>(ref ModelWriter writer, int key, T value) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.WriteField(ref writer, key, value);

    // A tag and the value, or a null marker: members in format 1, items of sequences and maps in both formats.
    internal static void WriteTagged<T, TCodec>(ref ModelWriter writer, int key, T value) where TCodec : IModelCodec<T>
    {
        if (value is null)
        {
            writer.WriteNull(key);
            return;
        }
        writer.WriteTag(key, TCodec.WireType);
        TCodec.Write(ref writer, value);
    }

    /// <summary>Writes a member whose type admits null: its tag and value or a null marker (format 1), or a presence
    /// byte and the value (format 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteNullableField<T, TCodec>(ref ModelWriter writer, int key, T value) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.WriteNullableField(ref writer, key, value);

    // The check before a write (WriteCheck) visits only what can nest or be refused: nulls, models, collections
    // of items and text (strings, chars); nothing is encoded.
    internal static void CheckField<T, TCodec>(ref ModelWriter writer, int key, T value) where TCodec : IModelCodec<T>
    {
        if (value is null)
        {
            writer.Check!.Null(key);
            return;
        }
        // A scalar cannot fail nor nest: its key would only be overwritten by the next member's (a model's scalars
        // were most of the check's time).
        if (!Nests<T, TCodec>() && !IsText<T>()) return;
        writer.Check!.Member(key);
        TCodec.Write(ref writer, value);
    }

    /// <summary>Chars written as one packed array: the check refuses any surrogate among them, with its index; the
    /// strict write tried before the check refuses them too, and leaves the error to the check.</summary>
    internal static void CheckChars<T>(ref ModelWriter writer, ReadOnlySpan<T> items)
    {
        if (writer.Check is null && !writer.Strict) return;
        ReadOnlySpan<char> chars = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<T, char>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(items)), items.Length);
        if (writer.Check is { } check) check.Chars(chars);
        else if (chars.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0) throw new ModelWriter.Refused();
    }

    /// <summary>True when <paramref name="value"/> (an item or key of a collection that cannot nest) holds no text the
    /// check before a write refuses: a tight scan, so that such collections are walked item by item (with a path per
    /// item) only when one is refused. False for char arrays and lists, which the walk checks.</summary>
    internal static bool IsAcceptedText<T>(T value)
    {
        if (typeof(T) == typeof(string)) return value is not string s || WriteCheck.Unpaired(s) < 0;
        if (typeof(T) == typeof(char)) return !char.IsSurrogate(System.Runtime.CompilerServices.Unsafe.As<T, char>(ref value));
        if (typeof(T) == typeof(Uri)) return value is not Uri u || WriteCheck.Unpaired(u.OriginalString) < 0;
        return !IsText<T>();
    }

    /// <summary>True for strings, URIs, chars and arrays or collections of chars, whose text the check before a write looks at (unpaired surrogates).</summary>
    internal static bool IsText<T>() =>
        typeof(T) == typeof(string) || typeof(T) == typeof(Uri) || typeof(T) == typeof(char) || TextCollection<T>.Value;

    // Every collection kind of chars (char[], List<char>, HashSet<char>, ImmutableArray<char>, ...) is an IEnumerable<char>.
    private static class TextCollection<T>
    {
        // Rectangular char arrays (char[,] up to rank 8) are IEnumerable only, not IEnumerable<char>.
        public static readonly bool Value = typeof(System.Collections.Generic.IEnumerable<char>).IsAssignableFrom(typeof(T))
            || (typeof(T).IsArray && typeof(T).GetElementType() == typeof(char));
    }

    /// <summary>Reads a member value given its wire type; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadField<T, TCodec>(ref ModelReader reader, WireType wireType, bool nullable) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.ReadField(ref reader, wireType, nullable);

    /// <summary>Writes a sequence item (key 1) or a null item.</summary>
    public static void WriteItem<T, TCodec>(ref ModelWriter writer, T value) where TCodec : IModelCodec<T>
    {
        if (writer.Check is not null) CheckField<T, TCodec>(ref writer, FieldKeys.ItemOrVersion, value);
        else WriteTagged<T, TCodec>(ref writer, FieldKeys.ItemOrVersion, value);
    }

    /// <summary>Reads a sequence item; null items are allowed where the element type admits null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadItem<T, TCodec>(ref ModelReader reader) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.ReadField(ref reader, reader.ReadItemTag(), nullable: true);

    /// <summary>Writes a JSON value or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteJson<T, TCodec>(Utf8JsonWriter writer, T value) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.WriteJson(writer, value);

    /// <summary>Reads a JSON value; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadJson<T, TCodec>(ref Utf8JsonReader reader, bool nullable) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.ReadJson(ref reader, nullable);

    /// <summary>Converts to a plain value (null stays null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? ToPlain<T, TCodec>(T value) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.ToPlain(value);

    /// <summary>Converts from a plain value; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromPlain<T, TCodec>(object? value, bool nullable, bool parseStrings) where TCodec : IModelCodec<T> =>
        MemberCodec<T, TCodec>.FromPlain(value, nullable, parseStrings);

    /// <summary>True when values of the codec can hold nested values (a model or a collection of items): only those
    /// need walking by the check before a write, which skips collections of scalars and strings.</summary>
    internal static bool Nests<T, TCodec>() where TCodec : IModelCodec<T> => TCodec.WireType is WireType.Object or WireType.Sequence;

    /// <summary>Adds element <paramref name="index"/> to the path of an error; returns false, for use in an exception filter.</summary>
    public static bool AddIndex(ModelFormatException e, long index) => e.AddElement(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
