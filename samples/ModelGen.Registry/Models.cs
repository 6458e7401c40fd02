using System.Collections.Generic;
using ModelGen;

namespace ModelGen.Registry;

/// <summary>How a scoring model was trained. Stored inside the model, so SQL can find every model trained a given way
/// (<c>model->'hyperparameters'->>'learningRate'</c>, <c>model @> '{"hyperparameters":{"optimizer":"adam"}}'</c>).</summary>
[Hyperparameters]
public partial record TrainingOptions(double LearningRate = 0.1, int Epochs = 100, string Optimizer = "sgd")
{
    /// <summary>Added in version 2 of the service; version 1 keeps it as an unknown member and writes it back.</summary>
    public double L2 { get; init; }
}

/// <summary>Version 2 of the model class, as the newer build of the service has it. Version 1
/// (<see cref="Legacy.ScoringModelV1"/>) lacks <see cref="Threshold"/>, <see cref="Calibration"/> and
/// <see cref="TrainingOptions.L2"/>: a version-1 build reads version-2 rows, keeps those members and writes them back.</summary>
[SerializableModel(Version = 2)]
public partial class ScoringModel
{
    public required TrainingOptions Hyperparameters { get; init; }

    /// <summary>Which write this is; the load test derives every other value from it, so a reader can check a row.</summary>
    public long Revision { get; set; }

    public string[] Features { get; set; } = [];

    public double[] Weights { get; set; } = [];

    public double Bias { get; set; }

    public Dictionary<string, double> Metrics { get; set; } = new();

    /// <summary>Added in version 2; version 1 always decided at 0.5.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Added in version 2: a Platt scaling (slope, intercept) applied to the score.</summary>
    public float[] Calibration { get; set; } = [];
}
