using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.PayloadTypeNames;

/// <summary>MG1009: <c>Assembly.Load*</c> and <c>Activator.CreateInstance</c> given a name (or a type resolved from
/// a name) that the same method read from the stream or document it is deserializing — the hand-written
/// "type name in the payload" pattern. Best effort, within one method body; constants are never reported.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeNameFromPayloadAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TypeNameFromPayload);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var activator = start.Compilation.GetTypeByMetadataName("System.Activator");
            var taint = PayloadTaint.Resolve(start.Compilation);
            start.RegisterOperationAction(
                operation => Analyze(operation, activator, taint),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? activator, PayloadTaint taint)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var isSink = taint.Resolvers.IsAssemblyLoad(method)
            || (method.Name.StartsWith("CreateInstance", System.StringComparison.Ordinal)
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, activator));
        if (!isSink)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            // Constructor arguments read from the payload (Activator.CreateInstance(type, args)) choose no type.
            if (argument.Parameter?.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object })
            {
                continue;
            }

            if (taint.IsFromPayload(argument.Value, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeNameFromPayload,
                    invocation.Syntax.GetLocation(),
                    $"{method.ContainingType.Name}.{method.Name}"));
                return;
            }
        }
    }
}
