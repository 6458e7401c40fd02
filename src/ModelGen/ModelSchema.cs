using System;
using System.Collections.Generic;

namespace ModelGen;

/// <summary>The schema of a generated model: its name, version, a fingerprint of its member layout and its members.</summary>
public sealed class ModelSchema
{
    /// <summary>Creates a schema; called by generated code.</summary>
    public ModelSchema(string name, int version, ulong fingerprint, IReadOnlyList<ModelMemberSchema> members)
    {
        Name = name;
        Version = version;
        Fingerprint = fingerprint;
        Members = members;
    }

    /// <summary>The model name written into the binary envelope.</summary>
    public string Name { get; }

    /// <summary>The schema version from <c>[SerializableModel(Version = n)]</c>.</summary>
    public int Version { get; }

    /// <summary>A hash of the member layout (names, keys, types), stable across builds and machines.</summary>
    public ulong Fingerprint { get; }

    /// <summary>The serialized members, in declaration order.</summary>
    public IReadOnlyList<ModelMemberSchema> Members { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} v{Version} ({Fingerprint:x16}, {Members.Count} members)";
}

/// <summary>One serialized member of a model.</summary>
public sealed class ModelMemberSchema
{
    /// <summary>Creates a member schema; called by generated code.</summary>
    public ModelMemberSchema(string name, int key, string type, IReadOnlyList<string> previousNames)
    {
        Name = name;
        Key = key;
        Type = type;
        PreviousNames = previousNames;
    }

    /// <summary>The serialized name (JSON property and dictionary key).</summary>
    public string Name { get; }

    /// <summary>The binary key.</summary>
    public int Key { get; }

    /// <summary>The language-neutral type name, e.g. <c>float32[]</c>, <c>list&lt;string&gt;</c>, <c>model:Layer</c>.</summary>
    public string Type { get; }

    /// <summary>Former names of the member that still load.</summary>
    public IReadOnlyList<string> PreviousNames { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} #{Key}: {Type}";
}
