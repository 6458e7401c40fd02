using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Diagnostics;
using ModelGen.Generator.Emit;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;

namespace ModelGen.Generator;

/// <summary>Generates binary, JSON and dictionary serializers and a schema for every [SerializableModel] and
/// [Hyperparameters] type. Pipeline: find (ForAttributeWithMetadataName) → parse (symbols → equatable ModelSpec)
/// → emit (ModelSpec → source); diagnostics travel beside the model and are reported in their own step.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public const string ParseStep = "ModelGen.Parse";
    public const string ModelStep = "ModelGen.Model";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> Find(string attribute) => context.SyntaxProvider.ForAttributeWithMetadataName(
            attribute,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, ct) => ModelParser.Parse(ctx, ct));

        IncrementalValuesProvider<ParseResult> models = Find(TypeShapes.SerializableModelAttribute).Collect()
            .Combine(Find(TypeShapes.HyperparametersAttribute).Collect())
            .SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right))
            .WithTrackingName(ParseStep);

        // Each diagnostic at its span in the compilation's tree, so that #pragma warning disable reaches the warnings.
        // The pairing with the compilation runs again on every edit, for the diagnostics alone (none on a clean model):
        // parsing, the models and their sources stay cached.
        context.RegisterSourceOutput(models.SelectMany(static (r, _) => r.Diagnostics).Combine(context.CompilationProvider),
            static (spc, pair) => spc.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

        IncrementalValuesProvider<ModelSpec> specs = models
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(ModelStep);

        // One file a model: its serializers, schema and JSON Schema part, which depend on that model alone (an edit
        // regenerates the edited model's file and nothing else).
        context.RegisterSourceOutput(specs, static (spc, model) => spc.AddSource(ModelEmitter.HintName(model), ModelEmitter.Emit(model)));

        // A model with errors gets a stub, so that its errors are the only ones (no follow-on errors in other models).
        context.RegisterSourceOutput(models.Where(static r => r.Stub is not null).Select(static (r, _) => r.Stub!), static (spc, stub) =>
            spc.AddSource(ModelEmitter.StubHintName(stub), ModelEmitter.EmitStub(stub)));
    }
}
