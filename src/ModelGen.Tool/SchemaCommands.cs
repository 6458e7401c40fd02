using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelGen.Tool;

/// <summary><c>modelgen lock</c> (write or refresh a project's ModelSchemas.lock.json) and <c>modelgen schemas</c>
/// (write each model's JSON Schema as a file), from a compiled assembly or a project that is built first.</summary>
internal static class SchemaCommands
{
    public const string LockFileName = "ModelSchemas.lock.json";

    /// <summary>Adds every model's current schema to the lock file; a locked version whose layout changed is an error
    /// (bump the model's Version) unless <paramref name="force"/> replaces it.</summary>
    public static int Lock(string target, string? lockPath, bool force, TextWriter stdout, TextWriter stderr)
    {
        string assembly = ResolveAssembly(target, stdout);
        lockPath ??= Path.Combine(ProjectDirectory(target, assembly), LockFileName);
        List<ModelSchema> locked = File.Exists(lockPath) ? ModelSchema.ReadJson(File.ReadAllText(lockPath)).ToList() : new();
        int added = 0, unchanged = 0, conflicts = 0;
        foreach (CompiledModel model in SchemaMetadata.Read(assembly))
        {
            ModelSchema now = model.Schema;
            int index = locked.FindIndex(s => s.Name == now.Name && s.Version == now.Version);
            if (index < 0)
            {
                locked.Add(now);
                added++;
                stdout.WriteLine($"added     {now.Name} version {now.Version} ({now.Fingerprint:x16})");
            }
            else if (locked[index].Fingerprint == now.Fingerprint)
            {
                unchanged++;
            }
            else if (force)
            {
                locked[index] = now;
                added++;
                stdout.WriteLine($"replaced  {now.Name} version {now.Version} ({locked[index].Fingerprint:x16})");
            }
            else
            {
                conflicts++;
                stderr.WriteLine($"modelgen: {now.Name} version {now.Version} is locked with another layout ({locked[index].Fingerprint:x16}, now {now.Fingerprint:x16}): bump its Version (MG2001), or --force if that version was never released");
            }
        }
        if (conflicts > 0) return Cli.Failed;
        File.WriteAllText(lockPath, ModelSchema.WriteLockFile(locked));
        stdout.WriteLine($"{lockPath}: {added} added, {unchanged} unchanged, {locked.Count} locked in all");
        return Cli.Ok;
    }

    /// <summary>Writes <c>NAME.schema.json</c> (indented) for every model into <paramref name="outDir"/>.</summary>
    public static int Schemas(string target, string? outDir, TextWriter stdout)
    {
        string assembly = ResolveAssembly(target, stdout);
        outDir ??= Path.GetDirectoryName(Path.GetFullPath(assembly))!;
        Directory.CreateDirectory(outDir);
        int written = 0;
        foreach (CompiledModel model in SchemaMetadata.Read(assembly))
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
    public static IEnumerable<(int Key, string Name)> MemberKeys(string assembly) =>
        SchemaMetadata.Read(assembly).SelectMany(m => m.Schema.Members)
            .SelectMany(m => m.PreviousNames.Select(p => (ModelGen.Internal.MemberKeys.Of(p), p)).Prepend((m.Key, m.Name)));

    // A project is built first and its output assembly used; an assembly is used as it is.
    private static string ResolveAssembly(string target, TextWriter stdout)
    {
        if (!target.EndsWith("proj", StringComparison.OrdinalIgnoreCase)) return target;
        stdout.WriteLine($"building {target}");
        var start = new ProcessStartInfo("dotnet", ["build", target, "-nologo", "-v:q", "-getProperty:TargetPath"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string? path = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        if (process.ExitCode != 0 || path is null || !File.Exists(path))
            throw new InvalidOperationException($"building {target} failed: {(output + errors).Trim().Split('\n').LastOrDefault()}");
        return path;
    }

    private static string ProjectDirectory(string target, string assembly) =>
        Path.GetDirectoryName(Path.GetFullPath(target.EndsWith("proj", StringComparison.OrdinalIgnoreCase) ? target : assembly))!;
}
