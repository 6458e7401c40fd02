using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>The data-flow walk meets every shape of code the repository has (generators, runtime, tools, with
/// whatever does not bind in one flat compilation): no analyzer may throw (an exception is an AD0001 warning in the
/// user's build and a rule that silently stops).</summary>
public sealed class RepositorySourcesTests
{
    [Fact]
    public async Task The_MG1xxx_analyzers_run_over_the_repository_and_the_corpus_without_an_exception()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ModelGen.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var separator = Path.DirectorySeparatorChar;
        var trees = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: file))
            .Concat(FlowCorpus.Unsafe.Concat(FlowCorpus.Safe).Select((snippet, i) =>
                CSharpSyntaxTree.ParseText(snippet.Source.Replace("namespace Corpus;", $"namespace Corpus.S{i};", StringComparison.Ordinal), parse, path: $"Corpus{i}.cs")))
            .ToList();
        Assert.True(trees.Count > 50, $"only {trees.Count} source files found under {root.FullName}/src");
        var compilation = CSharpCompilation.Create(
            "Repository",
            trees,
            TestReferences.All().Append(MetadataReference.CreateFromFile(typeof(Compilation).Assembly.Location))
                .Append(MetadataReference.CreateFromFile(typeof(CSharpCompilation).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var exceptions = new ConcurrentBag<string>();
        var analyzers = SdkRuleComparisonTests.ModelGenRules.Analyzers;
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.IsEmpty, string.Join(Environment.NewLine, exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id.StartsWith("MG1", StringComparison.Ordinal));
    }
}
