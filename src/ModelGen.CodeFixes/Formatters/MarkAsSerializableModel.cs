using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Common;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>Marks a type <c>[SerializableModel]</c> and <c>partial</c>, with the types of its members that are
/// declared in the solution (the generator needs them to be models too) and <c>partial</c> on the types that
/// contain them.</summary>
internal static class MarkAsSerializableModel
{
    /// <summary><paramref name="root"/> and the source-declared types its instance fields and properties use,
    /// recursively, that are not models yet.</summary>
    public static IEnumerable<INamedTypeSymbol> TypesToMark(ITypeSymbol root, ModelTypes models)
    {
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case IArrayTypeSymbol array:
                    pending.Push(array.ElementType);
                    break;
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        pending.Push(argument);
                    }

                    if (!CanMark(named, models) || !seen.Add(named.OriginalDefinition))
                    {
                        break;
                    }

                    yield return named.OriginalDefinition;
                    foreach (var member in named.GetMembers())
                    {
                        switch (member)
                        {
                            case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field:
                                pending.Push(field.Type);
                                break;
                            case IPropertySymbol { IsStatic: false, IsIndexer: false } property:
                                pending.Push(property.Type);
                                break;
                        }
                    }

                    break;
            }
        }
    }

    private static bool CanMark(INamedTypeSymbol type, ModelTypes models) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && type.SpecialType == SpecialType.None
        && !type.IsImplicitlyDeclared
        && type.DeclaringSyntaxReferences.Length > 0
        && !models.IsModel(type);

    /// <summary>The declarations to change, by tree, and whether each gets the attribute: the first declaration of
    /// each type gets it, every declaration of it and of its containing types gets <c>partial</c>.</summary>
    public static Dictionary<SyntaxTree, Dictionary<TypeDeclarationSyntax, bool>> DeclarationsToMark(
        IEnumerable<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        var edits = new Dictionary<SyntaxTree, Dictionary<TypeDeclarationSyntax, bool>>();
        void Add(TypeDeclarationSyntax declaration, bool addAttribute)
        {
            if (!edits.TryGetValue(declaration.SyntaxTree, out var declarations))
            {
                edits[declaration.SyntaxTree] = declarations = new Dictionary<TypeDeclarationSyntax, bool>();
            }

            declarations[declaration] = addAttribute || (declarations.TryGetValue(declaration, out var already) && already);
        }

        foreach (var type in types)
        {
            var declarations = Declarations(type, cancellationToken)
                .OrderBy(declaration => declaration.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                .ThenBy(declaration => declaration.SpanStart)
                .ToList();
            for (var i = 0; i < declarations.Count; i++)
            {
                Add(declarations[i], addAttribute: i == 0);
            }

            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                foreach (var declaration in Declarations(outer, cancellationToken))
                {
                    Add(declaration, addAttribute: false);
                }
            }
        }

        return edits;
    }

    private static IEnumerable<TypeDeclarationSyntax> Declarations(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();

    public static TypeDeclarationSyntax Mark(TypeDeclarationSyntax declaration, bool addAttribute, SyntaxTrivia endOfLine)
    {
        declaration = AddPartial(declaration);
        return addAttribute ? AddAttribute(declaration, endOfLine) : declaration;
    }

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        if (declaration.Modifiers.Count == 0)
        {
            // `partial` goes where the keyword was, with the keyword's indentation or comments.
            var keyword = declaration.Keyword;
            var partialKeyword = Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
            return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(TokenList(partialKeyword));
        }

        return declaration.AddModifiers(Token(TriviaList(), SyntaxKind.PartialKeyword, TriviaList(Space)));
    }

    /// <summary>Puts <c>[SerializableModel]</c> on its own line above the declaration, after its comments.</summary>
    private static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax declaration, SyntaxTrivia endOfLine)
    {
        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        var name = ParseName("global::ModelGen.SerializableModel")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var attribute = AttributeList(SingletonSeparatedList(Attribute(name)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine);
        var withIndentation = declaration.WithLeadingTrivia(indentation);
        return withIndentation.WithAttributeLists(withIndentation.AttributeLists.Insert(0, attribute));
    }
}
