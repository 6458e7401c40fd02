using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Generator.Tests;

/// <summary>The evolution fuzzer (issue 12): random model → random evolution operations → version 1 and version 2,
/// compiled in memory (many pairs in one compilation), and every path checked in every form: v1→v2, v2→v1,
/// v2→v1→v2 (rollback and re-save), v1→v2→v1, and across forms (binary formats 1 and 2, JSON, dictionaries, async
/// streams and pipes that return a few bytes a read, a model nested in a System.Text.Json document with snake_case
/// policies). Each member must keep its value,
/// or be defaulted or migrated as docs/versioning.md's table says. Seeded: MODELGEN_EVOLUTION_SEED picks the seed,
/// MODELGEN_EVOLUTION_PAIRS the number of pairs (200 by default, for CI).</summary>
public class EvolutionFuzzTests(ITestOutputHelper output)
{
    private const int BatchSize = 50;

    [Fact]
    public void RandomModelPairsLoseNothingOnAnyPath()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("MODELGEN_EVOLUTION_SEED"), out int s) ? s : 20261204;
        int pairs = int.TryParse(Environment.GetEnvironmentVariable("MODELGEN_EVOLUTION_PAIRS"), out int p) ? p : 200;
        var started = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan cpuAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        string? log = Environment.GetEnvironmentVariable("MODELGEN_EVOLUTION_LOG"); // progress of long runs
        int paths = 0, checkedPairs = 0;
        var operations = new HashSet<string>();
        var rootKinds = new HashSet<string>();
        var compiling = new System.Diagnostics.Stopwatch();
        // A run of CI's size draws every kind of operation (a generator change that stopped drawing one would go
        // unseen): checked on the draws before anything compiles, so a seed that misses one fails at once.
        if (pairs >= 200)
        {
            var drawn = Enumerable.Range(0, pairs).Select(i => EvolutionPair.Create(seed, i)).SelectMany(pair => pair.Operations)
                .GroupBy(operation => OperationKinds.First(operation.StartsWith)).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(OperationKinds.All(drawn.ContainsKey), $"seed {seed} draws none of: {string.Join(", ", OperationKinds.Except(drawn.Keys))} "
                + $"(drawn: {string.Join(", ", drawn.Select(d => $"{d.Key.Trim()} ×{d.Value}"))})");
        }
        for (int first = 0; first < pairs; first += BatchSize)
        {
            var batch = Enumerable.Range(first, Math.Min(BatchSize, pairs - first)).Select(i => EvolutionPair.Create(seed, i)).ToList();
            compiling.Start();
            Assembly assembly = Compile(batch);
            compiling.Stop();
            foreach (EvolutionPair pair in batch)
            {
                try
                {
                    paths += pair.Check(assembly);
                    checkedPairs++;
                    foreach (string operation in pair.Operations) operations.Add(OperationKinds.First(operation.StartsWith));
                    rootKinds.Add(pair.RootKind);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"evolution fuzzer: seed {seed}, pair {pair.Index} (reproduce with MODELGEN_EVOLUTION_SEED={seed} MODELGEN_EVOLUTION_PAIRS={pair.Index + 1}); "
                        + $"root: {pair.RootKind}, part: {pair.PartKind}; operations: {string.Join(", ", pair.Operations)}\n{e}\n--- version 1 ---\n{pair.V1Source}\n--- version 2 ---\n{pair.V2Source}");
                }
            }
            if (log is not null) File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss} seed {seed}: {checkedPairs} pairs, {paths} paths, no failure\n");
        }
        double cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        output.WriteLine($"evolution fuzzer: seed {seed}, {pairs} pairs, {paths} paths checked in {started.Elapsed.TotalSeconds:F1} s ({compiling.Elapsed.TotalSeconds:F1} s compiling; {cpu:F1} s of CPU)");
        Assert.True(paths >= pairs * 36, $"only {paths} paths were checked");
        if (pairs >= 200) Assert.Empty(OperationKinds.Except(operations));
        if (pairs >= 200) Assert.Empty(EvolutionPair.RootKinds.Except(rootKinds));
    }

    private static readonly string[] OperationKinds =
        ["add ", "remove ", "rename ", "reorder", .. FuzzMember.Widenings.Values.Select(w => $"widen {w} "), "round back ", "refuse back ", "make nullable ", "make non-nullable ", "nested model gains a member",
         "nested model renames a member", "union gains a case", "migrate ", "enum gains a member", "version 1 named ", "version 2 named "];

    // Compiled once with every batch: a stream that returns a few bytes a read (the async readers must assemble their
    // input across reads), and System.Text.Json options whose naming policies must not touch a model's names.
    private const string SupportSource = """
        namespace FuzzSupport
        {
            public sealed class Trickle(byte[] data) : System.IO.Stream
            {
                private int _position, _reads;
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => throw new NotSupportedException();
                public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
                public override void Flush() { }
                public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
                public override int Read(Span<byte> buffer)
                {
                    int n = Math.Min(Math.Min(buffer.Length, 1 + _reads++ % 7), data.Length - _position);
                    data.AsSpan(_position, n).CopyTo(buffer);
                    _position += n;
                    return n;
                }
                public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
                    new(Read(buffer.Span));
                public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
                    System.Threading.Tasks.Task.FromResult(Read(buffer.AsSpan(offset, count)));
                public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

                public static readonly System.Text.Json.JsonSerializerOptions Snake = new()
                {
                    PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
                    DictionaryKeyPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
                    WriteIndented = true,
                };
            }
        }

        """;

    private static Assembly Compile(List<EvolutionPair> batch)
    {
        var source = new StringBuilder("using System; using System.Collections.Generic; using ModelGen;\n").Append(SupportSource);
        foreach (EvolutionPair pair in batch) source.Append(pair.V1Source).Append(pair.V2Source);
        var (compiled, diagnostics, _) = GeneratorHarness.Run(source.ToString());
        Assert.Empty(diagnostics);
        using var stream = new MemoryStream();
        var result = compiled.WithAssemblyName("EvolutionFuzz" + Guid.NewGuid().ToString("N")).Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        return Assembly.Load(stream.ToArray());
    }
}

internal enum MemberKind
{
    Int, Float, String, Bool, IntList, Doubles, Part, Shape, Enum, Enums, Map, Parts,
    // Joined on 2026-12-06 (which changed what each seed draws): more kinds of the table, edge values included.
    Decimal, DateTime, DateTimeOffset, Guid, TimeSpan, Half, Char, Bytes, StringSet, SortedMap, Tuple, Grid, ListMap, Double,
    // Kinds that exist to be widened (Half, Double and Grid widen too): float[]→double[], int→double, long→Int128,
    // ulong→UInt128, byte→int, (int, int)→(long, double).
    Floats, Count, Long, ULong, Byte, Pair,
    // Joined on 2026-12-06 afternoon (the draws changed again): list-element widenings (IntList widens too:
    // List<int>→List<double>), int[]→double[], List<float>→List<double>, int→decimal and long→decimal.
    IntArray, FloatList, Amount, BigAmount,
    // A Half that widens to double (Half→float is Half's own widening above).
    HalfWide,
}

/// <summary>What a widened member's newer value is to the older type: a value it holds (None), one it holds only
/// rounded or in another representation (Round: a double that is no float, 7.00m into an int), or one it cannot hold
/// (Refuse: out of range, a fraction into an integer; a ModelFormatException naming the member in every form).</summary>
internal enum Narrowing { None, Round, Refuse }

/// <summary>One member of one version: its C# declaration and the C# expressions of its values.</summary>
internal sealed record FuzzMember(string Name, MemberKind Kind, bool Nullable = false, bool Widened = false, string? PreviousName = null, string? Initializer = null, Narrowing Back = Narrowing.None)
{
    public string SerializedName => SerializedIn("CamelCase");

    /// <summary>The member's name under a model's naming policy (a ModelNaming member's name): the fuzzer's C# names
    /// are words of one capital and digits ("M3", "RenamedM3", "Added1").</summary>
    public string SerializedIn(string naming) => naming switch
    {
        "PascalCase" => Name,
        "SnakeCase" => System.Text.RegularExpressions.Regex.Replace(Name, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant(),
        "KebabCase" => System.Text.RegularExpressions.Regex.Replace(Name, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant(),
        _ => char.ToLowerInvariant(Name[0]) + Name.Substring(1),
    };

    /// <summary>The kinds a widening applies to, each with the name its operation is drawn by.</summary>
    public static readonly Dictionary<MemberKind, string> Widenings = new()
    {
        [MemberKind.Int] = "int→long", [MemberKind.Float] = "float→double", [MemberKind.Floats] = "float[]→double[]",
        [MemberKind.Count] = "int→double", [MemberKind.Double] = "double→Complex", [MemberKind.Long] = "long→Int128",
        [MemberKind.ULong] = "ulong→UInt128", [MemberKind.Half] = "Half→float", [MemberKind.Byte] = "byte→int",
        [MemberKind.Pair] = "(int, int)→(long, double)", [MemberKind.Grid] = "float[,]→double[,]",
        [MemberKind.IntList] = "List<int>→List<double>", [MemberKind.IntArray] = "int[]→double[]", [MemberKind.FloatList] = "List<float>→List<double>",
        [MemberKind.Amount] = "int→decimal", [MemberKind.BigAmount] = "long→decimal", [MemberKind.HalfWide] = "Half→double",
    };

    /// <summary>The widenings whose newer values include some the older type holds only rounded (a double that is no
    /// float, a float that is no Half, -0.0 into an integer, 7.00m into an int, a Complex with an imaginary -0): the
    /// "round back" operation.</summary>
    public static readonly HashSet<MemberKind> Roundings =
        [MemberKind.Float, MemberKind.Floats, MemberKind.Grid, MemberKind.FloatList, MemberKind.Half, MemberKind.Double,
         MemberKind.Count, MemberKind.Pair, MemberKind.Amount, MemberKind.BigAmount, MemberKind.HalfWide];

    public string TypeName => Kind switch
    {
        MemberKind.Int => Widened ? "long" : "int",
        MemberKind.Float => Widened ? "double" : "float",
        MemberKind.Decimal => "decimal",
        MemberKind.DateTime => "DateTime",
        MemberKind.DateTimeOffset => "DateTimeOffset",
        MemberKind.Guid => "Guid",
        MemberKind.TimeSpan => "TimeSpan",
        MemberKind.Half => Widened ? "float" : "Half",
        MemberKind.HalfWide => Widened ? "double" : "Half",
        MemberKind.Char => "char",
        MemberKind.Bytes => "byte[]",
        MemberKind.StringSet => "HashSet<string>",
        MemberKind.SortedMap => "SortedDictionary<string, double>",
        MemberKind.Tuple => "(int, string)",
        MemberKind.Grid => Widened ? "double[,]" : "float[,]",
        MemberKind.ListMap => "Dictionary<int, List<string>>",
        MemberKind.Double => Widened ? "System.Numerics.Complex" : "double",
        MemberKind.Floats => Widened ? "double[]" : "float[]",
        MemberKind.Count => Widened ? "double" : "int",
        MemberKind.Long => Widened ? "Int128" : "long",
        MemberKind.ULong => Widened ? "UInt128" : "ulong",
        MemberKind.Byte => Widened ? "int" : "byte",
        MemberKind.Pair => Widened ? "(long, double)" : "(int, int)",
        MemberKind.String => "string",
        MemberKind.Bool => "bool",
        MemberKind.IntList => Widened ? "List<double>" : "List<int>",
        MemberKind.IntArray => Widened ? "double[]" : "int[]",
        MemberKind.FloatList => Widened ? "List<double>" : "List<float>",
        MemberKind.Amount => Widened ? "decimal" : "int",
        MemberKind.BigAmount => Widened ? "decimal" : "long",
        MemberKind.Doubles => "double[]",
        MemberKind.Part => "Part",
        MemberKind.Map => "Dictionary<string, int>",
        MemberKind.Parts => "List<Part>",
        MemberKind.Enum => "Color",
        MemberKind.Enums => "Color[]",
        _ => "Shape",
    } + (Nullable ? "?" : "");

    public string Declaration()
    {
        string attributes = PreviousName is null ? "" : $"[PreviousName(\"{PreviousName}\")] ";
        string init = Initializer is not null ? $" = {Initializer};"
            : Nullable ? ""
            : Kind switch
            {
                MemberKind.String => " = \"\";",
                MemberKind.IntList or MemberKind.FloatList => " = new();",
                MemberKind.Doubles or MemberKind.Enums or MemberKind.Bytes or MemberKind.Floats or MemberKind.IntArray => " = [];",
                MemberKind.Part or MemberKind.Map or MemberKind.Parts or MemberKind.StringSet or MemberKind.SortedMap or MemberKind.ListMap => " = new();",
                MemberKind.Grid => Widened ? " = new double[0, 0];" : " = new float[0, 0];",
                MemberKind.Tuple => " = (0, \"\");",
                MemberKind.Shape => " = new Circle();",
                _ => "",
            };
        return $"{attributes}public {TypeName} {Name} {{ get; set; }}{init}";
    }
}

/// <summary>A random version 1, the operations that turn it into version 2, the values of each version's sample,
/// and the C# expressions of what each path must give.</summary>
internal sealed class EvolutionPair
{
    // Negative zero and NaNs other than float.NaN (positive, as Python and Arm64 make them; negative with a payload):
    // JSON spells such a NaN with its bits ("NaN:…"), and every path must keep both bit for bit (PlainEqual compares
    // floats by their bits). Signaling NaNs are left out: widening a float to a double quiets them (as the hardware does).
    private static readonly float[] Floats = [0.1f, 76.660065f, 1e-7f, -3.3f, 123456.79f, 0.5f, 3.4028235E+38f, 1.17549435E-38f,
        -0f, float.NaN, BitConverter.Int32BitsToSingle(0x7FC00000), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00123))];
    private static readonly double[] DoubleSpecials = [-0d, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8000000000000), BitConverter.Int64BitsToDouble(0x7FF00000000007A2)];

    public int Index { get; private init; }

    /// <summary>What the root model is declared as. A struct keeps newer members through the field its author declares
    /// (docs/versioning.md), and needs a constructor of its own for its members' initializers.</summary>
    public string RootKind { get; private init; } = "class";

    public static readonly string[] RootKinds = ["class", "record", "struct", "record struct"];

    /// <summary>What the nested model is declared as (a struct member is a <c>Nullable&lt;Part&gt;</c> where nullable).</summary>
    public string PartKind { get; private init; } = "class";
    public List<string> Operations { get; } = new();
    public string V1Source { get; private set; } = "";
    public string V2Source { get; private set; } = "";

    private string Ns1 => $"Fuzz{Index}.V1";
    private string Ns2 => $"Fuzz{Index}.V2";

    public static EvolutionPair Create(int seed, int index)
    {
        var random = new Random(unchecked(seed * 31 + index * 7919));
        // Drawn apart from the members and operations, so a seed draws the same versions as before root kinds existed.
        var declared = new Random(unchecked(seed * 17 + index * 104729));
        string root = RootKinds[declared.Next(RootKinds.Length)];
        var pair = new EvolutionPair { Index = index, RootKind = root, PartKind = declared.Next(2) == 0 ? "class" : "struct" };
        pair.Build(random);
        return pair;
    }

    private Random _random = null!;

    // Per member of version 1 (by name): its value in version 1's sample, as C# source for version 1.
    private readonly Dictionary<string, object> _v1Values = new();
    private readonly Dictionary<string, object> _v2Values = new();

    private void Build(Random random)
    {
        _random = random;
        // The first twelve kinds (those the operations on models act on: migrations need an int) twice as often.
        var kinds = Enum.GetValues<MemberKind>().Concat(Enum.GetValues<MemberKind>().Where(k => k <= MemberKind.Parts)).ToArray();
        var v1 = new List<FuzzMember>();
        int count = random.Next(2, 7);
        for (int i = 0; i < count; i++)
        {
            MemberKind kind = kinds[random.Next(kinds.Length)];
            bool nullable = kind is MemberKind.Int or MemberKind.Float or MemberKind.String or MemberKind.Enum or MemberKind.Double && random.Next(4) == 0;
            v1.Add(new FuzzMember("M" + i, kind, nullable));
        }
        var v2 = v1.ToList();
        var partV1 = new List<string> { "A" };
        var partV2 = partV1.ToList();
        bool triangle = false, violet = false, partRenamed = false;
        string? migration = null;
        var renamed = new Dictionary<string, string>(); // v2 name → v1 name
        var added = new List<FuzzMember>();
        string? migratedFrom = null, migratedTo = null;

        int operations = random.Next(1, 4);
        for (int o = 0; o < operations; o++)
        {
            // Widenings four times in fifteen, narrowing back twice: a run of CI's size draws each of the sixteen
            // widenings and both ways back.
            int draw = random.Next(15);
            switch (draw)
            {
                case 0:
                {
                    var member = random.Next(2) == 0
                        ? new FuzzMember("Added" + o, MemberKind.Int, Initializer: "7")
                        : new FuzzMember("Added" + o, MemberKind.String, Initializer: "\"fresh\"");
                    v2.Add(member);
                    added.Add(member);
                    Operations.Add("add " + member.Name);
                    break;
                }
                case 1 when v2.Count > 1:
                {
                    FuzzMember removed = v2[random.Next(v2.Count)];
                    if (renamed.ContainsKey(removed.Name) || added.Contains(removed) || removed.Name == migratedTo || removed.Back != Narrowing.None) break;
                    v2.Remove(removed);
                    Operations.Add("remove " + removed.Name);
                    break;
                }
                case 2:
                {
                    int at = random.Next(v2.Count);
                    FuzzMember old = v2[at];
                    // Not a member narrowed back: read by name, a renamed member is defaulted or kept, never rounded.
                    if (!v1.Any(m => m.Name == old.Name) || renamed.ContainsValue(old.Name) || old.Back != Narrowing.None) break;
                    string name = "Renamed" + old.Name;
                    // By the old serialized name or by the old C# name: both must find the old data (issue 12, item 3).
                    string previous = random.Next(2) == 0 ? old.SerializedName : old.Name;
                    v2[at] = old with { Name = name, PreviousName = previous };
                    renamed[name] = old.Name;
                    Operations.Add($"rename {old.Name} → {name} [PreviousName(\"{previous}\")]");
                    break;
                }
                case 3:
                    v2 = v2.OrderBy(_ => random.Next()).ToList();
                    Operations.Add("reorder");
                    break;
                case 12 or 13:
                {
                    // Narrowing back: a member of version 1 widened whose newer value the older type holds only rounded
                    // (12), or cannot hold (13: the one member the "Beyond" sample gives such a value).
                    Narrowing back = draw == 12 ? Narrowing.Round : Narrowing.Refuse;
                    if (back == Narrowing.Refuse && v2.Any(m => m.Back == Narrowing.Refuse)) break;
                    var can = Enumerable.Range(0, v2.Count).Where(i => FuzzMember.Widenings.ContainsKey(v2[i].Kind) && !v2[i].Widened
                        && (back == Narrowing.Refuse || FuzzMember.Roundings.Contains(v2[i].Kind)) && v1.Any(m => m.Name == v2[i].Name)).ToList();
                    if (can.Count == 0) break;
                    int at = can[random.Next(can.Count)];
                    v2[at] = v2[at] with { Widened = true, Back = back };
                    Operations.Add($"{(back == Narrowing.Round ? "round back" : "refuse back")} {FuzzMember.Widenings[v2[at].Kind]} {v2[at].Name}");
                    break;
                }
                case 4 or 10 or 11:
                {
                    // Among the members of version 1 that can widen and have not.
                    var can = Enumerable.Range(0, v2.Count).Where(i => FuzzMember.Widenings.ContainsKey(v2[i].Kind) && !v2[i].Widened
                        && v1.Any(m => m.Name == (renamed.GetValueOrDefault(v2[i].Name) ?? v2[i].Name))).ToList();
                    if (can.Count == 0) break;
                    int at = can[random.Next(can.Count)];
                    v2[at] = v2[at] with { Widened = true };
                    Operations.Add($"widen {FuzzMember.Widenings[v2[at].Kind]} {v2[at].Name}");
                    break;
                }
                case 5:
                {
                    // Among the members that can change (a nullable one half the time when there is one: few are).
                    var can = Enumerable.Range(0, v2.Count).Where(i => v2[i].Kind is MemberKind.Int or MemberKind.Float or MemberKind.String or MemberKind.Part or MemberKind.Double).ToList();
                    var nullable = can.Where(i => v2[i].Nullable).ToList();
                    if (can.Count == 0) break;
                    int at = nullable.Count > 0 && random.Next(2) == 0 ? nullable[random.Next(nullable.Count)] : can[random.Next(can.Count)];
                    v2[at] = v2[at] with { Nullable = !v2[at].Nullable, Initializer = null };
                    Operations.Add((v2[at].Nullable ? "make nullable " : "make non-nullable ") + v2[at].Name);
                    break;
                }
                case 6:
                    if (!v1.Any(m => m.Kind is MemberKind.Part or MemberKind.Parts) || !v2.Any(m => m.Kind is MemberKind.Part or MemberKind.Parts)) break;
                    // Or its member A is renamed (serialized as "alpha", previously "a"; the C# name stays, so the
                    // samples' literals do too): copies and their records inside nested objects, lists of them, structs.
                    if (!partRenamed && random.Next(2) == 0)
                    {
                        partRenamed = true;
                        Operations.Add("nested model renames a member");
                    }
                    else if (partV2.Count == 1)
                    {
                        partV2.Add("B");
                        Operations.Add("nested model gains a member");
                    }
                    break;
                case 7:
                    if (triangle || !v1.Any(m => m.Kind == MemberKind.Shape) || !v2.Any(m => m.Kind == MemberKind.Shape)) break;
                    triangle = true;
                    Operations.Add("union gains a case");
                    break;
                case 9:
                    // A member added at the end of an enum: the values both versions know keep their numbers, so every
                    // form reads them alike (a renumbering is MG2002 against the lock file, not an evolution).
                    if (violet || !v1.Any(m => m.Kind is MemberKind.Enum or MemberKind.Enums) || !v2.Any(m => m.Kind is MemberKind.Enum or MemberKind.Enums)) break;
                    violet = true;
                    Operations.Add("enum gains a member");
                    break;
                case 8 or 14:
                {
                    // A migration hook: an int member of version 1 is replaced by a long derived from it (one that is
                    // non-nullable in both versions: the hook reads it with Get<long>).
                    FuzzMember? source = v2.FirstOrDefault(m => m.Kind == MemberKind.Int && !m.Nullable && !m.Widened && v1.Any(x => x.Name == m.Name && !x.Nullable));
                    if (source is null || migration is not null) break;
                    v2.Remove(source);
                    var target = new FuzzMember("Derived" + source.Name, MemberKind.Int, Widened: true);
                    v2.Add(target);
                    migratedFrom = source.Name;
                    migratedTo = target.Name;
                    migration = $$"""
                            [ModelMigration]
                            private static void Upgrade(ModelMigration migration)
                            {
                                if (migration.FromVersion < 2) migration.Set("{{target.SerializedName}}", migration.Get<long>("{{source.SerializedName}}") * 2);
                            }
                        """;
                    Operations.Add($"migrate {source.Name} → {target.Name} = 2 × {source.Name}");
                    break;
                }
            }
        }
        if (Operations.Count == 0)
        {
            v2 = v2.AsEnumerable().Reverse().ToList();
            Operations.Add("reorder");
        }

        FuzzMember? V1Of(FuzzMember m2) => v1.FirstOrDefault(x => x.Name == (renamed.GetValueOrDefault(m2.Name) ?? m2.Name));
        FuzzMember? V2Of(FuzzMember m1) => v2.FirstOrDefault(x => x.Name == m1.Name || renamed.GetValueOrDefault(x.Name) == m1.Name);

        // Sample values. A null only where the member is nullable in both versions (a null read into a non-nullable
        // member is a ModelFormatException by design); a part of version 1 has no B.
        foreach (FuzzMember m in v1) _v1Values[m.Name] = RandomValue(m, m.Nullable && V2Of(m) is not { Nullable: false }, partV1.Count);
        foreach (FuzzMember m in v2)
        {
            if (m.Name == migratedTo) _v2Values[m.Name] = (long)random.Next(-1000, 1000) * 2;
            else if (m.Back == Narrowing.Round) _v2Values[m.Name] = RoundingValue(m);
            else _v2Values[m.Name] = RandomValue(m, m.Nullable && V1Of(m) is not { Nullable: false }, partV2.Count);
        }
        // Drawn after the sample's values, so that the values of a pair without the operation do not depend on it.
        // Each version's naming policy, drawn after the values (a pair's values do not depend on it): camelCase half
        // the time, else another, independently, so that a rename may come with a new policy (an older build then
        // writes a renamed member back under another spelling of its previous name than the newer build's copy).
        // Not with a migration, whose hook names members by version 1's camelCase names.
        if (migration is null)
        {
            string[] policies = ["SnakeCase", "KebabCase", "PascalCase"];
            _naming1 = random.Next(2) == 0 ? "CamelCase" : policies[random.Next(policies.Length)];
            _naming2 = random.Next(2) == 0 ? "CamelCase" : policies[random.Next(policies.Length)];
            if (_naming1 != "CamelCase") Operations.Add("version 1 named " + _naming1);
            if (_naming2 != _naming1) Operations.Add("version 2 named " + _naming2);
        }
        if (v2.FirstOrDefault(m => m.Back == Narrowing.Refuse) is { } refused) _refused = (refused.SerializedIn(_naming1), refused.Name, RefusedLiteral(refused), refused.SerializedIn(_naming2));

        // v1 → v2: shared members keep version 1's value (widened), added ones their initializer, the migrated one 2×.
        string FromV1()
        {
            var inits = new List<string>();
            foreach (FuzzMember m2 in v2)
            {
                FuzzMember? m1 = V1Of(m2);
                if (m2.Name == migratedTo) inits.Add($"{m2.Name} = {2L * (long)_v1Values[migratedFrom!]}L");
                else if (m1 is not null) inits.Add($"{m2.Name} = {Literal(m2, _v1Values[m1.Name], partV2.Count)}");
            }
            return $"new Model {{ {string.Join(", ", inits)} }}";
        }

        // v2 → v1: shared members keep version 2's value, renamed ones too (binary by key; JSON and dictionaries carry
        // a renamed member under its previous name as well).
        string FromV2()
        {
            var inits = new List<string>();
            foreach (FuzzMember m1 in v1)
            {
                FuzzMember? m2 = V2Of(m1);
                if (m2 is null) continue;
                inits.Add($"{m1.Name} = {Literal(m1, _v2Values[m2.Name], partV1.Count)}");
            }
            return $"new Model {{ {string.Join(", ", inits)} }}";
        }

        // v1 → v2 → v1: members version 2 removed come back (kept), renamed ones too, the migrated one not (a hook's
        // inputs are not written back).
        string V1RoundTrip()
        {
            var inits = new List<string>();
            foreach (FuzzMember m1 in v1)
            {
                if (m1.Name == migratedFrom) continue;
                inits.Add($"{m1.Name} = {Literal(m1, _v1Values[m1.Name], partV1.Count)}");
            }
            return $"new Model {{ {string.Join(", ", inits)} }}";
        }

        string Sample(List<FuzzMember> members, Dictionary<string, object> values, int partMembers) =>
            $"new Model {{ {string.Join(", ", members.Select(m => $"{m.Name} = {Literal(m, values[m.Name], partMembers)}"))} }}";

        // v2 → v1 → v2: what version 1 held comes back, widened again: a value version 1 rounded comes back rounded
        // (0.1 read as 0.1f is 0.1f's double, 7.00m read as 7 is 7m); every other member as version 2 wrote it.
        string RolledBack() =>
            $"new Model {{ {string.Join(", ", v2.Select(m => $"{m.Name} = {(_v2Values[m.Name] is Wide w ? Literal(m, w.Older, partV2.Count) : Literal(m, _v2Values[m.Name], partV2.Count))}"))} }}";

        // v2 → v1, where every member both versions have (renamed ones included) is set to version 1's sample value, →
        // v2: those edits as version 2 reads version 1's values, every other member as version 2 wrote it (kept by
        // version 1; the migrated member keeps its value: the data says version 2, so the hook does not run again).
        string Edited()
        {
            var inits = new List<string>();
            foreach (FuzzMember m2 in v2)
            {
                FuzzMember? m1 = V1Of(m2);
                string value = m1 is not null && m2.Name != migratedTo ? Literal(m2, _v1Values[m1.Name], partV2.Count)
                    : _v2Values[m2.Name] is Wide w ? Literal(m2, w.Older, partV2.Count) : Literal(m2, _v2Values[m2.Name], partV2.Count);
                inits.Add($"{m2.Name} = {value}");
            }
            return $"new Model {{ {string.Join(", ", inits)} }}";
        }
        _v1Edited = v1.Where(m => m.Name != migratedFrom && V2Of(m) is not null).Select(m => m.Name).ToList();

        // A person edits version 2's document by hand: each renamed member under its current name only, to the value
        // "Edited" holds (version 1's). Read by version 2 directly, every such edit counts; through version 1 (which
        // holds the copy and keeps the edited current name), those whose type version 1 holds the same (a widened one
        // is written back by version 1 in its own type, so its copy no longer matches its record and wins: a rounding
        // version 1 made, docs/versioning.md).
        string HandEdited(bool throughV1) =>
            $"new Model {{ {string.Join(", ", v2.Select(m => $"{m.Name} = {(m.PreviousName is not null && (!throughV1 || !m.Widened) ? Literal(m, _v1Values[V1Of(m)!.Name], partV2.Count) : !throughV1 ? Literal(m, _v2Values[m.Name], partV2.Count) : _v2Values[m.Name] is Wide w ? Literal(m, w.Older, partV2.Count) : Literal(m, _v2Values[m.Name], partV2.Count))}"))} }}";
        _handEdited = v2.Where(m => m.PreviousName is not null).Select(m => (m.SerializedIn(_naming2), m.Widened)).ToList();

        // The sample with the refused member's value beyond what version 1 holds (the sample itself when none is).
        string Beyond() =>
            $"new Model {{ {string.Join(", ", v2.Select(m => $"{m.Name} = {(_refused?.Member == m.Name ? _refused.Value.Literal : Literal(m, _v2Values[m.Name], partV2.Count))}"))} }}";

        V1Source = Source(Ns1, RootKind, PartKind, 1, _naming1, v1, partV1, partRenamed: false, triangle: false, migration: null, violet: false, new()
        {
            ["Sample"] = Sample(v1, _v1Values, partV1.Count),
            ["FromV2"] = FromV2(),
            ["RoundTrip"] = V1RoundTrip(),
        });
        V2Source = Source(Ns2, RootKind, PartKind, 2, _naming2, v2, partV2, partRenamed, triangle, migration, violet, new()
        {
            ["Sample"] = Sample(v2, _v2Values, partV2.Count),
            ["RolledBack"] = RolledBack(),
            ["Edited"] = Edited(),
            ["HandEdited"] = HandEdited(throughV1: false),
            ["HandEditedThroughV1"] = HandEdited(throughV1: true),
            ["Beyond"] = Beyond(),
            ["FromV1"] = FromV1(),
        });
        _v1Members = v1.Select(m => m.SerializedIn(_naming1)).ToList();
        _v2Members = v2.Select(m => m.SerializedIn(_naming2)).ToList();
    }

    private string _naming1 = "CamelCase", _naming2 = "CamelCase";

    private List<string> _v1Members = new();
    // Version 1's members that a rollback edits (every one version 2 has, renamed ones included).
    private List<string> _v1Edited = new();
    private List<string> _v2Members = new();
    // Version 2's renamed members (serialized name, widened): a person edits their current name by hand.
    private List<(string Name, bool Widened)> _handEdited = new();

    // The member whose value in the "Beyond" sample version 1 cannot hold: its serialized name, C# name and literal.
    // (And its name in version 2's document, which a JSON or dictionary error may name: the name found in the data.)
    private (string Name, string Member, string Literal, string DataName)? _refused;

    /// <summary>A widened member's newer value that the older type holds only rounded: the C# expression of the newer
    /// value, and the older value (as RandomValue gives version 1's values), worked out here with the hardware's and
    /// the BCL's own conversions, not the library's.</summary>
    private sealed record Wide(string Newer, object Older);

    // Doubles that are no float: a float rounds them to nearest, ties to even (1 + 3·2⁻²⁴ and 1 + 5·2⁻²⁴ are ties whose
    // shortest text lies on the other side of the tie than the even float), into subnormals, to zero (keeping the
    // sign), and up to float.MaxValue.
    private static readonly double[] RoundDoubles = [0.1, 1.0 / 3, Math.PI, 1 + 3 * Math.Pow(2, -24), 1 + 5 * Math.Pow(2, -24), 1 + Math.Pow(2, -24),
        16777217, 1e-40, 1e-50, -1e-50, 3.4028235677973362E+38, -double.Epsilon, 2.5e-45, Math.Pow(2, -150), -123456.789012345];
    // Floats that are no Half: rounded to nearest, ties to even (1 + 2⁻¹¹ down, 1 + 3·2⁻¹¹ up, 2049 down), into
    // subnormals and zero, up to Half.MaxValue (65519).
    // Doubles that are no Half. Not 1.0004883: a double whose text is also a float's own shortest text (of the Half
    // tie 1 + 2⁻¹¹) reads from JSON as that float (docs/versioning.md, "Narrowing back"), the one case the forms differ.
    private static readonly double[] RoundHalfDoubles = [0.1, 1.000488281251, 1 + Math.Pow(2, -11), 65519.99, 1e-8, -3e-8, 2049.0000001, Math.PI];
    private static readonly float[] RoundFloats = [0.1f, 65519f, 1 + MathF.Pow(2, -11), 1 + 3 * MathF.Pow(2, -11), 2049f, 1e-8f, 3e-8f, -1e-8f, 1f / 3, -65519.99f];

    private Wide RoundingValue(FuzzMember m)
    {
        double RoundDouble() => RoundDoubles[_random.Next(RoundDoubles.Length)];
        // 1 to 3 items, one of them at least rounded, the others floats as they are.
        (string[] Newer, float[] Older) Items()
        {
            int count = _random.Next(1, 4), rounded = _random.Next(count);
            var newer = new string[count];
            var older = new float[count];
            for (int i = 0; i < count; i++)
            {
                if (i == rounded || _random.Next(2) == 0)
                {
                    double d = RoundDouble();
                    (newer[i], older[i]) = (DoubleLiteral(d), (float)d);
                }
                else
                {
                    float f = Signed(Floats[_random.Next(Floats.Length)], _random.Next(2) == 0);
                    (newer[i], older[i]) = (FloatLiteral(f, widened: true), f);
                }
            }
            return (newer, older);
        }
        // An integer as a decimal of another scale (7 as 7.000m, 0 as -0.0m): the older member reads the integer.
        Wide Scaled(long v)
        {
            int scale = _random.Next(1, 4);
            decimal m = v == 0 && _random.Next(2) == 0 ? new decimal(0, 0, 0, true, (byte)scale) : new decimal(v) * new decimal((int)Math.Pow(10, scale), 0, 0, false, (byte)scale);
            return new Wide(DecimalLiteral(m), v);
        }
        switch (m.Kind)
        {
            case MemberKind.Float:
            {
                double d = RoundDouble();
                return new Wide(DoubleLiteral(d), (float)d);
            }
            case MemberKind.Floats or MemberKind.FloatList:
            {
                var (newer, older) = Items();
                return new Wide($"new {(m.Kind == MemberKind.Floats ? "double[]" : "List<double>")} {{ {string.Join(", ", newer)} }}", older);
            }
            case MemberKind.Grid:
            {
                var (newer, older) = Items();
                var grid = new float[1, older.Length];
                for (int c = 0; c < older.Length; c++) grid[0, c] = older[c];
                return new Wide($"new double[,] {{ {{ {string.Join(", ", newer)} }} }}", grid);
            }
            case MemberKind.HalfWide:
            {
                // Doubles that are no Half: rounded to nearest, ties to even, straight from the double (1.000488281251
                // lies just above the tie 1 + 2⁻¹¹, so close that a float between them would be the tie itself).
                double d = RoundHalfDoubles[_random.Next(RoundHalfDoubles.Length)];
                return new Wide(DoubleLiteral(d), BitConverter.HalfToInt16Bits((Half)d));
            }
            case MemberKind.Half:
            {
                float f = RoundFloats[_random.Next(RoundFloats.Length)];
                return new Wide(FloatLiteral(f, widened: false), BitConverter.HalfToInt16Bits((Half)f));
            }
            case MemberKind.Double:
            {
                // A Complex whose imaginary part is negative zero: the real part, read as a double is.
                double re = RandomDouble();
                return new Wide($"new System.Numerics.Complex({DoubleLiteral(re)}, {DoubleLiteral(-0d)})", re);
            }
            case MemberKind.Count:
                return new Wide(DoubleLiteral(-0d), 0L); // an int has no negative zero
            case MemberKind.Pair:
            {
                int a = new[] { 0, int.MinValue, int.MaxValue, _random.Next(-99, 99) }[_random.Next(4)];
                return new Wide($"({a}L, {DoubleLiteral(-0d)})", (a, 0));
            }
            case MemberKind.Amount:
                return Scaled(new[] { 0, int.MinValue, int.MaxValue, _random.Next(-100000, 100000) }[_random.Next(4)]);
            case MemberKind.BigAmount:
                return Scaled(new[] { 0, long.MinValue, long.MaxValue, _random.NextInt64(long.MinValue, long.MaxValue) }[_random.Next(4)]);
            default:
                throw new ArgumentException($"{m.Kind} does not round");
        }
    }

    // A newer value the older type cannot hold: out of its range, a fraction or a NaN into an integer, a Complex with
    // an imaginary part. Every form must refuse it with a ModelFormatException naming the member.
    private string RefusedLiteral(FuzzMember m)
    {
        string[] choices = m.Kind switch
        {
            MemberKind.Int => ["2147483648L", "-2147483649L", "long.MaxValue", "long.MinValue"],
            MemberKind.Count => ["0.5", "-2.5", "2147483648d", "-1e300", "double.NaN", "double.PositiveInfinity", "1e-300"],
            MemberKind.Long => ["Int128.MaxValue", "(Int128)long.MaxValue + 1", "(Int128)long.MinValue - 1", "-(Int128)ulong.MaxValue", "Int128.MinValue"],
            MemberKind.ULong => ["(UInt128)ulong.MaxValue + 1", "UInt128.MaxValue"],
            MemberKind.Byte => ["256", "-1", "int.MaxValue"],
            MemberKind.Pair => ["(2147483648L, 0d)", "(0L, 0.5)", "(long.MinValue, 1d)", "(1L, 1e10)"],
            MemberKind.Float => ["1e39", "-1e300", "double.MaxValue"],
            MemberKind.Half => ["65520f", "-1e10f", "float.MaxValue"],
            MemberKind.HalfWide => ["65520d", "-1e300", "65520.00000000001"],
            MemberKind.Double => ["new System.Numerics.Complex(1, 1)", "new System.Numerics.Complex(0, -0.5)", "new System.Numerics.Complex(2, double.NaN)"],
            MemberKind.IntList => ["new List<double> { 1, 0.5 }", "new List<double> { 1e10 }", "new List<double> { 2, double.NaN }"],
            MemberKind.IntArray => ["new double[] { 0.5 }", "new double[] { 3, -2147483649d }"],
            MemberKind.FloatList => ["new List<double> { 0.1, 1e39 }", "new List<double> { double.MaxValue }"],
            MemberKind.Floats => ["new double[] { 1e39 }", "new double[] { 0.5, -1e300 }"],
            MemberKind.Grid => ["new double[,] { { 0.5, 1e39 } }"],
            MemberKind.Amount => ["0.5m", "2147483648m", "-2147483649m", "decimal.MaxValue", "-7.25m", "0.0000000000000000000000000001m"],
            MemberKind.BigAmount => ["9223372036854775808m", "-9223372036854775809m", "0.1m", "decimal.MinValue"],
            _ => throw new ArgumentException($"{m.Kind} does not widen"),
        };
        return choices[_random.Next(choices.Length)];
    }

    // A value is kept as data the literal writer understands: long for integers, float for floats (version 2's
    // widened double is the float's shortest text), string, bool, int[] for lists and double[] arrays, (a, b) for parts
    // (an array of them for lists of parts), key-value pairs for maps, (tag, number) for shapes, a member name (or an
    // array of them) for enums, or null.
    private object RandomValue(FuzzMember m, bool allowNull, int partMembers)
    {
        if (allowNull && _random.Next(5) == 0) return NullValue.Instance;
        return m.Kind switch
        {
            MemberKind.Int => (long)_random.Next(-100000, 100000),
            MemberKind.Float => Signed(Floats[_random.Next(Floats.Length)], _random.Next(2) == 0),
            MemberKind.String => Strings[_random.Next(Strings.Length)],
            MemberKind.Bool => _random.Next(2) == 0,
            MemberKind.IntList => Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(-50, 50)).ToArray(),
            MemberKind.Doubles => Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(8) == 0 ? DoubleSpecials[_random.Next(DoubleSpecials.Length)] : Math.Round(_random.NextDouble() * 100, 3)).ToArray(),
            MemberKind.Part => new PartValue(_random.Next(-9, 9), partMembers > 1 ? _random.Next(-9, 9) : 0),
            MemberKind.Map => Enumerable.Range(0, _random.Next(4)).Select(i => new KeyValuePair<string, long>(new[] { "a", "B", "ünï", "" }[i], _random.Next(-50, 50))).ToArray(),
            MemberKind.Parts => Enumerable.Range(0, _random.Next(4)).Select(_ => new PartValue(_random.Next(-9, 9), partMembers > 1 ? _random.Next(-9, 9) : 0)).ToArray(),
            MemberKind.Enum => Colors[_random.Next(Colors.Length)],
            MemberKind.Enums => Enumerable.Range(0, _random.Next(4)).Select(_ => Colors[_random.Next(Colors.Length)]).ToArray(),
            MemberKind.Decimal => Decimals[_random.Next(Decimals.Length)],
            MemberKind.DateTime => _random.Next(4) switch
            {
                0 => DateTime.MinValue,
                1 => new DateTime(DateTime.MaxValue.Ticks, DateTimeKind.Utc),
                // Local is left out: a local time is written as its UTC instant (docs/format.md §6.2), by design.
                _ => new DateTime(_random.NextInt64(DateTime.MaxValue.Ticks), _random.Next(2) == 0 ? DateTimeKind.Utc : DateTimeKind.Unspecified),
            },
            MemberKind.DateTimeOffset => _random.Next(4) switch
            {
                0 => DateTimeOffset.MinValue,
                1 => DateTimeOffset.MaxValue,
                _ => new DateTimeOffset(_random.NextInt64(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(new[] { 0, 330, -480, 840, -840, 45, -1 }[_random.Next(7)])),
            },
            MemberKind.Guid => _random.Next(4) switch
            {
                0 => Guid.Empty,
                1 => new Guid("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                _ => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256)).ToArray()),
            },
            MemberKind.TimeSpan => new[] { TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, new TimeSpan(-1), new TimeSpan(_random.NextInt64(long.MinValue, long.MaxValue)) }[_random.Next(5)],
            MemberKind.Half => Halves[_random.Next(Halves.Length)],
            // Not the signaling NaN: widened to a double it becomes quiet (as the hardware converts a float's).
            MemberKind.HalfWide => QuietHalves[_random.Next(QuietHalves.Length)],
            MemberKind.Char => Chars[_random.Next(Chars.Length)],
            MemberKind.Bytes => Enumerable.Range(0, _random.Next(5)).Select(_ => (byte)new[] { 0, 255, 127, 128, _random.Next(256) }[_random.Next(5)]).ToArray(),
            MemberKind.StringSet => SetStrings.OrderBy(_ => _random.Next()).Take(_random.Next(SetStrings.Length + 1)).ToArray(),
            MemberKind.SortedMap => SetStrings.OrderBy(_ => _random.Next()).Take(_random.Next(4)).Select(k => new KeyValuePair<string, double>(k, RandomDouble())).ToArray(),
            MemberKind.Tuple => (new[] { 0, int.MinValue, int.MaxValue, _random.Next(-99, 99) }[_random.Next(4)], Strings[_random.Next(Strings.Length)]),
            MemberKind.Grid => RandomGrid(),
            MemberKind.ListMap => new[] { 0, -1, int.MinValue, int.MaxValue, 7 }.OrderBy(_ => _random.Next()).Take(_random.Next(4))
                .Select(k => new KeyValuePair<int, string[]>(k, Enumerable.Range(0, _random.Next(3)).Select(_ => Strings[_random.Next(Strings.Length)]).ToArray())).ToArray(),
            MemberKind.Double => RandomDouble(),
            MemberKind.Floats => Enumerable.Range(0, _random.Next(4)).Select(_ => Signed(Floats[_random.Next(Floats.Length)], _random.Next(2) == 0)).ToArray(),
            MemberKind.Count => (long)new[] { int.MinValue, int.MaxValue, 0, _random.Next(-100000, 100000) }[_random.Next(4)],
            MemberKind.Long => new[] { long.MinValue, long.MaxValue, -1L, _random.NextInt64(long.MinValue, long.MaxValue) }[_random.Next(4)],
            MemberKind.ULong => new[] { ulong.MaxValue, 0UL, 1UL << 63, (ulong)_random.NextInt64(long.MaxValue) }[_random.Next(4)],
            MemberKind.Byte => (long)_random.Next(256),
            MemberKind.Pair => (new[] { 0, int.MinValue, int.MaxValue, _random.Next(-99, 99) }[_random.Next(4)], new[] { 0, int.MinValue, int.MaxValue, _random.Next(-99, 99) }[_random.Next(4)]),
            MemberKind.IntArray => Enumerable.Range(0, _random.Next(4)).Select(_ => new[] { int.MinValue, int.MaxValue, 0, _random.Next(-100000, 100000) }[_random.Next(4)]).ToArray(),
            MemberKind.FloatList => Enumerable.Range(0, _random.Next(4)).Select(_ => Signed(Floats[_random.Next(Floats.Length)], _random.Next(2) == 0)).ToArray(),
            MemberKind.Amount => (long)new[] { int.MinValue, int.MaxValue, 0, _random.Next(-100000, 100000) }[_random.Next(4)],
            MemberKind.BigAmount => new[] { long.MinValue, long.MaxValue, -1L, _random.NextInt64(long.MinValue, long.MaxValue) }[_random.Next(4)],
            _ => _random.Next(2) == 0 ? new ShapeValue("circle", _random.Next(1, 9) / 4.0) : new ShapeValue("square", _random.Next(1, 9)),
        };
    }

    private static readonly string[] Strings = ["", "a", "Ünïcode ✓", "line\nbreak", "quote\"s", "clef 𝄞 (a surrogate pair)", "nul\0 tab\t \u2028"];
    private static readonly string[] SetStrings = ["", "a", "B", "ünï", "𝄞", "z\"q"];
    // Scale is data: 1.10m and 1.1m differ by their bits (compared by decimal.GetBits), and so do 0 and -0.00m.
    private static readonly decimal[] Decimals = [1.10m, 1.1m, 0m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m,
        -123.4500m, 79228162514264.337593543950335m, new decimal(0, 0, 0, true, 2)];
    private static readonly char[] Chars = ['a', '\0', 'ü', '\uFFFD', '"', '\\', '\u2028', '\uE000', '字', '\uFFFF'];
    // Half bits: numbers, extremes, subnormals, negative zero, and NaNs (the type's own, positive, negative with a
    // payload, and a signaling one, which a float member keeps signaling: docs/versioning.md).
    private static readonly short[] Halves = [0x2E66 /* 0.1 */, 0x7BFF /* max */, unchecked((short)0xFBFF), 0x0001 /* epsilon */, 0x03FF, unchecked((short)0x8000),
        0x3C00, 0x5640, unchecked((short)0xFE00) /* Half.NaN */, 0x7E00, unchecked((short)0xFE21), 0x7D01 /* signaling */, 0x7C00 /* +inf */];
    private static readonly short[] QuietHalves = Halves.Where(h => (h & 0x7C00) != 0x7C00 || (h & 0x3FF) == 0 || (h & 0x200) != 0).ToArray();
    private static readonly double[] Doubles = [0.1, 1e308, double.MaxValue, double.Epsilon, -1.5, 2.2250738585072014E-308, 123456789.123, double.NegativeInfinity];

    private double RandomDouble()
    {
        double d = _random.Next(5) == 0 ? DoubleSpecials[_random.Next(DoubleSpecials.Length)] : Doubles[_random.Next(Doubles.Length)];
        return _random.Next(2) == 0 || double.IsNaN(d) ? d : -d;
    }

    // Rows × columns, either of them possibly 0 (the shape is data: float[2, 0] is not float[0, 0]).
    private float[,] RandomGrid()
    {
        var grid = new float[_random.Next(3), _random.Next(4)];
        for (int r = 0; r < grid.GetLength(0); r++)
            for (int c = 0; c < grid.GetLength(1); c++) grid[r, c] = Signed(Floats[_random.Next(Floats.Length)], _random.Next(2) == 0);
        return grid;
    }

    // A float or its negation; a NaN as it is (negating one flips only its sign bit, which the values above choose).
    private static float Signed(float f, bool positive) => positive || float.IsNaN(f) ? f : -f;

    // The members both versions' Color has (version 2 may add Violet at the end).
    private static readonly string[] Colors = ["Red", "Green", "Blue"];

    private sealed class NullValue { public static readonly NullValue Instance = new(); }
    private sealed record PartValue(int A, int B);
    private sealed record ShapeValue(string Tag, double Size);

    // A nullable member that was null keeps null only where the member is nullable; a non-nullable one reads a null as
    // its default (pairs never write a null into a non-nullable member: a null would be a ModelFormatException).
    private static string Literal(FuzzMember m, object value, int partMembers)
    {
        if (value is NullValue) return m.Nullable ? "null" : "default!";
        if (value is Wide wide) return m.Widened ? wide.Newer : Literal(m, wide.Older, partMembers);
        return m.Kind switch
        {
            MemberKind.Int => m.Widened ? $"{(long)value}L" : $"{(long)value}",
            MemberKind.Float => FloatLiteral((float)value, m.Widened),
            MemberKind.String => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral((string)value, quote: true),
            MemberKind.Bool => (bool)value ? "true" : "false",
            MemberKind.IntList => m.Widened ? $"new List<double> {{ {string.Join(", ", ((int[])value).Select(i => $"{i}d"))} }}" : $"new List<int> {{ {string.Join(", ", (int[])value)} }}",
            MemberKind.IntArray => m.Widened ? $"new double[] {{ {string.Join(", ", ((int[])value).Select(i => $"{i}d"))} }}" : $"new int[] {{ {string.Join(", ", (int[])value)} }}",
            MemberKind.FloatList => $"new List<{(m.Widened ? "double" : "float")}> {{ {string.Join(", ", ((float[])value).Select(f => FloatLiteral(f, m.Widened)))} }}",
            // An int or a long as the decimal of scale 0 it widens to.
            MemberKind.Amount => m.Widened ? DecimalLiteral((long)value) : $"{(long)value}",
            MemberKind.BigAmount => m.Widened ? DecimalLiteral((long)value) : LongLiteral((long)value),
            MemberKind.Doubles => $"new double[] {{ {string.Join(", ", ((double[])value).Select(DoubleLiteral))} }}",
            MemberKind.Enum => "Color." + (string)value,
            MemberKind.Enums => $"new Color[] {{ {string.Join(", ", ((string[])value).Select(c => "Color." + c))} }}",
            MemberKind.Part => value is PartValue p ? PartLiteral(p, partMembers) : "new Part()",
            MemberKind.Map => $"new Dictionary<string, int> {{ {string.Join(", ", ((KeyValuePair<string, long>[])value).Select(kv => $"[{Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(kv.Key, quote: true)}] = {kv.Value}"))} }}",
            MemberKind.Parts => $"new List<Part> {{ {string.Join(", ", ((PartValue[])value).Select(p => PartLiteral(p, partMembers)))} }}",
            MemberKind.Decimal => DecimalLiteral((decimal)value),
            MemberKind.DateTime => $"new DateTime({((DateTime)value).Ticks}L, DateTimeKind.{((DateTime)value).Kind})",
            MemberKind.DateTimeOffset => $"new DateTimeOffset({((DateTimeOffset)value).Ticks}L, TimeSpan.FromMinutes({((DateTimeOffset)value).Offset.TotalMinutes}))",
            MemberKind.Guid => $"new Guid(\"{(Guid)value}\")",
            MemberKind.TimeSpan => $"new TimeSpan({LongLiteral(((TimeSpan)value).Ticks)})",
            // Half → float: exact, a NaN's payload moved up as it is (a signaling one stays signaling).
            MemberKind.Half => m.Widened ? $"BitConverter.Int32BitsToSingle({HalfToFloatBits((short)value)})" : $"BitConverter.Int16BitsToHalf({(short)value})",
            // Half → double: the double of its float's shortest text (a NaN as the hardware widens the float).
            MemberKind.HalfWide => m.Widened ? FloatLiteral(BitConverter.Int32BitsToSingle(HalfToFloatBits((short)value)), widened: true) : $"BitConverter.Int16BitsToHalf({(short)value})",
            MemberKind.Char => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral((char)value, quote: true),
            MemberKind.Bytes => $"new byte[] {{ {string.Join(", ", (byte[])value)} }}",
            MemberKind.StringSet => $"new HashSet<string> {{ {string.Join(", ", ((string[])value).Select(StringLiteral))} }}",
            MemberKind.SortedMap => $"new SortedDictionary<string, double>(StringComparer.Ordinal) {{ {string.Join(", ", ((KeyValuePair<string, double>[])value).Select(kv => $"[{StringLiteral(kv.Key)}] = {DoubleLiteral(kv.Value)}"))} }}",
            MemberKind.Tuple => $"({((ValueTuple<int, string>)value).Item1}, {StringLiteral(((ValueTuple<int, string>)value).Item2)})",
            MemberKind.Grid => GridLiteral((float[,])value, m.Widened),
            MemberKind.ListMap => $"new Dictionary<int, List<string>> {{ {string.Join(", ", ((KeyValuePair<int, string[]>[])value).Select(kv => $"[{kv.Key}] = new List<string> {{ {string.Join(", ", kv.Value.Select(StringLiteral))} }}"))} }}",
            MemberKind.Double => m.Widened ? $"new System.Numerics.Complex({DoubleLiteral((double)value)}, 0)" : DoubleLiteral((double)value),
            MemberKind.Floats => m.Widened ? $"new double[] {{ {string.Join(", ", ((float[])value).Select(f => FloatLiteral(f, true)))} }}" : $"new float[] {{ {string.Join(", ", ((float[])value).Select(f => FloatLiteral(f, false)))} }}",
            MemberKind.Count => m.Widened ? $"{(long)value}d" : $"{(long)value}",
            MemberKind.Long => m.Widened ? $"(Int128)({LongLiteral((long)value)})" : LongLiteral((long)value),
            MemberKind.ULong => m.Widened ? $"(UInt128){(ulong)value}UL" : $"{(ulong)value}UL",
            MemberKind.Byte => m.Widened ? $"{(long)value}" : $"(byte){(long)value}",
            MemberKind.Pair => value is ValueTuple<int, int> t ? (m.Widened ? $"({t.Item1}L, {t.Item2}d)" : $"({t.Item1}, {t.Item2})") : throw new ArgumentException("pair"),
            _ => value is ShapeValue { Tag: "circle" } c ? $"new Circle {{ R = {c.Size.ToString("R", CultureInfo.InvariantCulture)} }}" : $"new Square {{ S = {(int)((ShapeValue)value).Size} }}",
        };
    }

    // A widened member's double is the float's shortest text read as a double (0.1f becomes 0.1); a NaN converts as the
    // hardware converts it (sign kept, payload shifted), and NaNs and negative zero are written by their bits.
    private static string FloatLiteral(float f, bool widened)
    {
        if (float.IsNaN(f) || (f == 0 && float.IsNegative(f)))
        {
            string bits = $"System.BitConverter.Int32BitsToSingle({BitConverter.SingleToInt32Bits(f)})";
            return widened ? $"(double){bits}" : bits;
        }
        // (A float beyond the range drawn, e.g. a Half's end widened, is an infinity: no literal spells it.)
        if (float.IsInfinity(f)) return (widened ? "double." : "float.") + (f > 0 ? "PositiveInfinity" : "NegativeInfinity");
        string text = f.ToString("R", CultureInfo.InvariantCulture);
        return widened ? double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + "d" : text + "f";
    }

    private static string StringLiteral(string s) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true);

    private static string LongLiteral(long l) => l == long.MinValue ? "long.MinValue" : $"{l}L";

    // By its bits: the scale and the sign of a zero are data.
    private static string DecimalLiteral(decimal d)
    {
        int[] bits = decimal.GetBits(d);
        return $"new decimal({bits[0]}, {bits[1]}, {bits[2]}, {(bits[3] < 0 ? "true" : "false")}, {(bits[3] >> 16) & 0xFF})";
    }

    // A Half's float, worked out here from its fields (not by the library's conversion): exact for a number, and a
    // NaN or an infinity keeps its sign and its payload moved up 13 bits, quiet bit as it was.
    private static int HalfToFloatBits(short half)
    {
        int sign = (half >> 15) & 1, exponent = (half >> 10) & 0x1F, mantissa = half & 0x3FF;
        if (exponent == 0x1F) return (sign << 31) | 0x7F800000 | (mantissa << 13);
        double magnitude = exponent == 0 ? mantissa * Math.Pow(2, -24) : (1024 + mantissa) * Math.Pow(2, exponent - 25);
        return BitConverter.SingleToInt32Bits((float)(sign == 1 ? -magnitude : magnitude));
    }

    private static string GridLiteral(float[,] grid, bool widened)
    {
        string element = widened ? "double" : "float";
        int rows = grid.GetLength(0), columns = grid.GetLength(1);
        if (rows == 0 || columns == 0) return $"new {element}[{rows}, {columns}]";
        var lines = Enumerable.Range(0, rows).Select(r => "{ " + string.Join(", ", Enumerable.Range(0, columns).Select(c => FloatLiteral(grid[r, c], widened))) + " }");
        return $"new {element}[,] {{ {string.Join(", ", lines)} }}";
    }

    private static string DoubleLiteral(double d) =>
        double.IsNaN(d) || (d == 0 && double.IsNegative(d))
            ? $"System.BitConverter.Int64BitsToDouble({BitConverter.DoubleToInt64Bits(d)}L)"
            : double.IsInfinity(d) ? (d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity")
            : d.ToString("R", CultureInfo.InvariantCulture);

    private static string PartLiteral(PartValue p, int partMembers) =>
        partMembers > 1 ? $"new Part {{ A = {p.A}, B = {p.B} }}" : $"new Part {{ A = {p.A} }}";

    private static string Source(string ns, string root, string part, int version, string naming, List<FuzzMember> members, List<string> partMembers, bool partRenamed, bool triangle, string? migration, bool violet, Dictionary<string, string> samples)
    {
        var s = new StringBuilder();
        s.AppendLine($"namespace {ns} {{");
        bool parts = members.Any(m => m.Kind is MemberKind.Part or MemberKind.Parts), shapes = members.Any(m => m.Kind == MemberKind.Shape);
        if (members.Any(m => m.Kind is MemberKind.Enum or MemberKind.Enums)) s.AppendLine($"public enum Color {{ {string.Join(", ", Colors)}{(violet ? ", Violet" : "")} }}");
        if (parts) s.AppendLine($"[SerializableModel(Name = \"Fuzz.Part\")] public partial {part} Part {{ {(part == "struct" ? "private KeptMembers _kept; " : "")}{string.Join(" ", partMembers.Select(p => $"{(p == "A" && partRenamed ? "[ModelMember(Name = \"alpha\"), PreviousName(\"a\")] " : "")}public int {p} {{ get; set; }}"))} }}");
        if (shapes) s.AppendLine("[SerializableModel(Name = \"Fuzz.Shape\")] [ModelUnion(\"circle\", typeof(Circle))] [ModelUnion(\"square\", typeof(Square))]"
            + (triangle ? " [ModelUnion(\"triangle\", typeof(Triangle))]" : "") + " public abstract partial class Shape { }");
        if (shapes) s.AppendLine("[SerializableModel(Name = \"Fuzz.Circle\")] public partial class Circle : Shape { public double R { get; set; } }");
        if (shapes) s.AppendLine("[SerializableModel(Name = \"Fuzz.Square\")] public partial class Square : Shape { public int S { get; set; } }");
        if (shapes && triangle) s.AppendLine("[SerializableModel(Name = \"Fuzz.Triangle\")] public partial class Triangle : Shape { public double H { get; set; } }");
        s.AppendLine($"[SerializableModel(Name = \"Fuzz.Model\"{(version > 1 ? $", Version = {version}" : "")}{(naming != "CamelCase" ? $", Naming = ModelNaming.{naming}" : "")})] public partial {root} Model {{");
        if (root.EndsWith("struct", StringComparison.Ordinal)) s.AppendLine("    private KeptMembers _kept; public Model() { }");
        foreach (FuzzMember m in members) s.AppendLine("    " + m.Declaration());
        if (migration is not null) s.AppendLine(migration);
        s.AppendLine("}");
        s.AppendLine("public static class Io {");
        s.AppendLine("    public static byte[] Bin(object o) => ModelSerializer.Serialize((Model)o);");
        s.AppendLine("    public static object FromBin(byte[] b) => ModelSerializer.Deserialize<Model>(b);");
        s.AppendLine("    public static byte[] Bin2(object o) => ModelSerializer.Serialize((Model)o, new ModelSerializerOptions { FormatVersion = 2 });");
        s.AppendLine("    public static string Json(object o) => ModelJson.Serialize((Model)o);");
        s.AppendLine("    public static object FromJson(string j) => ModelJson.Deserialize<Model>(j);");
        s.AppendLine("    public static Dictionary<string, object?> Dict(object o) => ModelDictionary.ToDictionary((Model)o);");
        s.AppendLine("    public static object FromDict(Dictionary<string, object?> d) => ModelDictionary.FromDictionary<Model>(d);");
        // Through streams and pipes, a few bytes a read, and nested in a document System.Text.Json writes with
        // snake_case policies.
        s.AppendLine("    public static byte[] BinStream(object o) { var m = new System.IO.MemoryStream(); ModelSerializer.SerializeAsync(m, (Model)o).GetAwaiter().GetResult(); return m.ToArray(); }");
        s.AppendLine("    public static object FromBinStream(byte[] b) => ModelSerializer.DeserializeAsync<Model>(new FuzzSupport.Trickle(b)).AsTask().GetAwaiter().GetResult();");
        s.AppendLine("    public static byte[] Bin2Pipe(object o) { var m = new System.IO.MemoryStream(); var w = System.IO.Pipelines.PipeWriter.Create(m);");
        s.AppendLine("        ModelSerializer.SerializeAsync(w, (Model)o, new ModelSerializerOptions { FormatVersion = 2 }).GetAwaiter().GetResult(); w.Complete(); return m.ToArray(); }");
        s.AppendLine("    public static object FromPipe(byte[] b) => ModelSerializer.DeserializeAsync<Model>(System.IO.Pipelines.PipeReader.Create(new FuzzSupport.Trickle(b))).AsTask().GetAwaiter().GetResult();");
        s.AppendLine("    public static byte[] JsonStream(object o) { var m = new System.IO.MemoryStream(); ModelJson.SerializeAsync(m, (Model)o).GetAwaiter().GetResult(); return m.ToArray(); }");
        s.AppendLine("    public static object FromJsonStream(byte[] b) => ModelJson.DeserializeAsync<Model>(new FuzzSupport.Trickle(b)).AsTask().GetAwaiter().GetResult();");
        s.AppendLine("    public sealed class Holder { public int Before { get; set; } public Model Item { get; set; } = default!; public string After { get; set; } = \"\"; }");
        s.AppendLine("    public static string Stj(object o) => System.Text.Json.JsonSerializer.Serialize(new Holder { Before = 1, Item = (Model)o, After = \"end\" }, FuzzSupport.Trickle.Snake);");
        s.AppendLine("    public static object FromStj(string j) { Holder h = System.Text.Json.JsonSerializer.Deserialize<Holder>(j, FuzzSupport.Trickle.Snake)!; if (h.Before != 1 || h.After != \"end\") throw new InvalidOperationException(\"the document around the model was not read: \" + j); return h.Item!; }");
        foreach (var (name, expression) in samples) s.AppendLine($"    public static object {name}() => {expression};");
        s.AppendLine("}");
        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>Runs every path; returns how many were checked.</summary>
    public int Check(Assembly assembly)
    {
        var v1 = new Io(assembly.GetType(Ns1 + ".Io")!);
        var v2 = new Io(assembly.GetType(Ns2 + ".Io")!);
        string[] forms = ["binary", "binary2", "json", "dictionary", "binary-stream", "binary2-pipe", "json-stream", "json-stj"];
        int paths = 0;
        foreach (string form in forms)
        {
            object newer = v2.Read(v1.Write(v1.Make("Sample"), form), form);
            Same(v2, v2.Make("FromV1"), newer, _v2Members, $"v1→v2 ({form})");

            object older = v1.Read(v2.Write(v2.Make("Sample"), form), form);
            Same(v1, v1.Make("FromV2"), older, _v1Members, $"v2→v1 ({form})");

            object rolledBack = v2.Read(v1.Write(older, form), form);
            Same(v2, v2.Make("RolledBack"), rolledBack, _v2Members, $"v2→v1→v2 ({form})");

            object forth = v1.Read(v2.Write(newer, form), form);
            Same(v1, v1.Make("RoundTrip"), forth, _v1Members, $"v1→v2→v1 ({form})");

            // A rollback that edits: version 1 sets every member both versions have and saves again.
            object edited = v1.Read(v2.Write(v2.Make("Sample"), form), form);
            object values = v1.Make("Sample");
            foreach (string name in _v1Edited)
            {
                System.Reflection.PropertyInfo? property = values.GetType().GetProperty(name);
                if (property is not null) property.SetValue(edited, property.GetValue(values));
                else values.GetType().GetField(name)!.SetValue(edited, values.GetType().GetField(name)!.GetValue(values));
            }
            Same(v2, v2.Make("Edited"), v2.Read(v1.Write(edited, form), form), _v2Members, $"v2→v1, edited, →v2 ({form})");
            paths += 5;
        }
        // Read in one form and saved in another. Between JSON and dictionaries, members carry by name (renamed ones
        // not: the old build cannot know the new name). From one binary format to the other, kept members cross
        // formats (format 2 keeps them as format-1 extension fields, docs/format.md §9.3). From JSON or a dictionary to
        // binary, the members the reader does not declare go out by name with their JSON text (field key 4), and the
        // other version reads them as its own.
        var crossings = new[]
        {
            ("json", "dictionary", "RoundTrip"), ("dictionary", "json", "RoundTrip"),
            ("binary2", "binary", "RoundTrip"), ("binary", "binary2", "RoundTrip"),
            ("json", "binary", "RoundTrip"), ("json", "binary2", "RoundTrip"),
            ("dictionary", "binary", "RoundTrip"), ("dictionary", "binary2", "RoundTrip"),
            // Format-1 fields carry a key, no name: JSON and dictionaries carry them as "$fields", read by key.
            ("binary", "json", "RoundTrip"), ("binary", "dictionary", "RoundTrip"),
            // The same documents and files through streams and System.Text.Json.
            ("json-stj", "dictionary", "RoundTrip"), ("dictionary", "json-stj", "RoundTrip"),
            ("json-stj", "binary-stream", "RoundTrip"), ("binary-stream", "json-stream", "RoundTrip"),
            ("json-stream", "binary2-pipe", "RoundTrip"), ("binary2-pipe", "json-stj", "RoundTrip"),
            ("binary2-pipe", "binary-stream", "RoundTrip"),
        };
        foreach (var (read, save, roundTrip) in crossings)
        {
            object older = v1.Read(v2.Write(v2.Make("Sample"), read), read);
            object back = v2.Read(v1.Write(older, save), save);
            Same(v2, v2.Make("RolledBack"), back, _v2Members, $"v2→v1→v2 (read {read}, saved {save})");
            object newer = v2.Read(v1.Write(v1.Make("Sample"), read), read);
            object forth = v1.Read(v2.Write(newer, save), save);
            Same(v1, v1.Make(roundTrip), forth, _v1Members, $"v1→v2→v1 (read {read}, saved {save})");
            paths += 2;
        }
        // Read from format 2, saved as JSON or a dictionary: the writer's schema table names and types the members
        // version 1 does not know, so they are written back by name and nothing is lost.
        foreach (string save in new[] { "json", "dictionary" })
        {
            object older = v1.Read(v2.Write(v2.Make("Sample"), "binary2"), "binary2");
            object back = v2.Read(v1.Write(older, save), save);
            Same(v2, v2.Make("RolledBack"), back, _v2Members, $"v2→v1→v2 (read binary2, saved {save})");
            paths++;
        }
        // Read from format 2, saved to format 1 (a release that reads format 2 and writes format 1), read again and
        // saved as JSON: the kept members went out named (named members), so the JSON carries them.
        {
            object older = v1.Read(v2.Write(v2.Make("Sample"), "binary2"), "binary2");
            object again = v1.Read(v1.Write(older, "binary"), "binary");
            object back = v2.Read(v1.Write(again, "json"), "json");
            Same(v2, v2.Make("RolledBack"), back, _v2Members, "v2→v1→v2 (read binary2, saved binary, read, saved JSON)");
            paths++;
        }
        // Read from format 1, saved as JSON, read by version 1 again and saved to format 1: the members it knows and
        // those it keeps under "$fields" arrive.
        {
            object older = v1.Read(v2.Write(v2.Make("Sample"), "binary"), "binary");
            object again = v1.Read(v1.Write(older, "json"), "json");
            Same(v1, older, again, _v1Members, "v2→v1 (read binary, saved JSON, read by v1)");
            object back = v2.Read(v1.Write(again, "binary"), "binary");
            Same(v2, v2.Make("RolledBack"), back, _v2Members, "v2→v1→v2 (read binary, saved JSON, read, saved binary)");
            paths++;
        }
        paths += CheckHandEdits(v1, v2);
        paths += CheckRefusal(v1, v2, forms);
        return paths;
    }

    // A hand edit of a renamed member's current name in a document version 2 wrote (JSON, a dictionary) is read, by
    // version 2 directly and after version 1 read the edited document and saved it in any form: the copy under the
    // previous name, unchanged, matches its record in "$previousNames" and does not win.
    private int CheckHandEdits(Io v1, Io v2)
    {
        if (_handEdited.Count == 0) return 0;
        int paths = 0;
        foreach (string form in new[] { "json", "dictionary" })
        {
            object sample = v2.Write(v2.Make("Sample"), form), edits = v2.Write(v2.Make("Edited"), form);
            object all = HandEdit(sample, edits, _handEdited.Select(m => m.Name));
            Same(v2, v2.Make("HandEdited"), v2.Read(all, form), _v2Members, $"v2, edited by hand ({form})");
            object some = HandEdit(sample, edits, _handEdited.Where(m => !m.Widened).Select(m => m.Name));
            foreach (string save in new[] { "json", "dictionary", "binary", "binary2" })
            {
                object older = v1.Read(some, form);
                Same(v2, v2.Make("HandEditedThroughV1"), v2.Read(v1.Write(older, save), save), _v2Members, $"v2, edited by hand ({form}), →v1 (saved {save}) →v2");
            }
            paths += 5;
        }
        return paths;
    }

    // The document with each named member's value taken from another document of the same version, as by hand.
    private static object HandEdit(object document, object from, IEnumerable<string> names)
    {
        if (document is Dictionary<string, object?> values)
        {
            var edited = new Dictionary<string, object?>(values);
            foreach (string name in names) edited[name] = ((Dictionary<string, object?>)from)[name];
            return edited;
        }
        System.Text.Json.Nodes.JsonObject json = System.Text.Json.Nodes.JsonNode.Parse((string)document)!.AsObject();
        System.Text.Json.Nodes.JsonObject source = System.Text.Json.Nodes.JsonNode.Parse((string)from)!.AsObject();
        foreach (string name in names) json[name] = source[name]?.DeepClone();
        return json.ToJsonString();
    }

    // A newer value that version 1 cannot hold (out of range, a fraction into an integer, a Complex with an imaginary
    // part): every form refuses it with a ModelFormatException whose path names the member (an item's index or a
    // tuple's item after it, where the form says), never another value or a default.
    private int CheckRefusal(Io v1, Io v2, string[] forms)
    {
        if (_refused is not { } refused) return 0;
        foreach (string form in forms)
        {
            object data = v2.Write(v2.Make("Beyond"), form);
            object loaded;
            try
            {
                loaded = v1.Read(data, form);
            }
            catch (Exception e)
            {
                ModelGen.ModelFormatException? error = null;
                for (Exception? inner = e; inner is not null && error is null; inner = inner.InnerException) error = inner as ModelGen.ModelFormatException;
                if (error is null) throw new Xunit.Sdk.XunitException($"v2→v1 ({form}), {refused.Member} = {refused.Literal}: expected a ModelFormatException naming '{refused.Name}', got {e}");
                string path = error.Path;
                if (!new[] { refused.Name, refused.DataName }.Any(name => path == name || path.StartsWith(name + "[", StringComparison.Ordinal) || path.StartsWith(name + ".", StringComparison.Ordinal)))
                    throw new Xunit.Sdk.XunitException($"v2→v1 ({form}), {refused.Member} = {refused.Literal}: the error names '{path}', not the member '{refused.Name}': {error.Message}");
                continue;
            }
            throw new Xunit.Sdk.XunitException($"v2→v1 ({form}), {refused.Member} = {refused.Literal}: loaded '{refused.Name}' as {Show(v1.Dict(loaded)[refused.Name])}, expected a ModelFormatException naming it");
        }
        return forms.Length;
    }

    // Compares the members through the dictionary form of the same version (so nested models and unions compare by
    // value). Keys the expected value lacks (members kept from newer data) are not compared.
    private static void Same(Io io, object expected, object actual, List<string> members, string path)
    {
        Dictionary<string, object?> e = io.Dict(expected), a = io.Dict(actual);
        foreach (string member in members)
        {
            if (!PlainEqual(e[member], a[member]))
                throw new Xunit.Sdk.XunitException($"{path}: member '{member}' is {Show(a[member])}, expected {Show(e[member])}");
        }
    }

    private static bool PlainEqual(object? x, object? y)
    {
        switch (x)
        {
            case null: return y is null;
            case Dictionary<string, object?> dx:
                return y is Dictionary<string, object?> dy && dx.Where(k => k.Key != "$version").All(k => dy.TryGetValue(k.Key, out object? v) && PlainEqual(k.Value, v));
            case string: return x.Equals(y);
            // By their bits: Equals holds a NaN equal to every NaN and 0.0 equal to -0.0.
            case float fx: return y is float fy && BitConverter.SingleToInt32Bits(fx) == BitConverter.SingleToInt32Bits(fy);
            case double ux: return y is double uy && BitConverter.DoubleToInt64Bits(ux) == BitConverter.DoubleToInt64Bits(uy);
            case Half hx: return y is Half hy && BitConverter.HalfToInt16Bits(hx) == BitConverter.HalfToInt16Bits(hy);
            case System.Numerics.Complex cx:
                return y is System.Numerics.Complex cy && PlainEqual(cx.Real, cy.Real) && PlainEqual(cx.Imaginary, cy.Imaginary);
            // Equals holds 1.10m equal to 1.1m, DateTimes of different kinds equal, and DateTimeOffsets of different offsets.
            case decimal mx: return y is decimal my && decimal.GetBits(mx).SequenceEqual(decimal.GetBits(my));
            case DateTime tx: return y is DateTime ty && tx.Ticks == ty.Ticks && tx.Kind == ty.Kind;
            case DateTimeOffset ox: return y is DateTimeOffset oy && ox.Ticks == oy.Ticks && ox.Offset == oy.Offset;
            // A map by its keys (the order of a Dictionary is no data); each value by these rules.
            case IDictionary mapX:
                return y is IDictionary mapY && mapX.Count == mapY.Count
                    && mapX.Keys.Cast<object>().All(k => mapY.Contains(k) && PlainEqual(mapX[k], mapY[k]));
            // A rectangular array by its shape too (float[2, 0] is not float[0, 0]).
            case Array { Rank: > 1 } ax:
                return y is Array { Rank: > 1 } ay && ax.Rank == ay.Rank && Enumerable.Range(0, ax.Rank).All(r => ax.GetLength(r) == ay.GetLength(r))
                    && ax.Cast<object?>().Zip(ay.Cast<object?>()).All(p => PlainEqual(p.First, p.Second));
            case System.Runtime.CompilerServices.ITuple tupleX:
                return y is System.Runtime.CompilerServices.ITuple tupleY && tupleX.Length == tupleY.Length && Enumerable.Range(0, tupleX.Length).All(i => PlainEqual(tupleX[i], tupleY[i]));
            case IEnumerable ex:
                if (y is not IEnumerable ey) return false;
                var lx = ex.Cast<object?>().ToList();
                var ly = ey.Cast<object?>().ToList();
                return lx.Count == ly.Count && lx.Zip(ly).All(p => PlainEqual(p.First, p.Second));
            default: return x.Equals(y);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        float f => $"{f.ToString("R", CultureInfo.InvariantCulture)} ({BitConverter.SingleToInt32Bits(f):x8})",
        double d => $"{d.ToString("R", CultureInfo.InvariantCulture)} ({BitConverter.DoubleToInt64Bits(d):x16})",
        Half h => $"{h.ToString(CultureInfo.InvariantCulture)} ({BitConverter.HalfToInt16Bits(h):x4})",
        decimal m => $"{m.ToString(CultureInfo.InvariantCulture)}m (bits {string.Join(" ", decimal.GetBits(m).Select(b => b.ToString("x8", CultureInfo.InvariantCulture)))})",
        DateTime t => $"{t:O} ({t.Ticks} ticks, {t.Kind})",
        DateTimeOffset o => $"{o:O} ({o.Ticks} ticks, offset {o.Offset})",
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Show(k)}: {Show(map[k])}")) + "}",
        Array { Rank: > 1 } grid => $"[{string.Join("×", Enumerable.Range(0, grid.Rank).Select(grid.GetLength))}: {string.Join(", ", grid.Cast<object?>().Select(Show))}]",
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Show(tuple[i]))) + ")",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Io(Type io)
    {
        public object Make(string name) => Call(name);
        public object Write(object value, string form) => Call(form switch
        {
            "binary" => "Bin", "binary2" => "Bin2", "json" => "Json", "dictionary" => "Dict",
            "binary-stream" => "BinStream", "binary2-pipe" => "Bin2Pipe", "json-stream" => "JsonStream", "json-stj" => "Stj", _ => throw new ArgumentException(form),
        }, value);

        public object Read(object data, string form) => Call(form switch
        {
            "binary" or "binary2" => "FromBin", "json" => "FromJson", "dictionary" => "FromDict",
            "binary-stream" => "FromBinStream", "binary2-pipe" => "FromPipe", "json-stream" => "FromJsonStream", "json-stj" => "FromStj", _ => throw new ArgumentException(form),
        }, data);
        public Dictionary<string, object?> Dict(object value) => (Dictionary<string, object?>)Call("Dict", value);

        private object Call(string name, params object[] args)
        {
            try
            {
                return io.GetMethod(name)!.Invoke(null, args)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
