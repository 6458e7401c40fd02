using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Internal;
using ModelGen.Sample;
using ModelGen.Sample.Legacy;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary>The tool decodes every model type of the sample, and the sample's shipped version-1 file.</summary>
public class SampleModelTests
{
    private static readonly LogisticModel Trained = TrainSmall();

    private static LogisticModel TrainSmall()
    {
        var options = new TrainingOptions(LearningRate: 0.25, Epochs: 40) { L2 = 0.001 };
        LogisticModel model = Trainer.Train(Dataset.Generate(200, seed: 11), options);
        model.Metrics = Trainer.Evaluate(model, Dataset.Generate(50, seed: 12));
        return model;
    }

    /// <summary>A file of each sample model type, with the schema of the type that wrote it.</summary>
    public static TheoryData<string> SampleTypes() => new(SampleFiles().Keys);

    private static Dictionary<string, (byte[] Bytes, ModelSchema Schema)> SampleFiles() => new()
    {
        ["LogisticModel"] = (ModelSerializer.Serialize(Trained), LogisticModel.Schema),
        ["TrainingOptions"] = (ModelSerializer.Serialize(Trained.Hyperparameters), TrainingOptions.Schema),
        ["LogisticModelV1"] = (ModelSerializer.Serialize(new LogisticModelV1
        {
            Hyperparameters = new TrainingOptionsV1(0.1, 5, 3),
            Weights = [1.5, -2.25, 0.125],
            FeatureMeans = [0, 1],
            FeatureStds = [1, 2],
            Metrics = { ["accuracy"] = 0.5 },
        }), LogisticModelV1.Schema),
        ["TrainingOptionsV1"] = (ModelSerializer.Serialize(new TrainingOptionsV1(0.75, 9, 1)), TrainingOptionsV1.Schema),
    };

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void DecodesEverySampleModelTypeWithoutTheType(string type)
    {
        (byte[] bytes, ModelSchema schema) = SampleFiles()[type];
        string path = ToolRunner.TempFile(bytes);
        try
        {
            ToolResult text = ToolRunner.Run("inspect", path);
            Assert.Equal(0, text.ExitCode);
            Assert.Equal("", text.Error);
            Assert.Contains($"model        {schema.Name}", text.Output);
            Assert.Contains($"schema       version {schema.Version}", text.Output);
            Assert.Contains($"fingerprint  0x{schema.Fingerprint:x16}", text.Output);
            Assert.Contains("(XXH3-64) valid", text.Output);

            ToolResult json = ToolRunner.Run("to-json", path);
            Assert.Equal(0, json.ExitCode);
            JsonElement envelope = json.Json.GetProperty("envelope");
            Assert.Equal(schema.Name, envelope.GetProperty("modelName").GetString());
            Assert.Equal(schema.Version, envelope.GetProperty("schemaVersion").GetInt32());
            Assert.True(envelope.GetProperty("checksumValid").GetBoolean());
            Assert.Equal(bytes.Length, json.Json.GetProperty("fileLength").GetInt32());
            Assert.Equal(bytes.Length - 16, envelope.GetProperty("headerLength").GetInt32() + envelope.GetProperty("payloadLength").GetInt32());

            // Every member of the writing type is in the payload under its key (none of these values is null).
            int[] keys = json.Json.GetProperty("payload").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetInt32()).ToArray();
            foreach (ModelMemberSchema member in schema.Members)
                Assert.Contains(member.Key, keys);
            if (schema.Version != 1) Assert.Contains(1, keys);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PayloadValuesAreTheModelsValuesBitForBit()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(Trained));
        try
        {
            JsonElement payload = ToolRunner.Run("to-json", path).Json.GetProperty("payload");

            JsonElement coefficients = ToolRunner.Field(payload, ToolRunner.KeyOf<LogisticModel>("coefficients"));
            Assert.Equal("packed", coefficients.GetProperty("wireType").GetString());
            Assert.Equal("float64", coefficients.GetProperty("element").GetString());
            Assert.Equal([Trained.Coefficients.Length], coefficients.GetProperty("dimensions").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(Trained.Coefficients.Select(BitConverter.DoubleToInt64Bits),
                         coefficients.GetProperty("values").EnumerateArray().Select(v => BitConverter.DoubleToInt64Bits(v.GetDouble())));

            JsonElement bias = ToolRunner.Field(payload, ToolRunner.KeyOf<LogisticModel>("bias"));
            Assert.Equal($"0x{BitConverter.DoubleToInt64Bits(Trained.Bias):x16}", bias.GetProperty("bits").GetString());

            JsonElement options = ToolRunner.Field(payload, ToolRunner.KeyOf<LogisticModel>("hyperparameters"));
            Assert.Equal("object", options.GetProperty("wireType").GetString());
            Assert.Equal(0.25, ToolRunner.Field(options, ToolRunner.KeyOf<TrainingOptions>("learningRate")).GetProperty("float64").GetDouble());
            Assert.Equal(40, ToolRunner.Field(options, ToolRunner.KeyOf<TrainingOptions>("epochs")).GetProperty("zigzag").GetInt64());

            JsonElement metrics = ToolRunner.Field(payload, ToolRunner.KeyOf<LogisticModel>("metrics"));
            var entries = metrics.GetProperty("entries").EnumerateArray()
                .ToDictionary(e => e.GetProperty("key").GetProperty("utf8").GetString()!, e => e.GetProperty("value").GetProperty("float64").GetDouble());
            Assert.Equal(Trained.Metrics, entries);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DecodesTheShippedVersionOneFileWithNamesFromTheOldClass()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "model-v1.mgen");
        LogisticModelV1 written = ModelSerializer.Deserialize<LogisticModelV1>(File.ReadAllBytes(path));

        ToolResult text = ToolRunner.Run("inspect", path, "--names", "weights,featureStds,hyperparameters,epochs", "--max-elements", "2");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("model        ModelGen.Sample.LogisticModel", text.Output);
        Assert.Contains("schema       version 1", text.Output);
        string weightsLine = text.Output.Split('\n').Single(l => l.Contains("(weights)", StringComparison.Ordinal));
        Assert.Equal($"  {MemberKeys.Of("weights")} (weights): packed float64[5] [{written.Weights[0]:R}, {written.Weights[1]:R}, ... 3 more]", weightsLine);
        Assert.Contains($"(epochs): varint {written.Hyperparameters.Epochs} (raw {2 * written.Hyperparameters.Epochs})", text.Output);
        Assert.Contains($"  {ToolRunner.KeyOf<LogisticModel>("featureScales")} (featureStds): packed float64[4]", text.Output); // a rename keeps the first name's key
        // Version 2 split 'weights' into 'coefficients' and 'bias': neither key is in the old file.
        Assert.DoesNotContain($"  {ToolRunner.KeyOf<LogisticModel>("coefficients")}", text.Output);
        Assert.DoesNotContain($"  {ToolRunner.KeyOf<LogisticModel>("bias")}", text.Output);
    }
}
