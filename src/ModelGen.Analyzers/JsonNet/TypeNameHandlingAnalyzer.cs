using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.JsonNet;

/// <summary>MG1002: Json.NET's TypeNameHandling set to anything but None: on settings, serializers and contracts,
/// in object initializers, and in <c>[JsonProperty]</c>/<c>[JsonObject]</c>/<c>[JsonContainer]</c> arguments (named
/// attribute arguments are assignments to the attribute's properties, so one operation action sees them all).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeNameHandlingAnalyzer : DiagnosticAnalyzer
{
    internal const string TypeNameHandlingMetadataName = "Newtonsoft.Json.TypeNameHandling";

    /// <summary>Set on diagnostics whose value is a constant, which the code fix can replace with None.</summary>
    internal const string ConstantValueProperty = "ConstantValue";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.JsonNetTypeNameHandling);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNameHandlingMetadataName) is not { } typeNameHandling)
            {
                return;
            }

            start.RegisterOperationAction(
                operation => AnalyzeAssignment(operation, typeNameHandling),
                OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol typeNameHandling)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !IsJsonNetSetting(property, typeNameHandling))
        {
            return;
        }

        var value = assignment.Value;
        var constant = value.ConstantValue;
        if (assignment is ISimpleAssignmentOperation && (constant.HasValue ? IsNone(constant.Value) : ProvablyNone(value, context.CancellationToken)))
        {
            return;
        }

        // Only a constant can be replaced by None without changing what the code computes around it.
        var properties = assignment is ISimpleAssignmentOperation && constant.HasValue
            ? ImmutableDictionary<string, string?>.Empty.Add(ConstantValueProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.JsonNetTypeNameHandling, value.Syntax.GetLocation(), properties, property.Name, value.Syntax.ToString()));
    }

    /// <summary>A Json.NET property of type TypeNameHandling (or TypeNameHandling?), such as
    /// <c>JsonSerializerSettings.TypeNameHandling</c> or <c>JsonProperty.ItemTypeNameHandling</c>.</summary>
    private static bool IsJsonNetSetting(IPropertySymbol property, INamedTypeSymbol typeNameHandling)
    {
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : property.Type;
        return SymbolEqualityComparer.Default.Equals(type, typeNameHandling)
            && SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, typeNameHandling.ContainingAssembly);
    }

    /// <summary>Whether every value that can reach the setting is a constant None (a local, field, parameter or helper
    /// that only ever holds None). Anything not followed to a constant (a property, a public method's parameter) may
    /// be anything, so it is not None.</summary>
    private static bool ProvablyNone(IOperation value, System.Threading.CancellationToken cancellation)
    {
        var origins = ValueFlow.Of(value, cancellation);
        if (origins.IsEmpty)
        {
            return false;
        }

        foreach (var origin in origins)
        {
            if (!origin.ConstantValue.HasValue || !IsNone(origin.ConstantValue.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>None, or null for the nullable settings of contracts, where null means "inherit".</summary>
    private static bool IsNone(object? value) => value is null or 0;
}
