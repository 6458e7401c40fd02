using System;
using System.Collections.Generic;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel]
public partial class InitializedOptions
{
    public int Epochs { get; set; } = 10;
    public double Rate { get; set; } = 0.5;
    public bool Shuffle { get; set; } = true;
    public Color Color { get; set; } = Color.Blue;
    public char Letter { get; set; } = 'a';
    public decimal Scale { get; set; } = 1.5m;
    public Guid Id { get; set; } = new("00112233-4455-6677-8899-aabbccddeeff");
    public DateTime When { get; set; } = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public string Text { get; set; } = "text";
    public string? Name { get; set; } = "name";
    public int? Seed { get; set; } = 42;
    public Color? Fallback { get; set; } = Color.Green;
    public List<int>? Hidden { get; set; } = [64];
    public float[]? Bias { get; set; } = [1f];
    public Dictionary<string, double>? Metrics { get; set; } = new() { ["loss"] = 1 };
    public InitializedChild? Child { get; set; } = new();
}

[SerializableModel]
public partial class InitializedChild { public int Depth { get; set; } = 3; }

[SerializableModel]
public partial record InitializedRecord(int Epochs = 10, string? Name = "name", bool Shuffle = true, Color Color = Color.Blue, double? Rate = 0.5);

[Hyperparameters]
public partial record InitializedHyperparameters(int Epochs = 10, string? Name = "name", bool Shuffle = true, Color Color = Color.Blue)
{
    public int? Seed { get; init; } = 42;
    public List<int>? Hidden { get; init; } = [64];
}

[SerializableModel]
public partial struct InitializedStruct
{
    public InitializedStruct() { }
    public int Epochs { get; set; } = 10;
    public string? Name { get; set; } = "name";
    public bool Shuffle { get; set; } = true;

    private KeptMembers _kept;
}

[SerializableModel]
public partial class InitializedRequired
{
    public required int Epochs { get; init; }
    public string? Name { get; init; } = "name";
    public bool Shuffle { get; init; } = true;
}

/// <summary>A member saved with its type's default (0, false, null, the first enum member, an empty collection) must
/// read back as that value, never as the reading class's initializer or constructor default: no writer may leave a
/// member out because its value is the default.</summary>
public class DefaultValueTests
{
    public static TheoryData<string> Forms => new() { "binary", "binary2", "json", "dictionary", "dictionary through System.Text.Json", "System.Text.Json converter" };

    private static T Run<T>(string form, T value) where T : IModelSerializable<T> => form switch
    {
        "binary" => ModelSerializer.Deserialize<T>(ModelSerializer.Serialize(value)),
        "binary2" => ModelSerializer.Deserialize<T>(ModelSerializer.Serialize(value, RoundTrip.Format2)),
        "json" => ModelJson.Deserialize<T>(ModelJson.Serialize(value)),
        "dictionary" => ModelDictionary.FromDictionary<T>(ModelDictionary.ToDictionary(value)),
        // What an experiment tracker or a JSON layer does with the dictionary form.
        "dictionary through System.Text.Json" => ModelDictionary.FromDictionary<T>(
            JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(ModelDictionary.ToDictionary(value)))!),
        _ => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!,
    };

    [Theory, MemberData(nameof(Forms))]
    public void Members_saved_as_their_default_do_not_read_back_as_the_initializer(string form)
    {
        var zeros = new InitializedOptions
        {
            Epochs = 0, Rate = 0, Shuffle = false, Color = Color.Red, Letter = '\0', Scale = 0m, Id = Guid.Empty, When = default,
            Timeout = TimeSpan.Zero, Text = "", Name = null, Seed = null, Fallback = null, Hidden = null, Bias = null, Metrics = null, Child = null,
        };
        InitializedOptions back = Run(form, zeros);
        Deep.Equal(zeros, back);
        Assert.Equal((0, false, (string?)null, (int?)null), (back.Epochs, back.Shuffle, back.Name, back.Seed));

        var empty = new InitializedOptions { Name = "", Hidden = [], Bias = [], Metrics = new(), Child = new InitializedChild { Depth = 0 } };
        Deep.Equal(empty, Run(form, empty));

        var record = new InitializedRecord(0, null, false, Color.Red, null);
        Assert.Equal(record, Run(form, record));
        var hyperparameters = new InitializedHyperparameters(0, null, false, Color.Red) { Seed = null, Hidden = null };
        Deep.Equal(hyperparameters, Run(form, hyperparameters));
        var value = new InitializedStruct { Epochs = 0, Name = null, Shuffle = false };
        Assert.Equal(value, Run(form, value));
        var required = new InitializedRequired { Epochs = 0, Name = null, Shuffle = false };
        Deep.Equal(required, Run(form, required));
    }
}
