using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Schema;

namespace ModelGen.CodeFixes.SchemaLock;

/// <summary>MG2003: add the model's schema to ModelSchemas.lock.json. MG2001: bump the model's Version and lock the new
/// layout. Fix-all writes every entry in one edit of the lock file, so it also (re)locks a whole project.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SchemaLockCodeFixProvider))]
[Shared]
public sealed class SchemaLockCodeFixProvider : CodeFixProvider
{
    private static readonly string NotLocked = DiagnosticDescriptors.ModelNotLocked.Id;
    private static readonly string NotBumped = DiagnosticDescriptors.SchemaChangedWithoutVersionBump.Id;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(NotLocked, NotBumped);

    public override FixAllProvider GetFixAllProvider() => new LockFixAll();

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (LockDocument(context.Document.Project) is null || !diagnostic.Properties.ContainsKey(SchemaLockAnalyzer.EntryProperty)) continue;
            string title = diagnostic.Id == NotLocked
                ? $"Add to {SchemaDocument.LockFileName}"
                : $"Bump Version to {diagnostic.Properties[SchemaLockAnalyzer.NextVersionProperty]} and add it to {SchemaDocument.LockFileName}";
            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(document.Project.Solution, [(document, diagnostic)], ct), diagnostic.Id),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static TextDocument? LockDocument(Project project) =>
        project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.Name, SchemaDocument.LockFileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds every diagnosed model's entry to its project's lock file and bumps versions where asked.</summary>
    private static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<(Document Document, Diagnostic Diagnostic)> fixes, CancellationToken ct)
    {
        foreach (var group in fixes.GroupBy(f => f.Document.Project.Id))
        {
            Project project = solution.GetProject(group.Key)!;
            TextDocument? lockDocument = LockDocument(project);
            if (lockDocument is null) continue;
            SourceText text = await lockDocument.GetTextAsync(ct).ConfigureAwait(false);
            List<SchemaEntry> entries = SchemaDocument.Read(text.ToString());

            foreach (var (document, diagnostic) in group.OrderByDescending(f => f.Diagnostic.Location.SourceSpan.Start))
            {
                SchemaEntry entry = SchemaDocument.Read(diagnostic.Properties[SchemaLockAnalyzer.EntryProperty]!)[0];
                if (diagnostic.Id == NotBumped)
                {
                    entry.Version = int.Parse(diagnostic.Properties[SchemaLockAnalyzer.NextVersionProperty]!, CultureInfo.InvariantCulture);
                    solution = await BumpVersionAsync(solution, document.Id, diagnostic.Location.SourceSpan, entry.Version, ct).ConfigureAwait(false);
                }
                entries.RemoveAll(e => e.Name == entry.Name && e.Version == entry.Version);
                entries.Add(entry);
            }
            solution = solution.WithAdditionalDocumentText(lockDocument.Id, SourceText.From(SchemaDocument.WriteLock(entries), text.Encoding));
        }
        return solution;
    }

    private static async Task<Solution> BumpVersionAsync(Solution solution, DocumentId documentId, TextSpan span, int version, CancellationToken ct)
    {
        Document document = solution.GetDocument(documentId)!;
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root?.FindNode(span) is not { } node) return solution;
        AttributeSyntax? attribute = node as AttributeSyntax ?? node.FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute is null) return solution;

        ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(version));
        AttributeArgumentSyntax? existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Version");
        AttributeSyntax updated = existing is not null
            ? attribute.ReplaceNode(existing, existing.WithExpression(literal.WithTriviaFrom(existing.Expression)))
            : attribute.AddArgumentListArguments(SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Version")), null, literal));
        return solution.WithDocumentSyntaxRoot(documentId, root.ReplaceNode(attribute, updated));
    }

    /// <summary>One lock file edit for all diagnostics in scope (the batch fixer would make conflicting edits).</summary>
    private sealed class LockFixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            IEnumerable<Document> documents = context.Scope switch
            {
                FixAllScope.Document when context.Document is not null => [context.Document],
                FixAllScope.Project => context.Project.Documents,
                _ => context.Solution.Projects.SelectMany(p => p.Documents),
            };
            var fixes = new List<(Document, Diagnostic)>();
            foreach (Document document in documents)
            {
                foreach (Diagnostic diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    if (diagnostic.Id == context.CodeActionEquivalenceKey && diagnostic.Properties.ContainsKey(SchemaLockAnalyzer.EntryProperty))
                        fixes.Add((document, diagnostic));
                }
            }
            if (fixes.Count == 0) return null;
            return CodeAction.Create($"Lock {fixes.Count} model schema(s)", ct => ApplyAsync(context.Solution, fixes, ct), context.CodeActionEquivalenceKey);
        }
    }
}
