using System;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The one package a user adds: packed from the repository, restored from a folder feed by a fresh project.</summary>
public class PackageTests(PackedConsumer consumer) : IClassFixture<PackedConsumer>
{
    [Fact]
    public void PackageHoldsTheRuntimeTheGeneratorAndItsMetadata()
    {
        Assert.True(consumer.Pack.ExitCode == 0, consumer.Pack.ToString());
        Assert.Contains("lib/net8.0/ModelGen.dll", consumer.PackageEntries);
        Assert.Contains("lib/net10.0/ModelGen.dll", consumer.PackageEntries);
        Assert.Contains("lib/net10.0/ModelGen.xml", consumer.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.Generator.dll", consumer.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.Analyzers.dll", consumer.PackageEntries);
        Assert.Contains("analyzers/dotnet/cs/ModelGen.CodeFixes.dll", consumer.PackageEntries);
        Assert.Contains("README.md", consumer.PackageEntries);
        Assert.Contains("<license type=\"expression\">MIT</license>", consumer.Nuspec);
        Assert.Contains("<readme>README.md</readme>", consumer.Nuspec);
        // Compiler plug-ins ship inside the package; nothing else is a dependency but System.IO.Hashing.
        Assert.DoesNotContain("ModelGen.Generator", consumer.Nuspec);
        Assert.DoesNotContain("ModelGen.Analyzers", consumer.Nuspec);
        Assert.DoesNotContain("ModelGen.CodeFixes", consumer.Nuspec);
        Assert.Equal(["lib/net10.0/ModelGen.dll", "lib/net8.0/ModelGen.dll"], consumer.PackageEntries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).Order());
        Assert.True(System.IO.File.Exists(consumer.PackagePath.Replace(".nupkg", ".snupkg", StringComparison.Ordinal)), "no symbol package");
    }

    [Fact]
    public void AFreshProjectBuildsAndRunsWithOnlyThePackage()
    {
        Assert.True(consumer.Build is { ExitCode: 0 }, consumer.Build?.ToString() ?? consumer.Pack.ToString());
        Assert.Contains("0 Warning(s)", consumer.Build!.Output, StringComparison.Ordinal);
        Assert.True(consumer.Run is { ExitCode: 0 }, consumer.Run?.ToString());
        string[] lines = consumer.Run!.Output.Split('\n', StringSplitOptions.TrimEntries);
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
        Assert.True(consumer.Build is { ExitCode: 0 }, consumer.Build?.ToString() ?? consumer.Pack.ToString());
        Assert.Contains("tools/modelgen/ModelGen.Tool.dll", consumer.PackageEntries);
        Assert.Contains("build/ModelGen.targets", consumer.PackageEntries);
        string file = System.IO.Path.Combine(consumer.ConsumerDirectory, "bin", "Release", "net10.0", "Consumer.Classifier.schema.json");
        Assert.True(System.IO.File.Exists(file), consumer.Build!.Output);
        using var schema = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(file));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("Consumer.Classifier", schema.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void DiagnosticsFromThePackageReportInTheConsumerBuild()
    {
        Assert.True(consumer.BrokenBuild is not null, consumer.Build?.ToString() ?? consumer.Pack.ToString());
        Assert.NotEqual(0, consumer.BrokenBuild!.ExitCode);
        Assert.Contains(consumer.BrokenBuild.Output.Split('\n'), l => l.Contains("Broken.cs", StringComparison.Ordinal) && l.Contains("error MG0001", StringComparison.Ordinal));
        Assert.Contains(consumer.BrokenBuild.Output.Split('\n'), l => l.Contains("Flagged.cs", StringComparison.Ordinal) && l.Contains("warning MG1001", StringComparison.Ordinal));
    }

    [Fact]
    public void TheInstalledToolInspectsWhatTheConsumerWrote()
    {
        Assert.True(consumer.ToolInspect is not null, (consumer.ToolInstall ?? consumer.ToolPack ?? consumer.Run ?? consumer.Pack).ToString());
        Assert.True(consumer.ToolInspect!.ExitCode == 0, consumer.ToolInspect.ToString());
        string[] lines = consumer.ToolInspect.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("model        Consumer.Classifier", lines);
        Assert.Contains("schema       version 1", lines);
        Assert.Contains(lines, l => l.StartsWith("checksum", StringComparison.Ordinal) && l.EndsWith("valid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(": packed float32[3] [1.5, -2, 0.25]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLockFileBesideTheProjectIsCreatedByTheToolAndCheckedByConvention()
    {
        Assert.True(consumer.ToolLock is { ExitCode: 0 }, (consumer.ToolLock ?? consumer.BrokenBuild ?? consumer.Pack).ToString());
        string lockFile = System.IO.Path.Combine(consumer.ConsumerDirectory, "ModelSchemas.lock.json");
        using var locked = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(lockFile));
        Assert.Equal(["Consumer.Classifier", "Consumer.Options"], locked.RootElement.GetProperty("schemas").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain("AdditionalFiles", System.IO.File.ReadAllText(System.IO.Path.Combine(consumer.ConsumerDirectory, "Consumer.csproj")), StringComparison.Ordinal);

        Assert.True(consumer.LayoutChangeBuild is not null, consumer.ToolLock!.ToString());
        Assert.NotEqual(0, consumer.LayoutChangeBuild!.ExitCode);
        Assert.Contains(consumer.LayoutChangeBuild.Output.Split('\n'), l => l.Contains("Models.cs", StringComparison.Ordinal)
            && l.Contains("error MG2001", StringComparison.Ordinal) && l.Contains("added 'bias' (float32", StringComparison.Ordinal));
    }
}
