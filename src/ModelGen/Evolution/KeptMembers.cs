using System;
using System.ComponentModel;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Where a model keeps the members and the data version it read from data of a newer version, to write them
/// back when it is saved again (a rollback that re-saves loses nothing). The generator declares one in every class
/// and record model; a <c>struct</c> model keeps them only when it declares one itself (a private instance field, not
/// readonly), since a generated field would be a second partial declaration with fields (CS0282) and would make an
/// unmanaged struct managed. Every instance equals every other, so what was kept never changes a record's
/// <c>Equals</c> or <c>GetHashCode</c>.</summary>
public struct KeptMembers : IEquatable<KeptMembers>
{
    /// <summary>The kept members and data version, or null. Generated code reads and writes it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public UnknownMembers? Members;

    /// <summary>The schema version to write: the model's, or the newer version of the data the value was read from.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly int Version(int modelVersion) => Members is { } kept && kept.DataVersion > modelVersion ? kept.DataVersion : modelVersion;

    /// <summary>True: kept members are not part of a model's value.</summary>
    public readonly bool Equals(KeptMembers other) => true;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is KeptMembers;

    /// <inheritdoc />
    public override readonly int GetHashCode() => 0;
}
