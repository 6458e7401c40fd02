using System;
using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>The field generated code keeps a model's <see cref="UnknownMembers"/> in. Every instance equals every
/// other, so what was kept from newer data never changes a record's <c>Equals</c> or <c>GetHashCode</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct UnknownMembersField : IEquatable<UnknownMembersField>
{
    /// <summary>The kept members and data version, or null.</summary>
    public UnknownMembers? Members;

    /// <summary>The schema version to write: the model's, or the newer version of the data the value was read from.</summary>
    public readonly int Version(int modelVersion) => Members is { } kept && kept.DataVersion > modelVersion ? kept.DataVersion : modelVersion;

    /// <inheritdoc />
    public readonly bool Equals(UnknownMembersField other) => true;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is UnknownMembersField;

    /// <inheritdoc />
    public override readonly int GetHashCode() => 0;
}
