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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>MG1001 on a model: <c>formatter.Serialize(stream, model)</c> → <c>ModelSerializer.Serialize(stream, model)</c>
/// and <c>(T)formatter.Deserialize(stream)</c> → <c>ModelSerializer.Deserialize&lt;T&gt;(stream)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseModelSerializerCodeFixProvider))]
[Shared]
public sealed class UseModelSerializerCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "UseModelSerializer";
    private const string ModelSerializerMetadataName = "ModelGen.ModelSerializer";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InsecureFormatter.Id);

    /// <summary>Fix-all rewrites each document once, so the <c>using ModelGen;</c> each call needs is added once.</summary>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create((context, document, diagnostics) => ReplaceAsync(document, diagnostics, context.CancellationToken)!);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var calls = await FindCallsAsync(context.Document, [diagnostic], context.CancellationToken).ConfigureAwait(false);
            if (calls.IsEmpty)
            {
                continue;
            }

            var call = calls[0];
            var title = call.IsRead
                ? $"Use ModelSerializer.Deserialize<{call.ModelType.Name}>"
                : "Use ModelSerializer.Serialize";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => ReplaceAsync(context.Document, [diagnostic], cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The calls behind <paramref name="diagnostics"/> that write or read a model.</summary>
    private static async Task<ImmutableArray<FormatterCall>> FindCallsAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null
            || semanticModel.Compilation.GetTypeByMetadataName(ModelSerializerMetadataName) is null
            || ModelTypes.Resolve(semanticModel.Compilation) is not { } models)
        {
            return ImmutableArray<FormatterCall>.Empty;
        }

        var calls = ImmutableArray.CreateBuilder<FormatterCall>();
        foreach (var diagnostic in diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FormatterCall.TryParse(semanticModel, node, cancellationToken) is { } call && models.IsModel(call.ModelType))
            {
                calls.Add(call);
            }
        }

        return calls.ToImmutable();
    }

    private static async Task<Document> ReplaceAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var calls = await FindCallsAsync(document, diagnostics, cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || calls.IsEmpty)
        {
            return document;
        }

        var byNode = calls.ToDictionary(call => (SyntaxNode)call.NodeToReplace);
        var changed = document.WithSyntaxRoot(root.ReplaceNodes(byNode.Keys, (original, _) => Replacement(byNode[original])));

        // Adds `using ModelGen;` where needed; the simplifier then shortens the annotated name.
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static SyntaxNode Replacement(FormatterCall call)
    {
        var serializer = ParseTypeName("global::" + ModelSerializerMetadataName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        SimpleNameSyntax method = call.TypeSyntax is { } type
            ? GenericName(Identifier("Deserialize"), TypeArgumentList(SingletonSeparatedList(type.WithoutTrivia())))
            : IdentifierName("Serialize");
        var arguments = call.Value is { } value
            ? SeparatedList([call.Stream.WithoutTrivia(), value.WithoutTrivia()])
            : SingletonSeparatedList(call.Stream.WithoutTrivia());
        return InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, serializer, method),
                ArgumentList(arguments))
            .WithTriviaFrom(call.NodeToReplace);
    }
}
