using System.Collections.Generic;
using ModelGen;

namespace ModelGen.Registry.Legacy;

// The model classes as the older build of the service (version 1) has them, frozen. The names match the current
// types, so rows written by either build carry the same model name; the registry sample runs both builds in one
// process to play a rolling deployment and a rollback.

[Hyperparameters(Name = "ModelGen.Registry.TrainingOptions")]
public partial record TrainingOptionsV1(double LearningRate = 0.1, int Epochs = 100, string Optimizer = "sgd");

[SerializableModel(Name = "ModelGen.Registry.ScoringModel", Version = 1)]
public partial class ScoringModelV1
{
    public required TrainingOptionsV1 Hyperparameters { get; init; }
    public long Revision { get; set; }
    public string[] Features { get; set; } = [];
    public double[] Weights { get; set; } = [];
    public double Bias { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = new();
}
