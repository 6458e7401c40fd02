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
using ModelGen.Generator.Diagnostics;
using ModelGen.Generator.Parsing;

namespace ModelGen.CodeFixes.Models;

/// <summary>MG0025 (a generator diagnostic): says in ModelGen's terms what another serializer's attribute says, next to
/// it in the same attribute list. A name: <c>[ModelMember(Name = "lr")]</c>, or — for data ModelGen saved already — with
/// the member's current key and its current name as a previous name (both from the generator's own parser), which lose
/// nothing in any form or direction. A member left out: <c>[ModelIgnore]</c>, or <c>[ModelMember]</c> to save it on
/// purpose. The store of unknown members: <c>[ModelIgnore]</c>. The other serializer's attribute stays (it still
/// serves that serializer's other callers).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForeignSerializerAttributeCodeFixProvider))]
[Shared]
public sealed class ForeignSerializerAttributeCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForeignSerializerAttribute);

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
            // At a member an opt-in type ([DataContract]) leaves out: ModelGen's attribute on a line of its own above it.
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is { } at && at.FirstAncestorOrSelf<AttributeSyntax>() is null
                && at.FirstAncestorOrSelf<MemberDeclarationSyntax>() is PropertyDeclarationSyntax or FieldDeclarationSyntax)
            {
                var declaration = at.FirstAncestorOrSelf<MemberDeclarationSyntax>()!;
                var name = diagnostic.Location.SourceTree?.GetText(context.CancellationToken).ToString(diagnostic.Location.SourceSpan) ?? "";
                var memberDocument = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create($"Leave '{name}' out of ModelGen's forms too ([ModelIgnore])", ct => AddListAsync(memberDocument, declaration, "ModelIgnore", ct), nameof(ForeignSerializerAttributeCodeFixProvider) + "Ignore"),
                    diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create($"Save '{name}' with ModelGen on purpose ([ModelMember])", ct => AddListAsync(memberDocument, declaration, "ModelMember", ct), nameof(ForeignSerializerAttributeCodeFixProvider) + "Save"),
                    diagnostic);
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } syntax
                || MemberOf(syntax, model, context.CancellationToken) is not { } member
                || member.GetAttributes().FirstOrDefault(a => a.ApplicationSyntaxReference?.Span == syntax.Span) is not { } attribute)
            {
                continue;
            }

            var document = context.Document;
            switch (ForeignAttributes.Of(attribute, out var foreignName))
            {
                case ForeignAttributes.Effect.Name when foreignName is not null:
                    Register($"Name '{member.Name}' \"{foreignName}\" for ModelGen too", "Name", ModelGenAttributes.Create("ModelMember", $"Name = {ModelGenAttributes.Literal(foreignName)}"));
                    if (Current(member, context.CancellationToken) is { } current)
                    {
                        Register(
                            $"Name '{member.Name}' \"{foreignName}\" for ModelGen too, keeping data saved under \"{current.Name}\"",
                            "NameKeepingData",
                            ModelGenAttributes.Create("ModelMember", $"Name = {ModelGenAttributes.Literal(foreignName)}, Key = {current.Key}"),
                            ModelGenAttributes.Create("PreviousName", ModelGenAttributes.Literal(current.Name)));
                    }

                    break;
                case ForeignAttributes.Effect.Ignored:
                    Register($"Leave '{member.Name}' out of ModelGen's forms too ([ModelIgnore])", "Ignore", ModelGenAttributes.Create("ModelIgnore"));
                    Register($"Save '{member.Name}' with ModelGen on purpose ([ModelMember])", "Save", ModelGenAttributes.Create("ModelMember"));
                    break;
                case ForeignAttributes.Effect.ExtensionData:
                    Register($"Leave '{member.Name}' out of ModelGen's forms ([ModelIgnore]): ModelGen keeps unknown members itself", "Ignore", ModelGenAttributes.Create("ModelIgnore"));
                    break;
            }

            void Register(string title, string key, params AttributeSyntax[] added) =>
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ModelGenAttributes.InsertAfterAsync(document, syntax, added, ct), nameof(ForeignSerializerAttributeCodeFixProvider) + key),
                    diagnostic);
        }
    }

    // The property or field the attribute is on (a positional record's parameter: the property it declares).
    private static ISymbol? MemberOf(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) => attribute.Parent?.Parent switch
    {
        PropertyDeclarationSyntax property => model.GetDeclaredSymbol(property, cancellationToken),
        FieldDeclarationSyntax { Declaration.Variables.Count: 1 } field => model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken),
        ParameterSyntax parameter => ModelGenAttributes.Member(model.GetDeclaredSymbol(parameter, cancellationToken)),
        _ => null,
    };

    // The member's serialized name and key as the generator has them now.
    private static (string Name, int Key)? Current(ISymbol member, CancellationToken cancellationToken)
    {
        var type = member.ContainingType;
        var attribute = type.GetAttributes().FirstOrDefault(a => TypeShapes.Is(a.AttributeClass, TypeShapes.SerializableModelAttribute) || TypeShapes.Is(a.AttributeClass, TypeShapes.HyperparametersAttribute));
        if (attribute is null || ModelParser.Parse(type, attribute, cancellationToken).Model is not { } spec)
        {
            return null;
        }

        var found = spec.Members.FirstOrDefault(m => m.ClrName.TrimStart('@') == member.Name);
        return found is null ? null : (found.Name, found.Key);
    }

    // A list of its own above the member, after its comments, with the member's indentation.
    private static async Task<Document> AddListAsync(Document document, MemberDeclarationSyntax declaration, string attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(ModelGenAttributes.Create(attribute)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } endOfLine && endOfLine.IsKind(SyntaxKind.EndOfLineTrivia)
                ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
        var moved = declaration.WithLeadingTrivia(indentation);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, moved.WithAttributeLists(moved.AttributeLists.Insert(0, list))));
    }
}
