using System;
using System.CommandLine;
using System.IO;
using ModelGen;

namespace ModelGen.Tool;

/// <summary>The <c>modelgen</c> command line. Every failure is one line on the error output and exit code 1;
/// no stack trace reaches the user.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "A ModelGen binary file (.mgen)" };
        var names = new Option<string[]>("--names")
        {
            Description = "Member names to label keys with (the default key is derived from the name), e.g. --names learningRate,epochs",
            AllowMultipleArgumentsPerToken = true,
        };
        var assembly = new Option<string?>("--assembly") { Description = "A compiled assembly whose models name the keys (read from its metadata, not run)" };
        var maxElements = new Option<int>("--max-elements")
        {
            Description = "How many elements of each packed array to show",
            DefaultValueFactory = _ => 16,
        };

        var inspect = new Command("inspect", "Show the envelope (model name, schema version, fingerprint, sizes, checksum) and the member tree, decoded without the model type")
        {
            file, names, assembly, maxElements,
        };
        inspect.SetAction(result => Guarded(stderr, result.GetValue(file)!, path =>
        {
            DecodedFile decoded = DecodedFile.Read(path);
            new TextPrinter(stdout, Names(result.GetValue(names), result.GetValue(assembly)), Math.Max(0, result.GetValue(maxElements))).Print(decoded);
            stdout.Flush();
            return ChecksumVerdict(decoded, stderr);
        }));

        var toJson = new Command("to-json", "Write the envelope and the member tree as JSON") { file, names, assembly };
        toJson.SetAction(result => Guarded(stderr, result.GetValue(file)!, path =>
        {
            DecodedFile decoded = DecodedFile.Read(path);
            stdout.WriteLine(new JsonPrinter(Names(result.GetValue(names), result.GetValue(assembly))).Print(decoded));
            stdout.Flush();
            return ChecksumVerdict(decoded, stderr);
        }));

        var target = new Argument<string>("project-or-assembly") { Description = "A project file (built first) or a compiled assembly" };
        var lockFile = new Option<string?>("--lock") { Description = "The lock file (default: ModelSchemas.lock.json next to the project)" };
        var force = new Option<bool>("--force") { Description = "Replace a locked version whose layout changed (only for versions never released)" };
        var lockCommand = new Command("lock", "Add the schema of every model in a project to its ModelSchemas.lock.json") { target, lockFile, force };
        lockCommand.SetAction(result => Guarded(stderr, result.GetValue(target)!, path =>
            SchemaCommands.Lock(path, result.GetValue(lockFile), result.GetValue(force), stdout, stderr)));

        var outDir = new Option<string?>("--out") { Description = "The folder to write to (default: next to the assembly)" };
        var schemas = new Command("schemas", "Write the JSON Schema of every model in a project as NAME.schema.json") { target, outDir };
        schemas.SetAction(result => Guarded(stderr, result.GetValue(target)!, path => SchemaCommands.Schemas(path, result.GetValue(outDir), stdout)));

        var root = new RootCommand("modelgen: look inside ModelGen binary model files without their model type; lock and export model schemas")
        {
            inspect, toJson, lockCommand, schemas,
        };
        ParseResult parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // the last guard: whatever escapes is one line, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"modelgen: {e.GetType().Name}: {e.Message}");
            return Failed;
        }
    }

    private static KeyNames Names(string[]? values, string? assembly)
    {
        var names = new KeyNames(values is null ? [] : string.Join(',', values).Split(',', StringSplitOptions.RemoveEmptyEntries));
        return assembly is null ? names : names.With(SchemaCommands.MemberKeys(assembly));
    }

    /// <summary>A file whose checksum does not match is shown (to help find the damage) but still fails.</summary>
    private static int ChecksumVerdict(DecodedFile file, TextWriter stderr)
    {
        if (file.ChecksumValid != false) return Ok;
        stderr.WriteLine($"modelgen: {file.Path}: checksum mismatch: stored {Numbers.Hex(file.Envelope.Checksum, 16)}, computed {Numbers.Hex(file.ComputedChecksum, 16)}; the file is corrupted");
        return Failed;
    }

    private static int Guarded(TextWriter stderr, string path, Func<string, int> action)
    {
        try
        {
            return action(path);
        }
        catch (ModelFormatException e)
        {
            stderr.WriteLine($"modelgen: {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"modelgen: {path}: {e.Message}");
        }
#pragma warning disable CA1031 // a tool for damaged files: any other failure is still one line, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"modelgen: {path}: cannot decode: {e.GetType().Name}: {e.Message}");
        }
        return Failed;
    }
}
