using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary><c>modelgen lock</c> and <c>modelgen schemas</c> on this test assembly, whose models the generator built;
/// the tool reads their schema constants from metadata without loading the assembly.</summary>
public sealed class SchemaCommandTests
{
    private static readonly string Assembly = typeof(Everything).Assembly.Location;

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "modelgen-schema-test-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Lock_writes_every_model_then_finds_nothing_to_add()
    {
        string lockPath = Path.Combine(TempDir(), "ModelSchemas.lock.json");
        ToolResult first = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(0, first.ExitCode);
        var locked = ModelSchema.ReadJson(File.ReadAllText(lockPath));
        ModelSchema everything = Assert.Single(locked, s => s.Name == Everything.Schema.Name);
        Assert.Equal(Everything.Schema.ToJson(), everything.ToJson());
        Assert.Contains(locked, s => s.Name == Circle.Schema.Name);
        Assert.Equal(File.ReadAllText(lockPath), ModelSchema.WriteLockFile(locked)); // the stable form the analyzers read

        string before = File.ReadAllText(lockPath);
        ToolResult second = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains(" 0 added", second.Output);
        Assert.Equal(before, File.ReadAllText(lockPath));
    }

    [Fact]
    public void Lock_refuses_to_overwrite_a_locked_version_whose_layout_changed()
    {
        string lockPath = Path.Combine(TempDir(), "ModelSchemas.lock.json");
        Assert.Equal(0, ToolRunner.Run("lock", Assembly, "--lock", lockPath).ExitCode);
        string fingerprint = Everything.Schema.Fingerprint.ToString("x16");
        File.WriteAllText(lockPath, File.ReadAllText(lockPath).Replace(fingerprint, "0123456789abcdef"));
        string tampered = File.ReadAllText(lockPath);

        ToolResult refused = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is locked with another layout", Assert.Single(refused.ErrorLines));
        Assert.Equal(tampered, File.ReadAllText(lockPath)); // nothing written

        Assert.Equal(0, ToolRunner.Run("lock", Assembly, "--lock", lockPath, "--force").ExitCode);
        Assert.Contains(fingerprint, File.ReadAllText(lockPath));
    }

    [Fact]
    public void Lock_accepts_a_union_base_locked_before_its_cases_were_recorded_and_records_them()
    {
        string lockPath = Path.Combine(TempDir(), "ModelSchemas.lock.json");
        Assert.Equal(0, ToolRunner.Run("lock", Assembly, "--lock", lockPath).ExitCode);
        string current = File.ReadAllText(lockPath);
        // The entry as an older lock writer wrote it: no "unionCases", a fingerprint of the members alone (golden).
        string unionCases = ",\n      \"unionCases\": [{ \"tag\": \"circle\", \"model\": \"ModelGen.Tool.Tests.Circle\" }, { \"tag\": \"square\", \"model\": \"ModelGen.Tool.Tests.Square\" }]";
        Assert.Contains(unionCases, current);
        string old = current.Replace(unionCases, "").Replace(Shape.Schema.Fingerprint.ToString("x16"), "4b807e12ed0d403b");
        File.WriteAllText(lockPath, old);

        ToolResult refreshed = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(0, refreshed.ExitCode);
        Assert.Contains(" 0 added", refreshed.Output);
        Assert.Equal(current, File.ReadAllText(lockPath));

        // A case the lock records and the model no longer has is another layout: refused, as for members.
        File.WriteAllText(lockPath, current.Replace("""{ "tag": "square", "model": "ModelGen.Tool.Tests.Square" }""",
            """{ "tag": "square", "model": "ModelGen.Tool.Tests.Square" }, { "tag": "triangle", "model": "ModelGen.Tool.Tests.Triangle" }""")
            .Replace(Shape.Schema.Fingerprint.ToString("x16"), "4b807e12ed0d403b"));
        ToolResult refused = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("ModelGen.Tool.Tests.Shape version 1 is locked with another layout", Assert.Single(refused.ErrorLines));
    }

    [Fact]
    public void Lock_records_enum_values_bootstraps_them_into_an_older_lock_and_refuses_to_forget_them()
    {
        string lockPath = Path.Combine(TempDir(), "ModelSchemas.lock.json");
        Assert.Equal(0, ToolRunner.Run("lock", Assembly, "--lock", lockPath).ExitCode);
        string current = File.ReadAllText(lockPath);
        // With the underlying type (byte), whose range readers in other languages enforce.
        const string values = """{ "name": "ModelGen.Tool.Tests.Activation", "underlying": "uint8", "values": { "Linear": 0, "Relu": 2, "Gelu": 7 } }""";
        Assert.Contains(values, current);

        // A lock written before the underlying type was recorded gets it on the next run, as nothing changed.
        string withoutUnderlying = current.Replace("\"underlying\": \"uint8\", ", "");
        Assert.DoesNotContain("\"underlying\"", withoutUnderlying);
        File.WriteAllText(lockPath, withoutUnderlying);
        Assert.Equal(0, ToolRunner.Run("lock", Assembly, "--lock", lockPath).ExitCode);
        Assert.Equal(current, File.ReadAllText(lockPath));

        // A lock written before enums were recorded gets them on the next run, as nothing changed.
        string older = System.Text.RegularExpressions.Regex.Replace(current, @",\n      ""enums"": \[[^\]]*\n      \]", "");
        Assert.DoesNotContain("\"enums\"", older);
        File.WriteAllText(lockPath, older);
        ToolResult refreshed = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(0, refreshed.ExitCode);
        Assert.Equal(current, File.ReadAllText(lockPath));

        // Locked with Relu = 1: the model's Relu = 2 would read that data's 1 as undefined, its Gelu = 7 too. Rewriting
        // the entry would forget the values the data was written with: refused, nothing written.
        string renumbered = current.Replace(values, values.Replace("\"Relu\": 2", "\"Relu\": 1"));
        File.WriteAllText(lockPath, renumbered);
        ToolResult refused = ToolRunner.Run("lock", Assembly, "--lock", lockPath);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(refused.ErrorLines, l => l.Contains("enum member 'Activation.Relu' was 1 when version 1 was locked and is 2 now", StringComparison.Ordinal));
        Assert.Equal(renumbered, File.ReadAllText(lockPath));
    }

    [Fact]
    public void Schemas_writes_a_json_schema_file_per_model()
    {
        string dir = TempDir();
        ToolResult result = ToolRunner.Run("schemas", Assembly, "--out", dir);
        Assert.Equal(0, result.ExitCode);
        string file = Path.Combine(dir, Everything.Schema.Name + ".schema.json");
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty(Everything.Schema.Members[0].Name, out _));
        Assert.True(File.Exists(Path.Combine(dir, Shape.Schema.Name + ".schema.json")));
    }

    [Fact]
    public void Inspect_names_members_from_a_compiled_assembly()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(new Circle { Radius = 2.5 }));
        ToolResult named = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("radius", named.Output);
        Assert.DoesNotContain("radius", ToolRunner.Run("inspect", path).Output);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_one_line_and_exit_code_1()
    {
        string notAssembly = ToolRunner.TempFile([1, 2, 3]);
        ToolResult result = ToolRunner.Run("lock", notAssembly, "--lock", Path.Combine(TempDir(), "x.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
