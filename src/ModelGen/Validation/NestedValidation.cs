using System.Collections.Generic;
using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>Called by a generated <c>Validate()</c> whose type has members that can hold models: adds the violations
/// of every <c>[Hyperparameters]</c> value nested in it — directly, in other models, in lists, arrays and
/// dictionaries — with their member paths relative to the value validated.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NestedValidation
{
    /// <summary>Adds the violations of the values nested in <paramref name="value"/> (not its own members' rules).</summary>
    public static void Add<T>(T value, ref List<ModelValidationError>? errors) where T : IModelSerializable<T>
    {
        if (value is null) return;
        List<ModelValidationError>? found = WriteCheck.Collect(value, root: false);
        if (found is null) return;
        (errors ??= new()).AddRange(found);
    }
}
