using System.Linq;
using System.Text.Json;
using Json.Schema;
using Xunit;

namespace ModelGen.Tests;

/// <summary>The JSON that <see cref="ModelJson"/> writes for every sample of the test models validates against the
/// model's generated <c>JsonSchema</c> (JsonSchema.Net, draft 2020-12), and a wrong type or a missing required member
/// does not.</summary>
public sealed class JsonSchemaValidationTests
{
    private static EvaluationResults Evaluate(string schemaText, string json)
    {
        // A registry per schema: two test models share a model name (and so a $id) on purpose.
        JsonSchema schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using JsonDocument document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void Valid<T>(T value) where T : IModelSerializable<T>
    {
        string schema = (string)typeof(T).GetProperty("JsonSchema")!.GetValue(null)!;
        string json = ModelJson.Serialize(value);
        EvaluationResults result = Evaluate(schema, json);
        Assert.True(result.IsValid, typeof(T).Name + ": " + string.Join("; ",
            result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + " " + e.Value)) ?? []));
    }

    [Fact]
    public void Every_sample_validates_against_its_models_schema()
    {
        Valid(Samples.ScalarsMax());
        Valid(Samples.ScalarsOther());
        Valid(Samples.NullablesSet());
        Valid(new Nullables());
        Valid(Samples.CollectionsFull());
        Valid(Samples.CollectionsEmpty(false));
        Valid(Samples.NetworkSample());
        Valid(Samples.PipelineSample());
        Valid(new Config("c", Note: "n"));
        Valid(new Hyper { Patience = 3 });
        Valid(new Chain { Value = 1, Child = new Chain { Value = 2, Child = new Chain { Value = 3 } } });
        Valid(new DenseOp { Name = "d", Units = 2, Weights = [1, 2] });
        Valid(CollectionKindTests.OrderedSample());
        Valid(CollectionKindTests.SetSample());
        Valid(CollectionKindTests.ImmutableSample());
        Valid(new OrderedKinds());
        Valid(new SetKinds());
        Valid(new ImmutableKinds());
        Valid(TupleTests.Sample());
        Valid(new TupleKinds());
    }

    [Theory]
    [InlineData("\"pair\":[3,4]", "\"pair\":[3,4,5]")]          // a tuple has exactly its items
    [InlineData("\"pair\":[3,4]", "\"pair\":[3]")]
    [InlineData("\"pair\":[3,4]", "\"pair\":[3,\"4\"]")]        // each item has its own type
    [InlineData("\"entry\":{\"Key\":\"lr\"", "\"entry\":{\"key\":\"lr\"")] // KeyValuePair names its two properties
    [InlineData("\"[3,4]\":", "\"3,4\":")]                      // a tuple key is the JSON text of an array
    public void A_tuple_of_another_shape_fails_its_schema(string valid, string invalid)
    {
        string json = ModelJson.Serialize(TupleTests.Sample());
        Assert.Contains(valid, json);
        Assert.True(Evaluate(TupleKinds.JsonSchema, json).IsValid);
        Assert.False(Evaluate(TupleKinds.JsonSchema, json.Replace(valid, invalid)).IsValid);
    }

    [Fact]
    public void A_set_of_scalars_with_a_duplicate_fails_its_schema()
    {
        string json = ModelJson.Serialize(new SetKinds { StopWords = ["a", "b"] });
        Assert.True(Evaluate(SetKinds.JsonSchema, json).IsValid);
        Assert.False(Evaluate(SetKinds.JsonSchema, json.Replace("[\"a\",\"b\"]", "[\"a\",\"a\"]")).IsValid);
    }

    [Fact]
    public void Wrong_types_missing_members_and_out_of_range_values_fail()
    {
        string network = ModelJson.Serialize(Samples.NetworkSample());
        Assert.False(Evaluate(Network.JsonSchema, network.Replace("\"name\":\"mlp\"", "\"name\":5")).IsValid);
        Assert.False(Evaluate(Hyper.JsonSchema, ModelJson.Serialize(new Hyper()).Replace("\"layers\":2", "\"layers\":500")).IsValid);
        Assert.False(Evaluate(Hyper.JsonSchema, ModelJson.Serialize(new Hyper()).Replace("\"optimizer\":\"adam\"", "\"optimizer\":null")).IsValid);
        string chain = ModelJson.Serialize(new Chain { Value = 1, Child = new Chain { Value = 2 } });
        Assert.False(Evaluate(Chain.JsonSchema, chain.Replace("\"value\":2", "\"value\":\"two\"")).IsValid); // the recursion is checked too
        string config = ModelJson.Serialize(new Config("c"));
        using JsonDocument doc = JsonDocument.Parse(config);
        string withoutName = "{" + string.Join(",", doc.RootElement.EnumerateObject().Where(p => p.Name != "name").Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())) + "}";
        Assert.False(Evaluate(Config.JsonSchema, withoutName).IsValid); // a constructor parameter without a default is required
    }
}
