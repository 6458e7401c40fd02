using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>For generated readers and writers: a model's member names, in the order of its members, encoded once for
/// the JSON writer, and the lookup of a name that a JSON or dictionary reader found. A member is found by its exact
/// name, then by one of its previous names, then by the name in another case or naming policy (<c>LearningRate</c>,
/// <c>learning_rate</c> for <c>learningRate</c>; <see cref="LooseNames"/>) unless another member has a name of that
/// form too: a document is then read by exact names only, never given to the wrong member. (Each model's generated code
/// held this lookup as a switch and a test a member; one table a model, built when the model is first used.)</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MemberNames
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly Dictionary<string, int> _exact;
    private (string Name, int Member)[] _loose;

    /// <summary>The names of the members, in their order (the index a lookup returns).</summary>
    public MemberNames(params string[] names)
    {
        _names = names;
        Json = new JsonEncodedText[names.Length];
        _utf8 = new byte[names.Length][];
        _exact = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            Json[i] = JsonEncodedText.Encode(names[i]);
            _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
            Add(names[i], i);
        }
        _loose = LooseForms();
    }

    /// <summary>Each member's name encoded for <see cref="Utf8JsonWriter"/>, in the order of the members.</summary>
    public JsonEncodedText[] Json { get; }

    /// <summary>Adds the previous names of member <paramref name="member"/> (read as the member, never written); returns
    /// this table, for the initializer of a generated field.</summary>
    public MemberNames WithPrevious(int member, params string[] previousNames)
    {
        foreach (string name in previousNames) Add(name, member);
        _loose = LooseForms();
        return this;
    }

    /// <summary>Adds the names member <paramref name="member"/> is also written under, with its value (its previous
    /// names in the naming policy's form: <see cref="Internal.CopiedNames"/>); returns this table. Called in the order
    /// of the members.</summary>
    public MemberNames WithCopies(int member, params string[] names)
    {
        _copies ??= new (string[], JsonEncodedText[])[Json.Length];
        var encoded = new JsonEncodedText[names.Length];
        for (int i = 0; i < names.Length; i++) encoded[i] = JsonEncodedText.Encode(names[i]);
        _copies[member] = (names, encoded);
        CopiedMembers = [.. CopiedMembers, member];
        AddRecorded(names);
        return this;
    }

    /// <summary>The names member <paramref name="member"/> is also written under, encoded.</summary>
    internal JsonEncodedText[] CopiesOf(int member) => _copies![member].Encoded;

    internal string[] CopyNamesOf(int member) => _copies![member].Names;

    // The members written under other names too, in their order (the order of the hashes in CopiedNames.Write).
    internal int[] CopiedMembers { get; private set; } = [];

    /// <summary>Adds names member <paramref name="member"/> was written under by a build that wrote copies, which this
    /// model reads as its copies but no longer writes (<c>[PreviousName(..., WriteCopy = false)]</c>); returns this table.</summary>
    public MemberNames WithUnwrittenCopies(int member, params string[] names)
    {
        AddRecorded(names);
        return this;
    }

    // The names a record of copies read from data names, for this model (its copies, written or not), in UTF-8.
    private (string Name, byte[] Utf8)[] _recorded = [];

    private void AddRecorded(string[] names)
    {
        foreach (string name in names) _recorded = [.. _recorded, (name, Encoding.UTF8.GetBytes(name))];
    }

    /// <summary>The model's own string for the property name at the reader when it is a member's current name or one
    /// of its copies' (the names a record of copies holds for this model), compared without making a string; null for
    /// any other.</summary>
    internal string? Known(ref Utf8JsonReader reader)
    {
        // (Copies first: a record names copies, and a member's current name only after it was renamed again.)
        foreach ((string name, byte[] utf8) in _recorded)
            if (reader.ValueTextEquals(utf8)) return name;
        int member = ExactIndex(ref reader);
        return member >= 0 ? _names[member] : null;
    }

    // Whether a name is one of this model's copy names, written or not: a record read from data that names others
    // only (a newer build's) is kept and written back, and its entries for this model's names are this model's to write.
    internal bool OwnsCopy(string name)
    {
        foreach ((string copy, _) in _recorded)
            if (copy == name) return true;
        return false;
    }

    internal string Name(int member) => _names[member];

    private (string[] Names, JsonEncodedText[] Encoded)[]? _copies;

    /// <summary>The member whose current name is the property name at the reader, compared without making a string;
    /// -1 for any other name (a previous name, another case of a name, <c>$version</c>, an unknown member).</summary>
    public int ExactIndex(ref Utf8JsonReader reader)
    {
        byte[][] names = _utf8;
        for (int i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i])) return i;
        }
        return -1;
    }

    /// <summary>The member that <paramref name="name"/> names: by its exact current or previous name, else by the name
    /// in another case or naming policy that this member alone has; -1 when none does.</summary>
    public int IndexOf(string name)
    {
        if (_exact.TryGetValue(name, out int member)) return member;
        foreach ((string loose, int index) in _loose)
        {
            if (LooseNames.Match(name, loose)) return index;
        }
        return -1;
    }

    // A name named twice keeps its first member (the generator reports names that two members share).
    private void Add(string name, int member)
    {
        if (!_exact.ContainsKey(name)) _exact.Add(name, member);
    }

    // The names whose loose form no other member's name has (so at most one member matches a name loosely).
    private (string Name, int Member)[] LooseForms()
    {
        var owners = new Dictionary<string, int>(_exact.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> name in _exact)
        {
            string key = LooseNames.Key(name.Key);
            owners[key] = owners.TryGetValue(key, out int owner) && owner != name.Value ? -1 : name.Value;
        }
        var loose = new List<(string Name, int Member)>(_exact.Count);
        foreach (KeyValuePair<string, int> name in _exact)
        {
            if (owners[LooseNames.Key(name.Key)] >= 0) loose.Add((name.Key, name.Value));
        }
        return loose.ToArray();
    }
}
