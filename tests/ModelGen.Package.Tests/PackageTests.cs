using System;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The one package a user adds: packed from the repository, restored from a folder feed by a fresh project.</summary>
[Collection(PackedFeedCollection.Name)]
public class PackageTests(PackedFeed feed)
{
    private PackedConsumer Consumer => feed.Consumer;

    [Fact]
    public void PackageHoldsTheRuntimeTheGeneratorAndItsMetadata()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        Assert.Contains("lib/net8.0/ModelGen.dll", feed.PackageEntries);
        Assert.Contains("lib/net10.0/ModelGen.dll", feed.PackageEntries);
        Assert.Contains("lib/net10.0/ModelGen.xml", feed.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.Generator.dll", feed.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.Analyzers.dll", feed.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.CodeFixes.dll", feed.PackageEntries);
        Assert.Contains("README.md", feed.PackageEntries);
        Assert.Contains("<license type=\"expression\">MIT</license>", feed.Nuspec);
        Assert.Contains("<readme>README.md</readme>", feed.Nuspec);
        // Compiler plug-ins ship inside the package; nothing else is a dependency but System.IO.Hashing, and for
        // net8.0 System.IO.Pipelines (in the box from net10.0 on).
        Assert.Contains("<dependency id=\"System.IO.Pipelines\"", feed.Nuspec);
        Assert.DoesNotContain("ModelGen.Generator", feed.Nuspec);
        Assert.DoesNotContain("ModelGen.Analyzers", feed.Nuspec);
        Assert.DoesNotContain("ModelGen.CodeFixes", feed.Nuspec);
        Assert.Equal(["lib/net10.0/ModelGen.dll", "lib/net8.0/ModelGen.dll"], feed.PackageEntries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).Order());
        Assert.True(System.IO.File.Exists(feed.PackagePath.Replace(".nupkg", ".snupkg", StringComparison.Ordinal)), "no symbol package");
    }

    [Fact]
    public void AFreshProjectBuildsAndRunsWithOnlyThePackage()
    {
        Assert.True(Consumer.Build is { ExitCode: 0 }, Consumer.Build?.ToString() ?? feed.Pack.ToString());
        Assert.Contains("0 Warning(s)", Consumer.Build!.Output, StringComparison.Ordinal);
        Assert.True(Consumer.Run is { ExitCode: 0 }, Consumer.Run?.ToString());
        string[] lines = Consumer.Run!.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("json: {\"$version\":1,\"options\":{\"$version\":1,\"learningRate\":0.05,\"epochs\":10}", StringComparison.Ordinal)
                                     || l.StartsWith("json: {\"$version\":1,\"options\":{\"learningRate\":0.05,\"epochs\":10}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"weights\":[1.5,-2,0.25]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("schema: Consumer.Classifier v1", StringComparison.Ordinal));
        Assert.Contains("bound: 0.5 20", lines);
        Assert.Contains(lines, l => l.StartsWith("validation: ", StringComparison.Ordinal) && l.Contains("learningRate", StringComparison.Ordinal));
        Assert.Contains("round trip: identical", lines);
    }

    [Fact]
    public void TheBuildOptionWritesEachModelsJsonSchemaNextToTheOutput()
    {
        Assert.True(Consumer.Build is { ExitCode: 0 }, Consumer.Build?.ToString() ?? feed.Pack.ToString());
        Assert.Contains("tools/modelgen/ModelGen.Tool.dll", feed.PackageEntries);
        Assert.Contains("build/ModelGen.targets", feed.PackageEntries);
        string file = System.IO.Path.Combine(Consumer.ConsumerDirectory, "bin", "Release", "net10.0", "Consumer.Classifier.schema.json");
        Assert.True(System.IO.File.Exists(file), Consumer.Build!.Output);
        using var schema = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(file));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("Consumer.Classifier", schema.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void DiagnosticsFromThePackageReportInTheConsumerBuild()
    {
        Assert.True(Consumer.BrokenBuild is not null, Consumer.Build?.ToString() ?? feed.Pack.ToString());
        Assert.NotEqual(0, Consumer.BrokenBuild!.ExitCode);
        Assert.Contains(Consumer.BrokenBuild.Output.Split('\n'), l => l.Contains("Broken.cs", StringComparison.Ordinal) && l.Contains("error MG0001", StringComparison.Ordinal));
        Assert.Contains(Consumer.BrokenBuild.Output.Split('\n'), l => l.Contains("Flagged.cs", StringComparison.Ordinal) && l.Contains("warning MG1001", StringComparison.Ordinal));
    }

    [Fact]
    public void TheInstalledToolInspectsWhatTheConsumerWrote()
    {
        Assert.True(Consumer.ToolInspect is not null, (Consumer.Run ?? feed.LastStep).ToString());
        Assert.True(Consumer.ToolInspect!.ExitCode == 0, Consumer.ToolInspect.ToString());
        string[] lines = Consumer.ToolInspect.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("model        Consumer.Classifier", lines);
        Assert.Contains("schema       version 1", lines);
        Assert.Contains(lines, l => l.StartsWith("checksum", StringComparison.Ordinal) && l.EndsWith("valid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(": packed float32[3] [1.5, -2, 0.25]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLockFileBesideTheProjectIsCreatedByTheToolAndCheckedByConvention()
    {
        Assert.True(Consumer.ToolLock is { ExitCode: 0 }, (Consumer.ToolLock ?? Consumer.BrokenBuild ?? feed.LastStep).ToString());
        string lockFile = System.IO.Path.Combine(Consumer.ConsumerDirectory, "ModelSchemas.lock.json");
        using var locked = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(lockFile));
        Assert.Equal(["Consumer.Classifier", "Consumer.Options"], locked.RootElement.GetProperty("schemas").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain("AdditionalFiles", System.IO.File.ReadAllText(System.IO.Path.Combine(Consumer.ConsumerDirectory, "Consumer.csproj")), StringComparison.Ordinal);

        Assert.True(Consumer.LayoutChangeBuild is not null, Consumer.ToolLock!.ToString());
        Assert.NotEqual(0, Consumer.LayoutChangeBuild!.ExitCode);
        Assert.Contains(Consumer.LayoutChangeBuild.Output.Split('\n'), l => l.Contains("Models.cs", StringComparison.Ordinal)
            && l.Contains("error MG2001", StringComparison.Ordinal) && l.Contains("added 'bias' (float32", StringComparison.Ordinal));
    }
}
