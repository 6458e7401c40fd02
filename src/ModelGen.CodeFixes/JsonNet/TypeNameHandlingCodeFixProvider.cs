using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.JsonNet;

namespace ModelGen.CodeFixes.JsonNet;

/// <summary>MG1002: <c>TypeNameHandling.X</c> → <c>TypeNameHandling.None</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TypeNameHandlingCodeFixProvider))]
[Shared]
public sealed class TypeNameHandlingCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use TypeNameHandling.None";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.JsonNetTypeNameHandling.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(TypeNameHandlingAnalyzer.ConstantValueProperty)
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => UseNoneAsync(context.Document, value, cancellationToken), Title),
                diagnostic);
        }
    }

    private static async Task<Document> UseNoneAsync(Document document, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        ExpressionSyntax none = value switch
        {
            // Keep the way the author spelled the enum: Json.TypeNameHandling.All → Json.TypeNameHandling.None.
            MemberAccessExpressionSyntax memberAccess => memberAccess.WithName(SyntaxFactory.IdentifierName("None")),
            IdentifierNameSyntax => SyntaxFactory.IdentifierName("None"),
            _ => SyntaxFactory.ParseExpression("global::Newtonsoft.Json.TypeNameHandling.None")
                .WithAdditionalAnnotations(Simplifier.Annotation),
        };

        return document.WithSyntaxRoot(root.ReplaceNode(value, none.WithTriviaFrom(value)));
    }
}
