using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Registry.Tests;

/// <summary>A model's JSON form through PostgreSQL's <c>jsonb</c> (the registry's column, and what a database JSON
/// column does to a document): jsonb stores numbers as <c>numeric</c>, sorts and re-spaces keys. Everything must come
/// back as the same model, except what jsonb itself cannot hold, which these tests pin down.</summary>
public sealed class JsonbRoundTripTests(ITestOutputHelper output)
{
    private static async Task<string> ThroughJsonbAsync(NpgsqlDataSource dataSource, string json)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand("SELECT $1::jsonb::text");
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Every_value_reads_back_the_same_after_a_jsonb_column()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        EdgeValues original = EdgeValues.Sample(zero: 0.0);
        string json = ModelJson.Serialize(original);
        string stored = await ThroughJsonbAsync(db.DataSource, json);
        output.WriteLine(stored);
        Assert.NotEqual(json, stored); // jsonb did rewrite the document (key order, spacing, numbers)...
        EdgeValues back = ModelJson.Deserialize<EdgeValues>(stored);
        // ...and the model is the same: ModelEquality compares the binary payloads (floats by their bits, the decimal
        // with its scale, nested unions with their cases), dictionaries as sets of entries (jsonb sorts their keys).
        Assert.True(ModelEquality.Equals(original, back), ModelJson.Serialize(back));
    }

    [Fact]
    public async Task Negative_zero_is_the_one_value_jsonb_changes_and_the_binary_column_keeps_it()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        EdgeValues original = EdgeValues.Sample(zero: -0.0);
        string json = ModelJson.Serialize(original);
        Assert.Contains("-0", json, StringComparison.Ordinal); // ModelJson writes the sign...
        EdgeValues back = ModelJson.Deserialize<EdgeValues>(await ThroughJsonbAsync(db.DataSource, json));
        // ...PostgreSQL's numeric has no negative zero: every -0 comes back as 0 (documented in docs/efcore.md and
        // the registry's README section). This pins it: if a release of PostgreSQL or ModelGen changes it, this fails.
        Assert.True(double.IsNegative(original.Maybe!.Value));
        Assert.False(double.IsNegative(back.Maybe!.Value));
        Assert.False(float.IsNegative(back.Floats[^1]));
        Assert.False(double.IsNegative(back.Doubles[^1]));
        Assert.False(double.IsNegative(back.Map["ab"]));
        // Everything else is unchanged: with the zeros' signs cleared, both are the model of the other test.
        Assert.True(ModelEquality.Equals(EdgeValues.Sample(zero: 0.0), back));
        Assert.False(ModelEquality.Equals(original, back));
        // The binary form (the registry's bytea column) keeps the sign.
        Assert.True(double.IsNegative(ModelSerializer.Deserialize<EdgeValues>(ModelSerializer.Serialize(original)).Maybe!.Value));
    }

    [Fact]
    public async Task A_string_holding_NUL_is_refused_by_jsonb_loudly_not_changed()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        EdgeValues original = EdgeValues.Sample(zero: 0.0);
        original.S = "before\0after";
        string json = ModelJson.Serialize(original);
        PostgresException e = await Assert.ThrowsAsync<PostgresException>(() => ThroughJsonbAsync(db.DataSource, json));
        output.WriteLine(e.Message);
        Assert.Equal("22P05", e.SqlState); // untranslatable_character: \u0000 cannot be converted to text
    }
}
