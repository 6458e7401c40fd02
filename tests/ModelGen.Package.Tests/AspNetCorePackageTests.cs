using System;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The ASP.NET Core companion package: packed into the feed, restored by a fresh web project with only its
/// name and version, and run against Kestrel (which forbids synchronous body I/O).</summary>
[Collection(PackedFeedCollection.Name)]
public class AspNetCorePackageTests(PackedFeed feed)
{
    private AspNetCoreConsumer Consumer => feed.AspNetCoreConsumer;

    [Fact]
    public void ThePackageHoldsTheLibraryItsReadmeAndDependsOnModelGen()
    {
        Assert.True(feed.AspNetCorePack is { ExitCode: 0 }, (feed.AspNetCorePack ?? feed.Pack).ToString());
        Assert.Equal(["lib/net10.0/ModelGen.AspNetCore.dll"], Consumer.PackageEntries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)));
        Assert.Contains("lib/net10.0/ModelGen.AspNetCore.xml", Consumer.PackageEntries);
        Assert.Contains("README.md", Consumer.PackageEntries);
        Assert.Contains("<readme>README.md</readme>", Consumer.Nuspec);
        Assert.Contains($"<dependency id=\"ModelGen\" version=\"{feed.Version}\"", Consumer.Nuspec);
        Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\" />", Consumer.Nuspec);
    }

    [Fact]
    public void AWebProjectWithOnlyThePackageServesModelsOnKestrel()
    {
        Assert.True(Consumer.Build is { ExitCode: 0 }, Consumer.Build?.ToString() ?? (feed.AspNetCorePack ?? feed.Pack).ToString());
        Assert.Contains("0 Warning(s)", Consumer.Build!.Output, StringComparison.Ordinal);
        Assert.True(Consumer.Run is { ExitCode: 0 }, Consumer.Run?.ToString());
        string[] lines = Consumer.Run!.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("echo: 200 web 0.5,2", lines);
        Assert.Contains(lines, l => l.StartsWith("options: 200 {\"$version\":1,\"rate\":0.5,\"kind\":\"Fast\"}", StringComparison.Ordinal));
        string bad = lines.Single(l => l.StartsWith("bad: ", StringComparison.Ordinal));
        Assert.StartsWith("bad: 400 application/problem+json", bad, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"rate\"", bad, StringComparison.Ordinal);
    }
}
