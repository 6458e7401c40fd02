using System.Collections.Generic;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A JSON object or dictionary none of whose members the model declares — another model's document, or this
/// model's wrapped in another object — was read as the model's defaults, the data kept aside as unknown members: a
/// training run then went on with default hyperparameters, silently. It is refused, naming the first member; an
/// object a ModelGen writer wrote (it always carries "$version") and an empty object still read.</summary>
public class NoneRecognisedTests
{
    [Fact]
    public void A_wrapped_or_foreign_json_document_is_refused_naming_its_first_member()
    {
        ModelFormatException wrapped = Assert.Throws<ModelFormatException>(() =>
            ModelJson.Deserialize<OptimizerSettings>("""{"optimizer":{"learningRate":0.5,"momentum":0.1}}"""));
        Assert.Contains("none of the object's members is a member of OptimizerSettings ('optimizer' is not)", wrapped.Message);
        ModelFormatException foreign = Assert.Throws<ModelFormatException>(() =>
            ModelJson.Deserialize<OptimizerSettings>("""{"units":32,"activation":"Gelu"}"""));
        Assert.Contains("('units' is not)", foreign.Message);
        // Nested: the path of the object that holds none of its model's members.
        Bad.Json<TrainingSettings>("""{"epochs":3,"optimizer":{"lr":0.5}}""", "optimizer");
    }

    [Fact]
    public void A_wrapped_dictionary_or_one_of_another_model_is_refused()
    {
        var wrapped = new Dictionary<string, object?> { ["optimizer"] = new Dictionary<string, object?> { ["learningRate"] = 0.5 } };
        Assert.Contains("('optimizer' is not)", Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<OptimizerSettings>(wrapped)).Message);
        var nested = new Dictionary<string, object?> { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.5 } };
        Assert.Equal("optimizer", Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<TrainingSettings>(nested)).Path);
    }

    [Fact]
    public void Objects_with_one_member_of_the_model_empty_objects_and_ModelGen_documents_still_read()
    {
        // One member the model declares among others: the others are kept as unknown members, as before.
        OptimizerSettings mixed = ModelJson.Deserialize<OptimizerSettings>("""{"learningRate":0.5,"warmup":10}""");
        Assert.Equal(0.5, mixed.LearningRate);
        Assert.Single(ModelSerializer.GetUnknownMembers(mixed));
        Assert.Equal(new OptimizerSettings(), ModelJson.Deserialize<OptimizerSettings>("{}"));
        Assert.Equal(new OptimizerSettings(), ModelDictionary.FromDictionary<OptimizerSettings>(new Dictionary<string, object?>()));
        // A newer version that removed every member this one has: its writer wrote "$version", and what it holds is kept.
        OptimizerSettings newer = ModelJson.Deserialize<OptimizerSettings>("""{"$version":2,"schedule":"cosine"}""");
        Assert.Equal(new OptimizerSettings(), newer);
        Assert.Contains("\"schedule\":\"cosine\"", ModelJson.Serialize(newer));
        Assert.Equal(new OptimizerSettings(), ModelDictionary.FromDictionary<OptimizerSettings>(new Dictionary<string, object?> { ["$version"] = 2, ["schedule"] = "cosine" }));
        // Other names of a member count as its own: another case, snake_case.
        Assert.Equal(0.5, ModelJson.Deserialize<OptimizerSettings>("""{"learning_rate":0.5}""").LearningRate);
    }

    [Fact]
    public void A_model_nested_in_a_System_Text_Json_document_is_refused_the_same_way()
    {
        var e = Assert.ThrowsAny<System.Exception>(() => JsonSerializer.Deserialize<Dictionary<string, OptimizerSettings>>("""{"a":{"settings":{"learningRate":0.5}}}"""));
        Assert.Contains("('settings' is not)", e.ToString());
    }
}
