using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Tests;

/// <summary>A recursive model whose levels alternate a model and a list (two levels of depth per node).</summary>
[SerializableModel]
public partial class TreeNode
{
    public int Id { get; set; }
    public List<TreeNode> Children { get; set; } = new();
    public float[] Weights { get; set; } = [];
}

/// <summary>Hyperparameters nested in a model, alone and in a list.</summary>
[SerializableModel]
public partial class Experiment
{
    public string Name { get; set; } = "";
    public Hyper Settings { get; set; } = new();
    public List<Hyper> Trials { get; set; } = new();
}

/// <summary>Empty rectangular arrays with non-zero lengths; the last member's leading length is larger than the bytes
/// that follow it in the binary form.</summary>
[SerializableModel]
public partial class EmptyShapes
{
    public double[,] Rows { get; set; } = new double[0, 3];
    public int[,,] Cube { get; set; } = new int[2, 0, 5];
    public string[,] Names { get; set; } = new string[1000, 0];
    public Inner[,] Inners { get; set; } = new Inner[0, 0];
    public float[,] Tail { get; set; } = new float[1000, 0];
}

/// <summary>A tokenizer-like vocabulary, for the size of JSON with default and relaxed escaping.</summary>
[SerializableModel]
public partial class Vocabulary
{
    public Dictionary<string, int> Tokens { get; set; } = new();
}

/// <summary>Every writer refuses, before it writes anything, a value that its reader would reject (issue 12, items
/// 7, 8 and 12): too deep, a null where a member cannot be null, an invalid hyperparameter; and what the writers
/// accept reads back in every form.</summary>
public class WriteCheckTests(ITestOutputHelper output)
{
    /// <summary>Every writer of every form throws <see cref="ModelFormatException"/> and leaves its output untouched.</summary>
    private static void AllWritersRefuse<T>(T value, string reason, string? path = null, ModelSerializerOptions? binary = null, ModelJsonOptions? json = null)
        where T : IModelSerializable<T>
    {
        void Check(Action write)
        {
            ModelFormatException e = Bad.Throws(write);
            Assert.Contains(reason, e.Message);
            if (path is not null) Assert.Equal(path, e.Path);
        }

        Check(() => ModelSerializer.Serialize(value, binary));
        var buffer = new ArrayBufferWriter<byte>();
        Check(() => ModelSerializer.Serialize<T>(buffer, value, binary));
        Assert.Equal(0, buffer.WrittenCount);
        var stream = new MemoryStream();
        Check(() => ModelSerializer.Serialize(stream, value, binary));
        Assert.Equal(0, stream.Length);

        string file = Path.Combine(Path.GetTempPath(), $"modelgen-writecheck-{Guid.NewGuid():N}.bin");
        try
        {
            File.WriteAllBytes(file, [1, 2, 3]);
            Check(() => ModelFile.Save(file, value, binary));
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(file));
        }
        finally
        {
            File.Delete(file);
        }

        Check(() => ModelJson.Serialize(value, json));
        Check(() => ModelJson.SerializeToUtf8Bytes(value, json));
        var jsonBuffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(jsonBuffer))
        {
            Check(() => ModelJson.Serialize(writer, value, json));
            Assert.Equal(0, writer.BytesPending);
            Assert.Equal(0, writer.BytesCommitted);
        }
        Assert.Equal(0, jsonBuffer.WrittenCount);

        if (binary is null && json is null) Check(() => ModelDictionary.ToDictionary(value));
    }

    private static Chain Chain(int models)
    {
        var root = new Chain { Value = 0 };
        Chain c = root;
        for (int i = 1; i < models; i++) c = c.Child = new Chain { Value = i };
        return root;
    }

    private static TreeNode Tree(int nestedNodes)
    {
        var root = new TreeNode { Id = 0 };
        TreeNode n = root;
        for (int i = 1; i <= nestedNodes; i++)
        {
            var child = new TreeNode { Id = i, Weights = [i, -i] };
            n.Children.Add(child);
            n = child;
        }
        return root;
    }

    // ---- depth (item 7) ----

    // Each form's writers and readers, including the dictionary form through a JSON layer. (RoundTrip.All parses the
    // JSON with System.Text.Json's default depth of 64 brackets, fewer than a value at the limit spells out.)
    private static void RoundTripEveryForm<T>(T value) where T : IModelSerializable<T>
    {
        RoundTrip.Binary(value);
        string json = ModelJson.Serialize(value);
        Deep.Equal(value, ModelJson.Deserialize<T>(json));
        Assert.Equal(json, ModelJson.Serialize(ModelJson.Deserialize<T>(json)));
        Deep.Equal(value, ModelDictionary.FromDictionary<T>(ModelDictionary.ToDictionary(value)));
        var jsonLayer = JsonSerializer.Deserialize<Dictionary<string, object?>>(json, new JsonSerializerOptions { MaxDepth = 1000 })!;
        Deep.Equal(value, ModelDictionary.FromDictionary<T>(jsonLayer));
    }

    [Fact]
    public void A_value_at_the_depth_limit_round_trips_in_every_form()
    {
        // 65 models: 64 nested below the root, which is not counted. JSON used to count the root and reject it.
        RoundTripEveryForm(Chain(65));
        // 31 nested nodes: a list and a model each, plus the last node's empty list, 63 levels; the weights are packed
        // primitives and not a level.
        RoundTripEveryForm(Tree(31));
    }

    [Fact]
    public void A_value_deeper_than_the_limit_is_refused_by_every_writer_before_it_writes()
    {
        // The binary writer threw InvalidOperationException; JSON and the dictionary form wrote what their readers reject.
        AllWritersRefuse(Chain(66), "nests deeper than the limit of 64");
        AllWritersRefuse(Tree(32), "nests deeper than the limit of 64");
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Serialize(Chain(66)));
        Assert.StartsWith(string.Join(".", Enumerable.Repeat("child", 64)), e.Path);
    }

    [Fact]
    public void A_cycle_is_refused_by_every_writer_before_it_writes()
    {
        var chain = new Chain { Value = 1 };
        chain.Child = chain;
        AllWritersRefuse(chain, "object cycle: this member refers back to the object at the root");
        var node = new TreeNode();
        node.Children.Add(node);
        AllWritersRefuse(node, "object cycle: this member refers back to the object at the root");
    }

    [Fact]
    public void Depth_counts_collections_the_same_in_every_form()
    {
        // 32 nested nodes are 65 levels: written with a limit of 100, each form's reader rejects them at the default 64.
        TreeNode deep = Tree(32);
        byte[] binary = ModelSerializer.Serialize(deep, new ModelSerializerOptions { MaxDepth = 100 });
        string json = ModelJson.Serialize(deep, new ModelJsonOptions { MaxDepth = 100 });
        Bad.Binary<TreeNode>(binary, reason: "nesting is deeper than the limit of 64");
        Bad.Json<TreeNode>(json, reason: "nesting is deeper than the limit of 64");
        var plain = JsonSerializer.Deserialize<Dictionary<string, object?>>(json, new JsonSerializerOptions { MaxDepth = 1000 })!;
        Bad.Dictionary<TreeNode>(plain, reason: "nesting is deeper than the limit of 64");

        Deep.Equal(deep, ModelSerializer.Deserialize<TreeNode>(binary, new ModelSerializerOptions { MaxDepth = 65 }));
        Deep.Equal(deep, ModelJson.Deserialize<TreeNode>(json, new ModelJsonOptions { MaxDepth = 65 }));
    }

    [Fact]
    public void A_smaller_limit_applies_to_writing_and_reading_alike()
    {
        var binary = new ModelSerializerOptions { MaxDepth = 5 };
        var json = new ModelJsonOptions { MaxDepth = 5 };
        Deep.Equal(Chain(6), ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(Chain(6), binary), binary));
        Deep.Equal(Chain(6), ModelJson.Deserialize<Chain>(ModelJson.Serialize(Chain(6), json), json));
        AllWritersRefuse(Chain(7), "nests deeper than the limit of 5", binary: binary, json: json);
        Bad.Throws(() => ModelJson.Deserialize<Chain>(ModelJson.Serialize(Chain(7)), json));
    }

    // ---- degenerate values (item 8) ----

    [Fact]
    public void Empty_rectangular_arrays_keep_their_shape_in_every_form()
    {
        var value = new EmptyShapes();
        RoundTrip.All(value);
        string json = ModelJson.Serialize(value);
        Assert.Contains("\"rows\":{\"$shape\":[0,3]}", json);
        Assert.Contains("\"cube\":{\"$shape\":[2,0,5]}", json);
        Assert.Contains("\"inners\":[]", json); // nested arrays show [0, 0]: no shape needed
        EmptyShapes back = ModelDictionary.FromDictionary<EmptyShapes>(ModelDictionary.ToDictionary(value));
        Assert.Equal([2, 0, 5], new[] { back.Cube.GetLength(0), back.Cube.GetLength(1), back.Cube.GetLength(2) });
        Assert.Equal(1000, ModelSerializer.Deserialize<EmptyShapes>(ModelSerializer.Serialize(value)).Tail.GetLength(0));
    }

    [Fact]
    public void The_shape_form_is_only_for_empty_arrays()
    {
        Bad.Json<EmptyShapes>("{\"rows\":{\"$shape\":[2,3]}}", path: "rows", reason: "only for an empty array");
        Bad.Json<EmptyShapes>("{\"rows\":{\"$shape\":[0,3,1]}}", path: "rows", reason: "3 lengths for an array of rank 2");
        Bad.Json<EmptyShapes>("{\"rows\":{\"$shape\":[-1,0]}}", path: "rows", reason: "not a valid array length");
        Bad.Json<EmptyShapes>("{\"rows\":{\"shape\":[0,3]}}", path: "rows");
        Bad.Dictionary<EmptyShapes>(new Dictionary<string, object?> { ["rows"] = new Dictionary<string, object?> { ["$shape"] = new[] { 2, 3 } } }, path: "rows", reason: "only for an empty array");
        // Nested empty rows from other writers still read.
        Assert.Equal(2, ModelJson.Deserialize<EmptyShapes>("{\"cube\":[[],[]]}").Cube.GetLength(0));
    }

    [Fact]
    public void A_null_where_a_member_cannot_be_null_is_refused_on_write_with_its_path()
    {
        // default(ReadOnlyRecordStruct) holds a null float[] in a member that cannot be null (docs/security.md, finding 4).
        AllWritersRefuse(new StructHolder(), "null in a member that cannot be null (float32[])", path: "record.values");
        RoundTrip.All(new StructHolder { Record = new ReadOnlyRecordStruct(3, [1f]) });
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_rectangular_array_of_text_is_refused_with_its_path()
    {
        // The check walked only rectangular arrays that nest: the plain write met the surrogate after writing.
        AllWritersRefuse(new Collections { StringMatrix = new[,] { { "a", "b" }, { "c", "d\uD800" } } }, "unpaired UTF-16 surrogate U+D800 at index 1", path: "stringMatrix[3]");
    }

    // ---- hyperparameters (item 12) ----

    [Fact]
    public void An_invalid_hyperparameter_is_refused_by_every_writer_listing_every_violation()
    {
        var invalid = new Hyper(Dropout: 2, Layers: 0);
        AllWritersRefuse(invalid, "dropout: must be between 0 and 1; layers: must be between 1 and 100");
        AllWritersRefuse(new Hyper(Optimizer: " "), "optimizer: is required", path: "optimizer");
    }

    [Fact]
    public void Hyperparameters_nested_in_a_model_are_validated_on_write()
    {
        AllWritersRefuse(new Experiment { Settings = new Hyper(Dropout: -1, Layers: 500) }, "settings.dropout: must be between 0 and 1; settings.layers: must be between 1 and 100");
        // Every violation in the value, not only the first nested value's (issue 18).
        AllWritersRefuse(new Experiment { Settings = new Hyper(Dropout: -1), Trials = [new Hyper(), new Hyper(Layers: 0)] }, "settings.dropout: must be between 0 and 1; trials[1].layers: must be between 1 and 100");
        AllWritersRefuse(new Experiment { Trials = [new Hyper(), new Hyper(Layers: 0)] }, "layers: must be between 1 and 100", path: "trials[1].layers");
        RoundTrip.All(new Experiment { Name = "ok", Settings = new Hyper(Dropout: 0.5), Trials = [new Hyper(Layers: 3)] });
    }

    // ---- JSON options (issue 13, item 11) ----

    [Fact]
    public void Json_options_set_indentation_and_escaping()
    {
        var value = new Experiment { Name = "Größe <b>" };
        string compact = ModelJson.Serialize(value);
        Assert.DoesNotContain('\n', compact);
        Assert.Contains("Gr\\u00F6\\u00DFe \\u003Cb\\u003E", compact);
        string indented = ModelJson.Serialize(value, new ModelJsonOptions { Indented = true });
        Assert.Contains('\n', indented);
        byte[] relaxed = ModelJson.SerializeToUtf8Bytes(value, new ModelJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Größe <b>", Encoding.UTF8.GetString(relaxed));
        foreach (string json in new[] { compact, indented, Encoding.UTF8.GetString(relaxed) })
            Deep.Equal(value, ModelJson.Deserialize<Experiment>(json));
        Deep.Equal(value, ModelJson.Deserialize<Experiment>(relaxed.AsSpan(), ModelJsonOptions.Default));
    }

    [Fact]
    public void Relaxed_escaping_shrinks_a_vocabulary_of_non_ascii_tokens()
    {
        Vocabulary vocabulary = TokenizerVocabulary(50_000);
        byte[] escaped = ModelJson.SerializeToUtf8Bytes(vocabulary);
        byte[] relaxed = ModelJson.SerializeToUtf8Bytes(vocabulary, new ModelJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        output.WriteLine($"50,000 tokens: {escaped.Length:N0} bytes escaped (default), {relaxed.Length:N0} bytes relaxed ({(double)relaxed.Length / escaped.Length:P0})");
        Assert.True(relaxed.Length < escaped.Length * 0.7, $"{relaxed.Length} vs {escaped.Length}");
        Deep.Equal(vocabulary, ModelJson.Deserialize<Vocabulary>(relaxed.AsSpan()));
        Deep.Equal(vocabulary, ModelJson.Deserialize<Vocabulary>(escaped.AsSpan()));
    }

    // Byte-level BPE tokens ("Ġ" marks a leading space) in Latin with accents, Cyrillic, Greek and CJK, as in a
    // multilingual tokenizer's vocab.json.
    private static Vocabulary TokenizerVocabulary(int count)
    {
        var random = new Random(42);
        string[] scripts = ["àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœ", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "αβγδεζηθικλμνξοπρστυφχψω", "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"];
        var vocabulary = new Vocabulary();
        while (vocabulary.Tokens.Count < count)
        {
            string letters = scripts[random.Next(scripts.Length)];
            var token = new StringBuilder(random.Next(2) == 0 ? "Ġ" : "");
            int length = random.Next(1, 7);
            for (int i = 0; i < length; i++) token.Append(letters[random.Next(letters.Length)]);
            vocabulary.Tokens.TryAdd(token.ToString(), vocabulary.Tokens.Count);
        }
        return vocabulary;
    }
}
