using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using ModelGen;

namespace ModelGen.Sample;

public enum Activation { Relu, Tanh, Sigmoid }

[Hyperparameters]
public partial record TrainingOptions(
    [Range(1e-6, 1.0)] float LearningRate = 0.5f,
    [Range(1, 100_000)] int Epochs = 300,
    Activation Activation = Activation.Tanh,
    int Seed = 42)
{
    public int[] HiddenLayers { get; init; } = [8];
}

[SerializableModel(Version = 1)]
public partial class DenseLayer
{
    public DenseLayer(int inputs, int outputs, float[] weights, float[] biases)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Biases = biases;
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public float[] Weights { get; }
    public float[] Biases { get; }
}

[SerializableModel(Version = 1)]
public partial class Mlp
{
    public required TrainingOptions Hyperparameters { get; init; }
    public List<DenseLayer> Layers { get; set; } = new();
    public Dictionary<string, double> Metrics { get; set; } = new();
    public string? Notes { get; set; }
}
