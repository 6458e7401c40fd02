using Microsoft.CodeAnalysis;

namespace ModelGen.Analyzers.Common;

/// <summary>Recognizes ModelGen models: types marked <c>[SerializableModel]</c> or an attribute derived from it
/// (<c>[Hyperparameters]</c>).</summary>
internal sealed class ModelTypes
{
    public const string AttributeMetadataName = "ModelGen.SerializableModelAttribute";

    private readonly INamedTypeSymbol _attribute;

    private ModelTypes(INamedTypeSymbol attribute) => _attribute = attribute;

    /// <summary>Null when the compilation does not reference ModelGen.</summary>
    public static ModelTypes? Resolve(Compilation compilation) =>
        compilation.GetTypeByMetadataName(AttributeMetadataName) is { } attribute ? new ModelTypes(attribute) : null;

    public bool IsModel(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        foreach (var attribute in named.GetAttributes())
        {
            for (var current = attribute.AttributeClass; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
