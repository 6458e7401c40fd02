using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelGen.Registry.Legacy;
using Npgsql;

namespace ModelGen.Registry;

/// <summary>The figures of one load run.</summary>
public sealed record LoadResult(
    int Writers, int Readers, TimeSpan Duration, long Writes, long Reads, double WriteP50Ms, double WriteP99Ms,
    double ReadP50Ms, double ReadP99Ms, int Lost, IReadOnlyList<string> Corrupted)
{
    public double ModelsPerSecond => (Writes + Reads) / Duration.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Writers} writers + {Readers} readers (half version 1, half version 2) for {Duration.TotalSeconds:0.#} s: " +
        $"{Writes} writes + {Reads} reads = {ModelsPerSecond:0} models/s; write latency p50 {WriteP50Ms:0.0} ms, p99 {WriteP99Ms:0.0} ms; " +
        $"read latency p50 {ReadP50Ms:0.0} ms, p99 {ReadP99Ms:0.0} ms; {Lost} lost, {Corrupted.Count} corrupted");
}

/// <summary>N writers and N readers of both builds against one registry for a fixed period. Each writer owns a few
/// names and writes increasing revisions to them; each reader reads any name through both columns and checks that
/// the model is intact (every value matches its revision; the binary checksum is verified on every read), that both
/// columns hold the same write, and that it is not older than the last write acknowledged before the read began.
/// At the end every name must hold its last acknowledged revision (else it counts as lost).</summary>
public static class LoadTest
{
    private const int NamesPerWriter = 4;

    public static async Task<LoadResult> RunAsync(NpgsqlDataSource dataSource, int writers, int readers, TimeSpan duration)
    {
        await RegistrySchema.CreateAsync(dataSource);
        var v2 = new ModelRegistry<ScoringModel>(dataSource, RollingDeployment.BuildV2, ScoringModel.JsonSchema);
        var v1 = new ModelRegistry<ScoringModelV1>(dataSource, RollingDeployment.BuildV1, ScoringModelV1.JsonSchema);
        string run = Guid.NewGuid().ToString("N")[..8];
        string Name(int writer, int slot) => $"load-{run}-w{writer}-{slot}";

        // Every name exists before the clock starts (revision = writer * 1e9 + 0), so readers never miss.
        var acknowledged = new long[writers * NamesPerWriter];
        for (int w = 0; w < writers; w++)
            for (int s = 0; s < NamesPerWriter; s++)
            {
                long revision = w * 1_000_000_000L;
                await WriteAsync(w, Name(w, s), revision);
                acknowledged[w * NamesPerWriter + s] = revision;
            }

        var corrupted = new ConcurrentQueue<string>();
        var writeLatencies = new ConcurrentBag<double[]>();
        var readLatencies = new ConcurrentBag<double[]>();
        long writes = 0, reads = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();

        Task[] tasks =
        [
            .. Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var latencies = new List<double>();
                long next = w * 1_000_000_000L;
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    int slot = i % NamesPerWriter;
                    long revision = ++next;
                    long start = Stopwatch.GetTimestamp();
                    await WriteAsync(w, Name(w, slot), revision);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Volatile.Write(ref acknowledged[w * NamesPerWriter + slot], revision);
                    Interlocked.Increment(ref writes);
                }
                writeLatencies.Add([.. latencies]);
            })),
            .. Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
            {
                var latencies = new List<double>();
                var random = new Random(r);
                while (!stop.IsCancellationRequested)
                {
                    int w = random.Next(writers), slot = random.Next(NamesPerWriter);
                    long floor = Volatile.Read(ref acknowledged[w * NamesPerWriter + slot]);
                    long start = Stopwatch.GetTimestamp();
                    string? problem;
                    try
                    {
                        problem = r % 2 == 0 ? await ReadV2Async(Name(w, slot), floor) : await ReadV1Async(Name(w, slot), floor);
                    }
                    catch (Exception e) when (e is ModelFormatException or KeyNotFoundException)
                    {
                        problem = e.Message;
                    }
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Interlocked.Increment(ref reads);
                    if (problem is not null) corrupted.Enqueue($"{Name(w, slot)}: {problem}");
                }
                readLatencies.Add([.. latencies]);
            })),
        ];
        await Task.WhenAll(tasks);
        TimeSpan elapsed = clock.Elapsed;

        int lost = 0;
        for (int w = 0; w < writers; w++)
            for (int s = 0; s < NamesPerWriter; s++)
            {
                StoredModel<ScoringModel> final = await v2.LoadAsync(Name(w, s));
                if (final.FromBinary.Revision != acknowledged[w * NamesPerWriter + s] || final.FromJson.Revision != acknowledged[w * NamesPerWriter + s]) lost++;
            }

        double[] writeAll = [.. writeLatencies.SelectMany(l => l).Order()];
        double[] readAll = [.. readLatencies.SelectMany(l => l).Order()];
        return new LoadResult(writers, readers, elapsed, writes, reads, Percentile(writeAll, 0.50), Percentile(writeAll, 0.99),
                              Percentile(readAll, 0.50), Percentile(readAll, 0.99), lost, [.. corrupted]);

        // Even writers are the version-2 build, odd ones the version-1 build.
        Task WriteAsync(int writer, string name, long revision) =>
            writer % 2 == 0 ? v2.SaveAsync(name, Revisions.V2(revision)) : v1.SaveAsync(name, Revisions.V1(revision));

        async Task<string?> ReadV2Async(string name, long floor)
        {
            StoredModel<ScoringModel> row = await v2.LoadAsync(name);
            if (row.FromBinary.Revision != row.FromJson.Revision) return $"the columns hold revisions {row.FromBinary.Revision} and {row.FromJson.Revision}";
            if (row.FromBinary.Revision < floor) return $"read revision {row.FromBinary.Revision} after revision {floor} was acknowledged";
            return Revisions.Check(row.FromBinary, row.SchemaVersion) ?? Revisions.Check(row.FromJson, row.SchemaVersion);
        }

        async Task<string?> ReadV1Async(string name, long floor)
        {
            StoredModel<ScoringModelV1> row = await v1.LoadAsync(name);
            if (row.FromBinary.Revision != row.FromJson.Revision) return $"the columns hold revisions {row.FromBinary.Revision} and {row.FromJson.Revision}";
            if (row.FromBinary.Revision < floor) return $"read revision {row.FromBinary.Revision} after revision {floor} was acknowledged";
            return Revisions.Check(row.FromBinary, row.SchemaVersion, fromBinary: true) ?? Revisions.Check(row.FromJson, row.SchemaVersion, fromBinary: false);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
