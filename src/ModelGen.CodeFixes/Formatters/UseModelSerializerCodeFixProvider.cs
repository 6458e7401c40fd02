using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ModelGen.Analyzers.Common;
using ModelGen.Analyzers.Descriptors;

namespace ModelGen.CodeFixes.Formatters;

/// <summary>MG1001 on a model: <c>formatter.Serialize(stream, model)</c> → <c>ModelSerializer.Serialize(stream, model)</c>
/// and <c>(T)formatter.Deserialize(stream)</c> → <c>ModelSerializer.Deserialize&lt;T&gt;(stream)</c>; the formatter's
/// declaration goes too when nothing else uses it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseModelSerializerCodeFixProvider))]
[Shared]
public sealed class UseModelSerializerCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "UseModelSerializer";
    private const string ModelSerializerMetadataName = "ModelGen.ModelSerializer";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InsecureFormatter.Id);

    /// <summary>Fix-all moves the whole scope in one edit (see <see cref="FormatterFixAll"/>).</summary>
    public override FixAllProvider GetFixAllProvider() => FormatterFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null
            || semanticModel.Compilation.GetTypeByMetadataName(ModelSerializerMetadataName) is null
            || ModelTypes.Resolve(semanticModel.Compilation) is not { } models)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (FormatterCall.TryParse(semanticModel, node, context.CancellationToken) is not { } call || !models.IsModel(call.ModelType))
            {
                continue;
            }

            var title = call.IsRead
                ? $"Use ModelSerializer.Deserialize<{call.ModelType.Name}>"
                : "Use ModelSerializer.Serialize";
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => FormatterMigration.ApplyAsync(document.Project.Solution, [(document, [diagnostic])], markTypes: false, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
