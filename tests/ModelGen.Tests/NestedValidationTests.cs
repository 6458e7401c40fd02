using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

public enum Activation { Relu, Gelu, Tanh }

/// <summary>Two names that differ only in case: a case-insensitive match would be ambiguous.</summary>
public enum CaseTwins { Mode, MODE, Other }

// A value with two names: Enum.GetName gives one of them, and which one is the runtime's choice.
public enum AliasedActivation { Linear, Swish = 8, Silu = 8, Gelu = 9 }

[Hyperparameters]
public partial record AliasSettings(AliasedActivation Activation = AliasedActivation.Linear)
{
    public Dictionary<AliasedActivation, int> Widths { get; init; } = new();
}

[Hyperparameters]
public partial record OptimizerSettings([Range(1e-6, 1.0)] double LearningRate = 0.01, [Range(0.0, 1.0)] double Momentum = 0.9);

[Hyperparameters]
public partial record LayerSettings([Range(1, 4096)] int Units = 64, Activation Activation = Activation.Relu);

/// <summary>Hyperparameters nested directly, in a list, in a dictionary and through a model that is not validated itself.</summary>
[Hyperparameters]
public partial record TrainingSettings([Range(1, 1000)] int Epochs = 10)
{
    public OptimizerSettings Optimizer { get; init; } = new();
    public List<LayerSettings> Layers { get; init; } = [];
    public Dictionary<string, LayerSettings> Stages { get; init; } = new();
    public Experiment? Run { get; init; }
}

[Hyperparameters]
public partial record EnumSettings(Activation Activation = Activation.Relu, CaseTwins Twin = CaseTwins.Other)
{
    public Dictionary<Activation, int> Widths { get; init; } = new();
}

/// <summary>Issue 18, validation: Validate() recurses into nested hyperparameters and every reader reports every
/// violation in the tree with its member path; enum names are read ignoring case.</summary>
public class NestedValidationTests
{
    private static TrainingSettings Invalid() => new(Epochs: 0)
    {
        Optimizer = new(LearningRate: 5),
        Layers = [new(), new(Units: 0)],
        Stages = new() { ["warmup"] = new(Units: -1) },
        Run = new Experiment { Settings = new Hyper(Dropout: 2) },
    };

    private static readonly string[] InvalidPaths = ["epochs", "optimizer.learningRate", "layers[1].units", "stages[warmup].units", "run.settings.dropout"];

    [Fact]
    public void Validate_recurses_into_nested_hyperparameters_with_paths()
    {
        IReadOnlyList<ModelValidationError> errors = Invalid().Validate();
        Assert.Equal(InvalidPaths, errors.Select(e => e.Member).ToArray());
        Assert.Contains("between 1e-06 and 1", errors[1].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(new TrainingSettings { Layers = [new()], Run = new Experiment() }.Validate());
        // The same list for any model, validated or not.
        Assert.Equal(InvalidPaths, ModelValidation.Validate(Invalid()).Select(e => e.Member).ToArray());
        var experiment = new Experiment { Settings = new Hyper(Layers: 0), Trials = [new Hyper(), new Hyper(Dropout: -1)] };
        Assert.Equal(["settings.layers", "trials[1].dropout"], ModelValidation.Validate(experiment).Select(e => e.Member).ToArray());
        Assert.Empty(ModelValidation.Validate(new Experiment()));
        ModelFormatException thrown = Assert.Throws<ModelFormatException>(() => ModelValidation.ThrowIfInvalid(experiment));
        Assert.Equal(2, thrown.ValidationErrors.Count);
    }

    [Fact]
    public void Writers_report_every_nested_violation()
    {
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Serialize(Invalid()));
        Assert.Equal(InvalidPaths, e.ValidationErrors.Select(v => v.Member).ToArray());
    }

    [Fact]
    public void FromDictionary_reports_every_violation_not_only_the_nested_one()
    {
        var values = new Dictionary<string, object?>
        {
            ["epochs"] = "0",
            ["optimizer"] = new Dictionary<string, object?> { ["learningRate"] = "5", ["momentum"] = "2" },
            ["layers"] = new List<object?> { new Dictionary<string, object?> { ["units"] = 8 }, new Dictionary<string, object?> { ["units"] = 0 } },
            ["stages"] = new Dictionary<string, object?> { ["warmup"] = new Dictionary<string, object?> { ["units"] = 99999 } },
        };
        ModelFormatException e = Bad.Dictionary<TrainingSettings>(values);
        string[] expected = ["epochs", "optimizer.learningRate", "optimizer.momentum", "layers[1].units", "stages[warmup].units"];
        Assert.Equal(expected, e.ValidationErrors.Select(v => v.Member).ToArray());
        foreach (string path in expected) Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Json_and_binary_readers_report_every_violation()
    {
        const string json = """{"epochs":0,"optimizer":{"learningRate":5},"layers":[{"units":0}],"run":{"settings":{"dropout":2}}}""";
        ModelFormatException e = Bad.Json<TrainingSettings>(json);
        Assert.Equal(["epochs", "optimizer.learningRate", "layers[0].units", "run.settings.dropout"], e.ValidationErrors.Select(v => v.Member).ToArray());

        // Binary: a valid value whose bytes are edited (the writers refuse invalid values).
        var good = new TrainingSettings(Epochs: 777) { Optimizer = new(LearningRate: 0.5), Layers = [new(Units: 3333)] };
        byte[] data = ModelSerializer.Serialize(good);
        Replace(data, BitConverter.GetBytes(0.5), BitConverter.GetBytes(7.0));
        e = Bad.Binary<TrainingSettings>(Payload.Reseal(data));
        Assert.Equal(["optimizer.learningRate"], e.ValidationErrors.Select(v => v.Member).ToArray());
        Assert.Equal("optimizer.learningRate", e.Path);
    }

    [Fact]
    public void A_nested_value_outside_validated_models_is_still_validated_on_read()
    {
        // Experiment is not [Hyperparameters]: each Hyper in it validates itself when read.
        const string json = """{"name":"x","settings":{"dropout":3},"trials":[]}""";
        ModelFormatException e = Bad.Json<Experiment>(json, "settings.dropout");
        Assert.Equal(["dropout"], e.ValidationErrors.Select(v => v.Member).ToArray());
    }

    [Fact]
    public void Enum_names_are_read_ignoring_case_from_strings_and_json()
    {
        Assert.Equal(Activation.Gelu, ModelDictionary.FromDictionary<EnumSettings>(new Dictionary<string, object?> { ["activation"] = "gelu" }).Activation);
        Assert.Equal(Activation.Tanh, ModelDictionary.FromDictionary<EnumSettings>(new Dictionary<string, object?> { ["Activation"] = "TANH" }).Activation);
        Assert.Equal(Activation.Gelu, ModelJson.Deserialize<EnumSettings>("""{"activation":"GeLU"}""").Activation);
        using (JsonDocument doc = JsonDocument.Parse("""{"activation":"relu"}"""))
            Assert.Equal(Activation.Relu, ModelDictionary.FromDictionary<EnumSettings>(doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value)).Activation);
        // Dictionary keys too.
        Assert.Equal(4, ModelJson.Deserialize<EnumSettings>("""{"widths":{"gelu":4}}""").Widths[Activation.Gelu]);
        // Exact names win; two names equal but for case are never guessed between.
        Assert.Equal(CaseTwins.MODE, ModelJson.Deserialize<EnumSettings>("""{"twin":"MODE"}""").Twin);
        Assert.Equal(CaseTwins.Mode, ModelJson.Deserialize<EnumSettings>("""{"twin":"Mode"}""").Twin);
        Assert.Contains("more than one member", Bad.Json<EnumSettings>("""{"twin":"mode"}""", "twin").Message);
        Assert.Contains("not a member", Bad.Dictionary<EnumSettings>(new Dictionary<string, object?> { ["activation"] = "swish" }, "activation").Message);
        // Writers keep the declared name.
        Assert.Contains("\"activation\":\"Gelu\"", ModelJson.Serialize(new EnumSettings(Activation.Gelu)));
    }

    [Fact]
    public void Every_name_of_a_value_with_several_reads_in_every_form()
    {
        // A writer writes the one name its runtime's Enum.GetName gives (Swish or Silu); a reader on another runtime
        // may be given the other. Before, only the reader's own pick read, the other was "not a member".
        foreach (string name in new[] { "Swish", "Silu", "silu", "SWISH" })
        {
            Assert.Equal(AliasedActivation.Swish, ModelJson.Deserialize<AliasSettings>($$"""{"activation":"{{name}}"}""").Activation);
            Assert.Equal(AliasedActivation.Swish, ModelDictionary.FromDictionary<AliasSettings>(new Dictionary<string, object?> { ["activation"] = name }).Activation);
            Assert.Equal(3, ModelJson.Deserialize<AliasSettings>($$$"""{"widths":{"{{{name}}}":3}}""").Widths[AliasedActivation.Silu]);
        }
        Assert.Equal(AliasedActivation.Gelu, ModelJson.Deserialize<AliasSettings>("""{"activation":"gelu"}""").Activation);
        // Two keys that name one value are one key given twice: refused, never one of them dropped.
        Bad.Json<AliasSettings>("""{"widths":{"Swish":1,"Silu":2}}""", "widths[Silu]");
        // What a writer writes reads back.
        var value = new AliasSettings(AliasedActivation.Silu) { Widths = { [AliasedActivation.Swish] = 5 } };
        Assert.Equal(value.Activation, ModelJson.Deserialize<AliasSettings>(ModelJson.Serialize(value)).Activation);
        Assert.Equal(5, ModelDictionary.FromDictionary<AliasSettings>(ModelDictionary.ToDictionary(value)).Widths[AliasedActivation.Silu]);
    }

    private static void Replace(byte[] data, byte[] find, byte[] with)
    {
        int at = Payload.IndexOf(data, find);
        Assert.True(at >= 0);
        with.CopyTo(data, at);
    }
}
