using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using System.Text.Json;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the cross-language fixtures that interop/python/tests reads (artifacts/interop-fixtures, or the
/// folder in MODELGEN_FIXTURES): for each fixture the binary form (.mgen), the JSON form (.json) and the schema
/// document (.schema.json); a lock file of every fixture model; corrupted variants with a manifest; and XXH3-64
/// reference hashes computed by System.IO.Hashing.</summary>
public class FixtureTests
{
    public static string Directory { get; } = FindDirectory();

    private static string FindDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable("MODELGEN_FIXTURES");
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModelGen.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("the repository root (ModelGen.sln) was not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir.FullName, "artifacts", "interop-fixtures");
    }

    private static readonly ModelSchema[] AllSchemas =
    [
        Scalars.Schema, Nullables.Schema, Inner.Schema, Collections.Schema, Network.Schema, Layer.Schema, Optimizer.Schema,
        Op.Schema, DenseOp.Schema, ConvOp.Schema, DropoutOp.Schema, Pipeline.Schema, BigVector.Schema, Point.Schema,
        RenamedV2.Schema, Chain.Schema, ValueTypes.Schema, CollectionKinds.Schema, Tuples.Schema,
    ];

    /// <summary>Writes one fixture and checks that the binary form reads back to the same JSON in .NET.</summary>
    private static string Write<T>(string name, T value) where T : IModelSerializable<T> => Write(Directory, name, value, null);

    private static string Write<T>(string directory, string name, T value, ModelSerializerOptions? options) where T : IModelSerializable<T>
    {
        System.IO.Directory.CreateDirectory(directory);
        byte[] binary = ModelSerializer.Serialize(value, options);
        string json = ModelJson.Serialize(value);
        File.WriteAllBytes(Path.Combine(directory, name + ".mgen"), binary);
        File.WriteAllText(Path.Combine(directory, name + ".json"), json);
        File.WriteAllText(Path.Combine(directory, name + ".schema.json"), T.Schema.ToJson());
        T back = ModelSerializer.Deserialize<T>(File.ReadAllBytes(Path.Combine(directory, name + ".mgen")));
        Assert.Equal(json, ModelJson.Serialize(back));
        Assert.Equal(json, ModelJson.Serialize(ModelJson.Deserialize<T>(File.ReadAllText(Path.Combine(directory, name + ".json")))));
        return name;
    }

    /// <summary>The same fixtures in binary format 2 (docs/format.md §9), under format2/ of the fixture folder
    /// (interop/fixtures/format2 holds a committed copy of the small ones, as interop/fixtures/format1 does).</summary>
    [Fact]
    public void Writes_every_fixture_in_format_2_and_each_round_trips()
    {
        string directory = Path.Combine(Directory, "format2");
        var format2 = new ModelSerializerOptions { FormatVersion = 2 };
        string[] written =
        [
            Write(directory, "scalars-max", FixtureValues.ScalarsMax(), format2),
            Write(directory, "scalars-other", FixtureValues.ScalarsOther(), format2),
            Write(directory, "scalars-special", FixtureValues.ScalarsSpecial(), format2),
            Write(directory, "scalars-default", new Scalars(), format2),
            Write(directory, "scalars-nan", FixtureValues.ScalarsNaN(), format2),
            Write(directory, "scalars-nan-bits", FixtureValues.ScalarsNaNBits(), format2),
            Write(directory, "nullables-set", FixtureValues.NullablesSet(), format2),
            Write(directory, "nullables-empty", FixtureValues.NullablesEmpty(), format2),
            Write(directory, "collections-full", FixtureValues.CollectionsFull(), format2),
            Write(directory, "collections-empty", FixtureValues.CollectionsEmpty(), format2),
            Write(directory, "network", FixtureValues.Network(), format2),
            Write(directory, "pipeline", FixtureValues.Pipeline(), format2),
            Write(directory, "point", FixtureValues.Point(), format2),
            Write(directory, "renamed-v1", FixtureValues.RenamedV1(), format2),
            Write(directory, "chain", FixtureValues.Chain(40), format2),
        ];
        foreach (string name in written) Assert.Equal(2, File.ReadAllBytes(Path.Combine(directory, name + ".mgen"))[4]);
        File.WriteAllText(Path.Combine(directory, "schemas.lock.json"), ModelSchema.WriteLockFile(AllSchemas));
        File.WriteAllText(Path.Combine(directory, "fixtures.json"), JsonSerializer.Serialize(written));
    }

    [Fact]
    public void Writes_every_fixture_and_each_round_trips()
    {
        string[] written =
        [
            Write("scalars-max", FixtureValues.ScalarsMax()),
            Write("scalars-other", FixtureValues.ScalarsOther()),
            Write("scalars-special", FixtureValues.ScalarsSpecial()),
            Write("scalars-default", new Scalars()),
            Write("scalars-nan", FixtureValues.ScalarsNaN()),
            Write("scalars-nan-bits", FixtureValues.ScalarsNaNBits()),
            Write("nullables-set", FixtureValues.NullablesSet()),
            Write("nullables-empty", FixtureValues.NullablesEmpty()),
            Write("collections-full", FixtureValues.CollectionsFull()),
            Write("collections-empty", FixtureValues.CollectionsEmpty()),
            Write("network", FixtureValues.Network()),
            Write("pipeline", FixtureValues.Pipeline()),
            Write("point", FixtureValues.Point()),
            Write("renamed-v1", FixtureValues.RenamedV1()),
            Write("chain", FixtureValues.Chain(40)),
            Write("million-floats", FixtureValues.MillionFloats()),
            Write("valuetypes-max", FixtureValues.ValueTypesMax()),
            Write("valuetypes-default", new ValueTypes()),
            Write("collection-kinds", FixtureValues.CollectionKinds()),
            Write("tuples", FixtureValues.Tuples()),
            Write("tuples-default", new Tuples()),
        ];
        File.WriteAllText(Path.Combine(Directory, "schemas.lock.json"), ModelSchema.WriteLockFile(AllSchemas));
        File.WriteAllText(Path.Combine(Directory, "fixtures.json"), JsonSerializer.Serialize(written));

        foreach (string name in written)
            Assert.True(new FileInfo(Path.Combine(Directory, name + ".mgen")).Length > 16, name);
        Assert.True(new FileInfo(Path.Combine(Directory, "million-floats.mgen")).Length > 4_000_000);
        Assert.Equal(AllSchemas.Length, ModelSchema.ReadJson(File.ReadAllText(Path.Combine(Directory, "schemas.lock.json"))).Count);
        // The renamed model's old data loads into the new version (the Python reader names it with the v2 schema).
        RenamedV2 renamed = ModelSerializer.Deserialize<RenamedV2>(File.ReadAllBytes(Path.Combine(Directory, "renamed-v1.mgen")));
        Assert.Equal(0.01, renamed.Lr);
        Assert.Equal(["old", "names"], renamed.Labels);
    }

    // ---- corrupted variants ----

    private sealed class Payload
    {
        private readonly List<byte> _bytes = new();
        public Payload Raw(params byte[] b) { _bytes.AddRange(b); return this; }
        public Payload VarInt(ulong v)
        {
            while (v >= 0x80) { _bytes.Add((byte)(v | 0x80)); v >>= 7; }
            _bytes.Add((byte)v);
            return this;
        }
        public Payload Tag(int key, WireType wire) => VarInt(((ulong)key << 3) | (byte)wire);
        public Payload Zig(long v) => VarInt((ulong)((v << 1) ^ (v >> 63)));
        public Payload Str(byte[] utf8) => VarInt((ulong)utf8.Length).Raw(utf8);
        public Payload End() => Raw(0x07);
        public byte[] ToArray() => _bytes.ToArray();
    }

    private static int Key(ModelSchema schema, string member) => schema.Members.Single(m => m.Name == member).Key;

    /// <summary>A well-formed envelope (header, trailer, valid checksum) around an arbitrary payload.</summary>
    private static byte[] Envelope(ModelSchema schema, byte[] payload)
    {
        var header = new Payload().Raw("MGEN"u8.ToArray()).Raw(1, 1).Str(Encoding.UTF8.GetBytes(schema.Name)).VarInt((ulong)schema.Version);
        byte[] fp = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(fp, schema.Fingerprint);
        byte[] body = header.Raw(fp).Raw(payload).ToArray();
        byte[] result = new byte[body.Length + 16];
        body.CopyTo(result, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(body.Length), (ulong)payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(body.Length + 8), XxHash3.HashToUInt64(body));
        return result;
    }

    private sealed record Corrupt(string Name, byte[] Data, bool NeedsSchema, bool DotNetRejects, long? Offset);

    private static IEnumerable<Corrupt> CorruptVariants()
    {
        byte[] good = ModelSerializer.Serialize(FixtureValues.ScalarsMax());
        byte[] Changed(Action<byte[]> change) { byte[] b = (byte[])good.Clone(); change(b); return b; }
        ModelSchema s = Scalars.Schema;

        yield return new("empty", [], false, true, 0);
        yield return new("bad-magic", Changed(b => b[0] = (byte)'X'), false, true, 0);
        yield return new("bad-format-version", Changed(b => b[4] = 3), false, true, 4);
        yield return new("bad-flags", Changed(b => b[5] = 3), false, true, 5);
        yield return new("truncated-by-one", good[..^1], false, true, good.Length - 1 - 16);
        yield return new("appended-byte", [.. good, 0], false, true, good.Length + 1 - 16);
        yield return new("flipped-payload-bit", Changed(b => b[good.Length / 2] ^= 0x10), false, true, good.Length - 8);
        yield return new("flipped-checksum-bit", Changed(b => b[^1] ^= 0x80), false, true, good.Length - 8);
        yield return new("header-only", good[..20], false, true, null);

        yield return new("string-length-overflow", Envelope(s, new Payload().Tag(Key(s, "string"), WireType.Bytes).VarInt(1000).Raw(1, 2, 3).End().ToArray()), false, true, null);
        yield return new("huge-varint-length", Envelope(s, new Payload().Tag(Key(s, "string"), WireType.Bytes).VarInt(ulong.MaxValue).End().ToArray()), false, true, null);
        yield return new("varint-overflow", Envelope(s, new Payload().Tag(Key(s, "long"), WireType.VarInt).Raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).End().ToArray()), false, true, null);
        yield return new("varint-64-bit-overflow", Envelope(s, new Payload().Tag(Key(s, "long"), WireType.VarInt).Raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02).End().ToArray()), false, true, null);
        yield return new("missing-end-marker", Envelope(s, new Payload().Tag(Key(s, "int"), WireType.VarInt).Zig(5).ToArray()), false, true, null);
        yield return new("bytes-after-root", Envelope(s, new Payload().Tag(Key(s, "int"), WireType.VarInt).Zig(5).End().Raw(0x00).ToArray()), false, true, null);
        yield return new("field-key-out-of-range", Envelope(s, new Payload().VarInt(((ulong)1 << 28) << 3).End().ToArray()), false, true, null);
        yield return new("unknown-packed-element", Envelope(s, new Payload().Tag(4000, WireType.Packed).Raw(14).VarInt(1).VarInt(1).Raw(0).End().ToArray()), false, true, null);
        yield return new("packed-longer-than-data", Envelope(s, new Payload().Tag(4000, WireType.Packed).Raw(10).VarInt(2).VarInt(1000).VarInt(1000).Raw(0, 0, 0, 0).End().ToArray()), false, true, null);
        yield return new("sequence-count-too-big", Envelope(s, new Payload().Tag(4000, WireType.Sequence).VarInt(1).VarInt(100000).Tag(1, WireType.VarInt).Zig(1).End().ToArray()), false, true, null);
        yield return new("item-with-wrong-key", Envelope(s, new Payload().Tag(4000, WireType.Sequence).VarInt(1).VarInt(1).Tag(5, WireType.VarInt).Zig(1).End().ToArray()), false, true, null);
        var deep = new Payload();
        for (int i = 0; i < 200; i++) deep.Tag(4000, WireType.Object);
        for (int i = 0; i < 201; i++) deep.End();
        yield return new("nesting-too-deep", Envelope(s, deep.ToArray()), false, true, null);
        var deepSeq = new Payload();
        for (int i = 0; i < 200; i++) { if (i == 0) deepSeq.Tag(4000, WireType.Sequence); else deepSeq.Tag(1, WireType.Sequence); deepSeq.VarInt(1).VarInt(1); }
        deepSeq.Tag(1, WireType.VarInt).Zig(0).End();
        yield return new("sequences-too-deep", Envelope(s, deepSeq.ToArray()), false, true, null);
        // Only a reader that decodes unknown members sees these (the .NET typed reader skips member 4000).
        yield return new("map-key-is-object", Envelope(s, new Payload().Tag(4000, WireType.Sequence).VarInt(0).VarInt(1).Tag(1, WireType.Object).End().Tag(1, WireType.VarInt).Zig(1).End().ToArray()), false, false, null);
        yield return new("duplicate-map-key", Envelope(s, new Payload().Tag(4000, WireType.Sequence).VarInt(0).VarInt(2).Tag(1, WireType.VarInt).Zig(1).Tag(1, WireType.VarInt).Zig(1).Tag(1, WireType.VarInt).Zig(1).Tag(1, WireType.VarInt).Zig(2).End().ToArray()), false, false, null);
        yield return new("packed-rank-zero", Envelope(s, new Payload().Tag(4000, WireType.Packed).Raw(10).VarInt(0).End().ToArray()), false, true, null);
        // Well-formed for a type-free reader, wrong for the schema.
        yield return new("invalid-utf8-string", Envelope(s, new Payload().Tag(Key(s, "string"), WireType.Bytes).Str([0x61, 0xC3, 0x28]).End().ToArray()), true, true, null);
        yield return new("bool-is-two", Envelope(s, new Payload().Tag(Key(s, "bool"), WireType.VarInt).Zig(2).End().ToArray()), true, true, null);
        yield return new("int-out-of-range", Envelope(s, new Payload().Tag(Key(s, "int"), WireType.VarInt).Zig(1L << 40).End().ToArray()), true, true, null);
        yield return new("datetime-kind-3", Envelope(s, new Payload().Tag(Key(s, "dateTime"), WireType.Fixed64).Raw(0, 0, 0, 0, 0, 0, 0, 0xC0).End().ToArray()), true, true, null);
        yield return new("decimal-short", Envelope(s, new Payload().Tag(Key(s, "decimal"), WireType.Bytes).Str([1, 2, 3]).End().ToArray()), true, true, null);
        yield return new("decimal-scale-29", Envelope(s, new Payload().Tag(Key(s, "decimal"), WireType.Bytes).Str([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 29, 0]).End().ToArray()), true, true, null);
        yield return new("guid-short", Envelope(s, new Payload().Tag(Key(s, "guid"), WireType.Bytes).Str([1, 2]).End().ToArray()), true, true, null);
        yield return new("wrong-wire-type", Envelope(s, new Payload().Tag(Key(s, "string"), WireType.Fixed32).Raw(0, 0, 0, 0).End().ToArray()), true, true, null);
        yield return new("null-for-non-nullable", Envelope(s, new Payload().Tag(Key(s, "int"), WireType.Marker).End().ToArray()), true, true, null);
    }

    [Fact]
    public void Writes_corrupted_variants_that_the_dotnet_reader_rejects()
    {
        string dir = Path.Combine(Directory, "corrupt");
        System.IO.Directory.CreateDirectory(dir);
        var manifest = new List<Dictionary<string, object?>>();
        foreach (Corrupt c in CorruptVariants())
        {
            File.WriteAllBytes(Path.Combine(dir, c.Name + ".mgen"), c.Data);
            long? dotnetOffset = null;
            if (c.DotNetRejects)
            {
                var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<Scalars>(c.Data));
                dotnetOffset = e.Offset;
                if (c.Offset is long expected) Assert.Equal(expected, e.Offset);
            }
            else ModelSerializer.Deserialize<Scalars>(c.Data);
            manifest.Add(new() { ["name"] = c.Name, ["needsSchema"] = c.NeedsSchema, ["envelopeOffset"] = c.Offset, ["dotnetOffset"] = dotnetOffset });
        }
        File.WriteAllText(Path.Combine(dir, "manifest.json"), JsonSerializer.Serialize(manifest));
        Assert.True(manifest.Count >= 30);
    }

    [Fact]
    public void The_format_document_example_has_the_bytes_it_shows()
    {
        byte[] file = ModelSerializer.Serialize(new FormatExample { X = 3 });
        Assert.Equal("MGEN"u8.ToArray(), file[..4]);
        Assert.Equal(new byte[] { 1, 1, 1, (byte)'P', 1 }, file[4..9]);
        Assert.Equal(new byte[] { 0xB8, 0xCD, 0x08, 0x06, 0x07 }, file[17..^16]);
        Assert.Equal(5UL, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - 16)));
        Assert.Equal(17623, MemberKeys.Of("x"));
    }

    // ---- XXH3-64 reference values ----

    /// <summary>The byte pattern that the Python tests rebuild: byte i is bits 13-20 of i × 2654435761 (mod 2^32).</summary>
    public static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte)(((uint)i * 2654435761u) >> 13);
        return data;
    }

    public static IEnumerable<int> HashLengths()
    {
        for (int n = 0; n <= 300; n++) yield return n;
        foreach (int n in new[] { 319, 320, 321, 400, 511, 512, 513, 1000, 1023, 1024, 1025, 1087, 1088, 1089, 2047, 2048, 2049, 4095, 4096, 4097, 8191, 8193, 10000, 65536, 100003, (1 << 20) + 7 })
            yield return n;
    }

    [Fact]
    public void Writes_xxh3_reference_hashes()
    {
        System.IO.Directory.CreateDirectory(Directory);
        byte[] data = Pattern(HashLengths().Max());
        var hashes = HashLengths().Select(n => new Dictionary<string, object> { ["length"] = n, ["xxh3"] = XxHash3.HashToUInt64(data.AsSpan(0, n)).ToString("x16") }).ToList();
        File.WriteAllText(Path.Combine(Directory, "xxh3-reference.json"), JsonSerializer.Serialize(hashes));
        Assert.Equal(HashLengths().Count(), hashes.Count);
        // The checksum in the trailer is this hash of everything before the trailer.
        byte[] file = ModelSerializer.Serialize(FixtureValues.Point());
        Assert.Equal(XxHash3.HashToUInt64(file.AsSpan(0, file.Length - 16)), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - 8)));
        // Format 2's (docs/format.md §9.1): this hash of the 16 bytes H ‖ P, the hashes of the header (up to the end of
        // the schema table) and of the payload, each little-endian.
        byte[] file2 = ModelSerializer.Serialize(FixtureValues.Point(), new ModelSerializerOptions { FormatVersion = 2 });
        int header = ModelSerializer.ReadEnvelope(file2).HeaderLength;
        byte[] both = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, XxHash3.HashToUInt64(file2.AsSpan(0, header)));
        BinaryPrimitives.WriteUInt64LittleEndian(both.AsSpan(8), XxHash3.HashToUInt64(file2.AsSpan(header, file2.Length - 16 - header)));
        Assert.Equal(XxHash3.HashToUInt64(both), BinaryPrimitives.ReadUInt64LittleEndian(file2.AsSpan(file2.Length - 8)));
    }
}
