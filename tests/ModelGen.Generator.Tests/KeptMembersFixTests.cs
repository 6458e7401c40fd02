using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>MG0023 end to end: the generator warns at a struct model without a KeptMembers field, the code fix from
/// ModelGen.CodeFixes (loaded as the IDE loads it) declares one, and the fixed struct, as the older build after a
/// rollback, keeps a member of the newer version when it reads newer data and saves it again, in every form. Without
/// the fix the same rollback drops it: the warning is about a real loss.</summary>
public class KeptMembersFixTests
{
    private static readonly string[] Forms = ["binary", "binary2", "json", "dictionary"];

    private const string Older = """
        [SerializableModel]
        public partial struct Range
        {
            public double Min { get; set; }
        }
        [SerializableModel] public partial record Model { public Range Root { get; init; } public List<Range> Ranges { get; init; } = new(); }
        public static class Samples { public static object Sample() => new Model(); }
        """;

    // Max 0 and 3.5 differ from the newer build's initializer (1): a Max the older build dropped comes back as 1.
    private const string Newer = """
        [SerializableModel(Version = 2)] public partial struct Range { public Range() { } public double Min { get; set; } public double Max { get; set; } = 1; private KeptMembers _kept; }
        [SerializableModel] public partial record Model { public Range Root { get; init; } public List<Range> Ranges { get; init; } = new(); }
        public static class Samples { public static object Sample() => new Model { Root = new Range { Min = -1, Max = 0 }, Ranges = { new Range { Min = 2, Max = 3.5 } } }; }
        """;

    [Fact]
    public async Task The_fixed_struct_compiles_clean_and_keeps_a_newer_member_through_a_rollback_in_every_form()
    {
        string fixedSource = await ApplyFixAsync(Older);
        Assert.Contains("""
                public double Min { get; set; }

                private KeptMembers _kept;
            }
            """.ReplaceLineEndings("\n"), fixedSource.ReplaceLineEndings("\n"));
        var older = new ModelVersion(fixedSource); // no diagnostic at all: MG0023 is gone, nothing else came
        var newer = new ModelVersion(Newer);
        string expected = newer.Json(newer.Sample());
        foreach (string form in Forms)
        {
            object back = newer.Read(older.Write(older.Read(newer.Write(newer.Sample(), form), form), form), form);
            Assert.True(expected == newer.Json(back), $"{form}:\n{expected}\n{newer.Json(back)}");
        }
    }

    [Fact]
    public void Without_the_fix_the_rollback_drops_the_newer_member()
    {
        var older = new ModelVersion(Older, "MG0023");
        var newer = new ModelVersion(Newer);
        foreach (string form in Forms)
        {
            object back = newer.Read(older.Write(older.Read(newer.Write(newer.Sample(), form), form), form), form);
            Assert.Equal("""{"$version":1,"root":{"$version":2,"min":-1,"max":1},"ranges":[{"$version":2,"min":2,"max":1}]}""", newer.Json(back));
        }
    }

    // The source as ModelVersion compiles it, the generator's MG0023 at the same span of the workspace's document, and
    // the one action the fix offers, applied as the IDE applies it (with its simplification and formatting).
    private static async Task<string> ApplyFixAsync(string source)
    {
        string text = ModelVersion.Prelude + source;
        Diagnostic warning = Assert.Single(GeneratorHarness.Run(text).GeneratorDiagnostics);
        Assert.Equal("MG0023", warning.Id);

        using var workspace = new AdhocWorkspace();
        Document document = workspace.CurrentSolution
            .AddProject("Fix", "Fix", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .AddMetadataReferences(GeneratorHarness.References)
            .AddDocument("Source0.cs", text);
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        Diagnostic located = Diagnostic.Create(warning.Id, warning.Descriptor.Category, warning.GetMessage(), warning.Severity, warning.DefaultSeverity,
            isEnabledByDefault: true, warning.WarningLevel, location: Location.Create(tree, warning.Location.SourceSpan));

        var actions = new List<CodeAction>();
        CodeFixProvider fix = LoadFix();
        Assert.Contains("MG0023", fix.FixableDiagnosticIds);
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None));
        ImmutableArray<CodeActionOperation> operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        Document changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        string result = (await changed.GetTextAsync()).ToString();
        Assert.StartsWith(ModelVersion.Prelude, result);
        return result.Substring(ModelVersion.Prelude.Length);
    }

    // ModelGen.CodeFixes and the ModelGen.Analyzers beside it, in a context of their own (the analyzers assembly holds
    // a copy of the generator's parser, whose types would clash with the generator's here); Roslyn from the test's.
    private static CodeFixProvider LoadFix()
    {
        string path = Path.GetFullPath(typeof(KeptMembersFixTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModelGenCodeFixesPath").Value!);
        Assembly assembly = new BesideContext(Path.GetDirectoryName(path)!).LoadFromAssemblyPath(path);
        return (CodeFixProvider)System.Activator.CreateInstance(assembly.GetType("ModelGen.CodeFixes.Models.DeclareKeptMembersCodeFixProvider", throwOnError: true)!)!;
    }

    private sealed class BesideContext(string directory) : AssemblyLoadContext("ModelGen.CodeFixes")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is { } simple && simple.StartsWith("ModelGen.", System.StringComparison.Ordinal) && File.Exists(Path.Combine(directory, simple + ".dll"))
                ? LoadFromAssemblyPath(Path.Combine(directory, simple + ".dll"))
                : null;
    }
}
