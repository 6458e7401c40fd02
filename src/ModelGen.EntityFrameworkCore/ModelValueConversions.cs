using ModelGen;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModelGen.EntityFrameworkCore;

/// <summary>Stores a model as its ModelGen JSON (a text column a database can query: <c>$version</c>, camelCase
/// members, enums by name). Reading runs migrations, so rows written by an older model version load; bad or
/// out-of-range data fails with <see cref="ModelFormatException"/> naming the member path.</summary>
/// <typeparam name="T">A <c>[SerializableModel]</c> or <c>[Hyperparameters]</c> type.</typeparam>
public sealed class ModelJsonConverter<T> : ValueConverter<T, string> where T : IModelSerializable<T>
{
    /// <summary>Creates the converter; <paramref name="options"/> (indentation, escaping, depth, unknown members) apply to both directions.</summary>
    public ModelJsonConverter(ModelJsonOptions? options = null)
        : base(value => ModelJson.Serialize(value, options), json => ModelJson.Deserialize<T>(json, options))
    {
    }
}

/// <summary>Stores a model in ModelGen's binary form (a BLOB/bytea/varbinary column: envelope, schema version,
/// checksum). Reading runs migrations and verifies the checksum.</summary>
/// <typeparam name="T">A <c>[SerializableModel]</c> or <c>[Hyperparameters]</c> type.</typeparam>
public sealed class ModelBinaryConverter<T> : ValueConverter<T, byte[]> where T : IModelSerializable<T>
{
    /// <summary>Creates the converter; <paramref name="options"/> (checksum, limits, unknown members) apply to both directions.</summary>
    public ModelBinaryConverter(ModelSerializerOptions? options = null)
        : base(value => ModelSerializer.Serialize(value, options), bytes => ModelSerializer.Deserialize<T>(bytes, options))
    {
    }
}

/// <summary>Change tracking for a model held in one column: structural equality, hash and snapshot over the model's
/// binary payload (<see cref="ModelEquality"/>), so that <c>entity.Model.Threshold = 0.7</c> followed by
/// <c>SaveChanges()</c> writes the row. Without it EF Core compares the instance with itself and saves nothing.</summary>
/// <typeparam name="T">A <c>[SerializableModel]</c> or <c>[Hyperparameters]</c> type.</typeparam>
public sealed class ModelValueComparer<T> : ValueComparer<T> where T : IModelSerializable<T>
{
    /// <summary>Creates the comparer.</summary>
    public ModelValueComparer()
        : base((a, b) => ModelEquality.Equals(a, b), value => ModelEquality.GetHashCode(value), value => ModelEquality.Clone(value))
    {
    }
}
