using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Issue 18, logging: the flat form holds only primitive values under path keys.</summary>
public class FlatDictionaryTests
{
    private static void AssertPrimitive(Dictionary<string, object?> flat)
    {
        foreach (var (key, value) in flat)
        {
            Assert.False(value is IEnumerable and not string, $"{key} holds a {value?.GetType()}");
            Assert.DoesNotContain("System.", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
    }

    [Fact]
    public void Nested_hyperparameters_flatten_to_paths()
    {
        var settings = new TrainingSettings(Epochs: 5)
        {
            Optimizer = new(LearningRate: 0.5),
            Layers = [new(Units: 8, Activation: Activation.Gelu), new(Units: 4)],
            Stages = new() { ["warmup"] = new(Units: 2) },
        };
        Dictionary<string, object?> flat = ModelDictionary.ToFlatDictionary(settings);
        AssertPrimitive(flat);
        Assert.Equal(1, flat["$version"]);
        Assert.Equal(5, flat["epochs"]);
        Assert.Equal(0.5, flat["optimizer.learningRate"]);
        Assert.Equal(8, flat["layers[0].units"]);
        Assert.Equal("Gelu", flat["layers[0].activation"]);
        Assert.Equal(4, flat["layers[1].units"]);
        Assert.Equal(2, flat["stages.warmup.units"]);
        Assert.Null(flat["run"]);
        Assert.DoesNotContain("optimizer.$version", flat.Keys);
    }

    // A renamed member is written under its previous name too (a copy for older builds): the flat form shows both
    // names but not the list of copies.
    [Fact]
    public void A_renamed_member_shows_its_copy_but_not_the_record_of_copies()
    {
        var value = new Format1.EvolvingV2 { Iterations = 7 };
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(value);
        // The record of copies: the copy's name and a hash of its value as written (16 hex digits).
        var record = Assert.IsType<Dictionary<string, object?>>(plain["$previousNames"]);
        Assert.Equal("epochs", Assert.Single(record).Key);
        Assert.Matches("^[0-9a-f]{16}$", Assert.IsType<string>(record["epochs"]));
        Dictionary<string, object?> flat = ModelDictionary.ToFlatDictionary(value);
        AssertPrimitive(flat);
        Assert.Equal(7, flat["iterations"]);
        Assert.Equal(7, flat["epochs"]);
        Assert.DoesNotContain(flat.Keys, k => k.Contains("$previousNames", StringComparison.Ordinal));
    }

    [Fact]
    public void Arrays_matrices_and_dictionaries_flatten_and_long_ones_are_cut()
    {
        Collections c = Samples.CollectionsFull();
        Dictionary<string, object?> flat = ModelDictionary.ToFlatDictionary(c);
        AssertPrimitive(flat);
        for (int i = 0; i < c.Ints.Length; i++) Assert.Equal(c.Ints[i], flat[$"ints[{i}]"]);
        if (c.Matrix.Length > 0) Assert.Equal(c.Matrix[0, 0], flat["matrix[0][0]"]);
        Assert.Equal(Convert.ToBase64String(c.Bytes), flat["bytes"]);

        var big = new FloatVector { Values = Enumerable.Range(0, 1000).Select(i => (float)i).ToArray() };
        Dictionary<string, object?> cut = ModelDictionary.ToFlatDictionary(big, maxItems: 3);
        Assert.Equal([0f, 1f, 2f], new[] { cut["values[0]"], cut["values[1]"], cut["values[2]"] });
        Assert.Equal(1000, cut["values.count"]);
        Assert.DoesNotContain("values[3]", cut.Keys);
        Assert.Equal(0, ModelDictionary.ToFlatDictionary(new FloatVector { Values = [] })["values.count"]);
    }
}
