using System;

namespace ModelGen.Sample;

/// <summary>A deterministic two-class data set: four features drawn from two Gaussians per class, on different
/// scales (so standardization matters), from a seeded SplitMix64 generator that does not depend on
/// <see cref="Random"/>'s implementation.</summary>
public sealed class Dataset
{
    private static readonly double[] Mean0 = [-1.0, -0.5, 0.0, 40.0];
    private static readonly double[] Mean1 = [1.0, 0.5, 0.3, 25.0];
    private static readonly double[] Spread = [1.0, 1.0, 1.0, 10.0];

    public Dataset(double[][] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public static readonly string[] FeatureNames = ["signal", "drift", "noise", "latencyMs"];

    public double[][] Features { get; }
    public int[] Labels { get; }
    public int Count => Labels.Length;

    public static Dataset Generate(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var features = new double[count][];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % 2;
            double[] mean = label == 0 ? Mean0 : Mean1;
            var x = new double[mean.Length];
            for (int i = 0; i < x.Length; i++) x[i] = mean[i] + Spread[i] * rng.NextGaussian();
            features[n] = x;
            labels[n] = label;
        }
        return new Dataset(features, labels);
    }

    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        private ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private double NextUnit() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53)); // in (0, 1)

        public double NextGaussian() => Math.Sqrt(-2.0 * Math.Log(NextUnit())) * Math.Cos(2.0 * Math.PI * NextUnit());
    }
}
