using System;
using System.Buffers;
using System.Collections.Generic;

using ModelGen.Internal;

namespace ModelGen;

/// <summary>The check every writer runs before it writes anything, so that a value a reader would reject is refused
/// while the output is still untouched: the binary writer walks the value without copying bulk data (arrays of
/// primitives, strings) and fails on nesting deeper than the limit (<see cref="FormatLimits"/>), on a null in a
/// member that cannot be null, and on a <c>[Hyperparameters]</c> value that does not validate — the same errors, with
/// the same member path, that reading the value back would give. Depth is counted by the codecs in one place for all
/// forms, so this one walk answers for JSON and dictionaries too.</summary>
internal sealed class WriteCheck
{
    // What is being walked, outermost first: models (with the key of the member being written), collections (with
    // the index of the item being written) and maps (with the key of the entry being written); for error paths.
    private struct Frame
    {
        public ModelSchema? Schema;
        public int Key;
        public long Index;
        public string? EntryKey;
        public bool IsMap;
        public bool Reported; // collecting: a validated model whose Validate() already covered everything below it
        public object? Instance; // a model of reference type: to tell a cycle from a deep tree once the depth limit is hit
    }

    private readonly List<Frame> _frames = new();

    // The violations of the [Hyperparameters] values walked so far, with their paths. Before a write they are thrown
    // at the end of the walk, all at once; for Validate() (collecting) they are the result, and nulls are not the
    // walk's business.
    private List<ModelValidationError>? _collected;
    private bool _collecting;
    private int _reported;

    /// <summary>The form about to be written: members kept from newer data are checked where that form writes them.</summary>
    public ModelForms Form { get; private set; }

    /// <summary>Throws <see cref="ModelFormatException"/> if <paramref name="value"/> cannot be written in
    /// <paramref name="form"/> and read back with the depth limit <paramref name="maxDepth"/>.</summary>
    public static void Run<T>(T value, int maxDepth, ModelForms form) where T : IModelSerializable<T>
    {
        WriteCheck check = t_cached ?? new WriteCheck();
        t_cached = null;
        check.Form = form;
        check._frames.Clear();
        check._collected = null;
        check._reported = 0;
        var writer = new ModelWriter(Discard.Instance, hash: null, maxDepth, check);
        if (DerivedModels.Check(value) is { } derived) throw derived;
        check.EnterModel(T.Schema, value);
        T.WriteFields(ref writer, value);
        // Every violation in the value, each with its path, in one exception (nulls and depth fail at once, above).
        if (check._collected is { } errors) throw ModelFormatException.Invalid(errors);
        t_cached = check;
    }

    /// <summary>Collects the violations of the <c>[Hyperparameters]</c> values in <paramref name="value"/>, with paths
    /// relative to it; with <paramref name="root"/>, the value's own rules too. Null when there are none.</summary>
    public static List<ModelValidationError>? Collect<T>(T value, bool root) where T : IModelSerializable<T>
    {
        if (!root && !NestsModels<T>.Value) return null;
        var check = new WriteCheck { _collecting = true };
        var writer = new ModelWriter(Discard.Instance, hash: null, FormatLimits.DefaultMaxDepth, check);
        check._frames.Add(new Frame { Schema = T.Schema });
        if (root) check.Report(value);
        T.WriteFields(ref writer, value);
        return check._collected;
    }

    // Whether a model's members can hold models at all (read once from its schema): a Validate() of a model without
    // such members does not walk it.
    private static class NestsModels<T> where T : IModelSerializable<T>
    {
        public static readonly bool Value = Any(T.Schema);

        private static bool Any(ModelSchema schema)
        {
            foreach (ModelMemberSchema member in schema.Members)
                if (member.Type.Contains("model:", StringComparison.Ordinal)) return true;
            return schema.UnionCases.Count > 0;
        }
    }

    // One per thread, so that writing into a reused buffer allocates nothing. It is taken out of the slot while in use,
    // so a nested write (e.g. from a user's IBufferWriter) gets its own; after an exception it is dropped.
    [ThreadStatic] private static WriteCheck? t_cached;

    /// <summary>A model starts: validates it and makes its schema the one members are looked up in.</summary>
    public void EnterModel<T>(ModelSchema schema, T value)
    {
        // Only a reference is stored (a struct cannot be part of a cycle): the cycle is looked for once, when the
        // depth limit is hit, so a write without one pays nothing but this store.
        _frames.Add(new Frame { Schema = schema, Instance = TypeFacts<T>.IsValueType ? null : value });
        Report(value);
    }

    /// <summary>A union case is written in place of its base: its members are looked up in its own schema.</summary>
    public void EnterCase<T>(ModelSchema schema, T value)
    {
        _frames[^1] = new Frame { Schema = schema, Instance = _frames[^1].Instance };
        Report(value);
    }

    // A validated model's Validate() covers its own rules and everything nested in it, so nothing below
    // it is asked again.
    private void Report<T>(T value)
    {
        if (_reported > 0 || value is not IValidatedModel model) return;
        Frame top = _frames[^1];
        top.Reported = true;
        _frames[^1] = top;
        _reported++;
        IReadOnlyList<ModelValidationError> errors = model.Validate();
        if (errors.Count == 0) return;
        string path = PathOfTop();
        _collected ??= new();
        foreach (ModelValidationError error in errors)
            _collected.Add(path.Length == 0 ? error : error with { Member = path + (error.Member.StartsWith('[') ? "" : ".") + error.Member });
    }

    // The path of the model on top of the stack, outermost first, as the readers name it (settings, trials[1]).
    private string PathOfTop()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < _frames.Count - 1; i++)
        {
            Frame f = _frames[i];
            if (f.Schema is not null)
            {
                if (f.Key != 0 && Find(f.Schema, f.Key) is { } member)
                {
                    if (sb.Length > 0) sb.Append('.');
                    sb.Append(member.Name);
                }
            }
            else if (f.IsMap)
            {
                if (f.EntryKey is not null) sb.Append('[').Append(f.EntryKey).Append(']');
            }
            else if (f.Index >= 0) sb.Append('[').Append(f.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }
        return sb.ToString();
    }

    /// <summary>A collection of items written one by one starts.</summary>
    public void EnterItems() => _frames.Add(new Frame { Index = -1 });

    /// <summary>A map starts.</summary>
    public void EnterEntries() => _frames.Add(new Frame { IsMap = true });

    /// <summary>The entry with this key is about to be written.</summary>
    public void Entry(string key) => _frames[^1] = new Frame { IsMap = true, EntryKey = key };

    /// <summary>A model, collection or map ends.</summary>
    public void Exit()
    {
        if (System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_frames)[^1].Reported) _reported--;
        _frames.RemoveAt(_frames.Count - 1);
    }

    /// <summary>A member, or (with the item key) a collection item, is about to be written.</summary>
    public void Member(int key)
    {
        // In place: copying the frame out and back stored its three references through write barriers.
        ref Frame top = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_frames)[^1];
        if (top.Schema is not null && key != FieldKeys.ItemOrVersion) top.Key = key;
        else if (top.Schema is null && !top.IsMap && key == FieldKeys.ItemOrVersion) top.Index++;
    }

    /// <summary>A null is about to be written under <paramref name="key"/>: the readers accept it only for a member
    /// declared nullable (collection items may always be null).</summary>
    public void Null(int key)
    {
        Member(key);
        if (_collecting) return;
        if (key == FieldKeys.ItemOrVersion || _frames[^1].Schema is not { } schema) return;
        ModelMemberSchema? member = Find(schema, key);
        if (member is null || member.Type.EndsWith('?')) return;
        var e = new ModelFormatException($"null in a member that cannot be null ({member.Type}); give it a value or declare it nullable");
        AddPath(e);
        throw e;
    }

    /// <summary>Text (a string, a char, a char array) is about to be written: an unpaired UTF-16 surrogate is refused,
    /// since the binary and JSON forms carry text as UTF-8, which cannot hold one (it would be replaced by U+FFFD, and
    /// two such map keys would collide into a file that never loads). One rule for every form (docs/format.md).</summary>
    public void Text(ReadOnlySpan<char> text)
    {
        if (_collecting) return;
        int i = Unpaired(text);
        if (i < 0) return;
        var e = new ModelFormatException(
            $"unpaired UTF-16 surrogate U+{(int)text[i]:X4} at index {i} of the text; the binary and JSON forms store text as UTF-8, which cannot hold it (remove it or complete the pair)");
        AddPath(e);
        throw e;
    }

    /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or -1: one vectorized scan for
    /// text without surrogates, the common case.</summary>
    public static int Unpaired(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return -1;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }
        return -1;
    }

    /// <summary>Chars (an array or list of them) are about to be written: each is a value of its own (a one-character
    /// string in JSON and plain values), so any surrogate is unpaired, even next to its other half.</summary>
    public void Chars(ReadOnlySpan<char> chars)
    {
        if (_collecting) return;
        int i = chars.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return;
        var e = new ModelFormatException(
            $"UTF-16 surrogate U+{(int)chars[i]:X4} as a char of its own; the binary and JSON forms store a char as text, which cannot hold half a pair (store the text as a string)");
        Codec.AddIndex(e, i);
        AddPath(e);
        throw e;
    }

    /// <summary>The error for a value nested deeper than <paramref name="maxDepth"/>: when an object on the path being
    /// written is one of its own ancestors, an object cycle naming the member that closes it (the path to the
    /// repeated object) and where that object first appears; otherwise a depth error at the deepest path.</summary>
    public ModelFormatException TooDeep(int maxDepth)
    {
        for (int j = 1; j < _frames.Count; j++)
        {
            if (_frames[j].Instance is not { } instance) continue;
            for (int k = 0; k < j; k++)
            {
                if (!ReferenceEquals(_frames[k].Instance, instance)) continue;
                string first = PathOf(k);
                var cycle = new ModelFormatException(
                    $"object cycle: this member refers back to the object at {(first.Length == 0 ? "the root" : "'" + first + "'")}; the forms store trees, not graphs (store an index or a key instead of the reference)");
                AddPath(cycle, j);
                return cycle;
            }
        }
        var e = new ModelFormatException($"the value nests deeper than the limit of {maxDepth} (MaxDepth, see FormatLimits in docs/format.md)");
        AddPath(e);
        return e;
    }

    // The path of the object in frame k (the members of the frames around it).
    private string PathOf(int k)
    {
        var e = new ModelFormatException("");
        AddPath(e, k);
        return e.Path;
    }

    /// <summary>Adds the path of what is being written to <paramref name="e"/>, as a reader would name it.</summary>
    public void AddPath(ModelFormatException e) => AddPath(e, _frames.Count);

    // Only the frames below `count`: the path of the object in frame `count`.
    private void AddPath(ModelFormatException e, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            Frame f = _frames[i];
            if (f.Schema is not null)
            {
                if (f.Key != 0 && Find(f.Schema, f.Key) is { } member) e.AddMember(member.Name);
            }
            else if (f.IsMap)
            {
                if (f.EntryKey is not null) e.AddElement(f.EntryKey);
            }
            else if (f.Index >= 0) Codec.AddIndex(e, f.Index);
        }
    }

    private static ModelMemberSchema? Find(ModelSchema schema, int key)
    {
        IReadOnlyList<ModelMemberSchema> members = schema.Members;
        for (int i = 0; i < members.Count; i++) // not foreach: an interface enumerator would allocate on every null
            if (members[i].Key == key) return members[i];
        return null;
    }

    // The output of the check: it takes whatever the writer writes and keeps none of it.
    private sealed class Discard : IBufferWriter<byte>
    {
        public static readonly Discard Instance = new();
        // Shared by every thread: the bytes are never read, so overlapping writes do no harm.
        private static readonly byte[] Scratch = new byte[64 * 1024];

        public void Advance(int count) { }

        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= Scratch.Length ? Scratch : new byte[sizeHint];

        public Span<byte> GetSpan(int sizeHint = 0) => sizeHint <= Scratch.Length ? Scratch : new byte[sizeHint];
    }
}
