using System;
using ModelGen;
using ModelGen.Sample;

var options = new TrainingOptions(LearningRate: 0.1f) { HiddenLayers = [4] };
var mlp = new Mlp
{
    Hyperparameters = options,
    Layers = { new DenseLayer(2, 4, new float[8], new float[4]), new DenseLayer(4, 1, new float[4], new float[1]) },
};
mlp.Metrics["accuracy"] = 0.75;
byte[] bytes = ModelSerializer.Serialize(mlp);
Mlp back = ModelSerializer.Deserialize<Mlp>(bytes);
string json = ModelJson.Serialize(mlp);
Console.WriteLine($"binary {bytes.Length} bytes, json {json}");
Console.WriteLine(ModelJson.Serialize(back) == json ? "round trip OK" : "MISMATCH");
Console.WriteLine(Mlp.Schema);
var dict = ModelDictionary.ToDictionary(options);
Console.WriteLine(string.Join(", ", dict));
var parsed = ModelDictionary.FromDictionary<TrainingOptions>(new System.Collections.Generic.Dictionary<string, object?> { ["learningRate"] = "0.25", ["Epochs"] = "12", ["hiddenLayers"] = "16,8" });
Console.WriteLine(parsed);
