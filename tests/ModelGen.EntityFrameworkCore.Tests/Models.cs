using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;

namespace ModelGen.EntityFrameworkCore.Tests;

[Hyperparameters]
public partial record ClassifierOptions([Range(0.0, 1.0)] double Dropout = 0.1, int Epochs = 10);

/// <summary>Version 2: version 1 (below, frozen) stored the decision threshold as "cutoff".</summary>
[SerializableModel(Name = "Tests.Classifier", Version = 2)]
public partial class Classifier
{
    public double Threshold { get; set; } = 0.5;
    public float[] Weights { get; set; } = [];
    public ClassifierOptions Options { get; set; } = new();
    public Dictionary<string, double> Metrics { get; set; } = new();

    [ModelMigration]
    private static void Upgrade(ModelMigration migration)
    {
        if (migration.FromVersion < 2) migration.Set("threshold", migration.Get<double>("cutoff"));
    }
}

[SerializableModel(Name = "Tests.Classifier", Version = 1)]
public partial class ClassifierV1
{
    public double Cutoff { get; set; }
    public float[] Weights { get; set; } = [];
}

/// <summary>An entity holding models in a JSON column and a binary column.</summary>
public sealed class Run
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public Classifier Model { get; set; } = new();
    public Classifier? Packed { get; set; }
}
