using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;

namespace ModelGen.Extensions.Configuration.Tests;

public enum Activation { Relu, Gelu, Tanh }

[Hyperparameters]
public partial record OptimizerOptions([Range(1e-6, 1.0)] double LearningRate = 0.01, double Momentum = 0.9);

[Hyperparameters]
public partial record LayerOptions([Range(1, 4096)] int Units = 64, Activation Activation = Activation.Relu);

/// <summary>The README's style: a positional record without a parameterless constructor, [Range] on parameters.</summary>
[Hyperparameters]
public partial record TrainingOptions([Range(1e-6, 1.0)] float LearningRate = 0.01f, [Range(1, 1000)] int Epochs = 10)
{
    public OptimizerOptions Optimizer { get; init; } = new();
    public List<LayerOptions> Layers { get; init; } = [];
    public int[] Hidden { get; init; } = [8];
    public Dictionary<string, double> Weights { get; init; } = new();
    public Dictionary<int, double> ClassWeights { get; init; } = new();
}

/// <summary>A class with setters, which Configure/PostConfigure actions can change.</summary>
[Hyperparameters]
public partial class ServiceSettings
{
    [Range(1, 10)]
    public int Workers { get; set; } = 2;

    [Required]
    public string Queue { get; set; } = "default";
}

/// <summary>Members renamed with <c>[PreviousName]</c>: ModelJson writes each under its previous name too, with a record
/// of the copies (<c>"$previousNames"</c>), and such a document pasted into appsettings.json is edited by hand.</summary>
[Hyperparameters]
public partial record RenamedOptions
{
    [PreviousName("LearningRate")] public float Rate { get; init; } = 0.01f;
    [PreviousName("UseNesterov")] public bool Nesterov { get; init; }
    [PreviousName("HiddenSizes")] public int[] Hidden { get; init; } = [8];
    [PreviousName("OptimizerOptions")] public OptimizerOptions Optimizer { get; init; } = new();
    [PreviousName("Tags")] public List<string> Labels { get; init; } = [];
    [PreviousName("Weights")] public Dictionary<string, double> ClassWeights { get; init; } = new();
    [PreviousName("Note")] public string? Comment { get; init; }
}
