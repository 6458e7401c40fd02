using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.XmlSerializers;

/// <summary>MG1007: an XmlSerializer or data-contract serializer created for a type that
/// <c>Type.GetType</c> (or <c>Assembly.GetType</c>) resolved from a non-constant string.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeFromStringAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] SerializerNames =
    [
        "System.Xml.Serialization.XmlSerializer",
        "System.Runtime.Serialization.DataContractSerializer",
        "System.Runtime.Serialization.Json.DataContractJsonSerializer",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TypeFromStringSerializer);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var serializers = KnownTypes.Resolve(start.Compilation, SerializerNames);
            if (serializers.IsEmpty)
            {
                return;
            }

            var resolvers = TypeResolvers.Resolve(start.Compilation);
            start.RegisterOperationAction(
                operation => Analyze(operation, serializers, resolvers),
                OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownTypes serializers, TypeResolvers resolvers)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (serializers.FindSelfOrBase(creation.Type) is not { } serializer
            || creation.Arguments.Length == 0
            || !SymbolEqualityComparer.Default.Equals(creation.Arguments[0].Parameter?.Type, resolvers.SystemType))
        {
            return;
        }

        foreach (var origin in ValueFlow.Of(creation.Arguments[0].Value, context.CancellationToken))
        {
            if (origin is IInvocationOperation { Arguments.Length: > 0 } invocation
                && resolvers.IsGetType(invocation.TargetMethod)
                && !invocation.Arguments[0].Value.ConstantValue.HasValue)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeFromStringSerializer, creation.Syntax.GetLocation(), serializer.Name));
                return;
            }
        }
    }
}
