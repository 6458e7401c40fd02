using System;
using System.Collections.Generic;
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
        [typeof(HyperparametersBenchmarks), typeof(MlpBenchmarks), typeof(ForestBenchmarks), typeof(TextBenchmarks), typeof(ComparerBenchmarks), typeof(RenamedBenchmarks), typeof(GeneratorBenchmarks), typeof(AnalyzerCostBenchmarks), typeof(ModelEqualityBenchmarks)];

    /// <summary><c>--smoke</c>: run every case once and check that it round-trips (CI). Anything else goes to
    /// BenchmarkDotNet (e.g. <c>--filter *Mlp*</c>); without <c>--job</c> a short job fit for 2 shared cores is used.
    /// After a run, one markdown table of all results is printed and written to BenchmarkDotNet.Artifacts.</summary>
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke")) return Smoke();
        if (args.Contains("--large-model"))
            return LargeModelRun.Run(double.Parse(args.SkipWhile(a => a != "--large-model").Skip(1).FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--aspnetcore-echo"))
            return AspNetCoreEchoRun.Run(double.Parse(args.SkipWhile(a => a != "--aspnetcore-echo").Skip(1).FirstOrDefault() ?? "40", System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
        if (args.Contains("--analyzer-cost"))
            return AnalyzerCostBenchmarks.Report(int.Parse(args.SkipWhile(a => a != "--analyzer-cost").Skip(1).FirstOrDefault() ?? "5", System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--generator-shapes"))
            return GeneratorShapesRun.Shapes(int.Parse(args.SkipWhile(a => a != "--generator-shapes").Skip(1).FirstOrDefault() ?? "15", System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--generator-profile"))
            return GeneratorProfileRun.Run(int.Parse(args.SkipWhile(a => a != "--generator-profile").Skip(1).FirstOrDefault() ?? "5", System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--generator-dump")) return GeneratorProfileRun.Dump(args.SkipWhile(a => a != "--generator-dump").Skip(1).First());
        if (args.Contains("--generator-loop"))
        {
            string[] a = args.SkipWhile(a => a != "--generator-loop").Skip(1).ToArray();
            return GeneratorProfileRun.Loop(a[0], a[1], int.Parse(a[2], System.Globalization.CultureInfo.InvariantCulture),
                chain: a.Length <= 3 || a[3] != "nochain", perFile: a.Length > 4 ? int.Parse(a[4], System.Globalization.CultureInfo.InvariantCulture) : 30);
        }
        if (args.Contains("--generator-cold-once")) return GeneratorShapesRun.ColdOnce(args.SkipWhile(a => a != "--generator-cold-once").Skip(1).First());
        if (args.Contains("--generator-cold"))
            return GeneratorShapesRun.Cold(int.Parse(args.SkipWhile(a => a != "--generator-cold").Skip(1).FirstOrDefault() ?? "9", System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--quick")) return Quick(args.SkipWhile(a => a != "--quick").Skip(1).FirstOrDefault() ?? "");
        if (args.Contains("--loop"))
        {
            string[] a = args.SkipWhile(a => a != "--loop").Skip(1).ToArray();
            return Loop(a[0], a.Length > 1 ? double.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
        }
        IConfig config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        if (!args.Contains("--job"))
        {
            Job job = Job.Default
                .WithLaunchCount(1).WithWarmupCount(10).WithIterationCount(8)
                .WithIterationTime(TimeInterval.FromMilliseconds(150))
                .WithId("Short");
            // --in-process: run in this process, without building a project per job (on a loaded machine that build
            // can pass BenchmarkDotNet's two-minute limit and fail the run).
            if (args.Contains("--in-process")) job = job.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
            config = config.AddJob(job);
        }
        args = args.Where(a => a != "--in-process").ToArray();
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

    /// <summary>A Stopwatch harness for profiling between full runs, robust to the load of shared machines: the cases
    /// matching <paramref name="filter"/> run in short interleaved bursts, and the fastest and median burst are shown
    /// with the bytes one call allocates. Not for the README (BenchmarkDotNet's figures are).</summary>
    private static int Quick(string filter)
    {
        foreach (Type type in BenchmarkTypes)
        {
            object instance = Activator.CreateInstance(type)!;
            // Alternatives separated by '|' (ForestBenchmarks.Serialize_ModelGen|ForestBenchmarks.Serialize_MemoryPack); one
            // that ends with '$' names a case whole (Serialize_ModelGen$ leaves Serialize_ModelGenFormat2 out), so that each
            // format can be timed in a process of its own, where dynamic PGO tunes the shared code for it alone.
            var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null
                && filter.Split('|').Any(f => Matches($"{type.Name}.{m.Name}", f))).ToList();
            if (methods.Count == 0) continue;
            foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
                setup.Invoke(instance, null);
            var cases = methods.Select(m => (Method: m, Run: System.Linq.Expressions.Expression.Lambda<Func<object>>(System.Linq.Expressions.Expression.Convert(
                System.Linq.Expressions.Expression.Call(System.Linq.Expressions.Expression.Constant(instance), m), typeof(object))).Compile(), Calls: 1L, Samples: new List<double>(), Cpu: new List<double>(), Allocated: 0L)).ToArray();
            // Every case is run once before any is timed: a first case whose calls were counted while the shared code
            // was still being tiered up got far fewer calls a burst, and its figures came out slower in most processes.
            foreach (var c in cases)
            {
                var tier = Stopwatch.StartNew();
                while (tier.ElapsedMilliseconds < 200) c.Run();
            }
            for (int c = 0; c < cases.Length; c++)
            {
                var warm = Stopwatch.StartNew();
                long n = 0;
                while (warm.ElapsedMilliseconds < 200) { cases[c].Run(); n++; }
                cases[c].Calls = Math.Max(1, n / 40); // about 5 ms a burst
                long before = GC.GetAllocatedBytesForCurrentThread();
                cases[c].Run();
                // Value results are boxed by the harness: 24 B of the figure for those cases.
                cases[c].Allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            for (int round = 0; round < 25; round++)
                for (int c = 0; c < cases.Length; c++)
                {
                    long cpu = ThreadCpuNanoseconds();
                    var clock = Stopwatch.StartNew();
                    for (long i = 0; i < cases[c].Calls; i++) cases[c].Run();
                    cases[c].Samples.Add(clock.Elapsed.TotalMilliseconds * 1e6 / cases[c].Calls);
                    if (cpu >= 0) cases[c].Cpu.Add((double)(ThreadCpuNanoseconds() - cpu) / cases[c].Calls);
                }
            foreach (var c in cases)
            {
                c.Samples.Sort();
                c.Cpu.Sort();
                // The thread's CPU time a call (Linux): what the burst cost while it ran, without the time the thread
                // waited for a core, which moves the wall-clock figures most on a shared machine.
                string cpu = c.Cpu.Count > 0 ? $"  cpu min {c.Cpu[0],6:N0} median {c.Cpu[c.Cpu.Count / 2],6:N0} ns" : "";
                Console.WriteLine($"{type.Name.Replace("Benchmarks", ""),-16} {c.Method.Name,-40} min {c.Samples[0],14:N0} ns  median {c.Samples[c.Samples.Count / 2],14:N0} ns {c.Allocated,12:N0} B{cpu}");
            }
        }
        return 0;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    // CLOCK_THREAD_CPUTIME_ID on Linux; -1 elsewhere.
    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(3, out Timespec t) != 0) return -1;
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    // Type.Method matched by a part of it, or by a whole method name or Type.Method before a '$'.
    private static bool Matches(string name, string filter)
    {
        if (!filter.EndsWith('$')) return name.Contains(filter, StringComparison.OrdinalIgnoreCase);
        string whole = filter.TrimEnd('$');
        return name.Equals(whole, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + whole, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs the one case whose <c>Type.Method</c> name ends with <paramref name="name"/> in a loop for
    /// <paramref name="seconds"/>, for a sampling profiler (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>).</summary>
    private static int Loop(string name, double seconds)
    {
        foreach (Type type in BenchmarkTypes)
            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null && $"{type.Name}.{m.Name}".EndsWith(name, StringComparison.OrdinalIgnoreCase)))
            {
                object instance = Activator.CreateInstance(type)!;
                foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
                    setup.Invoke(instance, null);
                Func<object> run = System.Linq.Expressions.Expression.Lambda<Func<object>>(System.Linq.Expressions.Expression.Convert(
                    System.Linq.Expressions.Expression.Call(System.Linq.Expressions.Expression.Constant(instance), method), typeof(object))).Compile();
                var clock = Stopwatch.StartNew();
                long calls = 0;
                while (clock.Elapsed.TotalSeconds < seconds) { run(); calls++; }
                Console.WriteLine($"{type.Name}.{method.Name}: {calls:N0} calls, {clock.Elapsed.TotalMilliseconds * 1e6 / calls:N0} ns a call");
                return 0;
            }
        Console.Error.WriteLine($"no benchmark case ends with '{name}'");
        return 1;
    }

    /// <summary>Sets every benchmark class up (which round-trip-checks every case) and runs each case once.</summary>
    private static int Smoke()
    {
        Payloads.Data.Small = true;
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
        Console.WriteLine($"smoke: {cases} benchmark cases (small payloads) ran once and round-trip, {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
