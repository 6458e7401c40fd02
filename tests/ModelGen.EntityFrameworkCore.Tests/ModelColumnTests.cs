using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace ModelGen.EntityFrameworkCore.Tests;

/// <summary>Issue 18, EF Core: models in SQLite columns through the real provider.</summary>
public sealed class ModelColumnTests : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public ModelColumnTests()
    {
        _connection.Open();
        using var context = new ModelContext(_connection);
        context.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    private static Classifier Sample() => new()
    {
        Threshold = 0.5,
        Weights = [1f, -2f, 0.25f],
        Options = new ClassifierOptions(Dropout: 0.2),
        Metrics = { ["accuracy"] = 0.9 },
    };

    private void Seed()
    {
        using var context = new ModelContext(_connection);
        context.Runs.Add(new Run { Id = 1, Name = "first", Model = Sample(), Packed = Sample() });
        Assert.Equal(1, context.SaveChanges());
    }

    [Fact]
    public void A_change_inside_the_model_is_saved()
    {
        Seed();
        using (var context = new ModelContext(_connection))
        {
            Run run = context.Runs.Single();
            Assert.Equal(0, context.SaveChanges()); // nothing changed: no update
            run.Model.Threshold = 0.7;
            run.Packed!.Options = run.Packed.Options with { Epochs = 42 };
            Assert.Equal(1, context.SaveChanges());
            run.Model.Metrics["loss"] = 0.25; // a nested change after a save
            run.Packed.Weights[1] = 3f;
            Assert.Equal(1, context.SaveChanges());
            Assert.Equal(0, context.SaveChanges());
        }
        using (var context = new ModelContext(_connection))
        {
            Run run = context.Runs.AsNoTracking().Single();
            Assert.Equal(0.7, run.Model.Threshold);
            Assert.Equal(0.25, run.Model.Metrics["loss"]);
            Assert.Equal(42, run.Packed!.Options.Epochs);
            Assert.Equal([1f, 3f, 0.25f], run.Packed.Weights);
        }
    }

    [Fact]
    public void A_converter_without_the_comparer_loses_the_change()
    {
        // What issue 18 found: the hand-written converter alone saves nothing, silently.
        Seed();
        using (var context = new ConverterOnlyContext(_connection))
        {
            Run run = context.Runs.Single();
            run.Model.Threshold = 0.7;
            run.Packed!.Threshold = 0.7;
            Assert.Equal(0, context.SaveChanges());
        }
        using (var context = new ModelContext(_connection))
            Assert.Equal(0.5, context.Runs.AsNoTracking().Single().Model.Threshold);
    }

    [Fact]
    public void The_json_column_is_queryable_and_the_binary_column_is_the_binary_form()
    {
        Seed();
        double threshold = _connection.ExecuteScalar<double>("SELECT json_extract(Model, '$.threshold') FROM Runs");
        Assert.Equal(0.5, threshold);
        Assert.Equal(2L, _connection.ExecuteScalar<long>("SELECT json_extract(Model, '$.\"$version\"') FROM Runs"));
        byte[] packed = _connection.ExecuteScalar<byte[]>("SELECT Packed FROM Runs");
        Assert.Equal(Classifier.Schema.Name, ModelSerializer.ReadEnvelope(packed).ModelName);
    }

    [Fact]
    public void Rows_written_by_an_older_model_version_load_through_the_migration()
    {
        var old = new ClassifierV1 { Cutoff = 0.35, Weights = [4f, 5f] };
        string json = ModelJson.Serialize(old);
        byte[] binary = ModelSerializer.Serialize(old);
        using (var context = new ModelContext(_connection))
            context.Database.ExecuteSql($"INSERT INTO Runs (Id, Name, Model, Packed) VALUES (7, 'old', {json}, {binary})");
        using (var context = new ModelContext(_connection))
        {
            Run run = context.Runs.Single(r => r.Id == 7);
            Assert.Equal(0.35, run.Model.Threshold);
            Assert.Equal([4f, 5f], run.Model.Weights);
            Assert.Equal(0.35, run.Packed!.Threshold);
            // Saving the loaded row writes the current version.
            run.Model.Threshold = 0.4;
            Assert.Equal(1, context.SaveChanges());
        }
        Assert.Equal(2L, _connection.ExecuteScalar<long>("SELECT json_extract(Model, '$.\"$version\"') FROM Runs"));
    }

    [Fact]
    public void Rows_written_by_a_newer_model_version_keep_its_members_when_an_edit_is_saved()
    {
        // A newer build's row: a member this build lacks at the root and in the nested options, and its version.
        const string Newer = """{"$version":3,"threshold":0.5,"weights":[1],"options":{"$version":1,"dropout":0.2,"epochs":10,"warmup":5},"metrics":{},"calibration":[0,-1.5]}""";
        byte[] packed = ModelSerializer.Serialize(ModelJson.Deserialize<Classifier>(Newer));
        using (var context = new ModelContext(_connection))
            context.Database.ExecuteSql($"INSERT INTO Runs (Id, Name, Model, Packed) VALUES (8, 'newer', {Newer}, {packed})");
        using (var context = new ModelContext(_connection))
        {
            Run run = context.Runs.Single(r => r.Id == 8);
            Assert.Equal(0, context.SaveChanges()); // what this build keeps is stable under the comparer: no update
            run.Model.Threshold = 0.6;
            run.Packed!.Threshold = 0.6;
            Assert.Equal(1, context.SaveChanges());
        }
        Assert.Equal("3|0.6|5|-1.5", _connection.ExecuteScalar<string>(
            "SELECT json_extract(Model, '$.\"$version\"') || '|' || json_extract(Model, '$.threshold') || '|' || json_extract(Model, '$.options.warmup') || '|' || json_extract(Model, '$.calibration[1]') FROM Runs"));
        Classifier fromBinary = ModelSerializer.Deserialize<Classifier>(_connection.ExecuteScalar<byte[]>("SELECT Packed FROM Runs"));
        Assert.Equal(0.6, fromBinary.Threshold);
        string json = ModelJson.Serialize(fromBinary);
        Assert.Contains("\"$version\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"warmup\":5", json, StringComparison.Ordinal);
        Assert.Contains("\"calibration\":[0,-1.5]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_row_fails_naming_the_member_and_an_invalid_value_is_not_written()
    {
        using (var context = new ModelContext(_connection))
            context.Database.ExecuteSql($"INSERT INTO Runs (Id, Name, Model) VALUES (9, 'bad', {"""{"$version":2,"threshold":0.5,"options":{"dropout":3}}"""})");
        using (var context = new ModelContext(_connection))
        {
            Exception e = Assert.ThrowsAny<Exception>(() => context.Runs.Single(r => r.Id == 9));
            ModelFormatException format = Find<ModelFormatException>(e);
            Assert.Equal("options.dropout", format.Path);
        }
        using (var context = new ModelContext(_connection))
        {
            context.Runs.Add(new Run { Id = 10, Model = new Classifier { Options = new ClassifierOptions(Dropout: 5) } });
            Exception e = Assert.ThrowsAny<Exception>(() => context.SaveChanges());
            Assert.Contains("dropout", Find<ModelFormatException>(e).Message);
        }
        Assert.Equal(0L, _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM Runs WHERE Id = 10"));
    }

    private static T Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T found) return found;
        throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} in {e}");
    }
}

internal static class SqliteExtensions
{
    public static T ExecuteScalar<T>(this SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}
