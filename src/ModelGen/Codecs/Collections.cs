using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>How one kind of collection gives its items (in wire order) and is built from the items read: with it, one
/// codec (<see cref="CollectionCodec{TCollection, T, TCodec, TBuilder}"/>) serves every collection kind on the shared
/// sequence encoding (<see cref="Sequence{T, TCodec}"/>), packed or tagged as the element type decides.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ICollectionBuilder<TCollection, T>
{
    /// <summary>The items in the order they are written (a stack: top first, the order it pops).</summary>
    static abstract ReadOnlySpan<T> Items(TCollection value);

    /// <summary>The collection holding <paramref name="items"/> in the order read (the array may be kept).</summary>
    /// <exception cref="ModelFormatException">A set given the same element twice.</exception>
    static abstract TCollection Build(T[] items);

    /// <summary>A set: its order carries no meaning, so the canonical form (<see cref="ModelEquality"/>) sorts it.</summary>
    static virtual bool IsSet => false;
}

/// <summary>Every collection kind beyond arrays, lists and memory blocks: a sequence on the wire, adapted to the
/// collection by <typeparamref name="TBuilder"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CollectionCodec<TCollection, T, TCodec, TBuilder> : IModelCodec<TCollection>
    where TCodec : IModelCodec<T> where TBuilder : ICollectionBuilder<TCollection, T>
{
    /// <inheritdoc />
    public static WireType WireType => Sequence<T, TCodec>.WireType;

    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TCollection value)
    {
        ReadOnlySpan<T> items = TBuilder.Items(value);
        if (TBuilder.IsSet && writer.Canonical && items.Length > 1) items = CollectionItems.Sorted(items);
        Sequence<T, TCodec>.Write(ref writer, items);
    }

    /// <inheritdoc />
    public static TCollection Read(ref ModelReader reader, WireType wireType) => TBuilder.Build(Sequence<T, TCodec>.Read(ref reader, wireType));

    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TCollection value) => Sequence<T, TCodec>.WriteJson(writer, TBuilder.Items(value));

    /// <inheritdoc />
    public static TCollection ReadJson(ref Utf8JsonReader reader) => TBuilder.Build(Sequence<T, TCodec>.ReadJson(ref reader));

    /// <inheritdoc />
    public static object ToPlain(TCollection value) => Sequence<T, TCodec>.ToPlain(TBuilder.Items(value));

    /// <inheritdoc />
    public static TCollection FromPlain(object value, bool parseStrings) => TBuilder.Build(Sequence<T, TCodec>.FromPlain(value, parseStrings));
}

/// <summary>Items of any enumerable collection and sets filled without losing an element.</summary>
internal static class CollectionItems
{
    /// <summary>The items in enumeration order, without a copy for arrays and lists.</summary>
    public static ReadOnlySpan<T> Of<T>(IEnumerable<T> items) => items switch
    {
        T[] array => array,
        List<T> list => CollectionsMarshal.AsSpan(list),
        _ => CollectionsMarshal.AsSpan(new List<T>(items)),
    };

    /// <summary>Adds every item; an item the set already holds (by the set's comparer) is an error naming its index:
    /// a file whose set would silently shrink is corrupt.</summary>
    public static TSet Fill<TSet, T>(TSet set, T[] items) where TSet : ISet<T>
    {
        for (int i = 0; i < items.Length; i++)
            if (!set.Add(items[i])) throw DuplicateElement(i);
        return set;
    }

    /// <summary>The error of an element read twice, at <paramref name="index"/>.</summary>
    public static ModelFormatException DuplicateElement(int index)
    {
        var e = new ModelFormatException("duplicate element: a set holds each value once");
        Codec.AddIndex(e, index);
        return e;
    }

    /// <summary>The comparer a sorted collection is built with on load: <see cref="StringComparer.Ordinal"/> for strings,
    /// since the culture's comparer (Comparer&lt;string&gt;.Default) may find two different strings equal (under ICU,
    /// "ab" and "a\u00ADb" with a soft hyphen), which would refuse a saved set or merge two keys; the element type's
    /// own order otherwise.</summary>
    public static IComparer<T> Order<T>() => typeof(T) == typeof(string) ? (IComparer<T>)(object)StringComparer.Ordinal
        : TupleOrder<T>.IsTuple ? TupleOrder<T>.Instance : Comparer<T>.Default;

    // Value tuples compare their items with Comparer<Ti>.Default, so a tuple holding a string compares it by culture
    // too: items are compared through IStructuralComparable with ordinal strings (nested tuples alike).
    private sealed class TupleOrder<T> : IComparer<T>
    {
        public static readonly bool IsTuple = typeof(T).IsValueType && typeof(System.Collections.IStructuralComparable).IsAssignableFrom(typeof(T))
            && typeof(System.Runtime.CompilerServices.ITuple).IsAssignableFrom(typeof(T));
        public static readonly TupleOrder<T> Instance = new();

        public int Compare(T? x, T? y) => ((System.Collections.IStructuralComparable)x!).CompareTo(y, OrdinalItems.Instance);
    }

    private sealed class OrdinalItems : System.Collections.IComparer
    {
        public static readonly OrdinalItems Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (System.Collections.IStructuralComparable a, _) when y is not null => a.CompareTo(y, this),
            _ => System.Collections.Comparer.Default.Compare(x, y),
        };
    }

    /// <summary>A sorted copy (ordinal for strings, the element type's own order otherwise), so that equal sets have one
    /// canonical form; elements without an order (models) keep their enumeration order.</summary>
    public static T[] Sorted<T>(ReadOnlySpan<T> items)
    {
        T[] copy = items.ToArray();
        try
        {
            Array.Sort(copy, Order<T>());
        }
        catch (InvalidOperationException)
        {
            return items.ToArray(); // no IComparable<T>: Array.Sort may have moved items before it failed
        }
        return copy;
    }
}

/// <summary>IEnumerable&lt;T&gt; and IReadOnlyCollection&lt;T&gt;: built as an array.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ArrayBuilder<TCollection, T> : ICollectionBuilder<TCollection, T> where TCollection : IEnumerable<T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(TCollection value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static TCollection Build(T[] items) => (TCollection)(object)items;
}

/// <summary>ICollection&lt;T&gt; and IList&lt;T&gt;: built as a List&lt;T&gt; (mutable, as the interface promises).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ListBuilder<TCollection, T> : ICollectionBuilder<TCollection, T> where TCollection : IEnumerable<T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(TCollection value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static TCollection Build(T[] items) => (TCollection)(object)new List<T>(items);
}

/// <summary>ReadOnlyCollection&lt;T&gt;: a wrapper of the array read.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlyCollectionBuilder<T> : ICollectionBuilder<ReadOnlyCollection<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(ReadOnlyCollection<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static ReadOnlyCollection<T> Build(T[] items) => new(items);
}

/// <summary>Queue&lt;T&gt;: front first, so it dequeues in the same order after loading.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct QueueBuilder<T> : ICollectionBuilder<Queue<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(Queue<T> value) => value.ToArray();
    /// <inheritdoc />
    public static Queue<T> Build(T[] items) => new(items);
}

/// <summary>Stack&lt;T&gt;: top first (the order it pops and enumerates), pushed back bottom first, so a loaded stack
/// pops in the same order (System.Text.Json pushes in the written order and reverses a stack).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StackBuilder<T> : ICollectionBuilder<Stack<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(Stack<T> value) => value.ToArray();
    /// <inheritdoc />
    public static Stack<T> Build(T[] items)
    {
        var stack = new Stack<T>(items.Length);
        for (int i = items.Length - 1; i >= 0; i--) stack.Push(items[i]);
        return stack;
    }
}

/// <summary>LinkedList&lt;T&gt;: first node first.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LinkedListBuilder<T> : ICollectionBuilder<LinkedList<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(LinkedList<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static LinkedList<T> Build(T[] items) => new(items);
}

/// <summary>HashSet&lt;T&gt;, ISet&lt;T&gt; and IReadOnlySet&lt;T&gt;: built as a HashSet&lt;T&gt; with the default
/// equality comparer, whatever comparer the saved set had.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct HashSetBuilder<TCollection, T> : ICollectionBuilder<TCollection, T> where TCollection : IEnumerable<T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(TCollection value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static TCollection Build(T[] items) => (TCollection)(object)CollectionItems.Fill(new HashSet<T>(items.Length), items);
    /// <inheritdoc />
    public static bool IsSet => true;
}

/// <summary>SortedSet&lt;T&gt;: built with <see cref="CollectionItems.Order{T}"/> (ordinal for strings, Comparer&lt;T&gt;.Default
/// otherwise), whatever comparer the saved set had.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SortedSetBuilder<T> : ICollectionBuilder<SortedSet<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(SortedSet<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static SortedSet<T> Build(T[] items) => CollectionItems.Fill(new SortedSet<T>(CollectionItems.Order<T>()), items);
    /// <inheritdoc />
    public static bool IsSet => true;
}

/// <summary>ImmutableArray&lt;T&gt;: the array read, without a copy. default(ImmutableArray&lt;T&gt;) is written as an
/// empty sequence and reads back as an empty array (never default, so a loaded model can be enumerated).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ImmutableArrayBuilder<T> : ICollectionBuilder<ImmutableArray<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(ImmutableArray<T> value) => value.IsDefault ? default : value.AsSpan();
    /// <inheritdoc />
    public static ImmutableArray<T> Build(T[] items) => ImmutableCollectionsMarshal.AsImmutableArray(items);
}

/// <summary>ImmutableList&lt;T&gt;.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ImmutableListBuilder<T> : ICollectionBuilder<ImmutableList<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(ImmutableList<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static ImmutableList<T> Build(T[] items) => ImmutableList.Create(items);
}

/// <summary>ImmutableHashSet&lt;T&gt;: built with the default equality comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ImmutableHashSetBuilder<T> : ICollectionBuilder<ImmutableHashSet<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(ImmutableHashSet<T> value) => CollectionItems.Of<T>(value);
    /// <inheritdoc />
    public static ImmutableHashSet<T> Build(T[] items) => CollectionItems.Fill(ImmutableHashSet.CreateBuilder<T>(), items).ToImmutable();
    /// <inheritdoc />
    public static bool IsSet => true;
}

/// <summary>FrozenSet&lt;T&gt;: built with the default equality comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FrozenSetBuilder<T> : ICollectionBuilder<FrozenSet<T>, T>
{
    /// <inheritdoc />
    public static ReadOnlySpan<T> Items(FrozenSet<T> value) => value.Items.AsSpan();
    /// <inheritdoc />
    public static FrozenSet<T> Build(T[] items) => CollectionItems.Fill(new HashSet<T>(items.Length), items).ToFrozenSet();
    /// <inheritdoc />
    public static bool IsSet => true;
}

/// <summary>How one kind of dictionary gives its entries and is built from the entries read: with it, one codec
/// (<see cref="MapCodec{TMap, TKey, TValue, TKeyCodec, TValueCodec, TBuilder}"/>) serves every dictionary kind on the
/// shared map encoding (<see cref="Map{TKey, TValue, TKeyCodec, TValueCodec}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMapBuilder<TMap, TKey, TValue> where TKey : notnull
{
    /// <summary>The entries.</summary>
    static abstract IEnumerable<KeyValuePair<TKey, TValue>> Entries(TMap value);

    /// <summary>The number of entries.</summary>
    static abstract int Count(TMap value);

    /// <summary>The dictionary holding the entries read (the dictionary may be kept).</summary>
    static abstract TMap Build(Dictionary<TKey, TValue> entries);
}

/// <summary>Every dictionary kind beyond Dictionary and IReadOnlyDictionary: a map on the wire, adapted to the
/// dictionary by <typeparamref name="TBuilder"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct MapCodec<TMap, TKey, TValue, TKeyCodec, TValueCodec, TBuilder> : IModelCodec<TMap>
    where TKey : notnull where TKeyCodec : IModelKeyCodec<TKey> where TValueCodec : IModelCodec<TValue>
    where TBuilder : IMapBuilder<TMap, TKey, TValue>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Write(ref writer, TBuilder.Entries(value), TBuilder.Count(value));
    /// <inheritdoc />
    public static TMap Read(ref ModelReader reader, WireType wireType) => TBuilder.Build(Map<TKey, TValue, TKeyCodec, TValueCodec>.Read(ref reader, wireType));
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.WriteJson(writer, TBuilder.Entries(value));
    /// <inheritdoc />
    public static TMap ReadJson(ref Utf8JsonReader reader) => TBuilder.Build(Map<TKey, TValue, TKeyCodec, TValueCodec>.ReadJson(ref reader));
    /// <inheritdoc />
    public static object ToPlain(TMap value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ToPlain(TBuilder.Entries(value));
    /// <inheritdoc />
    public static TMap FromPlain(object value, bool parseStrings) => TBuilder.Build(Map<TKey, TValue, TKeyCodec, TValueCodec>.FromPlain(value, parseStrings));
}

/// <summary>IDictionary&lt;TKey, TValue&gt;: built as a Dictionary&lt;TKey, TValue&gt;.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DictionaryBuilder<TKey, TValue> : IMapBuilder<IDictionary<TKey, TValue>, TKey, TValue> where TKey : notnull
{
    /// <inheritdoc />
    public static IEnumerable<KeyValuePair<TKey, TValue>> Entries(IDictionary<TKey, TValue> value) => value;
    /// <inheritdoc />
    public static int Count(IDictionary<TKey, TValue> value) => value.Count;
    /// <inheritdoc />
    public static IDictionary<TKey, TValue> Build(Dictionary<TKey, TValue> entries) => entries;
}

/// <summary>SortedDictionary&lt;TKey, TValue&gt; with <see cref="CollectionItems.Order{T}"/> (ordinal for string keys, the
/// key type's default comparer otherwise).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SortedDictionaryBuilder<TKey, TValue> : IMapBuilder<SortedDictionary<TKey, TValue>, TKey, TValue> where TKey : notnull
{
    /// <inheritdoc />
    public static IEnumerable<KeyValuePair<TKey, TValue>> Entries(SortedDictionary<TKey, TValue> value) => value;
    /// <inheritdoc />
    public static int Count(SortedDictionary<TKey, TValue> value) => value.Count;
    /// <inheritdoc />
    public static SortedDictionary<TKey, TValue> Build(Dictionary<TKey, TValue> entries) => new(entries, CollectionItems.Order<TKey>());
}

/// <summary>ImmutableDictionary&lt;TKey, TValue&gt; with the default key comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ImmutableDictionaryBuilder<TKey, TValue> : IMapBuilder<ImmutableDictionary<TKey, TValue>, TKey, TValue> where TKey : notnull
{
    /// <inheritdoc />
    public static IEnumerable<KeyValuePair<TKey, TValue>> Entries(ImmutableDictionary<TKey, TValue> value) => value;
    /// <inheritdoc />
    public static int Count(ImmutableDictionary<TKey, TValue> value) => value.Count;
    /// <inheritdoc />
    public static ImmutableDictionary<TKey, TValue> Build(Dictionary<TKey, TValue> entries) => entries.ToImmutableDictionary();
}

/// <summary>FrozenDictionary&lt;TKey, TValue&gt; with the default key comparer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FrozenDictionaryBuilder<TKey, TValue> : IMapBuilder<FrozenDictionary<TKey, TValue>, TKey, TValue> where TKey : notnull
{
    /// <inheritdoc />
    public static IEnumerable<KeyValuePair<TKey, TValue>> Entries(FrozenDictionary<TKey, TValue> value) => value;
    /// <inheritdoc />
    public static int Count(FrozenDictionary<TKey, TValue> value) => value.Count;
    /// <inheritdoc />
    public static FrozenDictionary<TKey, TValue> Build(Dictionary<TKey, TValue> entries) => entries.ToFrozenDictionary();
}
