using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.DataSets;

/// <summary>MG1008: <c>DataSet.ReadXml</c> and <c>DataTable.ReadXml</c>, including on typed data sets — and, unlike the
/// other MG1xxx rules, inside generated code: the designer's typed data sets call ReadXml in the code that reads them
/// back (<c>ReadXmlSerializable</c>), the path untrusted XML takes when a typed data set is a web service or
/// XmlSerializer parameter. The message says so, since the fix is in how the type is used, not in the file.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReadXmlAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DataSetReadXml);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
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
                            DiagnosticDescriptors.DataSetReadXml,
                            invocation.Syntax.GetLocation(),
                            operation.IsGeneratedCode ? $"{type.Name}.ReadXml (in generated code)" : $"{type.Name}.ReadXml"));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
