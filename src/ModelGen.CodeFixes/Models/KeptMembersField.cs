using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using ModelGen.Generator.Parsing;

namespace ModelGen.CodeFixes.Models;

/// <summary>The <c>private KeptMembers _kept;</c> field through which a struct model keeps members of newer versions
/// (MG0023): declared by MG0023's fix, and by the fixes that make a struct a model.</summary>
internal static class KeptMembersField
{
    internal const string KeptMembersType = "ModelGen.KeptMembers";

    /// <summary>The name for the field <paramref name="type"/> needs: "_kept", or "_kept2"... when a member or primary
    /// constructor parameter has that name; null when it needs none (not a struct, or one that has the field already)
    /// or cannot hold one (a readonly struct, where MG0023 says what to do).</summary>
    public static string? NameFor(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Struct || type.IsReadOnly
            || type.GetMembers().Any(m => m is IFieldSymbol { IsStatic: false } f && TypeShapes.Is(f.Type, KeptMembersType)))
        {
            return null;
        }

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

    /// <summary>The declaration with the field after its members (and a body, for a positional record struct without one).</summary>
    public static TypeDeclarationSyntax AddTo(TypeDeclarationSyntax declaration, string name)
    {
        var field = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.ParseTypeName("global::" + KeptMembersType).WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name))))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword)))
            .WithAdditionalAnnotations(Formatter.Annotation);

        if (declaration.OpenBraceToken.IsKind(SyntaxKind.None))
        {
            declaration = declaration
                .WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Formatter.Annotation))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(declaration.SemicolonToken.TrailingTrivia).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return declaration.AddMembers(field);
    }
}
