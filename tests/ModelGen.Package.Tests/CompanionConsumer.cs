using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ModelGen.Package.Tests;

/// <summary>The EF Core and configuration companion packages, packed into the shared feed (<see cref="PackedFeed"/>),
/// used by a fresh console project that references them by version with the EF Core SQLite provider and the configuration
/// packages from the mirror: a change inside a model is saved, options bind from configuration.</summary>
public sealed class CompanionConsumer
{
    public CompanionConsumer(PackedFeed feed)
    {
        ConsumerDirectory = Path.Combine(feed.Root, "companions");
        Directory.CreateDirectory(ConsumerDirectory);
        if (!feed.IsPacked("ModelGen.EntityFrameworkCore") || !feed.IsPacked("ModelGen.Extensions.Configuration")) return;

        File.WriteAllText(Path.Combine(ConsumerDirectory, "Companions.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelGen" Version="{feed.Version}" />
                <PackageReference Include="ModelGen.EntityFrameworkCore" Version="{feed.Version}" />
                <PackageReference Include="ModelGen.Extensions.Configuration" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
                <PackageReference Include="Microsoft.Extensions.Configuration" Version="10.0.15" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Program.cs"), ProgramSource);
        Build = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        if (Build.ExitCode != 0) return;
        Run = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, Path.Combine(ConsumerDirectory, "bin", "Release", "net10.0", "Companions.dll"));
    }

    public string ConsumerDirectory { get; }
    public ProcessResult? Build { get; }
    public ProcessResult? Run { get; }

    private const string ProgramSource = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Linq;
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using ModelGen;
        using ModelGen.Extensions.Configuration;

        using var connection = new SqliteConnection("DataSource=:memory:");
        connection.Open();
        using (var db = new Db(connection))
        {
            db.Database.EnsureCreated();
            db.Runs.Add(new Run { Id = 1, Model = new Classifier() });
            db.SaveChanges();
        }
        int saved;
        using (var db = new Db(connection))
        {
            Run run = db.Runs.Single();
            run.Model.Threshold = 0.7;
            saved = db.SaveChanges();
        }
        double reloaded;
        using (var db = new Db(connection)) reloaded = db.Runs.AsNoTracking().Single().Model.Threshold;
        Console.WriteLine($"efcore: saved {saved}, threshold {reloaded}");

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Training:LearningRate"] = "0.5",
            ["Training:Optimizer:Momentum"] = "0.25",
        }).Build();
        TrainingOptions direct = ModelConfiguration.FromConfiguration<TrainingOptions>(configuration.GetSection("Training"));
        var services = new ServiceCollection();
        services.AddModelOptions<TrainingOptions>(configuration.GetSection("Training"));
        using ServiceProvider provider = services.BuildServiceProvider();
        TrainingOptions bound = provider.GetRequiredService<IOptions<TrainingOptions>>().Value;
        Console.WriteLine($"configuration: {direct.LearningRate} {bound.Optimizer.Momentum}");
        Console.WriteLine("flat: " + string.Join(",", ModelDictionary.ToFlatDictionary(bound).Keys));
        return saved == 1 && reloaded == 0.7 && bound == direct ? 0 : 1;

        [Hyperparameters]
        public partial record OptimizerOptions(double Momentum = 0.9);

        [Hyperparameters]
        public partial record TrainingOptions([Range(1e-6, 1.0)] double LearningRate = 0.01, int Epochs = 10)
        {
            public OptimizerOptions Optimizer { get; init; } = new();
        }

        [SerializableModel(Version = 1)]
        public partial class Classifier
        {
            public double Threshold { get; set; } = 0.5;
            public float[] Weights { get; set; } = [1f, 2f];
        }

        public sealed class Run
        {
            public int Id { get; set; }
            public Classifier Model { get; set; } = new();
        }

        public sealed class Db(SqliteConnection connection) : DbContext
        {
            public DbSet<Run> Runs => Set<Run>();
            protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite(connection);
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Run>().Property(r => r.Model).HasModelJsonConversion();
        }
        """;
}
