using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tests;

public class RoundTripTests
{
    public static TheoryData<string> Forms => new() { "binary", "json", "dictionary" };

    internal static T Run<T>(string form, T value) where T : IModelSerializable<T> => form switch
    {
        "binary" => RoundTrip.Binary(value),
        "json" => RoundTrip.Json(value),
        "dictionary" => RoundTrip.Dictionary(value),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Model_nested_in_its_concrete_base_model(string form)
    {
        OuterBase.Inner inner = Run(form, new OuterBase.Inner { A = 7, Name = "n", B = 2.5 });
        Assert.Equal((7, "n", 2.5), (inner.A, inner.Name, inner.B));
        OuterBase outer = Run(form, new OuterBase { A = 3, Name = "o" });
        Assert.Equal((3, "o"), (outer.A, outer.Name));
        Assert.Contains("\"b\"", ModelJson.Serialize(new OuterBase.Inner { B = 1 }), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Scalars_extreme_values(string form)
    {
        AllScalars back = Run(form, Samples.ScalarsMax());
        Assert.Equal(ulong.MaxValue, back.ULong);
        Assert.Equal(DateTimeKind.Utc, back.DateTime.Kind);
        Assert.Equal(TimeSpan.FromMinutes(-330), back.DateTimeOffset.Offset);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Scalars_other_values(string form)
    {
        AllScalars back = Run(form, Samples.ScalarsOther());
        Assert.Equal((Color)42, back.Color);
        Assert.Equal(4, back.Decimal.Scale);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Scalars_defaults(string form) => Run(form, new AllScalars());

    [Theory]
    [InlineData("binary", DateTimeKind.Utc)]
    [InlineData("binary", DateTimeKind.Local)]
    [InlineData("binary", DateTimeKind.Unspecified)]
    [InlineData("json", DateTimeKind.Utc)]
    [InlineData("json", DateTimeKind.Local)]
    [InlineData("json", DateTimeKind.Unspecified)]
    [InlineData("dictionary", DateTimeKind.Utc)]
    [InlineData("dictionary", DateTimeKind.Local)]
    [InlineData("dictionary", DateTimeKind.Unspecified)]
    public void DateTime_every_kind(string form, DateTimeKind kind)
    {
        var value = new AllScalars { DateTime = new DateTime(2021, 6, 7, 8, 9, 10, kind).AddTicks(1234567) };
        // Local is stored as its instant and reads back as UTC, in every form (LocalTimeTests).
        Assert.Equal(kind == DateTimeKind.Local ? DateTimeKind.Utc : kind, Run(form, value).DateTime.Kind);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Nullables_present(string form)
    {
        Nullables back = Run(form, Samples.NullablesSet());
        Assert.Null(back.Strings![1]);
        Assert.Null(back.NullableInts![1]);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Nullables_null(string form)
    {
        Nullables back = Run(form, new Nullables());
        Assert.Null(back.Int);
        Assert.Null(back.Inner);
        Assert.Null(back.String);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Collections_full(string form)
    {
        Collections back = Run(form, Samples.CollectionsFull());
        Assert.Equal(new float[] { 2f, 3f }, back.FloatMemory.ToArray());
        Assert.Equal(3, back.Cube.GetLength(1));
        Assert.Equal("f", back.StringMatrix[2, 1]);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Collections_empty_with_empty_dimensions(string form)
    {
        // Every form keeps every dimension, even after a zero one: float[0, 5] comes back as [0, 5], not [0, 0]
        // (JSON and plain values write an empty array with a non-zero length as its shape, {"$shape": [0, 5]}).
        Collections back = Run(form, Samples.CollectionsEmpty(dimensionsAfterZero: true));
        Assert.Equal(3, back.StringMatrix.GetLength(0));
        Assert.Equal((0, 5), (back.Matrix.GetLength(0), back.Matrix.GetLength(1)));
        Assert.Equal((2, 0, 3), (back.Cube.GetLength(0), back.Cube.GetLength(1), back.Cube.GetLength(2)));
        Assert.Equal((0, 2), (back.InnerMatrix.GetLength(0), back.InnerMatrix.GetLength(1)));
        Assert.Empty(back.IntList);
        Assert.Single(back.Jagged);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Nested_models_and_lists_of_them(string form)
    {
        Network back = Run(form, Samples.NetworkSample());
        Assert.Equal(3, back.Layers.Count);
        Assert.Equal(new float[] { 7, 8, 9 }, back.Layers[1].Weights);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Record_with_primary_constructor(string form)
    {
        Run(form, new Config("cfg", 9, 0.25, Color.Blue, "note", -2f) { Extra = [] });
        Run(form, new Config("defaults"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Init_only_required_and_fields(string form)
    {
        var value = new InitAndRequired { Id = "id-1", Count = 3, Label = "lbl", Weight = 2.5, Field = -4, FieldList = [1, 2] };
        InitAndRequired back = Run(form, value);
        Assert.Equal("id-1", back.Id);
        Assert.Equal(-4, back.Field);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Get_only_and_readonly_fields_set_by_constructor(string form)
    {
        CtorFields back = Run(form, new CtorFields("tag", long.MaxValue) { Mutable = 1.25 });
        Assert.Equal("tag", back.Tag);
        Assert.Equal(1.25, back.Mutable);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Structs_and_record_structs(string form)
    {
        var value = new StructHolder
        {
            Point = new PointStruct { X = 1.5, Y = -2, Label = "p" },
            MaybePoint = new PointStruct { X = 3 },
            Pairs = [new PairRecordStruct(1, "one"), new PairRecordStruct(2, "two", Color.Red)],
            Record = new ReadOnlyRecordStruct(77, [1f, 2f]),
        };
        Run(form, value);
        Run(form, new PairRecordStruct(5, "five", Color.Green));
        Run(form, new PointStruct { X = double.NaN, Y = double.NegativeInfinity });
        Run(form, new ReadOnlyRecordStruct(-1, []));
        StructHolder empty = Run(form, new StructHolder { Record = new ReadOnlyRecordStruct(0, []) });
        Assert.Null(empty.MaybePoint);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Member_names_and_ignore(string form)
    {
        var value = new Attributed { LearningRate = 0.3, WithKey = 11, Ignored = "changed", Kept = "k" };
        Attributed back = Run(form, value);
        Assert.Equal("not serialized", back.Ignored);
        Assert.Equal(0.3, back.LearningRate);
    }

    [Fact]
    public void Member_names_appear_in_json_dictionary_and_schema()
    {
        var value = new Attributed { LearningRate = 0.3, WithKey = 11, Ignored = "changed", Kept = "k" };
        string json = ModelJson.Serialize(value);
        Assert.Contains("\"lr\":0.3", json);
        Assert.Contains("\"custom_key\":11", json);
        Assert.DoesNotContain("ignored", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("learningRate", json);
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(value);
        Assert.Equal(["$version", "lr", "custom_key", "kept"], plain.Keys.ToArray()); // the version, as in JSON
        Assert.Equal(4242, Attributed.Schema.Members.Single(m => m.Name == "custom_key").Key);
        Assert.Equal(3, Attributed.Schema.Members.Count);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Unions_with_mixed_subtypes(string form)
    {
        Pipeline back = Run(form, Samples.PipelineSample());
        Assert.IsType<DenseOp>(back.Ops[0]);
        Assert.IsType<ConvOp>(back.Ops[1]);
        Assert.IsType<DropoutOp>(back.Ops[2]);
        Assert.IsType<ConvOp>(back.Main);
        Assert.IsType<DropoutOp>(back.Named["x"]);
        Assert.Equal(4, ((ConvOp)back.Ops[1]).Shape[1, 1]);
        Assert.Equal("c1", back.Ops[1].Name);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Models_without_members_round_trip(string form)
    {
        var value = new Sequential { Layers = [new FlattenLayer(), new ScaleLayer { Factor = 2f }, new FlattenLayer()] };
        Sequential back = Run(form, value);
        Assert.Collection(back.Layers,
            l => Assert.IsType<FlattenLayer>(l),
            l => Assert.Equal(2f, Assert.IsType<ScaleLayer>(l).Factor),
            l => Assert.IsType<FlattenLayer>(l));
        Assert.IsType<FlattenLayer>(Run(form, new FlattenLayer()));
        Assert.Equal(new NoState(), Run(form, new NoState()));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Union_subtype_alone(string form)
    {
        Run(form, new DenseOp { Name = "alone", Units = 2, Weights = [3f] });
    }

    [Fact]
    public void Union_tag_anywhere_in_the_json_object()
    {
        string json = """
            {"ops":[
               {"name":"a","units":3,"$type":"dense","weights":[1,2]},
               {"name":"b","$type":"conv","shape":[[1]],"kernel":2},
               {"rate":0.25,"name":"c","$type":"dropout"},
               {"$type":"dense","name":"d"}
             ],
             "named":{"k":{"rate":0.5,"$type":"dropout"}}}
            """;
        Pipeline p = ModelJson.Deserialize<Pipeline>(json);
        Assert.Collection(p.Ops,
            o => { var d = Assert.IsType<DenseOp>(o); Assert.Equal(3, d.Units); Assert.Equal(new float[] { 1, 2 }, d.Weights); Assert.Equal("a", d.Name); },
            o => { var c = Assert.IsType<ConvOp>(o); Assert.Equal(2, c.Kernel); Assert.Equal(1, c.Shape[0, 0]); },
            o => { var d = Assert.IsType<DropoutOp>(o); Assert.Equal(0.25, d.Rate); Assert.Equal("c", d.Name); },
            o => Assert.Equal("d", Assert.IsType<DenseOp>(o).Name));
        Assert.Equal(0.5, Assert.IsType<DropoutOp>(p.Named["k"]).Rate);
        Assert.Null(p.Main);
    }

    [Fact]
    public void Previous_names_load_in_binary()
    {
        var old = new RenamedV1 { LearningRate = 0.125, Epochs = 12, Tags = ["a", "b"] };
        RenamedV2 back = ModelSerializer.Deserialize<RenamedV2>(ModelSerializer.Serialize(old));
        Assert.Equal(0.125, back.Lr);
        Assert.Equal(12, back.Iterations);
        Assert.Equal(["a", "b"], back.Labels);
    }

    [Fact]
    public void Previous_names_load_in_json()
    {
        var old = new RenamedV1 { LearningRate = 0.125, Epochs = 12, Tags = ["a", "b"] };
        RenamedV2 back = ModelJson.Deserialize<RenamedV2>(ModelJson.Serialize(old));
        Assert.Equal(0.125, back.Lr);
        Assert.Equal(12, back.Iterations);
        Assert.Equal(["a", "b"], back.Labels);
        Assert.Equal(5, ModelJson.Deserialize<RenamedV2>("{\"epochCount\":5}").Iterations);
    }

    [Fact]
    public void Previous_names_load_in_dictionary()
    {
        var old = new RenamedV1 { LearningRate = 0.125, Epochs = 12, Tags = ["a", "b"] };
        RenamedV2 back = ModelDictionary.FromDictionary<RenamedV2>(ModelDictionary.ToDictionary(old));
        Assert.Equal(0.125, back.Lr);
        Assert.Equal(12, back.Iterations);
        Assert.Equal(["a", "b"], back.Labels);
        Assert.Equal(5, ModelDictionary.FromDictionary<RenamedV2>(new Dictionary<string, object?> { ["epochCount"] = 5 }).Iterations);
        Assert.Equal(["learningRate"], RenamedV2.Schema.Members.Single(m => m.Name == "lr").PreviousNames);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void New_names_round_trip(string form) =>
        Run(form, new RenamedV2 { Lr = 1, Iterations = 2, Labels = ["z"] });

    [Fact]
    public void Missing_optional_members_keep_their_defaults()
    {
        Config c = ModelJson.Deserialize<Config>("{\"name\":\"only\"}");
        Deep.Equal(new Config("only"), c);
        InitAndRequired r = ModelDictionary.FromDictionary<InitAndRequired>(new Dictionary<string, object?> { ["id"] = "x", ["weight"] = 1.0 });
        Assert.Equal(7, r.Count);
        Assert.Equal("default", r.Label);
        Assert.Equal([1, 2, 3], ModelJson.Deserialize<Config>("{\"name\":\"n\"}").Extra);
    }

    [Fact]
    public void Unknown_members_are_skipped_in_every_form()
    {
        // A newer writer added members: binary skips them by wire type, JSON and dictionaries by name.
        var payload = new Payload()
            .Tag(999, WireType.VarInt).VarInt(5)
            .Tag(1000, WireType.Fixed64).Fixed64(1)
            .Tag(1001, WireType.Fixed32).Fixed32(1)
            .Tag(1002, WireType.Bytes).String("skip me")
            .Tag(1003, WireType.Object).Tag(17, WireType.VarInt).VarInt(1).Tag(18, WireType.Marker).End()
            .Tag(1004, WireType.Packed).Raw((byte)PackedElement.Single).VarUInt(2).VarUInt(1).VarUInt(2).Fixed32(0).Fixed32(0)
            .Tag(1005, WireType.Sequence).VarUInt(1).VarUInt(2).Tag(1, WireType.VarInt).VarInt(1).Tag(1, WireType.Marker)
            .Tag(1006, WireType.Sequence).VarUInt(0).VarUInt(1).Tag(1, WireType.Bytes).String("k").Tag(1, WireType.VarInt).VarInt(2)
            .Tag(1007, WireType.Marker)
            .Tag(Payload.Key<Chain>("value"), WireType.VarInt).VarInt(41)
            .End();
        Assert.Equal(41, ModelSerializer.Deserialize<Chain>(Payload.Wrap<Chain>(payload.ToArray())).Value);
        Assert.Equal(41, ModelJson.Deserialize<Chain>("{\"extra\":{\"a\":[1,{\"b\":null}]},\"value\":41,\"more\":\"x\"}").Value);
        Assert.Equal(41, ModelDictionary.FromDictionary<Chain>(new Dictionary<string, object?> { ["extra"] = new object(), ["value"] = 41 }).Value);
    }

    [Fact]
    public void Large_model_streams_in_chunks()
    {
        // Larger than the 64 KiB hashing and stream chunks.
        var value = new Collections { Floats = Enumerable.Range(0, 100_000).Select(i => i * 0.5f).ToArray(), Strings = Enumerable.Range(0, 5000).Select(i => new string('s', i % 50)).ToArray() };
        RoundTrip.Binary(value);
    }

    [Fact]
    public void Checksum_can_be_left_out()
    {
        var options = new ModelSerializerOptions { WriteChecksum = false };
        byte[] bytes = ModelSerializer.Serialize(Samples.NetworkSample(), options);
        Assert.False(ModelSerializer.ReadEnvelope(bytes).HasChecksum);
        Deep.Equal(Samples.NetworkSample(), ModelSerializer.Deserialize<Network>(bytes));
    }

    [Fact]
    public void Schema_describes_the_model()
    {
        Assert.Equal(3, Network.Schema.Version);
        Assert.Equal("ModelGen.Tests.Network", Network.Schema.Name);
        Assert.Equal(["name", "layers", "head", "metrics"], Network.Schema.Members.Select(m => m.Name).ToArray());
        Assert.Equal("list<model:ModelGen.Tests.Layer>", Network.Schema.Members[1].Type);
        Assert.Equal("float32[,]", Collections.Schema.Members.Single(m => m.Name == "matrix").Type);
        Assert.NotEqual(WideValue.Schema.Fingerprint, NarrowValue.Schema.Fingerprint);
        Envelope e = ModelSerializer.ReadEnvelope(ModelSerializer.Serialize(Samples.NetworkSample()));
        Assert.Equal(Network.Schema.Fingerprint, e.Fingerprint);
        Assert.Equal(3, e.SchemaVersion);
        Assert.Equal("ModelGen.Tests.Network", e.ModelName);
    }
}
