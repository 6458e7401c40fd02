using ModelGen.Schema;
using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelGen;

/// <summary>The schema of a generated model: its name, version, a fingerprint of its member layout and its members.</summary>
public sealed class ModelSchema
{
    /// <summary>Creates a schema; called by generated code.</summary>
    public ModelSchema(string name, int version, ulong fingerprint, IReadOnlyList<ModelMemberSchema> members, IReadOnlyList<ModelUnionCase>? unionCases = null)
    {
        UnionCases = unionCases ?? [];
        Name = name;
        NameUtf8 = System.Text.Encoding.UTF8.GetBytes(name);
        Version = version;
        Fingerprint = fingerprint;
        Members = members;
    }

    /// <summary>The model name written into the binary envelope.</summary>
    public string Name { get; }

    /// <summary>The schema version from <c>[SerializableModel(Version = n)]</c>.</summary>
    public int Version { get; }

    // The name as the envelope stores it, so readers compare it without decoding.
    internal byte[] NameUtf8 { get; }

    /// <summary>A hash of the member layout (names, keys, types), stable across builds and machines.</summary>
    public ulong Fingerprint { get; }

    /// <summary>For a union base (<c>[ModelUnion]</c>): the tags and model names of its declared subtypes.</summary>
    public IReadOnlyList<ModelUnionCase> UnionCases { get; }

    /// <summary>The serialized members, in declaration order.</summary>
    public IReadOnlyList<ModelMemberSchema> Members { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} v{Version} ({Fingerprint:x16}, {Members.Count} members)";

    /// <summary>The schema as a JSON document: name, version, fingerprint and members (name, key, type, required,
    /// previous names) — the same form as an entry of a <c>ModelSchemas.lock.json</c> lock file.</summary>
    public string ToJson() => SchemaDocument.WriteEntry(ToEntry());

    /// <summary>A lock file holding <paramref name="schemas"/>, in the stable order the analyzers expect.</summary>
    public static string WriteLockFile(IEnumerable<ModelSchema> schemas) => SchemaDocument.WriteLock(schemas.Select(s => s.ToEntry()));

    /// <summary>Reads a lock file, or a single document written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid schema document.</exception>
    public static IReadOnlyList<ModelSchema> ReadJson(string json) =>
        SchemaDocument.Read(json).Select(e => new ModelSchema(e.Name, e.Version, e.Fingerprint,
            e.Members.Select(m => new ModelMemberSchema(m.Name, m.Key, m.Type, m.PreviousNames, m.Required)).ToArray(),
            e.UnionCases.Select(c => new ModelUnionCase(c.Tag, c.Model)).ToArray()) { _enums = e.Enums }).ToArray();

    // The enum values a lock file records (for its check of renumbered members), kept so that a lock read and written
    // again keeps them; a generated schema has none (the generator's schema document, which the tool locks, does).
    private List<EnumEntry>? _enums;

    /// <summary>True when <paramref name="locked"/> (read from a lock file) records this layout: the same fingerprint,
    /// or a union base locked before its cases took part in the fingerprint, with the same members (and cases, where
    /// the lock file records them). A tool that refreshes a lock file replaces such an entry with this one.</summary>
    public bool HasLayoutOf(ModelSchema locked)
    {
        ArgumentNullException.ThrowIfNull(locked);
        return SchemaDocument.SameLayout(ToEntry(), locked.ToEntry());
    }

    private SchemaEntry ToEntry() => new()
    {
        Name = Name,
        Version = Version,
        Fingerprint = Fingerprint,
        Members = Members.Select(m => new MemberEntry { Name = m.Name, Key = m.Key, Type = m.Type, Required = m.IsRequired, PreviousNames = m.PreviousNames.ToList() }).ToList(),
        UnionCases = UnionCases.Select(c => new UnionCaseEntry { Tag = c.Tag, Model = c.ModelName }).ToList(),
        Enums = _enums ?? new(),
    };
}

/// <summary>A declared subtype of a union base: the tag written in its place and its model name.</summary>
public sealed record ModelUnionCase(string Tag, string ModelName);

/// <summary>One serialized member of a model.</summary>
public sealed class ModelMemberSchema
{
    /// <summary>Creates a member schema; called by generated code.</summary>
    public ModelMemberSchema(string name, int key, string type, IReadOnlyList<string> previousNames, bool isRequired = false)
    {
        Name = name;
        Key = key;
        Type = type;
        PreviousNames = previousNames;
        IsRequired = isRequired;
    }

    /// <summary>True when data without this member cannot be read (a <c>required</c> member, or a constructor
    /// parameter without a default that cannot be null).</summary>
    public bool IsRequired { get; }

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
