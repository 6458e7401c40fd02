using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Generator.Parsing;

namespace ModelGen.CodeFixes.SchemaLock;

/// <summary>MG2007: adds <c>[PreviousName("epochs")]</c>, the name the member had in the locked version, after the
/// <c>[ModelMember(Name = ...)]</c> that gave it its new one (in that attribute's list, which keeps a record
/// parameter's target).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPreviousNameCodeFixProvider))]
[Shared]
public sealed class AddPreviousNameCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.RenamedWithoutPreviousName.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SchemaLockAnalyzer.PreviousNameProperty, out var previous) || previous is null
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not { } node
                || model.GetDeclaredSymbol(node, context.CancellationToken) is not { } declared
                || Member(declared) is not { } member
                || NamingAttribute(member, root, context.CancellationToken) is not { } named)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create($"Add [PreviousName(\"{previous}\")]", ct => AddAsync(document, named, previous, ct), nameof(AddPreviousNameCodeFixProvider)),
                diagnostic);
        }
    }

    // The property a positional record's parameter declares, or the property or field itself.
    private static ISymbol? Member(ISymbol declared) => declared is IParameterSymbol p
        ? p.ContainingType?.GetMembers(p.Name).OfType<IPropertySymbol>().FirstOrDefault()
        : declared is IPropertySymbol or IFieldSymbol ? declared : null;

    // The [ModelMember(Name = ...)] that gave the member its new name (on it, or on the record parameter).
    private static AttributeSyntax? NamingAttribute(ISymbol member, SyntaxNode root, CancellationToken cancellationToken)
    {
        foreach (var attribute in ModelParser.AttributesOf(member))
        {
            if (TypeShapes.Is(attribute.AttributeClass, "ModelGen.ModelMemberAttribute") && attribute.NamedArguments.Any(a => a.Key == "Name")
                && attribute.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == root.SyntaxTree)
            {
                return reference.GetSyntax(cancellationToken) as AttributeSyntax;
            }
        }

        return null;
    }

    private static async Task<Document> AddAsync(Document document, AttributeSyntax named, string previous, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || named.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::ModelGen.PreviousName").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ParseAttributeArgumentList($"({SyntaxFactory.Literal(previous)})"));
        return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(named) + 1, attribute))));
    }
}
