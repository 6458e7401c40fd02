using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.Formatters;

/// <summary>MG1001: BinaryFormatter and the other formatters that instantiate types named in their input,
/// found where they are created and where they read or write, also through <c>IFormatter</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureFormatterAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] FormatterNames =
    [
        "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
        "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
        "System.Runtime.Serialization.NetDataContractSerializer",
        "System.Web.UI.LosFormatter",
        "System.Web.UI.ObjectStateFormatter",
    ];

    /// <summary>The abstractions a formatter is used through; a call on one of them is reported when the
    /// instance is seen to be an insecure formatter.</summary>
    private static readonly string[] AbstractionNames =
    [
        "System.Runtime.Serialization.IFormatter",
        "System.Runtime.Serialization.Formatter",
        "System.Runtime.Serialization.XmlObjectSerializer",
        "System.Web.UI.IStateFormatter",
    ];

    /// <summary>The methods that read or write a payload.</summary>
    internal static readonly ImmutableHashSet<string> PayloadMethods =
        ImmutableHashSet.Create("Serialize", "Deserialize", "ReadObject", "WriteObject", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InsecureFormatter);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var formatters = KnownTypes.Resolve(start.Compilation, FormatterNames);
            if (formatters.IsEmpty)
            {
                return;
            }

            var abstractions = KnownTypes.Resolve(start.Compilation, AbstractionNames);
            start.RegisterOperationAction(
                operation => AnalyzeCreation(operation, formatters),
                OperationKind.ObjectCreation);
            start.RegisterOperationAction(
                operation => AnalyzeInvocation(operation, formatters, abstractions),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes formatters)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (formatters.FindSelfOrBase(creation.Type) is { } formatter)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InsecureFormatter, creation.Syntax.GetLocation(), formatter.Name));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes formatters, KnownTypes abstractions)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Instance is not { } instance || !PayloadMethods.Contains(invocation.TargetMethod.Name))
        {
            return;
        }

        var formatter = formatters.FindSelfOrBase(invocation.TargetMethod.ContainingType);
        if (formatter is null && abstractions.IsOrInherits(invocation.TargetMethod.ContainingType))
        {
            formatter = FindFormatterBehind(instance, formatters);
        }

        if (formatter is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InsecureFormatter, invocation.Syntax.GetLocation(), formatter.Name));
        }
    }

    private static INamedTypeSymbol? FindFormatterBehind(IOperation instance, KnownTypes formatters)
    {
        foreach (var origin in ValueFlow.Of(instance))
        {
            if (formatters.FindSelfOrBase(origin.Type) is { } formatter)
            {
                return formatter;
            }
        }

        return null;
    }
}
