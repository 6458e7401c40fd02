using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Naming = ModelNaming.KebabCase)]
public partial class KebabModel
{
    public int HTTPPort { get; set; }
    public List<int> HiddenSizes { get; set; } = new();
    [ModelMember(Name = "custom")] public string Other { get; set; } = "";
}

[SerializableModel(Naming = ModelNaming.PascalCase)]
public partial struct PascalPoint
{
    public double X;
    public double yValue;
    private KeptMembers _kept;
}

[SerializableModel(Naming = ModelNaming.Exact)]
public partial class ExactModel
{
#pragma warning disable IDE1006 // an unconventional C# name is what the Exact policy must keep as it is
    public int learning_Rate { get; set; }
#pragma warning restore IDE1006
    public int Layer2Norm { get; set; }
}

[SerializableModel(Naming = ModelNaming.SnakeCase)]
public partial record SnakeModel(int Layer2Norm = 0, int NPositions = 0, string? HTTPServerUrl = null);

// Two members whose names differ only in case and separators: another spelling of either is neither.
[SerializableModel]
public partial class LooselyClashing
{
    public int LearningRate { get; set; }
#pragma warning disable IDE1006 // the clash under test needs the unconventional name
    public int Learning_Rate { get; set; }
#pragma warning restore IDE1006
    public int Epochs { get; set; }
}

[SerializableModel]
public partial class StrictInner
{
    public int A { get; set; }
}

// The same model name with one more member: data with a member StrictInner does not know.
[SerializableModel(Name = "ModelGen.Tests.StrictInner")]
public partial class StrictInnerWider
{
    public int A { get; set; }
    public int B { get; set; }
}

[SerializableModel]
public partial class StrictOuter
{
    public StrictInner Inner { get; set; } = new();
    public PascalPoint Point { get; set; }
}

/// <summary>Naming policies and the strict (RejectUnknownMembers) mode, in every form.</summary>
public class NamingTests
{
    private static readonly ModelJsonOptions Strict = new() { RejectUnknownMembers = true };
    private static readonly ModelSerializerOptions StrictDictionary = new() { RejectUnknownMembers = true };

    [Fact]
    public void EachPolicyNamesMembersInEveryForm()
    {
        var kebab = new KebabModel { HTTPPort = 8080, HiddenSizes = { 64, 32 }, Other = "x" };
        Assert.Equal(new[] { "$version", "custom", "hidden-sizes", "http-port" }, ModelDictionary.ToDictionary(kebab).Keys.Order(System.StringComparer.Ordinal));
        Assert.Equal("""{"$version":1,"http-port":8080,"hidden-sizes":[64,32],"custom":"x"}""", ModelJson.Serialize(kebab));
        Assert.Equal(new[] { "http-port", "hidden-sizes", "custom" }, KebabModel.Schema.Members.Select(m => m.Name));
        Assert.Contains("\"http-port\"", KebabModel.JsonSchema);

        Assert.Equal(new[] { "X", "YValue" }, PascalPoint.Schema.Members.Select(m => m.Name));
        Assert.Equal(new[] { "learning_Rate", "Layer2Norm" }, ExactModel.Schema.Members.Select(m => m.Name));
        Assert.Equal(new[] { "layer2_norm", "n_positions", "http_server_url" }, SnakeModel.Schema.Members.Select(m => m.Name));

        var back = ModelJson.Deserialize<KebabModel>(ModelJson.Serialize(kebab));
        Assert.Equal((8080, "x"), (back.HTTPPort, back.Other));
        Assert.Equal(new List<int> { 64, 32 }, back.HiddenSizes);
        Assert.Equal(8080, ModelSerializer.Deserialize<KebabModel>(ModelSerializer.Serialize(kebab)).HTTPPort);
    }

    [Fact]
    public void StrictJsonNamesTheUnrecognisedMemberAndItsPath()
    {
        const string json = """{"inner":{"a":1,"b":2},"point":{"X":1,"YValue":2}}""";
        Assert.Equal(1, ModelJson.Deserialize<StrictOuter>(json).Inner.A); // lenient: kept

        var e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<StrictOuter>(json, Strict));
        Assert.Equal("inner", e.Path);
        Assert.Contains("'b'", e.Message);

        // A struct is checked too.
        e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<StrictOuter>("""{"point":{"X":1,"Z":1}}""", Strict));
        Assert.Equal("point", e.Path);
        Assert.Contains("'Z'", e.Message);
        // The default (camelCase) names stay recognised: data written before the policy was set.
        Assert.Equal(3, ModelJson.Deserialize<StrictOuter>("""{"point":{"x":3}}""", Strict).Point.X);
        Assert.Equal(2, ModelJson.Deserialize<StrictOuter>("""{"inner":{"a":2}}""", Strict).Inner.A);
    }

    // System.Text.Json's own shape (C# names, enums as numbers, no $version): what JsonSerializer wrote for a model
    // before models carried their converter, and what hand-written documents often look like.
    private const string SystemTextJsonShape =
        """{"Dropout":0.5,"Layers":3,"Optimizer":"sgd","LearningRate":0.02,"Activation":2,"Shuffle":false,"Hidden":[4,4],"Patience":7,"Budget":2.5,"Timeout":"00:00:05"}""";

    [Fact]
    public void JsonNamesInAnotherCaseAreTheMemberNotUnknownMembersAndDefaults()
    {
        var expected = new Hyper(0.5, 3, "sgd", 0.02f, Color.Blue, false) { Hidden = [4, 4], Patience = 7, Budget = 2.5m, Timeout = System.TimeSpan.FromSeconds(5) };
        Deep.Equal(expected, ModelJson.Deserialize<Hyper>(SystemTextJsonShape));
        Deep.Equal(expected, ModelJson.Deserialize<Hyper>(SystemTextJsonShape, Strict)); // not unknown, so strict accepts it
        Deep.Equal(expected, System.Text.Json.JsonSerializer.Deserialize<Hyper>(SystemTextJsonShape));
        Assert.Empty(ModelSerializer.GetUnknownMembers(ModelJson.Deserialize<Hyper>(SystemTextJsonShape)));

        // The exact name wins, whichever comes first; a name no member has in any case stays unknown.
        Assert.Equal(0.2, ModelJson.Deserialize<Hyper>("""{"dropout":0.2,"Dropout":0.7}""").Dropout);
        Assert.Equal(0.2, ModelJson.Deserialize<Hyper>("""{"DROPOUT":0.7,"dropout":0.2}""").Dropout);
        Assert.Contains("'Dropuot'", Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<Hyper>("""{"Dropuot":0.7}""", Strict)).Message);

        // A value in another case is read and checked like any other: the error names the member.
        var e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<Hyper>("""{"Layers":"many"}"""));
        Assert.Equal("layers", e.Path);

        // Previous names, in another case, too.
        Assert.Equal(5, ModelJson.Deserialize<RenamedV2>("""{"EPOCHCOUNT":5}""").Iterations);
    }

    [Fact]
    public void NamesUnderAnotherPolicyAreTheMemberInJsonAndDictionaries()
    {
        // A snake_case document (what Python tools write) for a camelCase model: read, never defaults beside
        // unknown members.
        const string snake = """{"dropout":0.5,"layers":3,"optimizer":"sgd","learning_rate":0.02,"shuffle":false}""";
        var expected = new Hyper(0.5, 3, "sgd", 0.02f, Color.Red, false);
        Deep.Equal(expected, ModelJson.Deserialize<Hyper>(snake));
        Deep.Equal(expected, ModelJson.Deserialize<Hyper>(snake, Strict));
        Assert.Empty(ModelSerializer.GetUnknownMembers(ModelJson.Deserialize<Hyper>(snake)));
        Assert.Equal(0.02f, ModelJson.Deserialize<Hyper>("""{"learning-rate":0.02}""").LearningRate);
        Assert.Equal(0.02f, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["learning_rate"] = 0.02f }).LearningRate);
        Assert.Equal(0.02f, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["LEARNING_RATE"] = 0.02f }, StrictDictionary).LearningRate);

        // And the other way: camelCase data for a snake_case model; previous names too.
        Assert.Equal(new SnakeModel(2, 3, "u"), ModelJson.Deserialize<SnakeModel>("""{"layer2Norm":2,"nPositions":3,"httpServerUrl":"u"}"""));
        Assert.Equal(5, ModelJson.Deserialize<RenamedV2>("""{"epoch_count":5}""").Iterations);
        Assert.Equal(5, ModelDictionary.FromDictionary<RenamedV2>(new Dictionary<string, object?> { ["epoch_count"] = 5 }).Iterations);

        // '.' joins flat paths, so it is no separator.
        Assert.Contains("'learning.rate'", Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<Hyper>("""{"learning.rate":0.2}""", Strict)).Message);
    }

    [Fact]
    public void TheExactNameWinsInDictionariesWhateverTheOrder()
    {
        // Dictionary<string, object?> keeps both spellings (configuration layers would merge them): as in JSON, the
        // exact name wins, and another spelling never overrides one read before.
        Assert.Equal(0.2, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["dropout"] = 0.2, ["Dropout"] = 0.7 }).Dropout);
        Assert.Equal(0.2, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["Dropout"] = 0.7, ["dropout"] = 0.2 }).Dropout);
        Assert.Equal(0.7, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["Dropout"] = 0.7, ["DROPOUT"] = 0.9 }).Dropout);
        Assert.Equal(0.02f, ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["learning_rate"] = 0.5f, ["learningRate"] = 0.02f }).LearningRate);
        Assert.Equal(0.02f, ModelJson.Deserialize<Hyper>("""{"learning_rate":0.5,"learningRate":0.02}""").LearningRate);
        // An exact previous name wins over another spelling of the current one; the current name over both.
        var renamed = new Dictionary<string, object?> { ["Iterations"] = 1, ["epochCount"] = 2 };
        Assert.Equal(2, ModelDictionary.FromDictionary<RenamedV2>(renamed).Iterations);
        renamed["iterations"] = 3;
        Assert.Equal(3, ModelDictionary.FromDictionary<RenamedV2>(renamed).Iterations);
    }

    [Fact]
    public void AnotherSpellingOfTwoMembersIsNeither()
    {
        // "learningRate" and "learning_Rate" share their loose form: only exact names reach them, and the ambiguous
        // spelling is kept as unknown (or rejected by name in strict mode), never given to one of them.
        var read = ModelJson.Deserialize<LooselyClashing>("""{"learningRate":1,"learning_Rate":2,"LEARNING-RATE":3,"EPOCHS":4}""");
        Assert.Equal((1, 2, 4), (read.LearningRate, read.Learning_Rate, read.Epochs));
        Assert.Equal("LEARNING-RATE", Assert.Single(ModelSerializer.GetUnknownMembers(read)).Name);
        Assert.Contains("'learning_rate'", Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<LooselyClashing>("""{"learning_rate":3}""", Strict)).Message);
        var fromDictionary = ModelDictionary.FromDictionary<LooselyClashing>(new Dictionary<string, object?> { ["LearningRate"] = 3, ["epochs"] = 4 });
        Assert.Equal((0, 0, 4), (fromDictionary.LearningRate, fromDictionary.Learning_Rate, fromDictionary.Epochs));
    }

    [Fact]
    public void StrictDictionaryNamesTheUnrecognisedKey()
    {
        var values = new Dictionary<string, object?> { ["inner"] = new Dictionary<string, object?> { ["a"] = 1, ["extra"] = 3 } };
        Assert.Equal(1, ModelDictionary.FromDictionary<StrictOuter>(values).Inner.A);
        var e = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<StrictOuter>(values, StrictDictionary));
        Assert.Equal("inner", e.Path);
        Assert.Contains("'extra'", e.Message);
    }

    [Fact]
    public void StrictBinaryNamesTheUnrecognisedKey()
    {
        byte[] data = ModelSerializer.Serialize(new StrictInnerWider { A = 1, B = 2 });
        Assert.Equal(1, ModelSerializer.Deserialize<StrictInner>(data).A);
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<StrictInner>(data, StrictDictionary));
        Assert.Contains($"'#{ModelGen.Internal.MemberKeys.Of("b")}'", e.Message);
        Assert.True(e.Offset > 0);
    }
}
