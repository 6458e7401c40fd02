using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ModelGen.Extensions.Configuration.Tests;

/// <summary>Issue 18, configuration: real ConfigurationBuilder (in-memory and JSON providers), ServiceCollection and Host.</summary>
public class ConfigurationTests
{
    private static readonly Dictionary<string, string?> Flattened = new()
    {
        ["Training:LearningRate"] = "0.5",
        ["Training:epochs"] = "20",
        ["Training:Optimizer:LearningRate"] = "0.1",
        ["Training:OPTIMIZER:momentum"] = "0.5",
        ["Training:Layers:0:Units"] = "32",
        ["Training:Layers:0:Activation"] = "gelu",
        ["Training:Layers:1:Units"] = "16",
        ["Training:Hidden:0"] = "4",
        ["Training:Hidden:1"] = "2",
        ["Training:Weights:positive"] = "1.5",
    };

    private static IConfigurationRoot Memory(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static void AssertBound(TrainingOptions o)
    {
        Assert.Equal(0.5f, o.LearningRate);
        Assert.Equal(20, o.Epochs);
        Assert.Equal(new OptimizerOptions(0.1, 0.5), o.Optimizer);
        Assert.Equal([new LayerOptions(32, Activation.Gelu), new LayerOptions(16)], o.Layers);
        Assert.Equal([4, 2], o.Hidden);
        Assert.Equal(1.5, o.Weights["positive"]);
    }

    [Fact]
    public void A_section_none_of_whose_keys_is_a_member_is_refused_not_bound_as_defaults()
    {
        // The wrong section (or the right one a level too high): before, every member kept its default, silently.
        IConfigurationRoot configuration = Memory(new() { ["App:Training:LearningRate"] = "0.5", ["App:Logging:Level"] = "Debug" });
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("App")));
        Assert.Contains("none of the object's members is a member of TrainingOptions", e.Message);
        Assert.Equal(0.5f, ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("App:Training")).LearningRate);
        // A missing section binds the defaults, as before.
        Assert.Equal(new TrainingOptions().Epochs, ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("Absent")).Epochs);
    }

    [Fact]
    public void Flattened_keys_bind_nested_members_lists_and_dictionaries()
    {
        AssertBound(ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(Flattened).GetSection("Training")));
        // Before: the flattened keys went to FromDictionary as they are and were kept as unknown members.
        var raw = Flattened.Where(p => p.Key.StartsWith("Training:", StringComparison.Ordinal)).ToDictionary(p => p.Key["Training:".Length..], p => (object?)p.Value);
        Assert.Contains(ModelSerializer.GetUnknownMembers(ModelDictionary.FromDictionary<TrainingOptions>(raw)), m => m.Name == "Optimizer:LearningRate");
    }

    [Fact]
    public void The_json_provider_binds_the_same()
    {
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-appsettings-{Guid.NewGuid():n}.json");
        File.WriteAllText(path, """
            {
              "Training": {
                "LearningRate": 0.5, "Epochs": 20,
                "Optimizer": { "LearningRate": 0.1, "Momentum": 0.5 },
                "Layers": [ { "Units": 32, "Activation": "GELU" }, { "Units": 16 } ],
                "Hidden": [ 4, 2 ],
                "Weights": { "positive": 1.5 }
              },
              "Empty": { "Hidden": [], "Optimizer": {} }
            }
            """);
        try
        {
            IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
            AssertBound(ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("Training")));
            // An empty array is an empty string in configuration: an empty list; an empty object keeps the default.
            TrainingOptions empty = ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("Empty"));
            Assert.Empty(empty.Hidden);
            Assert.Equal(new OptimizerOptions(), empty.Optimizer);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dictionaries_keyed_by_index_bind_as_dictionaries()
    {
        // Class weights by class index: configuration gives children keyed 0 to n-1, as it gives a list's items; the
        // member's type says it is a dictionary (was: "expected an object (a string-keyed dictionary)").
        TrainingOptions o = ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new()
        {
            ["ClassWeights:1"] = "5", ["ClassWeights:0"] = "1.5", ["Weights:0"] = "0.25", ["Weights:1"] = "0.75",
        }));
        Assert.Equal(new Dictionary<int, double> { [0] = 1.5, [1] = 5 }, o.ClassWeights);
        Assert.Equal(new Dictionary<string, double> { ["0"] = 0.25, ["1"] = 0.75 }, o.Weights);

        // A key written as no index is ("00") stays the key it is, beside one that is an index.
        o = ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new() { ["Weights:00"] = "1", ["Weights:1"] = "2" }));
        Assert.Equal(new Dictionary<string, double> { ["00"] = 1, ["1"] = 2 }, o.Weights);

        // The JSON provider: an object keyed by index, and the same member as an array of values by index.
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-appsettings-{Guid.NewGuid():n}.json");
        File.WriteAllText(path, """{ "A": { "ClassWeights": { "0": 1, "1": 9 } }, "B": { "ClassWeights": [ 2, 3 ] } }""");
        try
        {
            IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
            Assert.Equal(new Dictionary<int, double> { [0] = 1, [1] = 9 }, ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("A")).ClassWeights);
            Assert.Equal(new Dictionary<int, double> { [0] = 2, [1] = 3 }, ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("B")).ClassWeights);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_values_fail_with_every_violation_by_path()
    {
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new()
        {
            ["LearningRate"] = "5",
            ["Optimizer:LearningRate"] = "7",
            ["Layers:0:Units"] = "0",
        })));
        Assert.Equal(["learningRate", "optimizer.learningRate", "layers[0].units"], e.ValidationErrors.Select(v => v.Member).ToArray());

        e = Assert.Throws<ModelFormatException>(() => ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new() { ["Optimizer:Momentum"] = "fast" })));
        Assert.Equal("Optimizer.Momentum", e.Path); // the keys as the configuration spells them
        e = Assert.Throws<ModelFormatException>(() => ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new() { ["Layers:0:Activation"] = "swish" })));
        Assert.Equal("Layers[0].Activation", e.Path);
    }

    [Fact]
    public void Unknown_keys_are_kept_or_with_the_strict_option_rejected()
    {
        IConfigurationRoot configuration = Memory(new() { ["Epochs"] = "3", ["Epochz"] = "4" });
        TrainingOptions lenient = ModelConfiguration.FromConfiguration<TrainingOptions>(configuration);
        Assert.Equal(3, lenient.Epochs);
        Assert.Contains(ModelSerializer.GetUnknownMembers(lenient), m => m.Name == "Epochz");
        ModelFormatException e = Assert.Throws<ModelFormatException>(() =>
            ModelConfiguration.FromConfiguration<TrainingOptions>(configuration, new ModelSerializerOptions { RejectUnknownMembers = true }));
        Assert.Contains("Epochz", e.Message);
    }

    [Fact]
    public void Snake_and_kebab_case_keys_bind_their_members_and_are_not_kept_as_unknown()
    {
        // Python tools and environment variables (TRAINING__LEARNING_RATE) spell names so: each is the member, never
        // an unknown key kept beside the member's default.
        TrainingOptions o = ModelConfiguration.FromConfiguration<TrainingOptions>(Memory(new()
        {
            ["learning_rate"] = "0.5",
            ["EPOCHS"] = "20",
            ["optimizer:learning-rate"] = "0.1",
            ["optimizer:MOMENTUM"] = "0.5",
        }));
        Assert.Equal((0.5f, 20, new OptimizerOptions(0.1, 0.5)), (o.LearningRate, o.Epochs, o.Optimizer));
        Assert.Empty(ModelSerializer.GetUnknownMembers(o));
        Assert.Empty(ModelSerializer.GetUnknownMembers(o.Optimizer));
    }

    [Fact]
    public void Options_Bind_cannot_create_a_positional_record_and_AddModelOptions_can()
    {
        IConfigurationRoot configuration = Memory(Flattened);
        var before = new ServiceCollection();
        before.AddOptions<TrainingOptions>().Bind(configuration.GetSection("Training"));
        using (ServiceProvider provider = before.BuildServiceProvider())
            Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<TrainingOptions>>().Value);

        var services = new ServiceCollection();
        services.AddModelOptions<TrainingOptions>(configuration.GetSection("Training"));
        using (ServiceProvider provider = services.BuildServiceProvider())
            AssertBound(provider.GetRequiredService<IOptions<TrainingOptions>>().Value);
    }

    private static IHost BuildHost(Dictionary<string, string?> values, Action<IServiceCollection, IConfiguration> register)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        register(builder.Services, builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_host_with_invalid_settings_fails_to_start_naming_every_violation()
    {
        var values = new Dictionary<string, string?>(Flattened) { ["Training:LearningRate"] = "5", ["Training:Optimizer:LearningRate"] = "0" };
        using IHost host = BuildHost(values, (s, c) => s.AddModelOptions<TrainingOptions>(c.GetSection("Training")));
        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(["Training: learningRate: must be between 1E-06 and 1", "Training: optimizer.learningRate: must be between 1E-06 and 1"],
            e.Failures.Select(f => f.Replace("1e-06", "1E-06", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task A_valid_host_starts_and_options_reload_with_the_configuration()
    {
        using IHost host = BuildHost(Flattened, (s, c) => s.AddModelOptions<TrainingOptions>(c.GetSection("Training")));
        await host.StartAsync();
        AssertBound(host.Services.GetRequiredService<IOptions<TrainingOptions>>().Value);
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<TrainingOptions>>();
        Assert.Equal(20, monitor.CurrentValue.Epochs);
        var root = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        root["Training:Epochs"] = "30";
        root.Reload();
        Assert.Equal(30, monitor.CurrentValue.Epochs);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configure_actions_run_and_their_result_is_validated()
    {
        var values = new Dictionary<string, string?> { ["Service:Workers"] = "4" };
        using (IHost host = BuildHost(values, (s, c) => s.AddModelOptions<ServiceSettings>(c.GetSection("Service")).PostConfigure(o => o.Queue = "fast")))
        {
            await host.StartAsync();
            ServiceSettings settings = host.Services.GetRequiredService<IOptions<ServiceSettings>>().Value;
            Assert.Equal(4, settings.Workers);
            Assert.Equal("fast", settings.Queue);
            await host.StopAsync();
        }
        using (IHost host = BuildHost(values, (s, c) => s.AddModelOptions<ServiceSettings>(c.GetSection("Service")).PostConfigure(o => o.Workers = 50)))
        {
            OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Equal(["Service: workers: must be between 1 and 10"], e.Failures);
        }
    }

    [Fact]
    public async Task Named_options_and_the_strict_option()
    {
        var values = new Dictionary<string, string?> { ["Small:Epochs"] = "1", ["Large:Epochs"] = "900", ["Typo:Epohcs"] = "5" };
        using (IHost host = BuildHost(values, (s, c) =>
        {
            s.AddModelOptions<TrainingOptions>("small", c.GetSection("Small"), null);
            s.AddModelOptions<TrainingOptions>("large", c.GetSection("Large"), null);
        }))
        {
            await host.StartAsync();
            var snapshot = host.Services.GetRequiredService<IOptionsMonitor<TrainingOptions>>();
            Assert.Equal(1, snapshot.Get("small").Epochs);
            Assert.Equal(900, snapshot.Get("large").Epochs);
            await host.StopAsync();
        }
        using (IHost host = BuildHost(values, (s, c) => s.AddModelOptions<TrainingOptions>(Options.DefaultName, c.GetSection("Typo"), new ModelSerializerOptions { RejectUnknownMembers = true })))
        {
            OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("Epohcs", e.Message);
        }
    }
    // A document ModelJson wrote for a model with renamed members, put in appsettings.json: configuration gives every
    // value as a string, an empty array as "", no nulls, and children in its own order. A hand edit of the current
    // names is read, and so is an edit of a copy (an older build's), as from the JSON itself.
    [Fact]
    public void A_hand_edit_of_renamed_members_in_appsettings_is_read()
    {
        var written = new RenamedOptions
        {
            Rate = 0.25f, Nesterov = true, Hidden = [4, 2], Optimizer = new OptimizerOptions(0.1, 0.5), Labels = [],
            ClassWeights = new() { ["b"] = 2, ["a"] = 1.5 }, Comment = null,
        };
        System.Text.Json.Nodes.JsonNode document = System.Text.Json.Nodes.JsonNode.Parse(ModelJson.Serialize(written))!;
        Assert.NotNull(document["$previousNames"]);
        Assert.Equal(written with { }, Bind(document), RenamedComparer.Instance);

        System.Text.Json.Nodes.JsonNode byHand = document.DeepClone();
        byHand["rate"] = 0.5;
        byHand["nesterov"] = false;
        byHand["hidden"] = new System.Text.Json.Nodes.JsonArray(16);
        byHand["optimizer"]!["momentum"] = 0.75;
        byHand["labels"] = new System.Text.Json.Nodes.JsonArray("x");
        byHand["classWeights"]!["a"] = 3;
        byHand["comment"] = "edited";
        var expected = new RenamedOptions
        {
            Rate = 0.5f, Nesterov = false, Hidden = [16], Optimizer = new OptimizerOptions(0.1, 0.75), Labels = ["x"],
            ClassWeights = new() { ["b"] = 2, ["a"] = 3 }, Comment = "edited",
        };
        Assert.Equal(expected, Bind(byHand), RenamedComparer.Instance);

        System.Text.Json.Nodes.JsonNode copyEdited = document.DeepClone();
        copyEdited["learningRate"] = 0.125;
        copyEdited["tags"] = new System.Text.Json.Nodes.JsonArray("old");
        Assert.Equal(written with { Rate = 0.125f, Labels = ["old"] }, Bind(copyEdited), RenamedComparer.Instance);
    }

    private static RenamedOptions Bind(System.Text.Json.Nodes.JsonNode document)
    {
        var appsettings = new System.Text.Json.Nodes.JsonObject { ["Renamed"] = document.DeepClone() };
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(appsettings.ToJsonString()));
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return ModelConfiguration.FromConfiguration<RenamedOptions>(configuration.GetSection("Renamed"));
    }

    private sealed class RenamedComparer : IEqualityComparer<RenamedOptions>
    {
        public static readonly RenamedComparer Instance = new();

        public bool Equals(RenamedOptions? x, RenamedOptions? y) =>
            x is not null && y is not null && x.Rate == y.Rate && x.Nesterov == y.Nesterov && x.Hidden.SequenceEqual(y.Hidden)
            && x.Optimizer == y.Optimizer && x.Labels.SequenceEqual(y.Labels) && x.Comment == y.Comment
            && x.ClassWeights.OrderBy(e => e.Key).SequenceEqual(y.ClassWeights.OrderBy(e => e.Key));

        public int GetHashCode(RenamedOptions value) => 0;
    }
}

