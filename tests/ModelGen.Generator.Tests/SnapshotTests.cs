using System;
using System.Linq;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>Golden files of the generated code for the shapes that exercise the most generator paths: unions, migration
/// hooks, structs, nested types and hyperparameters. A change of the generator shows here as a diff to review.</summary>
public class SnapshotTests
{
    private static void MatchAll(string source, params string[] typeFiles) => MatchAll(source, [], typeFiles);

    // With the generator's warnings the source is expected to get (the snapshot is of what it generates all the same).
    private static void MatchAll(string source, string[] warnings, params string[] typeFiles)
    {
        var (output, diagnostics, run) = GeneratorHarness.Run(source);
        Assert.Equal(warnings, diagnostics.Select(d => d.Id));
        Assert.Empty(GeneratorHarness.GeneratedCodeProblems(output));
        foreach (string file in typeFiles)
        {
            string text = run.GeneratedTrees.Single(t => t.FilePath.EndsWith("/" + file, StringComparison.Ordinal)
                || t.FilePath.EndsWith("\\" + file, StringComparison.Ordinal)).ToString();
            Golden.Match(file, text);
        }
    }

    [Fact]
    public void SnapshotOfAUnion() => MatchAll("""
        using ModelGen;
        namespace Snap;
        [SerializableModel]
        [ModelUnion("dense", typeof(Dense))]
        [ModelUnion("dropout", typeof(Dropout))]
        public abstract partial class Layer
        {
            public string Name { get; set; } = "";
        }
        [SerializableModel] public partial class Dense : Layer { public int Units { get; set; } }
        [SerializableModel] public partial class Dropout : Layer { public float Rate { get; init; } = 0.5f; }
        """, "Snap.Layer.g.cs", "Snap.Dense.g.cs");

    // Value tuples and KeyValuePair: the emitter names a runtime codec (TupleCodec, KeyValuePairCodec) and the JSON Schema
    // spells the fixed arity (prefixItems) and the tuple keys of a Q-table.
    [Fact]
    public void SnapshotOfTuples() => MatchAll("""
        using System.Collections.Generic;
        using ModelGen;
        namespace Snap;
        [SerializableModel]
        public partial class QPolicy
        {
            public Dictionary<(int State, int Action), double> QTable { get; set; } = new();
            public (string Name, float Weight)? Best { get; set; }
            public List<KeyValuePair<string, int>> Visits { get; set; } = new();
        }
        """, "Snap.QPolicy.g.cs");

    // A model of scalars only: sequences of it are written by its own straight-line loop (WriteItems), in format 1
    // with its version field (version 2) in every item.
    [Fact]
    public void SnapshotOfAScalarModel() => MatchAll("""
        using ModelGen;
        namespace Snap;
        public enum Side : byte { Left, Right }
        [SerializableModel(Version = 2)]
        public partial class TreeNode
        {
            public int Feature { get; set; }
            public float Threshold { get; set; }
            public bool Leaf { get; set; }
            public Side Side { get; set; }
            public double Value { get; set; }
        }
        """, "Snap.TreeNode.g.cs");

    // (Also a dictionary read straight into the comparer its initializer names.)
    [Fact]
    public void SnapshotOfAMigrationHook() => MatchAll("""
        using System;
        using System.Collections.Generic;
        using ModelGen;
        namespace Snap;
        [SerializableModel(Version = 2)]
        public partial class Tokenizer
        {
            [PreviousName("vocab")] public string[] Vocabulary { get; set; } = [];
            public Dictionary<string, int> SpecialTokens { get; init; } = new(StringComparer.OrdinalIgnoreCase);
            public int? MaxLength { get; set; }
            public double Temperature { get; set; }

            [ModelMigration]
            private static void Upgrade(ModelMigration migration)
            {
                if (migration.FromVersion < 2) migration.Set("temperature", 1.0);
            }
        }
        """, "Snap.Tokenizer.g.cs");

    // A readonly struct cannot hold a KeptMembers field: MG0023 warns, and the snapshot is of one that keeps nothing.
    [Fact]
    public void SnapshotOfAStruct() => MatchAll("""
        using System;
        using System.Collections.Generic;
        using ModelGen;
        namespace Snap;
        public enum Unit { Meter, Foot }
        [SerializableModel]
        public readonly partial record struct Measurement(double Value, Unit Unit, DateTimeOffset At)
        {
            public Dictionary<string, float>? Tags { get; init; }
            public float[,] Grid { get; init; } = new float[0, 0];
        }
        """, ["MG0023"], "Snap.Measurement.g.cs");

    [Fact]
    public void SnapshotOfNestedTypes() => MatchAll("""
        using System.Collections.Generic;
        using ModelGen;
        namespace Snap;
        public static partial class Outer
        {
            public partial class Middle
            {
                [SerializableModel]
                public partial class Inner
                {
                    public List<Leaf> Leaves { get; set; } = new();
                    public Leaf? Best { get; set; }
                    public required string Id { get; init; }
                }
            }
        }
        [SerializableModel]
        public partial class Leaf
        {
            public Leaf(int weight) { Weight = weight; }
            public int Weight { get; }
            public Leaf? Next { get; set; }
        }
        """, "Snap.Outer.Middle.Inner.g.cs", "Snap.Leaf.g.cs");

    [Fact]
    public void SnapshotOfHyperparameters() => MatchAll("""
        using System.ComponentModel.DataAnnotations;
        using ModelGen;
        namespace Snap;
        public enum Activation { Relu, Tanh }
        [Hyperparameters(Naming = ModelNaming.SnakeCase)]
        public partial class LayerOptions
        {
            [Range(1, 4096)] public int Units { get; set; } = 64;
            [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)] public double? Dropout { get; set; }
            [Required] public string Name { get; set; } = "dense";
            [Required(AllowEmptyStrings = true, ErrorMessage = "needs a list")] public int[]? Shape { get; set; }
            public Activation Activation { get; set; }
        }
        [Hyperparameters(Version = 2)]
        public partial class ModelOptions
        {
            [Range(double.NegativeInfinity, 0.5)] public float Scale { get; set; }
            [Required] public LayerOptions Layer { get; set; } = new();
            public LayerOptions[] Extra { get; set; } = [];
        }
        """, "Snap.LayerOptions.g.cs", "Snap.ModelOptions.g.cs");
    [Fact]
    public void SnapshotOfValueTypes() => MatchAll("""
        using System;
        using System.Collections.Generic;
        using System.Numerics;
        using ModelGen;
        namespace Snap;
        [SerializableModel]
        public partial class Calendar
        {
            public DateOnly Day { get; set; }
            public TimeOnly? Opens { get; set; }
            public Int128 Id { get; set; }
            public UInt128 Hash { get; set; }
            public BigInteger Count { get; set; }
            public Complex[] Spectrum { get; set; } = [];
            public Uri? Source { get; set; }
            public Dictionary<Version, List<DateOnly>> Releases { get; set; } = new();
        }
        """, "Snap.Calendar.g.cs");
}
