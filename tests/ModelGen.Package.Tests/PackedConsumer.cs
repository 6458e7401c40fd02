using System;
using System.IO;

namespace ModelGen.Package.Tests;

/// <summary>A fresh console project that references the packed ModelGen by version (nothing else: no project
/// references, no repository props), built and run; the installed modelgen tool inspects the file it wrote; then
/// the project is built again with a model that breaks a generator rule and code that the analyzers flag.</summary>
public sealed class PackedConsumer
{
    public PackedConsumer(PackedFeed feed)
    {
        ConsumerDirectory = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(ConsumerDirectory);
        if (feed.Pack.ExitCode != 0) return;

        WriteConsumer(feed.Version);
        Build = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        if (Build.ExitCode != 0) return;
        string exe = Path.Combine(ConsumerDirectory, "bin", "Release", "net10.0", "Consumer.dll");
        Run = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, exe);

        // The modelgen tool, installed like a user installs a .NET tool, looks into the file the consumer wrote.
        if (feed.ModelGenTool is not null && Run.ExitCode == 0)
            ToolInspect = DotNet.RunProgram(feed.ModelGenTool, ConsumerDirectory, PackedFeed.StepTimeout, "inspect", "classifier.mgen");

        // A model that breaks a generator rule, and code that the analyzers flag.
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Broken.cs"), BrokenSource);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Flagged.cs"), FlaggedSource);
        BrokenBuild = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, "build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nodeReuse:false");

        // The lock file by convention: the installed tool creates it from nothing, and the package's build targets
        // check it without an AdditionalFiles item — a layout change without a version bump fails the build.
        if (feed.ModelGenTool is null) return;
        File.Delete(Path.Combine(ConsumerDirectory, "Broken.cs"));
        File.Delete(Path.Combine(ConsumerDirectory, "Flagged.cs"));
        ToolLock = DotNet.RunProgram(feed.ModelGenTool, ConsumerDirectory, PackedFeed.StepTimeout, "lock", "Consumer.csproj");
        if (ToolLock.ExitCode != 0) return;
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Models.cs"), ModelsSource.Replace("public float[] Weights", "public float Bias { get; set; }\n    public float[] Weights", StringComparison.Ordinal));
        LayoutChangeBuild = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, "build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nodeReuse:false");
    }

    public string ConsumerDirectory { get; }
    public ProcessResult? Build { get; }
    public ProcessResult? Run { get; }
    public ProcessResult? BrokenBuild { get; }
    public ProcessResult? ToolInspect { get; }
    public ProcessResult? ToolLock { get; }
    public ProcessResult? LayoutChangeBuild { get; }

    private void WriteConsumer(string version)
    {
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ModelGenWriteJsonSchemas>true</ModelGenWriteJsonSchemas>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Program.cs"), ProgramSource);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Models.cs"), ModelsSource);
    }

    private const string ProgramSource = """
        using System;
        using System.Collections.Generic;
        using Consumer;
        using ModelGen;

        var model = new Classifier { Options = new Options(LearningRate: 0.05), Weights = [1.5f, -2f, 0.25f] };
        model.Labels["spam"] = 1;
        byte[] bytes = ModelSerializer.Serialize(model);
        Classifier back = ModelSerializer.Deserialize<Classifier>(bytes);
        System.IO.File.WriteAllBytes("classifier.mgen", bytes);
        string json = ModelJson.Serialize(back);
        Console.WriteLine($"binary: {bytes.Length} bytes");
        Console.WriteLine($"json: {json}");
        Console.WriteLine($"schema: {Classifier.Schema}");
        Options bound = ModelDictionary.FromDictionary<Options>(new Dictionary<string, object?> { ["learningRate"] = "0.5", ["epochs"] = "20" });
        Console.WriteLine($"bound: {bound.LearningRate} {bound.Epochs}");
        try
        {
            ModelDictionary.FromDictionary<Options>(new Dictionary<string, object?> { ["learningRate"] = "5" });
            Console.WriteLine("validation: missing");
            return 1;
        }
        catch (ModelFormatException e)
        {
            Console.WriteLine($"validation: {e.Message}");
        }
        bool same = json == ModelJson.Serialize(model) && back.Weights.AsSpan().SequenceEqual(model.Weights);
        Console.WriteLine(same ? "round trip: identical" : "round trip: DIFFERENT");
        return same ? 0 : 1;
        """;

    private const string ModelsSource = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using ModelGen;

        namespace Consumer;

        [Hyperparameters]
        public partial record Options([Range(1e-6, 1.0)] double LearningRate = 0.01, int Epochs = 10);

        [SerializableModel(Version = 1)]
        public partial class Classifier
        {
            public required Options Options { get; init; }
            public float[] Weights { get; set; } = [];
            public Dictionary<string, int> Labels { get; set; } = new();
        }
        """;

    private const string BrokenSource = """
        using ModelGen;

        namespace Consumer;

        [SerializableModel]
        public class NotPartial
        {
            public int Value { get; set; }
        }
        """;

    private const string FlaggedSource = """
        using System.IO;

        namespace Consumer;

        public static class Flagged
        {
        #pragma warning disable SYSLIB0011 // the point: the ModelGen analyzers must flag this call
            public static object Load(Stream stream) => new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter().Deserialize(stream);
        #pragma warning restore SYSLIB0011
        }
        """;
}
