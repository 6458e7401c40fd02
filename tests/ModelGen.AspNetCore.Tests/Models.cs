using System.ComponentModel.DataAnnotations;

namespace ModelGen.AspNetCore.Tests;

public enum Optimizer { Sgd, Adam }

[Hyperparameters]
public partial record TrainingOptions(
    [Range(1e-6, 1.0)] double LearningRate = 0.01,
    [Range(1, 1000)] int Epochs = 10,
    Optimizer Optimizer = Optimizer.Adam);

[SerializableModel(Version = 2)]
public partial class Weights
{
    public string Name { get; set; } = "";
    public TrainingOptions Options { get; set; } = new();
    public float[] Values { get; set; } = [];
}

[SerializableModel]
public partial class Other
{
    public int Id { get; set; }
}
