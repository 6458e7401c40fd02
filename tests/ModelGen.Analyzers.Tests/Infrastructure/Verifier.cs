using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ModelGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs an analyzer over sources whose expected diagnostics are marked inline with <c>{|MG1001:...|}</c>.</summary>
internal static class Verifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzeAsync(string source, bool withModelGen = true) => AnalyzeAsync([source], withModelGen);

    /// <summary>As <see cref="AnalyzeAsync(string, bool)"/>, over several files (a generated one, say).</summary>
    public static Task AnalyzeAsync(string[] sources, bool withModelGen = true)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
        };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
        }

        TestReferences.AddTo(test.TestState, withModelGen);
        return test.RunAsync();
    }

    /// <summary>Checks the analyzer reports the marked diagnostics, the fix turns <paramref name="source"/> into
    /// <paramref name="fixedSource"/>, and fix-all in document, project and solution scope does the same.</summary>
    public static Task FixAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new() =>
        CodeFixTest<TCodeFix>([source], [fixedSource]).RunAsync();

    public static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> CodeFixTest<TCodeFix>(string[] sources, string[] fixedSources)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new WithGenerator<TCodeFix>
        {
            ReferenceAssemblies = TestReferences.Net100,
            // The stand-in's output is not what these tests are about.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
        }

        for (var i = 0; i < fixedSources.Length; i++)
        {
            test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
        }

        // Diagnostics that remain after the fix are marked in the fixed sources too.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        TestReferences.AddTo(test.TestState);
        return test;
    }

    /// <summary>A code fix test whose compilations run <see cref="GeneratorStandIn"/>, so a fixed source that marks a
    /// type and calls ModelSerializer with it compiles, as it does in a build.</summary>
    private sealed class WithGenerator<TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        protected override System.Collections.Generic.IEnumerable<System.Type> GetSourceGenerators() => [typeof(GeneratorStandIn)];
    }
}
