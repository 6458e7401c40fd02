using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using ModelGen.Registry.Tests;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.EntityFrameworkCore.Tests;

/// <summary>The models in PostgreSQL through EF Core and Npgsql's provider, on the real server of scripts/postgres.sh
/// (MODELGEN_POSTGRES; the policy of <see cref="Postgres"/>): JSON in <c>jsonb</c>, binary in <c>bytea</c>.</summary>
public sealed class PostgresColumnTests(ITestOutputHelper output)
{
    private static Classifier Sample(double threshold = 0.5) => new()
    {
        Threshold = threshold,
        Weights = [1f, -2f, 0.25f],
        Options = new ClassifierOptions(Dropout: 0.2),
        Metrics = { ["accuracy"] = 0.9 },
    };

    private static ModelRow Row(int id, double zero) => new()
    {
        Id = id,
        Edges = EdgeValues.Sample(zero),
        EdgesPacked = EdgeValues.Sample(zero),
        EdgesVerbatim = EdgeValues.Sample(zero),
        Pipeline = new Shift { N = 1, Off = -0.5, Then = new Scale { N = 2, By = 3 } },
        Options = new ClassifierOptions(Dropout: 0.3, Epochs: 7),
        Legacy = new ClassifierV1 { Cutoff = 0.35, Weights = [4f, 5f] },
    };

    [Fact]
    public async Task Every_model_of_the_suite_reads_back_the_same_from_jsonb_and_bytea()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        ModelRow written = Row(1, zero: 0.0);
        using (var context = new PostgresContext(connection))
        {
            context.Rows.Add(written);
            context.Runs.Add(new Run { Id = 1, Name = "first", Model = Sample(), Packed = Sample() });
            Assert.Equal(2, await context.SaveChangesAsync());
        }
        Assert.Equal("jsonb|bytea|json|jsonb|jsonb|jsonb", await connection.ScalarAsync<string>(
            """SELECT pg_typeof("Edges") || '|' || pg_typeof("EdgesPacked") || '|' || pg_typeof("EdgesVerbatim") || '|' || pg_typeof("Pipeline") || '|' || pg_typeof("Options") || '|' || pg_typeof("Legacy") FROM "Rows" """));
        Assert.Equal("jsonb|bytea", await connection.ScalarAsync<string>("""SELECT pg_typeof("Model") || '|' || pg_typeof("Packed") FROM "Runs" """));
        // jsonb rewrote the documents (keys sorted by length, so a union's "$type" after "n"; spacing; numbers)...
        string pipeline = await connection.ScalarAsync<string>("""SELECT "Pipeline"::text FROM "Rows" """);
        output.WriteLine(pipeline);
        Assert.StartsWith("""{"$type":""", ModelJson.Serialize(written.Pipeline!), StringComparison.Ordinal);
        Assert.StartsWith("""{"n": 1""", pipeline, StringComparison.Ordinal);
        Assert.NotEqual(ModelJson.Serialize(written.Edges), await connection.ScalarAsync<string>("""SELECT "Edges"::text FROM "Rows" """));

        using (var context = new PostgresContext(connection))
        {
            // ...and every model reads back the same (ModelEquality: every member, floats by their bits, NaN payloads,
            // the decimal's scale, union cases, dictionaries as sets of entries).
            ModelRow row = await context.Rows.SingleAsync();
            Run run = await context.Runs.SingleAsync();
            Assert.True(ModelEquality.Equals(written.Edges, row.Edges), ModelJson.Serialize(row.Edges));
            Assert.True(ModelEquality.Equals(written.EdgesPacked!, row.EdgesPacked!));
            Assert.True(ModelEquality.Equals(written.EdgesVerbatim!, row.EdgesVerbatim!));
            Assert.True(ModelEquality.Equals(written.Pipeline!, row.Pipeline!));
            Assert.IsType<Scale>(((Shift)row.Pipeline!).Then);
            Assert.True(ModelEquality.Equals(written.Options, row.Options));
            Assert.True(ModelEquality.Equals(written.Legacy!, row.Legacy!));
            Assert.True(ModelEquality.Equals(Sample(), run.Model));
            Assert.True(ModelEquality.Equals(Sample(), run.Packed!));
            // The comparer's snapshots of what jsonb returned equal the values: an unchanged row is not written.
            Assert.Equal(0, await context.SaveChangesAsync());
            // jsonb sorts a dictionary's keys too (by length, then bytes): the map is equal as a set of entries, but
            // enumerates in jsonb's order; json keeps the written order.
            Assert.Equal(["b", "a", "ab", ""], written.Edges.Map.Keys);
            Assert.Equal(["", "a", "b", "ab"], row.Edges.Map.Keys);
            Assert.Equal(["b", "a", "ab", ""], row.EdgesVerbatim!.Map.Keys);
        }
    }

    [Fact]
    public async Task A_change_made_in_place_is_saved_to_its_column_only()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        using (var context = new PostgresContext(connection))
        {
            context.Rows.Add(Row(1, zero: 0.0));
            context.Runs.Add(new Run { Id = 1, Name = "first", Model = Sample(), Packed = Sample() });
            await context.SaveChangesAsync();
        }
        var commands = new List<string>();
        using (var context = new PostgresContext(connection, commands))
        {
            ModelRow row = await context.Rows.SingleAsync();
            Run run = await context.Runs.SingleAsync();
            commands.Clear();
            ((Scale)((Shift)row.Edges.Steps[1]).Then!).By = 7f; // deep inside a union in a list, in jsonb
            Assert.Equal(1, await context.SaveChangesAsync());
            string update = Assert.Single(commands);
            Assert.Contains("\"Edges\" = ", update, StringComparison.Ordinal);
            Assert.DoesNotContain("\"EdgesPacked\" = ", update, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Options\" = ", update, StringComparison.Ordinal);

            row.EdgesPacked!.Map["c"] = 3;
            row.EdgesVerbatim!.Bytes[0] = 9;
            row.Pipeline!.N = 9;
            row.Legacy!.Weights[0] = 8f;
            run.Model.Metrics["loss"] = 0.25;
            run.Packed!.Weights[1] = 3f;
            Assert.Equal(2, await context.SaveChangesAsync());
            Assert.Equal(0, await context.SaveChangesAsync());
        }
        using (var context = new PostgresContext(connection))
        {
            ModelRow row = await context.Rows.AsNoTracking().SingleAsync();
            Run run = await context.Runs.AsNoTracking().SingleAsync();
            Assert.Equal(7f, ((Scale)((Shift)row.Edges.Steps[1]).Then!).By);
            Assert.Equal(3, row.EdgesPacked!.Map["c"]);
            Assert.Equal(9, row.EdgesVerbatim!.Bytes[0]);
            Assert.Equal(9, row.Pipeline!.N);
            Assert.Equal(8f, row.Legacy!.Weights[0]);
            Assert.Equal(0.25, run.Model.Metrics["loss"]);
            Assert.Equal([1f, 3f, 0.25f], run.Packed!.Weights);
        }
    }

    [Fact]
    public async Task Jsonb_members_are_queried_from_linq_and_from_sql()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        using (var context = new PostgresContext(connection))
        {
            context.Runs.Add(new Run { Id = 1, Name = "low", Model = Sample(0.5) });
            Classifier high = Sample(0.75);
            high.Options = new ClassifierOptions(Dropout: 0.4, Epochs: 3);
            context.Runs.Add(new Run { Id = 2, Name = "high", Model = high });
            await context.SaveChangesAsync();
        }
        var commands = new List<string>();
        using (var context = new PostgresContext(connection, commands))
        {
            // @> through EF.Functions.JsonContains on the converted property, nested members included.
            Assert.Equal(["high"], await context.Runs
                .Where(r => EF.Functions.JsonContains(r.Model, """{"options": {"epochs": 3}}"""))
                .Select(r => r.Name).ToListAsync());
            Assert.Equal(["low"], await context.Runs
                .Where(r => EF.Functions.JsonContains(r.Model, """{"threshold": 0.5, "$version": 2}"""))
                .Select(r => r.Name).ToListAsync());
            // ->> in SQL, entities materialized through the converter.
            List<Run> runs = await context.Runs
                .FromSql($"""SELECT * FROM "Runs" WHERE ("Model"->>'threshold')::float8 > {0.6} AND "Model"->'options'->>'dropout' = '0.4'""")
                .ToListAsync();
            Assert.Equal(0.75, Assert.Single(runs).Model.Threshold);
        }
        Assert.Contains("\"Model\" @> ", commands[0], StringComparison.Ordinal);
        // The column's GIN index (jsonb_path_ops, declared in the context) serves that operator.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(); // two rows: the planner would scan
        string plan = await connection.LinesAsync("""EXPLAIN SELECT "Name" FROM "Runs" WHERE "Model" @> '{"options": {"epochs": 3}}'""");
        output.WriteLine(plan);
        Assert.Contains("IX_Runs_Model", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonb_turns_negative_zero_into_zero_and_bytea_and_json_keep_it()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        using (var context = new PostgresContext(connection))
        {
            ModelRow written = Row(1, zero: -0.0);
            context.Rows.Add(written);
            await context.SaveChangesAsync();
            // The tracked entity is not refreshed by the save: it still holds -0.0 while the jsonb column holds 0.
            Assert.True(double.IsNegative(written.Edges.Maybe!.Value));
        }
        using (var context = new PostgresContext(connection))
        {
            ModelRow row = await context.Rows.SingleAsync();
            Assert.False(double.IsNegative(row.Edges.Maybe!.Value));
            Assert.False(float.IsNegative(row.Edges.Floats[^1]));
            Assert.False(double.IsNegative(row.Edges.Map["ab"]));
            // The one change: with the zeros' signs cleared it is the model written with 0.0.
            Assert.True(ModelEquality.Equals(EdgeValues.Sample(zero: 0.0), row.Edges));
            // bytea holds the binary form, json the text as written: both keep the sign.
            Assert.True(ModelEquality.Equals(EdgeValues.Sample(zero: -0.0), row.EdgesPacked!));
            Assert.True(ModelEquality.Equals(EdgeValues.Sample(zero: -0.0), row.EdgesVerbatim!));
            // What was read is what the snapshot holds: reading it changed nothing that a save would write.
            Assert.Equal(0, await context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task A_string_holding_NUL_fails_the_save_in_jsonb_and_nothing_is_written()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        using (var context = new PostgresContext(connection))
        {
            ModelRow clean = Row(1, zero: 0.0);
            ModelRow nul = Row(2, zero: 0.0);
            nul.Edges.S = "before\0after";
            context.Rows.AddRange(clean, nul);
            DbUpdateException e = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            output.WriteLine(e.InnerException?.Message);
            Assert.Equal("22P05", Assert.IsType<PostgresException>(e.InnerException).SqlState); // untranslatable_character
        }
        Assert.Equal(0L, await connection.ScalarAsync<long>("""SELECT count(*) FROM "Rows" """)); // one transaction: neither row
        using (var context = new PostgresContext(connection))
        {
            // The same string in bytea and in json (text kept as written) is stored and reads back.
            ModelRow row = Row(3, zero: 0.0);
            row.EdgesPacked!.S = "before\0after";
            row.EdgesVerbatim!.S = "before\0after";
            context.Rows.Add(row);
            Assert.Equal(1, await context.SaveChangesAsync());
        }
        using (var context = new PostgresContext(connection))
        {
            ModelRow row = await context.Rows.AsNoTracking().SingleAsync();
            Assert.Equal("before\0after", row.EdgesPacked!.S);
            Assert.Equal("before\0after", row.EdgesVerbatim!.S);
        }
    }
}

/// <summary>Schema evolution through EF Core on jsonb and bytea: a row written by a newer build of the model, read,
/// tracked and saved by an older one, and a row of an older version read through the migration.</summary>
public sealed class PostgresEvolutionTests(ITestOutputHelper output)
{
    private static ClassifierV3 Newer() => new()
    {
        Threshold = 0.5,
        Weights = [1f, 2f],
        Options = new ClassifierOptionsV2(Dropout: 0.2, Epochs: 10, Warmup: 5),
        Metrics = { ["accuracy"] = 0.9 },
        Calibration = [0, -1.5],
        Stage = "canary",
    };

    [Fact]
    public async Task An_older_build_keeps_the_members_of_a_newer_builds_row_through_its_change_tracker()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        using (var newer = new NewerPostgresContext(connection))
        {
            newer.Runs.Add(new RunV3 { Id = 1, Name = "churn", Model = Newer(), Packed = Newer() });
            Assert.Equal(1, await newer.SaveChangesAsync());
        }
        string stored = await connection.ScalarAsync<string>("""SELECT "Model"::text FROM "Runs" """);
        output.WriteLine(stored);
        Assert.True(stored.IndexOf("\"stage\"", StringComparison.Ordinal) < stored.IndexOf("\"$version\"", StringComparison.Ordinal)); // jsonb put the version after the members

        var commands = new List<string>();
        using (var context = new PostgresContext(connection, commands))
        {
            Run run = await context.Runs.SingleAsync();
            Assert.Equal(0.5, run.Model.Threshold);
            Assert.Equal(["calibration", "stage"], ModelSerializer.GetUnknownMembers(run.Model).Select(m => m.Name).Order());
            Assert.Equal(2, ModelSerializer.GetUnknownMembers(run.Packed!).Count); // kept by key ("#…"): the binary form is format 1 by default
            commands.Clear();

            // Read and saved without a change: the kept members are part of the snapshot, nothing is written.
            Assert.Equal(0, await context.SaveChangesAsync());
            Assert.Empty(commands);

            // Another column changed: the model columns are left out of the UPDATE (their kept members untouched).
            run.Name = "churn-1";
            Assert.Equal(1, await context.SaveChangesAsync());
            string rename = Assert.Single(commands);
            Assert.Contains("\"Name\" = ", rename, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Model\" = ", rename, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Packed\" = ", rename, StringComparison.Ordinal);
            commands.Clear();

            // An edit inside the models: both columns are rewritten from the values, kept members included.
            run.Model.Threshold = 0.6;
            run.Packed!.Threshold = 0.6;
            // A record edited with 'with' is a copy: it carries the members the original kept (options.warmup).
            run.Model.Options = run.Model.Options with { Epochs = 12 };
            run.Packed.Options = run.Packed.Options with { Epochs = 12 };
            Assert.Equal(1, await context.SaveChangesAsync());
            string edit = Assert.Single(commands);
            Assert.Contains("\"Model\" = ", edit, StringComparison.Ordinal);
            Assert.Contains("\"Packed\" = ", edit, StringComparison.Ordinal);
        }

        // Disconnected (a web API's PUT): read without tracking, edited, attached with Update, which writes every column.
        Run detached;
        using (var context = new PostgresContext(connection))
            detached = await context.Runs.AsNoTracking().SingleAsync();
        detached.Model.Metrics["audit"] = 1;
        detached.Packed!.Metrics["audit"] = 1;
        using (var context = new PostgresContext(connection))
        {
            context.Runs.Update(detached);
            Assert.Equal(1, await context.SaveChangesAsync());
        }

        // The newer build reads its members back from both columns, with the older build's edits.
        using (var newer = new NewerPostgresContext(connection))
        {
            RunV3 run = await newer.Runs.SingleAsync();
            foreach (ClassifierV3 model in new[] { run.Model, run.Packed! })
            {
                Assert.Equal(0.6, model.Threshold);
                Assert.Equal([0, -1.5], model.Calibration);
                Assert.Equal("canary", model.Stage);
                Assert.Equal(5, model.Options.Warmup);
                Assert.Equal(12, model.Options.Epochs);
                Assert.Equal(1, model.Metrics["audit"]);
            }
            Assert.Equal("churn-1", run.Name);
        }
        // Still queryable in SQL, at the newer version the row carries.
        Assert.Equal("3|canary|5|-1.5", await connection.ScalarAsync<string>(
            """SELECT ("Model"->>'$version') || '|' || ("Model"->>'stage') || '|' || ("Model"->'options'->>'warmup') || '|' || ("Model"->'calibration'->>1) FROM "Runs" """));

        // What does lose them: a new instance in place of the one read (it kept nothing), here in the JSON column only.
        using (var context = new PostgresContext(connection))
        {
            Run run = await context.Runs.SingleAsync();
            run.Model = new Classifier { Threshold = 0.7, Weights = run.Model.Weights, Options = new ClassifierOptions(Dropout: 0.2), Metrics = run.Model.Metrics };
            Assert.Equal(1, await context.SaveChangesAsync());
        }
        using (var newer = new NewerPostgresContext(connection))
        {
            RunV3 run = await newer.Runs.SingleAsync();
            Assert.Equal(("", 0, 0), (run.Model.Stage, run.Model.Calibration.Length, run.Model.Options.Warmup));
            Assert.Equal(("canary", 2, 5), (run.Packed!.Stage, run.Packed.Calibration.Length, run.Packed.Options.Warmup));
        }
    }

    [Fact]
    public async Task A_row_of_an_older_version_loads_through_the_migration_with_its_version_sorted_last()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        await using NpgsqlConnection connection = await PgTables.CreateAsync(db);
        var old = new ClassifierV1 { Cutoff = 0.35, Weights = [4f, 5f] };
        string json = ModelJson.Serialize(old);
        byte[] binary = ModelSerializer.Serialize(old);
        using (var context = new PostgresContext(connection))
            await context.Database.ExecuteSqlAsync($"""INSERT INTO "Runs" ("Id", "Name", "Model", "Packed") VALUES (7, 'old', {json}::jsonb, {binary})""");
        string stored = await connection.ScalarAsync<string>("""SELECT "Model"::text FROM "Runs" """);
        Assert.True(stored.IndexOf("\"cutoff\"", StringComparison.Ordinal) < stored.IndexOf("\"$version\"", StringComparison.Ordinal), stored);
        using (var context = new PostgresContext(connection))
        {
            Run run = await context.Runs.SingleAsync();
            Assert.Equal(0.35, run.Model.Threshold);
            Assert.Equal([4f, 5f], run.Model.Weights);
            Assert.Equal(0.35, run.Packed!.Threshold);
            run.Model.Threshold = 0.4;
            Assert.Equal(1, await context.SaveChangesAsync());
        }
        Assert.Equal("2|0.4", await connection.ScalarAsync<string>("""SELECT ("Model"->>'$version') || '|' || ("Model"->>'threshold') FROM "Runs" """));
    }
}

internal static class PgTables
{
    /// <summary>A connection to the test's schema, with the tables of <see cref="PostgresContext"/> created in it.</summary>
    public static async Task<NpgsqlConnection> CreateAsync(IsolatedDatabase db)
    {
        NpgsqlConnection connection = await db.DataSource.OpenConnectionAsync();
        using var context = new PostgresContext(connection);
        await context.CreateTablesAsync();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row, one a line (EXPLAIN's plan).</summary>
    public static async Task<string> LinesAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
