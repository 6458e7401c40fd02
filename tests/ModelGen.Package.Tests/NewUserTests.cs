using System;
using System.IO;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The first hour of a new user, end to end: README commands, a new console app with the package, a model,
/// a lock, the mistake the lock exists for, and the tool reading the saved file.</summary>
[Collection(PackedFeedCollection.Name)]
public class NewUserTests(PackedFeed feed)
{
    private NewUserPath User => feed.NewUser;

    [Fact]
    public void TheReadmesPackageCommandsWork()
    {
        Assert.True(feed.Clone is null or { ExitCode: 0 }, feed.Clone?.ToString());
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        Assert.True(feed.ToolPack is { ExitCode: 0 }, feed.LastStep.ToString());
        Assert.True(feed.ToolInstall is { ExitCode: 0 }, feed.LastStep.ToString());
        Assert.True(File.Exists(feed.ModelGenTool), $"no modelgen command in {feed.Root}");
    }

    [Fact]
    public void ANewConsoleAppSavesAModelWithThePackage()
    {
        Assert.True(User.Run is { ExitCode: 0 }, (User.LastStep ?? feed.LastStep).ToString());
        Assert.Contains("saved App.Scorer version 1, reloaded bias 2", User.Run!.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(User.AppDirectory, "scorer.mgen")));
    }

    [Fact]
    public void ModelgenLockWritesTheProjectsLockFileAndTheBuildAcceptsIt()
    {
        Assert.True(User.Lock is { ExitCode: 0 }, (User.LastStep ?? feed.LastStep).ToString());
        string lockFile = Path.Combine(User.AppDirectory, "ModelSchemas.lock.json");
        Assert.True(File.Exists(lockFile), User.Lock!.ToString());
        Assert.Contains("\"App.Scorer\"", File.ReadAllText(lockFile), StringComparison.Ordinal);
        // Checked by convention: the user never added an AdditionalFiles item.
        Assert.DoesNotContain("AdditionalFiles", File.ReadAllText(Path.Combine(User.AppDirectory, "App.csproj")), StringComparison.Ordinal);
        Assert.True(User.LockedBuild is { ExitCode: 0 }, User.LastStep!.ToString());
        Assert.DoesNotContain("MG2004", User.LockedBuild!.Output, StringComparison.Ordinal); // the lock file was read
    }

    [Fact]
    public void ALayoutChangeWithoutAVersionBumpFailsTheBuildWithMG2001()
    {
        Assert.True(User.ChangedBuild is not null, (User.LastStep ?? feed.LastStep).ToString());
        Assert.NotEqual(0, User.ChangedBuild!.ExitCode);
        Assert.Contains(User.ChangedBuild.Output.Split('\n'), l => l.Contains("Scorer.cs", StringComparison.Ordinal)
            && l.Contains("error MG2001", StringComparison.Ordinal) && l.Contains("added 'classes'", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelgenInspectReadsTheSavedFile()
    {
        Assert.True(User.Inspect is { ExitCode: 0 }, (User.LastStep ?? feed.LastStep).ToString());
        string[] lines = User.Inspect!.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("model        App.Scorer", lines);
        Assert.Contains("schema       version 1", lines);
        Assert.Contains(lines, l => l.StartsWith("checksum", StringComparison.Ordinal) && l.EndsWith("valid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(": packed float32[2] [0.5, -1.25]", StringComparison.Ordinal));
    }
}
