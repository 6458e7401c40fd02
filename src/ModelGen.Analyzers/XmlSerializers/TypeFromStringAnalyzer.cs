using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.XmlSerializers;

/// <summary>MG1007: an XmlSerializer or data-contract serializer created for a type that <c>Type.GetType</c> (or
/// <c>Assembly.GetType</c>) resolved from a non-constant string, or for a <c>Type</c> that callers outside the assembly
/// pass to a public method, when that serializer then reads (<c>Deserialize</c>, <c>ReadObject</c>). The type is
/// followed with <see cref="ValueFlow"/>: through locals, fields, helpers and the calls of private methods.</summary>
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
            string? source = origin switch
            {
                IInvocationOperation { Arguments.Length: > 0 } invocation when resolvers.IsGetType(invocation.TargetMethod)
                    && !invocation.Arguments[0].Value.ConstantValue.HasValue => "a type from Type.GetType on a non-constant string",
                IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter }
                    when SymbolEqualityComparer.Default.Equals(parameter.Type, resolvers.SystemType) && IsExternallyVisible(method)
                    && Deserializes(creation, context.CancellationToken) => $"the Type that callers of public '{method.Name}' pass in '{parameter.Name}'",
                _ => null,
            };
            if (source is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeFromStringSerializer, creation.Syntax.GetLocation(), serializer.Name, source));
                return;
            }
        }
    }

    /// <summary>Callable from another assembly: public or protected, in types that are too.</summary>
    private static bool IsExternallyVisible(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the serializer created here reads with it in the same body: a serializer only ever used to write
    /// cannot be made to create anything.</summary>
    private static bool Deserializes(IObjectCreationOperation creation, System.Threading.CancellationToken cancellation)
    {
        var root = creation;
        IOperation top = creation;
        while (top.Parent is { } parent)
        {
            top = parent;
        }

        foreach (var operation in top.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Deserialize" or "ReadObject", Instance: { } instance }
                && ValueFlow.Of(instance, cancellation).Any(origin => origin.Syntax == root.Syntax))
            {
                return true;
            }
        }

        return false;
    }
}
