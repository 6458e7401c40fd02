using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Analyzers.Common;
using ModelGen.CodeFixes.Models;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>Marks a type <c>[SerializableModel]</c> and <c>partial</c>, with the types of its members that are
/// declared in the solution (the generator needs them to be models too) and <c>partial</c> on the types that
/// contain them. A struct gets a <c>KeptMembers</c> field too, so that it keeps members of newer versions (MG0023).</summary>
internal static class MarkAsSerializableModel
{
    /// <summary>What one declaration gets: the attribute (the first declaration of a type), and the KeptMembers field
    /// of a struct (with the attribute), by name.</summary>
    public readonly record struct Marking(bool Attribute, string? KeptField);

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

    /// <summary>The declarations to change, by tree, and what each gets: the first declaration of each type gets the
    /// attribute (and a struct's KeptMembers field), every declaration of it and of its containing types <c>partial</c>.</summary>
    public static Dictionary<SyntaxTree, Dictionary<TypeDeclarationSyntax, Marking>> DeclarationsToMark(
        IEnumerable<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        var edits = new Dictionary<SyntaxTree, Dictionary<TypeDeclarationSyntax, Marking>>();
        void Add(TypeDeclarationSyntax declaration, Marking marking)
        {
            if (!edits.TryGetValue(declaration.SyntaxTree, out var declarations))
            {
                edits[declaration.SyntaxTree] = declarations = new Dictionary<TypeDeclarationSyntax, Marking>();
            }

            declarations[declaration] = declarations.TryGetValue(declaration, out var already) && already.Attribute ? already : marking;
        }

        foreach (var type in types)
        {
            var declarations = Declarations(type, cancellationToken)
                .OrderBy(declaration => declaration.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                .ThenBy(declaration => declaration.SpanStart)
                .ToList();
            for (var i = 0; i < declarations.Count; i++)
            {
                Add(declarations[i], i == 0 ? new Marking(true, KeptMembersField.NameFor(type)) : default);
            }

            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                foreach (var declaration in Declarations(outer, cancellationToken))
                {
                    Add(declaration, default);
                }
            }
        }

        return edits;
    }

    private static IEnumerable<TypeDeclarationSyntax> Declarations(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();

    public static TypeDeclarationSyntax Mark(TypeDeclarationSyntax declaration, Marking marking, SyntaxTrivia endOfLine)
    {
        declaration = IgnoreNonSerializedFields(AddPartial(declaration));
        if (marking.KeptField is { } name)
        {
            declaration = KeptMembersField.AddTo(declaration, name);
        }

        return marking.Attribute ? AddAttribute(declaration, endOfLine) : declaration;
    }

    /// <summary>A field BinaryFormatter left out (<c>[NonSerialized]</c>: a cache, a handle) gets <c>[ModelIgnore]</c> in
    /// the same list: ModelGen does not read BinaryFormatter's attribute and would save a public one (MG0025), and
    /// would report a private one as unsaved state (MG0013).</summary>
    private static TypeDeclarationSyntax IgnoreNonSerializedFields(TypeDeclarationSyntax declaration)
    {
        var lists = declaration.Members.OfType<FieldDeclarationSyntax>()
            .SelectMany(field => field.AttributeLists)
            .Where(list => list.Attributes.Any(IsNonSerialized) && !list.Parent!.DescendantNodes().OfType<AttributeSyntax>().Any(IsModelIgnore))
            .ToList();
        return declaration.ReplaceNodes(lists, (list, _) =>
        {
            var ignore = Attribute(ParseName("global::ModelGen.ModelIgnore").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
            return list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(list.Attributes.First(IsNonSerialized)) + 1, ignore));
        });

        static bool IsNonSerialized(AttributeSyntax a) => LastName(a) is "NonSerialized" or "NonSerializedAttribute";

        static bool IsModelIgnore(AttributeSyntax a) => LastName(a) is "ModelIgnore" or "ModelIgnoreAttribute";

        static string LastName(AttributeSyntax a) => a.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax q => q.Name.Identifier.ValueText,
            SimpleNameSyntax n => n.Identifier.ValueText,
            _ => "",
        };
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
