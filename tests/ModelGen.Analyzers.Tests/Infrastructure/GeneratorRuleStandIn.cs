using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Generator.Diagnostics;
using ModelGen.Generator.Parsing;

namespace ModelGen.Analyzers.Tests.Infrastructure;

/// <summary>Reports one of the generator's diagnostics as an analyzer, for code fix tests: the testing framework's
/// compilations check analyzer diagnostics, not a generator's. It runs the generator's own parser (compiled into the
/// analyzers assembly), so it reports exactly where and what the generator does; tests/ModelGen.Generator.Tests runs
/// the fixes against the real generator.</summary>
// Handed to the tests directly: the attribute would make this test assembly an analyzer assembly (RS1036, RS1038, RS1041).
#pragma warning disable RS1001
public abstract class GeneratorRuleStandIn(DiagnosticDescriptor rule) : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(symbolContext =>
        {
            var type = (INamedTypeSymbol)symbolContext.Symbol;
            var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is TypeShapes.SerializableModelAttribute or TypeShapes.HyperparametersAttribute);
            if (attribute is null)
            {
                return;
            }

            foreach (var diagnostic in ModelParser.Parse(type, attribute, symbolContext.CancellationToken).Diagnostics)
            {
                if (diagnostic.Descriptor.Id == rule.Id)
                {
                    symbolContext.ReportDiagnostic(diagnostic.ToDiagnostic(symbolContext.Compilation));
                }
            }
        }, SymbolKind.NamedType);
    }
}

/// <summary>MG0023 (a struct model without a KeptMembers field).</summary>
public sealed class KeptMembersRuleStandIn() : GeneratorRuleStandIn(DiagnosticDescriptors.StructWithoutKeptMembers);

/// <summary>MG0025 (another serializer's attribute).</summary>
public sealed class ForeignAttributeRuleStandIn() : GeneratorRuleStandIn(DiagnosticDescriptors.ForeignSerializerAttribute);
#pragma warning restore RS1001
