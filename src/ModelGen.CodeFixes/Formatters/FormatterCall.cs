using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>The shape of a formatter call a code fix can rewrite: <c>formatter.Serialize(stream, value)</c>, or
/// <c>(T)formatter.Deserialize(stream)</c> / <c>formatter.Deserialize(stream) as T</c>, with the model type
/// <see cref="ModelType"/> the call writes or reads.</summary>
internal sealed class FormatterCall
{
    private FormatterCall(InvocationExpressionSyntax invocation, ExpressionSyntax nodeToReplace, ArgumentSyntax stream, ArgumentSyntax? value, TypeSyntax? typeSyntax, ITypeSymbol modelType)
    {
        Receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        NodeToReplace = nodeToReplace;
        Stream = stream;
        Value = value;
        TypeSyntax = typeSyntax;
        ModelType = modelType;
    }

    public ExpressionSyntax NodeToReplace { get; }

    /// <summary>The formatter the method is called on (<c>formatter</c> in <c>formatter.Serialize(...)</c>).</summary>
    public ExpressionSyntax? Receiver { get; }

    public ArgumentSyntax Stream { get; }

    /// <summary>The value written; null for a read.</summary>
    public ArgumentSyntax? Value { get; }

    /// <summary>The type a read is cast to; null for a write.</summary>
    public TypeSyntax? TypeSyntax { get; }

    public ITypeSymbol ModelType { get; }

    public bool IsRead => Value is null;

    public static FormatterCall? TryParse(SemanticModel semanticModel, SyntaxNode? node, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax invocation
            || semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || method.Parameters.Length == 0
            || !IsStream(method.Parameters[0].Type))
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        switch (method.Name)
        {
            case "Serialize" or "WriteObject" when arguments.Count == 2:
                return semanticModel.GetTypeInfo(arguments[1].Expression, cancellationToken).Type is { } written
                    ? new FormatterCall(invocation, invocation, arguments[0], arguments[1], null, written)
                    : null;
            case "Deserialize" or "ReadObject" when arguments.Count == 1:
                var (conversion, type) = ConversionAround(invocation);
                return conversion is not null && type is not null && semanticModel.GetTypeInfo(type, cancellationToken).Type is { } read
                    ? new FormatterCall(invocation, conversion, arguments[0], null, type, read)
                    : null;
            default:
                return null;
        }
    }

    private static (ExpressionSyntax? Conversion, TypeSyntax? Type) ConversionAround(ExpressionSyntax expression)
    {
        var parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            expression = (ExpressionSyntax)parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            CastExpressionSyntax cast => (cast, cast.Type),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression, Right: TypeSyntax type } asExpression => (asExpression, type),
            _ => (null, null),
        };
    }

    private static bool IsStream(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Stream", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }
}
