using System;
using System.Buffers;
using System.Collections.Generic;

namespace ModelGen;

/// <summary>The check every writer runs before it writes anything, so that a value a reader would reject is refused
/// while the output is still untouched: the binary writer walks the value without copying bulk data (arrays of
/// primitives, strings) and fails on nesting deeper than the limit (<see cref="FormatLimits"/>), on a null in a
/// member that cannot be null, and on a <c>[Hyperparameters]</c> value that does not validate — the same errors, with
/// the same member path, that reading the value back would give. Depth is counted by the codecs in one place for all
/// forms, so this one walk answers for JSON and dictionaries too.</summary>
internal sealed class WriteCheck
{
    // The models being walked, outermost first, with the key of the member being written in each.
    private readonly List<(ModelSchema Schema, int Key)> _models = new();

    /// <summary>Throws <see cref="ModelFormatException"/> if <paramref name="value"/> cannot be written and read back
    /// with the depth limit <paramref name="maxDepth"/>.</summary>
    public static void Run<T>(T value, int maxDepth) where T : IModelSerializable<T>
    {
        var check = new WriteCheck();
        var writer = new ModelWriter(Discard.Instance, hash: null, maxDepth, check);
        check.EnterModel(T.Schema, value);
        T.WriteFields(ref writer, value);
    }

    /// <summary>A nested model starts: validates it and makes its schema the one members are looked up in.</summary>
    public void EnterModel<T>(ModelSchema schema, T value)
    {
        _models.Add((schema, 0));
        Validate(value);
    }

    /// <summary>A union case is written in place of its base: its members are looked up in its own schema.</summary>
    public void EnterCase<T>(ModelSchema schema, T value)
    {
        _models[^1] = (schema, 0);
        Validate(value);
    }

    /// <summary>A nested model ends.</summary>
    public void ExitModel() => _models.RemoveAt(_models.Count - 1);

    /// <summary>A member (not a collection item) is about to be written.</summary>
    public void Member(int key)
    {
        if (key != FieldKeys.ItemOrVersion) _models[^1] = (_models[^1].Schema, key);
    }

    /// <summary>A null is about to be written under <paramref name="key"/>: the readers accept it only for a member
    /// declared nullable (collection items may always be null).</summary>
    public void Null(int key)
    {
        if (key == FieldKeys.ItemOrVersion) return;
        Member(key);
        ModelMemberSchema? member = Find(_models[^1].Schema, key);
        if (member is null || member.Type.EndsWith('?')) return;
        var e = new ModelFormatException($"null in a member that cannot be null ({member.Type}); give it a value or declare it nullable");
        AddPath(e);
        throw e;
    }

    private void Validate<T>(T value)
    {
        if (value is not IValidatedModel model) return;
        IReadOnlyList<ModelValidationError> errors = model.Validate();
        if (errors.Count == 0) return;
        ModelFormatException e = ModelFormatException.Invalid(errors);
        _models[^1] = (_models[^1].Schema, 0); // the path ends at the invalid model; Invalid names a single member itself
        AddPath(e);
        throw e;
    }

    /// <summary>Adds the path of the member being written to <paramref name="e"/>.</summary>
    public void AddPath(ModelFormatException e)
    {
        for (int i = _models.Count - 1; i >= 0; i--)
        {
            (ModelSchema schema, int key) = _models[i];
            if (key != 0 && Find(schema, key) is { } member) e.AddMember(member.Name);
        }
    }

    private static ModelMemberSchema? Find(ModelSchema schema, int key)
    {
        foreach (ModelMemberSchema member in schema.Members)
            if (member.Key == key) return member;
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
