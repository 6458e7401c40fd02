using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
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
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName("ModelGen.KeptMembers") is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not { TypeKind: TypeKind.Struct, IsReadOnly: false } type)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DeclareAsync(document, declaration, FieldName(type), ct), nameof(DeclareKeptMembersCodeFixProvider)),
                diagnostic);
        }
    }

    // "_kept", or "_kept2", "_kept3"... when a member or primary constructor parameter of that name exists.
    private static string FieldName(INamedTypeSymbol type)
    {
        var taken = new HashSet<string>(type.MemberNames);
        foreach (var constructor in type.InstanceConstructors)
        {
            taken.UnionWith(constructor.Parameters.Select(p => p.Name));
        }

        var name = "_kept";
        for (var i = 2; taken.Contains(name); i++)
        {
            name = "_kept" + i;
        }

        return name;
    }

    private static async Task<Document> DeclareAsync(Document document, TypeDeclarationSyntax declaration, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var field = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.ParseTypeName("global::ModelGen.KeptMembers").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name))))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword)))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var updated = declaration;
        if (declaration.OpenBraceToken.IsKind(SyntaxKind.None))
        {
            // `record struct R(int A);` gets a body in place of its semicolon.
            updated = updated
                .WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Formatter.Annotation))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(declaration.SemicolonToken.TrailingTrivia).WithAdditionalAnnotations(Formatter.Annotation));
        }

        updated = updated.AddMembers(field);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }
}
