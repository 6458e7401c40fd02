using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Schema;

namespace ModelGen.Tool;

/// <summary><c>modelgen lock</c> (write or refresh a project's ModelSchemas.lock.json) and <c>modelgen schemas</c>
/// (write each model's JSON Schema as a file), from a compiled assembly or a project that is built first.</summary>
internal static class SchemaCommands
{
    public const string LockFileName = SchemaDocument.LockFileName;

    /// <summary>Adds every model's current schema to the lock file (created when missing; an empty file is an empty
    /// lock); a locked version whose layout changed is an error (bump the model's Version) unless
    /// <paramref name="force"/> replaces it.</summary>
    public static int Lock(string target, string? lockPath, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (Resolve(target, stdout, stderr) is not { } built) return Cli.Failed;
        lockPath ??= built.LockFile ?? LockFileOfAssembly(target);
        if (lockPath is null)
        {
            stderr.WriteLine($"modelgen: {target}: no project file (*.csproj) found in the folders above the assembly, so its lock file is unknown; pass --lock PATH or the project");
            return Cli.Failed;
        }
        List<SchemaEntry> locked = File.Exists(lockPath) ? SchemaDocument.Read(File.ReadAllText(lockPath)) : new();
        int added = 0, unchanged = 0, conflicts = 0;
        foreach (CompiledModel model in SchemaMetadata.Read(built.Assembly))
        {
            SchemaEntry now = model.Entry;
            int index = locked.FindIndex(s => s.Name == now.Name && s.Version == now.Version);
            if (index < 0)
            {
                locked.Add(now);
                added++;
                stdout.WriteLine($"added     {now.Name} version {now.Version} ({SchemaDocument.FingerprintText(now.Fingerprint)})");
            }
            else if (SchemaDocument.SameLayout(now, locked[index]) && SchemaCompatibility.EnumProblems(now, locked[index]) is { Count: > 0 } renumbered && !force)
            {
                // The layout is the same, but rewriting the entry would forget the values old data was written with.
                conflicts++;
                foreach ((_, string problem) in renumbered)
                    stderr.WriteLine($"modelgen: {now.Name} version {now.Version}: {problem} (MG2002), or --force if that version was never released");
            }
            else if (SchemaDocument.SameLayout(now, locked[index]))
            {
                // An entry locked before union cases were part of the fingerprint is rewritten with them, one locked
                // before enums were recorded with its enums' values, and one whose enums gained members with those.
                locked[index] = now;
                unchanged++;
            }
            else if (force)
            {
                stdout.WriteLine($"replaced  {now.Name} version {now.Version} ({SchemaDiff.Describe(locked[index], now)})");
                locked[index] = now;
                added++;
            }
            else
            {
                conflicts++;
                stderr.WriteLine($"modelgen: {now.Name} version {now.Version} is locked with another layout ({SchemaDiff.Describe(locked[index], now)}): bump its Version (MG2001), or --force if that version was never released");
            }
        }
        if (conflicts > 0) return Cli.Failed;
        File.WriteAllText(lockPath, SchemaDocument.WriteLock(locked));
        stdout.WriteLine($"{lockPath}: {added} added, {unchanged} unchanged, {locked.Count} locked in all");
        return Cli.Ok;
    }

    /// <summary>Writes <c>NAME.schema.json</c> (indented) for every model into <paramref name="outDir"/>.</summary>
    public static int Schemas(string target, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        if (Resolve(target, stdout, stderr) is not { } built) return Cli.Failed;
        outDir ??= Path.GetDirectoryName(Path.GetFullPath(built.Assembly))!;
        Directory.CreateDirectory(outDir);
        int written = 0;
        foreach (CompiledModel model in SchemaMetadata.Read(built.Assembly))
        {
            if (model.JsonSchema is null) continue;
            string path = Path.Combine(outDir, model.Schema.Name + ".schema.json");
            File.WriteAllText(path, JsonNode.Parse(model.JsonSchema)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            written++;
        }
        stdout.WriteLine($"{outDir}: {written} JSON Schema file(s)");
        return Cli.Ok;
    }

    /// <summary>Keys and names of the members of every model in an assembly, to label keys in inspect and to-json.</summary>
    public static IEnumerable<(int Key, string Name)> MemberKeys(IEnumerable<CompiledModel> models) =>
        models.SelectMany(m => m.Schema.Members)
            .SelectMany(m => m.PreviousNames.Select(p => (ModelGen.Internal.MemberKeys.Of(p), p)).Prepend((m.Key, m.Name)));

    /// <summary>The assembly to read and, for a project, the lock file its build uses.</summary>
    private sealed record Built(string Assembly, string? LockFile);

    private static bool IsProject(string target) => target.EndsWith("proj", StringComparison.OrdinalIgnoreCase);

    // A project is built first (a failed build is reported with its errors, and no older assembly is read); an
    // assembly is used as it is.
    private static Built? Resolve(string target, TextWriter stdout, TextWriter stderr)
    {
        if (!IsProject(target)) return new Built(target, null);
        if (!File.Exists(target)) throw new FileNotFoundException($"no such project: {target}", target);
        stdout.WriteLine($"building {target}");
        // _ModelGenLocking: the build does not check the lock file that this command is about to refresh; the
        // command compares the layouts itself.
        ProcessResult build = DotNet("build", target, "-nologo", "-v:q", "-p:_ModelGenLocking=true");
        if (build.ExitCode != 0)
        {
            string[] errors = build.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();
            foreach (string line in errors.Length > 0 ? errors : build.Output.Trim().Split('\n')) stderr.WriteLine(line.TrimEnd());
            stderr.WriteLine($"modelgen: {target}: the build failed (exit code {build.ExitCode}); nothing was read or written");
            return null;
        }
        ProcessResult query = DotNet("msbuild", target, "-nologo", "-p:_ModelGenLocking=true", "-getProperty:TargetPath", "-getProperty:ModelGenLockFile");
        JsonElement properties;
        try
        {
            properties = JsonDocument.Parse(query.Output).RootElement.GetProperty("Properties");
        }
        catch (Exception e) when (query.ExitCode != 0 || e is JsonException or KeyNotFoundException)
        {
            stderr.WriteLine($"modelgen: {target}: cannot read the project's TargetPath: {query.Output.Trim()}");
            return null;
        }
        string assembly = properties.GetProperty("TargetPath").GetString() ?? "";
        if (!File.Exists(assembly))
        {
            stderr.WriteLine($"modelgen: {target}: the build wrote no assembly at '{assembly}'");
            return null;
        }
        // ModelGenLockFile comes from the package's build targets; a project without them locks beside itself.
        string projectDirectory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        string lockFile = properties.TryGetProperty("ModelGenLockFile", out JsonElement p) && p.GetString() is { Length: > 0 } path
            ? Path.Combine(projectDirectory, path) // relative to the project, as MSBuild reads it
            : Path.Combine(projectDirectory, LockFileName);
        return new Built(assembly, lockFile);
    }

    /// <summary>The lock file of the project an assembly was built from: beside the nearest project file above it
    /// (bin/Release/net10.0/App.dll → App.csproj), preferring the one named after the assembly; null when none is found.</summary>
    private static string? LockFileOfAssembly(string assembly)
    {
        string name = Path.GetFileNameWithoutExtension(assembly);
        for (DirectoryInfo? dir = new FileInfo(Path.GetFullPath(assembly)).Directory; dir is not null; dir = dir.Parent)
        {
            FileInfo[] projects = dir.GetFiles("*.csproj");
            if (projects.Length == 0) continue;
            FileInfo? project = projects.FirstOrDefault(p => Path.GetFileNameWithoutExtension(p.Name).Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? (projects.Length == 1 ? projects[0] : null);
            return project is null ? null : Path.Combine(dir.FullName, LockFileName);
        }
        return null;
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private static ProcessResult DotNet(params string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo(host, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Run from a test host or an MSBuild Exec, the MSBuild variables of the outer build would steer this one.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(name);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output + errors.Result);
    }
}
