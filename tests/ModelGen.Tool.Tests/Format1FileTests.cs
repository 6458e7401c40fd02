using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary><c>modelgen inspect</c> and <c>to-json</c> read the committed format-1 files (interop/fixtures/format1,
/// tests/ModelGen.Tests/Fixtures/format1) forever: every member of the root object is there, by key.</summary>
public class Format1FileTests
{
    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModelGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (ModelGen.sln) was not found");
    }

    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(Root, "interop", "fixtures", "format1"), "*.mgen")
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "ModelGen.Tests", "Fixtures", "format1"), "*.bin"))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(Root, f) });

    // The chain fixture nests 40 models: deeper than JsonDocument's default of 64 brackets.
    private static JsonElement Parse(string json) => JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 }).RootElement;

    [Fact]
    public void Both_format_1_sets_are_there()
    {
        Assert.True(Files().Count() >= 28, $"{Files().Count()} files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_format_1_file_decodes_without_its_types(string relative)
    {
        string path = Path.Combine(Root, relative);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(1, bytes[4]);
        Envelope envelope = ModelSerializer.ReadEnvelope(bytes);

        ToolResult json = ToolRunner.Run("to-json", path);
        Assert.True(json.ExitCode == 0, json.Error);
        JsonElement root = Parse(json.Output);
        JsonElement env = root.GetProperty("envelope");
        Assert.Equal(envelope.ModelName, env.GetProperty("modelName").GetString());
        Assert.Equal(envelope.SchemaVersion, env.GetProperty("schemaVersion").GetInt32());
        if (envelope.HasChecksum) Assert.True(env.GetProperty("checksumValid").GetBoolean());
        JsonElement payload = root.GetProperty("payload");
        int[] keys = payload.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetInt32()).ToArray();
        Assert.NotEmpty(keys);
        // Members only, and (as 0.1.0 wrote it) the version field when the version is not 1.
        Assert.All(keys, k => Assert.True(k >= 16 || (k == 1 && envelope.SchemaVersion != 1), $"key {k}"));
        Assert.Equal(keys.Length, keys.Distinct().Count());

        ToolResult text = ToolRunner.Run("inspect", path);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains(envelope.ModelName, text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interop_files_have_every_member_of_their_lock_file_entry()
    {
        string dir = Path.Combine(Root, "interop", "fixtures", "format1");
        IReadOnlyList<ModelSchema> schemas = ModelSchema.ReadJson(File.ReadAllText(Path.Combine(dir, "schemas.lock.json")));
        foreach (string name in new[] { "scalars-max", "nullables-set", "collections-full", "network", "pipeline", "chain" })
        {
            string path = Path.Combine(dir, name + ".mgen");
            Envelope envelope = ModelSerializer.ReadEnvelope(File.ReadAllBytes(path));
            ModelSchema schema = schemas.Single(s => s.Name == envelope.ModelName && s.Version == envelope.SchemaVersion);
            JsonElement payload = Parse(ToolRunner.Run("to-json", path).Output).GetProperty("payload");
            Assert.Equal(schema.Members.Select(m => m.Key).Order(), payload.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetInt32()).Where(k => k != 1).Order());
        }
    }
}

/// <summary><c>modelgen inspect</c> and <c>to-json</c> read the committed format-2 files (interop/fixtures/format2,
/// tests/ModelGen.Tests/Fixtures/format2, written by the .NET writer): every member is named from the file's own
/// schema table, and members an older build kept are shown as extension fields.</summary>
public class Format2FixtureFileTests
{
    private static string Root => Format1FileTests.Root;

    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(Root, "interop", "fixtures", "format2"), "*.mgen")
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "ModelGen.Tests", "Fixtures", "format2"), "*.bin"))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(Root, f) });

    private static JsonElement Parse(string json) => JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 }).RootElement;

    private static IEnumerable<JsonElement> Objects(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("fields", out _)) yield return node;
            foreach (JsonProperty p in node.EnumerateObject())
                foreach (JsonElement o in Objects(p.Value)) yield return o;
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in node.EnumerateArray())
                foreach (JsonElement o in Objects(item)) yield return o;
        }
    }

    [Fact]
    public void Both_format_2_sets_are_there() => Assert.True(Files().Count() >= 28, $"{Files().Count()} files");

    [Theory]
    [MemberData(nameof(Files))]
    public void A_format_2_file_names_every_member_from_its_table(string relative)
    {
        string path = Path.Combine(Root, relative);
        Assert.Equal(2, File.ReadAllBytes(path)[4]);
        ToolResult json = ToolRunner.Run("to-json", path, "--all");
        Assert.True(json.ExitCode == 0, json.Error);
        JsonElement root = Parse(json.Output);
        JsonElement entries = root.GetProperty("schemaTable").GetProperty("entries");
        Assert.Equal(entries[0].GetProperty("name").GetString(), root.GetProperty("envelope").GetProperty("modelName").GetString());
        if (root.GetProperty("envelope").GetProperty("hasChecksum").GetBoolean()) Assert.True(root.GetProperty("envelope").GetProperty("checksumValid").GetBoolean());
        int described = 0;
        foreach (JsonElement obj in Objects(root.GetProperty("payload")))
        {
            // Objects inside extension fields are format 1 (keys only): the table does not describe them.
            if (!obj.TryGetProperty("model", out JsonElement modelName)) continue;
            described++;
            string model = modelName.GetString()!;
            JsonElement entry = entries.EnumerateArray().Single(e => e.GetProperty("name").GetString() == model);
            string[] members = entry.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
            // The table's members in its order, then the extension fields (each marked).
            JsonElement[] fields = obj.GetProperty("fields").EnumerateArray().ToArray();
            Assert.Equal(members, fields.Take(members.Length).Select(f => f.GetProperty("name").GetString()));
            Assert.All(fields.Skip(members.Length), f => Assert.True(f.GetProperty("extension").GetBoolean()));
        }
        Assert.True(described > 0);
        ToolResult text = ToolRunner.Run("inspect", path);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("format       version 2", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interop_files_have_every_member_of_their_lock_file_entry()
    {
        string dir = Path.Combine(Root, "interop", "fixtures", "format2");
        IReadOnlyList<ModelSchema> schemas = ModelSchema.ReadJson(File.ReadAllText(Path.Combine(dir, "schemas.lock.json")));
        foreach (string name in new[] { "scalars-max", "nullables-set", "collections-full", "network", "pipeline", "chain" })
        {
            JsonElement root = Parse(ToolRunner.Run("to-json", Path.Combine(dir, name + ".mgen")).Output);
            JsonElement env = root.GetProperty("envelope");
            ModelSchema schema = schemas.Single(s => s.Name == env.GetProperty("modelName").GetString() && s.Version == env.GetProperty("schemaVersion").GetInt32());
            JsonElement[] fields = root.GetProperty("payload").GetProperty("fields").EnumerateArray().Where(f => !f.TryGetProperty("extension", out _)).ToArray();
            Assert.Equal(schema.Members.Select(m => (m.Key, m.Name)).Order(), fields.Select(f => (f.GetProperty("key").GetInt32(), f.GetProperty("name").GetString()!)).Order());
        }
    }

    [Fact]
    public void Members_kept_by_an_older_build_are_extension_fields()
    {
        string path = Path.Combine(Root, "tests", "ModelGen.Tests", "Fixtures", "format2", "evolving-v2-via-v1.bin");
        JsonElement payload = Parse(ToolRunner.Run("to-json", path).Output).GetProperty("payload");
        JsonElement[] kept = payload.GetProperty("fields").EnumerateArray().Where(f => f.TryGetProperty("extension", out _)).ToArray();
        Assert.Equal(2, ToolRunner.Field(payload, 1).GetProperty("zigzag").GetInt32()); // the data's version, newer than the table's
        static bool Member(JsonElement f) => f.GetProperty("key").GetInt32() is >= 16 or ModelGen.Internal.FieldKeys.NamedMember;
        Assert.True(kept.Count(Member) >= 6, $"{kept.Length} extension fields");
        // Each went out after its member description (docs/format.md §9.3), or, holding objects, as a named member (§3):
        // the file names them.
        Assert.All(kept.Where(Member), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("name").GetString())));
        Assert.Contains(kept, f => f.GetProperty("key").GetInt32() == ModelGen.Internal.FieldKeys.NamedMember);
        Assert.Contains(kept, f => f.GetProperty("name").GetString() == "learningRateMs");
    }
}
