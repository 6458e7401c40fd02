using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.JsonNet;

/// <summary>MG1003: serialization binders that resolve whatever type name they are given. Two shapes are found:
/// Json.NET's <c>DefaultSerializationBinder</c> assigned as the binder, and a <c>BindToType</c> implementation that
/// hands its arguments to <c>Type.GetType</c> (or the like) and has no way to refuse a name: it never throws and
/// never returns null.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SerializationBinderAnalyzer : DiagnosticAnalyzer
{
    private const string DefaultBinderMetadataName = "Newtonsoft.Json.Serialization.DefaultSerializationBinder";
    private const string BindToType = "BindToType";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.JsonNetUnrestrictedBinder);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var binders = KnownTypes.Resolve(
                start.Compilation,
                "Newtonsoft.Json.Serialization.ISerializationBinder",
                "System.Runtime.Serialization.SerializationBinder");
            var defaultBinder = start.Compilation.GetTypeByMetadataName(DefaultBinderMetadataName);
            if (binders.IsEmpty)
            {
                return;
            }

            var resolvers = TypeResolvers.Resolve(start.Compilation);
            start.RegisterOperationBlockAction(block => AnalyzeBindToType(block, binders, resolvers, defaultBinder));
            if (defaultBinder is not null)
            {
                start.RegisterOperationAction(
                    operation => AnalyzeAssignment(operation, defaultBinder),
                    OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol defaultBinder)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property }
            || property.Name is not ("SerializationBinder" or "Binder")
            || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, defaultBinder.ContainingAssembly))
        {
            return;
        }

        foreach (var origin in ValueFlow.Of(assignment.Value))
        {
            if (origin is IObjectCreationOperation { Type: { } created } && InheritsBindToTypeOf(created, defaultBinder))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.JsonNetUnrestrictedBinder, assignment.Value.Syntax.GetLocation(), $"'{created.Name}'"));
                return;
            }
        }
    }

    /// <summary>The default binder itself, or a subclass that keeps its BindToType.</summary>
    private static bool InheritsBindToTypeOf(ITypeSymbol type, INamedTypeSymbol defaultBinder)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, defaultBinder))
            {
                return true;
            }

            if (current.GetMembers(BindToType).Any(member => member.IsOverride))
            {
                return false;
            }
        }

        return false;
    }

    private static void AnalyzeBindToType(
        OperationBlockAnalysisContext context, KnownTypes binders, TypeResolvers resolvers, INamedTypeSymbol? defaultBinder)
    {
        if (context.OwningSymbol is not IMethodSymbol { Name: BindToType, Parameters.Length: 2 } method
            || !binders.IsOrInherits(method.ContainingType))
        {
            return;
        }

        var resolvesInput = false;
        foreach (var operation in context.OperationBlocks.SelectMany(block => block.DescendantsAndSelf()))
        {
            switch (operation)
            {
                case IThrowOperation:
                    return;
                case IReturnOperation { ReturnedValue: { } returned } when ReturnsNull(returned):
                    return;
                case IInvocationOperation invocation when IsResolver(invocation.TargetMethod, resolvers, defaultBinder)
                    && invocation.Arguments.Any(argument => !argument.Value.ConstantValue.HasValue):
                    resolvesInput = true;
                    break;
            }
        }

        if (resolvesInput)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.JsonNetUnrestrictedBinder,
                method.Locations[0],
                $"'{method.ContainingType.Name}.{BindToType}'"));
        }
    }

    /// <summary>Type.GetType and the like, or the default binder's own BindToType (<c>base.BindToType</c>).</summary>
    private static bool IsResolver(IMethodSymbol method, TypeResolvers resolvers, INamedTypeSymbol? defaultBinder) =>
        resolvers.IsResolver(method)
        || (method.Name == BindToType && defaultBinder is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, defaultBinder));

    private static bool ReturnsNull(IOperation returned) =>
        ValueFlow.Of(returned).Any(origin => origin.ConstantValue is { HasValue: true, Value: null } || origin is IDefaultValueOperation);
}
