using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using ModelGen.Registry.Tests;

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

/// <summary>Version 2 of <see cref="ClassifierOptions"/> as a newer build declares it: one member more.</summary>
[Hyperparameters(Name = "ModelGen.EntityFrameworkCore.Tests.ClassifierOptions", Version = 2)]
public partial record ClassifierOptionsV2(double Dropout = 0.1, int Epochs = 10, int Warmup = 0);

/// <summary>Version 3 of <see cref="Classifier"/> as a newer build declares it (deployed after this one, or this one
/// rolled back): members at the root and in the nested options that version 2 does not know.</summary>
[SerializableModel(Name = "Tests.Classifier", Version = 3)]
public partial class ClassifierV3
{
    public double Threshold { get; set; } = 0.5;
    public float[] Weights { get; set; } = [];
    public ClassifierOptionsV2 Options { get; set; } = new();
    public Dictionary<string, double> Metrics { get; set; } = new();
    public double[] Calibration { get; set; } = [];
    public string Stage { get; set; } = "";
}

/// <summary>The newer build's entity: the same table as <see cref="Run"/>, its models at version 3.</summary>
public sealed class RunV3
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ClassifierV3 Model { get; set; } = new();
    public ClassifierV3? Packed { get; set; }
}

/// <summary>Every other model of the suite in a PostgreSQL row: the edge values in jsonb, bytea and json, a union root,
/// a hyperparameters record and a frozen older version.</summary>
public sealed class ModelRow
{
    public int Id { get; set; }
    public EdgeValues Edges { get; set; } = new();
    public EdgeValues? EdgesPacked { get; set; }
    public EdgeValues? EdgesVerbatim { get; set; }
    public Step? Pipeline { get; set; }
    public ClassifierOptions Options { get; set; } = new();
    public ClassifierV1? Legacy { get; set; }
}
