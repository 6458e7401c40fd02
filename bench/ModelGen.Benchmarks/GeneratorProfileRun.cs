using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ModelGen.Benchmarks;

/// <summary><c>--generator-profile N</c>: where each generator's time goes, per shape: Roslyn's own timing of each
/// tracked pipeline step (ModelGen's parser runs in the attribute search's transform, <c>result_ForAttributeWithMetadataName</c>;
/// System.Text.Json's in <c>SourceGenerationSpec</c>; the emitters in <c>SourceOutput</c>), the generator's total as the
/// driver times it, the whole <c>RunGenerators</c> call, the size of the generated text, the cost of parsing that text
/// (the driver parses it lazily: the compiler pays it later, not <c>RunGenerators</c>) and of only adding it (a generator
/// that replays the same texts). Both generators interleaved, N rounds, medians.</summary>
internal static class GeneratorProfileRun
{
    public static int Run(int rounds)
    {
        foreach (bool chain in new[] { false, true })
            foreach (int perFile in new[] { 1, 30 })
            {
                var b = new GeneratorBenchmarks { Chain = chain, ModelsPerFile = perFile };
                b.Setup();
                Console.WriteLine($"## chain {(chain ? "yes" : "no")}, {perFile} per file");
                foreach (bool edit in new[] { false, true })
                {
                    var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                    long[] chars = new long[2];
                    for (int r = 0; r <= rounds; r++)
                        for (int g = 0; g < 2; g++)
                        {
                            string who = g == 0 ? "ModelGen" : "STJ";
                            var clock = Stopwatch.StartNew();
                            GeneratorDriver d = b.Profiled(g == 0, edit, () => clock.Restart());
                            double wall = clock.Elapsed.TotalMilliseconds;
                            if (r == 0) continue; // warm-up
                            Add(samples, $"{who} RunGenerators", wall);
                            Add(samples, $"{who} generator (driver timing)", d.GetTimingInfo().ElapsedTime.TotalMilliseconds);
                            GeneratorRunResult result = d.GetRunResult().Results.Single();
                            foreach (var (name, steps) in result.TrackedSteps)
                                Add(samples, $"{who} step {name}", steps.Sum(s => s.ElapsedTime.TotalMilliseconds));
                            foreach (var (name, steps) in result.TrackedOutputSteps)
                                Add(samples, $"{who} output {name}", steps.Sum(s => s.ElapsedTime.TotalMilliseconds));
                            chars[g] = result.GeneratedSources.Sum(s => (long)s.SourceText.Length);
                            // The driver's cost of taking that text: a generator that only adds the same texts.
                            var replay = new ReplayGenerator(result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToArray());
                            var replayClock = Stopwatch.StartNew();
                            _ = b.RunOther(replay);
                            Add(samples, $"{who} replay of the generated text (AddSource only)", replayClock.Elapsed.TotalMilliseconds);
                            // What the driver does with each generated text (and the compiler would do anyway).
                            var parse = Stopwatch.StartNew();
                            foreach (GeneratedSourceResult source in result.GeneratedSources)
                                _ = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source.SourceText, (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)source.SyntaxTree.Options).GetRoot();
                            Add(samples, $"{who} parse of the generated text (again)", parse.Elapsed.TotalMilliseconds);
                        }
                    Console.WriteLine(edit ? "### after an unrelated edit" : "### generate");
                    foreach (var (name, xs) in samples.Where(p => Median(p.Value) >= 0.5).OrderBy(p => p.Key, StringComparer.Ordinal))
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-90} {Median(xs),8:F1} ms"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated text: ModelGen {chars[0]:N0} chars, STJ {chars[1]:N0} chars"));
                }
            }
        return 0;
    }

    /// <summary><c>--generator-loop modelgen|stj|findonly|findtwo generate|edit N [chain|nochain] [models per file]</c>: one case in a loop
    /// (by default chain, 30 per file), to run under a profiler
    /// (<c>dotnet-trace collect -- dotnet ModelGen.Benchmarks.dll --generator-loop modelgen edit 40 nochain 1</c>); <c>baseline</c>
    /// runs the generator that <c>MODELGEN_BASELINE_GENERATOR</c> names.</summary>
    public static int Loop(string which, string what, int count, bool chain = true, int perFile = 30)
    {
        var b = new GeneratorBenchmarks { Chain = chain, ModelsPerFile = perFile };
        b.Setup();
        Func<object> run = (which, what) switch
        {
            ("modelgen", "edit") => b.UnrelatedEdit_ModelGen,
            ("stj", "edit") => b.UnrelatedEdit_SystemTextJson,
            ("findonly", "edit") => b.UnrelatedEdit_FindOnly,
            ("findonly", _) => () => b.RunOther(new FindOnlyGenerator()),
            ("findtwo", _) => () => b.RunOther(new FindTwoGenerator()),
            ("baseline", "edit") => b.UnrelatedEdit_Baseline, // MODELGEN_BASELINE_GENERATOR
            ("baseline", _) => b.Generate_Baseline,
            ("modelgen", _) => b.Generate_ModelGen,
            _ => b.Generate_SystemTextJson,
        };
        run();
        int[] gcs = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++) run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{which} {what}: {clock.Elapsed.TotalMilliseconds / count:F1} ms a run, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / count / 1e6:F1} MB allocated a run, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / count:F1} ms a run, collections a run: gen0 {(GC.CollectionCount(0) - gcs[0]) / (double)count:F2} gen1 {(GC.CollectionCount(1) - gcs[1]) / (double)count:F2} gen2 {(GC.CollectionCount(2) - gcs[2]) / (double)count:F2}"));
        return 0;
    }

    /// <summary><c>--generator-dump DIR</c>: the generated files of one of ModelGen's models and System.Text.Json's, to compare, and the total size of each generator's output.</summary>
    public static int Dump(string dir)
    {
        var b = new GeneratorBenchmarks { Chain = true, ModelsPerFile = 1 };
        b.Setup();
        System.IO.Directory.CreateDirectory(dir);
        foreach (var (g, name) in new[] { (true, "mg"), (false, "stj") })
        {
            var sources = b.Profiled(g, false).GetRunResult().Results.Single().GeneratedSources;
            // Model0 has no reference member, Model1 holds a Model0: the two files show what a reference member adds.
            foreach (GeneratedSourceResult s in sources.Where(s => !g || s.HintName.Contains(".Model1.", StringComparison.Ordinal) || s.HintName.Contains(".Model0.", StringComparison.Ordinal)).Take(g ? 10 : 400))
                System.IO.File.WriteAllText(System.IO.Path.Combine(dir, name + "-" + s.HintName), s.SourceText.ToString());
            long chars = sources.Sum(s => (long)s.SourceText.Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {sources.Length} files, {chars:N0} chars for {GeneratorBenchmarks.TypeCount} models ({chars / GeneratorBenchmarks.TypeCount:N0} a model; chain, one model a file)"));
        }
        var flat = new GeneratorBenchmarks { Chain = false, ModelsPerFile = 1 };
        flat.Setup();
        long flatChars = flat.Profiled(true, false).GetRunResult().Results.Single().GeneratedSources.Sum(s => (long)s.SourceText.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mg: {flatChars:N0} chars without the chain ({flatChars / GeneratorBenchmarks.TypeCount:N0} a model)"));
        if (GeneratorBenchmarks.BaselinePath is not null)
        {
            long chars = b.Generate_Baseline().GetRunResult().Results.Single().GeneratedSources.Sum(s => (long)s.SourceText.Length);
            long flatBaseline = flat.Generate_Baseline().GetRunResult().Results.Single().GeneratedSources.Sum(s => (long)s.SourceText.Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: {chars:N0} chars ({chars / GeneratorBenchmarks.TypeCount:N0} a model); without the chain {flatBaseline:N0} chars ({flatBaseline / GeneratorBenchmarks.TypeCount:N0} a model)"));
        }
        return 0;
    }

    private static void Add(Dictionary<string, List<double>> samples, string key, double value)
    {
        if (!samples.TryGetValue(key, out var list)) samples[key] = list = new List<double>();
        list.Add(value);
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}

/// <summary>Adds given texts and does nothing else: what the driver costs per generated text.</summary>
internal sealed class ReplayGenerator((string Hint, string Text)[] sources) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, (spc, _) =>
        {
            foreach (var (hint, text) in sources) spc.AddSource(hint, text);
        });
}
