using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace ModelGen.Benchmarks;

/// <summary>Turns BenchmarkDotNet's reports into the README's table: every case with its serialized size, throughput,
/// allocation and ratios to the best peer and to the copy baseline measured in the same run, then the targets.</summary>
public static class ResultTable
{
    private sealed record Row(string Payload, string Operation, string Serializer, double MeanNs, long? Allocated, long? Size);

    private static readonly string[] Operations = ["Serialize", "Deserialize", "JsonSerialize", "JsonDeserialize", "Generate", "UnrelatedEdit"];

    public static string Markdown(IEnumerable<Summary> summaries)
    {
        var sizes = new Dictionary<(string, string), long>();
        var resultBytes = new Dictionary<string, long>();
        var rows = new List<Row>();
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null) continue;
            Type type = report.BenchmarkCase.Descriptor.Type;
            string payload = type.Name.Replace("Benchmarks", "", StringComparison.Ordinal);
            if (!resultBytes.ContainsKey(payload)) Measure(type, payload, sizes, resultBytes);
            string[] name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name.Split('_', 2);
            long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            rows.Add(new Row(payload, name[0], name[1], report.ResultStatistics.Mean, allocated,
                sizes.TryGetValue((payload, report.BenchmarkCase.Descriptor.WorkloadMethod.Name), out long size) ? size : null));
        }

        var s = new StringBuilder();
        s.AppendLine("| Payload | Operation | Serializer | Mean | MB/s | Size (B) | Allocated (B) | × best peer | × copy baseline |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (r.Payload, r.Operation)).OrderBy(g => PayloadOrder(g.Key.Payload)).ThenBy(g => Array.IndexOf(Operations, g.Key.Operation)))
        {
            double? bestPeer = group.Where(IsPeer).Select(r => (double?)r.MeanNs).Min();
            double? copy = group.FirstOrDefault(r => r.Serializer == "CopyBaseline")?.MeanNs;
            foreach (Row r in group.OrderBy(r => SerializerOrder(r.Serializer)))
            {
                string mbs = r.Size is long b ? (b / (r.MeanNs / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture) : "";
                s.AppendLine($"| {r.Payload} | {OperationName(r.Operation)} | {SerializerName(r.Serializer)} | {Time(r.MeanNs)} | {mbs} | {Num(r.Size)} | {Num(r.Allocated)} | {Ratio(r.MeanNs, bestPeer)} | {Ratio(r.MeanNs, copy)} |");
            }
        }
        s.AppendLine();
        s.AppendLine("Targets (ratios of means measured in this run):");
        s.AppendLine();
        foreach (string line in Targets(rows, resultBytes)) s.AppendLine("- " + line);
        return s.ToString();
    }

    private static void Measure(Type type, string payload, Dictionary<(string, string), long> sizes, Dictionary<string, long> resultBytes)
    {
        resultBytes[payload] = 0;
        if (Activator.CreateInstance(type) is not IPayloadBenchmarks instance) return;
        instance.Setup();
        foreach ((string Method, long Bytes) size in instance.SerializedSizes()) sizes[(payload, size.Method)] = size.Bytes;
        resultBytes[payload] = instance.ResultArrayBytes;
    }

    private static IEnumerable<string> Targets(List<Row> rows, Dictionary<string, long> resultBytes)
    {
        Row? Find(string payload, string op, string serializer) => rows.FirstOrDefault(r => r.Payload == payload && r.Operation == op && r.Serializer == serializer);
        string Check(string what, Row? a, Row? b, double limit, bool strict = false)
        {
            if (a is null || b is null) return $"{what}: not measured in this run";
            double ratio = a.MeanNs / b.MeanNs;
            bool met = strict ? ratio < limit : ratio <= limit;
            return $"{what}: {ratio:F2}× (target {(strict ? "<" : "≤")} {limit:0.0#}×) — {(met ? "met" : "**not met**")}";
        }
        string Shown(string what, Row? a, Row? b) => a is null || b is null ? $"{what}: not measured in this run" : $"{what}: {a.MeanNs / b.MeanNs:F2}×";

        // Issue 16's MLP targets: with the checksum, against MemoryPack; without it, against the physical limit (save:
        // the copy of the floats; load: allocating the arrays and copying into them). The copy into a reused buffer and
        // the chunked copy + XXH3 are shown beside them, without a target.
        foreach (string op in new[] { "Serialize", "Deserialize" })
        {
            string lower = op.ToLowerInvariant();
            yield return Check($"Mlp {lower}, checksum on, vs MemoryPack (default mode)", Find("Mlp", op, "ModelGen"), Find("Mlp", op, "MemoryPack"), 1.2);
            yield return op == "Serialize"
                ? Check($"Mlp {lower}, checksum off, vs copy", Find("Mlp", op, "ModelGenNoChecksum"), Find("Mlp", op, "CopyBaseline"), 1.3)
                : Check($"Mlp {lower}, checksum off, vs allocate and copy", Find("Mlp", op, "ModelGenNoChecksum"), Find("Mlp", op, "AllocateAndCopyBaseline"), 1.3);
            yield return Shown($"Mlp {lower}, checksum on, vs chunked copy + XXH3 (no target)", Find("Mlp", op, "ModelGen"), Find("Mlp", op, "CopyXxHash3Baseline"));
            if (op == "Deserialize")
                yield return Shown($"Mlp {lower}, checksum off, vs copy into a reused buffer (no target)", Find("Mlp", op, "ModelGenNoChecksum"), Find("Mlp", op, "CopyBaseline"));
        }
        foreach (string payload in new[] { "Hyperparameters", "Forest" })
            foreach (string op in new[] { "Serialize", "Deserialize" })
            {
                Row? mine = Find(payload, op, "ModelGen");
                foreach (string peer in new[] { "MemoryPackVersionTolerant", "MessagePack", "ProtobufNet" })
                    yield return Check($"{payload} {op.ToLowerInvariant()} vs {SerializerName(peer)}", mine, Find(payload, op, peer), 1.0, strict: true);
                yield return Check($"{payload} {op.ToLowerInvariant()} vs MemoryPack (default mode)", mine, Find(payload, op, "MemoryPack"), 1.2);
            }
        foreach (Row r in rows.Where(r => r.Operation == "Serialize" && r.Serializer.StartsWith("ModelGen", StringComparison.Ordinal)))
            yield return $"{r.Payload} {SerializerName(r.Serializer)} serialize into a reused IBufferWriter allocates {Num(r.Allocated)} B (target 0) — {(r.Allocated == 0 ? "met" : "**not met**")}";
        foreach (Row r in rows.Where(r => r.Operation == "Deserialize" && r.Serializer == "ModelGen"))
        {
            Row? memoryPack = Find(r.Payload, "Deserialize", "MemoryPack");
            string arrays = resultBytes.TryGetValue(r.Payload, out long bytes) && bytes > 0 ? $"{(double)(r.Allocated ?? 0) / bytes:F3}× the bytes of the result's arrays, " : "";
            string vsMemoryPack = memoryPack?.Allocated is long m && m > 0 ? $"{(double)(r.Allocated ?? 0) / m:F2}× MemoryPack's allocation" : "";
            yield return $"{r.Payload} deserialize allocates {Num(r.Allocated)} B: {arrays}{vsMemoryPack}";
        }
        foreach (string payload in new[] { "Hyperparameters", "Mlp", "Forest" })
            foreach (string op in new[] { "JsonSerialize", "JsonDeserialize" })
            {
                Row? mine = Find(payload, op, "ModelGen"), stj = Find(payload, op, "SystemTextJson");
                string alloc = mine is null || stj is null ? "" : $"; allocates {Num(mine.Allocated)} B vs {Num(stj.Allocated)} B — {((mine.Allocated ?? 0) <= (stj.Allocated ?? 0) ? "met" : "**not met**")}";
                yield return Check($"{payload} {OperationName(op)} vs System.Text.Json", mine, stj, 1.0, strict: true) + alloc;
            }
        yield return Check($"Generator on {GeneratorBenchmarks.TypeCount} types vs System.Text.Json's", Find("Generator", "Generate", "ModelGen"), Find("Generator", "Generate", "SystemTextJson"), 1.0);
        Row? edit = Find("Generator", "UnrelatedEdit", "ModelGen"), stjEdit = Find("Generator", "UnrelatedEdit", "SystemTextJson");
        if (edit is not null)
            yield return $"Unrelated edit (no emission re-runs; checked in setup): ModelGen {Time(edit.MeanNs)}" + (stjEdit is null ? "" : $", System.Text.Json {Time(stjEdit.MeanNs)}");
    }

    private static bool IsPeer(Row r) => !r.Serializer.StartsWith("ModelGen", StringComparison.Ordinal) && !r.Serializer.Contains("Baseline", StringComparison.Ordinal);

    private static int PayloadOrder(string payload) => payload switch { "Hyperparameters" => 0, "Mlp" => 1, "Forest" => 2, _ => 3 };

    private static int SerializerOrder(string serializer) => Array.IndexOf(
        new[] { "ModelGen", "ModelGenNoChecksum", "ModelGenFormat2", "ModelGenFormat2NoChecksum", "MemoryPack", "MemoryPackVersionTolerant", "MessagePack", "ProtobufNet", "SystemTextJson", "CopyBaseline", "AllocateAndCopyBaseline", "CopyXxHash3Baseline" }, serializer);

    private static string OperationName(string op) => op switch
    {
        "JsonSerialize" => "JSON serialize",
        "JsonDeserialize" => "JSON deserialize",
        "UnrelatedEdit" => "Unrelated edit",
        _ => op,
    };

    private static string SerializerName(string serializer) => serializer switch
    {
        "ModelGen" => "**ModelGen**",
        "ModelGenNoChecksum" => "**ModelGen** (checksum off)",
        "ModelGenFormat2" => "**ModelGen** (format 2)",
        "ModelGenFormat2NoChecksum" => "**ModelGen** (format 2, checksum off)",
        "MemoryPackVersionTolerant" => "MemoryPack (version-tolerant)",
        "MessagePack" => "MessagePack 2.5",
        "ProtobufNet" => "protobuf-net",
        "SystemTextJson" => "System.Text.Json (source-generated)",
        "CopyBaseline" => "copy",
        "CopyXxHash3Baseline" => "copy + XXH3, 64 KiB chunks",
        "AllocateAndCopyBaseline" => "allocate the arrays and copy",
        _ => serializer,
    };

    private static string Time(double ns) => ns switch
    {
        < 1e3 => $"{ns:F1} ns",
        < 1e6 => $"{ns / 1e3:F2} μs",
        < 1e9 => $"{ns / 1e6:F2} ms",
        _ => $"{ns / 1e9:F2} s",
    };

    private static string Num(long? n) => n is long v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static string Ratio(double mean, double? reference) => reference is double r && r > 0 ? $"{mean / r:F2}" : "";
}
