using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ModelGen.Internal;

/// <summary>The items of a sequence of models, written in one loop once their level is counted
/// (<see cref="ModelCodec{T}.WriteItems"/>): the bytes of <see cref="Codec.WriteItem{T, TCodec}"/> one by one, without
/// its per-item depth count, check and entry-point lookups. The default of
/// <see cref="IModelSerializable{TSelf}.WriteItems"/>; generated loops call <see cref="WriteOne"/> for the items they do
/// not write straight (a null, a derived type, kept unknown members).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelItems<T> where T : IModelSerializable<T>
{
    /// <summary>Writes every item: an item tag and the object, or a null marker.</summary>
    public static unsafe void Write(ref ModelWriter writer, scoped ReadOnlySpan<T> items)
    {
        delegate*<ref ModelWriter, T, void> writeFields = ModelFunctions<T>.WriteFields;
        // The strict write validates where the check would (not inside a validated model, not in models of scalars
        // only, which the check does not enter): as ModelCodec.Write.
        bool validate = writer.Strict && !ModelFunctions<T>.ScalarsOnlyCached;
        bool ends = !writer.Positional;
        // The exact type, when an item may be of a derived model (DerivedModels): read once, not per item.
        Type? exact = DerivedModels.Exact<T>();
        foreach (T item in items)
        {
            if (item is null)
            {
                writer.WriteNull(FieldKeys.ItemOrVersion);
                continue;
            }
            // A derived model (the generated loops hand them here): refused as ModelCodec.Write refuses it.
            if (DerivedModels.Check(item, exact) is { } derived) DerivedModels.Throw(derived, writer.Check);
            writer.WriteTag(FieldKeys.ItemOrVersion, WireType.Object);
            bool validated = validate && writer.Validate(item);
            writeFields(ref writer, item);
            if (validated) writer.Validated--;
            if (ends) writer.WriteEnd();
        }
    }

    /// <summary>Writes one item, as <see cref="Write"/> does: its level is counted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteOne(ref ModelWriter writer, T item) => Write(ref writer, new ReadOnlySpan<T>(in item));
}
