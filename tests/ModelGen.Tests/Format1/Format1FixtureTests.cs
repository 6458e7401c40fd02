using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace ModelGen.Tests.Format1;

/// <summary>Files of format 1 (written by 0.1.0's writer, committed under Fixtures/format1) must load forever: each
/// reads back to its committed JSON form, old versions migrate, and members a reader does not know are kept and
/// written back. The fixtures are rewritten only with <c>MODELGEN_WRITE_FORMAT1_FIXTURES=1</c>, which makes sense only
/// on a build whose writer still writes format 1 (before format 2); the test then refuses to run on any other.</summary>
public class Format1FixtureTests
{
    private const string WriteVariable = "MODELGEN_WRITE_FORMAT1_FIXTURES";
    private static readonly ModelSerializerOptions NoChecksum = new() { WriteChecksum = false };

    private sealed record Case(string Name, Func<byte[]> Write, Func<byte[], string> ReadJson, Func<byte[], byte[]> Rewrite);

    private static Case Of<T>(string name, Func<T> create, bool checksum = true) where T : IModelSerializable<T> =>
        new(name, () => ModelSerializer.Serialize(create(), checksum ? null : NoChecksum), bytes => ModelJson.Serialize(ModelSerializer.Deserialize<T>(bytes)),
           bytes => ModelSerializer.Serialize(ModelSerializer.Deserialize<T>(bytes)));

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
        Of("network-no-checksum", Format1Samples.NetworkSample, checksum: false),
        Of("pipeline", Format1Samples.PipelineSample),
        Of("hyper", () => new Hyper(Dropout: 0.25, Layers: 7, Optimizer: "sgd", LearningRate: 0.125f, Activation: Color.Blue, Shuffle: false) { Hidden = [64, 32, 16], Patience = 3, Budget = 12.50m, Timeout = TimeSpan.FromMinutes(90) }),
        Of("hyper-default", () => new Hyper(), checksum: false),
        Of("chain", () => Format1Samples.Chain(12)),
        Of("evolving-v1", Format1Samples.EvolvingV1),
        Of("evolving-v2", Format1Samples.EvolvingV2),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1");

    private static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    private static string Expected(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    [Theory]
    [MemberData(nameof(Names))]
    public void A_format_1_file_reads_back_to_its_committed_values(string name)
    {
        Case c = Cases.Single(x => x.Name == name);
        byte[] bytes = Bytes(name);
        Assert.Equal(1, bytes[4]); // the format version: these stay format-1 files
        string json = c.ReadJson(bytes);
        Assert.Equal(Expected(name), json);
        // What the current writer makes of it reads back the same (format 1 in, current format out).
        Assert.Equal(json, c.ReadJson(c.Rewrite(bytes)));
    }

    // The writer of format 1 (still written on request, and the default) makes these files byte for byte: its faster
    // stores (joined tags, one room check per field, the checksum from the header's blocks) change how, not what.
    [Theory]
    [MemberData(nameof(Names))]
    public void The_format_1_writer_still_writes_the_committed_bytes(string name)
    {
        Case c = Cases.Single(x => x.Name == name);
        byte[] expected = Bytes(name);
        byte[] written = c.Write();
        Assert.Equal(1, written[4]);
        Assert.Equal(expected, written);
    }

    [Fact]
    public void The_fixture_set_is_complete_and_every_file_has_a_checksum_flag_as_written()
    {
        string[] files = System.IO.Directory.GetFiles(Directory, "*.bin").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Cases.Select(c => c.Name).Order(StringComparer.Ordinal), files);
        foreach (string name in new[] { "scalars-default", "nullables-empty", "network-no-checksum", "hyper-default" })
        {
            Assert.Equal(0, Bytes(name)[5]);
            Assert.Equal(0UL, BitConverter.ToUInt64(Bytes(name).AsSpan(Bytes(name).Length - 8)));
        }
        Assert.Equal(1, Bytes("network")[5]);
    }

    [Fact]
    public void Binary_only_details_survive_that_json_cannot_show()
    {
        Collections empty = ModelSerializer.Deserialize<Collections>(Bytes("collections-empty"));
        Assert.Equal([0, 5], new[] { empty.Matrix.GetLength(0), empty.Matrix.GetLength(1) });
        Assert.Equal([2, 0, 3], new[] { empty.Cube.GetLength(0), empty.Cube.GetLength(1), empty.Cube.GetLength(2) });
        Assert.Equal([0, 2], new[] { empty.InnerMatrix.GetLength(0), empty.InnerMatrix.GetLength(1) });
        Collections full = ModelSerializer.Deserialize<Collections>(Bytes("collections-full"));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(full.Doubles[2]));
        Assert.Equal("1.10", full.Decimals[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([2f, 3f], full.FloatMemory.ToArray());
        Pipeline pipeline = ModelSerializer.Deserialize<Pipeline>(Bytes("pipeline"));
        Assert.Equal([typeof(DenseOp), typeof(ConvOp), typeof(DropoutOp), typeof(DenseOp)], pipeline.Ops.Select(o => o.GetType()));
        Assert.Equal(4, ((ConvOp)pipeline.Ops[1]).Shape[1, 1]);
        Assert.Equal(3, ModelSerializer.ReadEnvelope(Bytes("network")).SchemaVersion);
    }

    [Fact]
    public void An_old_version_migrates_and_a_newer_one_is_kept_by_an_older_reader_and_written_back()
    {
        // Version 1 data into version 2: the hook runs (seconds to milliseconds, the name split, epochs renamed).
        EvolvingV2 migrated = ModelSerializer.Deserialize<EvolvingV2>(Bytes("evolving-v1"));
        Assert.Equal(Expected("evolving-v1.as-v2"), ModelJson.Serialize(migrated));
        Assert.Equal(2.5f, migrated.LearningRateMs);
        Assert.Equal(("Ada", "Lovelace"), (migrated.First, migrated.Last));
        Assert.Equal(40, migrated.Iterations);

        // Version 2 data into version 1: the new members are kept, and so is the version.
        EvolvingV1 old = ModelSerializer.Deserialize<EvolvingV1>(Bytes("evolving-v2"));
        Assert.Equal(Expected("evolving-v2.as-v1"), ModelJson.Serialize(old));
        // Binary keeps them by key: the six members version 1 does not have.
        var v1Keys = EvolvingV1.Schema.Members.Select(m => m.Key).ToHashSet();
        string[] newKeys = EvolvingV2.Schema.Members.Where(m => !v1Keys.Contains(m.Key)).Select(m => "#" + m.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(6, newKeys.Length);
        Assert.Equal(newKeys, ModelSerializer.GetUnknownMembers(old).Select(u => u.Name).Order(StringComparer.Ordinal));

        // Version 1 edits a shared member and saves (current format); version 2 reads every member back.
        old.Tags.Add("edited");
        EvolvingV2 back = ModelSerializer.Deserialize<EvolvingV2>(ModelSerializer.Serialize(old));
        EvolvingV2 expected = ModelSerializer.Deserialize<EvolvingV2>(Bytes("evolving-v2"));
        expected.Tags.Add("edited");
        Assert.Equal(ModelJson.Serialize(expected), Declared(back));
        Assert.Equal(7.5, back.Grid[1, 2]);

        // Saved as JSON or a dictionary instead: the six fields travel under "$fields" and version 2 reads them all.
        Assert.Equal(ModelJson.Serialize(expected), Declared(ModelJson.Deserialize<EvolvingV2>(ModelJson.Serialize(old))));
        Assert.Equal(ModelJson.Serialize(expected), Declared(ModelDictionary.FromDictionary<EvolvingV2>(ModelDictionary.ToDictionary(old))));
    }

    // The JSON of version 2's own members: what version 1 wrote of its own members that version 2 removed (learningRate
    // and name, at their defaults) is kept by version 2 in turn, and written back, which is not what is compared here.
    private static string Declared(EvolvingV2 value)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(ModelJson.Serialize(value))!.AsObject();
        // (Its members' previous names too: a renamed member is written under them as well.)
        var own = EvolvingV2.Schema.Members.SelectMany(m => m.PreviousNames.Append(m.Name)).ToHashSet();
        foreach (string name in json.Select(p => p.Key).ToList())
            if (name == "$fields" || (!name.StartsWith('$') && !own.Contains(name))) json.Remove(name);
        return json.ToJsonString();
    }

    /// <summary>Rewrites the fixtures (only with the environment variable set, and only while the writer writes
    /// format 1); otherwise checks that nothing asked for a rewrite.</summary>
    [Fact]
    public void Fixtures_are_rewritten_only_on_request_and_only_as_format_1()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) != "1")
        {
            Assert.True(File.Exists(Path.Combine(Directory, "evolving-v2.as-v1.json")));
            return;
        }
        Assert.Equal(1, ModelSerializer.Serialize(new Chain())[4]); // refuses to rewrite them in another format
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ModelGen.sln"))) root = root.Parent!;
        string target = Path.Combine(root.FullName, "tests", "ModelGen.Tests", "Fixtures", "format1");
        System.IO.Directory.CreateDirectory(target);
        foreach (Case c in Cases)
        {
            byte[] bytes = c.Write();
            File.WriteAllBytes(Path.Combine(target, c.Name + ".bin"), bytes);
            File.WriteAllText(Path.Combine(target, c.Name + ".json"), c.ReadJson(bytes));
        }
        File.WriteAllText(Path.Combine(target, "evolving-v1.as-v2.json"), ModelJson.Serialize(ModelSerializer.Deserialize<EvolvingV2>(File.ReadAllBytes(Path.Combine(target, "evolving-v1.bin")))));
        File.WriteAllText(Path.Combine(target, "evolving-v2.as-v1.json"), ModelJson.Serialize(ModelSerializer.Deserialize<EvolvingV1>(File.ReadAllBytes(Path.Combine(target, "evolving-v2.bin")))));
    }
}
