using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>The README's Hugging Face example, compiled and run exactly as written on exactly its config.json.</summary>
public class ReadmeTests
{
    private static (string Json, string CSharp) HuggingFaceBlocks()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ModelGen.sln"))) root = Path.GetDirectoryName(root)!;
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        int start = readme.IndexOf("<!-- hf-config:", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README's Hugging Face example is missing");
        MatchCollection blocks = new Regex("```(json|csharp)\n(.*?)```", RegexOptions.Singleline).Matches(readme, start);
        Assert.Equal("json", blocks[0].Groups[1].Value);
        Assert.Equal("csharp", blocks[1].Groups[1].Value);
        return (blocks[0].Groups[2].Value, blocks[1].Groups[2].Value);
    }

    private static object? Get(object model, string property) => model.GetType().GetProperty(property)!.GetValue(model);

    [Fact]
    public void HuggingFaceConfigLoadsIntoTheReadmeRecord()
    {
        var (json, source) = HuggingFaceBlocks();
        var (output, diagnostics, _) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        using var stream = new MemoryStream();
        var emitted = output.WithAssemblyName("Readme").Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Type configs = Assembly.Load(stream.ToArray()).GetType("Configs")!;
        object Call(string method) => configs.GetMethod(method)!.Invoke(null, [json])!;

        object config = Call("Load");
        Assert.Equal(152064, Get(config, "VocabSize"));            // not the default 30522
        Assert.Equal(3584, Get(config, "HiddenSize"));
        Assert.Equal(28, Get(config, "NumHiddenLayers"));
        Assert.Equal(4, Get(config, "NumKeyValueHeads"));
        Assert.Equal("silu", Get(config, "HiddenAct"));
        Assert.Equal(1e-6, Get(config, "RmsNormEps"));
        Assert.Equal(1_000_000.0, Get(config, "RopeTheta"));
        Assert.Null(Get(config, "RopeScaling"));
        Assert.Equal(new[] { "Qwen2ForCausalLM" }, ((IEnumerable)Get(config, "Architectures")!).Cast<string>());
        Assert.Equal("bfloat16", Get(config, "TorchDtype"));

        // Saved again: one spelling per member, and the keys it does not declare come back unchanged.
        Type type = config.GetType();
        var serialize = typeof(ModelJson).GetMethods().Single(m => m.Name == "Serialize" && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType == typeof(ModelJsonOptions));
        string saved = (string)serialize.MakeGenericMethod(type).Invoke(null, [config, null])!;
        Assert.Contains("\"vocab_size\":152064", saved);
        Assert.DoesNotContain("vocabSize", saved);
        Assert.Contains("\"transformers_version\":\"4.43.1\"", saved);

        var strict = Assert.Throws<TargetInvocationException>(() => Call("LoadStrict"));
        var error = Assert.IsType<ModelFormatException>(strict.InnerException);
        Assert.Contains("'attention_dropout'", error.Message);
    }
}
