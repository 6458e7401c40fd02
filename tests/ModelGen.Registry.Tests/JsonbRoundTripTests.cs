using System;
using System.Collections.Generic;
using System.Numerics;
using System.Threading.Tasks;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Registry.Tests;

public enum Unit { Seconds, Steps }

/// <summary>Every kind of value a model holds, at the edges where a JSON store could change it.</summary>
[SerializableModel]
public partial class EdgeValues
{
    public float F { get; set; }
    public double D { get; set; }
    public Half H { get; set; }
    public decimal M { get; set; }
    public long L { get; set; }
    public ulong U { get; set; }
    public Int128 I128 { get; set; }
    public UInt128 U128 { get; set; }
    public BigInteger Big { get; set; }
    public Complex Z { get; set; }
    public DateTime When { get; set; }
    public DateTimeOffset At { get; set; }
    public TimeSpan Span { get; set; }
    public DateOnly Day { get; set; }
    public TimeOnly Time { get; set; }
    public Guid Id { get; set; }
    public char C { get; set; }
    public string S { get; set; } = "";
    public Unit E { get; set; }
    public double? Maybe { get; set; }
    public float[] Floats { get; set; } = [];
    public double[] Doubles { get; set; } = [];
    public byte[] Bytes { get; set; } = [];
    public Dictionary<string, double> Map { get; set; } = new();
    public List<Step> Steps { get; set; } = new();
    public Step? Root { get; set; }
}

/// <summary>A union whose cases have members with names shorter than <c>$type</c>: jsonb orders an object's keys by
/// length, so the tag comes after them.</summary>
[SerializableModel]
[ModelUnion("scale", typeof(Scale))]
[ModelUnion("shift", typeof(Shift))]
public abstract partial class Step
{
    public int N { get; set; }
}

[SerializableModel]
public partial class Scale : Step
{
    public float By { get; set; }
}

[SerializableModel]
public partial class Shift : Step
{
    public double Off { get; set; }
    public Step? Then { get; set; }
}

/// <summary>A model's JSON form through PostgreSQL's <c>jsonb</c> (the registry's column, and what a database JSON
/// column does to a document): jsonb stores numbers as <c>numeric</c>, sorts and re-spaces keys. Everything must come
/// back as the same model, except what jsonb itself cannot hold, which these tests pin down.</summary>
public sealed class JsonbRoundTripTests(ITestOutputHelper output)
{
    private static EdgeValues Edges(double zero) => new()
    {
        F = float.MaxValue,
        D = double.Epsilon,
        H = Half.MaxValue,
        M = decimal.Parse("-79228162514264337593543950335"),
        L = long.MinValue,
        U = ulong.MaxValue,
        I128 = Int128.MinValue,
        U128 = UInt128.MaxValue,
        Big = BigInteger.Pow(10, 400) + 1,
        Z = new Complex(1e308, -5e-324),
        When = new DateTime(2026, 12, 5, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567),
        At = new DateTimeOffset(2026, 12, 5, 8, 30, 0, TimeSpan.FromMinutes(-210)).AddTicks(7),
        Span = TimeSpan.MinValue,
        Day = DateOnly.MaxValue,
        Time = TimeOnly.MaxValue,
        Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        C = '\u2028',
        S = "tab\t quote\" backslash\\ \u00e9 \U0001F600 \u2028 <script>",
        E = Unit.Steps,
        Maybe = zero,
        Floats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 1e-45f, 0.1f, 16777217f, (float)zero],
        Doubles = [0.1, 1e308, 1.7976931348623157e308, -2.2250738585072014e-308, 4.9e-324, 123456789012345678, zero],
        Bytes = [0, 1, 0xFF, 0x80],
        Map = new() { ["b"] = 1.5, ["a"] = double.NaN, ["ab"] = zero, [""] = -1 },
        Steps = [new Scale { N = 1, By = 0.5f }, new Shift { N = 2, Off = -3, Then = new Scale { N = 3, By = 2 } }],
        Root = new Shift { N = 4, Off = 1e-300 },
    };

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
        EdgeValues original = Edges(zero: 0.0);
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
        EdgeValues original = Edges(zero: -0.0);
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
        Assert.True(ModelEquality.Equals(Edges(zero: 0.0), back));
        Assert.False(ModelEquality.Equals(original, back));
        // The binary form (the registry's bytea column) keeps the sign.
        Assert.True(double.IsNegative(ModelSerializer.Deserialize<EdgeValues>(ModelSerializer.Serialize(original)).Maybe!.Value));
    }

    [Fact]
    public async Task A_string_holding_NUL_is_refused_by_jsonb_loudly_not_changed()
    {
        await using IsolatedDatabase? db = await Postgres.OpenAsync();
        if (db is null) { output.WriteLine($"{Postgres.OptOut}=1: not run"); return; }
        EdgeValues original = Edges(zero: 0.0);
        original.S = "before\0after";
        string json = ModelJson.Serialize(original);
        PostgresException e = await Assert.ThrowsAsync<PostgresException>(() => ThroughJsonbAsync(db.DataSource, json));
        output.WriteLine(e.Message);
        Assert.Equal("22P05", e.SqlState); // untranslatable_character: \u0000 cannot be converted to text
    }
}
