using System;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The companion packages ship from <c>dotnet pack</c> and work from the feed in a fresh project.</summary>
[Collection(PackedFeedCollection.Name)]
public class CompanionPackageTests(PackedFeed feed)
{
    private CompanionConsumer Companions => feed.Companions;

    [Fact]
    public void TheCompanionsPackWithTheirDependencies()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        Assert.Equal(CompanionConsumer.Projects.Length, Companions.Packs.Count);
        foreach (ProcessResult pack in Companions.Packs) Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Contains("lib/net10.0/ModelGen.EntityFrameworkCore.dll", Companions.Entries["ModelGen.EntityFrameworkCore"]);
        Assert.Contains("lib/net10.0/ModelGen.Extensions.Configuration.dll", Companions.Entries["ModelGen.Extensions.Configuration"]);
        foreach (string nuspec in Companions.Nuspecs.Values)
        {
            Assert.Contains($"<dependency id=\"ModelGen\" version=\"{feed.Version}\"", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        }
        Assert.Contains("<dependency id=\"Microsoft.EntityFrameworkCore\" version=\"10.0.15\"", Companions.Nuspecs["ModelGen.EntityFrameworkCore"], StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Microsoft.Extensions.Options\" version=\"10.0.15\"", Companions.Nuspecs["ModelGen.Extensions.Configuration"], StringComparison.Ordinal);
    }

    [Fact]
    public void AFreshProjectUsesTheCompanionsFromTheFeed()
    {
        Assert.True(Companions.Build is { ExitCode: 0 }, Companions.Build?.ToString() ?? string.Join("\n", Companions.Packs));
        Assert.Contains("0 Warning(s)", Companions.Build!.Output, StringComparison.Ordinal);
        Assert.True(Companions.Run is { ExitCode: 0 }, Companions.Run?.ToString());
        string[] lines = Companions.Run!.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("efcore: saved 1, threshold 0.7", lines);
        Assert.Contains("configuration: 0.5 0.25", lines);
        Assert.Contains("flat: $version,learningRate,epochs,optimizer.momentum", lines);
    }
}
