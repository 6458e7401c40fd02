using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.DataSets;

/// <summary>MG1008: <c>DataSet.ReadXml</c> and <c>DataTable.ReadXml</c>, including on typed data sets.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReadXmlAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DataSetReadXml);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var dataSets = KnownTypes.Resolve(start.Compilation, "System.Data.DataSet", "System.Data.DataTable");
            if (dataSets.IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    if (invocation.TargetMethod.Name == "ReadXml" && dataSets.FindSelfOrBase(invocation.TargetMethod.ContainingType) is { } type)
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.DataSetReadXml, invocation.Syntax.GetLocation(), $"{type.Name}.ReadXml"));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
