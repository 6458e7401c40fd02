using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace ModelGen.Benchmarks;

public static class Program
{
    public static readonly Type[] BenchmarkTypes =
        [typeof(HyperparametersBenchmarks), typeof(MlpBenchmarks), typeof(ForestBenchmarks), typeof(GeneratorBenchmarks)];

    /// <summary><c>--smoke</c>: run every case once and check that it round-trips (CI). Anything else goes to
    /// BenchmarkDotNet (e.g. <c>--filter *Mlp*</c>); without <c>--job</c> a short job fit for 2 shared cores is used.
    /// After a run, one markdown table of all results is printed and written to BenchmarkDotNet.Artifacts.</summary>
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke")) return Smoke();
        IConfig config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        if (!args.Contains("--job"))
        {
            config = config.AddJob(Job.Default
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8)
                .WithIterationTime(TimeInterval.FromMilliseconds(150))
                .WithId("Short"));
        }
        Summary[] summaries = BenchmarkSwitcher.FromTypes(BenchmarkTypes).Run(args, config).ToArray();
        if (summaries.Length == 0 || summaries.All(s => s.Reports.Length == 0)) return 1;
        string table = ResultTable.Markdown(summaries);
        Console.WriteLine();
        Console.WriteLine(table);
        string path = System.IO.Path.Combine(summaries[0].ResultsDirectoryPath, "ModelGen-table.md");
        System.IO.File.WriteAllText(path, table);
        Console.WriteLine($"(written to {path})");
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>Sets every benchmark class up (which round-trip-checks every case) and runs each case once.</summary>
    private static int Smoke()
    {
        int cases = 0;
        var clock = Stopwatch.StartNew();
        foreach (Type type in BenchmarkTypes)
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
                setup.Invoke(instance, null);
            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                method.Invoke(instance, null);
                cases++;
            }
            if (instance is IDisposable disposable) disposable.Dispose();
            Console.WriteLine($"{type.Name}: ok");
        }
        Console.WriteLine($"smoke: {cases} benchmark cases ran once and round-trip, {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
