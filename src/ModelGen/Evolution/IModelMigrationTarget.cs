using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>Implemented by generated code: the members read so far, by serialized name, as plain values.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IModelMigrationTarget
{
    /// <summary>The plain value of a current member that the input contained.</summary>
    bool TryGet(string name, out object? value);

    /// <summary>Sets a current member from a plain value (converted exactly, strings parsed invariantly).</summary>
    void Set(string name, object? value);
}
