using System;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The companion packages ship from <c>dotnet pack</c> and work from the feed in a fresh project.</summary>
[Collection(PackedFeedCollection.Name)]
public class CompanionPackageTests(PackedFeed feed)
{
    private CompanionConsumer Companions => feed.CompanionConsumer;

    [Fact]
    public void EveryCompanionPacksWithItsLibraryReadmeAndDependencies()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        Assert.Equal(PackedFeed.CompanionProjects.Length, feed.Companions.Count);
        foreach ((string id, CompanionPackage package) in feed.Companions)
        {
            Assert.True(package.Packed, package.Pack.ToString());
            Assert.Equal([$"lib/net10.0/{id}.dll"], package.Entries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)));
            Assert.Contains($"lib/net10.0/{id}.xml", package.Entries);
            Assert.Contains("README.md", package.Entries);
            Assert.Contains($"<dependency id=\"ModelGen\" version=\"{feed.Version}\"", package.Nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", package.Nuspec, StringComparison.Ordinal);
        }
        Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\" />", feed.Companions["ModelGen.AspNetCore"].Nuspec, StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Microsoft.EntityFrameworkCore\" version=\"10.0.15\"", feed.Companions["ModelGen.EntityFrameworkCore"].Nuspec, StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Microsoft.Extensions.Options\" version=\"10.0.15\"", feed.Companions["ModelGen.Extensions.Configuration"].Nuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreshProjectUsesTheCompanionsFromTheFeed()
    {
        Assert.True(Companions.Build is { ExitCode: 0 }, Companions.Build?.ToString() ?? feed.PackOf("ModelGen.EntityFrameworkCore").ToString() + feed.PackOf("ModelGen.Extensions.Configuration"));
        Assert.Contains("0 Warning(s)", Companions.Build!.Output, StringComparison.Ordinal);
        Assert.True(Companions.Run is { ExitCode: 0 }, Companions.Run?.ToString());
        string[] lines = Companions.Run!.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("efcore: saved 1, threshold 0.7", lines);
        Assert.Contains("configuration: 0.5 0.25", lines);
        Assert.Contains("flat: $version,learningRate,epochs,optimizer.momentum", lines);
    }
}
