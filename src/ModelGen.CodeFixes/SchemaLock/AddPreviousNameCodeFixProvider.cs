using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.CodeFixes.Models;
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
                || ModelGenAttributes.Member(declared) is not { } member
                || NamingAttribute(member, root, context.CancellationToken) is not { } named)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create($"Add [PreviousName(\"{previous}\")]", ct => ModelGenAttributes.InsertAfterAsync(document, named, [ModelGenAttributes.Create("PreviousName", ModelGenAttributes.Literal(previous))], ct), nameof(AddPreviousNameCodeFixProvider)),
                diagnostic);
        }
    }

    // The [ModelMember(Name = ...)] that gave the member its new name (on it, or on the record parameter).
    private static AttributeSyntax? NamingAttribute(ISymbol member, SyntaxNode root, CancellationToken cancellationToken)
    {
        foreach (var attribute in ModelParser.AttributesOf(member))
        {
            if (TypeShapes.Is(attribute.AttributeClass, ModelParser.MemberAttribute) && attribute.NamedArguments.Any(a => a.Key == "Name")
                && attribute.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == root.SyntaxTree)
            {
                return reference.GetSyntax(cancellationToken) as AttributeSyntax;
            }
        }

        return null;
    }
}
