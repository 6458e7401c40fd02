using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Calls the static members of a model through its type argument; used by generated union dispatch,
/// where the subtype implements the interface members explicitly. A case read is validated here, as a nested model
/// is by its codec (<see cref="ReadValidation"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelFields
{
    /// <summary>Writes the fields of <paramref name="value"/>.</summary>
    public static void Write<T>(ref ModelWriter writer, T value) where T : IModelSerializable<T>
    {
        // A subclass of a union case that is not a case itself matches the case's type pattern.
        if (DerivedModels.Check(value) is { } derived) DerivedModels.Throw(derived, writer.Check);
        writer.Check?.EnterCase(T.Schema, value);
        bool validated = writer.Strict && writer.Validate(value);
        T.WriteFields(ref writer, value);
        if (validated) writer.Validated--;
    }
    /// <summary>Reads fields up to the end marker.</summary>
    public static T Read<T>(ref ModelReader reader) where T : IModelSerializable<T>
    {
        bool enclosed = ReadValidation.Enter<T>();
        try
        {
            T value = T.ReadFields(ref reader);
            ReadValidation.Complete(value, enclosed);
            return value;
        }
        finally
        {
            ReadValidation.Exit(enclosed);
        }
    }
    /// <summary>Writes a JSON object.</summary>
    public static void WriteJson<T>(Utf8JsonWriter writer, T value) where T : IModelSerializable<T> => T.WriteJson(writer, value);
    /// <summary>Reads a JSON object.</summary>
    public static T ReadJson<T>(ref Utf8JsonReader reader) where T : IModelSerializable<T>
    {
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
        }
    }
    /// <summary>Converts to plain values.</summary>
    public static Dictionary<string, object?> ToDictionary<T>(T value) where T : IModelSerializable<T> => T.ToDictionary(value);
    /// <summary>Creates from plain values.</summary>
    public static T FromDictionary<T>(IReadOnlyDictionary<string, object?> values) where T : IModelSerializable<T>
    {
        bool enclosed = ReadValidation.Enter<T>();
        try
        {
            T value = T.FromDictionary(values);
            ReadValidation.Complete(value, enclosed);
            return value;
        }
        finally
        {
            ReadValidation.Exit(enclosed);
        }
    }
}
