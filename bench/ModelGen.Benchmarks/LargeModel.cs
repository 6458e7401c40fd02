using System;
using System.Diagnostics;
using System.IO;

namespace ModelGen.Benchmarks;

[SerializableModel]
public partial class LargeModel
{
    public string Name { get; set; } = "";
    public float[][] Layers { get; set; } = [];
}

/// <summary><c>--large-model GIB</c>: saves and loads a model of GIB gibibytes of weights through a file
/// (<see cref="ModelFile"/>), and reports time, the bytes each step allocated and the process's peak memory, to show
/// that a load holds the model once (plus bounded buffers) rather than the file's bytes and the model.
/// Not a BenchmarkDotNet benchmark and not run in CI: it needs several GiB of memory and disk.</summary>
internal static class LargeModelRun
{
    public static int Run(double gib)
    {
        const int LayerFloats = 256 * 1024 * 1024; // 1 GiB per layer: arrays stay below .NET's array limit
        long totalFloats = (long)(gib * 1024 * 1024 * 1024 / 4);
        int layers = (int)Math.Ceiling((double)totalFloats / LayerFloats);
        var model = new LargeModel { Name = "large", Layers = new float[layers][] };
        for (int l = 0; l < layers; l++)
        {
            int n = (int)Math.Min(LayerFloats, totalFloats - (long)l * LayerFloats);
            var w = GC.AllocateUninitializedArray<float>(n);
            for (int i = 0; i < n; i++) w[i] = (i % 1000) * 0.001f;
            model.Layers[l] = w;
        }
        long modelBytes = totalFloats * 4;
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-large-{Guid.NewGuid():n}.mgen");
        try
        {
            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            ModelFile.Save(path, model);
            long saveAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double saveSeconds = clock.Elapsed.TotalSeconds;
            long fileBytes = new FileInfo(path).Length;

            model = null!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            long heapBeforeLoad = GC.GetTotalMemory(forceFullCollection: true);
            Process.GetCurrentProcess().Refresh();

            clock.Restart();
            before = GC.GetAllocatedBytesForCurrentThread();
            LargeModel loaded = ModelFile.Load<LargeModel>(path);
            long loadAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double loadSeconds = clock.Elapsed.TotalSeconds;
            long heapAfterLoad = GC.GetTotalMemory(forceFullCollection: false);
            Process.GetCurrentProcess().Refresh();
            long peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
            double check = 0;
            foreach (float[] layer in loaded.Layers) check += layer[^1];

            // The same file parsed from a memory map (opt-in: only safe for files replaced atomically).
            loaded = null!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            clock.Restart();
            before = GC.GetAllocatedBytesForCurrentThread();
            LargeModel mapped = ModelFile.Load<LargeModel>(path, new ModelSerializerOptions { MemoryMapFiles = true });
            long mapAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double mapSeconds = clock.Elapsed.TotalSeconds;
            foreach (float[] layer in mapped.Layers) check += layer[^1];

            // The default again, now that the file's pages and the process's memory are as warm as for the map.
            mapped = null!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            clock.Restart();
            loaded = ModelFile.Load<LargeModel>(path);
            double againSeconds = clock.Elapsed.TotalSeconds;
            foreach (float[] layer in loaded.Layers) check += layer[^1];

            Console.WriteLine($"| model | {Gib(modelBytes)} of float32 weights in {layers} layer(s); file {Gib(fileBytes)} |");
            Console.WriteLine($"| save (ModelFile.Save, atomic, checksummed) | {saveSeconds:F1} s ({fileBytes / (1024.0 * 1024 * 1024) / Math.Max(saveSeconds, 1e-9):F2} GiB/s), allocated {Mib(saveAllocated)} |");
            Console.WriteLine($"| load (ModelFile.Load: read into native memory, checksum verified) | {loadSeconds:F1} s (again after the map: {againSeconds:F1} s), allocated {Mib(loadAllocated)} = {loadAllocated / (double)modelBytes:F3}× the model |");
            Console.WriteLine($"| load (MemoryMapFiles = true, checksum verified) | {mapSeconds:F1} s, allocated {Mib(mapAllocated)} = {mapAllocated / (double)modelBytes:F3}× the model |");
            Console.WriteLine($"| managed heap | before load {Mib(heapBeforeLoad)}, after load {Mib(heapAfterLoad)} |");
            Console.WriteLine($"| process peak working set, after the first load | {Mib(peakWorkingSet)} (the larger of the save, which holds the model, and the load, which holds the model and the file's bytes) |");
            Console.WriteLine($"(check {check:F3})");
            return Math.Max(loadAllocated, mapAllocated) < modelBytes * 1.01 + 8 * 1024 * 1024 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Gib(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB";

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";
}
