using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ModelGen.Benchmarks;

/// <summary><c>--generator-shapes N</c>: every shape of <see cref="GeneratorBenchmarks"/> side by side in one process, the
/// two generators interleaved call by call, N rounds, median (robust to the load of a shared machine).
/// <c>--generator-cold N</c>: a cold first run (new driver, fresh compilation, first invocation in the process: JIT and
/// assembly load included) of each generator, in N fresh processes each, interleaved, median.</summary>
internal static class GeneratorShapesRun
{
    public static int Shapes(int rounds)
    {
        // Every shape set up first (Setup runs each generator once: the JIT warm-up of both), then measured twice, in
        // opposite orders: the first shape measured in a process used to swing most (code still warming up), and a
        // second pass in another order shows whether a row's ratio belongs to the shape or to its place in the run.
        var shapes = new List<(bool Chain, int PerFile, GeneratorBenchmarks Bench)>();
        foreach (bool chain in new[] { false, true })
            foreach (int perFile in new[] { 1, 30 })
            {
                var b = new GeneratorBenchmarks { Chain = chain, ModelsPerFile = perFile };
                b.Setup();
                shapes.Add((chain, perFile, b));
            }
        bool baseline = GeneratorBenchmarks.BaselinePath is not null;
        // Wall-clock time, and the process's CPU time during the call (all threads: the generator's and the garbage
        // collector's), which a shared machine's load moves far less than the wall clock.
        // Medians, and the fastest run of each case ("min": on a machine shared with other work, the run least slowed by it).
        Console.WriteLine("| Pass | Chain | Models per file | Generate: ModelGen | System.Text.Json | × | CPU × | min × | Unrelated edit: ModelGen | System.Text.Json | × | CPU × | min × | Find only |"
            + (baseline ? " Baseline generate | × | CPU × | min × | Baseline edit | × | CPU × | min × |" : ""));
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (baseline ? "---:|---:|---:|---:|---:|---:|---:|---:|" : ""));
        for (int pass = 1; pass <= 2; pass++)
            foreach (var (chain, perFile, b) in pass == 1 ? shapes : Enumerable.Reverse(shapes))
            {
                Func<object>[] cases = [b.Generate_ModelGen, b.Generate_SystemTextJson, b.UnrelatedEdit_ModelGen, b.UnrelatedEdit_SystemTextJson, b.UnrelatedEdit_FindOnly,
                    .. (baseline ? new Func<object>[] { b.Generate_Baseline, b.UnrelatedEdit_Baseline } : [])];
                var wall = cases.Select(_ => new List<double>()).ToArray();
                var cpu = cases.Select(_ => new List<double>()).ToArray();
                for (int c = 0; c < cases.Length; c++) cases[c](); // warm-up
                for (int r = 0; r < rounds; r++)
                    for (int c = 0; c < cases.Length; c++)
                    {
                        // Every other round in reverse order, so no generator always runs after another's garbage.
                        int k = r % 2 == 0 ? c : cases.Length - 1 - c;
                        TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
                        var clock = Stopwatch.StartNew();
                        cases[k]();
                        wall[k].Add(clock.Elapsed.TotalMilliseconds);
                        cpu[k].Add((Environment.CpuUsage.TotalTime - cpu0).TotalMilliseconds);
                    }
                double[] m = wall.Select(Median).ToArray();
                double[] u = cpu.Select(Median).ToArray();
                double[] f = wall.Select(w => w.Min()).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pass} | {(chain ? "yes" : "no")} | {perFile} | {m[0]:F0} ms | {m[1]:F0} ms | {m[0] / m[1]:F2} | {u[0] / u[1]:F2} | {f[0] / f[1]:F2} | {m[2]:F0} ms | {m[3]:F0} ms | {m[2] / m[3]:F2} | {u[2] / u[3]:F2} | {f[2] / f[3]:F2} | {m[4]:F0} ms |")
                    + (baseline ? string.Create(CultureInfo.InvariantCulture, $" {m[5]:F0} ms | {m[5] / m[1]:F2} | {u[5] / u[1]:F2} | {f[5] / f[1]:F2} | {m[6]:F0} ms | {m[6] / m[3]:F2} | {u[6] / u[3]:F2} | {f[6] / f[3]:F2} |") : ""));
            }
        return 0;
    }

    public static int Cold(int processes)
    {
        string self = Environment.ProcessPath!;
        string? dll = self.EndsWith("dotnet", StringComparison.Ordinal) ? typeof(GeneratorShapesRun).Assembly.Location : null;
        var times = new Dictionary<string, List<double>> { ["modelgen"] = new(), ["stj"] = new() };
        for (int i = 0; i < processes; i++)
            foreach (string which in times.Keys)
            {
                var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (dll is not null) psi.ArgumentList.Add(dll);
                psi.ArgumentList.Add("--generator-cold-once");
                psi.ArgumentList.Add(which);
                using Process p = Process.Start(psi)!;
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException($"cold run of {which} failed: {output}");
                times[which].Add(double.Parse(output.Trim().Split('\n').Last(), CultureInfo.InvariantCulture));
            }
        foreach (var (which, t) in times)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{which}: cold first run median {Median(t):F0} ms, fastest {t.Min():F0} ms, slowest {t.Max():F0} ms ({t.Count} processes)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ModelGen / System.Text.Json: {Median(times["modelgen"]) / Median(times["stj"]):F2}"));
        return 0;
    }

    /// <summary>One cold run in this (fresh) process: the time of the first RunGenerators only (chain, one model per file).</summary>
    public static int ColdOnce(string which)
    {
        var b = new GeneratorBenchmarks { Chain = true, ModelsPerFile = 1 };
        b.PrepareCold();
        var clock = Stopwatch.StartNew();
        _ = which == "modelgen" ? b.Generate_ModelGen() : b.Generate_SystemTextJson();
        Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}

/// <summary>The floor of ModelGen's pipeline: the same attribute search, a transform that does nothing.</summary>
internal sealed class FindOnlyGenerator : Microsoft.CodeAnalysis.IIncrementalGenerator
{
    public void Initialize(Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext context)
    {
        var found = context.SyntaxProvider.ForAttributeWithMetadataName("ModelGen.SerializableModelAttribute",
            static (n, _) => n is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, static (c, _) => c.TargetSymbol.Name);
        context.RegisterSourceOutput(found, static (spc, name) => { });
    }
}

/// <summary>Two attribute searches (as ModelGen's generator had: [SerializableModel] and [Hyperparameters]), transforms that do nothing.</summary>
internal sealed class FindTwoGenerator : Microsoft.CodeAnalysis.IIncrementalGenerator
{
    public void Initialize(Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext context)
    {
        foreach (string name in new[] { "ModelGen.SerializableModelAttribute", "ModelGen.HyperparametersAttribute" })
        {
            var found = context.SyntaxProvider.ForAttributeWithMetadataName(name,
                static (n, _) => n is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, static (c, _) => c.TargetSymbol.Name);
            context.RegisterSourceOutput(found, static (spc, name) => { });
        }
    }
}
