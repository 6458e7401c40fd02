using System.Collections.Generic;
using ModelGen;

namespace ModelGen.Sample.Legacy;

// The model classes as they were in version 1, frozen. They exist only to (re)write data/model-v1.mgen
// (`dotnet run --project samples/ModelGen.Sample -- write-v1 samples/ModelGen.Sample/data/model-v1.mgen`);
// the program loads that file with the current classes. The names match the current types, so the file
// carries the same model name as files written today.

[Hyperparameters(Name = "ModelGen.Sample.TrainingOptions")]
public partial record TrainingOptionsV1(double LearningRate = 0.5, int Epochs = 300, int Seed = 7);

[SerializableModel(Name = "ModelGen.Sample.LogisticModel", Version = 1)]
public partial class LogisticModelV1
{
    public required TrainingOptionsV1 Hyperparameters { get; init; }
    /// <summary>The coefficients, then the bias as the last element.</summary>
    public double[] Weights { get; set; } = [];
    public double[] FeatureMeans { get; set; } = [];
    public double[] FeatureStds { get; set; } = [];
    public Dictionary<string, double> Metrics { get; set; } = new();
}
