using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ModelGen.Analyzers.Common;

/// <summary>Types resolved by metadata name, once per compilation. Names that the compilation does not
/// reference are left out, so an empty set means the analyzer has nothing to look for.</summary>
internal sealed class KnownTypes
{
    private readonly ImmutableHashSet<INamedTypeSymbol> _types;

    private KnownTypes(ImmutableHashSet<INamedTypeSymbol> types) => _types = types;

    public bool IsEmpty => _types.IsEmpty;

    public static KnownTypes Resolve(Compilation compilation, params string[] metadataNames)
    {
        var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in metadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return new KnownTypes(builder.ToImmutable());
    }

    /// <summary>Whether <paramref name="type"/> is one of the known types (generic types compare by definition).</summary>
    public bool Contains(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && _types.Contains(named.OriginalDefinition);

    /// <summary>The known type that <paramref name="type"/> is or derives from, if any.</summary>
    public INamedTypeSymbol? FindSelfOrBase(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (_types.Contains(current.OriginalDefinition))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is, derives from or implements one of the known types.</summary>
    public bool IsOrInherits(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (FindSelfOrBase(type) is not null)
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (_types.Contains(implemented.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<INamedTypeSymbol> All => _types;
}
