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

namespace ModelGen.CodeFixes.ModelPersistence;

/// <summary>MG1011: writes <c>[JsonConverter(typeof(JsonModelConverter&lt;T&gt;))]</c> on the model's declaration, where
/// System.Text.Json's source generator sees it. The generator then adds none of its own.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareJsonConverterCodeFixProvider))]
[Shared]
public sealed class DeclareJsonConverterCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ModelInJsonContext.Id);

    // One attribute per model, however many contexts reach it: the fixes of one model are the same edit.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } at
                || solution.GetDocument(tree) is not { } document)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Declare ModelGen's JsonConverter on the model",
                    cancellationToken => DeclareAsync(document, at, cancellationToken),
                    nameof(DeclareJsonConverterCodeFixProvider)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> DeclareAsync(Document document, Location at, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindToken(at.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration)
        {
            return document.Project.Solution;
        }

        // On a line of its own before the declaration's first attribute or modifier, after its doc comment.
        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading.Last())
            : SyntaxFactory.TriviaList();
        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } text ? text : "\n";
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(
                    SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonConverter"),
                    SyntaxFactory.ParseAttributeArgumentList($"(typeof(global::ModelGen.JsonModelConverter<{declaration.Identifier.ValueText}>))"))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var bare = declaration.WithoutLeadingTrivia();
        var first = bare.GetFirstToken();
        bare = bare.ReplaceToken(first, first.WithLeadingTrivia(indentation));
        var updated = bare.WithAttributeLists(bare.AttributeLists.Insert(0, attribute));

        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)).Project.Solution;
    }
}
