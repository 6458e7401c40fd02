using System;
using System.CommandLine;
using System.CommandLine.Help;
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
        var assembly = new Option<string?>("--assembly") { Description = "A compiled assembly whose models name the keys and type the values (read from its metadata, not run)" };
        var maxElements = new Option<int?>("--max-elements")
        {
            Description = $"How many elements of each array, sequence and map to show (default {InspectBounds.MaxElements} for inspect, {JsonBounds.MaxElements} for to-json); the output counts what it leaves out",
        };
        var all = new Option<bool>("--all") { Description = "Show every element, character and byte (no bounds)" };

        var inspect = new Command("inspect", "Show the envelope (model name, schema version, fingerprint, sizes, checksum) and the member tree, decoded without the model type")
        {
            file, names, assembly, maxElements, all,
        };
        inspect.SetAction(result => Guarded(stderr, result.GetValue(file)!, path =>
        {
            DecodedFile decoded = DecodedFile.Read(path);
            (KeyNames keyNames, TypedValues types) = Schemas(result.GetValue(names), result.GetValue(assembly));
            new TextPrinter(stdout, keyNames, types, Bounds(InspectBounds, result.GetValue(maxElements), result.GetValue(all))).Print(decoded);
            stdout.Flush();
            return ChecksumVerdict(decoded, stderr);
        }));

        var toJson = new Command("to-json", "Write the envelope and the member tree as JSON") { file, names, assembly, maxElements, all };
        toJson.SetAction(result => Guarded(stderr, result.GetValue(file)!, path =>
        {
            DecodedFile decoded = DecodedFile.Read(path);
            (KeyNames keyNames, TypedValues types) = Schemas(result.GetValue(names), result.GetValue(assembly));
            stdout.WriteLine(new JsonPrinter(keyNames, types, Bounds(JsonBounds, result.GetValue(maxElements), result.GetValue(all))).Print(decoded));
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
        schemas.SetAction(result => Guarded(stderr, result.GetValue(target)!, path => SchemaCommands.Schemas(path, result.GetValue(outDir), stdout, stderr)));

        // A command named after what users type (the tool's command name): a RootCommand takes its name from the
        // assembly, ModelGen.Tool, which help and error messages would show.
        var root = new Command("modelgen", "Look inside ModelGen binary model files without their model type; lock and export model schemas")
        {
            inspect, toJson, lockCommand, schemas, new HelpOption(), new VersionOption(),
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

    /// <summary>Bounds that keep a person's terminal readable: a 50,000-entry vocabulary shows 16 entries and a count.</summary>
    private static readonly OutputBounds InspectBounds = new(MaxElements: 16, MaxTextLength: 200, MaxBytes: 64);

    /// <summary>JSON is read by programs too, so it shows more, but still not a whole checkpoint unless --all.</summary>
    private static readonly OutputBounds JsonBounds = new(MaxElements: 1000, MaxTextLength: int.MaxValue, MaxBytes: 4096);

    private static OutputBounds Bounds(OutputBounds defaults, int? maxElements, bool all) =>
        all ? OutputBounds.Everything : maxElements is int n ? defaults with { MaxElements = Math.Max(0, n) } : defaults;

    private static (KeyNames, TypedValues) Schemas(string[]? values, string? assembly)
    {
        var names = new KeyNames(values is null ? [] : string.Join(',', values).Split(',', StringSplitOptions.RemoveEmptyEntries));
        if (assembly is null) return (names, TypedValues.None);
        CompiledAssembly compiled = SchemaMetadata.ReadAssembly(assembly);
        return (names.With(SchemaCommands.MemberKeys(compiled.Models)), new TypedValues(compiled));
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
