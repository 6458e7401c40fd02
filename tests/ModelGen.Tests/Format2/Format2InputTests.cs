using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Linq;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests.Format2;

/// <summary>Format-2 files written by hand from docs/format.md §9 (not by the library's writer): the writer must make
/// exactly these bytes, and every broken rule of the schema table and the positional payload is a clean
/// <see cref="ModelFormatException"/> at a byte offset, found before anything is allocated for it.</summary>
public class Format2InputTests
{
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    /// <summary>Magic, version 2, the checksum flag, the table with its length, the payload and the trailer.</summary>
    private static byte[] File(byte[] table, byte[] payload)
    {
        byte[] header = new Payload().Raw((byte)'M', (byte)'G', (byte)'E', (byte)'N', 2, 1).VarUInt((ulong)table.Length).Raw(table).ToArray();
        var all = new List<byte>(header);
        all.AddRange(payload);
        byte[] trailer = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)payload.Length);
        // §9.1: XXH3-64 of H ‖ P, the header's and the payload's XXH3-64, each little-endian.
        Span<byte> both = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, XxHash3.HashToUInt64(header));
        BinaryPrimitives.WriteUInt64LittleEndian(both.Slice(8), XxHash3.HashToUInt64(payload));
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(8), XxHash3.HashToUInt64(both));
        all.AddRange(trailer);
        return all.ToArray();
    }

    private static int Key(string name) => Payload.Key<Chain>(name);

    /// <summary>Chain's table: one entry, members value (int32) and child (a nullable Chain: entry 0).</summary>
    private static Payload ChainTable(byte childDescriptor = 0x1B, int valueKey = -1, string childType = "model:ModelGen.Tests.Chain?")
    {
        ModelSchema s = Chain.Schema;
        return new Payload().VarUInt(1).String(s.Name).VarUInt((ulong)s.Version).Fixed64(s.Fingerprint).Raw(0).VarUInt(2)
            .VarUInt((ulong)(valueKey < 0 ? Key("value") : valueKey)).String("value").String("int32").Raw(0x00)
            .VarUInt((ulong)Key("child")).String("child").String(childType).Raw(childDescriptor).VarUInt(0);
    }

    [Fact]
    public void A_file_written_from_the_document_reads_and_is_what_the_writer_writes()
    {
        Assert.Equal(["value", "child"], new[] { Chain.Schema.Members[0].Name, Chain.Schema.Members[1].Name });
        Assert.Equal("model:ModelGen.Tests.Chain?", Chain.Schema.Members[1].Type);
        // value 3, child { value 4, child null, no extensions }, no extensions.
        byte[] data = File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(1).VarInt(4).Raw(0).Raw(0).Raw(0).ToArray());
        Chain chain = ModelSerializer.Deserialize<Chain>(data);
        Assert.Equal(3, chain.Value);
        Assert.Equal(4, chain.Child!.Value);
        Assert.Null(chain.Child.Child);
        Assert.Equal(data, ModelSerializer.Serialize(chain, Format2));
        Envelope e = ModelSerializer.ReadEnvelope(data);
        Assert.Equal((Chain.Schema.Name, Chain.Schema.Version, Chain.Schema.Fingerprint), (e.ModelName, e.SchemaVersion, e.Fingerprint));
    }

    [Fact]
    public void Extension_fields_are_read_as_format_1_fields_and_their_rules_hold()
    {
        // The data version as extension key 1, and an unknown member (key 40 000, a string) kept.
        byte[] payload = new Payload().VarInt(3).Raw(0).VarUInt(2).Tag(1, WireType.VarInt).VarInt(1).Tag(40000, WireType.Bytes).String("kept").ToArray();
        Chain chain = ModelSerializer.Deserialize<Chain>(File(ChainTable().ToArray(), payload));
        Assert.Equal(3, chain.Value);
        // A key of the entry's own members, or a reserved key, is not an extension field.
        Bad.Binary<Chain>(File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(0).VarUInt(1).Tag(Key("value"), WireType.VarInt).VarInt(1).ToArray()), reason: "extension field key");
        Bad.Binary<Chain>(File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(0).VarUInt(1).Tag(2, WireType.Bytes).String("x").ToArray()), reason: "extension field key 2");
        Bad.Binary<Chain>(File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(0).VarUInt(1000).ToArray()), reason: "larger than");
        Bad.Binary<Chain>(File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(2).ToArray()), reason: "presence byte 2");
        Bad.Binary<Chain>(File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(0).Raw(0).Raw(0).ToArray()), reason: "after the end");
    }

    public static TheoryData<string, byte[]> BrokenTables()
    {
        ModelSchema s = Chain.Schema;
        Payload Entry() => new Payload().String(s.Name).VarUInt(1).Fixed64(s.Fingerprint);
        return new()
        {
            { "no entries", new Payload().VarUInt(0).ToArray() },
            { "larger than", new Payload().VarUInt(4096).Raw(Entry().Raw(0).VarUInt(0).ToArray()).ToArray() },
            { "entry kind 2", new Payload().VarUInt(1).Raw(Entry().Raw(2).VarUInt(0).ToArray()).ToArray() },
            { "schema version 0", new Payload().VarUInt(1).String(s.Name).VarUInt(0).Fixed64(0).Raw(0).VarUInt(0).ToArray() },
            { "empty model name", new Payload().VarUInt(1).String("").VarUInt(1).Fixed64(0).Raw(0).VarUInt(0).Raw(0).ToArray() },
            { "member key 5 is out of range", ChainTable(valueKey: 5).ToArray() },
            { "appears twice", ChainTable(valueKey: Key("child")).ToArray() },
            { "invalid member descriptor 0x1f", ChainTable(childDescriptor: 0x1F).ToArray() },
            { "invalid member descriptor 0x3b", ChainTable(childDescriptor: 0x3B).ToArray() },
            { "an Object member must", ChainTable(childDescriptor: 0x0B).ToArray() },
            { "nullable bit", ChainTable(childDescriptor: 0x13).ToArray() },
            { "refers to another union", new Payload().VarUInt(1).Raw(Entry().Raw(1).VarUInt(1).String("a").VarUInt(0).ToArray()).ToArray() },
            { "schema table ends 1 bytes before its length", ChainTable().Raw(0).ToArray() },
            { "does not exist (1 entries)", new Payload().VarUInt(1).Raw(Entry().Raw(0).VarUInt(1).VarUInt(16).String("x").String("model:X").Raw(0x13).VarUInt(1).ToArray()).ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenTables))]
    public void A_broken_schema_table_is_refused(string reason, byte[] table)
    {
        ModelFormatException e = Bad.Binary<Chain>(File(table, [0]), reason: reason);
        Assert.InRange(e.Offset, 6, 7 + table.Length); // inside the table
    }

    [Fact]
    public void A_union_case_number_indexes_the_table_and_is_checked()
    {
        byte[] data = ModelSerializer.Serialize(Samples.PipelineSample(), Format2);
        Assert.Equal(ModelJson.Serialize(Samples.PipelineSample()), ModelJson.Serialize(ModelSerializer.Deserialize<Pipeline>(data)));
        // Op is a union base entry (kind 1) listing its cases; a case number past them is an error.
        ModelSchema op = Op.Schema;
        Assert.Equal(3, op.UnionCases.Count);
        byte[] table = new Payload().VarUInt(2)
            .String(Pipeline.Schema.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(1).VarUInt(16).String("op").String("model:" + op.Name).Raw(0x13).VarUInt(1)
            .String(op.Name).VarUInt(1).Fixed64(0).Raw(1).VarUInt(1).String("dense").VarUInt(1).ToArray();
        Bad.Binary<Pipeline>(File(table, [0]), reason: "refers to another union");
        byte[] cases = new Payload().VarUInt(3)
            .String(Pipeline.Schema.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(1).VarUInt(16).String("op").String("model:" + op.Name).Raw(0x13).VarUInt(1)
            .String(op.Name).VarUInt(1).Fixed64(0).Raw(1).VarUInt(1).String("dense").VarUInt(2)
            .String("Some.Dense").VarUInt(1).Fixed64(0).Raw(0).VarUInt(0).ToArray();
        // Member 16 is unknown to Pipeline: skipping it still reads the case number through the table.
        Bad.Binary<Pipeline>(File(cases, new Payload().VarUInt(5).ToArray()), reason: "union case 5 does not exist");
    }

    [Fact]
    public void A_table_that_claims_more_than_its_bytes_is_refused_before_allocating_for_it()
    {
        ModelSchema s = Chain.Schema;
        // 65 535 members, 4 096 entries, a member name of 1 GB: each in a table of a few dozen bytes.
        byte[][] claims =
        [
            File(new Payload().VarUInt(1).String(s.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(65535).ToArray(), [0]),
            File(new Payload().VarUInt(4096).String(s.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(0).ToArray(), [0]),
            File(new Payload().VarUInt(1).String(s.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(1).VarUInt(16).VarUInt(1 << 30).ToArray(), [0]),
        ];
        foreach (byte[] data in claims)
        {
            Bad.Binary<Chain>(data, reason: "larger than");
            Bad.Throws(() => ModelSerializer.Deserialize<Chain>(data));
            long before = GC.GetAllocatedBytesForCurrentThread();
            Bad.Throws(() => ModelSerializer.Deserialize<Chain>(data));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024); // the exception and its message
        }
    }

    [Fact]
    public void A_table_whose_model_holds_itself_without_end_fails_at_the_depth_limit_without_reading_a_byte()
    {
        // Member 16 (unknown to Chain, so kept: transcoded to format 1) is an X, and X's only member is an X: a value
        // would never end, and the reader stops at the depth limit, in the skip and the keep alike.
        ModelSchema s = Chain.Schema;
        byte[] table = new Payload().VarUInt(2)
            .String(s.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(1).VarUInt(16).String("x").String("model:X").Raw(0x13).VarUInt(1)
            .String("X").VarUInt(1).Fixed64(0).Raw(0).VarUInt(1).VarUInt(16).String("x").String("model:X").Raw(0x13).VarUInt(1).ToArray();
        Bad.Binary<Chain>(File(table, [0]), reason: "deeper than the limit of 64");
        Bad.Binary<Chain>(File(table, [0]), reason: "deeper than the limit of 64");
    }

    [Fact]
    public void A_skipped_sequence_of_objects_is_read_through_the_table_and_kept_as_format_1()
    {
        // Member 16 (unknown to Chain) is a list of X (no members): 1,000 items, each a tag and an extension count.
        ModelSchema s = Chain.Schema;
        byte[] table = new Payload().VarUInt(2)
            .String(s.Name).VarUInt(1).Fixed64(0).Raw(0).VarUInt(2)
            .VarUInt((ulong)Key("value")).String("value").String("int32").Raw(0x00)
            .VarUInt(16).String("xs").String("list<model:X>").Raw(0x16).VarUInt(1)
            .String("X").VarUInt(1).Fixed64(0).Raw(0).VarUInt(0).ToArray();
        var payload = new Payload().VarInt(7).VarUInt(1).VarUInt(1000);
        for (int i = 0; i < 1000; i++) payload.Tag(1, WireType.Object).VarUInt(0);
        payload.VarUInt(0);
        byte[] data = File(table, payload.ToArray());
        var options = new ModelSerializerOptions { RejectUnknownMembers = false };
        Assert.Equal(7, ModelSerializer.Deserialize<Chain>(data, options).Value);
        // Kept as a format-1 value, member 16 is written back after Chain's own members and read again. The table
        // names it, so JSON carries it too (an X has no members: 1,000 objects holding their version only).
        Chain kept = ModelSerializer.Deserialize<Chain>(data);
        Assert.Equal([new UnknownMember("xs", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(kept));
        Assert.EndsWith(",\"xs\":[" + string.Join(",", Enumerable.Repeat("{\"$version\":1}", 1000)) + "]}", ModelJson.Serialize(kept));
        // Written back to format 2 a description could not name the fields of the objects in it (that file's table has
        // no entry for them): it goes as a named member, with its JSON, and stays named in every form.
        Chain again = ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(kept, Format2));
        Assert.Equal([new UnknownMember("xs", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(again));
        Assert.Equal(ModelJson.Serialize(kept), ModelJson.Serialize(again));
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<Chain>(data, new ModelSerializerOptions { RejectUnknownMembers = true }));
        Assert.Contains("#16", e.Message);
    }

    [Fact]
    public void A_member_description_names_the_kept_extension_field_after_it_and_is_checked()
    {
        // Chain's own layout; the root's extension list holds member 16 after its description ("note", "string").
        byte[] table = ChildMember(ValueMember(ChainEntry(2))).ToArray();
        byte[] description = new Payload().String("note").String("string").ToArray();
        Payload Object(Action<Payload> extensions, int count)
        {
            var p = new Payload().VarInt(3).Raw(0).VarUInt((ulong)count);
            extensions(p);
            return p;
        }
        byte[] good = File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(description).Tag(16, WireType.Bytes).String("kept"), 2).ToArray());
        Chain c = ModelSerializer.Deserialize<Chain>(good);
        Assert.Equal(3, c.Value);
        Assert.Equal([new UnknownMember("note", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(c));
        Assert.EndsWith(",\"note\":\"kept\"}", ModelJson.Serialize(c));
        Assert.Equal("kept", ModelDictionary.ToDictionary(c)["note"]!.ToString());
        // Written back to format 2 the description goes with it; to format 1, which has no descriptions, as a named
        // member with its JSON.
        Assert.Equal(good, ModelSerializer.Serialize(c, Format2));
        Chain format1 = ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(c));
        Assert.Equal([new UnknownMember("note", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(format1));
        Assert.Equal(ModelJson.Serialize(c), ModelJson.Serialize(format1));

        // A description not followed by a member, followed by the version or another description, or malformed.
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(description), 1).ToArray()), reason: "must be followed by the member it describes");
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(description).Tag(1, WireType.VarInt).VarInt(2), 2).ToArray()), reason: "not allowed");
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(description).Tag(3, WireType.Bytes).Bytes(description).Tag(16, WireType.VarInt).VarInt(1), 3).ToArray()), reason: "not allowed");
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(new Payload().String("note").ToArray()).Tag(16, WireType.VarInt).VarInt(1), 2).ToArray()));
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(new Payload().String("note").String("int32").Raw(0).ToArray()).Tag(16, WireType.VarInt).VarInt(1), 2).ToArray()), reason: "after its type");
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(new Payload().String("").String("int32").ToArray()).Tag(16, WireType.VarInt).VarInt(1), 2).ToArray()), reason: "empty member name");
        Bad.Binary<Chain>(File(table, Object(p => p.Tag(3, WireType.VarInt).VarInt(1).Tag(16, WireType.VarInt).VarInt(1), 2).ToArray()), reason: "not allowed");
        // A kept member too large for the first span of a stream's buffer: the check before the write and the plain
        // write give the same bytes, description included.
        string large = new('x', 300_000);
        Chain big = ModelSerializer.Deserialize<Chain>(File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(description).Tag(16, WireType.Bytes).String(large), 2).ToArray()));
        var stream = new System.IO.MemoryStream();
        ModelSerializer.Serialize(stream, big, Format2);
        Assert.Equal(ModelSerializer.Serialize(big, Format2), stream.ToArray());
        Assert.Equal(large, ModelDictionary.ToDictionary(ModelSerializer.Deserialize<Chain>(stream.ToArray()))["note"]!.ToString());

        // The value does not read as the described type: the member is kept, by key (JSON and dictionaries: "$fields").
        byte[] mistyped = File(table, Object(p => p.Tag(3, WireType.Bytes).Bytes(new Payload().String("note").String("float64").ToArray()).Tag(16, WireType.Bytes).String("kept"), 2).ToArray());
        Assert.Equal([new UnknownMember("note", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(ModelSerializer.Deserialize<Chain>(mistyped)));
    }

    [Fact]
    public void A_named_member_is_read_as_the_member_it_names_or_kept_and_is_checked()
    {
        // The writer (an older build) has only child; the root's extension list holds what it kept by name from JSON.
        byte[] table = ChildMember(ChainEntry(1)).ToArray();
        static byte[] Named(string name, string json) => new Payload().String(name).Raw(System.Text.Encoding.UTF8.GetBytes(json)).ToArray();
        byte[] With(params byte[][] named)
        {
            var p = new Payload().Raw(0).VarUInt((ulong)named.Length);
            foreach (byte[] n in named) p.Tag(FieldKeys.NamedMember, WireType.Bytes).Bytes(n);
            return File(table, p.ToArray());
        }

        // The reader declares "value": it is read as the dictionary form reads a JSON value, by any of its spellings.
        Chain c = ModelSerializer.Deserialize<Chain>(With(Named("value", "42")));
        Assert.Equal(42, c.Value);
        Assert.Empty(ModelSerializer.GetUnknownMembers(c));
        Assert.Equal(7, ModelSerializer.Deserialize<Chain>(With(Named("Value", " 7 "))).Value);
        // One it does not declare is kept by name, in every form, and written back as a named member.
        c = ModelSerializer.Deserialize<Chain>(With(Named("note", "{\"a\":[1,2.5,\"x\"]}")));
        Assert.Equal([new UnknownMember("note", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(c));
        Assert.EndsWith(",\"note\":{\"a\":[1,2.5,\"x\"]}}", ModelJson.Serialize(c));
        foreach (ModelSerializerOptions options in new[] { ModelSerializerOptions.Default, Format2 })
        {
            Chain again = ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(c, options));
            Assert.Equal(ModelJson.Serialize(c), ModelJson.Serialize(again));
        }
        ModelFormatException strict = Bad.Throws(() => ModelSerializer.Deserialize<Chain>(With(Named("note", "1")), new ModelSerializerOptions { RejectUnknownMembers = true }));
        Assert.Contains("'note'", strict.Message);

        // A value that is not the member's type fails at the member; malformed fields fail at their offset.
        Bad.Binary<Chain>(With(Named("value", "\"many\"")), path: "value");
        Bad.Binary<Chain>(With(Named("value", "{")), reason: "malformed JSON");
        Bad.Binary<Chain>(With(Named("value", "1 2")), reason: "malformed JSON");
        Bad.Binary<Chain>(With(Named("value", "")), reason: "malformed JSON");
        Bad.Binary<Chain>(With(Named("note", new string('[', 5000) + new string(']', 5000))), reason: "malformed JSON");
        Bad.Binary<Chain>(With(Named("", "1")), reason: "empty member name");
        // A lone surrogate in a kept member's JSON, as in JSON input: refused when read, not a value no form can save.
        Bad.Binary<Chain>(With(Named("note", "[\"\\ud800\"]")), reason: "lone surrogate");
        Bad.Binary<Chain>(File(table, new Payload().Raw(0).VarUInt(1).Tag(FieldKeys.NamedMember, WireType.VarInt).VarInt(1).ToArray()), reason: "not allowed");
        byte[] description = new Payload().String("note").String("string").ToArray();
        Bad.Binary<Chain>(File(table, new Payload().Raw(0).VarUInt(2).Tag(3, WireType.Bytes).Bytes(description).Tag(FieldKeys.NamedMember, WireType.Bytes).Bytes(Named("note", "1")).ToArray()), reason: "not allowed");
    }

    [Fact]
    public void A_named_member_that_reads_back_is_the_only_kind_written()
    {
        // A dictionary value deeper than the JSON reader's limit, or a name longer than a table string, stays out of
        // binary (listed so); what is written reads back.
        object deep = 1;
        for (int i = 0; i < 700; i++) deep = new List<object?> { deep };
        Chain c = ModelDictionary.FromDictionary<Chain>(new Dictionary<string, object?> { ["value"] = 1, ["deep"] = deep, [new string('n', 2000)] = 2, ["ok"] = "yes" });
        var forms = ModelSerializer.GetUnknownMembers(c).ToDictionary(m => m.Name.Length > 100 ? "long" : m.Name, m => m.WrittenIn);
        Assert.False(forms["deep"].HasFlag(ModelForms.Binary));
        Assert.False(forms["long"].HasFlag(ModelForms.Binary));
        Assert.True(forms["ok"].HasFlag(ModelForms.Binary));
        // Text with an unpaired surrogate has no faithful JSON (a writer would put U+FFFD in its place): not written
        // to JSON or binary, listed as kept in the dictionary form only.
        Chain lone = ModelDictionary.FromDictionary<Chain>(new Dictionary<string, object?> { ["value"] = 1, ["lone"] = "a\ud800b", ["key"] = new Dictionary<string, object?> { ["\udc00"] = 1 }, ["\ud800name"] = 2 });
        Assert.All(ModelSerializer.GetUnknownMembers(lone), m => Assert.Equal(ModelForms.Dictionary, m.WrittenIn));
        Assert.DoesNotContain("lone", ModelJson.Serialize(lone));
        Assert.Empty(ModelSerializer.GetUnknownMembers(ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(lone))));
        foreach (ModelSerializerOptions options in new[] { ModelSerializerOptions.Default, Format2 })
        {
            Chain back = ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(c, options));
            Assert.Equal([new UnknownMember("ok", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(back));
        }
    }

    [Fact]
    public void A_kept_member_named_as_one_of_the_readers_members_is_not_written_under_that_name()
    {
        // The writer's entry has "value" under another key (17) besides Chain's own: kept by key, but written to JSON
        // by name it would be a second "value" property, which the reader would take instead of the first: JSON
        // carries it by key, under "$fields".
        byte[] table = ChildMember(ValueMember(ChainEntry(3)).VarUInt(17).String("Value").String("int32").Raw(0x00)).ToArray();
        Chain c = ModelSerializer.Deserialize<Chain>(File(table, new Payload().VarInt(3).VarInt(99).Raw(0).Raw(0).ToArray()));
        Assert.Equal(3, c.Value);
        Assert.Equal([new UnknownMember("#17", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(c));
        Assert.Equal(3, ModelJson.Deserialize<Chain>(ModelJson.Serialize(c)).Value);
        Assert.Contains("\"$fields\"", ModelJson.Serialize(c), StringComparison.Ordinal);
        Assert.Equal([new UnknownMember("#17", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(ModelJson.Deserialize<Chain>(ModelJson.Serialize(c))));
        // Binary carries it, by key.
        Assert.Equal([new UnknownMember("#17", ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary)], ModelSerializer.GetUnknownMembers(ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(c, Format2))));
    }

    // Chain's table with the members given: entry 0, Chain's name, version and fingerprint.
    private static Payload ChainEntry(int members) =>
        new Payload().VarUInt(1).String(Chain.Schema.Name).VarUInt((ulong)Chain.Schema.Version).Fixed64(Chain.Schema.Fingerprint).Raw(0).VarUInt((ulong)members);

    private static Payload ValueMember(Payload p, string type = "int32", byte descriptor = 0x00) =>
        p.VarUInt((ulong)Key("value")).String("value").String(type).Raw(descriptor);

    private static Payload ChildMember(Payload p) =>
        p.VarUInt((ulong)Key("child")).String("child").String("model:ModelGen.Tests.Chain?").Raw(0x1B).VarUInt(0);

    // A writer whose entry is not the reader's layout: read through the table by key, never in the reader's order.
    // Each payload read in the reader's order would give other values (or fail), so these fail if the straight read
    // (ObjectFrame.Straight) were taken for a layout that only resembles the reader's.
    [Fact]
    public void A_writer_layout_other_than_the_readers_is_read_by_key()
    {
        // Reordered: child, then value (in the nested Chain too).
        byte[] reordered = ValueMember(ChildMember(ChainEntry(2))).ToArray();
        Chain c = ModelSerializer.Deserialize<Chain>(File(reordered, new Payload().Raw(1).Raw(0).VarInt(4).Raw(0).VarInt(3).Raw(0).ToArray()));
        Assert.Equal((3, 4), (c.Value, c.Child!.Value));
        Assert.Null(c.Child.Child);

        // Nullability changed: value is int32? (a presence byte precedes it).
        byte[] nullable = ChildMember(ValueMember(ChainEntry(2), "int32?", 0x08)).ToArray();
        c = ModelSerializer.Deserialize<Chain>(File(nullable, new Payload().Raw(1).VarInt(3).Raw(0).Raw(0).ToArray()));
        Assert.Equal(3, c.Value);
        Assert.Null(c.Child);
        Bad.Binary<Chain>(File(nullable, new Payload().Raw(0).Raw(0).Raw(0).ToArray()), path: "value", reason: "null for a value that cannot be null");

        // A member added between the reader's two (kept as an unknown member), and one removed (child: its default).
        byte[] added = ChildMember(ValueMember(ChainEntry(3)).VarUInt(16).String("extra").String("string").Raw(0x02)).ToArray();
        c = ModelSerializer.Deserialize<Chain>(File(added, new Payload().VarInt(3).String("x").Raw(0).Raw(0).ToArray()));
        Assert.Equal(3, c.Value);
        Assert.Null(c.Child);
        Assert.Equal(["extra"], ModelSerializer.GetUnknownMembers(c).Select(m => m.Name));
        byte[] removed = ValueMember(ChainEntry(1)).ToArray();
        c = ModelSerializer.Deserialize<Chain>(File(removed, new Payload().VarInt(3).Raw(0).ToArray()));
        Assert.Equal(3, c.Value);
        Assert.Null(c.Child);

        // Another wire type for value (a float32: Fixed32) follows the codec's rules, at the member: an integer that
        // fits is read (a member widened to a float by the writer), a fraction is refused.
        byte[] single = ChildMember(ValueMember(ChainEntry(2), "float32", 0x05)).ToArray();
        Assert.Equal(5, ModelSerializer.Deserialize<Chain>(File(single, new Payload().Fixed32(System.BitConverter.SingleToUInt32Bits(5f)).Raw(0).Raw(0).ToArray())).Value);
        Bad.Binary<Chain>(File(single, new Payload().Fixed32(System.BitConverter.SingleToUInt32Bits(5.5f)).Raw(0).Raw(0).ToArray()), path: "value", reason: "value 5.5 is not a Int32");
    }

    // The writer's entry is the reader's layout (the straight read): an error inside a member, nested or not, still
    // names the member path, as the tagged loop does.
    [Fact]
    public void An_error_in_a_straight_read_names_the_member_path()
    {
        byte[] table = ChainTable().ToArray();
        // Out of range for int32 in the root, and in the nested child.
        Bad.Binary<Chain>(File(table, new Payload().VarInt(1L << 40).Raw(0).Raw(0).ToArray()), path: "value", reason: "out of range");
        Bad.Binary<Chain>(File(table, new Payload().VarInt(3).Raw(1).VarInt(1L << 40).Raw(0).Raw(0).Raw(0).ToArray()), path: "child.value", reason: "out of range");
        // A bad presence byte two levels down, and a truncated nested object.
        Bad.Binary<Chain>(File(table, new Payload().VarInt(3).Raw(1).VarInt(4).Raw(1).VarInt(5).Raw(7).ToArray()), path: "child.child.child", reason: "presence byte 7");
        Bad.Binary<Chain>(File(table, new Payload().VarInt(3).Raw(1).Raw(0x80).ToArray()), path: "child.value");
        // An int64 member written where the reader has int32 has the same wire type: read straight, range-checked.
        byte[] wide = ChildMember(ValueMember(ChainEntry(2), "int64")).ToArray();
        Assert.Equal(3, ModelSerializer.Deserialize<Chain>(File(wide, new Payload().VarInt(3).Raw(0).Raw(0).ToArray())).Value);
        Bad.Binary<Chain>(File(wide, new Payload().VarInt(3).Raw(1).VarInt(1L << 40).Raw(0).Raw(0).Raw(0).ToArray()), path: "child.value", reason: "out of range");
    }

    // The table read last for a root type is not parsed again when the next input holds the same bytes
    // (Envelope.ReadHeader's known table): every check on the rest of the envelope still holds.
    [Fact]
    public void A_table_read_before_skips_parsing_but_not_the_envelope_checks()
    {
        byte[] good = File(ChainTable().ToArray(), new Payload().VarInt(3).Raw(0).Raw(0).ToArray());
        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(3, ModelSerializer.Deserialize<Chain>(good).Value);
            byte[] longer = (byte[])good.Clone();
            longer[6]++; // the table length: one byte more than the table read before
            Bad.Binary<Chain>(longer);
            byte[] cut = good.AsSpan(0, good.Length - 16 - 3).ToArray(); // no payload, no trailer
            Bad.Throws(() => ModelSerializer.Deserialize<Chain>(cut));
            byte[] length = (byte[])good.Clone();
            length[^16]++; // the payload length in the trailer
            Bad.Binary<Chain>(length, reason: "payload length in the trailer is 4 but 3");
            byte[] flag = (byte[])good.Clone();
            flag[5] = 0; // the checksum flag off, the checksum still there
            Bad.Binary<Chain>(flag, reason: "checksum flag is clear");
            byte[] tableByte = (byte[])good.Clone();
            tableByte[^20] ^= 1; // the last byte of the table: verified before the table is read
            Bad.Binary<Chain>(tableByte, reason: "checksum mismatch");
            Assert.Equal(3, ModelSerializer.Deserialize<Chain>(good, new ModelSerializerOptions { VerifyChecksum = false }).Value);
        }
    }
}
