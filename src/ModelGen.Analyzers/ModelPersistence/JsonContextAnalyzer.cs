using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.ModelPersistence;

/// <summary>MG1011: a <c>JsonSerializerContext</c> whose <c>[JsonSerializable]</c> types reach a model declared in the
/// same project. System.Text.Json's source generator runs beside ModelGen's and never sees the
/// <c>[JsonConverter]</c> that ModelGen generates, so the context writes System.Text.Json's own shape of the model
/// (no <c>$version</c>, no migrations, no validation) — silently, unless the author writes the attribute.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JsonContextAnalyzer : DiagnosticAnalyzer
{
    /// <summary>How many types one [JsonSerializable] may lead to before the search stops (the object graph of a
    /// context's root type can be large; a missed model deep inside is a missed warning, not a wrong one).</summary>
    private const int MaxTypesPerRoot = 256;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ModelInJsonContext);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var models = ModelTypes.Resolve(start.Compilation);
            var jsonContext = start.Compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
            var serializable = start.Compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
            if (models is null || jsonContext is null || serializable is null) return;
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, models, jsonContext, serializable), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ModelTypes models, INamedTypeSymbol jsonContext, INamedTypeSymbol serializable)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!InheritsFrom(type, jsonContext)) return;
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, serializable)
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not ITypeSymbol root
                || attribute.ApplicationSyntaxReference is not { } at)
            {
                continue;
            }

            foreach (var model in ModelsReached(root, models))
            {
                var declaration = FirstDeclaration(model);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ModelInJsonContext,
                    at.GetSyntax(context.CancellationToken).GetLocation(),
                    declaration is null ? null : [declaration],
                    model.Name,
                    type.Name));
            }
        }
    }

    /// <summary>The models declared in this compilation, without a converter the source generator sees, that the
    /// context generates metadata for: the root, element and type-argument types, and the public properties and
    /// fields of plain types declared here. The search does not enter a model: it is written by its converter.</summary>
    private static IEnumerable<INamedTypeSymbol> ModelsReached(ITypeSymbol root, ModelTypes models)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0 && seen.Count < MaxTypesPerRoot)
        {
            var type = pending.Pop();
            if (!seen.Add(type)) continue;
            if (type is IArrayTypeSymbol array)
            {
                pending.Push(array.ElementType);
                continue;
            }

            if (type is not INamedTypeSymbol named) continue;
            foreach (var argument in named.TypeArguments) pending.Push(argument);
            if (models.IsModel(named))
            {
                if (named.DeclaringSyntaxReferences.Length > 0 && !JsonConverterVisibility.HasConverterVisibleToSourceGenerators(named))
                {
                    yield return named;
                }

                continue;
            }

            if (named.DeclaringSyntaxReferences.Length == 0) continue; // a library type: its members are not ours
            foreach (var member in named.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public) continue;
                if (member is IPropertySymbol { IsIndexer: false } property) pending.Push(property.Type);
                else if (member is IFieldSymbol { IsImplicitlyDeclared: false } field) pending.Push(field.Type);
            }
        }
    }

    private static Location? FirstDeclaration(INamedTypeSymbol model)
    {
        foreach (var location in model.Locations)
        {
            if (location.IsInSource && location.SourceTree is { } tree && !JsonConverterVisibility.IsModelGenOutput(tree)) return location;
        }

        return null;
    }

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
        }

        return false;
    }
}
