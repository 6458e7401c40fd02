using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>Runs ModelGen's MG1xxx rules and the .NET SDK's deserialization rules (CA2300–CA2330, CA2350–CA2362,
/// CA5360–CA5372, all forced on) on <see cref="FlowCorpus"/>: ModelGen must find every unsafe snippet, every snippet
/// the SDK's rules find, and nothing in the safe ones. The SDK's analyzers are loaded from the SDK that runs the tests.</summary>
public sealed class SdkRuleComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ModelGen_finds_every_unsafe_snippet_and_everything_the_SDK_rules_find()
    {
        var sdk = SdkDeserializationRules.Load();
        Assert.NotEmpty(sdk.Analyzers);
        var rows = new List<string>();
        var failures = new List<string>();
        foreach (var (name, source, isUnsafe) in FlowCorpus.Unsafe.Select(s => (s.Name, s.Source, true)).Concat(FlowCorpus.Safe.Select(s => (s.Name, s.Source, false))))
        {
            var compilation = Compile(source);
            var ours = await Run(compilation, ModelGenRules.Analyzers, ModelGenRules.Ids);
            var theirs = await Run(compilation, sdk.Analyzers, sdk.Ids);
            rows.Add($"| {name} | {(isUnsafe ? "unsafe" : "safe")} | {Join(ours)} | {Join(theirs)} |");
            if (isUnsafe && ours.Count == 0)
            {
                failures.Add($"ModelGen misses the unsafe snippet '{name}' (the SDK rules report: {Join(theirs)})");
            }

            if (!isUnsafe && ours.Count > 0)
            {
                failures.Add($"ModelGen reports {Join(ours)} on the safe snippet '{name}'");
            }
        }

        output.WriteLine("| snippet | kind | ModelGen | SDK CA rules |");
        output.WriteLine("|---|---|---|---|");
        rows.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The comparison means something only if the SDK's rules do run: they find the plain cases.</summary>
    [Fact]
    public async Task The_SDK_rules_run_and_find_the_plain_cases()
    {
        var sdk = SdkDeserializationRules.Load();
        var plain = new[] { "DataSet.ReadXml on a stream", "Json.NET: TypeNameHandling.All in an initializer", "BinaryFormatter deserializing a stream" };
        foreach (var name in plain)
        {
            var theirs = await Run(Compile(FlowCorpus.Unsafe.Single(s => s.Name == name).Source), sdk.Analyzers, sdk.Ids);
            Assert.True(theirs.Count > 0, $"the SDK rules report nothing on '{name}'");
        }
    }

    private static string Join(IReadOnlyCollection<string> ids) => ids.Count == 0 ? "—" : string.Join(", ", ids);

    internal static CSharpCompilation Compile(string source) => CSharpCompilation.Create(
        "Corpus",
        [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Corpus.cs")],
        TestReferences.All(),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    internal static async Task<IReadOnlyCollection<string>> Run(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableHashSet<string> ids)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var options = compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn)));
        var diagnostics = await compilation.WithOptions(options).WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(d => d.Id).Where(ids.Contains).Distinct().Order().ToList();
    }

    internal static class ModelGenRules
    {
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .Where(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id.StartsWith("MG1", StringComparison.Ordinal)))
            .ToImmutableArray();

        public static readonly ImmutableHashSet<string> Ids = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id)
            .Where(id => id.StartsWith("MG1", StringComparison.Ordinal)).ToImmutableHashSet();
    }
}
