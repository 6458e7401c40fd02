using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>A nested model: an object of tagged fields ending with an end marker; a JSON object; a plain dictionary.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ModelCodec<T> : IModelCodec<T> where T : IModelSerializable<T>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Object;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T value)
    {
        writer.Enter();
        // A derived model: refused by every write, with its path under the check.
        if (DerivedModels.Check(value) is { } derived) DerivedModels.Throw(derived, writer.Check);
        if (writer.Check is { } check)
        {
            // The check before a write: its depth is counted above; a model of value-type scalars only has nothing
            // else to look at (a forest's nodes were most of the check's time), unless it keeps members of newer data,
            // whose nesting is checked where they are written.
            bool walk;
            unsafe { walk = !ModelFunctions<T>.ScalarsOnly || ModelFunctions<T>.GetUnknownMembers(value) is not null; }
            if (walk)
            {
                check.EnterModel(ModelFunctions<T>.Schema, value);
                unsafe { ModelFunctions<T>.WriteFields(ref writer, value); }
                check.Exit();
            }
            writer.Exit();
            return;
        }
        // The strict write tried before the check validates where the check would (not inside a validated model,
        // not in models of scalars only, which the check does not enter).
        bool validated = writer.Strict && !ModelFunctions<T>.ScalarsOnlyCached && writer.Validate(value);
        unsafe { ModelFunctions<T>.WriteFields(ref writer, value); }
        if (validated) writer.Validated--;
        if (!writer.Positional) writer.WriteEnd();
        writer.Exit();
    }
    /// <inheritdoc />
    public static T Read(ref ModelReader reader, WireType wireType)
    {
        // The message is built only on a mismatch: an eager interpolation allocated a string per nested object.
        if (wireType != WireType.Object) reader.Expect(wireType, WireType.Object, $"a {T.Schema.Name} object");
        // As ReadObject, in this frame: one frame a level keeps the stack trace of an error deep in nested models small
        // (what an untrusted input can make the reader allocate is bounded).
        reader.Enter();
        T value;
        try
        {
            // A model that is not [Hyperparameters] leaves the validation scope as it is (ReadValidation.Enter and
            // Exit would read and write a thread-static for nothing): most nested objects, a forest's nodes among them.
            unsafe { value = ModelFunctions<T>.Validated ? ReadValidated(ref reader) : ModelFunctions<T>.ReadFields(ref reader); }
        }
        catch (ModelFormatException e) when (e.AddOffset(reader.Offset))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
        reader.Exit();
        return value;
    }

    // An object, the per-type entry points passed in: a sequence of models looks them up once, not once an item (in
    // code shared by every class, each lookup goes through the generic dictionary).
    private static unsafe T ReadObject(ref ModelReader reader, delegate*<ref ModelReader, T> readFields, bool validated)
    {
        reader.Enter();
        T value;
        try
        {
            // A model that is not [Hyperparameters] leaves the validation scope as it is (ReadValidation.Enter and
            // Exit would read and write a thread-static for nothing): most nested objects, a forest's nodes among them.
            value = validated ? ReadValidated(ref reader) : readFields(ref reader);
        }
        catch (ModelFormatException e) when (e.AddOffset(reader.Offset))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
        reader.Exit();
        return value;
    }

    /// <summary>Writes the items of a sequence of models (after its header): each an item tag and an object, or a null,
    /// in one loop of <typeparamref name="T"/>'s own (<see cref="IModelSerializable{TSelf}.WriteItems"/>), as
    /// <see cref="Codec.WriteItem{T, TCodec}"/> writes them one by one. The items' level is counted once for all of
    /// them, only where it cannot fail (below the limit, and below the depth where the stack is looked at); else, and
    /// for the check before a write, false: one by one.</summary>
    public static bool WriteItems(ref ModelWriter writer, ReadOnlySpan<T> items)
    {
        if (writer.Check is not null || !writer.TryEnterItems()) return false;
        T.WriteItems(ref writer, items);
        writer.Exit();
        // Many items (a tree's nodes) are hashed while they are still in cache.
        writer.HashWritten();
        return true;
    }

    /// <summary>Reads the items of a sequence of models (after its header): each an item tag and an object, or a null
    /// where <typeparamref name="T"/> admits one; as <see cref="Codec.ReadItem{T, TCodec}"/> reads them one by one.</summary>
    public static unsafe bool ReadItems(ref ModelReader reader, Span<T> items)
    {
        delegate*<ref ModelReader, T> readFields = ModelFunctions<T>.ReadFields;
        bool validated = ModelFunctions<T>.Validated;
        // Objects of T's own layout (format 2) are read by T's straight loop, where it has one, as long as it can; an
        // item it does not read (a null, extension fields, bad data, the end of the data) is read here, then it goes on.
        bool straight = !validated && reader.StraightItems<T>(ModelFunctions<T>.Schema);
        for (int i = 0; i < items.Length; i++)
        {
            if (straight)
            {
                int next;
                try
                {
                    next = ModelFunctions<T>.ReadStraightItems(ref reader, items, i);
                }
                catch (Exception)
                {
                    // A constructor or setter of T threw (the loop's reads never throw, and it moves the reader only
                    // at its end): the items from i on are read again the checked way, which reports that failure at
                    // its item, as a ModelFormatException with the item's index and offset (or reads them, if the
                    // constructor does not throw again).
                    next = -1;
                }
                if (next < 0) straight = false;
                else if ((i = next) == items.Length) break;
            }
            try
            {
                WireType wireType = reader.ReadItemTag();
                if (wireType == WireType.Object) items[i] = ReadObject(ref reader, readFields, validated);
                else items[i] = MemberCodec<T, ModelCodec<T>>.ReadField(ref reader, wireType, nullable: true);
            }
            catch (ModelFormatException e) when (Codec.AddIndex(e, i))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
        return true;
    }

    private static T ReadValidated(ref ModelReader reader)
    {
        bool enclosed = ReadValidation.Enter<T>();
        try
        {
            T value;
            unsafe { value = ModelFunctions<T>.ReadFields(ref reader); }
            ReadValidation.Complete(value, enclosed);
            return value;
        }
        finally
        {
            ReadValidation.Exit(enclosed);
        }
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T value) => T.WriteJson(writer, value);
    /// <inheritdoc />
    public static T ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "an object");
        // A caller's reader may allow any depth: recursive models must not overflow the stack.
        if (!Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        bool enclosed = ReadValidation.Enter<T>();
        try
        {
            T value = T.ReadJson(ref reader);
            ReadValidation.Complete(value, enclosed);
            return value;
        }
        finally
        {
            ReadValidation.Exit(enclosed);
            Nesting.Exit();
        }
    }
    /// <inheritdoc />
    public static object ToPlain(T value) => T.ToDictionary(value);
    /// <inheritdoc />
    public static T FromPlain(object value, bool parseStrings)
    {
        // Plain values have no depth limit of their own: recursive models must not overflow the stack.
        if (!Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        bool enclosed = ReadValidation.Enter<T>();
        try
        {
            T result = T.FromDictionary(PlainValue.ToReadOnlyDictionary(value));
            ReadValidation.Complete(result, enclosed);
            return result;
        }
        finally
        {
            ReadValidation.Exit(enclosed);
            Nesting.Exit();
        }
    }
}

/// <summary>Counts nesting while reading JSON or plain values, whose readers have no depth counter of their own (the
/// binary reader counts its own), the same levels as the binary reader (<see cref="FormatLimits"/>): deep input fails
/// with the same limit in every form, instead of overflowing the stack.</summary>
internal static class Nesting
{
    [ThreadStatic] private static int t_depth;
    [ThreadStatic] private static int t_limit;
    [ThreadStatic] private static bool t_limitSet;

    internal static int Limit => t_limitSet ? t_limit : FormatLimits.DefaultMaxDepth;

    public static string TooDeep => $"nesting is deeper than the limit of {Limit}";

    /// <summary>Starts counting from the root of a read with <paramref name="limit"/>; returns what to restore (a read
    /// may start inside another, e.g. from a migration hook).</summary>
    public static (int Depth, int Limit, bool LimitSet) Begin(int limit)
    {
        var saved = (t_depth, t_limit, t_limitSet);
        t_depth = 0;
        t_limit = limit;
        t_limitSet = true;
        return saved;
    }

    /// <summary>Restores what <see cref="Begin"/> returned.</summary>
    public static void End((int Depth, int Limit, bool LimitSet) saved) => (t_depth, t_limit, t_limitSet) = saved;

    public static bool TryEnter()
    {
        if (t_depth >= Limit) return false;
        if (t_depth >= FormatLimits.DefaultMaxDepth && !StackGuard.StackLeft()) throw new ModelFormatException(StackGuard.StackTooSmall(Limit));
        t_depth++;
        return true;
    }

    public static void Exit() => t_depth--;
}

/// <summary>A nullable value type: the underlying codec for present values (nulls are handled by <see cref="Codec"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NullableCodec<T, TCodec> : IModelCodec<T?> where T : struct where TCodec : IModelCodec<T>
{
    /// <inheritdoc />
    public static WireType WireType => TCodec.WireType;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T? value) => TCodec.Write(ref writer, value!.Value);
    /// <inheritdoc />
    public static T? Read(ref ModelReader reader, WireType wireType) => TCodec.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T? value) => TCodec.WriteJson(writer, value!.Value);
    /// <inheritdoc />
    public static T? ReadJson(ref Utf8JsonReader reader) => TCodec.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(T? value) => TCodec.ToPlain(value!.Value);
    /// <inheritdoc />
    public static T? FromPlain(object value, bool parseStrings) => TCodec.FromPlain(value, parseStrings);
}

/// <summary>The shared core of dictionary codecs: a map of tagged key and value items; a JSON object; a plain dictionary.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Map<TKey, TValue, TKeyCodec, TValueCodec>
    where TKey : notnull where TKeyCodec : IModelKeyCodec<TKey> where TValueCodec : IModelCodec<TValue>
{
    /// <summary>Writes the entries.</summary>
    public static void Write(ref ModelWriter writer, IEnumerable<KeyValuePair<TKey, TValue>> entries, int count)
    {
        writer.WriteSequenceHeader(0, default);
        writer.WriteVarUInt64((ulong)count);
        writer.Enter();
        if (writer.Canonical && count > 1)
        {
            var sorted = new KeyValuePair<TKey, TValue>[count];
            int n = 0;
            foreach (var entry in entries) sorted[n++] = entry;
            Array.Sort(sorted, KeyOrder.Instance);
            entries = sorted;
        }
        if (writer.Check is null || Codec.Nests<TValue, TValueCodec>() || Codec.Nests<TKey, TKeyCodec>() || ((Codec.IsText<TValue>() || Codec.IsText<TKey>()) && !AcceptedText(entries)))
        {
            writer.Check?.EnterEntries();
            foreach (var entry in entries)
            {
                writer.Check?.Entry(TKeyCodec.ToKey(entry.Key));
                Codec.WriteItem<TKey, TKeyCodec>(ref writer, entry.Key);
                Codec.WriteItem<TValue, TValueCodec>(ref writer, entry.Value);
            }
            writer.Check?.Exit();
        }
        writer.Exit();
    }

    // Keys or values of text, values that cannot nest: one scan, the walk (which names the refused entry) only when
    // it fails.
    private static bool AcceptedText(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        if (entries is Dictionary<TKey, TValue> dictionary) // no boxed enumerator for the common case
        {
            foreach (KeyValuePair<TKey, TValue> entry in dictionary)
                if (!Codec.IsAcceptedText(entry.Key) || !Codec.IsAcceptedText(entry.Value)) return false;
            return true;
        }
        foreach (KeyValuePair<TKey, TValue> entry in entries)
            if (!Codec.IsAcceptedText(entry.Key) || !Codec.IsAcceptedText(entry.Value)) return false;
        return true;
    }

    // The order of the canonical form (ModelEquality): ordinal for strings (tuples of them too), the key type's own order otherwise.
    private sealed class KeyOrder : IComparer<KeyValuePair<TKey, TValue>>
    {
        public static readonly KeyOrder Instance = new();
        private static readonly IComparer<TKey> Keys = CollectionItems.Order<TKey>();

        public int Compare(KeyValuePair<TKey, TValue> x, KeyValuePair<TKey, TValue> y) => Keys.Compare(x.Key, y.Key);
    }

    /// <summary>Reads the entries; a duplicate or null key is an error.</summary>
    public static Dictionary<TKey, TValue> Read(ref ModelReader reader, WireType wireType) => Read(ref reader, wireType, null);

    /// <summary>Reads the entries into a dictionary with <paramref name="comparer"/> (the model's own:
    /// <see cref="ComparedMapCodec{TMap, TKey, TValue, TKeyCodec, TValueCodec, TComparer}"/>); two keys it holds equal
    /// are an error.</summary>
    internal static Dictionary<TKey, TValue> Read(ref ModelReader reader, WireType wireType, IEqualityComparer<TKey>? comparer)
    {
        reader.Expect(wireType, WireType.Sequence, "a map");
        long count = reader.ReadSequenceHeader(default);
        var result = new Dictionary<TKey, TValue>((int)count, comparer);
        reader.Enter();
        for (long i = 0; i < count; i++)
        {
            long offset = reader.Offset;
            TKey key = Codec.ReadField<TKey, TKeyCodec>(ref reader, reader.ReadItemTag(), nullable: false);
            bool added;
            try
            {
                added = result.TryAdd(key, Codec.ReadItem<TValue, TValueCodec>(ref reader));
                if (!added && DeclaredComparers.IsDuplicate(result.Keys, key, comparer)) throw new ModelFormatException($"duplicate key", offset);
            }
            catch (ModelFormatException e) when (e.AddElement(TKeyCodec.ToKey(key)))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
            if (!added) throw DeclaredComparers.SameUnderComparer(result.Keys, key, comparer);
        }
        reader.Exit();
        return result;
    }

    /// <summary>Writes a JSON object.</summary>
    public static void WriteJson(Utf8JsonWriter writer, IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        writer.WriteStartObject();
        foreach (var entry in entries)
        {
            writer.WritePropertyName(TKeyCodec.ToKey(entry.Key));
            Codec.WriteJson<TValue, TValueCodec>(writer, entry.Value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads a JSON object.</summary>
    public static Dictionary<TKey, TValue> ReadJson(ref Utf8JsonReader reader) => ReadJson(ref reader, null);

    /// <summary>Reads a JSON object into a dictionary with <paramref name="comparer"/>.</summary>
    internal static Dictionary<TKey, TValue> ReadJson(ref Utf8JsonReader reader, IEqualityComparer<TKey>? comparer)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, "an object");
        if (!Nesting.TryEnter()) throw JsonRead.Error(ref reader, Nesting.TooDeep);
        try
        {
            return ReadJsonEntries(ref reader, comparer);
        }
        finally
        {
            Nesting.Exit();
        }
    }

    private static Dictionary<TKey, TValue> ReadJsonEntries(ref Utf8JsonReader reader, IEqualityComparer<TKey>? comparer)
    {
        var result = new Dictionary<TKey, TValue>(comparer);
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return result;
            string name = JsonRead.GetString(ref reader);
            TKey key;
            bool added;
            try
            {
                key = TKeyCodec.FromKey(name);
                JsonRead.Next(ref reader);
                added = result.TryAdd(key, Codec.ReadJson<TValue, TValueCodec>(ref reader, nullable: true));
                if (!added && DeclaredComparers.IsDuplicate(result.Keys, key, comparer)) throw JsonRead.Error(ref reader, "duplicate key");
            }
            catch (ModelFormatException e) when (e.AddElement(name))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
            if (!added) throw DeclaredComparers.SameUnderComparer(result.Keys, key, comparer);
        }
    }

    /// <summary>Plain form: a string-keyed dictionary of plain values.</summary>
    public static object ToPlain(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        var result = new Dictionary<string, object?>();
        foreach (var entry in entries) result[TKeyCodec.ToKey(entry.Key)] = Codec.ToPlain<TValue, TValueCodec>(entry.Value);
        return result;
    }

    /// <summary>Reads a plain map.</summary>
    public static Dictionary<TKey, TValue> FromPlain(object value, bool parseStrings) => FromPlain(value, parseStrings, null);

    /// <summary>Reads a plain map into a dictionary with <paramref name="comparer"/>.</summary>
    internal static Dictionary<TKey, TValue> FromPlain(object value, bool parseStrings, IEqualityComparer<TKey>? comparer)
    {
        if (!Nesting.TryEnter()) throw new ModelFormatException(Nesting.TooDeep);
        try
        {
            return FromPlainEntries(value, parseStrings, comparer);
        }
        finally
        {
            Nesting.Exit();
        }
    }

    private static Dictionary<TKey, TValue> FromPlainEntries(object value, bool parseStrings, IEqualityComparer<TKey>? comparer)
    {
        var result = new Dictionary<TKey, TValue>(comparer);
        foreach (var entry in PlainValue.ToMapEntries(value))
        {
            TKey key;
            bool added;
            try
            {
                key = TKeyCodec.FromKey(entry.Key);
                added = result.TryAdd(key, Codec.FromPlain<TValue, TValueCodec>(entry.Value, nullable: true, parseStrings));
                if (!added && DeclaredComparers.IsDuplicate(result.Keys, key, comparer)) throw new ModelFormatException("duplicate key");
            }
            catch (ModelFormatException e) when (e.AddElement(entry.Key))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
            if (!added) throw DeclaredComparers.SameUnderComparer(result.Keys, key, comparer);
        }
        return result;
    }
}

/// <summary>Dictionary&lt;TKey, TValue&gt; with string, integer, enum, char or GUID keys.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DictionaryCodec<TKey, TValue, TKeyCodec, TValueCodec> : IModelCodec<Dictionary<TKey, TValue>>
    where TKey : notnull where TKeyCodec : IModelKeyCodec<TKey> where TValueCodec : IModelCodec<TValue>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Dictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Write(ref writer, value, value.Count);
    /// <inheritdoc />
    public static Dictionary<TKey, TValue> Read(ref ModelReader reader, WireType wireType) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Dictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static Dictionary<TKey, TValue> ReadJson(ref Utf8JsonReader reader) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(Dictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ToPlain(value);
    /// <inheritdoc />
    public static Dictionary<TKey, TValue> FromPlain(object value, bool parseStrings) => Map<TKey, TValue, TKeyCodec, TValueCodec>.FromPlain(value, parseStrings);
}

/// <summary>IReadOnlyDictionary&lt;TKey, TValue&gt;: read as a Dictionary.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlyDictionaryCodec<TKey, TValue, TKeyCodec, TValueCodec> : IModelCodec<IReadOnlyDictionary<TKey, TValue>>
    where TKey : notnull where TKeyCodec : IModelKeyCodec<TKey> where TValueCodec : IModelCodec<TValue>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Sequence;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, IReadOnlyDictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Write(ref writer, value, value.Count);
    /// <inheritdoc />
    public static IReadOnlyDictionary<TKey, TValue> Read(ref ModelReader reader, WireType wireType) => Map<TKey, TValue, TKeyCodec, TValueCodec>.Read(ref reader, wireType);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, IReadOnlyDictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.WriteJson(writer, value);
    /// <inheritdoc />
    public static IReadOnlyDictionary<TKey, TValue> ReadJson(ref Utf8JsonReader reader) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ReadJson(ref reader);
    /// <inheritdoc />
    public static object ToPlain(IReadOnlyDictionary<TKey, TValue> value) => Map<TKey, TValue, TKeyCodec, TValueCodec>.ToPlain(value);
    /// <inheritdoc />
    public static IReadOnlyDictionary<TKey, TValue> FromPlain(object value, bool parseStrings) => Map<TKey, TValue, TKeyCodec, TValueCodec>.FromPlain(value, parseStrings);
}
