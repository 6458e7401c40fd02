using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelGen.Tests.Format1;
using Xunit;

namespace ModelGen.Tests.Format2;

/// <summary>Files of binary format 2 (docs/format.md §9), committed under Fixtures/format2 from the frozen models of
/// the format-1 set: each reads back to its committed JSON form, an old version migrates, and a file that an older
/// build wrote back with a newer version's members kept (as format-1 extension fields) gives them back to the newer
/// build. Rewritten only with <c>MODELGEN_WRITE_FORMAT2_FIXTURES=1</c>.</summary>
public class Format2FixtureTests
{
    private const string WriteVariable = "MODELGEN_WRITE_FORMAT2_FIXTURES";
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };
    private static readonly ModelSerializerOptions Format2NoChecksum = new() { FormatVersion = 2, WriteChecksum = false };

    private sealed record Case(string Name, Func<byte[]> Write, Func<byte[], string> ReadJson);

    private static Case Of<T>(string name, Func<T> create, bool checksum = true) where T : IModelSerializable<T> =>
        new(name, () => ModelSerializer.Serialize(create(), checksum ? Format2 : Format2NoChecksum), bytes => ModelJson.Serialize(ModelSerializer.Deserialize<T>(bytes)));

    private static readonly Case[] Cases =
    [
        Of("scalars-max", Format1Samples.ScalarsMax),
        Of("scalars-other", Format1Samples.ScalarsOther),
        Of("scalars-default", () => new AllScalars(), checksum: false),
        Of("nullables-set", Format1Samples.NullablesSet),
        Of("nullables-empty", () => new Nullables(), checksum: false),
        Of("collections-full", Format1Samples.CollectionsFull),
        Of("collections-empty", () => Format1Samples.CollectionsEmpty(dimensionsAfterZero: true)),
        Of("network", Format1Samples.NetworkSample),
        Of("pipeline", Format1Samples.PipelineSample),
        Of("hyper", () => new Hyper(Dropout: 0.25, Layers: 7, Optimizer: "sgd", LearningRate: 0.125f, Activation: Color.Blue, Shuffle: false) { Hidden = [64, 32, 16], Patience = 3, Budget = 12.50m, Timeout = TimeSpan.FromMinutes(90) }),
        Of("chain", () => Format1Samples.Chain(12)),
        Of("evolving-v1", Format1Samples.EvolvingV1),
        Of("evolving-v2", Format1Samples.EvolvingV2),
        // Version 2's file read by version 1 and written back by it: the six newer members are extension fields.
        new("evolving-v2-via-v1", () => ModelSerializer.Serialize(ModelSerializer.Deserialize<EvolvingV1>(ModelSerializer.Serialize(Format1Samples.EvolvingV2(), Format2)), Format2),
            bytes => ModelJson.Serialize(ModelSerializer.Deserialize<EvolvingV2>(bytes))),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "format2");

    private static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    private static string Expected(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    [Theory]
    [MemberData(nameof(Names))]
    public void A_format_2_file_reads_back_to_its_committed_values(string name)
    {
        Case c = Cases.Single(x => x.Name == name);
        byte[] bytes = Bytes(name);
        Assert.Equal(2, bytes[4]);
        Assert.Equal(Expected(name), c.ReadJson(bytes));
        // The writer still writes these very bytes: the format did not move under the committed files.
        Assert.Equal(bytes, c.Write());
    }

    // The files builds before 2026-12-06 wrote, sealed by the preview's checksum (every byte before the trailer): they
    // read back to the same values, and differ from today's only in the checksum (the format did not move otherwise).
    [Theory]
    [MemberData(nameof(Names))]
    public void A_preview_file_sealed_by_the_earlier_checksum_still_reads(string name)
    {
        Case c = Cases.Single(x => x.Name == name);
        byte[] preview = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "format2-preview", name + ".bin"));
        byte[] today = Bytes(name);
        Assert.Equal(Expected(name), c.ReadJson(preview));
        Assert.Equal(today[..^8], preview[..^8]);
        Assert.Equal(today[5] == 0, today.AsSpan(today.Length - 8).SequenceEqual(preview.AsSpan(preview.Length - 8)));
    }

    [Fact]
    public void The_fixture_set_is_complete()
    {
        string[] files = System.IO.Directory.GetFiles(Directory, "*.bin").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Cases.Select(c => c.Name).Order(StringComparer.Ordinal), files);
        Assert.Equal(0, Bytes("scalars-default")[5]);
        Assert.Equal(1, Bytes("network")[5]);
        Assert.Equal(3, ModelSerializer.ReadEnvelope(Bytes("network")).SchemaVersion);
    }

    [Fact]
    public void Old_versions_migrate_and_kept_members_come_back()
    {
        // Version 1 data into version 2: the migration hook runs, as from format 1.
        EvolvingV2 migrated = ModelSerializer.Deserialize<EvolvingV2>(Bytes("evolving-v1"));
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1", "evolving-v1.as-v2.json")), ModelJson.Serialize(migrated));

        // Version 2 data into version 1: the six newer members are kept by key.
        EvolvingV1 old = ModelSerializer.Deserialize<EvolvingV1>(Bytes("evolving-v2"));
        Assert.Equal(6, ModelSerializer.GetUnknownMembers(old).Count);
        // Written back by version 1 they are extension fields, and version 2 reads every member again; the two members
        // of version 1 that version 2 replaced (by a migration) are kept in turn, named by version 1's table, so its
        // JSON carries them back too (before the record of copies, which comes last).
        string v2 = Expected("evolving-v2");
        int record = v2.IndexOf(",\"$previousNames\"", StringComparison.Ordinal);
        Assert.Equal(v2[..record] + ",\"learningRate\":0,\"name\":\"\"" + v2[record..], Expected("evolving-v2-via-v1"));
        Assert.Equal(6, ModelSerializer.GetUnknownMembers(ModelSerializer.Deserialize<EvolvingV1>(Bytes("evolving-v2-via-v1"))).Count);
        Assert.True(Bytes("evolving-v2-via-v1").Length > Bytes("evolving-v1").Length);
    }

    [Fact]
    public void Fixtures_are_rewritten_only_on_request()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) != "1")
        {
            Assert.True(File.Exists(Path.Combine(Directory, "evolving-v2-via-v1.bin")));
            return;
        }
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ModelGen.sln"))) root = root.Parent!;
        string target = Path.Combine(root.FullName, "tests", "ModelGen.Tests", "Fixtures", "format2");
        System.IO.Directory.CreateDirectory(target);
        foreach (Case c in Cases)
        {
            byte[] bytes = c.Write();
            File.WriteAllBytes(Path.Combine(target, c.Name + ".bin"), bytes);
            File.WriteAllText(Path.Combine(target, c.Name + ".json"), c.ReadJson(bytes));
        }
    }
}
