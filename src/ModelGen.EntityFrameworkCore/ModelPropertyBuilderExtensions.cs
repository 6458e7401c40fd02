using ModelGen;
using ModelGen.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// In EF Core's namespace, as provider packages do, so the methods show up where the model is configured.
namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps a property that holds a ModelGen model to one column, with a value converter and a value comparer.
/// For a nullable property, select it with the null-forgiving operator, <c>Property(e =&gt; e.Model!)</c>, which EF
/// Core reads as the same property: the model type then meets the <c>IModelSerializable&lt;T&gt;</c> constraint. A null
/// is stored as NULL and never reaches the converter.</summary>
public static class ModelPropertyBuilderExtensions
{
    /// <summary>Stores the model as ModelGen JSON (<see cref="ModelJsonConverter{T}"/>) and tracks changes made in
    /// place (<see cref="ModelValueComparer{T}"/>).</summary>
    public static PropertyBuilder<T> HasModelJsonConversion<T>(this PropertyBuilder<T> property, ModelJsonOptions? options = null)
        where T : IModelSerializable<T>
    {
        System.ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new ModelJsonConverter<T>(options), new ModelValueComparer<T>());
    }

    /// <summary>Stores the model in ModelGen's binary form (<see cref="ModelBinaryConverter{T}"/>) and tracks changes
    /// made in place (<see cref="ModelValueComparer{T}"/>).</summary>
    public static PropertyBuilder<T> HasModelBinaryConversion<T>(this PropertyBuilder<T> property, ModelSerializerOptions? options = null)
        where T : IModelSerializable<T>
    {
        System.ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new ModelBinaryConverter<T>(options), new ModelValueComparer<T>());
    }
}
