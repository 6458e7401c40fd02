using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Common;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>The whole move from an insecure formatter to <c>ModelSerializer</c> in one solution edit, so that one
/// fix-all pass leaves no MG1001 behind: marks the types that are not models yet (see
/// <see cref="MarkAsSerializableModel"/>), rewrites the calls that write or read a model, and removes the formatters
/// that nothing uses any more (<c>var formatter = new BinaryFormatter();</c>, a private field). Calls that cannot move
/// (a read into <c>object</c>) keep their formatter, and so their MG1001.</summary>
internal static class FormatterMigration
{
    private const string ModelSerializerMetadataName = "ModelGen.ModelSerializer";

    /// <summary>What the diagnostics of one document lead to.</summary>
    private sealed class DocumentPlan
    {
        public List<FormatterCall> Calls { get; } = new();

        public List<SyntaxNode> Removals { get; } = new();
    }

    /// <summary>Applies the migration to the MG1001 <paramref name="diagnostics"/> of each document. With
    /// <paramref name="markTypes"/> false only calls on types that are models already move.</summary>
    public static async Task<Solution> ApplyAsync(
        Solution solution,
        IEnumerable<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> diagnostics,
        bool markTypes,
        CancellationToken cancellationToken)
    {
        var plans = new Dictionary<DocumentId, DocumentPlan>();
        var typesToMark = new List<INamedTypeSymbol>();
        foreach (var (document, documentDiagnostics) in diagnostics)
        {
            var plan = await PlanAsync(document, documentDiagnostics, markTypes, typesToMark, cancellationToken).ConfigureAwait(false);
            if (plan is not null)
            {
                plans[document.Id] = plan;
            }
        }

        // The declarations to mark, by tree: a type's first declaration gets the attribute, all get 'partial'.
        var marks = MarkAsSerializableModel.DeclarationsToMark(typesToMark, cancellationToken);
        var trees = plans.Keys.Select(id => solution.GetDocument(id)!.GetSyntaxTreeAsync(cancellationToken))
            .ToList();
        var changedTrees = new HashSet<SyntaxTree>(marks.Keys);
        foreach (var tree in trees)
        {
            changedTrees.Add((await tree.ConfigureAwait(false))!);
        }

        var result = solution;
        foreach (var tree in changedTrees)
        {
            if (solution.GetDocument(tree) is not { } document)
            {
                continue;
            }

            plans.TryGetValue(document.Id, out var plan);
            marks.TryGetValue(tree, out var declarations);
            var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = Rewrite(root, plan, declarations);
            var changed = result.GetDocument(document.Id)!.WithSyntaxRoot(newRoot);
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            result = changed.Project.Solution;
        }

        return result;
    }

    private static async Task<DocumentPlan?> PlanAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, bool markTypes, List<INamedTypeSymbol> typesToMark, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null
            || semanticModel.Compilation.GetTypeByMetadataName(ModelSerializerMetadataName) is null
            || ModelTypes.Resolve(semanticModel.Compilation) is not { } models)
        {
            return null;
        }

        var plan = new DocumentPlan();
        var formatters = new List<ISymbol>();
        foreach (var diagnostic in diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FormatterCall.TryParse(semanticModel, node, cancellationToken) is { } call)
            {
                if (!models.IsModel(call.ModelType))
                {
                    var types = markTypes ? MarkAsSerializableModel.TypesToMark(call.ModelType, models).ToList() : [];
                    if (!types.Any(type => SymbolEqualityComparer.Default.Equals(type, call.ModelType.OriginalDefinition)))
                    {
                        continue; // neither a model nor a type that can become one: the call stays
                    }

                    typesToMark.AddRange(types.Where(type => !typesToMark.Contains(type, SymbolEqualityComparer.Default)));
                }

                plan.Calls.Add(call);
                if (call.Receiver is { } receiver && semanticModel.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol or IFieldSymbol)
                {
                    formatters.Add(semanticModel.GetSymbolInfo(receiver, cancellationToken).Symbol!);
                }
            }
            else if (node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } })
            {
                if (semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is { } declared)
                {
                    formatters.Add(declared);
                }
            }
        }

        foreach (var formatter in formatters.Distinct(SymbolEqualityComparer.Default))
        {
            if (UnusedDeclaration(formatter!, plan.Calls, semanticModel, cancellationToken) is { } removal && !plan.Removals.Contains(removal))
            {
                plan.Removals.Add(removal);
            }
        }

        return plan;
    }

    /// <summary>The declaration of a formatter local or private field that only the rewritten calls use, created by
    /// a plain <c>new ...()</c>: removing it changes nothing else. Null when anything else uses it.</summary>
    private static SyntaxNode? UnusedDeclaration(ISymbol formatter, List<FormatterCall> rewritten, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (formatter.DeclaringSyntaxReferences.Length != 1
            || formatter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.SyntaxTree != semanticModel.SyntaxTree
            || declarator.Initializer?.Value is not BaseObjectCreationExpressionSyntax { Initializer: null } creation
            || creation.ArgumentList is { Arguments.Count: > 0 }
            || declarator.Parent is not VariableDeclarationSyntax declaration)
        {
            return null;
        }

        // Where references can be: the local's block, or the type of a private field declared in one part.
        SyntaxNode? scope = formatter switch
        {
            ILocalSymbol => declaration.Parent?.Parent,
            IFieldSymbol { DeclaredAccessibility: Accessibility.Private, ContainingType.DeclaringSyntaxReferences.Length: 1 } =>
                declaration.Parent?.Parent as TypeDeclarationSyntax,
            _ => null,
        };
        if (scope is null)
        {
            return null;
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == formatter.Name
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, formatter)
                && !rewritten.Any(call => call.NodeToReplace.Span.Contains(identifier.Span)))
            {
                return null;
            }
        }

        return declaration.Variables.Count == 1 ? declaration.Parent : declarator;
    }

    private static readonly SyntaxAnnotation RemoveAnnotation = new("ModelGen.RemoveFormatter");

    private static SyntaxNode Rewrite(SyntaxNode root, DocumentPlan? plan, Dictionary<TypeDeclarationSyntax, MarkAsSerializableModel.Marking>? declarations)
    {
        var calls = plan?.Calls.ToDictionary(call => (SyntaxNode)call.NodeToReplace) ?? new Dictionary<SyntaxNode, FormatterCall>();
        var removals = new HashSet<SyntaxNode>(plan?.Removals ?? []);
        var endOfLine = root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine == default)
        {
            endOfLine = CarriageReturnLineFeed;
        }

        // One pass over the tree (calls may sit in types that get marked); what goes away is annotated, then removed.
        var nodes = calls.Keys.Concat(removals).Concat(declarations?.Keys ?? Enumerable.Empty<SyntaxNode>());
        var rewrittenRoot = root.ReplaceNodes(nodes, (original, rewritten) =>
            calls.TryGetValue(original, out var call) ? Replacement(call)
            : removals.Contains(original) ? rewritten.WithAdditionalAnnotations(RemoveAnnotation)
            : MarkAsSerializableModel.Mark((TypeDeclarationSyntax)rewritten, declarations![(TypeDeclarationSyntax)original], endOfLine));
        if (!rewrittenRoot.GetAnnotatedNodes(RemoveAnnotation).Any())
        {
            return rewrittenRoot;
        }

        // The blank line that separated a removed declaration from the next one goes with it.
        var followers = rewrittenRoot.GetAnnotatedNodes(RemoveAnnotation)
            .Select(node => node.GetLastToken().GetNextToken())
            .Where(token => token.LeadingTrivia.FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia));
        rewrittenRoot = rewrittenRoot.ReplaceTokens(followers, (_, token) => token.WithLeadingTrivia(token.LeadingTrivia.RemoveAt(0)));
        return rewrittenRoot.RemoveNodes(rewrittenRoot.GetAnnotatedNodes(RemoveAnnotation), SyntaxRemoveOptions.KeepNoTrivia)!;
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
