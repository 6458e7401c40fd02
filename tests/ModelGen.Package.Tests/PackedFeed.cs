using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace ModelGen.Package.Tests;

/// <summary>The tests that consume the packages share one packed feed (packing is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}

/// <summary>Runs the README's package commands once: <c>dotnet pack src/ModelGen -c Release -o feed</c>, then
/// <c>dotnet pack src/ModelGen.Tool -c Release -o feed</c> and the tool's install (into a tool path of this test, not
/// <c>-g</c>). With <c>MODELGEN_FRESH_CLONE=1</c> (CI sets it) the commands run in a <c>git clone</c> of the repository,
/// as on a new user's machine, where nothing was restored or built before; otherwise in the working tree.
/// Everything lives in one temporary folder with its own nuget.config and package folder, so that no package of
/// the same version cached by an earlier run is used.</summary>
public sealed class PackedFeed : IDisposable
{
    // A guard against a hung step only: a cold pack on a busy 2-core machine takes minutes.
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private readonly Lazy<PackedConsumer> _consumer;
    private readonly Lazy<NewUserPath> _newUser;
    private readonly Lazy<AspNetCoreConsumer> _aspNetCoreConsumer;
    private readonly Lazy<CompanionConsumer> _companions;

    public PackedFeed()
    {
        // The clone beside, not under, the consumers' folder: it builds with the user's own NuGet settings.
        Base = Path.Combine(Path.GetTempPath(), $"modelgen-package-test-{Guid.NewGuid():n}");
        Root = Path.Combine(Base, "consumers");
        Directory.CreateDirectory(Root);
        _consumer = new(() => new PackedConsumer(this));
        _newUser = new(() => new NewUserPath(this));
        _aspNetCoreConsumer = new(() => new AspNetCoreConsumer(this));
        _companions = new(() => new CompanionConsumer(this));

        try
        {
            string repository = DotNet.RepositoryRoot();
            if (Environment.GetEnvironmentVariable("MODELGEN_FRESH_CLONE") is "1" or "true")
            {
                Source = Path.Combine(Base, "clone");
                Clone = DotNet.RunProgram("git", Base, StepTimeout, "clone", "--quiet", repository, Source);
                if (Clone.ExitCode != 0)
                {
                    Pack = Clone;
                    Feed = Path.Combine(Root, "feed");
                    return;
                }
                Feed = Path.Combine(Source, "feed"); // the README's relative "-o feed"
            }
            else
            {
                Source = repository;
                Feed = Path.Combine(Root, "feed"); // not into the working tree
            }
            WriteIsolation();

            Pack = DotNet.Run(Source, StepTimeout, "pack", "src/ModelGen", "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false");
            if (Pack.ExitCode != 0) return;
            PackagePath = Directory.GetFiles(Feed, "ModelGen.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
            Version = Path.GetFileNameWithoutExtension(PackagePath)["ModelGen.".Length..];
            (PackageEntries, Nuspec) = ReadPackage(PackagePath, "ModelGen");

            // Companion packages: packed into the same feed, each checked by its own tests (a failure here does not
            // stop the core package's steps).
            foreach (string project in CompanionProjects)
            {
                string id = Path.GetFileName(project);
                ProcessResult pack = DotNet.Run(Source, StepTimeout, "pack", project, "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false");
                (string[] entries, string nuspec) = pack.ExitCode == 0 ? ReadPackage(Path.Combine(Feed, $"{id}.{Version}.nupkg"), id) : ([], "");
                Companions[id] = new CompanionPackage(pack, entries, nuspec);
            }

            ToolPack = DotNet.Run(Source, StepTimeout, "pack", "src/ModelGen.Tool", "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false");
            if (ToolPack.ExitCode != 0) return;
            string toolPath = Path.Combine(Root, "tools");
            // Run in Root, so that the install reads Root's nuget.config (the feed, a package folder of its own).
            ToolInstall = DotNet.Run(Root, StepTimeout, "tool", "install", "ModelGen.Tool", "--tool-path", toolPath, "--version", Version, "--add-source", Feed);
            if (ToolInstall.ExitCode == 0) ModelGenTool = Path.Combine(toolPath, "modelgen");
        }
        catch
        {
            Dispose(); // a step that hung leaves no clone behind
            throw;
        }
    }

    private string Base { get; }
    /// <summary>The folder of the consuming projects, the tool and their packages.</summary>
    public string Root { get; }
    /// <summary>Where the README's commands ran: the fresh clone, or the working tree.</summary>
    public string Source { get; }
    public string Feed { get; }
    public ProcessResult? Clone { get; }
    public ProcessResult Pack { get; }
    public string PackagePath { get; } = "";
    public string Version { get; } = "";
    public string[] PackageEntries { get; } = [];
    public string Nuspec { get; } = "";
    public ProcessResult? ToolPack { get; }
    /// <summary>The companion projects, packed in this order after the core package.</summary>
    public static readonly string[] CompanionProjects = ["src/ModelGen.AspNetCore", "src/ModelGen.EntityFrameworkCore", "src/ModelGen.Extensions.Configuration"];

    /// <summary>Each companion package by id (<c>dotnet pack src/ModelGen.AspNetCore -c Release -o feed</c> and so on);
    /// empty when the core pack failed.</summary>
    public System.Collections.Generic.Dictionary<string, CompanionPackage> Companions { get; } = new();

    public bool IsPacked(string id) => Companions.TryGetValue(id, out CompanionPackage? package) && package.Packed;

    /// <summary>The companion's pack, or the step that kept it from running.</summary>
    public ProcessResult PackOf(string id) => Companions.TryGetValue(id, out CompanionPackage? package) ? package.Pack : Pack;

    private static (string[] Entries, string Nuspec) ReadPackage(string path, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry($"{id}.nuspec")!.Open());
        return (zip.Entries.Select(e => e.FullName).ToArray(), reader.ReadToEnd());
    }
    public ProcessResult? ToolInstall { get; }
    /// <summary>The installed <c>modelgen</c> command; null when packing or installing failed.</summary>
    public string? ModelGenTool { get; }

    /// <summary>The last step that ran, for assertion messages.</summary>
    public ProcessResult LastStep => ToolInstall ?? ToolPack ?? Pack;

    /// <summary>A console project that references the package, built, run, and built again with mistakes.</summary>
    public PackedConsumer Consumer => _consumer.Value;

    /// <summary>The new user's path through the README: <c>dotnet new console</c>, a model, a lock, a layout change.</summary>
    public NewUserPath NewUser => _newUser.Value;

    /// <summary>A web app that references only ModelGen.AspNetCore from the feed, built and run against Kestrel.</summary>
    public AspNetCoreConsumer AspNetCoreConsumer => _aspNetCoreConsumer.Value;
    /// <summary>The EF Core and configuration packages from the feed, used by a fresh project.</summary>
    public CompanionConsumer CompanionConsumer => _companions.Value;

    /// <summary>Projects under <see cref="Root"/> see nothing of the repository (props, central versions) and restore
    /// from the feed and the machine's sources (the mirror still serves System.IO.Hashing) into a package folder of
    /// their own.</summary>
    private void WriteIsolation()
    {
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <packageSources>
                <add key="modelgen-local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only files of the clone's .git folder on some systems; harmless too.
        }
    }
}

/// <summary>A packed companion: its pack step, the files in the package and its nuspec.</summary>
public sealed record CompanionPackage(ProcessResult Pack, string[] Entries, string Nuspec)
{
    public bool Packed => Pack.ExitCode == 0;
}

