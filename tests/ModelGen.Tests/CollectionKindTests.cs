using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Collection interfaces, queues, stacks, linked lists, sorted dictionaries and read-only collections.</summary>
[SerializableModel]
public partial class OrderedKinds
{
    public IEnumerable<int> Enumerable { get; set; } = [];
    public ICollection<string?> Collection { get; set; } = new List<string?>();
    public IList<Inner> ListOfModels { get; set; } = new List<Inner>();
    public IReadOnlyCollection<double> ReadOnlyCollection { get; set; } = [];
    public IDictionary<string, int> DictionaryInterface { get; set; } = new Dictionary<string, int>();
    public Queue<string> Queue { get; set; } = new();
    public Stack<int> Stack { get; set; } = new();
    public Stack<Inner> StackOfModels { get; set; } = new();
    public LinkedList<float> LinkedList { get; set; } = new();
    public SortedDictionary<int, string> SortedDictionary { get; set; } = new();
    public ReadOnlyCollection<Color> ReadOnly { get; set; } = new([]);
    public Queue<long>? MaybeQueue { get; set; }
    public List<Stack<int>> NestedStacks { get; set; } = new();
    public IDictionary<Color, LinkedList<string>> ByColor { get; set; } = new Dictionary<Color, LinkedList<string>>();
}

/// <summary>Sets of scalars, enums, models and nested sets.</summary>
[SerializableModel]
public partial class SetKinds
{
    public HashSet<string> StopWords { get; set; } = new();
    public SortedSet<int> Sorted { get; set; } = new();
    public ISet<Color> Colors { get; set; } = new HashSet<Color>();
    public IReadOnlySet<Guid> Ids { get; set; } = new HashSet<Guid>();
    public HashSet<float> Packed { get; set; } = new();
    public HashSet<Inner> Models { get; set; } = new();
    public List<HashSet<int>> Nested { get; set; } = new();
    public Dictionary<string, SortedSet<string>> Tags { get; set; } = new();
    public HashSet<char>? MaybeChars { get; set; }
}

/// <summary>Immutable and frozen collections.</summary>
[SerializableModel]
public partial class ImmutableKinds
{
    public ImmutableArray<float> Embedding { get; set; } = [];
    public ImmutableArray<int> Counts { get; set; } = [];
    public ImmutableArray<string?>? Maybe { get; set; }
    public ImmutableList<Inner> Models { get; set; } = [];
    public ImmutableDictionary<string, int> Vocabulary { get; set; } = ImmutableDictionary<string, int>.Empty;
    public ImmutableHashSet<string> Words { get; set; } = [];
    public FrozenDictionary<Color, double> Weights { get; set; } = FrozenDictionary<Color, double>.Empty;
    public FrozenSet<long> Seen { get; set; } = FrozenSet<long>.Empty;
    public Dictionary<string, ImmutableArray<float>> Embeddings { get; set; } = new();
}

public class CollectionKindTests
{
    public static TheoryData<string> Forms => RoundTripTests.Forms;

    private static T Run<T>(string form, T value) where T : IModelSerializable<T> => RoundTripTests.Run(form, value);

    private static T Through<T>(string form, T value) where T : IModelSerializable<T> => form switch
    {
        "binary" => ModelSerializer.Deserialize<T>(ModelSerializer.Serialize(value)),
        "json" => ModelJson.Deserialize<T>(ModelJson.Serialize(value)),
        _ => ModelDictionary.FromDictionary<T>(ModelDictionary.ToDictionary(value)),
    };

    private static Inner Model(string name, params float[] weights) => new() { Name = name, Weights = weights };

    internal static OrderedKinds OrderedSample()
    {
        var stack = new Stack<int>();
        foreach (int i in new[] { 1, 2, 3 }) stack.Push(i);
        var models = new Stack<Inner>();
        models.Push(Model("bottom", 1));
        models.Push(Model("top", 2, 3));
        return new OrderedKinds
        {
            Enumerable = [5, -1, 7],
            Collection = new List<string?> { "a", null, "c" },
            ListOfModels = new List<Inner> { Model("x", 0.5f), Model("y") },
            ReadOnlyCollection = [1.5, double.NaN],
            DictionaryInterface = new Dictionary<string, int> { ["one"] = 1, ["two"] = 2 },
            Queue = new Queue<string>(["first", "second", "third"]),
            Stack = stack,
            StackOfModels = models,
            LinkedList = new LinkedList<float>([3f, 1f, 2f]),
            SortedDictionary = new SortedDictionary<int, string> { [10] = "ten", [-2] = "minus two" },
            ReadOnly = new ReadOnlyCollection<Color>([Color.Blue, Color.Red]),
            MaybeQueue = new Queue<long>([long.MaxValue]),
            NestedStacks = [new Stack<int>([1, 2]), new Stack<int>()],
            ByColor = new Dictionary<Color, LinkedList<string>> { [Color.Green] = new LinkedList<string>(["g"]) },
        };
    }

    internal static SetKinds SetSample() => new()
    {
        StopWords = ["the", "a", "of", "Of"],
        Sorted = [3, -7, 12],
        Colors = new HashSet<Color> { Color.Green, Color.Red },
        Ids = new HashSet<Guid> { new("00112233-4455-6677-8899-aabbccddeeff"), Guid.Empty },
        Packed = [0.5f, float.NaN, -1f],
        Models = [Model("m1", 1), Model("m2")],
        Nested = [[1, 2], [], [3]],
        Tags = new() { ["colors"] = ["red", "blue"], ["none"] = [] },
        MaybeChars = ['x', 'y'],
    };

    internal static ImmutableKinds ImmutableSample() => new()
    {
        Embedding = [0.25f, -1f, 3f],
        Maybe = ["a", null],
        Models = [Model("i", 1, 2)],
        Vocabulary = new Dictionary<string, int> { ["cat"] = 0, ["dog"] = 1 }.ToImmutableDictionary(),
        Words = ["x", "y"],
        Weights = new Dictionary<Color, double> { [Color.Red] = 0.5, [Color.Blue] = -2 }.ToFrozenDictionary(),
        Seen = new long[] { 1, 1L << 40, -3 }.ToFrozenSet(),
        Embeddings = new() { ["king"] = [1f, 2f], ["queen"] = [] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Interfaces_queues_stacks_linked_lists_sorted_dictionaries_round_trip(string form)
    {
        OrderedKinds back = Run(form, OrderedSample());
        // What each interface is built as on load (README, "What is supported").
        Assert.IsType<int[]>(back.Enumerable);
        Assert.IsType<List<string?>>(back.Collection);
        Assert.IsType<List<Inner>>(back.ListOfModels);
        Assert.IsType<double[]>(back.ReadOnlyCollection);
        Assert.IsType<Dictionary<string, int>>(back.DictionaryInterface);
        Assert.Equal(["first", "second", "third"], back.Queue.ToArray());
        Assert.Equal(new[] { -2, 10 }, back.SortedDictionary.Keys);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Ordered_kinds_empty_and_null_round_trip(string form)
    {
        OrderedKinds back = Run(form, new OrderedKinds());
        Assert.Empty(back.Stack);
        Assert.Null(back.MaybeQueue);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_stack_pops_in_the_same_order_after_loading(string form)
    {
        OrderedKinds back = Through(form, OrderedSample());
        Assert.Equal(3, back.Stack.Pop());
        Assert.Equal(2, back.Stack.Pop());
        Assert.Equal(1, back.Stack.Pop());
        Assert.Equal("top", back.StackOfModels.Pop().Name);
        Assert.Equal("bottom", back.StackOfModels.Pop().Name);
        Assert.Equal([2, 1], back.NestedStacks[0].ToArray());
        Assert.Equal("first", back.Queue.Dequeue());
    }

    [Fact]
    public void A_stack_is_written_top_first_in_json_as_it_enumerates()
    {
        var value = new OrderedKinds();
        value.Stack.Push(1);
        value.Stack.Push(2);
        using JsonDocument json = JsonDocument.Parse(ModelJson.Serialize(value));
        Assert.Equal("[2,1]", json.RootElement.GetProperty("stack").GetRawText());
    }

    [Fact]
    public void A_stack_keeps_its_order_through_System_Text_Json_where_a_plain_stack_reverses()
    {
        var stack = new Stack<int>([1, 2, 3]); // pops 3, 2, 1
        Assert.Equal([1, 2, 3], JsonSerializer.Deserialize<Stack<int>>(JsonSerializer.Serialize(stack))!.ToArray()); // reversed
        // A model carries its converter, so System.Text.Json writes and reads ModelJson's form, which keeps the order.
        OrderedKinds back = JsonSerializer.Deserialize<OrderedKinds>(JsonSerializer.Serialize(new OrderedKinds { Stack = stack }))!;
        Assert.Equal([3, 2, 1], back.Stack.ToArray());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Large_collections_round_trip(string form)
    {
        var value = new OrderedKinds
        {
            Stack = new Stack<int>(Enumerable.Range(0, 100_000)),
            Queue = new Queue<string>(Enumerable.Range(0, 10_000).Select(i => "s" + i)),
            LinkedList = new LinkedList<float>(Enumerable.Range(0, 100_000).Select(i => i * 0.5f)),
        };
        OrderedKinds back = Through(form, value);
        Assert.Equal(value.Stack.ToArray(), back.Stack.ToArray());
        Assert.Equal(value.Queue.ToArray(), back.Queue.ToArray());
        Assert.Equal(value.LinkedList.ToArray(), back.LinkedList.ToArray());
        var sets = new SetKinds { Sorted = new SortedSet<int>(Enumerable.Range(-50_000, 100_000)), StopWords = Enumerable.Range(0, 10_000).Select(i => "w" + i).ToHashSet() };
        SetKinds setsBack = Through(form, sets);
        Assert.Equal(sets.Sorted, setsBack.Sorted);
        Assert.True(sets.StopWords.SetEquals(setsBack.StopWords));
    }

    [Fact]
    public void Scalar_elements_stay_packed()
    {
        // A packed sequence of 100,000 ints costs about 4 bytes an item (varint-free bulk copy): not ~6 per tagged item.
        var value = new OrderedKinds { Stack = new Stack<int>(Enumerable.Range(0, 100_000)) };
        Assert.InRange(ModelSerializer.Serialize(value).Length, 400_000, 401_000);
        var sets = new SetKinds { Packed = Enumerable.Range(0, 100_000).Select(i => (float)i).ToHashSet() };
        Assert.InRange(ModelSerializer.Serialize(sets).Length, 400_000, 401_000);
        var immutable = new ImmutableKinds { Embedding = Enumerable.Range(0, 100_000).Select(i => (float)i).ToImmutableArray() };
        Assert.InRange(ModelSerializer.Serialize(immutable).Length, 400_000, 401_000);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Sets_round_trip(string form)
    {
        SetKinds back = Run(form, SetSample());
        Assert.IsType<HashSet<Color>>(back.Colors);
        Assert.IsType<HashSet<Guid>>(back.Ids);
        Assert.Contains(float.NaN, back.Packed);
        Assert.Equal([-7, 3, 12], back.Sorted);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Sets_empty_and_null_round_trip(string form)
    {
        SetKinds back = Run(form, new SetKinds());
        Assert.Empty(back.StopWords);
        Assert.Null(back.MaybeChars);
    }

    [Fact]
    public void A_set_loads_with_the_default_comparer()
    {
        // The comparer is not data: a set saved with a case-insensitive comparer loads with the default (ordinal) one.
        var value = new SetKinds { StopWords = new HashSet<string>(["The", "of"], StringComparer.OrdinalIgnoreCase) };
        SetKinds back = Through("binary", value);
        Assert.Same(EqualityComparer<string>.Default, back.StopWords.Comparer);
        Assert.DoesNotContain("the", back.StopWords);
        Assert.Contains("The", back.StopWords);
    }

    [Fact]
    public void A_set_whose_comparer_is_finer_than_the_default_fails_to_load_by_name()
    {
        // Two elements distinct under the saved set's comparer but equal under the default one: loading would lose one.
        var loose = new SetKinds { StopWords = new HashSet<string>([new string('a', 1), new string('a', 1)], new DistinctComparer()) };
        byte[] bytes = ModelSerializer.Serialize(loose);
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<SetKinds>(bytes));
        Assert.StartsWith("stopWords[", e.Path);
        Assert.Contains("duplicate", e.Message);
    }

    // Treats every string as distinct from every other instance, so that a set can hold "a" twice.
    private sealed class DistinctComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => ReferenceEquals(x, y);
        public int GetHashCode(string obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    [Theory]
    [InlineData("{\"stopWords\":[\"a\",\"b\",\"a\"]}", "stopWords[2]")]
    [InlineData("{\"sorted\":[1,1]}", "sorted[1]")]
    [InlineData("{\"nested\":[[1],[2,2]]}", "nested[1][1]")]
    [InlineData("{\"tags\":{\"k\":[\"x\",\"x\"]}}", "tags[k][1]")]
    public void Duplicate_set_elements_are_refused_naming_the_member_path(string json, string path)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<SetKinds>(json));
        Assert.Equal(path, e.Path);
        Assert.Contains("duplicate element", e.Message);
    }

    [Fact]
    public void Duplicate_set_elements_are_refused_in_binary_and_dictionary_form()
    {
        // The same payload as a list model (the wire shape of a set) with a duplicate, read as a set.
        var withDuplicates = new Dictionary<string, object?> { ["packed"] = new float[] { 1f, 2f, 1f }, ["ids"] = new List<object?> { Guid.Empty.ToString(), Guid.Empty.ToString() } };
        var e = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<SetKinds>(withDuplicates));
        Assert.Contains("duplicate element", e.Message);
        Assert.True(e.Path is "packed[2]" or "ids[1]", e.Path);

        byte[] bytes = ModelSerializer.Serialize(new SetLookalike { Packed = [1f, 2f, 1f] });
        var binary = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<SetKinds>(bytes));
        Assert.Equal("packed[2]", binary.Path);
        Assert.Contains("duplicate element", binary.Message);
    }

    [Theory]
    [InlineData("chars")]
    [InlineData("words")]
    [InlineData("queue")]
    public void An_unpaired_surrogate_in_a_set_or_queue_is_refused_by_every_writer(string member)
    {
        // Built inside the test, not in the test name: a name with an unpaired surrogate is itself invalid UTF-8.
        (object value, string path) = member switch
        {
            "chars" => ((object)new SetKinds { MaybeChars = ['a', '\uD800'] }, "maybeChars["),
            "words" => (new SetKinds { StopWords = ["ok", "\uDC00 alone"] }, "stopWords[1]"),
            _ => (new OrderedKinds { Queue = new Queue<string>(["ok", "\uD83D"]) }, "queue[1]"),
        };
        ModelFormatException[] errors = value is SetKinds sets ? EdgeValueTests.AllWritersRefuse(sets) : EdgeValueTests.AllWritersRefuse((OrderedKinds)value);
        foreach (ModelFormatException e in errors)
        {
            Assert.StartsWith(path, e.Path);
            Assert.Contains("UTF-16 surrogate", e.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Immutable_and_frozen_collections_round_trip(string form)
    {
        ImmutableKinds back = Run(form, ImmutableSample());
        Assert.Equal([0.25f, -1f, 3f], back.Embedding.ToArray());
        Assert.Equal(2, back.Vocabulary.Count);
        Assert.Equal(-2, back.Weights[Color.Blue]);
        Assert.Contains(1L << 40, (IReadOnlySet<long>)back.Seen);
        Assert.Equal([1f, 2f], back.Embeddings["king"].ToArray());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_default_immutable_array_loads_as_an_empty_one(string form)
    {
        // default(ImmutableArray<T>) cannot be enumerated; it is written as an empty array and loads as Empty (docs).
        var value = new ImmutableKinds { Embedding = default, Counts = default };
        ImmutableKinds back = Through(form, value);
        Assert.False(back.Counts.IsDefault);
        Assert.True(back.Counts.IsEmpty);
        Assert.False(back.Embedding.IsDefault);
        Assert.Null(back.Maybe);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Immutable_and_frozen_empty_round_trip(string form) => Run(form, new ImmutableKinds());

    [Fact]
    public void Equal_sets_filled_in_another_order_are_equal_models()
    {
        var a = new SetKinds { StopWords = ["x", "y", "z"], Packed = [1f, 2f] };
        var b = new SetKinds { StopWords = ["z", "x", "y"], Packed = [2f, 1f] };
        Assert.True(ModelEquality.Equals(a, b));
        Assert.Equal(ModelEquality.GetHashCode(a), ModelEquality.GetHashCode(b));
        b.StopWords.Add("w");
        Assert.False(ModelEquality.Equals(a, b));
    }

    [Fact]
    public void Schema_names_distinguish_sets_from_lists()
    {
        string Type<T>(string member) where T : IModelSerializable<T> => T.Schema.Members.Single(m => m.Name == member).Type;
        Assert.Equal("list<int32>", Type<OrderedKinds>("stack"));
        Assert.Equal("list<model:ModelGen.Tests.Inner>", Type<OrderedKinds>("listOfModels"));
        Assert.Equal("map<int32,string>", Type<OrderedKinds>("sortedDictionary"));
        Assert.Equal("list<int64>?", Type<OrderedKinds>("maybeQueue"));
        Assert.Equal("set<string>", Type<SetKinds>("stopWords"));
        Assert.Equal("list<set<int32>>", Type<SetKinds>("nested"));
        Assert.Equal("list<float32>", Type<ImmutableKinds>("embedding"));
        Assert.Equal("set<int64>", Type<ImmutableKinds>("seen"));
        Assert.Equal("map<string,list<float32>>", Type<ImmutableKinds>("embeddings"));
    }
}

/// <summary>The wire shape of <see cref="SetKinds.Packed"/> as a list, to write a set with a duplicate.</summary>
[SerializableModel(Name = "ModelGen.Tests.SetKinds")]
public partial class SetLookalike
{
    public List<float> Packed { get; set; } = new();
}
