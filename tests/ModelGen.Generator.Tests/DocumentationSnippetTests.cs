using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>Every C# block of the README, the package READMEs and docs/ compiles as a user would paste it: one file
/// of a console app made by <c>dotnet new console</c> (its implicit usings, nullable on) that references the ModelGen
/// package — the runtime, the generator and the analyzers — with no warning (see <see cref="MarkdownSnippet"/> for
/// the comments that mark a block). A block reads like a program: its statements run first, in the order shown, and
/// its types are declared around them, wherever they are written.</summary>
public class DocumentationSnippetTests
{
    private static readonly string Root = RepositoryRoot();

    /// <summary>What <c>dotnet new console</c> (ImplicitUsings enable) gives every file.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly MetadataReference[] References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(ModelSerializer).Assembly.Location))
            // The unsafe serializers that the MG1xxx pages show how to configure safely.
            .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(global::MessagePack.MessagePackSerializer).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(global::MessagePack.MessagePackObjectAttribute).Assembly.Location))
            // The companion packages and the frameworks their snippets use (EF Core with SQLite, configuration,
            // options, hosting, logging, ASP.NET Core), as a service that references them has them.
            .Concat(CompanionReferences())
            .ToArray();

    /// <summary>The companion packages and their frameworks from this test's output, and the Microsoft.* assemblies of
    /// the ASP.NET Core shared framework it runs on that the output does not hold (one reference per assembly name).</summary>
    private static IEnumerable<MetadataReference> CompanionReferences()
    {
        List<string> output = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("ModelGen.EntityFrameworkCore", StringComparison.Ordinal)
                || n.StartsWith("ModelGen.Extensions.", StringComparison.Ordinal) || n.StartsWith("ModelGen.AspNetCore", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)))
            .ToList();
        var names = output.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> aspNetCore = Directory.GetFiles(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!, "Microsoft.*.dll")
            .Where(f => !names.Contains(Path.GetFileName(f)));
        return output.Concat(aspNetCore).Order(StringComparer.Ordinal).Select(f => MetadataReference.CreateFromFile(f));
    }

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(LoadAnalyzers);

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (MarkdownSnippet snippet in AllSnippets()) data.Add(snippet.File, snippet.Line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void SnippetCompilesWithoutWarnings(string file, int line)
    {
        MarkdownSnippet snippet = AllSnippets().Single(s => s.File == file && s.Line == line);
        if (snippet.Skip is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(snippet.Skip), $"{snippet}: a skipped snippet says why (<!-- snippet: skip REASON -->)");
            return;
        }

        List<Diagnostic> diagnostics = Compile(snippet);
        var reported = diagnostics.Select(d => d.Id).ToHashSet();
        string listing = string.Join("\n", diagnostics.Select(d => $"  {d}"));
        foreach (string id in snippet.Expected)
            Assert.True(reported.Contains(id), $"{snippet}: expected {id} (<!-- snippet: expect -->), got:\n{listing}");
        List<Diagnostic> unexpected = diagnostics.Where(d => !snippet.Expected.Contains(d.Id)).ToList();
        Assert.True(unexpected.Count == 0,
            $"{snippet} does not compile cleanly as a console app with ModelGen:\n{string.Join("\n", unexpected.Select(d => $"  {d}"))}\n" +
            "--- compiled as:\n" + ProgramText(snippet) +
            "\nDeclare what the block uses in it, or in a hidden <!-- snippet: prelude CODE --> right above the fence; " +
            "<!-- snippet: expect ID --> for a diagnostic shown on purpose. See MarkdownSnippet.");
    }

    [Fact]
    public void TheReadmesAndDocsHaveSnippetsAndFewAreSkipped()
    {
        List<MarkdownSnippet> all = AllSnippets();
        Assert.Contains(all, s => s.File == "README.md");
        Assert.Contains(all, s => s.File == "src/ModelGen/PACKAGE.md");
        Assert.Contains(all, s => s.File.StartsWith("docs/", StringComparison.Ordinal));
        // Skipping is for blocks that cannot compile on purpose; most must be compiled.
        Assert.True(all.Count(s => s.Skip is not null) * 10 <= all.Count, string.Join("\n", all.Where(s => s.Skip is not null)));
    }

    [Fact]
    public void ASnippetThatLacksAUsingFails()
    {
        // The README's first snippet once missed `using System.ComponentModel.DataAnnotations;` for [Range].
        var snippet = new MarkdownSnippet("test", 1, """
            using ModelGen;

            [Hyperparameters]
            public partial record TrainingOptions([Range(1e-6, 1.0)] float LearningRate = 0.01f);
            """, null, [], "");
        // Without the using, [Range] binds to System.Range, which is no attribute.
        Assert.Contains(Compile(snippet), d => d.Id == "CS0616" && d.GetMessage().Contains("Range", StringComparison.Ordinal));
    }

    [Fact]
    public void StatementsAfterTypesRunFirstAndAPreludeIsCompiledWithTheBlock()
    {
        var snippet = new MarkdownSnippet("test", 1, """
            [ModelGen.SerializableModel]
            public partial class Mlp { public float[] Weights { get; set; } = []; }

            byte[] bytes = ModelGen.ModelSerializer.Serialize(mlp);
            """, null, [], "var mlp = new Mlp();\n");
        Assert.Empty(Compile(snippet));
        Assert.Contains(Compile(snippet with { Prelude = "" }), d => d.Id == "CS0103");
    }

    [Fact]
    public void TheAnalyzersRunOnSnippets()
    {
        var snippet = new MarkdownSnippet("test", 1, """
            #pragma warning disable SYSLIB0011
            var formatter = new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter();
            object loaded = formatter.Deserialize(Stream.Null);
            """, null, [], "");
        Assert.Contains(Compile(snippet), d => d.Id == "MG1001");
    }

    /// <summary>The warnings and errors of the compilation, the generator and the analyzers.</summary>
    private static List<Diagnostic> Compile(MarkdownSnippet snippet)
    {
        SyntaxTree program = CSharpSyntaxTree.ParseText(ProgramText(snippet), GeneratorHarness.ParseOptions, path: snippet.File + ".cs");
        SyntaxTree usings = CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs");
        bool hasStatements = program.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [usings, program],
            References,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The SDK's default NoWarn: Json.NET and MessagePack are built against an older System.Runtime.
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output.WithAnalyzers(Analyzers.Value)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        // As a build reports them: not one a #pragma in the snippet suppresses (the driver returns those, marked).
        return output.GetDiagnostics().Concat(generatorDiagnostics).Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .ToList();
    }

    /// <summary>The prelude and the block as one file: usings first, then the statements in order, then the rest.</summary>
    private static string ProgramText(MarkdownSnippet snippet)
    {
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(snippet.Prelude + snippet.Code, GeneratorHarness.ParseOptions).GetRoot();
        IEnumerable<SyntaxNode> ordered = unit.Externs.Cast<SyntaxNode>()
            .Concat(unit.Usings)
            .Concat(unit.AttributeLists)
            .Concat(unit.Members.OfType<GlobalStatementSyntax>())
            .Concat(unit.Members.Where(m => m is not GlobalStatementSyntax));
        return string.Concat(ordered.Select(n => n.ToFullString().TrimEnd() + "\n")) + unit.EndOfFileToken.ToFullString();
    }

    private static List<MarkdownSnippet> AllSnippets() =>
        MarkdownSnippets.DocumentationFiles(Root).SelectMany(f => MarkdownSnippets.Read(Root, f)).ToList();

    /// <summary>Every analyzer of ModelGen.Analyzers.dll, built beside this project and loaded like the compiler does.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        string path = typeof(DocumentationSnippetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModelGenAnalyzersPath").Value!;
        Assembly analyzers = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path));
        return [.. analyzers.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("ModelGen.sln not found above " + AppContext.BaseDirectory);
    }
}
