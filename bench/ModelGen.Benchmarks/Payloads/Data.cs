using System;
using System.Linq;

namespace ModelGen.Benchmarks.Payloads;

/// <summary>The payloads, built deterministically, and the structural equality that round-trip checks use.</summary>
public static class Data
{
    /// <summary>Smoke runs (CI) use smaller payloads of the same shapes; the MLP stays above the size at which the
    /// checksum is computed while reading, so that path is exercised too.</summary>
    public static bool Small { get; set; }

    public static TrainingHyperparameters Hyperparameters() => new()
    {
        LearningRate = 0.001f, Momentum = 0.9f, Dropout = 0.25f, Epochs = 40, BatchSize = 256, Seed = 12345, WarmupSteps = 500,
        Name = "mlp-baseline-adamw", Optimizer = Optimizer.AdamW, UseBatchNorm = true, ClipNorm = 1.5, LayerSizes = [1024, 2048, 1024, 10],
    };

    /// <summary>1024 → 2048 → 1024 → 10: 4,204,544 weights and 3,082 biases (16.8 MB of floats).</summary>
    public static Mlp Mlp()
    {
        var random = new Random(42);
        int[] sizes = Small ? [256, 512, 64, 10] : [1024, 2048, 1024, 10];
        var layers = new DenseLayer[sizes.Length - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            var weights = new float[sizes[i] * sizes[i + 1]];
            for (int j = 0; j < weights.Length; j++) weights[j] = (float)(random.NextDouble() * 2 - 1);
            var biases = new float[sizes[i + 1]];
            for (int j = 0; j < biases.Length; j++) biases[j] = (float)(random.NextDouble() * 0.1);
            layers[i] = new DenseLayer { Inputs = sizes[i], Outputs = sizes[i + 1], Activation = i == layers.Length - 1 ? Activation.Softmax : Activation.Relu, Weights = weights, Biases = biases };
        }
        return new Mlp { Hyperparameters = Hyperparameters(), Layers = layers };
    }

    /// <summary>100 complete binary trees of 1,023 nodes each (511 splits, 512 leaves).</summary>
    public static Forest Forest()
    {
        var random = new Random(7);
        const int nodes = 1023;
        var trees = new DecisionTree[Small ? 5 : 100];
        for (int t = 0; t < trees.Length; t++)
        {
            var tree = new TreeNode[nodes];
            for (int i = 0; i < nodes; i++)
            {
                bool leaf = 2 * i + 1 >= nodes;
                tree[i] = leaf
                    ? new TreeNode { Feature = -1, Left = -1, Right = -1, Value = (float)random.NextDouble() }
                    : new TreeNode { Feature = random.Next(0, 200), Threshold = (float)(random.NextDouble() * 10), Left = 2 * i + 1, Right = 2 * i + 2 };
            }
            trees[t] = new DecisionTree { Nodes = tree };
        }
        return new Forest { Features = 200, Trees = trees };
    }

    /// <summary>The bytes of every float array of an MLP: what any serializer must at least copy.</summary>
    public static long WeightBytes(Mlp m) => m.Layers.Sum(l => (long)(l.Weights.Length + l.Biases.Length) * sizeof(float));

    public static bool Same(TrainingHyperparameters a, TrainingHyperparameters b) =>
        a.LearningRate.Equals(b.LearningRate) && a.Momentum.Equals(b.Momentum) && a.Dropout.Equals(b.Dropout) && a.Epochs == b.Epochs
        && a.BatchSize == b.BatchSize && a.Seed == b.Seed && a.WarmupSteps == b.WarmupSteps && a.Name == b.Name && a.Optimizer == b.Optimizer
        && a.UseBatchNorm == b.UseBatchNorm && Nullable.Equals(a.ClipNorm, b.ClipNorm) && a.LayerSizes.AsSpan().SequenceEqual(b.LayerSizes);

    public static bool Same(Mlp a, Mlp b) =>
        Same(a.Hyperparameters, b.Hyperparameters) && a.Layers.Length == b.Layers.Length
        && a.Layers.Zip(b.Layers).All(p => p.First.Inputs == p.Second.Inputs && p.First.Outputs == p.Second.Outputs
            && p.First.Activation == p.Second.Activation && p.First.Weights.AsSpan().SequenceEqual(p.Second.Weights)
            && p.First.Biases.AsSpan().SequenceEqual(p.Second.Biases));

    public static bool Same(Forest a, Forest b) =>
        a.Features == b.Features && a.Trees.Length == b.Trees.Length
        && a.Trees.Zip(b.Trees).All(t => t.First.Nodes.Length == t.Second.Nodes.Length
            && t.First.Nodes.Zip(t.Second.Nodes).All(n => n.First.Feature == n.Second.Feature && n.First.Threshold.Equals(n.Second.Threshold)
                && n.First.Left == n.Second.Left && n.First.Right == n.Second.Right && n.First.Value.Equals(n.Second.Value)));
}
