using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.MessagePack;

/// <summary>MG1005: every use of MessagePack's typeless mode — calls into <c>MessagePackSerializer.Typeless</c>, the
/// typeless resolvers and formatters (members, construction, <c>typeof</c> in <c>[MessagePackFormatter]</c>).
/// MG1006: <c>MessagePackSecurity.TrustedData</c>, which only matters when reading, so every mention is one.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypelessAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] TypelessNames =
    [
        "MessagePack.MessagePackSerializer+Typeless",
        "MessagePack.Resolvers.TypelessContractlessStandardResolver",
        "MessagePack.Resolvers.TypelessObjectResolver",
        "MessagePack.Formatters.TypelessFormatter",
        "MessagePack.Formatters.ForceTypelessFormatter`1",
    ];

    private const string SecurityMetadataName = "MessagePack.MessagePackSecurity";
    private const string TrustedData = "TrustedData";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MessagePackTypeless, DiagnosticDescriptors.MessagePackTrustedData);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var typeless = KnownTypes.Resolve(start.Compilation, TypelessNames);
            var security = start.Compilation.GetTypeByMetadataName(SecurityMetadataName);
            if (typeless.IsEmpty && security is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operation => Analyze(operation, typeless, security),
                OperationKind.Invocation,
                OperationKind.FieldReference,
                OperationKind.PropertyReference,
                OperationKind.ObjectCreation,
                OperationKind.TypeOf);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownTypes typeless, INamedTypeSymbol? security)
    {
        var operation = context.Operation;
        var used = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.ContainingType,
            IMemberReferenceOperation member => member.Member.ContainingType,
            IObjectCreationOperation creation => creation.Type,
            ITypeOfOperation typeOf => typeOf.TypeOperand,
            _ => null,
        };

        if (typeless.Contains(used))
        {
            // Report the outermost use only: `TypelessContractlessStandardResolver.Options` is one use, not two.
            if (operation.Parent is IMemberReferenceOperation or IInvocationOperation && typeless.Contains(ContainingTypeOf(operation.Parent)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MessagePackTypeless, operation.Syntax.GetLocation(), DisplayName(used!)));
        }
        else if (operation is IFieldReferenceOperation { Field: { Name: TrustedData } field }
            && SymbolEqualityComparer.Default.Equals(field.ContainingType, security))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MessagePackTrustedData, operation.Syntax.GetLocation()));
        }
    }

    private static ITypeSymbol? ContainingTypeOf(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.ContainingType,
        IMemberReferenceOperation member => member.Member.ContainingType,
        _ => null,
    };

    /// <summary><c>MessagePackSerializer.Typeless</c> rather than just <c>Typeless</c>.</summary>
    private static string DisplayName(ITypeSymbol type) =>
        type.ContainingType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
}
