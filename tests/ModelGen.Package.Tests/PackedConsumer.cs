using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ModelGen.Package.Tests;

/// <summary>Packs the repository's ModelGen package into a temporary folder feed, then writes a fresh console project
/// that references it by version (nothing else: no project references, no repository props) and builds and runs it.
/// Done once for all tests of <see cref="PackageTests"/>.</summary>
public sealed class PackedConsumer : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    public PackedConsumer()
    {
        Root = Path.Combine(Path.GetTempPath(), $"modelgen-package-test-{Guid.NewGuid():n}");
        Feed = Path.Combine(Root, "feed");
        ConsumerDirectory = Path.Combine(Root, "consumer");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(ConsumerDirectory);

        string project = Path.Combine(DotNet.RepositoryRoot(), "src", "ModelGen", "ModelGen.csproj");
        Pack = DotNet.Run(Root, StepTimeout, "pack", project, "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false");
        if (Pack.ExitCode != 0) return;

        PackagePath = Directory.GetFiles(Feed, "ModelGen.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(PackagePath)["ModelGen.".Length..];
        using (ZipArchive zip = ZipFile.OpenRead(PackagePath))
        {
            PackageEntries = zip.Entries.Select(e => e.FullName).ToArray();
            using var reader = new StreamReader(zip.GetEntry("ModelGen.nuspec")!.Open());
            Nuspec = reader.ReadToEnd();
        }

        WriteConsumer();
        Build = DotNet.Run(ConsumerDirectory, StepTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        if (Build.ExitCode != 0) return;
        string exe = Path.Combine(ConsumerDirectory, "bin", "Release", "net10.0", "Consumer.dll");
        Run = DotNet.Run(ConsumerDirectory, StepTimeout, exe);

        // The modelgen tool, packed and installed like a user installs a .NET tool, looks into the file the consumer wrote.
        string tool = Path.Combine(DotNet.RepositoryRoot(), "src", "ModelGen.Tool", "ModelGen.Tool.csproj");
        ToolPack = DotNet.Run(Root, StepTimeout, "pack", tool, "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false");
        if (ToolPack.ExitCode != 0) return;
        string toolPath = Path.Combine(Root, "tools");
        ToolInstall = DotNet.Run(Root, StepTimeout, "tool", "install", "ModelGen.Tool", "--tool-path", toolPath, "--version", Version, "--add-source", Feed);
        if (ToolInstall.ExitCode != 0) return;
        ToolInspect = DotNet.RunProgram(Path.Combine(toolPath, "modelgen"), ConsumerDirectory, StepTimeout, "inspect", "classifier.mgen");

        // A model that breaks a generator rule, and code that the analyzers flag.
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Broken.cs"), BrokenSource);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Flagged.cs"), FlaggedSource);
        BrokenBuild = DotNet.Run(ConsumerDirectory, StepTimeout, "build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nodeReuse:false");

        // The lock file by convention: the installed tool creates it from nothing, and the package's build targets
        // check it without an AdditionalFiles item — a layout change without a version bump fails the build.
        File.Delete(Path.Combine(ConsumerDirectory, "Broken.cs"));
        File.Delete(Path.Combine(ConsumerDirectory, "Flagged.cs"));
        ToolLock = DotNet.RunProgram(Path.Combine(toolPath, "modelgen"), ConsumerDirectory, StepTimeout, "lock", "Consumer.csproj");
        if (ToolLock.ExitCode != 0) return;
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Models.cs"), ModelsSource.Replace("public float[] Weights", "public float Bias { get; set; }\n    public float[] Weights", StringComparison.Ordinal));
        LayoutChangeBuild = DotNet.Run(ConsumerDirectory, StepTimeout, "build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nodeReuse:false");
    }

    public string Root { get; }
    public string Feed { get; }
    public string ConsumerDirectory { get; }
    public ProcessResult Pack { get; }
    public string PackagePath { get; } = "";
    public string Version { get; } = "";
    public string[] PackageEntries { get; } = [];
    public string Nuspec { get; } = "";
    public ProcessResult? Build { get; }
    public ProcessResult? Run { get; }
    public ProcessResult? BrokenBuild { get; }
    public ProcessResult? ToolPack { get; }
    public ProcessResult? ToolInstall { get; }
    public ProcessResult? ToolInspect { get; }
    public ProcessResult? ToolLock { get; }
    public ProcessResult? LayoutChangeBuild { get; }

    private void WriteConsumer()
    {
        // Stop MSBuild and NuGet from picking up anything above the temporary folder.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
        // The local feed is added to the machine's sources (the NuGet mirror), which still serve System.IO.Hashing.
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="modelgen-local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ModelGenWriteJsonSchemas>true</ModelGenWriteJsonSchemas>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
                <!-- A package folder of its own, so that no earlier package of the same version is reused. -->
                <RestorePackagesPath>{Path.Combine(Root, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelGen" Version="{Version}" />
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
