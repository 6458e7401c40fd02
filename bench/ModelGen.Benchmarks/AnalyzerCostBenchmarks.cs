using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Tests.DataFlow;

namespace ModelGen.Benchmarks;

/// <summary>The cost of ModelGen's MG1xxx analyzers against the .NET SDK's deserialization rules (CA2300–CA2330,
/// CA2350–CA2362, CA5360–CA5372, loaded from the SDK and forced on) on one large compilation: the repository's own
/// sources plus a synthetic corpus of copies of the analyzer tests' snippets (tests/ModelGen.Analyzers.Tests/DataFlow/
/// FlowCorpus.cs), well over 1,000 methods that use serializers. The benchmarks time a whole analyzer pass (binding
/// included, which both sides pay); <c>--analyzer-cost</c> prints the analyzers' own execution time from
/// <see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/>, the figure the README quotes.</summary>
public class AnalyzerCostBenchmarks
{
    /// <summary>Copies of the corpus: 24 snippets of 1–4 methods each (39 methods), 1,092 methods with 28 copies.</summary>
    public static int Copies => Payloads.Data.Small ? 2 : 28;

    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _modelGen;
    private ImmutableArray<DiagnosticAnalyzer> _sdk;
    private ImmutableHashSet<string> _modelGenIds = null!;
    private ImmutableHashSet<string> _sdkIds = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Build(includeRepository: !Payloads.Data.Small);
        _modelGen = ModelGenAnalyzers();
        _modelGenIds = _modelGen.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Where(id => id.StartsWith("MG1", StringComparison.Ordinal)).ToImmutableHashSet();
        var sdk = SdkDeserializationRules.Load();
        _sdk = sdk.Analyzers;
        _sdkIds = sdk.Ids;

        // Both sides must find something in the corpus, or the comparison times analyzers that do nothing.
        var (ours, _) = Analyze(_modelGen, _modelGenIds);
        var (theirs, _) = Analyze(_sdk, _sdkIds);
        if (ours == 0 || theirs == 0)
        {
            throw new InvalidOperationException($"the corpus raised {ours} MG1xxx and {theirs} CA diagnostics; both must be found");
        }
    }

    [Benchmark(Baseline = true)]
    public int Analyze_ModelGen() => Analyze(_modelGen, _modelGenIds).Diagnostics;

    [Benchmark]
    public int Analyze_SdkDeserializationRules() => Analyze(_sdk, _sdkIds).Diagnostics;

    /// <summary>One analyzer pass over the compilation: how many of <paramref name="ids"/> were reported, and the summed
    /// execution time of the analyzers (from the driver's telemetry).</summary>
    private (int Diagnostics, TimeSpan Execution) Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableHashSet<string> ids) =>
        Analyze(analyzers, ids, perAnalyzer: null);

    private (int Diagnostics, TimeSpan Execution) Analyze(
        ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableHashSet<string> ids, Dictionary<string, List<TimeSpan>>? perAnalyzer)
    {
        var options = _compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn)));
        var withAnalyzers = _compilation.WithOptions(options).WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var execution = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
            execution += time;
            if (perAnalyzer is not null)
            {
                var name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out var times))
                {
                    perAnalyzer[name] = times = [];
                }

                times.Add(time);
            }
        }

        return (diagnostics.Count(d => ids.Contains(d.Id)), execution);
    }

    /// <summary><c>--analyzer-cost [rounds]</c>: both analyzer sets on the large compilation, interleaved, several rounds;
    /// prints the median and fastest analyzer execution time of each and their ratio.</summary>
    public static int Report(int rounds)
    {
        var bench = new AnalyzerCostBenchmarks();
        var clock = Stopwatch.StartNew();
        bench.Setup();
        static int Methods(SyntaxTree tree) => tree.GetRoot().DescendantNodes().Count(node =>
            node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax);
        var corpus = bench._compilation.SyntaxTrees.Where(tree => tree.FilePath.StartsWith("Corpus/", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"compilation: {bench._compilation.SyntaxTrees.Count()} files, {bench._compilation.SyntaxTrees.Sum(Methods)} methods: "
            + $"{corpus.Sum(Methods)} in {Copies} copies of the {FlowCorpus.Unsafe.Length + FlowCorpus.Safe.Length} corpus snippets, the rest the repository's src/; setup {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"ModelGen: {bench._modelGen.Length} analyzers; SDK: {bench._sdk.Length} analyzers for {bench._sdkIds.Count} rules ({SdkDeserializationRules.Load().Directory})");
        var perAnalyzer = new Dictionary<string, List<TimeSpan>>();
        var ours = new List<(int Diagnostics, TimeSpan Execution, TimeSpan Wall)>();
        var theirs = new List<(int Diagnostics, TimeSpan Execution, TimeSpan Wall)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (analyzers, ids, results) in new[] { (bench._modelGen, bench._modelGenIds, ours), (bench._sdk, bench._sdkIds, theirs) })
            {
                var wall = Stopwatch.StartNew();
                var (diagnostics, execution) = bench.Analyze(analyzers, ids, perAnalyzer);
                results.Add((diagnostics, execution, wall.Elapsed));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| analyzers | diagnostics | analyzer execution, median | fastest | whole pass (binding included), median |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row("ModelGen MG1xxx", ours);
        Row("SDK CA23xx/CA53xx deserialization rules", theirs);
        var ratio = Median(ours.Select(r => r.Execution)) / Median(theirs.Select(r => r.Execution));
        Console.WriteLine();
        Console.WriteLine($"ModelGen / SDK analyzer execution time (medians of {rounds} rounds): {ratio:F2}");
        Console.WriteLine();
        Console.WriteLine("The costliest analyzers (median execution time):");
        foreach (var (name, times) in perAnalyzer.OrderByDescending(entry => Median(entry.Value)).Take(12))
        {
            Console.WriteLine($"  {name,-60} {Median(times).TotalMilliseconds,8:F0} ms");
        }
        return 0;

        static void Row(string name, List<(int Diagnostics, TimeSpan Execution, TimeSpan Wall)> results) =>
            Console.WriteLine($"| {name} | {results[0].Diagnostics} | {Median(results.Select(r => r.Execution)).TotalMilliseconds:F0} ms | {results.Min(r => r.Execution).TotalMilliseconds:F0} ms | {Median(results.Select(r => r.Wall)).TotalMilliseconds:F0} ms |");
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static ImmutableArray<DiagnosticAnalyzer> ModelGenAnalyzers() =>
        typeof(ModelGen.Analyzers.Formatters.InsecureFormatterAnalyzer).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .Where(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id.StartsWith("MG1", StringComparison.Ordinal)))
            .ToImmutableArray();

    /// <summary>The corpus copies (each in its own namespace), the legacy serializer stand-ins of the analyzer tests and,
    /// for the full run, every C# file under src/ (it need not compile cleanly: analyzers run on what binds).</summary>
    private static CSharpCompilation Build(bool includeRepository)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(ModelGen.Analyzers.Tests.Infrastructure.Stubs.LegacySerializers, parse, path: "LegacySerializers.cs") };
        var snippets = FlowCorpus.Unsafe.Concat(FlowCorpus.Safe).ToArray();
        for (var copy = 0; copy < Copies; copy++)
        {
            for (var i = 0; i < snippets.Length; i++)
            {
                var source = snippets[i].Source.Replace("namespace Corpus;", $"namespace Corpus.Copy{copy};", StringComparison.Ordinal);
                trees.Add(CSharpSyntaxTree.ParseText(source, parse, path: $"Corpus/Copy{copy}/Snippet{i}.cs"));
            }
        }

        if (includeRepository && FindRepository() is { } root)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
            {
                if (!file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: file));
                }
            }
        }

        var references = Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(global::MessagePack.MessagePackSerializer).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(global::MessagePack.MessagePackObjectAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(CSharpCompilation).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Compilation).Assembly.Location));
        return CSharpCompilation.Create(
            "AnalyzerCost",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    private static string? FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelGen.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
