using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary>The lock file workflow on a real project built by the SDK: <c>modelgen lock App.csproj</c> creates the lock
/// file from nothing, the build targets of the package (src/ModelGen/build/ModelGen.targets, imported as the package
/// imports it) make the build check it without an AdditionalFiles item, a failed build fails the command, and an
/// assembly's lock file is its project's.</summary>
public sealed class LockProjectTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "modelgen-lock-project-" + Guid.NewGuid().ToString("n"));
    private readonly string _app;
    private readonly string _project;
    private readonly string _lock;

    private const string ModelV1 = """
        using ModelGen;
        namespace App;
        [SerializableModel]
        public partial class Mlp { public int Epochs { get; set; } public float[] Weights { get; set; } = []; }
        """;

    public LockProjectTests()
    {
        _app = Path.Combine(_root, "App");
        Directory.CreateDirectory(_app);
        _project = Path.Combine(_app, "App.csproj");
        _lock = Path.Combine(_app, "ModelSchemas.lock.json");
        // Nothing from the repository's props reaches the project: it sees ModelGen as a package consumer does.
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(_root, file), "<Project />");
        string bin = AppContext.BaseDirectory;
        string configuration = new DirectoryInfo(bin).Parent!.Name; // bin/Debug/net10.0
        string repo = RepositoryRoot();
        File.WriteAllText(_project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="ModelGen" HintPath="{Path.Combine(bin, "ModelGen.dll")}" />
                <Analyzer Include="{Path.Combine(repo, "src", "ModelGen.Generator", "bin", configuration, "netstandard2.0", "ModelGen.Generator.dll")}" />
                <Analyzer Include="{Path.Combine(repo, "src", "ModelGen.Analyzers", "bin", configuration, "netstandard2.0", "ModelGen.Analyzers.dll")}" />
              </ItemGroup>
              <Import Project="{Path.Combine(repo, "src", "ModelGen", "build", "ModelGen.targets")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_app, "Mlp.cs"), ModelV1);
    }

    [Fact]
    public void Lock_bootstraps_the_lock_file_the_build_checks_by_convention_and_fails_on_a_failed_build()
    {
        // 1. From nothing: one command creates the lock file.
        ToolResult created = ToolRunner.Run("lock", _project);
        Assert.True(created.ExitCode == 0, created.Output + created.Error);
        Assert.Contains("added     App.Mlp version 1", created.Output);
        Assert.Single(ModelSchema.ReadJson(File.ReadAllText(_lock)));
        string lockedV1 = File.ReadAllText(_lock);

        // 2. The build checks it without an AdditionalFiles item: a layout change without a version bump is MG2001,
        //    which names the change.
        File.WriteAllText(Path.Combine(_app, "Mlp.cs"), ModelV1.Replace("public int Epochs", "public long Steps { get; set; } public int Epochs"));
        ProcessResult changed = Build();
        Assert.NotEqual(0, changed.ExitCode);
        Assert.Contains(changed.Lines, l => l.Contains("error MG2001", StringComparison.Ordinal) && l.Contains("added 'steps' (int64", StringComparison.Ordinal));

        // 3. The command refuses to overwrite the locked layout, and says what changed.
        ToolResult refused = ToolRunner.Run("lock", _project);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("App.Mlp version 1 is locked with another layout (added 'steps' (int64", refused.Error);
        Assert.Equal(lockedV1, File.ReadAllText(_lock));

        // 4. A build that fails is exit code 1 with the build's errors; the assembly of the last good build is not read.
        File.WriteAllText(Path.Combine(_app, "Broken.cs"), "namespace App; static class Broken { static int X = \"text\"; }");
        File.WriteAllText(Path.Combine(_app, "Mlp.cs"), ModelV1.Replace("[SerializableModel]", "[SerializableModel(Version = 2)]").Replace("public int Epochs", "public long Steps { get; set; } public int Epochs"));
        ToolResult broken = ToolRunner.Run("lock", _project);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains(broken.ErrorLines, l => l.Contains("error CS0029", StringComparison.Ordinal) && l.Contains("Broken.cs", StringComparison.Ordinal));
        Assert.Contains("the build failed", broken.Error);
        Assert.Equal(lockedV1, File.ReadAllText(_lock));

        // 5. Fixed and bumped: version 2 is added next to version 1, and the build is clean.
        File.Delete(Path.Combine(_app, "Broken.cs"));
        ToolResult bumped = ToolRunner.Run("lock", _project);
        Assert.True(bumped.ExitCode == 0, bumped.Output + bumped.Error);
        Assert.Equal([1, 2], ModelSchema.ReadJson(File.ReadAllText(_lock)).Select(s => s.Version));

        // 6. An empty lock file is an empty lock: no MG2004, the model is reported as not locked (a warning, shown on
        //    the command line), and `modelgen lock App.dll` fills the project's lock file, not one beside the DLL.
        File.WriteAllText(_lock, "");
        ProcessResult empty = Build();
        Assert.DoesNotContain("MG2004", empty.Output, StringComparison.Ordinal);
        Assert.True(empty.Lines.Any(l => l.Contains("warning MG2003", StringComparison.Ordinal) || l.Contains("error MG2003", StringComparison.Ordinal)), empty.Output);
        string dll = Path.Combine(_app, "bin", "Debug", "net10.0", "App.dll");
        ToolResult fromDll = ToolRunner.Run("lock", dll);
        Assert.True(fromDll.ExitCode == 0, fromDll.Output + fromDll.Error);
        Assert.Contains(_lock, fromDll.Output);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "ModelSchemas.lock.json")));
        Assert.Equal([2], ModelSchema.ReadJson(File.ReadAllText(_lock)).Select(s => s.Version));
        ProcessResult clean = Build();
        Assert.True(clean.ExitCode == 0, clean.Output);
    }

    [Fact]
    public void Lock_of_an_assembly_without_a_project_above_it_asks_for_the_lock_file()
    {
        string dir = Path.Combine(_root, "loose");
        Directory.CreateDirectory(dir);
        string dll = Path.Combine(dir, "Models.dll");
        File.Copy(typeof(Everything).Assembly.Location, dll);
        ToolResult result = ToolRunner.Run("lock", dll);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pass --lock PATH", Assert.Single(result.ErrorLines));
        Assert.Empty(Directory.GetFiles(dir, "*.json"));
    }

    private sealed record ProcessResult(int ExitCode, string Output)
    {
        public string[] Lines => Output.Split('\n');
    }

    private ProcessResult Build()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _app,
        };
        foreach (string arg in new[] { "build", _project, "-nologo", "-v:q" }) start.ArgumentList.Add(arg);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            if (((string)variable.Key).StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove((string)variable.Key);
        using Process process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output + errors.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("ModelGen.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
