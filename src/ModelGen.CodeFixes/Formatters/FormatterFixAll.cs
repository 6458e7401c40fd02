using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>Fix-all of both MG1001 fixes: the whole migration of the scope in one solution edit (types marked once,
/// every call that can move moved, formatters nothing uses removed), so one pass leaves no fixable MG1001 behind,
/// whichever of the two fixes a tool picks.</summary>
internal sealed class FormatterFixAll : FixAllProvider
{
    public static readonly FormatterFixAll Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(
            "Move the formatter calls to ModelSerializer",
            cancellationToken => FixAsync(fixAllContext, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey));

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

        var diagnostics = new List<(Document, ImmutableArray<Diagnostic>)>();
        foreach (var document in documents)
        {
            diagnostics.Add((document, await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)));
        }

        return await FormatterMigration.ApplyAsync(context.Solution, diagnostics, markTypes: true, cancellationToken).ConfigureAwait(false);
    }
}
