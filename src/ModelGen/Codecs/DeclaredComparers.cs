using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ModelGen.Internal;

/// <summary>A loaded set or dictionary with the comparer the model gives its member (<c>= new(StringComparer.OrdinalIgnoreCase)</c>,
/// or a constructor's <c>Words = new(comparer)</c>): a comparer is not data, so a reader builds the collection with the
/// default one, and the generated code passes what was read through here with the comparer of the collection the
/// model's constructor left in a member set after construction, or the one a member's initializer or constructor body names. The default
/// comparer (or none) keeps what was read as it is: a sorted collection of strings stays ordinal. Two items that the declared comparer
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
        if (IsDefault(comparer) && read is Dictionary<TKey, TValue> { Comparer: var c } same && IsDefault(c)) return same;
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
        if (IsDefault(comparer) && read is SortedDictionary<TKey, TValue> same) return same; // as the reader built it (strings: ordinal)
        var result = new SortedDictionary<TKey, TValue>(comparer);
        foreach (KeyValuePair<TKey, TValue> entry in read)
        {
            if (result.ContainsKey(entry.Key)) throw SameUnderComparer(member, Existing(result.Keys, entry.Key, comparer), entry.Key);
            result.Add(entry.Key, entry.Value);
        }
        return result;
    }

    /// <summary>The items of <paramref name="read"/> in a <see cref="HashSet{T}"/> with <paramref name="comparer"/>.</summary>
    [return: NotNullIfNotNull(nameof(read))]
    public static HashSet<T>? HashSet<T>(IEnumerable<T>? read, IEqualityComparer<T>? comparer, string member)
    {
        if (read is null) return null;
        if (IsDefault(comparer) && read is HashSet<T> { Comparer: var c } same && IsDefault(c)) return same;
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
        if (IsDefault(comparer) && read is SortedSet<T> same) return same; // as the reader built it (strings: ordinal)
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

    private static ModelFormatException SameUnderComparer(string member, object? first, object? second) =>
        new ModelFormatException($"{Show(first)} and {Show(second)} are one item under the comparer the model gives the member: "
            + "loading both would lose one (the data was written while the member compared otherwise)").InMember(member);

    private static string Show(object? value) => value is string s ? $"'{s}'" : $"'{System.Convert.ToString(value, CultureInfo.InvariantCulture)}'";
}
