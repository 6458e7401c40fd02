using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>MG1001 on a type that is not a model yet: the first step towards ModelSerializer is to mark the type
/// (and the types it needs) <c>[SerializableModel]</c> and <c>partial</c>, so the generator emits its serializer.
/// Once it has, <see cref="UseModelSerializerCodeFixProvider"/> rewrites the call.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkAsSerializableModelCodeFixProvider))]
[Shared]
public sealed class MarkAsSerializableModelCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "MarkAsSerializableModel";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InsecureFormatter.Id);

    public override FixAllProvider GetFixAllProvider() => new FixAll();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var types = await TypesToMarkAsync(context.Document, [diagnostic], context.CancellationToken).ConfigureAwait(false);
            if (types.Count == 0)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Mark '{types[0].Name}' as [SerializableModel]",
                    cancellationToken => MarkAsSerializableModel.ApplyAsync(solution, types, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The types to mark for the formatter calls behind <paramref name="diagnostics"/>, the written or read
    /// type first.</summary>
    private static async Task<List<INamedTypeSymbol>> TypesToMarkAsync(
        Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var types = new List<INamedTypeSymbol>();
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null || ModelTypes.Resolve(semanticModel.Compilation) is not { } models)
        {
            return types;
        }

        foreach (var diagnostic in diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FormatterCall.TryParse(semanticModel, node, cancellationToken) is { } call)
            {
                foreach (var type in MarkAsSerializableModel.TypesToMark(call.ModelType, models))
                {
                    if (!types.Contains(type, SymbolEqualityComparer.Default))
                    {
                        types.Add(type);
                    }
                }
            }
        }

        return types;
    }

    /// <summary>Marks every type found in the scope in one solution edit, so a type written in two places and its
    /// members' types are changed once.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
            Task.FromResult<CodeAction?>(CodeAction.Create(
                "Mark the serialized types as [SerializableModel]",
                cancellationToken => FixAsync(fixAllContext, cancellationToken),
                EquivalenceKey));

        private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var documents = new List<Document>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is not null:
                    documents.Add(context.Document);
                    break;
                case FixAllScope.Project:
                    documents.AddRange(context.Project.Documents);
                    break;
                case FixAllScope.Solution:
                    foreach (var project in context.Solution.Projects)
                    {
                        documents.AddRange(project.Documents);
                    }

                    break;
            }

            var types = new List<INamedTypeSymbol>();
            foreach (var document in documents)
            {
                var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                foreach (var type in await TypesToMarkAsync(document, diagnostics, cancellationToken).ConfigureAwait(false))
                {
                    if (!types.Contains(type, SymbolEqualityComparer.Default))
                    {
                        types.Add(type);
                    }
                }
            }

            return await MarkAsSerializableModel.ApplyAsync(context.Solution, types, cancellationToken).ConfigureAwait(false);
        }
    }
}
