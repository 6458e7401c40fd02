using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Diagnostics;

namespace ModelGen.CodeFixes.Models;

/// <summary>MG0023 (a generator diagnostic): declares <c>private KeptMembers _kept;</c> in a struct model, where the
/// generator finds it and keeps members of newer versions in it. Not offered for a readonly struct, which cannot hold
/// the field: dropping <c>readonly</c> changes the type's contract, which is the author's decision.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareKeptMembersCodeFixProvider))]
[Shared]
public sealed class DeclareKeptMembersCodeFixProvider : CodeFixProvider
{
    private const string Title = "Keep members of newer versions (declare a KeptMembers field)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StructWithoutKeptMembers);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName(KeptMembersField.KeptMembersType) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type
                || KeptMembersField.NameFor(type) is not { } name)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DeclareAsync(document, declaration, name, ct), nameof(DeclareKeptMembersCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> DeclareAsync(Document document, TypeDeclarationSyntax declaration, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, KeptMembersField.AddTo(declaration, name)));
    }
}
