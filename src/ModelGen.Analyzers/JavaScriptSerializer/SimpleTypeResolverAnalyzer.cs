using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.Analyzers.JavaScriptSerializer;

/// <summary>MG1004: <c>new JavaScriptSerializer(resolver)</c> where the resolver is a <c>SimpleTypeResolver</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SimpleTypeResolverAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.JavaScriptSerializerTypeResolver);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var serializer = KnownTypes.Resolve(start.Compilation, "System.Web.Script.Serialization.JavaScriptSerializer");
            var resolver = KnownTypes.Resolve(start.Compilation, "System.Web.Script.Serialization.SimpleTypeResolver");
            if (serializer.IsEmpty || resolver.IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var creation = (IObjectCreationOperation)operation.Operation;
                    if (serializer.FindSelfOrBase(creation.Type) is not null
                        && creation.Arguments.Any(argument => ValueFlow.Of(argument.Value).Any(origin => resolver.FindSelfOrBase(origin.Type) is not null)))
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.JavaScriptSerializerTypeResolver, creation.Syntax.GetLocation()));
                    }
                },
                OperationKind.ObjectCreation);
        });
    }
}
