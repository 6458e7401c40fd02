using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>MG1001 on a type that is not a model yet: marks the type (and the types it needs) <c>[SerializableModel]</c>
/// and <c>partial</c>, so the generator emits its serializer, and moves the call to <c>ModelSerializer</c> in the same
/// edit, removing the formatter when nothing else uses it. One pass, no second run after the generator.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkAsSerializableModelCodeFixProvider))]
[Shared]
public sealed class MarkAsSerializableModelCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "MarkAsSerializableModel";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InsecureFormatter.Id);

    public override FixAllProvider GetFixAllProvider() => FormatterFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null || ModelTypes.Resolve(semanticModel.Compilation) is not { } models)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FormatterCall.TryParse(semanticModel, node, context.CancellationToken) is not { } call || models.IsModel(call.ModelType)
                || !MarkAsSerializableModel.TypesToMark(call.ModelType, models).Any(type => SymbolEqualityComparer.Default.Equals(type, call.ModelType.OriginalDefinition)))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Mark '{call.ModelType.Name}' as [SerializableModel] and use ModelSerializer",
                    cancellationToken => FormatterMigration.ApplyAsync(document.Project.Solution, [(document, [diagnostic])], markTypes: true, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
