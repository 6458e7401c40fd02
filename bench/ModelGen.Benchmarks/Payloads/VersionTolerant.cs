using System;
using MemoryPack;

namespace ModelGen.Benchmarks.Payloads;

// The same shapes for MemoryPack's version-tolerant mode, the fair peer of a format whose readers skip unknown members.

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class TrainingHyperparametersVT
{
    [MemoryPackOrder(0)] public float LearningRate { get; set; }
    [MemoryPackOrder(1)] public float Momentum { get; set; }
    [MemoryPackOrder(2)] public float Dropout { get; set; }
    [MemoryPackOrder(3)] public int Epochs { get; set; }
    [MemoryPackOrder(4)] public int BatchSize { get; set; }
    [MemoryPackOrder(5)] public int Seed { get; set; }
    [MemoryPackOrder(6)] public int WarmupSteps { get; set; }
    [MemoryPackOrder(7)] public string Name { get; set; } = "";
    [MemoryPackOrder(8)] public Optimizer Optimizer { get; set; }
    [MemoryPackOrder(9)] public bool UseBatchNorm { get; set; }
    [MemoryPackOrder(10)] public double? ClipNorm { get; set; }
    [MemoryPackOrder(11)] public int[] LayerSizes { get; set; } = [];

    public static TrainingHyperparametersVT From(TrainingHyperparameters h) => new()
    {
        LearningRate = h.LearningRate, Momentum = h.Momentum, Dropout = h.Dropout, Epochs = h.Epochs, BatchSize = h.BatchSize,
        Seed = h.Seed, WarmupSteps = h.WarmupSteps, Name = h.Name, Optimizer = h.Optimizer, UseBatchNorm = h.UseBatchNorm,
        ClipNorm = h.ClipNorm, LayerSizes = h.LayerSizes,
    };

    public TrainingHyperparameters ToModel() => new()
    {
        LearningRate = LearningRate, Momentum = Momentum, Dropout = Dropout, Epochs = Epochs, BatchSize = BatchSize,
        Seed = Seed, WarmupSteps = WarmupSteps, Name = Name, Optimizer = Optimizer, UseBatchNorm = UseBatchNorm,
        ClipNorm = ClipNorm, LayerSizes = LayerSizes,
    };
}

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class DenseLayerVT
{
    [MemoryPackOrder(0)] public int Inputs { get; set; }
    [MemoryPackOrder(1)] public int Outputs { get; set; }
    [MemoryPackOrder(2)] public Activation Activation { get; set; }
    [MemoryPackOrder(3)] public float[] Weights { get; set; } = [];
    [MemoryPackOrder(4)] public float[] Biases { get; set; } = [];
}

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class MlpVT
{
    [MemoryPackOrder(0)] public TrainingHyperparametersVT Hyperparameters { get; set; } = new();
    [MemoryPackOrder(1)] public DenseLayerVT[] Layers { get; set; } = [];

    public static MlpVT From(Mlp m) => new()
    {
        Hyperparameters = TrainingHyperparametersVT.From(m.Hyperparameters),
        Layers = Array.ConvertAll(m.Layers, l => new DenseLayerVT { Inputs = l.Inputs, Outputs = l.Outputs, Activation = l.Activation, Weights = l.Weights, Biases = l.Biases }),
    };

    public Mlp ToModel() => new()
    {
        Hyperparameters = Hyperparameters.ToModel(),
        Layers = Array.ConvertAll(Layers, l => new DenseLayer { Inputs = l.Inputs, Outputs = l.Outputs, Activation = l.Activation, Weights = l.Weights, Biases = l.Biases }),
    };
}

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class TreeNodeVT
{
    [MemoryPackOrder(0)] public int Feature { get; set; }
    [MemoryPackOrder(1)] public float Threshold { get; set; }
    [MemoryPackOrder(2)] public int Left { get; set; }
    [MemoryPackOrder(3)] public int Right { get; set; }
    [MemoryPackOrder(4)] public float Value { get; set; }
}

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class DecisionTreeVT
{
    [MemoryPackOrder(0)] public TreeNodeVT[] Nodes { get; set; } = [];
}

[MemoryPackable(GenerateType.VersionTolerant)]
public partial class ForestVT
{
    [MemoryPackOrder(0)] public int Features { get; set; }
    [MemoryPackOrder(1)] public DecisionTreeVT[] Trees { get; set; } = [];

    public static ForestVT From(Forest f) => new()
    {
        Features = f.Features,
        Trees = Array.ConvertAll(f.Trees, t => new DecisionTreeVT
        {
            Nodes = Array.ConvertAll(t.Nodes, n => new TreeNodeVT { Feature = n.Feature, Threshold = n.Threshold, Left = n.Left, Right = n.Right, Value = n.Value }),
        }),
    };

    public Forest ToModel() => new()
    {
        Features = Features,
        Trees = Array.ConvertAll(Trees, t => new DecisionTree
        {
            Nodes = Array.ConvertAll(t.Nodes, n => new TreeNode { Feature = n.Feature, Threshold = n.Threshold, Left = n.Left, Right = n.Right, Value = n.Value }),
        }),
    };
}
