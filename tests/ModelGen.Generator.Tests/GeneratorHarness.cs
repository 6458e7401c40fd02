using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Generator;

namespace ModelGen.Generator.Tests;

/// <summary>Runs the generator on in-memory compilations against .NET 10 reference assemblies (offline) and the runtime.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    internal static readonly MetadataReference[] References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(ModelSerializer).Assembly.Location))
            .ToArray();

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Tests",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new ModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the output compilation's diagnostics and the generator's own.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Run) Run(params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Errors and warnings the compiler reports inside generated code.</summary>
    public static List<Diagnostic> GeneratedCodeProblems(Compilation output) =>
        output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !tree.FilePath.StartsWith("Source", StringComparison.Ordinal))
            .ToList();

    /// <summary>Parses <c>{|MG0001:text|}</c> markup: returns the plain source and the expected (id, span) pairs.</summary>
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Markup(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var regex = new Regex(@"\{\|(MG\d{4}):(.*?)\|\}", RegexOptions.Singleline);
        string source = markup;
        while (true)
        {
            Match m = regex.Match(source);
            if (!m.Success) break;
            expected.Add((m.Groups[1].Value, new TextSpan(m.Index, m.Groups[2].Length)));
            source = source.Substring(0, m.Index) + m.Groups[2].Value + source.Substring(m.Index + m.Length);
        }
        return (source, expected);
    }
}
