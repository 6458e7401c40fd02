using System;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The ASP.NET Core companion package (packed with the others: <see cref="CompanionPackageTests"/>), restored
/// by a fresh web project with only its name and version, and run against Kestrel (which forbids synchronous body
/// I/O).</summary>
[Collection(PackedFeedCollection.Name)]
public class AspNetCorePackageTests(PackedFeed feed)
{
    private AspNetCoreConsumer Consumer => feed.AspNetCoreConsumer;

    [Fact]
    public void AWebProjectWithOnlyThePackageServesModelsOnKestrel()
    {
        Assert.True(Consumer.Build is { ExitCode: 0 }, Consumer.Build?.ToString() ?? feed.PackOf("ModelGen.AspNetCore").ToString());
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
