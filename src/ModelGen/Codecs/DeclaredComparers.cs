using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>A loaded set or dictionary with the comparer the model gives its member (<c>= new(StringComparer.OrdinalIgnoreCase)</c>,
/// or a constructor's <c>Words = new(comparer)</c>): a comparer is not data, so a reader builds the collection with the
/// default one, or with the comparer the generated code names before the read (<see cref="IDeclaredComparer{TComparer}"/>),
/// and the generated code passes what was read through here with the comparer of the collection the
/// model's constructor left in a member set after construction, or the one a member's initializer or constructor body names. The default
/// comparer (or none) keeps what was read as it is: a sorted collection of strings stays ordinal; so does the very
/// comparer the collection was read with (<see cref="IDeclaredComparer{TComparer}"/>). Two items that the declared comparer
/// holds equal (a file written while the member compared otherwise) are refused naming the member: one of them would
/// be lost.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeclaredComparers
{
    /// <summary>The entries of <paramref name="read"/> in a <see cref="Dictionary{TKey, TValue}"/> with <paramref name="comparer"/>.</summary>
    [return: NotNullIfNotNull(nameof(read))]
    public static Dictionary<TKey, TValue>? Dictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? read, IEqualityComparer<TKey>? comparer, string member)
        where TKey : notnull
    {
        if (read is null) return null;
        if (read is Dictionary<TKey, TValue> { Comparer: var c } same && (IsDefault(comparer) ? IsDefault(c) : ReferenceEquals(c, comparer))) return same;
        // Sized for what was read: no rehash while it fills (a 100,000-token vocabulary allocated nearly three times its size).
        var result = new Dictionary<TKey, TValue>(read is ICollection<KeyValuePair<TKey, TValue>> entries ? entries.Count : 0, comparer);
        foreach (KeyValuePair<TKey, TValue> entry in read)
            if (!result.TryAdd(entry.Key, entry.Value)) throw SameUnderComparer(member, Existing(result.Keys, entry.Key, comparer), entry.Key);
        return result;
    }

    /// <summary>The entries of <paramref name="read"/> in a <see cref="SortedDictionary{TKey, TValue}"/> with <paramref name="comparer"/>.</summary>
    [return: NotNullIfNotNull(nameof(read))]
    public static SortedDictionary<TKey, TValue>? SortedDictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? read, IComparer<TKey>? comparer, string member)
        where TKey : notnull
    {
        if (read is null) return null;
        // With the default comparer, as the reader built it (strings: ordinal).
        if (read is SortedDictionary<TKey, TValue> same && (IsDefault(comparer) || ReferenceEquals(same.Comparer, comparer))) return same;
        try
        {
            return Sorted(read, comparer);
        }
        catch (ModelFormatException e) when (e.AddMember(member))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>The entries of <paramref name="read"/>, distinct keys, in a <see cref="SortedDictionary{TKey, TValue}"/>
    /// with <paramref name="comparer"/>; two it holds equal are refused (the member is added where it is read).</summary>
    internal static SortedDictionary<TKey, TValue> Sorted<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> read, IComparer<TKey>? comparer)
        where TKey : notnull
    {
        var result = new SortedDictionary<TKey, TValue>(comparer);
        foreach (KeyValuePair<TKey, TValue> entry in read)
            if (!result.TryAdd(entry.Key, entry.Value)) throw SameUnderComparer(Existing(result.Keys, entry.Key, comparer), entry.Key);
        return result;
    }

    /// <summary>The items of <paramref name="read"/> in a <see cref="HashSet{T}"/> with <paramref name="comparer"/>.</summary>
    [return: NotNullIfNotNull(nameof(read))]
    public static HashSet<T>? HashSet<T>(IEnumerable<T>? read, IEqualityComparer<T>? comparer, string member)
    {
        if (read is null) return null;
        if (read is HashSet<T> { Comparer: var c } same && (IsDefault(comparer) ? IsDefault(c) : ReferenceEquals(c, comparer))) return same;
        var result = new HashSet<T>(read is ICollection<T> items ? items.Count : 0, comparer);
        foreach (T item in read)
            if (!result.Add(item)) throw SameUnderComparer(member, result.TryGetValue(item, out T? existing) ? existing : item, item);
        return result;
    }

    /// <summary>The items of <paramref name="read"/> in a <see cref="SortedSet{T}"/> with <paramref name="comparer"/>.</summary>
    [return: NotNullIfNotNull(nameof(read))]
    public static SortedSet<T>? SortedSet<T>(IEnumerable<T>? read, IComparer<T>? comparer, string member)
    {
        if (read is null) return null;
        // With the default comparer, as the reader built it (strings: ordinal).
        if (read is SortedSet<T> same && (IsDefault(comparer) || ReferenceEquals(same.Comparer, comparer))) return same;
        var result = new SortedSet<T>(comparer);
        foreach (T item in read)
            if (!result.Add(item)) throw SameUnderComparer(member, result.TryGetValue(item, out T? existing) ? existing : item, item);
        return result;
    }

    // No comparer of the model's own: the collection a member's initializer or constructor made without one.
    private static bool IsDefault<T>(IEqualityComparer<T>? comparer) => comparer is null || ReferenceEquals(comparer, EqualityComparer<T>.Default);

    private static bool IsDefault<T>(IComparer<T>? comparer) => comparer is null || ReferenceEquals(comparer, Comparer<T>.Default);

    // The key already in the collection that the comparer holds equal to key (looked up on the error path only).
    private static TKey Existing<TKey>(IEnumerable<TKey> keys, TKey key, IEqualityComparer<TKey>? comparer)
    {
        comparer ??= EqualityComparer<TKey>.Default;
        foreach (TKey k in keys)
            if (comparer.Equals(k, key)) return k;
        return key;
    }

    private static TKey Existing<TKey>(IEnumerable<TKey> keys, TKey key, IComparer<TKey>? comparer)
    {
        comparer ??= Comparer<TKey>.Default;
        foreach (TKey k in keys)
            if (comparer.Compare(k, key) == 0) return k;
        return key;
    }

    private static ModelFormatException SameUnderComparer(string member, object? first, object? second) => SameUnderComparer(first, second).InMember(member);

    // (The member is added to the path where the member is read.)
    private static ModelFormatException SameUnderComparer(object? first, object? second) =>
        new($"{Show(first)} and {Show(second)} are one item under the comparer the model gives the member: "
            + "loading both would lose one (the data was written while the member compared otherwise)");

    /// <summary>Whether a key a dictionary with <paramref name="comparer"/> refused is the same key twice (corrupt
    /// data), not another key that the comparer holds equal to one already read.</summary>
    internal static bool IsDuplicate<TKey>(IEnumerable<TKey> keys, TKey key, IEqualityComparer<TKey>? comparer) =>
        IsDefault(comparer) || EqualityComparer<TKey>.Default.Equals(Existing(keys, key, comparer), key);

    /// <summary>The error of two keys that <paramref name="comparer"/> holds equal.</summary>
    internal static ModelFormatException SameUnderComparer<TKey>(IEnumerable<TKey> keys, TKey key, IEqualityComparer<TKey>? comparer) =>
        SameUnderComparer(Existing(keys, key, comparer), key);

    /// <summary>Adds every item to a set with the model's comparer: the same item twice is corrupt data (an error naming
    /// its index, as <see cref="CollectionItems.Fill"/>), two items the comparer holds equal are refused as
    /// <see cref="HashSet{T}(IEnumerable{T}?, IEqualityComparer{T}?, string)"/> refuses them.</summary>
    internal static TSet Fill<TSet, T>(TSet set, T[] items, Func<TSet, T, T> existing) where TSet : ISet<T>
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (set.Add(items[i])) continue;
            T first = existing(set, items[i]);
            throw EqualityComparer<T>.Default.Equals(first, items[i]) ? CollectionItems.DuplicateElement(i) : SameUnderComparer(first, items[i]);
        }
        return set;
    }

    private static string Show(object? value) => value is string s ? $"'{s}'" : $"'{System.Convert.ToString(value, CultureInfo.InvariantCulture)}'";
}

/// <summary>The comparer a model gives a set or dictionary member (<c>= new(StringComparer.OrdinalIgnoreCase)</c>),
/// named by a type the generator declares in the model: the codecs below build the loaded collection with it at once,
/// in every form, instead of building it with the default comparer and again with the model's
/// (<see cref="DeclaredComparers"/>).</summary>
/// <typeparam name="TComparer"><see cref="IEqualityComparer{T}"/> for a dictionary or hash set,
/// <see cref="IComparer{T}"/> for a sorted one.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDeclaredComparer<TComparer> where TComparer : class
{
    /// <summary>The comparer, created as the model's initializer or constructor creates it.</summary>
    static abstract TComparer Comparer { get; }
}

/// <summary>A <see cref="Dictionary{TKey, TValue}"/> (or an interface of it a member is declared with) read into a
/// dictionary with the model's comparer; two keys it holds equal are refused.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComparedMapCodec<TMap, TKey, TValue, TKeyCodec, TValueCodec, TComparer> : IModelCodec<TMap>
    where TMap : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull where TKeyCodec : IModelKeyCodec<TKey> where TValueCodec : IModelCodec<TValue>
    where TComparer : IDeclaredComparer<IEqualityComparer<TKey>>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Write(ref writer, value, Count(value));

    // (IDictionary is not an IReadOnlyCollection, IReadOnlyDictionary not an ICollection; a Dictionary is both.)
    private static int Count(TMap value) => value is ICollection<KeyValuePair<TKey, TValue>> entries ? entries.Count
        : ((IReadOnlyCollection<KeyValuePair<TKey, TValue>>)value).Count;
    /// <inheritdoc />
    public static TMap Read(ref ModelReader reader, WireType wireType) =>
        (TMap)(object)Map<TKey, TValue, TKeyCodec, TValueCodec>.Read(ref reader, wireType, TComparer.Comparer);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static TMap ReadJson(ref Utf8JsonReader reader) => (TMap)(object)Map<TKey, TValue, TKeyCodec, TValueCodec>.ReadJson(ref reader, TComparer.Comparer);
    /// <inheritdoc />
    public static object ToPlain(TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ToPlain(value);
    /// <inheritdoc />
    public static TMap FromPlain(object value, bool parseStrings) =>
        (TMap)(object)Map<TKey, TValue, TKeyCodec, TValueCodec>.FromPlain(value, parseStrings, TComparer.Comparer);
}

/// <summary>A <see cref="SortedDictionary{TKey, TValue}"/> built with the model's comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComparedSortedDictionaryBuilder<TKey, TValue, TComparer> : IMapBuilder<SortedDictionary<TKey, TValue>, TKey, TValue>
    where TKey : notnull where TComparer : IDeclaredComparer<IComparer<TKey>>
{
    /// <inheritdoc />
    public static IEnumerable<KeyValuePair<TKey, TValue>> Entries(SortedDictionary<TKey, TValue> value) => value;
    /// <inheritdoc />
    public static int Count(SortedDictionary<TKey, TValue> value) => value.Count;
    /// <inheritdoc />
    public static SortedDictionary<TKey, TValue> Build(Dictionary<TKey, TValue> entries) => DeclaredComparers.Sorted(entries, TComparer.Comparer);
}

/// <summary>A <see cref="HashSet{T}"/> (or an interface of it a member is declared with) built with the model's
/// comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComparedHashSetBuilder<TCollection, T, TComparer> : ICollectionBuilder<TCollection, T>
    where TCollection : IEnumerable<T> where TComparer : IDeclaredComparer<IEqualityComparer<T>>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(TCollection value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static TCollection Build(T[] items) =>
        (TCollection)(object)DeclaredComparers.Fill(new HashSet<T>(items.Length, TComparer.Comparer), items, static (set, item) => set.TryGetValue(item, out T? first) ? first : item);
    /// <inheritdoc />
    public static bool IsSet => true;
}

/// <summary>A <see cref="SortedSet{T}"/> built with the model's comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComparedSortedSetBuilder<T, TComparer> : ICollectionBuilder<SortedSet<T>, T>
    where TComparer : IDeclaredComparer<IComparer<T>>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(SortedSet<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static SortedSet<T> Build(T[] items) =>
        DeclaredComparers.Fill(new SortedSet<T>(TComparer.Comparer), items, static (set, item) => set.TryGetValue(item, out T? first) ? first : item);
    /// <inheritdoc />
    public static bool IsSet => true;
}
