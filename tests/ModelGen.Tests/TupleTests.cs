using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Value tuples (named or not, 1 to 7 items) and KeyValuePair: members, nullable, in collections, as
/// dictionary values and keys (an RL Q-table), holding models and collections.</summary>
[SerializableModel]
public partial class TupleKinds
{
    public (int, int) Pair { get; set; }
    public (string Name, float Weight) Named { get; set; } = ("", 0f);
    public ValueTuple<int> Single { get; set; }
    public (int, long, float, double, string, bool, Color) Seven { get; set; } = (0, 0, 0, 0, "", false, Color.Red);
    public (int, int)? Maybe { get; set; }
    public (int, int)? MaybeNull { get; set; }
    public KeyValuePair<string, double> Entry { get; set; } = new("", 0);
    public List<(int, string?)> List { get; set; } = new();
    public (float, float)[] Array { get; set; } = [];
    public HashSet<(int, int)> Set { get; set; } = new();
    public Dictionary<(int State, int Action), double> QTable { get; set; } = new();
    public Dictionary<(string, int), float> ByNameAndId { get; set; } = new();
    public SortedDictionary<(int, int), string> Sorted { get; set; } = new();
    public Dictionary<string, (int, int)> Values { get; set; } = new();
    public (Inner, int[]) WithModel { get; set; } = (new Inner(), []);
    public (List<string>, Dictionary<string, int>) WithCollections { get; set; } = (new(), new());
    public List<KeyValuePair<string, int>> Pairs { get; set; } = new();
    public ((int, int), string) Nested { get; set; } = ((0, 0), "");
    public KeyValuePair<int, Inner?>? MaybeEntry { get; set; }
}

public class TupleTests
{
    internal static TupleKinds Sample() => new()
    {
        Pair = (3, 4),
        Named = ("ada", 0.25f),
        Single = new ValueTuple<int>(9),
        Seven = (1, -2L, 1.5f, double.NaN, "seven", true, Color.Blue),
        Maybe = (5, 6),
        MaybeNull = null,
        Entry = new("lr", 0.001),
        List = [(1, "one"), (2, null)],
        Array = [(0.5f, -0.0f), (float.PositiveInfinity, 1f)],
        Set = [(1, 2), (2, 1)],
        QTable = new() { [(0, 1)] = 0.5, [(3, 4)] = -1.25, [(-7, 0)] = 0 },
        ByNameAndId = new() { [("en", 2)] = 1f, [("a \"quoted\", [bracketed] key", -1)] = 2f, [("é", 0)] = 3f },
        Sorted = new() { [(2, 1)] = "b", [(1, 2)] = "a" },
        Values = new() { ["x"] = (1, 2) },
        WithModel = (new Inner { Name = "in", Weights = [1f, 2f] }, [7, 8]),
        WithCollections = (["a", "b"], new() { ["k"] = 1 }),
        Pairs = [new("a", 1), new("b", 2)],
        Nested = ((1, 2), "n"),
        MaybeEntry = new(4, new Inner { Name = "e" }),
    };

    [Theory]
    [MemberData(nameof(RoundTripTests.Forms), MemberType = typeof(RoundTripTests))]
    public void Tuples_round_trip(string form)
    {
        TupleKinds back = RoundTripTests.Run(form, Sample());
        Assert.Equal((3, 4), back.Pair);
        Assert.Equal(("ada", 0.25f), back.Named);
        Assert.True(double.IsNaN(back.Seven.Item4));
        Assert.Null(back.MaybeNull);
        Assert.Equal(-1.25, back.QTable[(3, 4)]);
        Assert.Equal(2f, back.ByNameAndId[("a \"quoted\", [bracketed] key", -1)]);
        Assert.Equal(new[] { (1, 2), (2, 1) }, back.Sorted.Keys);
        Assert.Equal("in", back.WithModel.Item1.Name);
        Assert.Equal("e", back.MaybeEntry!.Value.Value!.Name);
    }

    [Theory]
    [MemberData(nameof(RoundTripTests.Forms), MemberType = typeof(RoundTripTests))]
    public void Defaults_round_trip(string form) => RoundTripTests.Run(form, new TupleKinds());

    [Fact]
    public void Json_writes_tuples_as_arrays_pairs_as_objects_and_tuple_keys_as_their_json_text()
    {
        using JsonDocument json = JsonDocument.Parse(ModelJson.Serialize(Sample()));
        JsonElement root = json.RootElement;
        Assert.Equal("[3,4]", root.GetProperty("pair").GetRawText());
        Assert.Equal("[\"ada\",0.25]", root.GetProperty("named").GetRawText());
        Assert.Equal("[9]", root.GetProperty("single").GetRawText());
        Assert.Equal("lr", root.GetProperty("entry").GetProperty("Key").GetString());
        Assert.Equal(0.001, root.GetProperty("entry").GetProperty("Value").GetDouble());
        Assert.Equal(-1.25, root.GetProperty("qTable").GetProperty("[3,4]").GetDouble());
        Assert.Equal(0.5, root.GetProperty("qTable").GetProperty("[0,1]").GetDouble());
        Assert.Equal(1f, root.GetProperty("byNameAndId").GetProperty("[\"en\",2]").GetSingle());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("maybeNull").ValueKind);
    }

    [Fact]
    public void Dictionary_form_holds_lists_and_key_value_objects_and_survives_System_Text_Json()
    {
        IReadOnlyDictionary<string, object?> plain = ModelDictionary.ToDictionary(Sample());
        Assert.Equal(new object?[] { 3, 4 }, Assert.IsAssignableFrom<IEnumerable<object?>>(plain["pair"]));
        var entry = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(plain["entry"]);
        Assert.Equal("lr", entry["Key"]);
        Assert.Contains("[3,4]", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(plain["qTable"]).Keys);

        // A dictionary form passed through System.Text.Json (experiment trackers, configuration) reads back; it has no
        // form for NaN or infinities of its own, so this sample holds finite numbers.
        TupleKinds finite = Sample();
        finite.Seven = (1, -2L, 1.5f, -0.0, "seven", true, Color.Blue);
        finite.Array = [(0.5f, -0.0f)];
        var through = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(ModelDictionary.ToDictionary(finite)))!;
        Deep.Equal(finite, ModelDictionary.FromDictionary<TupleKinds>(through));
    }

    [Theory]
    [InlineData("{\"pair\":[1,2,3]}", "pair", "holds 3 items")]
    [InlineData("{\"pair\":[1]}", "pair", "holds 1 item")]
    [InlineData("{\"named\":[\"a\",\"b\"]}", "named[1]", "")]
    [InlineData("{\"qTable\":{\"[1]\":0.5}}", "qTable", "is not a tuple key")]
    [InlineData("{\"qTable\":{\"3,4\":0.5}}", "qTable", "is not a tuple key")]
    [InlineData("{\"qTable\":{\"[3,4]\":1,\"[3, 4]\":2}}", "qTable", "duplicate key")]
    [InlineData("{\"entry\":{\"Key\":\"a\"}}", "entry", "lacks its Value")]
    [InlineData("{\"entry\":{\"Key\":\"a\",\"Value\":1,\"Other\":2}}", "entry", "unexpected property")]
    [InlineData("{\"pair\":{\"Item1\":1,\"Item2\":2}}", "pair", "expected a tuple of 2 items")]
    public void Bad_json_names_the_member_path(string json, string path, string reason)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<TupleKinds>(json));
        Assert.Contains(path, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Dictionary_form_arity_mismatch_names_the_member_path()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<TupleKinds>(new Dictionary<string, object?> { ["pair"] = new List<object?> { 1, 2, 3 } }));
        Assert.Contains("'pair'", e.Message);
        Assert.Contains("holds 3 items", e.Message);
    }

    [Fact]
    public void Binary_arity_mismatch_names_the_member_path()
    {
        byte[] bytes = ModelSerializer.Serialize(new TuplePairV1 { Pair = (1, 2) });
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<TupleTripleV2>(bytes));
        Assert.Contains("'pair'", e.Message);
        Assert.Contains("a tuple of 3 items holds 2 items", e.Message);
        // Its elements widen as members do (int32 → int64).
        Assert.Equal((1L, 2L), ModelSerializer.Deserialize<TuplePairWide>(bytes).Pair);
    }

    [Fact]
    public void Binary_tuple_is_a_rank_1_sequence_of_tagged_items_as_docs_format_md_shows()
    {
        byte[] bytes = ModelSerializer.Serialize(new TuplePairV1 { Pair = (3, 4) });
        // docs/format.md §3.1: rank 1, length 2, item tag 08 + zigzag 3, item tag 08 + zigzag 4, after the member's Sequence tag.
        byte[] expected = [0x01, 0x02, 0x08, 0x06, 0x08, 0x08];
        Assert.True(bytes.AsSpan().IndexOf(expected) > 0, Convert.ToHexString(bytes));
    }

    [Fact]
    public void Equal_tuples_compare_equal_canonically()
    {
        TupleKinds a = Sample(), b = Sample();
        b.Set = [(2, 1), (1, 2)];
        b.QTable = b.QTable.Reverse().ToDictionary(e => e.Key, e => e.Value);
        Assert.True(ModelEquality.Equals(a, b));
        b.Pair = (4, 3);
        Assert.False(ModelEquality.Equals(a, b));
    }
}

[SerializableModel(Name = "TupleEvolution")]
public partial class TuplePairV1
{
    public (int, int) Pair { get; set; }
}

[SerializableModel(Name = "TupleEvolution")]
public partial class TupleTripleV2
{
    public (int, int, int) Pair { get; set; }
}

[SerializableModel(Name = "TupleEvolution")]
public partial class TuplePairWide
{
    public (long, long) Pair { get; set; }
}

public class TupleWriteCheckTests
{
    [Fact]
    public void A_lone_surrogate_in_a_tuple_key_is_refused_before_any_byte_is_written()
    {
        var model = new TupleKinds { ByNameAndId = new() { [("ok", 1)] = 1f, [("bad\uD800", 2)] = 2f } };
        var binary = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(model));
        Assert.Contains("byNameAndId", binary.Message);
        var json = Assert.Throws<ModelFormatException>(() => ModelJson.Serialize(model));
        Assert.Contains("byNameAndId", json.Message);
    }
}

/// <summary>Hyperparameters parse strings (configuration values): a tuple from "3,5", as a sequence is.</summary>
[Hyperparameters]
public partial record ConvSettings
{
    public (int Height, int Width) Kernel { get; init; } = (3, 3);
    public KeyValuePair<string, double> Schedule { get; init; } = new("cosine", 0.1);
}

public class TupleHyperparameterTests
{
    [Fact]
    public void A_tuple_reads_from_a_comma_separated_string_and_a_pair_from_its_key_and_value()
    {
        ConvSettings settings = ModelDictionary.FromDictionary<ConvSettings>(new Dictionary<string, object?>
        {
            ["kernel"] = "5, 7",
            ["schedule"] = new Dictionary<string, object?> { ["key"] = "step", ["value"] = "0.5" },
        });
        Assert.Equal((5, 7), settings.Kernel);
        Assert.Equal(new KeyValuePair<string, double>("step", 0.5), settings.Schedule);

        var e = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<ConvSettings>(new Dictionary<string, object?> { ["kernel"] = "5,7,9" }));
        Assert.Contains("kernel", e.Message);
        Assert.Contains("holds 3 items", e.Message);
    }
}
