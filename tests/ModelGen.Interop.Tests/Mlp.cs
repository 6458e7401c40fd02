using System;

namespace ModelGen.Interop.Tests;

// A small multilayer perceptron shared with PyTorch (interop/python/torch_interop.py): 4 inputs, a hidden layer with
// ReLU, 2 output logits. The weights are laid out as torch.nn.Linear keeps them ([out_features, in_features], row-major),
// so the packed arrays become a module's parameters without reordering. Linked into tests/ModelGen.Interop.Check, which
// loads the model that PyTorch trained and Python saved.

/// <summary>torch.nn.Sequential(Linear(4, Hidden), ReLU(), Linear(Hidden, 2)): the state_dict keys 0.weight, 0.bias,
/// 2.weight, 2.bias are hiddenWeight, hiddenBias, outputWeight, outputBias.</summary>
[SerializableModel(Name = "Interop.Mlp")]
public partial class Mlp
{
    public float[,] HiddenWeight { get; set; } = new float[0, 0];
    public float[] HiddenBias { get; set; } = [];
    public float[,] OutputWeight { get; set; } = new float[0, 0];
    public float[] OutputBias { get; set; } = [];
    /// <summary>Who trained it ("ModelGen .NET", "PyTorch 1.13.0a0").</summary>
    public string TrainedBy { get; set; } = "";

    /// <summary>The logits of one input, in float32, each sum accumulated in input order with a separate multiply and
    /// add per term (no fused multiply-add): exactly what the Python reference path does with elementwise torch ops.</summary>
    public float[] Forward(ReadOnlySpan<float> x)
    {
        int hidden = HiddenBias.Length, inputs = HiddenWeight.GetLength(1), outputs = OutputBias.Length;
        if (x.Length != inputs) throw new ArgumentException($"expected {inputs} inputs, got {x.Length}", nameof(x));
        var h = new float[hidden];
        for (int j = 0; j < hidden; j++)
        {
            float sum = HiddenBias[j];
            for (int i = 0; i < inputs; i++) sum += HiddenWeight[j, i] * x[i];
            h[j] = sum > 0f ? sum : 0f;
        }
        var logits = new float[outputs];
        for (int k = 0; k < outputs; k++)
        {
            float sum = OutputBias[k];
            for (int j = 0; j < hidden; j++) sum += OutputWeight[k, j] * h[j];
            logits[k] = sum;
        }
        return logits;
    }
}

/// <summary>A test set and the outputs one side computed, for the other side to compare with.</summary>
[SerializableModel(Name = "Interop.MlpTestSet")]
public partial class MlpTestSet
{
    public float[,] Inputs { get; set; } = new float[0, 0];
    public int[] Labels { get; set; } = [];
    /// <summary>The writer's reference logits: the sequential float32 path (<see cref="Mlp.Forward"/> in .NET, the
    /// elementwise path in Python): bit-identical on the other side.</summary>
    public float[,] Logits { get; set; } = new float[0, 0];
    /// <summary>PyTorch's own forward (torch.nn.Module, an sgemm): within a tolerance of <see cref="Logits"/> (empty
    /// when .NET wrote the set).</summary>
    public float[,] ModuleLogits { get; set; } = new float[0, 0];
}

/// <summary>Data and full-batch gradient descent on the softmax cross-entropy, in float32, seeded: the same model on
/// every run and machine.</summary>
public static class MlpTrainer
{
    /// <summary>Two classes: 1 when x0 + x1·x2 − 0.5·x3 > 0, inputs standard normal (from a SplitMix64 stream).</summary>
    public static (float[,] Inputs, int[] Labels) Data(int count, ulong seed)
    {
        ulong state = seed;
        var inputs = new float[count, 4];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            for (int i = 0; i < 4; i++) inputs[n, i] = (float)Gaussian(ref state);
            labels[n] = inputs[n, 0] + inputs[n, 1] * inputs[n, 2] - 0.5f * inputs[n, 3] > 0 ? 1 : 0;
        }
        return (inputs, labels);
    }

    public static Mlp Train(float[,] inputs, int[] labels, int hidden = 16, int epochs = 400, float learningRate = 0.5f)
    {
        int n = labels.Length, d = inputs.GetLength(1);
        ulong state = 12345;
        var model = new Mlp
        {
            HiddenWeight = new float[hidden, d], HiddenBias = new float[hidden],
            OutputWeight = new float[2, hidden], OutputBias = new float[2], TrainedBy = "ModelGen .NET",
        };
        for (int j = 0; j < hidden; j++)
            for (int i = 0; i < d; i++) model.HiddenWeight[j, i] = (float)(Gaussian(ref state) / Math.Sqrt(d));
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < hidden; j++) model.OutputWeight[k, j] = (float)(Gaussian(ref state) / Math.Sqrt(hidden));

        var gW1 = new float[hidden, d]; var gB1 = new float[hidden]; var gW2 = new float[2, hidden]; var gB2 = new float[2];
        var x = new float[d]; var h = new float[hidden];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(gW1); Array.Clear(gB1); Array.Clear(gW2); Array.Clear(gB2);
            for (int s = 0; s < n; s++)
            {
                for (int i = 0; i < d; i++) x[i] = inputs[s, i];
                for (int j = 0; j < hidden; j++)
                {
                    float sum = model.HiddenBias[j];
                    for (int i = 0; i < d; i++) sum += model.HiddenWeight[j, i] * x[i];
                    h[j] = sum > 0f ? sum : 0f;
                }
                float[] logits = model.Forward(x);
                float max = MathF.Max(logits[0], logits[1]);
                float e0 = MathF.Exp(logits[0] - max), e1 = MathF.Exp(logits[1] - max);
                float p1 = e1 / (e0 + e1);
                float[] dLogits = [(1 - p1) - (labels[s] == 0 ? 1 : 0), p1 - (labels[s] == 1 ? 1 : 0)];
                for (int k = 0; k < 2; k++)
                {
                    gB2[k] += dLogits[k];
                    for (int j = 0; j < hidden; j++) gW2[k, j] += dLogits[k] * h[j];
                }
                for (int j = 0; j < hidden; j++)
                {
                    if (h[j] <= 0f) continue;
                    float dh = dLogits[0] * model.OutputWeight[0, j] + dLogits[1] * model.OutputWeight[1, j];
                    gB1[j] += dh;
                    for (int i = 0; i < d; i++) gW1[j, i] += dh * x[i];
                }
            }
            float step = learningRate / n;
            for (int j = 0; j < hidden; j++)
            {
                model.HiddenBias[j] -= step * gB1[j];
                for (int i = 0; i < d; i++) model.HiddenWeight[j, i] -= step * gW1[j, i];
            }
            for (int k = 0; k < 2; k++)
            {
                model.OutputBias[k] -= step * gB2[k];
                for (int j = 0; j < hidden; j++) model.OutputWeight[k, j] -= step * gW2[k, j];
            }
        }
        return model;
    }

    public static float[,] Logits(Mlp model, float[,] inputs)
    {
        int n = inputs.GetLength(0), d = inputs.GetLength(1);
        var result = new float[n, model.OutputBias.Length];
        var x = new float[d];
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < d; i++) x[i] = inputs[s, i];
            float[] logits = model.Forward(x);
            for (int k = 0; k < logits.Length; k++) result[s, k] = logits[k];
        }
        return result;
    }

    public static double Accuracy(float[,] logits, int[] labels)
    {
        int correct = 0;
        for (int s = 0; s < labels.Length; s++)
            if ((logits[s, 1] > logits[s, 0] ? 1 : 0) == labels[s]) correct++;
        return (double)correct / labels.Length;
    }

    private static double Gaussian(ref ulong state)
    {
        double u1 = ((Next(ref state) >> 11) + 0.5) * (1.0 / (1UL << 53));
        double u2 = ((Next(ref state) >> 11) + 0.5) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
