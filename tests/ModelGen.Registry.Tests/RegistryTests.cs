using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ModelGen.Registry.Legacy;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Registry.Tests;

public sealed class RegistryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rolling_deployment_and_rollback_lose_nothing_and_invalid_documents_are_refused()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        var lines = new List<string>();
        var story = new RollingDeployment(db.DataSource, lines.Add);
        await story.RunAsync();
        foreach (string line in lines) output.WriteLine(line);
        Assert.Empty(story.Failures);
        Assert.Contains(lines, l => l.Contains("GIN index models_model_gin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_document_of_another_model_or_an_invalid_one_writes_nothing()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await RegistrySchema.CreateAsync(db.DataSource);
        var v2 = new ModelRegistry<ScoringModel>(db.DataSource, "tests v2", ScoringModel.JsonSchema);
        await v2.SaveAsync("kept", Revisions.V2(5));

        string valid = ModelJson.Serialize(Revisions.V2(6));
        string[] refused =
        [
            """{"$version":1,"means":[0,1],"scales":[1,1]}""",                                    // another model
            valid.Replace("\"weights\":[", "\"weights\":[\"heavy\",", StringComparison.Ordinal),   // a string in a double[]
            valid.Replace("\"epochs\":7", "\"epochs\":7.5", StringComparison.Ordinal),             // not an integer
            "{\"hyperparameters\": ",                                                              // not JSON
        ];
        foreach (string document in refused)
        {
            var e = await Assert.ThrowsAsync<ModelValidationException>(() => v2.SaveJsonAsync("kept", document));
            output.WriteLine(e.Message);
            Assert.Contains("'kept'", e.Message, StringComparison.Ordinal);
            Assert.NotEmpty(e.Errors);
        }
        Assert.Equal(1, await db.CountAsync("models"));
        Assert.Equal(1, await db.CountAsync("model_history"));
        Assert.Equal(5, (await v2.LoadAsync("kept")).FromJson.Revision);

        // A valid document goes in, both columns alike.
        await v2.SaveJsonAsync("kept", valid);
        StoredModel<ScoringModel> read = await v2.LoadAsync("kept");
        Assert.Null(Revisions.Check(read.FromBinary, 2));
        Assert.Null(Revisions.Check(read.FromJson, 2));
        Assert.Equal(2, await db.CountAsync("model_history"));

        // The older build accepts its own documents, and a newer build's: its binary column carries the members it
        // does not know by name (named members), so the newer build reads the same value from both columns.
        var v1 = new ModelRegistry<ScoringModelV1>(db.DataSource, "tests v1", ScoringModelV1.JsonSchema);
        await v1.SaveJsonAsync("from-v1", ModelJson.Serialize(Revisions.V1(3)));
        Assert.Null(Revisions.Check((await v2.LoadAsync("from-v1")).FromBinary, 1));
        await v1.SaveJsonAsync("from-v2", valid);
        StoredModel<ScoringModel> fromOlder = await v2.LoadAsync("from-v2");
        Assert.Null(Revisions.Check(fromOlder.FromBinary, 2));
        Assert.Null(Revisions.Check(fromOlder.FromJson, 2));
        Assert.True(ModelEquality.Equals(fromOlder.FromJson, fromOlder.FromBinary)); // (a map's order aside)
        Assert.Equal(3, await db.CountAsync("models"));
        Assert.Equal(4, await db.CountAsync("model_history"));
    }

    [Fact]
    public async Task A_value_read_from_the_binary_column_saves_to_both_columns_without_loss()
    {
        // The older build reads the newer build's binary column (format 1: the newer members are kept by key) and saves
        // the value with SaveAsync: the JSON column carries them under "$fields", and the newer build reads every
        // member back from both columns (they were lost to the JSON column before, and SaveAsync refused the value).
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await RegistrySchema.CreateAsync(db.DataSource);
        var v2 = new ModelRegistry<ScoringModel>(db.DataSource, "tests v2", ScoringModel.JsonSchema);
        var v1 = new ModelRegistry<ScoringModelV1>(db.DataSource, "tests v1", ScoringModelV1.JsonSchema);
        ScoringModel original = Revisions.V2(8);
        await v2.SaveAsync("m", original);
        ScoringModelV1 fromBinary = (await v1.LoadAsync("m")).FromBinary;
        Assert.NotEmpty(ModelSerializer.GetUnknownMembers(fromBinary));
        await v1.SaveAsync("m", fromBinary);
        Assert.Equal(2, await db.CountAsync("model_history"));
        StoredModel<ScoringModel> back = await v2.LoadAsync("m");
        Assert.True(ModelEquality.Equals(original, back.FromBinary), ModelJson.Serialize(back.FromBinary));
        Assert.True(ModelEquality.Equals(original, back.FromJson), ModelJson.Serialize(back.FromJson));
    }

    [Fact]
    public async Task A_corrupted_binary_column_is_reported_not_read()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await RegistrySchema.CreateAsync(db.DataSource);
        var v2 = new ModelRegistry<ScoringModel>(db.DataSource, "tests v2", ScoringModel.JsonSchema);
        await v2.SaveAsync("m", Revisions.V2(9));
        // Flip one bit in the middle of the payload, behind the registry's back.
        await using (NpgsqlCommand flip = db.DataSource.CreateCommand(
            "UPDATE models SET model_binary = set_byte(model_binary, length(model_binary) / 2, get_byte(model_binary, length(model_binary) / 2) # 1) WHERE name = 'm'"))
            Assert.Equal(1, await flip.ExecuteNonQueryAsync());
        var e = await Assert.ThrowsAsync<ModelFormatException>(() => v2.LoadAsync("m"));
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_of_both_versions_lose_and_corrupt_nothing()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        LoadResult result = await LoadTest.RunAsync(db.DataSource, writers: 4, readers: 4, TimeSpan.FromSeconds(4));
        output.WriteLine(result.ToString());
        Console.WriteLine("registry load: " + result);
        Assert.Empty(result.Corrupted);
        Assert.Equal(0, result.Lost);
        Assert.True(result.Writes >= 20 && result.Reads >= 20, result.ToString());
        Assert.Equal(result.Writes + 4 * 4, await db.CountAsync("model_history")); // every acknowledged write has its history row
    }
}
