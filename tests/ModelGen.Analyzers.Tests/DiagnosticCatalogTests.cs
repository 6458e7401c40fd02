using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Descriptors;
using Xunit;

namespace ModelGen.Analyzers.Tests;

/// <summary>Every rule has a stable MG1xxx ID, a help link to its page, a page, and a line in release tracking.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
        .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
        .Distinct()
        .ToArray();

    public static TheoryData<string> Ids() => [.. Descriptors.Select(descriptor => descriptor.Id)];

    [Fact]
    public void Every_descriptor_is_reported_by_an_analyzer_and_ids_are_unique()
    {
        var declared = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToArray();
        Assert.Equal(declared.Select(d => d.Id).OrderBy(id => id), Descriptors.Select(d => d.Id).OrderBy(id => id));
        Assert.Equal(declared.Length, declared.Select(d => d.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_has_an_id_a_help_link_a_page_and_a_release_entry(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        Assert.Matches(new Regex("^MG[12][0-9]{3}$"), id);
        Assert.Equal($"https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(descriptor.IsEnabledByDefault);

        var root = RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
        foreach (var section in new[] { "## What it flags", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        var releases = File.ReadAllText(Path.Combine(root, "src", "ModelGen.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(root, "src", "ModelGen.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity}", releases, StringComparison.Ordinal);
        Assert.Contains($"[{id}](diagnostics/{id}.md)", File.ReadAllText(Path.Combine(root, "docs", "analyzers.md")), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ModelGen.sln not found above the test directory.");
    }
}
