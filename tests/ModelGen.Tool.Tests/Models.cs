using System;
using System.Collections.Generic;
using ModelGen;

namespace ModelGen.Tool.Tests;

// Shapes beyond the sample's, so that every wire type and every kind of item reaches the decoder.

[SerializableModel(Version = 3)]
public partial class Everything
{
    public string Name { get; set; } = "";
    public float Scale { get; set; }
    public Half Small { get; set; }
    public bool Flag { get; set; }
    public long Negative { get; set; }
    public int? Missing { get; set; }
    public Guid Id { get; set; }
    public DateTime When { get; set; }
    public List<string?> Tags { get; set; } = new();
    public double[,] Grid { get; set; } = new double[0, 0];
    public int[][] Jagged { get; set; } = [];
    public Dictionary<int, string> Labels { get; set; } = new();
    public List<Shape> Shapes { get; set; } = new();
    public char[] Letters { get; set; } = [];
}

[SerializableModel, ModelUnion("circle", typeof(Circle)), ModelUnion("square", typeof(Square))]
public abstract partial class Shape
{
    public string Color { get; set; } = "";
}

[SerializableModel]
public partial class Circle : Shape
{
    public double Radius { get; set; }
}

[SerializableModel]
public partial class Square : Shape
{
    public double Side { get; set; }
}

public enum Activation : byte { Linear = 0, Relu = 2, Gelu = 7 }

/// <summary>Values whose wire form differs from how a person reads them: only their declared types decode them.</summary>
[SerializableModel]
public partial class Typed
{
    public ulong Seed { get; set; }
    public Guid RunId { get; set; }
    public DateTimeOffset Started { get; set; }
    public DateTime Finished { get; set; }
    public TimeSpan Elapsed { get; set; }
    public decimal Cost { get; set; }
    public Activation Activation { get; set; }
    public char Separator { get; set; }
    public List<Activation> Layers { get; set; } = new();
    public Dictionary<Guid, ulong> Counts { get; set; } = new();
}

/// <summary>The .NET 6+ scalar types: each wire form is decoded only by its declared type.</summary>
[SerializableModel]
public partial class ModernValues
{
    public DateOnly Day { get; set; }
    public TimeOnly Time { get; set; }
    public Int128 Id { get; set; }
    public UInt128 Hash { get; set; }
    public System.Numerics.BigInteger Big { get; set; }
    public System.Numerics.Complex Gain { get; set; }
    public Uri? Source { get; set; }
    public Version? Version { get; set; }
    public Dictionary<DateOnly, System.Numerics.BigInteger> ByDay { get; set; } = new();
}

/// <summary>NaNs with a sign and payload of their own, which the output shows as the JSON form writes them.</summary>
[SerializableModel]
public partial class NaNValues
{
    public double Scalar { get; set; }
    public float Single { get; set; }
    public double[] Doubles { get; set; } = [];
    public float[] Floats { get; set; } = [];
    public Half[] Halves { get; set; } = [];
    public System.Numerics.Complex Gain { get; set; }
    public Half Half { get; set; }
    public Half QuietHalf { get; set; }
}

/// <summary>Value tuples and KeyValuePair: each item is typed by its own place in the tuple.</summary>
[SerializableModel]
public partial class TupleValues
{
    public (ulong Seed, Guid Run, Activation Act) Cell { get; set; }
    public KeyValuePair<DateOnly, ulong> Entry { get; set; }
    public Dictionary<(int State, int Action), double> QTable { get; set; } = new();
}

/// <summary>A vocabulary-sized map and sequence, to check that output is bounded.</summary>
[SerializableModel]
public partial class Vocabulary
{
    public Dictionary<string, int> Tokens { get; set; } = new();
    public List<string> Merges { get; set; } = new();
    public string Notes { get; set; } = "";
    public byte[] Blob { get; set; } = [];
    public string Control { get; set; } = "";   // control characters: shown as bytes
}

/// <summary>Sets, stacks, sorted dictionaries and immutable arrays of values that only their declared types decode.</summary>
[SerializableModel]
public partial class TypedCollections
{
    public HashSet<Guid> Ids { get; set; } = new();
    public Stack<Activation> History { get; set; } = new();
    public SortedDictionary<Guid, ulong> Totals { get; set; } = new();
    public System.Collections.Immutable.ImmutableArray<TimeSpan> Durations { get; set; } = [];
}
