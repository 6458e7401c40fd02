using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelGen.Analyzers.Tests.Infrastructure;

/// <summary>Stands in for ModelGen's generator against the runtime stub (<see cref="Stubs.ModelGenRuntime"/>): every
/// partial <c>[SerializableModel]</c> type implements <c>IModelSerializable&lt;T&gt;</c>, which is what the generator's
/// output gives the code that uses it. With it a code fix's result compiles exactly when it would in a real build after
/// the generator has run, in one pass. (No [Generator] attribute: it is handed to the test directly.)</summary>
public sealed class GeneratorStandIn : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var attribute in new[] { "ModelGen.SerializableModelAttribute", "ModelGen.HyperparametersAttribute" })
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, _) => Declaration((INamedTypeSymbol)ctx.TargetSymbol));
            context.RegisterSourceOutput(models, static (spc, source) =>
            {
                if (source is not null)
                {
                    spc.AddSource(source.Value.Name + ".g.cs", source.Value.Text);
                }
            });
        }
    }

    private static (string Name, string Text)? Declaration(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType || t.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return null; // the generator reports MG0001 or MG0008 here and implements nothing
            }
        }

        var text = new StringBuilder();
        if (!type.ContainingNamespace.IsGlobalNamespace)
        {
            text.Append("namespace ").Append(type.ContainingNamespace.ToDisplayString()).Append(" { ");
        }

        var chain = Enumerable.Empty<INamedTypeSymbol>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            chain = chain.Prepend(t);
        }

        foreach (var t in chain)
        {
            text.Append("partial ").Append(Keyword(t)).Append(' ').Append(t.Name);
            if (SymbolEqualityComparer.Default.Equals(t, type))
            {
                text.Append(" : global::ModelGen.IModelSerializable<").Append(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).Append('>');
            }

            text.Append(" { ");
        }

        text.Append(new string('}', chain.Count()));
        if (!type.ContainingNamespace.IsGlobalNamespace)
        {
            text.Append(" }");
        }

        return (type.ToDisplayString().Replace('<', '_').Replace('>', '_'), text.ToString());
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Interface } => "interface",
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { IsValueType: true } => "struct",
        _ => "class",
    };
}
