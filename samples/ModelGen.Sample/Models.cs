using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using ModelGen;

namespace ModelGen.Sample;

/// <summary>How the classifier is trained. Bindable from <c>key=value</c> arguments and validated.</summary>
[Hyperparameters]
public partial record TrainingOptions(
    [Range(1e-6, 10.0)] double LearningRate = 0.5,
    [Range(1, 100_000)] int Epochs = 300,
    int Seed = 7)
{
    /// <summary>Added after version 1 of the model shipped. Its default (no penalty) is what version 1 did,
    /// so files written before it existed load with the behaviour they were trained with.</summary>
    [Range(0.0, 1.0)]
    public double L2 { get; init; }
}

/// <summary>Version 2 of a trained logistic-regression classifier over standardized features.
/// Changes since version 1 (see <see cref="Legacy.LogisticModelV1"/>), each handled by a different evolution feature:
/// <list type="bullet">
/// <item><c>featureStds</c> was renamed <c>featureScales</c>: <c>[PreviousName]</c>.</item>
/// <item><c>threshold</c> was added: its default is what version 1 did.</item>
/// <item><c>weights</c>, which held the coefficients and then the bias, was split into <c>coefficients</c> and
/// <c>bias</c>: the <c>[ModelMigration]</c> hook, which sees the old values by name.</item>
/// </list></summary>
[SerializableModel(Version = 2)]
public partial class LogisticModel
{
    public required TrainingOptions Hyperparameters { get; init; }

    public double[] Coefficients { get; set; } = [];

    public double Bias { get; set; }

    public double[] FeatureMeans { get; set; } = [];

    [PreviousName("featureStds")]
    public double[] FeatureScales { get; set; } = [];

    /// <summary>Added in version 2; version 1 always decided at 0.5.</summary>
    public double Threshold { get; set; } = 0.5;

    public Dictionary<string, double> Metrics { get; set; } = new();

    /// <summary>The probability of class 1.</summary>
    public double PredictProbability(ReadOnlySpan<double> features)
    {
        if (features.Length != Coefficients.Length)
            throw new ArgumentException($"expected {Coefficients.Length} features, got {features.Length}", nameof(features));
        double z = Bias;
        for (int i = 0; i < features.Length; i++)
            z += Coefficients[i] * (features[i] - FeatureMeans[i]) / FeatureScales[i];
        return 1.0 / (1.0 + Math.Exp(-z));
    }

    public int Predict(ReadOnlySpan<double> features) => PredictProbability(features) >= Threshold ? 1 : 0;

    /// <summary>Runs while reading data written at an older schema version, before the model is created.</summary>
    [ModelMigration]
    private static void Upgrade(ModelMigration migration)
    {
        if (migration.FromVersion < 2 && migration.TryGet("weights", out double[] weights) && weights.Length > 0)
        {
            migration.Set("coefficients", weights[..^1]);
            migration.Set("bias", weights[^1]);
        }
    }
}
