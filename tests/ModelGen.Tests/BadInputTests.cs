using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

public class BadInputTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    // ---- truncation ----

    [Fact]
    public void Truncated_at_every_length()
    {
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        for (int length = 0; length < data.Length; length++)
            Bad.Binary<Network>(data[..length]);
    }

    [Fact]
    public void Truncated_payload_at_every_length_with_a_consistent_envelope()
    {
        // The envelope is rebuilt around each prefix of the payload (correct length and checksum), so the field
        // reader itself meets the end of the data.
        foreach (byte[] data in new[] { ModelSerializer.Serialize(Samples.NetworkSample()), ModelSerializer.Serialize(Samples.PipelineSample()), ModelSerializer.Serialize(Samples.CollectionsFull()) })
        {
            byte[] payload = Payload.PayloadOf(data);
            Envelope e = ModelSerializer.ReadEnvelope(data);
            for (int length = 0; length < payload.Length; length++)
            {
                byte[] truncated = Payload.Wrap(e.ModelName, e.SchemaVersion, e.Fingerprint, payload[..length]);
                if (e.ModelName == Network.Schema.Name) Bad.Binary<Network>(truncated);
                else if (e.ModelName == Pipeline.Schema.Name) Bad.Binary<Pipeline>(truncated);
                else Bad.Binary<Collections>(truncated);
            }
        }
    }

    [Fact]
    public void Truncated_json_at_every_length()
    {
        string json = ModelJson.Serialize(Samples.PipelineSample());
        for (int length = 0; length < json.Length; length++)
            Bad.Json<Pipeline>(json[..length]);
    }

    // ---- envelope ----

    [Fact]
    public void Wrong_magic()
    {
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        data[1] = (byte)'X';
        ModelFormatException e = Bad.Binary<Network>(data, reason: "magic");
        Assert.Equal(0, e.Offset);
        Bad.Binary<Network>("not a model at all, just some text here"u8.ToArray(), reason: "magic");
    }

    [Fact]
    public void Unsupported_format_version_or_flags()
    {
        byte[] data = ModelSerializer.Serialize(new Chain());
        byte[] v2 = (byte[])data.Clone();
        v2[4] = 3;
        Assert.Equal(4, Bad.Binary<Chain>(v2, reason: "format version 3").Offset);
        byte[] flags = (byte[])data.Clone();
        flags[5] = 0x81;
        Assert.Equal(5, Bad.Binary<Chain>(flags, reason: "flags").Offset);
    }

    [Fact]
    public void Checksum_mismatch_on_any_flipped_header_byte()
    {
        // §1: corruption is reported as a checksum mismatch, not as the parse error it causes (a name length that runs
        // past the data, a name that is not UTF-8, a schema version out of range) nor as another model's name. A name
        // length or version that still parses but moves the end of the header makes the trailer's payload length
        // disagree, which is reported as such (the data is truncated or has bytes appended).
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        Envelope env = ModelSerializer.ReadEnvelope(data);
        for (int i = 6; i < env.HeaderLength; i++)
            foreach (byte bit in new byte[] { 0x01, 0x10, 0x80 })
            {
                byte[] corrupt = (byte[])data.Clone();
                corrupt[i] ^= bit;
                string message = Bad.Throws(() => ModelSerializer.Deserialize<Network>(corrupt)).Message;
                if (message.Contains("payload length in the trailer", StringComparison.Ordinal)) continue;
                Assert.Contains("checksum mismatch", message);
                Assert.Contains("checksum mismatch", Bad.Throws(() => ModelSerializer.ReadEnvelope(corrupt)).Message);
            }
    }

    [Fact]
    public void Checksum_mismatch_on_any_flipped_byte()
    {
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        Envelope env = ModelSerializer.ReadEnvelope(data);
        for (int i = 6; i < data.Length - 16; i++)
        {
            byte[] corrupt = (byte[])data.Clone();
            corrupt[i] ^= 0x10;
            Bad.Binary<Network>(corrupt);
        }
        byte[] payloadFlip = (byte[])data.Clone();
        payloadFlip[env.HeaderLength + 3] ^= 0x01;
        Bad.Binary<Network>(payloadFlip, reason: "checksum mismatch");
        byte[] checksumFlip = (byte[])data.Clone();
        checksumFlip[^1] ^= 0x80;
        Bad.Binary<Network>(checksumFlip, reason: "checksum mismatch");
    }

    [Fact]
    public void Wrong_model()
    {
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        ModelFormatException e = Bad.Binary<Pipeline>(data, reason: "ModelGen.Tests.Network");
        Assert.Contains("ModelGen.Tests.Pipeline", e.Message);
        Bad.Binary<Chain>(ModelSerializer.Serialize(new Layer(1, 1, [], [])));
    }

    [Fact]
    public void Trailing_bytes_or_wrong_trailer_length()
    {
        byte[] data = ModelSerializer.Serialize(new Chain { Value = 3 });
        byte[] longer = [.. data[..^16], 0x00, .. data[^16..]];
        Bad.Binary<Chain>(longer, reason: "payload length");
        // Bytes after the end marker, inside a consistent envelope.
        byte[] payload = [.. Payload.PayloadOf(data), 0x07];
        Bad.Binary<Chain>(Payload.Wrap<Chain>(payload), reason: "after the end");
    }

    // ---- lengths ----

    [Fact]
    public void String_length_larger_than_what_remains()
    {
        byte[] data = ModelSerializer.Serialize(new WideValue { Value = 1, Text = "hello" });
        int at = Payload.IndexOf(data, Bytes("hello"));
        Assert.Equal(5, data[at - 1]);
        data[at - 1] = 0x7F;
        ModelFormatException e = Bad.Binary<WideValue>(Payload.Reseal(data), "text", "length 127 is larger than");
        Assert.Equal(at - 1, e.Offset);
    }

    [Fact]
    public void Length_varints_far_larger_than_the_input()
    {
        int values = Payload.Key<FloatVector>("values");
        byte[] three = new Payload().Tag(values, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(3).Fixed32(0).Fixed32(0).End().ToArray();
        Bad.Binary<FloatVector>(Payload.Wrap<FloatVector>(three), "values", "needs 12 bytes");
        foreach (ulong huge in new[] { 1UL << 20, 1UL << 31, 1UL << 40, ulong.MaxValue })
        {
            // A packed array claiming `huge` floats with only two present.
            byte[] packed = new Payload().Tag(values, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(huge).Fixed32(0).Fixed32(0).End().ToArray();
            Bad.Binary<FloatVector>(Payload.Wrap<FloatVector>(packed), "values");
            // A two-dimensional one whose product overflows.
            byte[] matrix = new Payload().Tag(Payload.Key<Collections>("matrix"), WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(2).VarUInt(huge).VarUInt(huge).Fixed32(0).End().ToArray();
            Bad.Binary<Collections>(Payload.Wrap<Collections>(matrix), "matrix");
            // A sequence of strings, a map and a string claiming `huge` items or bytes.
            byte[] seq = new Payload().Tag(Payload.Key<Collections>("strings"), WireType.Sequence).VarUInt(1).VarUInt(huge).Tag(1, WireType.Bytes).String("x").End().ToArray();
            Bad.Binary<Collections>(Payload.Wrap<Collections>(seq), "strings");
            byte[] map = new Payload().Tag(Payload.Key<Collections>("byString"), WireType.Sequence).VarUInt(0).VarUInt(huge).Tag(1, WireType.Bytes).String("k").Tag(1, WireType.Fixed64).Fixed64(0).End().ToArray();
            Bad.Binary<Collections>(Payload.Wrap<Collections>(map), "byString");
            byte[] str = new Payload().Tag(Payload.Key<WideValue>("text"), WireType.Bytes).VarUInt(huge).Raw(0x41).End().ToArray();
            Bad.Binary<WideValue>(Payload.Wrap<WideValue>(str), "text");
        }
    }

    [Fact]
    public void Element_count_limit_applies()
    {
        byte[] data = ModelSerializer.Serialize(new FloatVector { Values = new float[100] });
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<FloatVector>(data, new ModelSerializerOptions { MaxElementCount = 99 }));
        Assert.Equal("values", e.Path);
        Assert.Contains("MaxElementCount", e.Message);
        Bad.Throws(() => ModelSerializer.Deserialize<FloatVector>(data, new ModelSerializerOptions { MaxInputSize = data.Length - 1 }));
        Bad.Throws(() => ModelSerializer.Deserialize<FloatVector>(new System.IO.MemoryStream(data), new ModelSerializerOptions { MaxInputSize = 10 }));
        Bad.Throws(() => ModelSerializer.Deserialize<FloatVector>(new NonSeekableStream(data), new ModelSerializerOptions { MaxInputSize = 10 }));
    }

    // ---- nesting ----

    private static byte[] DeepChain(int depth)
    {
        int child = Payload.Key<Chain>("child");
        var p = new Payload();
        for (int i = 0; i < depth; i++) p.Tag(child, WireType.Object);
        for (int i = 0; i <= depth; i++) p.End();
        return Payload.Wrap<Chain>(p.ToArray());
    }

    private static Chain Chain(int depth)
    {
        var root = new Chain { Value = 0 };
        Chain c = root;
        for (int i = 1; i < depth; i++) c = c.Child = new Chain { Value = i };
        return root;
    }

    [Fact]
    public void Binary_nesting_deeper_than_the_limit()
    {
        RoundTrip.All(Chain(60)); // within the default limit of 64
        ModelSerializer.Deserialize<Chain>(DeepChain(64));
        ModelFormatException e = Bad.Binary<Chain>(DeepChain(65), reason: "nesting is deeper than the limit of 64");
        Assert.StartsWith("child.child.child", e.Path);
        Bad.Binary<Chain>(DeepChain(100_000), reason: "nesting is deeper");
        Bad.Throws(() => ModelSerializer.Deserialize<Chain>(DeepChain(10), new ModelSerializerOptions { MaxDepth = 5 }));
    }

    [Fact]
    public void Binary_nesting_in_skipped_members_is_limited_too()
    {
        var p = new Payload();
        for (int i = 0; i < 10_000; i++) p.Tag(5000, WireType.Object);
        for (int i = 0; i <= 10_000; i++) p.End();
        Bad.Binary<Chain>(Payload.Wrap<Chain>(p.ToArray()), reason: "nesting is deeper");
        var s = new Payload();
        for (int i = 0; i < 10_000; i++) s.Tag(i == 0 ? 5000 : 1, WireType.Sequence).VarUInt(1).VarUInt(1);
        Bad.Binary<Chain>(Payload.Wrap<Chain>(s.ToArray()), reason: "nesting is deeper");
    }

    [Fact]
    public void Json_nesting_10000_deep()
    {
        string deepModel = string.Concat(Enumerable.Repeat("{\"child\":", 10_000)) + "null" + new string('}', 10_000);
        Bad.Json<Chain>(deepModel);
        string deepUnknown = "{\"value\":1,\"extra\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Bad.Json<Chain>(deepUnknown);
        string deepObjects = "{\"extra\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_001);
        Bad.Json<Chain>(deepObjects);
        Assert.Equal(1, ModelJson.Deserialize<Chain>(ModelJson.Serialize(Chain(60))).Child!.Value);
    }

    // On a new thread with the default stack size (not the larger main thread stack), or a given one.
    private static Exception? OnSmallStack(Action action, int maxStackSize = 0)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { caught = e; }
        }, maxStackSize);
        thread.Start();
        thread.Join();
        return caught;
    }

    [Fact]
    public void An_error_at_the_deepest_level_travels_out_on_a_256_KiB_stack()
    {
        // The path is built by exception filters, so the error is thrown once and never rethrown per level:
        // unwinding 64 levels costs no more stack than reading them.
        Exception? binary = OnSmallStack(() => ModelSerializer.Deserialize<Chain>(DeepChain(65)), 256 * 1024);
        Assert.StartsWith(string.Join(".", Enumerable.Repeat("child", 60)), Assert.IsType<ModelFormatException>(binary).Path);
        string json = string.Concat(Enumerable.Repeat("{\"child\":", 60)) + "{\"value\":\"x\"}" + new string('}', 60);
        Exception? text = OnSmallStack(() => ModelJson.Deserialize<Chain>(json), 256 * 1024);
        Assert.EndsWith("child.value", Assert.IsType<ModelFormatException>(text).Path);
    }

    [Fact]
    public void Json_nesting_through_a_caller_reader_without_a_depth_limit_does_not_overflow_the_stack()
    {
        byte[] json = Bytes(string.Concat(Enumerable.Repeat("{\"child\":", 100_000)) + "null" + new string('}', 100_000));
        Exception? e = OnSmallStack(() =>
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
            ModelJson.Deserialize<Chain>(ref reader);
        });
        Assert.Contains("nesting is deeper than the limit", Assert.IsType<ModelFormatException>(e).Message);
    }

    [Fact]
    public void Dictionary_nesting_deeper_than_the_stack_allows_does_not_overflow_it()
    {
        var root = new Dictionary<string, object?>();
        Dictionary<string, object?> d = root;
        for (int i = 0; i < 100_000; i++)
        {
            var next = new Dictionary<string, object?>();
            d["child"] = next;
            d = next;
        }
        Exception? e = OnSmallStack(() => ModelDictionary.FromDictionary<Chain>(root));
        Assert.Contains("nesting is deeper than the limit", Assert.IsType<ModelFormatException>(e).Message);
        Assert.Equal(2, ModelDictionary.FromDictionary<Chain>(ModelDictionary.ToDictionary(Chain(60))).Child!.Child!.Value);
    }

    // ---- strings ----

    [Fact]
    public void Invalid_utf8_in_a_binary_string()
    {
        byte[] data = ModelSerializer.Serialize(new WideValue { Value = 1, Text = "abcd" });
        int at = Payload.IndexOf(data, Bytes("abcd"));
        data[at + 1] = 0xC3; // a lead byte followed by a non-continuation byte
        data[at + 2] = 0x28;
        Bad.Binary<WideValue>(Payload.Reseal(data), "text", "invalid UTF-8");
        data[at + 1] = 0xFF;
        Bad.Binary<WideValue>(Payload.Reseal(data), "text", "invalid UTF-8");
        // In a list item and as a dictionary key.
        byte[] list = new Payload().Tag(Payload.Key<Collections>("stringList"), WireType.Sequence).VarUInt(1).VarUInt(2)
            .Tag(1, WireType.Bytes).String("ok").Tag(1, WireType.Bytes).Bytes([0xED, 0xA0, 0x80]).End().ToArray();
        Bad.Binary<Collections>(Payload.Wrap<Collections>(list), "stringList[1]", "invalid UTF-8");
    }

    [Fact]
    public void Invalid_utf8_in_json()
    {
        byte[] value = [.. "{\"text\":\"a"u8, 0xFF, .. "b\"}"u8];
        ModelFormatException e = Bad.Throws(() => ModelJson.Deserialize<WideValue>(value.AsSpan()));
        Assert.Equal("text", e.Path);
        Assert.Contains("invalid UTF-8", e.Message);
        byte[] key = [.. "{\"byString\":{\"a"u8, 0xC3, 0x28, .. "\":1}}"u8];
        Assert.Contains("invalid UTF-8", Bad.Throws(() => ModelJson.Deserialize<Collections>(key.AsSpan())).Message);
        byte[] tag = [.. "{\"main\":{\"$type\":\"d"u8, 0xFF, .. "\"}}"u8];
        Assert.Contains("invalid UTF-8", Bad.Throws(() => ModelJson.Deserialize<Pipeline>(tag.AsSpan())).Message);
        byte[] enumName = [.. "{\"color\":\"R"u8, 0xFF, .. "\"}"u8];
        Assert.Equal("color", Bad.Throws(() => ModelJson.Deserialize<AllScalars>(enumName.AsSpan())).Path);
    }

    // ---- unions ----

    [Fact]
    public void Unknown_union_tag_in_binary()
    {
        byte[] data = ModelSerializer.Serialize(new Pipeline { Ops = [new DropoutOp { Name = "x", Rate = 0.5 }] });
        int at = Payload.IndexOf(data, Bytes("dropout"));
        Bytes("dropin!").CopyTo(data, at);
        Bad.Binary<Pipeline>(Payload.Reseal(data), "ops[0]", "unknown union tag 'dropin!'");
        // A union object without its tag.
        byte[] untagged = new Payload().Tag(Payload.Key<Pipeline>("main"), WireType.Object).Tag(Payload.Key<DropoutOp>("rate"), WireType.Fixed64).Fixed64(0).End().End().ToArray();
        Bad.Binary<Pipeline>(Payload.Wrap<Pipeline>(untagged), "main", "union tag");
    }

    [Fact]
    public void Unknown_union_tag_in_json()
    {
        Bad.Json<Pipeline>("{\"ops\":[{\"$type\":\"dense\"},{\"name\":\"x\",\"$type\":\"System.IO.File\"}]}", "ops[1]", "unknown union tag 'System.IO.File'");
        Bad.Json<Pipeline>("{\"main\":{\"name\":\"x\"}}", "main", "union tag");
        Bad.Json<Pipeline>("{\"main\":{\"$type\":5}}", "main");
        Bad.Json<Pipeline>("{\"named\":{\"k\":{\"$type\":\"Dense\"}}}", "named[k]", "unknown union tag");
    }

    [Fact]
    public void Unknown_union_tag_in_dictionary()
    {
        var values = new Dictionary<string, object?> { ["ops"] = new List<object?> { new Dictionary<string, object?> { ["$type"] = "evil", ["name"] = "x" } } };
        Bad.Dictionary<Pipeline>(values, "ops[0]", "unknown union tag 'evil'");
        Bad.Dictionary<Pipeline>(new Dictionary<string, object?> { ["main"] = new Dictionary<string, object?> { ["name"] = "x" } }, "main", "union tag");
        Bad.Dictionary<Pipeline>(new Dictionary<string, object?> { ["main"] = new Dictionary<string, object?> { ["$type"] = 3 } }, "main");
    }

    // ---- required members ----

    [Fact]
    public void Missing_required_member_in_binary()
    {
        byte[] data = ModelSerializer.Serialize(new RequiredMissing { Other = 3 });
        Bad.Binary<RequiredHolder>(data, "id", "missing required member 'id'");
        // A constructor parameter without a default, in a nested model: layers[1].inputs.
        int layers = Payload.Key<Network>("layers");
        int outputs = Payload.Key<Layer>("outputs");
        byte[] nested = new Payload().Tag(layers, WireType.Sequence).VarUInt(1).VarUInt(2)
            .Tag(1, WireType.Object).End()
            .Tag(1, WireType.Object).Tag(outputs, WireType.VarInt).VarInt(1).End()
            .End().ToArray();
        Bad.Binary<Network>(Payload.Wrap<Network>(nested), "layers[0].inputs", "missing required member");
    }

    [Fact]
    public void Missing_required_member_in_json()
    {
        Bad.Json<RequiredHolder>("{\"other\":1}", "id", "missing required member 'id'");
        Bad.Json<InitAndRequired>("{\"id\":\"x\"}", "weight", "missing required member 'weight'");
        Bad.Json<Config>("{\"size\":3}", "name", "missing required member 'name'");
        Bad.Json<Network>("{\"layers\":[{\"inputs\":1,\"outputs\":1,\"weights\":[],\"biases\":[]},{\"inputs\":1}]}", "layers[1].outputs", "missing required member");
    }

    [Fact]
    public void Missing_required_member_in_dictionary()
    {
        Bad.Dictionary<RequiredHolder>(new Dictionary<string, object?> { ["other"] = 1 }, "id", "missing required member 'id'");
        Bad.Dictionary<InitAndRequired>(new Dictionary<string, object?>(), reason: "missing required member");
        Bad.Dictionary<Config>(new Dictionary<string, object?> { ["size"] = 3 }, "name");
        var values = new Dictionary<string, object?> { ["head"] = new Dictionary<string, object?> { ["inputs"] = 1, ["outputs"] = 1, ["weights"] = new float[0] } };
        Bad.Dictionary<Network>(values, "head.biases", "missing required member");
    }

    [Fact]
    public void Null_for_a_non_nullable_member()
    {
        byte[] payload = new Payload().Tag(Payload.Key<WideValue>("text"), WireType.Marker).End().ToArray();
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(payload), "text", "null");
        Bad.Json<WideValue>("{\"text\":null}", "text", "null");
        Bad.Json<Collections>("{\"floats\":[1,null]}", "floats[1]", "null");
        Bad.Json<Collections>("{\"byString\":{\"a\":null}}", "byString[a]", "null");
    }

    // ---- values out of range or of the wrong kind ----

    [Fact]
    public void Int_member_holding_a_long_value()
    {
        byte[] data = ModelSerializer.Serialize(new WideValue { Value = 1L << 40, Text = "t" });
        Bad.Binary<NarrowValue>(data, "value", "out of range for Int32");
        Assert.Equal(int.MaxValue, ModelSerializer.Deserialize<NarrowValue>(ModelSerializer.Serialize(new WideValue { Value = int.MaxValue })).Value);
        Bad.Json<NarrowValue>(ModelJson.Serialize(new WideValue { Value = 1L << 40 }), "value");
        Bad.Json<NarrowValue>("{\"value\":1.5}", "value");
        Bad.Json<NarrowValue>("{\"value\":1e400}", "value");
        Bad.Json<NarrowValue>("{\"value\":\"1\"}", "value");
        Bad.Dictionary<NarrowValue>(ModelDictionary.ToDictionary(new WideValue { Value = 1L << 40 }), "value");
    }

    [Fact]
    public void Values_out_of_range_in_nested_members_name_the_path()
    {
        string json = """
            {"layers":[
              {"inputs":1,"outputs":1,"weights":[1],"biases":[1]},
              {"inputs":1,"outputs":1,"weights":[1],"biases":[1]},
              {"inputs":1,"outputs":1,"weights":[1, 1e39],"biases":[1]}]}
            """;
        Bad.Json<Network>(json, "layers[2].weights[1]");
        var values = ModelDictionary.ToDictionary(Samples.NetworkSample());
        var layer = (Dictionary<string, object?>)((List<object?>)values["layers"]!)[2]!;
        layer["weights"] = new object?[] { 1.0, "x" };
        Bad.Dictionary<Network>(values, "layers[2].weights[1]");

        // Binary: an unknown packed element code in layers[2].weights.
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        int at = Payload.IndexOf(data, [(byte)PackedElement.Single, 1, 1, 0xFF, 0xFF, 0x7F, 0xFF]); // float.MinValue
        data[at] = 99;
        Bad.Binary<Network>(Payload.Reseal(data), "layers[2].weights", "unknown packed element code");
        // ... and an integer that a float cannot hold exactly.
        int weights = Payload.Key<Layer>("weights");
        byte[] inexact = new Payload().Tag(Payload.Key<Network>("head"), WireType.Object)
            .Tag(weights, WireType.Packed).Raw((byte)PackedElement.Int64).VarUInt(1).VarUInt(1).Fixed64((1UL << 40) + 1)
            .End().End().ToArray();
        Bad.Binary<Network>(Payload.Wrap<Network>(inexact), "head.weights", "does not fit");
    }

    [Fact]
    public void Wrong_wire_types_and_invalid_scalars_in_binary()
    {
        int value = Payload.Key<WideValue>("value");
        int text = Payload.Key<WideValue>("text");
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(new Payload().Tag(value, WireType.Bytes).String("1").End().ToArray()), "value");
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(new Payload().Tag(text, WireType.VarInt).VarInt(1).End().ToArray()), "text");
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(new Payload().Tag(value, WireType.VarInt).Raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).End().ToArray()), "value", "varint");
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(new Payload().Tag(value, WireType.VarInt).Raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).End().ToArray()), "value", "varint");
        Bad.Binary<WideValue>(Payload.Wrap<WideValue>(new Payload().VarUInt(ulong.MaxValue).ToArray()), reason: "field key");
        int b = Payload.Key<AllScalars>("bool");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(b, WireType.VarInt).VarInt(2).End().ToArray()), "bool");
        int dt = Payload.Key<AllScalars>("dateTime");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(dt, WireType.Fixed64).Fixed64(ulong.MaxValue).End().ToArray()), "dateTime");
        int guid = Payload.Key<AllScalars>("guid");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(guid, WireType.Bytes).Bytes(new byte[15]).End().ToArray()), "guid");
        int dec = Payload.Key<AllScalars>("decimal");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(dec, WireType.Bytes).Bytes(Enumerable.Repeat((byte)0xFF, 16).ToArray()).End().ToArray()), "decimal");
        int dto = Payload.Key<AllScalars>("dateTimeOffset");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(dto, WireType.Bytes).Bytes([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0x7F]).End().ToArray()), "dateTimeOffset");
        int level = Payload.Key<AllScalars>("level");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(level, WireType.VarInt).VarInt(300).End().ToArray()), "level", "out of range");
        int ch = Payload.Key<AllScalars>("char");
        Bad.Binary<AllScalars>(Payload.Wrap<AllScalars>(new Payload().Tag(ch, WireType.VarInt).VarInt(70000).End().ToArray()), "char");
        int map = Payload.Key<Collections>("byInt");
        Bad.Binary<Collections>(Payload.Wrap<Collections>(new Payload().Tag(map, WireType.Sequence).VarUInt(0).VarUInt(2)
            .Tag(1, WireType.VarInt).VarInt(1).Tag(1, WireType.Bytes).String("a")
            .Tag(1, WireType.VarInt).VarInt(1).Tag(1, WireType.Bytes).String("b").End().ToArray()), "byInt[1]", "duplicate key");
        Bad.Binary<Collections>(Payload.Wrap<Collections>(new Payload().Tag(map, WireType.Sequence).VarUInt(0).VarUInt(1)
            .Tag(1, WireType.Marker).Tag(1, WireType.Bytes).String("a").End().ToArray()), "byInt", "null");
        int matrix = Payload.Key<Collections>("matrix");
        Bad.Binary<Collections>(Payload.Wrap<Collections>(new Payload().Tag(matrix, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(1).VarUInt(1).Fixed32(0).End().ToArray()), "matrix", "rank");
        Bad.Binary<Collections>(Payload.Wrap<Collections>(new Payload().Tag(5000, (WireType)7).Tag(5001, WireType.Packed).Raw(77).End().ToArray()), reason: "packed element code");
    }

    // ---- malformed JSON ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("{")]
    [InlineData("{\"value\":}")]
    [InlineData("{\"value\":1,}")]
    [InlineData("{\"value\" 1}")]
    [InlineData("{value:1}")]
    [InlineData("{'value':1}")]
    [InlineData("{\"value\":01}")]
    [InlineData("{\"value\":1} {\"value\":2}")]
    [InlineData("{\"value\":1}}")]
    [InlineData("{\"value\":1} trailing")]
    [InlineData("{\"text\":\"unterminated}")]
    [InlineData("{\"text\":\"bad \\q escape\"}")]
    [InlineData("{\"value\":tru}")]
    [InlineData("{\"value\":1 /* comment */}")]
    [InlineData("{\"text\":[1,2}")]
    public void Malformed_json(string json) => Bad.Json<WideValue>(json);

    [Theory]
    [InlineData("{\"matrix\":[[1,2],[3]]}", "matrix[1]")]
    [InlineData("{\"matrix\":[1,2]}", "matrix[0]")]
    [InlineData("{\"jagged\":[[1],2]}", "jagged[1]")]
    [InlineData("{\"bytes\":\"not base64!\"}", "bytes")]
    [InlineData("{\"byInt\":{\"x\":\"y\"}}", "byInt[x]")]
    [InlineData("{\"byEnum\":{\"Purple\":1}}", "byEnum[Purple]")]
    [InlineData("{\"byString\":{\"a\":1,\"a\":2}}", "byString[a]")]
    [InlineData("{\"inners\":[{\"name\":5}]}", "inners[0].name")]
    [InlineData("{\"colors\":[\"Red\",\"Red,Blue\"]}", "colors[1]")]
    [InlineData("{\"ints\":{}}", "ints")]
    [InlineData("{\"floatMemory\":[1e39]}", "floatMemory[0]")]
    [InlineData("{\"ulongs\":[-1]}", "uLongs[0]")]
    public void Json_values_of_the_wrong_shape(string json, string path)
    {
        Bad.Json<Collections>(json.Replace("ulongs", "uLongs"), path);
    }

    [Theory]
    [InlineData("{\"char\":\"ab\"}", "char")]
    [InlineData("{\"guid\":\"nope\"}", "guid")]
    [InlineData("{\"dateTime\":\"2020-13-45\"}", "dateTime")]
    [InlineData("{\"dateTimeOffset\":1}", "dateTimeOffset")]
    [InlineData("{\"timeSpan\":\"forever\"}", "timeSpan")]
    [InlineData("{\"decimal\":1e300}", "decimal")]
    [InlineData("{\"half\":1e10}", "half")]
    [InlineData("{\"float\":\"nan\"}", "float")]
    [InlineData("{\"bool\":1}", "bool")]
    [InlineData("{\"byte\":-1}", "byte")]
    [InlineData("{\"sByte\":200}", "sByte")]
    [InlineData("{\"uLong\":18446744073709551616}", "uLong")]
    [InlineData("{\"level\":\"Medium\"}", "level")]
    [InlineData("{\"level\":256}", "level")]
    [InlineData("{\"$version\":\"three\"}", null)]
    public void Json_scalars_out_of_range_or_invalid(string json, string? path)
    {
        Bad.Json<AllScalars>(json, path);
    }
}
