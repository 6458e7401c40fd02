using System.Collections.Generic;
using System.Text.Json;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Implemented by the generator for every <see cref="SerializableModelAttribute"/> type. The members are
/// static, so the entry points (<see cref="ModelSerializer"/>, <see cref="ModelJson"/>, <see cref="ModelDictionary"/>)
/// reach the generated code through the type argument: no reflection, no runtime registry.</summary>
public interface IModelSerializable<TSelf> where TSelf : IModelSerializable<TSelf>
{
    /// <summary>The model's schema: name, version, fingerprint and members.</summary>
    static abstract ModelSchema Schema { get; }

    /// <summary>Writes the fields of <paramref name="value"/> (not the end marker).</summary>
    static abstract void WriteFields(ref ModelWriter writer, TSelf value);

    /// <summary>Reads fields up to and including the end marker and creates the value.</summary>
    static abstract TSelf ReadFields(ref ModelReader reader);

    /// <summary>Writes <paramref name="value"/> as a JSON object.</summary>
    static abstract void WriteJson(Utf8JsonWriter writer, TSelf value);

    /// <summary>Reads a JSON object; the reader is on its <see cref="JsonTokenType.StartObject"/> and is left on its end.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);

    /// <summary>Converts <paramref name="value"/> to plain values.</summary>
    static abstract Dictionary<string, object?> ToDictionary(TSelf value);

    /// <summary>Creates a value from plain values.</summary>
    static abstract TSelf FromDictionary(IReadOnlyDictionary<string, object?> values);

    /// <summary>Describes the wire type of each member and the models the members hold, for the schema table of
    /// binary format 2 (generated).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    static virtual void DescribeBinary(SchemaTableBuilder builder)
    {
    }

    /// <summary>Writes the items of a sequence of this model (after its header): each an item tag and the object (and in
    /// format 1 its end marker), or a null marker. The items' level is already counted, and the writer is not the check
    /// before a write. Generated as one straight-line loop for models of scalar members.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    static virtual void WriteItems(ref ModelWriter writer, System.ReadOnlySpan<TSelf> items) => ModelItems<TSelf>.Write(ref writer, items);

    /// <summary>Reads items of a sequence of this model from <paramref name="start"/> on, each an item tag and an object
    /// of format 2 in the reader's own layout (the runtime checked the writer's table entry once for the sequence: the
    /// same members and version, and a level left), until one is not such an item (a null, extension fields, a value out
    /// of range, too few bytes left); returns the index of the first item not read, which the runtime reads the checked
    /// way. The reader moves only at the end: when a constructor throws, the runtime reads the items from
    /// <paramref name="start"/> on again the checked way, which reports it. Generated as one straight-line loop for models
    /// of scalar members; -1 (the default): none is read so.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    static virtual int ReadStraightItems(ref ModelReader reader, System.Span<TSelf> items, int start) => -1;

    /// <summary>The members <paramref name="value"/> kept from data of a newer version, or null (generated for
    /// classes and records, which keep them); users call <see cref="ModelSerializer.GetUnknownMembers{T}"/>.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    static virtual UnknownMembers? GetUnknownMembers(TSelf value) => null;
}
