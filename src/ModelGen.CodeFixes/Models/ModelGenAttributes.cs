using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ModelGen.CodeFixes.Models;

/// <summary>What the fixes that add ModelGen's attributes to a member share (MG0025, MG2007): the attribute, simplified
/// to what the file's usings allow, and its place after another attribute in that one's list (which keeps a record
/// parameter's <c>property:</c> target).</summary>
internal static class ModelGenAttributes
{
    /// <summary><c>[ModelGen.{name}({arguments})]</c>, written <c>[{name}(...)]</c> where <c>using ModelGen;</c> is in scope.</summary>
    public static AttributeSyntax Create(string name, string? arguments = null)
    {
        var type = SyntaxFactory.ParseName("global::ModelGen." + name).WithAdditionalAnnotations(Simplifier.Annotation);
        return arguments is null ? SyntaxFactory.Attribute(type) : SyntaxFactory.Attribute(type, SyntaxFactory.ParseAttributeArgumentList($"({arguments})"));
    }

    /// <summary>A C# string literal of <paramref name="text"/>.</summary>
    public static string Literal(string text) => SyntaxFactory.Literal(text).ToString();

    /// <summary>The member a declaration's symbol stands for: a positional record parameter's property, or the property
    /// or field itself.</summary>
    public static ISymbol? Member(ISymbol? declared) => declared switch
    {
        IParameterSymbol p => p.ContainingType?.GetMembers(p.Name).OfType<IPropertySymbol>().FirstOrDefault(),
        IPropertySymbol or IFieldSymbol => declared,
        _ => null,
    };

    /// <summary>The document with <paramref name="added"/> right after <paramref name="after"/>, in its list.</summary>
    public static async Task<Document> InsertAfterAsync(Document document, AttributeSyntax after, AttributeSyntax[] added, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || after.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        var attributes = list.Attributes.InsertRange(list.Attributes.IndexOf(after) + 1, added);
        return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(attributes)));
    }
}
