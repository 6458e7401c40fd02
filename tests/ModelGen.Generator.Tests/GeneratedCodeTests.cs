using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ModelGen.Generator.Tests;

public class GeneratedCodeTests
{
    // One model of every supported shape: the generated code must compile without a single warning.
    private const string AllShapes = """
        using System;
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using System.ComponentModel.DataAnnotations;
        using ModelGen;

        namespace Shapes;

        public enum Kind : byte { A, B }

        [SerializableModel(Version = 3)]
        public partial class Everything
        {
            public bool Flag { get; set; }
            public byte U8 { get; set; } public sbyte I8 { get; set; } public short I16 { get; set; } public ushort U16 { get; set; }
            public int I32 { get; set; } public uint U32 { get; set; } public long I64 { get; set; } public ulong U64 { get; set; }
            public nint NInt { get; set; } public nuint NUInt { get; set; } public char C { get; set; }
            public float F32 { get; set; } public double F64 { get; set; } public Half F16 { get; set; } public decimal Money { get; set; }
            public string Name { get; set; } = "";
            public string? Note { get; set; }
            [PreviousName("label")] public string Title { get; set; } = "";
            [PreviousName("remark")] public string? Comment { get; set; }
            public Kind Kind { get; set; }
            public Guid Id { get; set; } public DateTime When { get; set; } public DateTimeOffset At { get; set; } public TimeSpan Took { get; set; }
            public int? MaybeInt { get; set; } public Kind? MaybeKind { get; set; }
            public DateOnly Day { get; set; } public TimeOnly Time { get; set; } public Int128 I128 { get; set; } public UInt128 U128 { get; set; }
            public System.Numerics.BigInteger Big { get; set; } public System.Numerics.Complex Z { get; set; } public Uri? Link { get; set; } public Version Ver { get; set; } = new(1, 0);
            public Dictionary<DateOnly, List<System.Numerics.Complex>> Series { get; set; } = new();
            public float[] Weights { get; set; } = [];
            public float[][] Jagged { get; set; } = [];
            public double[,] Matrix { get; set; } = new double[0, 0];
            public string[,,] Cube { get; set; } = new string[0, 0, 0];
            public float[,,,] Kernel { get; set; } = new float[0, 0, 0, 0]; public Part?[,,,,,,,] Rank8 { get; set; } = new Part?[0, 0, 0, 0, 0, 0, 0, 0];
            public List<string?> Tags { get; set; } = new();
            public IReadOnlyList<Part> Parts { get; set; } = [];
            public Dictionary<string, double> Metrics { get; set; } = new();
            public IReadOnlyDictionary<int, Part> ById { get; set; } = new Dictionary<int, Part>();
            public Dictionary<Kind, List<int>> ByKind { get; set; } = new();
            public ReadOnlyMemory<float> Bias { get; set; }
            public Memory<byte> Raw { get; set; }
            public Part? Child { get; set; }
            public IEnumerable<int> Seq { get; set; } = []; public ICollection<string> Coll { get; set; } = new List<string>();
            public IList<Part> PartList { get; set; } = new List<Part>(); public IReadOnlyCollection<double> Roc { get; set; } = [];
            public IDictionary<string, HashSet<int>> Index { get; set; } = new Dictionary<string, HashSet<int>>();
            public Queue<Kind> Pending { get; set; } = new(); public Stack<Part> Undo { get; set; } = new();
            public LinkedList<float> Chain { get; set; } = new(); public SortedDictionary<int, string> Vocab { get; set; } = new();
            public ReadOnlyCollection<string> Fixed { get; set; } = new([]);
            public HashSet<string> StopWords { get; set; } = new(); public SortedSet<long> Sorted { get; set; } = new();
            public ISet<Kind> KindSet { get; set; } = new HashSet<Kind>(); public IReadOnlySet<Guid> Ids { get; set; } = new HashSet<Guid>();
            public List<HashSet<int>> NestedSets { get; set; } = new(); public HashSet<Part>? PartSet { get; set; }
            public ImmutableArray<float> Embedding { get; set; } = []; public ImmutableArray<int>? MaybeArray { get; set; }
            public ImmutableList<Part> PartsList { get; set; } = []; public ImmutableDictionary<string, ImmutableArray<float>> Embeddings { get; set; } = ImmutableDictionary<string, ImmutableArray<float>>.Empty;
            public ImmutableHashSet<char> Chars { get; set; } = []; public FrozenDictionary<Kind, double> ByKindFrozen { get; set; } = FrozenDictionary<Kind, double>.Empty;
            public FrozenSet<string> FrozenWords { get; set; } = FrozenSet<string>.Empty;
            public (int, int) Cell { get; set; } public (string Name, float Weight) Named { get; set; } = ("", 0f); public (int, int)? MaybeCell { get; set; }
            public ValueTuple<int, long, float, double, string, bool, Kind> Seven { get; set; } = (0, 0, 0, 0, "", false, Kind.A);
            public Dictionary<(int State, int Action), double> QTable { get; set; } = new(); public Dictionary<(string, Kind), List<float>> ByPair { get; set; } = new();
            public List<(Part, int[])> Tagged { get; set; } = new(); public KeyValuePair<string, Part?> Entry { get; set; } public HashSet<KeyValuePair<int, string>> Entries { get; set; } = new();
            public List<Shape> Shapes { get; set; } = new();
            public IPoly? Poly { get; set; }
            [ModelIgnore] public object? Cache { get; set; }
            public int Computed => I32 + 1;
        }

        [SerializableModel] public partial record Part(string Label, [PreviousName("n")] int Count = 1) { [PreviousName("w")] public required double Weight { get; init; } public int Extra { get; init; } = 7; }
        [SerializableModel, ModelUnion("circle", typeof(Circle)), ModelUnion("square", typeof(Square))] public abstract partial class Shape { public string Color { get; set; } = ""; }
        [SerializableModel] public partial class Circle : Shape { public double Radius { get; set; } }
        [SerializableModel] public partial class Square : Shape { public double Side { get; set; } }
        [SerializableModel, ModelUnion("tri", typeof(Tri))] public partial interface IPoly { }
        [SerializableModel(Naming = ModelNaming.SnakeCase)] public partial class Tri : IPoly { public int Corners { get; set; } = 3; [PreviousName("SideCount")] public int Sides { get; set; } }
        [SerializableModel] public partial struct Point { public double X; public double Y; public readonly double Z; public Point(double x, double y, double z) { X = x; Y = y; Z = z; } private KeptMembers _kept; }
        [SerializableModel] public partial record struct Pair(int A, string? B);
        [Hyperparameters] public partial record Options([Range(0.0, 1.0)] float LearningRate = 0.1f, [Range(1, 10)] int Epochs = 3, [Required] string Optimizer = "adam")
        {
            [Range(0, 5, MinimumIsExclusive = true), PreviousName("mom")] public double? Momentum { get; init; }
        }
        """;

    [Fact]
    public void GeneratedCodeCompilesWithoutWarnings()
    {
        var (output, generatorDiagnostics, run) = GeneratorHarness.Run(AllShapes);
        // The struct that keeps newer members and the one that does not (MG0023) both generate clean code.
        Assert.Equal(["MG0023 'Pair'"], generatorDiagnostics.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split(' ')[0]));
        Assert.Equal(10, run.GeneratedTrees.Length); // one file a model: serializers and JSON Schema
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // Models without members (a Flatten layer, a union case that only names a kind) in every type kind: an empty
    // switch block warned (CS1522), which fails TreatWarningsAsErrors builds.
    private const string EmptyModels = """
        using ModelGen;

        namespace Empty;

        [SerializableModel] public partial class Flatten { }
        [SerializableModel] public partial record Identity;
        [SerializableModel] public partial record PositionalIdentity();
        [SerializableModel] public partial struct Marker { private KeptMembers _kept; }
        [SerializableModel] public partial record struct Unit;
        [SerializableModel] public partial record struct PositionalUnit();
        [Hyperparameters] public partial record NoOptions;
        [SerializableModel, ModelUnion("relu", typeof(Relu)), ModelUnion("tanh", typeof(Tanh))] public abstract partial class Activation { }
        [SerializableModel] public partial class Relu : Activation { }
        [SerializableModel] public partial class Tanh : Activation { }
        [SerializableModel, ModelUnion("none", typeof(NoPadding))] public partial interface IPadding { }
        [SerializableModel] public partial record NoPadding : IPadding;
        [SerializableModel(Version = 2)] public partial class Migrated { [ModelMigration] private static void Upgrade(ModelMigration migration) { } }
        """;

    [Fact]
    public void ModelsWithoutMembersCompileWithoutWarningsAtTheHighestWarningLevel()
    {
        var (output, generatorDiagnostics, run) = GeneratorHarness.Run(EmptyModels);
        Assert.Equal(["MG0023", "MG0023"], generatorDiagnostics.Select(d => d.Id)); // the record structs keep nothing
        Assert.Equal(13, run.GeneratedTrees.Length); // one file a model
        // As a TreatWarningsAsErrors build at warning level 9999 sees it: every warning is an error.
        Compilation strict = output.WithOptions(((CSharpCompilationOptions)output.Options).WithWarningLevel(9999).WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        var problems = strict.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void GeneratedCodeIsMarkedAndFullyQualified()
    {
        var (_, _, run) = GeneratorHarness.Run(AllShapes);
        foreach (SyntaxTree tree in run.GeneratedTrees)
        {
            string text = tree.ToString();
            Assert.StartsWith("// <auto-generated/>", text);
            Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"ModelGen.Generator\"", text);
            // No namespace is imported: the only using directives are aliases, fully qualified: the runtime's plumbing
            // (named as __ModelGen::, an alias-qualified name) and each member's codec, which names the plumbing through
            // that alias after a namespace declaration, and spelled out in the global namespace (beside the alias).
            string[] usings = text.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
            Assert.Equal("using __ModelGen = global::ModelGen.Internal;", usings[0]);
            string plumbing = text.Contains("\nnamespace ", StringComparison.Ordinal) ? "__ModelGen::" : @"global::ModelGen\.Internal\.";
            foreach (string line in usings.Skip(1))
                Assert.Matches($@"^using __ModelGenCodec_\w+ = {plumbing}MemberCodec<[^;]+>;$", line);
            Assert.DoesNotContain("__ModelGen.", text, StringComparison.Ordinal); // (only ever alias-qualified)
        }
        Assert.Contains(run.GeneratedTrees, t => t.FilePath.EndsWith("Shapes.Everything.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void SnapshotOfAHyperparameterRecord()
    {
        const string source = """
            using System.ComponentModel.DataAnnotations;
            using ModelGen;
            namespace Snap;
            public enum Optimizer { Sgd, Adam }
            [Hyperparameters]
            public partial record TrainingOptions([Range(1e-6, 1.0)] float LearningRate = 0.01f, int Epochs = 10, Optimizer Optimizer = Optimizer.Adam)
            {
                [PreviousName("batch")] public int BatchSize { get; init; } = 32;
                public int[] Hidden { get; set; } = [64];
            }
            """;
        var (_, diagnostics, run) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Golden.Match("TrainingOptions.g.cs", run.GeneratedTrees.Single(t => t.FilePath.EndsWith("TrainingOptions.g.cs", StringComparison.Ordinal)).ToString());
    }

    /// <summary>Generated text is held one byte a character when every character is at most U+00FF (CompactText), as a
    /// string otherwise: names beyond ASCII, within Latin-1 and beyond it, give the same text either way, and it compiles.</summary>
    [Fact]
    public void Names_beyond_ASCII_keep_their_text_whichever_way_it_is_held()
    {
        const string source = """
            using ModelGen;

            namespace Café;

            [SerializableModel]
            public partial class Größe
            {
                [PreviousName("ancienÉté")] public int Été { get; set; }
                public string Naïve { get; set; } = "";
            }

            [SerializableModel]
            public partial class Модель
            {
                public int Δ { get; set; }
                public string 名前 { get; set; } = "";
            }
            """;
        var (output, diagnostics, run) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.GeneratedCodeProblems(output));
        GeneratedSourceResult[] files = run.Results.Single().GeneratedSources.ToArray();
        Assert.Equal(2, files.Length);
        foreach ((string hint, string[] names) in new[] { ("Café.Größe.g.cs", new[] { "Größe", "\"été\"", "\"ancienÉté\"", "Naïve" }), ("Café.Модель.g.cs", new[] { "Модель", "\"δ\"", "名前" }) })
        {
            Microsoft.CodeAnalysis.Text.SourceText text = files.Single(f => f.HintName == hint).SourceText;
            string whole = text.ToString();
            // (Both ways of holding it are taken: Latin-1 names fit a byte, Cyrillic and CJK names do not.)
            Assert.Equal(hint == "Café.Größe.g.cs" ? "CompactText" : "StringText", text.GetType().Name);
            foreach (string name in names) Assert.Contains(name, whole, StringComparison.Ordinal);
            // Every way the compiler reads a text gives the same characters: by position, copied in blocks, by span.
            var copy = new char[text.Length];
            for (int at = 0; at < text.Length; at += 1000) text.CopyTo(at, copy, at, Math.Min(1000, text.Length - at));
            Assert.Equal(whole, new string(copy));
            Assert.Equal(whole[whole.Length / 2], text[whole.Length / 2]);
            int start = whole.IndexOf(names[0], StringComparison.Ordinal);
            Assert.Equal(names[0], text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, names[0].Length)));
            Assert.Equal(System.Text.Encoding.UTF8, text.Encoding);
            // The text a checksum and a PDB see: the file's UTF-8 bytes.
            Assert.Equal(Microsoft.CodeAnalysis.Text.SourceText.From(whole, System.Text.Encoding.UTF8).GetChecksum().ToArray(), text.GetChecksum().ToArray());
        }
    }

    // The names and values of an enum whose members have no initializers are read from its declaration (0 to n - 1);
    // the generated code must be what the enum's constants give, which an enum with the same values written out
    // shows. Keyword names, a byte enum, a member kept out by #if, and enums read from their constants (initializers,
    // more members than a sbyte holds) alongside.
    [Fact]
    public void EnumNumberedImplicitlyGeneratesWhatItsConstantsGive()
    {
        string many = string.Join(", ", Enumerable.Range(0, 130).Select(i => "M" + i));
        string manyWritten = string.Join(", ", Enumerable.Range(0, 130).Select(i => $"M{i} = {i}"));
        string Source(bool written) => $$"""
            using ModelGen;
            namespace E;
            public enum Plain { {{(written ? "A = 0, @class = 1, C = 2" : "A, @class, C")}} }
            public enum Small : byte { {{(written ? "X = 0, Y = 1" : "X, Y")}} }
            public enum Kept { {{(written ? "P = 0, Q = 1" : "P,\n#if NEVER\n Gone,\n#endif\n Q")}} }
            public enum Many : long { {{(written ? manyWritten : many)}} }
            public enum Mixed { {{(written ? "A = 0, B = 5, C = 6" : "A, B = 5, C")}} }
            [SerializableModel] public partial class M
            {
                public Plain Plain { get; set; }
                public Small Small { get; set; }
                public Kept Kept { get; set; }
                public Many Many { get; set; }
                public Mixed Mixed { get; set; }
            }
            """;
        string Generated(string source)
        {
            var (output, diagnostics, run) = GeneratorHarness.Run(source);
            Assert.Empty(diagnostics);
            Assert.Empty(GeneratorHarness.GeneratedCodeProblems(output));
            return string.Join("\n", run.Results.Single().GeneratedSources.Select(g => g.SourceText.ToString()));
        }
        string implicitly = Generated(Source(written: false));
        Assert.Equal(Generated(Source(written: true)), implicitly);
        Assert.DoesNotContain("Gone", implicitly, StringComparison.Ordinal);
        Assert.Contains("M129", implicitly, StringComparison.Ordinal);
    }
}

/// <summary>A golden-file check: compares with Snapshots/NAME.verified.txt; set UPDATE_SNAPSHOTS=1 to rewrite it.</summary>
internal static class Golden
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots", name + ".verified.txt");
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path) && Environment.GetEnvironmentVariable("CI") is null)
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"missing snapshot {path}: run the tests once with UPDATE_SNAPSHOTS=1");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}
