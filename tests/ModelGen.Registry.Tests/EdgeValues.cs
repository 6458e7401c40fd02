using System;
using System.Collections.Generic;
using System.Numerics;

namespace ModelGen.Registry.Tests;

// Shared with tests/ModelGen.EntityFrameworkCore.Tests (linked there): the same models through Npgsql directly and through EF Core.

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

    /// <summary>Every member at an edge (extremes, subnormals, NaN and infinities, a 400-digit integer, times to the
    /// tick, unions nested in lists), with <paramref name="zero"/> (0.0 or -0.0) in every place a zero's sign shows.</summary>
    public static EdgeValues Sample(double zero) => new()
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
