using Microsoft.CodeAnalysis;

namespace ModelGen.Analyzers.Common;

/// <summary>The APIs that turn a name into a type or an assembly: <c>Type.GetType</c>, <c>Assembly.GetType</c>,
/// <c>Module.GetType</c> and <c>Assembly.Load*</c>.</summary>
internal sealed class TypeResolvers
{
    private readonly INamedTypeSymbol? _type;
    private readonly INamedTypeSymbol? _assembly;
    private readonly INamedTypeSymbol? _module;

    private TypeResolvers(Compilation compilation)
    {
        _type = compilation.GetTypeByMetadataName("System.Type");
        _assembly = compilation.GetTypeByMetadataName("System.Reflection.Assembly");
        _module = compilation.GetTypeByMetadataName("System.Reflection.Module");
    }

    public static TypeResolvers Resolve(Compilation compilation) => new(compilation);

    /// <summary><c>System.Type</c>.</summary>
    public INamedTypeSymbol? SystemType => _type;

    /// <summary>Whether <paramref name="method"/> resolves a type from a name (<c>GetType(string…)</c>).</summary>
    public bool IsGetType(IMethodSymbol method) =>
        method.Name == "GetType"
        && method.Parameters.Length > 0
        && method.Parameters[0].Type.SpecialType == SpecialType.System_String
        && (Is(method.ContainingType, _type) || Is(method.ContainingType, _assembly) || Is(method.ContainingType, _module));

    /// <summary>Whether <paramref name="method"/> loads an assembly (<c>Assembly.Load</c>, <c>LoadFrom</c>, …).</summary>
    public bool IsAssemblyLoad(IMethodSymbol method) =>
        method.IsStatic && method.Name.StartsWith("Load", System.StringComparison.Ordinal) && Is(method.ContainingType, _assembly);

    /// <summary>Any API that resolves a name.</summary>
    public bool IsResolver(IMethodSymbol method) => IsGetType(method) || IsAssemblyLoad(method);

    private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
