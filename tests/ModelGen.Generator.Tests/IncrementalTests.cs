using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ModelGen.Generator.Tests;

public class IncrementalTests
{
    private const string Model = """
        using ModelGen;
        namespace App;
        [SerializableModel] public partial class Mlp { public float[] Weights { get; set; } = []; public int Epochs { get; set; } }
        [Hyperparameters] public partial record Options(float LearningRate = 0.1f);
        """;

    [Fact]
    public void UnrelatedEditLeavesEveryStepCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Model, "namespace App; public class Other { public int A; }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        // Edit the unrelated file: add a member.
        SyntaxTree old = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText("namespace App; public class Other { public int A; public int B; }", GeneratorHarness.ParseOptions, old.FilePath));
        driver = driver.RunGenerators(edited);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { ModelGenerator.ParseStep, ModelGenerator.ModelStep })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    /// <summary>Every tracked step, Roslyn's own inside ForAttributeWithMetadataName included: on an edit that touches no
    /// model only the compilation is new. Roslyn re-runs the transform (the parser) per file with a match, as binding may
    /// have changed, but what it produces must compare equal (Unchanged), so nothing after it runs: no Collect, Combine,
    /// parse result or output is Modified or New.</summary>
    [Fact]
    public void UnrelatedEditModifiesNoStepPastTheAttributeSearch()
    {
        string[] models = Enumerable.Range(0, 12).Select(i => $$"""
            using ModelGen;
            namespace App;
            [SerializableModel] public partial class M{{i}} { public int A { get; set; } {{(i > 0 ? $"public M{i - 1}? Previous {{ get; set; }}" : "")}} }
            """).Append("namespace App; public class Other { public int A; }").ToArray();
        CSharpCompilation compilation = GeneratorHarness.Compile(models);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Last();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText("namespace App; public class Other { public int A; public int B; }", GeneratorHarness.ParseOptions, old.FilePath)));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Contains(ModelGenerator.ParseStep, result.TrackedSteps.Keys);
        var changed = result.TrackedSteps
            .SelectMany(s => s.Value.SelectMany(step => step.Outputs.Select(o => (Step: s.Key, o.Reason))))
            .Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New)
            // The compilation is new on every edit, and so is each file's pairing with it (Roslyn's, by design).
            .Where(o => o.Step is not ("Compilation" or "compilationAndGroupedNodes_ForAttributeWithMetadataName"))
            .ToList();
        // The transform did re-run for every model, and its results compared equal.
        var transformed = result.TrackedSteps["result_ForAttributeWithMetadataName"].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(12, transformed.Count);
        Assert.All(transformed, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.True(changed.Count == 0, string.Join(", ", changed.Select(c => $"{c.Step}: {c.Reason}")) + " | steps: " + string.Join(", ", result.TrackedSteps.Keys));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void EditingAModelRegeneratesIt()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Model);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Model.Replace("public int Epochs", "public long Epochs"), GeneratorHarness.ParseOptions, old.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[ModelGenerator.ModelStep].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("IntegerCodec<long>", result.GeneratedSources.Single(s => s.HintName == "App.Mlp.g.cs").SourceText.ToString());
    }

    // Issue 15: each model's file depends on that model alone, so an edit regenerates its one file (the serializers
    // and the JSON Schema part) and no other, not even those of a model that references it.
    [Fact]
    public void EditingAModelRegeneratesOnlyItsOwnFiles()
    {
        const string a = "using ModelGen; namespace App; [SerializableModel] public partial class A { public int X { get; set; } }";
        const string b = "using ModelGen; namespace App; [SerializableModel] public partial class B { public A? Previous { get; set; } public int Y { get; set; } }";
        const string c = "using ModelGen; namespace App; [SerializableModel] public partial class C { public B? Previous { get; set; } public int Z { get; set; } }";
        CSharpCompilation compilation = GeneratorHarness.Compile(a, b, c);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(a.Replace("public int X", "public long X"), GeneratorHarness.ParseOptions, old.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        // B's and C's files, each its own cached output.
        Assert.Equal(2, outputs.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(3, outputs.Count);
    }
}
