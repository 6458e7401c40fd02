using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A set's or dictionary's comparer is not data, but the one a member's initializer names is the model's own:
/// a tokenizer's case-insensitive vocabulary must still find "THE" after a load, in every form (MG0024 reports the
/// comparers loading cannot create again).</summary>
public class DeclaredComparerTests
{
    public static TheoryData<string> Forms => new() { "binary", "binary2", "json", "dictionary", "System.Text.Json" };

    private static T Through<T>(string form, T value) where T : IModelSerializable<T> => Across<T, T>(form, value);

    // Written as one model (an earlier version), read as another.
    private static TRead Across<TWrite, TRead>(string form, TWrite value) where TWrite : IModelSerializable<TWrite> where TRead : IModelSerializable<TRead> => form switch
    {
        "binary" => ModelSerializer.Deserialize<TRead>(ModelSerializer.Serialize(value)),
        "binary2" => ModelSerializer.Deserialize<TRead>(ModelSerializer.Serialize(value, new ModelSerializerOptions { FormatVersion = 2 })),
        "json" => ModelJson.Deserialize<TRead>(ModelJson.Serialize(value)),
        "dictionary" => ModelDictionary.FromDictionary<TRead>(ModelDictionary.ToDictionary(value)),
        _ => JsonSerializer.Deserialize<TRead>(JsonSerializer.Serialize(value))!,
    };

    private static Tokenizer Sample()
    {
        var t = new Tokenizer { StopWords = new(["The", "of"], StringComparer.OrdinalIgnoreCase) };
        t.Vocabulary["the"] = 1;
        t.Vocabulary["Cat"] = 2;
        t.Scores["b"] = 0.5;
        t.Scores["a"] = 0.25;
        t.Scores["c"] = 1;
        t.Ranks.UnionWith([3, 1, 2]);
        t.Aliases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Kitten"] = 2 };
        return t;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Loaded_sets_and_dictionaries_get_the_comparer_their_initializer_names(string form)
    {
        Tokenizer back = Through(form, Sample());
        Assert.Same(StringComparer.OrdinalIgnoreCase, back.Vocabulary.Comparer);
        Assert.Equal(1, back.Vocabulary["THE"]);
        Assert.Equal(2, back.Vocabulary["cat"]);
        Assert.Same(StringComparer.OrdinalIgnoreCase, back.StopWords.Comparer); // init-only
        Assert.Contains("OF", back.StopWords);
        Assert.Same(Tokenizer.Descending, back.Scores.Comparer); // a static field of the model's own
        Assert.Equal(["c", "b", "a"], back.Scores.Keys);
        Assert.IsType<DescendingInts>(back.Ranks.Comparer); // a comparer class made by a constructor without arguments
        Assert.Equal([3, 2, 1], back.Ranks);
        Assert.Equal(2, back.Aliases!["KITTEN"]); // an interface member whose initializer creates the dictionary
        // Nested in a list of another model, and as a positional record's init-only member.
        Corpus corpus = Through(form, new Corpus { Tokenizers = [Sample(), Sample()] });
        Assert.All(corpus.Tokenizers, t => Assert.Equal(1, t.Vocabulary["The"]));
        Labels labels = Through(form, new Labels("v1") { Classes = new(StringComparer.OrdinalIgnoreCase) { ["Spam"] = 1 } });
        Assert.Equal(1, labels.Classes["SPAM"]);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_member_with_a_setter_takes_the_comparer_of_the_collection_its_constructor_made(string form)
    {
        // Made in the constructor's body, from an instance field, and by a lambda: nothing the generator could name.
        var value = new ConstructedTokenizer();
        value.Vocabulary["the"] = 1;
        value.ByLength.UnionWith(["ccc", "a", "bb"]);
        ConstructedTokenizer back = Through(form, value);
        Assert.Equal(1, back.Vocabulary["THE"]);
        Assert.Same(back.Case, back.Vocabulary.Comparer);
        Assert.Equal(["a", "bb", "ccc"], back.ByLength);
        // A SortedSet<string> the constructor made with the default comparer stays as the reader built it: ordinal.
        Assert.Same(StringComparer.Ordinal, back.Plain.Comparer);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_member_loading_does_not_set_after_construction_takes_the_comparer_the_constructor_body_gives_it(string form)
    {
        // The body runs after the initializers: its comparer wins, the default one included.
        var value = new BodyTokenizer { Required = new(StringComparer.OrdinalIgnoreCase) { ["Dog"] = 3 } };
        value.Vocabulary["the"] = 1;
        value.StopWords.Add("of");
        value.Scores["a"] = 1;
        value.Scores["b"] = 2;
        value.Plain["the"] = 1;
        BodyTokenizer back = Through(form, value);
        Assert.Same(StringComparer.OrdinalIgnoreCase, back.Vocabulary.Comparer); // init-only, no initializer
        Assert.Equal(1, back.Vocabulary["THE"]);
        Assert.Contains("OF", back.StopWords); // init-only, an initializer without a comparer
        Assert.Equal(["b", "a"], back.Scores.Keys); // init-only, 'this.Scores = ...' over an initializer's ordinal comparer
        Assert.Equal(3, back.Required["DOG"]); // required
        Assert.Equal(1, back.Aliases["THE"]); // an interface member, given a dictionary in the body
        Assert.False(back.Plain.ContainsKey("THE")); // the body's default comparer over the initializer's
        Assert.Same(EqualityComparer<string>.Default, back.Plain.Comparer);

        // A constructor chained to ('this(...)'), and a base class's, whose bodies run first.
        var chained = new ChainedTokenizer();
        chained.Vocabulary["the"] = 1;
        chained.Words.Add("cat");
        ChainedTokenizer chainedBack = Through(form, chained);
        Assert.Equal(1, chainedBack.Vocabulary["THE"]);
        Assert.Contains("CAT", chainedBack.Words);
        Assert.Same(Tokenizer.Descending, chainedBack.Order.Comparer); // the derived body, after the base's
    }

    [Fact]
    public void A_null_member_stays_null()
    {
        Tokenizer t = Sample();
        t.Aliases = null;
        Assert.Null(Through("binary", t).Aliases);
        Assert.Null(Through("json", t).Aliases);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Data_that_holds_two_items_the_comparer_holds_equal_is_refused_by_member(string form)
    {
        // Written by a version whose members compared case-sensitively ("The" and "the" both kept): loading it with the
        // case-insensitive comparer would lose one of them.
        var older = new OrdinalTokenizer { Vocabulary = new() { ["The"] = 1, ["the"] = 2 }, StopWords = ["of"] };
        var e = Assert.ThrowsAny<Exception>(() => Across<OrdinalTokenizer, Tokenizer>(form, older));
        var format = e as ModelFormatException ?? (ModelFormatException)e.InnerException!;
        Assert.Equal("vocabulary", format.Path);
        Assert.Contains("'The' and 'the' are one item under the comparer", format.Message);

        var sets = new OrdinalTokenizer { StopWords = ["Of", "of"] };
        var set = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<Tokenizer>(ModelSerializer.Serialize(sets)));
        Assert.Equal("stopWords", set.Path);
    }
    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_collection_kind_is_read_with_the_models_comparer(string form)
    {
        var value = new Words
        {
            Names = new(["b", "A"], StringComparer.OrdinalIgnoreCase), Tags = new HashSet<string>(["x"]), Ids = new Dictionary<string, int> { ["id"] = 7 },
            Codes = new Dictionary<string, int> { ["c"] = 8 }, Flags = new HashSet<string>(["f"]),
        };
        value.Counts["Cat"] = 3;
        Words back = Through(form, value);
        Assert.Same(StringComparer.OrdinalIgnoreCase, back.Names.Comparer);
        Assert.Equal(["A", "b"], back.Names);
        Assert.Contains("B", back.Names);
        Assert.Same(StringComparer.OrdinalIgnoreCase, back.Counts.Comparer); // a setter: the comparer of the collection there
        Assert.Equal(3, back.Counts["CAT"]);
        Assert.Contains("X", back.Tags);
        Assert.Equal(7, back.Ids["ID"]);
        Assert.Equal(8, back.Codes["C"]);
        Assert.Contains("F", back.Flags);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_collection_kind_refuses_two_items_the_comparer_holds_equal_by_member(string form)
    {
        // One member at a time holds "x" and "X", which the ordinal version kept apart.
        OrdinalWords[] older =
        [
            new() { Names = new(["x", "X"], StringComparer.Ordinal) },
            new() { Counts = new(StringComparer.Ordinal) { ["x"] = 1, ["X"] = 2 } },
            new() { Tags = new HashSet<string>(["x", "X"]) },
            new() { Ids = new Dictionary<string, int> { ["x"] = 1, ["X"] = 2 } },
            new() { Codes = new Dictionary<string, int> { ["x"] = 1, ["X"] = 2 } },
            new() { Flags = new HashSet<string>(["x", "X"]) },
        ];
        string[] members = ["names", "counts", "tags", "ids", "codes", "flags"];
        for (int i = 0; i < older.Length; i++)
        {
            OrdinalWords data = older[i];
            var e = Assert.ThrowsAny<Exception>(() => Across<OrdinalWords, Words>(form, data));
            var format = e as ModelFormatException ?? (ModelFormatException)e.InnerException!;
            Assert.Equal(members[i], format.Path);
            Assert.Matches("'[xX]' and '[xX]' are one item under the comparer", format.Message);
        }
    }

    [Fact]
    public void The_same_item_twice_is_still_a_duplicate_where_the_models_comparer_reads()
    {
        var key = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<Words>("""{"$version":1,"ids":{"a":1,"a":2}}"""));
        Assert.Contains("duplicate key", key.Message);
        Assert.Equal("ids[a]", key.Path);
        var element = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<Words>("""{"$version":1,"tags":["a","b","a"]}"""));
        Assert.Contains("duplicate element", element.Message);
        Assert.Equal("tags[2]", element.Path);
        var sorted = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<Words>(new Dictionary<string, object?> { ["names"] = new List<object?> { "a", "a" } }));
        Assert.Contains("duplicate element", sorted.Message);
    }
}

/// <summary>Each collection kind read straight into the model's comparer (sorted ones, interfaces of a dictionary or
/// set), with a comparer that holds different strings equal, and the ordinal version that wrote such data.</summary>
[SerializableModel(Name = "ModelGen.Tests.Words")]
public partial class Words
{
    public SortedSet<string> Names { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public SortedDictionary<string, int> Counts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public ISet<string> Tags { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyDictionary<string, int> Ids { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
    public IDictionary<string, int> Codes { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}

[SerializableModel(Name = "ModelGen.Tests.Words")]
public partial class OrdinalWords
{
    public SortedSet<string> Names { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);
    public ISet<string> Tags { get; init; } = new HashSet<string>();
    public IReadOnlyDictionary<string, int> Ids { get; init; } = new Dictionary<string, int>();
    public IDictionary<string, int> Codes { get; init; } = new Dictionary<string, int>();
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();
}

[SerializableModel(Name = "ModelGen.Tests.Tokenizer")]
public partial class Tokenizer
{
    public static readonly IComparer<string> Descending = Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a));

    public Dictionary<string, int> Vocabulary { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> StopWords { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public SortedDictionary<string, double> Scores { get; set; } = new(Descending);
    public SortedSet<int> Ranks { get; set; } = new(new DescendingInts());
    public IReadOnlyDictionary<string, int>? Aliases { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The same model as an earlier version wrote it: its members compared case-sensitively.</summary>
[SerializableModel(Name = "ModelGen.Tests.Tokenizer")]
public partial class OrdinalTokenizer
{
    public Dictionary<string, int> Vocabulary { get; set; } = new();
    public HashSet<string> StopWords { get; init; } = new();
}

public sealed class DescendingInts : IComparer<int>
{
    public int Compare(int x, int y) => y.CompareTo(x);
}

[SerializableModel]
public partial class Corpus
{
    public List<Tokenizer> Tokenizers { get; set; } = [];
}

[SerializableModel]
public partial record Labels(string Name)
{
    public Dictionary<string, int> Classes { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

[SerializableModel]
public partial class ConstructedTokenizer
{
    internal readonly IEqualityComparer<string> Case = StringComparer.OrdinalIgnoreCase;

    public ConstructedTokenizer()
    {
        Vocabulary = new(Case);
        ByLength = new(Comparer<string>.Create((a, b) => a.Length.CompareTo(b.Length)));
        Plain = new();
    }

    public Dictionary<string, int> Vocabulary { get; set; }
    public SortedSet<string> ByLength { get; set; }
    public SortedSet<string> Plain { get; set; }
}

/// <summary>Members loading does not set after construction, given their comparers by the constructor's body.</summary>
[SerializableModel]
public partial class BodyTokenizer
{
    public BodyTokenizer()
    {
        Vocabulary = new(StringComparer.OrdinalIgnoreCase);
        StopWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        this.Scores = new(Tokenizer.Descending);
        Required = new(StringComparer.OrdinalIgnoreCase);
        Aliases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["the"] = 1 };
        Plain = new();
    }

    public Dictionary<string, int> Vocabulary { get; init; }
    public HashSet<string> StopWords { get; init; } = new();
    public SortedDictionary<string, double> Scores { get; init; } = new(StringComparer.Ordinal);
    public required Dictionary<string, int> Required { get; set; }
    public IReadOnlyDictionary<string, int> Aliases { get; set; }
    public Dictionary<string, int> Plain { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public class TokenizerBase
{
    public TokenizerBase()
    {
        Words = new(StringComparer.OrdinalIgnoreCase);
        Order = new(StringComparer.Ordinal);
    }

    public HashSet<string> Words { get; init; }
    public SortedSet<string> Order { get; init; }
}

[SerializableModel]
public partial class ChainedTokenizer : TokenizerBase
{
    public ChainedTokenizer() : this(0) => Order = new(Tokenizer.Descending);

    private ChainedTokenizer(int capacity) => Vocabulary = new(capacity, StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> Vocabulary { get; init; }
}
