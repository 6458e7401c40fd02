using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generator;

namespace ModelGen.Benchmarks;

/// <summary>ModelGen's generator and System.Text.Json's (loaded from the SDK's targeting pack) on the same synthetic
/// compilation of 300 model types, from scratch and after an edit that touches no model; with and without a chain of
/// references (each model holds the previous one), one model per file and many per file (issue 15).</summary>
public class GeneratorBenchmarks
{
    /// <summary>Each model has a member of the previous model's type: JSON Schemas reach every earlier model.</summary>
    [Params(true, false)]
    public bool Chain { get; set; } = true;

    /// <summary>Models per source file.</summary>
    [Params(1, 30)]
    public int ModelsPerFile { get; set; } = 30;

    public static int TypeCount => Payloads.Data.Small ? 30 : 300;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly MetadataReference[] References =
        Net100.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(ModelSerializer).Assembly.Location)).ToArray();

    private SyntaxTree[] _trees = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;
    private ISourceGenerator _modelGen = null!;
    private ISourceGenerator _systemTextJson = null!;
    private GeneratorDriver _modelGenWarm = null!;
    private GeneratorDriver _systemTextJsonWarm = null!;
    private ISourceGenerator? _baseline;
    private GeneratorDriver? _baselineWarm;

    /// <summary>Another build of ModelGen's generator (<c>MODELGEN_BASELINE_GENERATOR</c>: the path of its
    /// ModelGen.Generator.dll, e.g. main's), run beside this one in the same process, for before/after figures.</summary>
    public static string? BaselinePath => Environment.GetEnvironmentVariable("MODELGEN_BASELINE_GENERATOR") is { Length: > 0 } path ? path : null;

    [GlobalSetup]
    public void Setup()
    {
        _trees = Sources(Chain, ModelsPerFile).Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Models{i}.cs")).ToArray();
        _unrelated = CSharpSyntaxTree.ParseText(Unrelated(1), ParseOptions, path: "Unrelated.cs");
        _unrelatedEdited = CSharpSyntaxTree.ParseText(Unrelated(2), ParseOptions, path: "Unrelated.cs");
        _modelGen = new ModelGenerator().AsSourceGenerator();
        _systemTextJson = LoadSystemTextJsonGenerator();

        CheckOutput(Run(_modelGen), "ModelGen", "ModelGen.Bench.Model0", TypeCount);
        CheckOutput(Run(_systemTextJson), "System.Text.Json", "Model0", 1);
        _modelGenWarm = Driver(_modelGen).RunGenerators(Compilation(_unrelated));
        _systemTextJsonWarm = Driver(_systemTextJson).RunGenerators(Compilation(_unrelated));
        CheckUnrelatedEditIsCached();
        if (BaselinePath is { } baseline)
        {
            _baseline = s_baseline ??= LoadGenerator(baseline, "ModelGen baseline");
            CheckOutput(Run(_baseline), "ModelGen baseline", "ModelGen.Bench.Model0", TypeCount);
            _baselineWarm = Driver(_baseline).RunGenerators(Compilation(_unrelated));
        }
    }

    /// <summary>For a cold first run: trees and generators ready, no generator run yet (so none is JIT-compiled).</summary>
    public void PrepareCold()
    {
        _trees = Sources(Chain, ModelsPerFile).Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Models{i}.cs")).ToArray();
        _unrelated = CSharpSyntaxTree.ParseText(Unrelated(1), ParseOptions, path: "Unrelated.cs");
        _modelGen = new ModelGenerator().AsSourceGenerator();
        _systemTextJson = LoadSystemTextJsonGenerator();
        // The compiler itself warm (as in a build server or the IDE): bind a compilation of the same trees, without generators.
        _ = Compilation(_unrelated).GetDiagnostics();
    }

    [Benchmark]
    public GeneratorDriver Generate_ModelGen() => Run(_modelGen);

    [Benchmark]
    public GeneratorDriver Generate_SystemTextJson() => Run(_systemTextJson);

    [Benchmark]
    public GeneratorDriver UnrelatedEdit_ModelGen() => _modelGenWarm.RunGenerators(Compilation(_unrelatedEdited));

    private GeneratorDriver? _findOnlyWarm;
    public GeneratorDriver UnrelatedEdit_FindOnly() =>
        (_findOnlyWarm ??= Driver(new FindOnlyGenerator().AsSourceGenerator()).RunGenerators(Compilation(_unrelated))).RunGenerators(Compilation(_unrelatedEdited));

    public GeneratorDriver Generate_Baseline() => Run(_baseline!);

    public GeneratorDriver UnrelatedEdit_Baseline() => _baselineWarm!.RunGenerators(Compilation(_unrelatedEdited));

    [Benchmark]
    public GeneratorDriver UnrelatedEdit_SystemTextJson() => _systemTextJsonWarm.RunGenerators(Compilation(_unrelatedEdited));

    /// <summary>For <see cref="GeneratorProfileRun"/>: a run with step tracking, from scratch or after an unrelated edit.</summary>
    internal GeneratorDriver Profiled(bool modelGen, bool unrelatedEdit, Action? beforeMeasured = null)
    {
        ISourceGenerator generator = modelGen ? _modelGen : _systemTextJson;
        GeneratorDriver driver = Driver(generator, track: true);
        if (unrelatedEdit) driver = driver.RunGenerators(Compilation(_unrelated));
        CSharpCompilation compilation = Compilation(unrelatedEdit ? _unrelatedEdited : _unrelated);
        beforeMeasured?.Invoke();
        return driver.RunGenerators(compilation);
    }

    internal GeneratorDriver RunOther(IIncrementalGenerator generator) => Run(generator.AsSourceGenerator());

    private GeneratorDriver Run(ISourceGenerator generator) => Driver(generator).RunGenerators(Compilation(_unrelated));

    private static GeneratorDriver Driver(ISourceGenerator generator, bool track = false) => CSharpGeneratorDriver.Create(
        [generator], parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    // A fresh compilation each time, so no run profits from symbols bound by an earlier one.
    private CSharpCompilation Compilation(SyntaxTree unrelated) => CSharpCompilation.Create(
        "Bench", _trees.Append(unrelated), References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static void CheckOutput(GeneratorDriver driver, string name, string expectedText, int minFiles)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException($"{name} generator failed", result.Exception);
        Diagnostic? error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null) throw new InvalidOperationException($"{name} generator reported {error}");
        if (result.GeneratedSources.Length < minFiles || !result.GeneratedSources.Any(s => s.SourceText.ToString().Contains(expectedText, StringComparison.Ordinal)))
            throw new InvalidOperationException($"{name} generator produced {result.GeneratedSources.Length} files without the expected models");
    }

    private void CheckUnrelatedEditIsCached()
    {
        GeneratorDriver tracked = Driver(_modelGen, track: true).RunGenerators(Compilation(_unrelated)).RunGenerators(Compilation(_unrelatedEdited));
        GeneratorRunResult result = tracked.GetRunResult().Results.Single();
        foreach (var (output, steps) in result.TrackedOutputSteps)
            foreach (IncrementalGeneratorRunStep step in steps)
                foreach (var (_, reason) in step.Outputs)
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                        throw new InvalidOperationException($"an unrelated edit re-ran ModelGen's output '{output}' ({reason})");
    }

    /// <summary>300 models of eight members each (numbers, a string, an enum, a nullable, arrays, a nested model), marked for
    /// both generators: <c>[SerializableModel]</c> for ModelGen and one <c>[JsonSerializable]</c> each on a context.</summary>
    private static string[] Sources(bool chain, int perFile)
    {
        var files = new string[TypeCount / perFile + 1];
        for (int f = 0; f * perFile < TypeCount; f++)
        {
            var s = new StringBuilder("using System.Collections.Generic;\nusing ModelGen;\nnamespace ModelGen.Bench;\n");
            for (int i = f * perFile; i < (f + 1) * perFile; i++)
            {
                string nested = i == 0 || !chain ? "" : $"    public Model{i - 1}? Previous {{ get; set; }}\n";
                s.Append($$"""
                    public enum Kind{{i}} { A, B, C }
                    [SerializableModel]
                    public partial class Model{{i}}
                    {
                        public float LearningRate{{i}} { get; set; }
                        public int Epochs { get; set; }
                        public double? Clip { get; set; }
                        public string Name { get; set; } = "";
                        public Kind{{i}} Kind { get; set; }
                        public bool Enabled { get; set; }
                        public float[] Weights { get; set; } = [];
                        public List<int> Sizes { get; set; } = new();
                    {{nested}}}

                    """);
            }
            files[f] = s.ToString();
        }
        var context = new StringBuilder("using System.Text.Json.Serialization;\nnamespace ModelGen.Bench;\n");
        for (int i = 0; i < TypeCount; i++) context.Append($"[JsonSerializable(typeof(Model{i}))]\n");
        context.Append("public partial class BenchJsonContext : JsonSerializerContext { }\n");
        files[^1] = context.ToString();
        return files;
    }

    private static string Unrelated(int value) => $"namespace ModelGen.Bench;\npublic static class Unrelated {{ public static int Answer() => {value}; }}\n";

    /// <summary>The System.Text.Json generator that ships in the SDK's targeting pack for this runtime.</summary>
    private static ISourceGenerator LoadSystemTextJsonGenerator()
    {
        string path = SystemTextJsonGeneratorPath();
        Assembly assembly = Assembly.LoadFrom(path);
        Type type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    private static ISourceGenerator? s_baseline;

    // In a load context of its own: the same assembly name as the generator this benchmark references. Roslyn itself
    // comes from the default context, so both generators implement the same interface.
    private static ISourceGenerator LoadGenerator(string path, string name)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext(name);
        Assembly assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        Type type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    public static string SystemTextJsonGeneratorPath()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll → <dotnet>/packs/Microsoft.NETCore.App.Ref
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string version = Environment.Version.ToString(3);
        string[] candidates = Directory.Exists(packs) ? Directory.GetDirectories(packs) : [];
        string? dir = candidates.FirstOrDefault(d => Path.GetFileName(d) == version)
            ?? candidates.Where(d => Path.GetFileName(d).StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
        string file = Path.Combine(dir ?? "", "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        return File.Exists(file) ? file : throw new FileNotFoundException($"System.Text.Json's generator is not under {packs}", file);
    }
}
