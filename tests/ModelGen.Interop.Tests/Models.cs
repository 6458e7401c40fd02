using System;
using System.Collections.Generic;

namespace ModelGen.Interop.Tests;

public enum Color { Red, Green, Blue }

public enum Level : byte { Low = 1, High = 200 }

public enum Big : long { Min = long.MinValue, Max = long.MaxValue }

public enum Huge : ulong { Zero = 0, Top = ulong.MaxValue }

/// <summary>Names that differ only in case (Relu, ReLU: two values; Gelu, GELU: one), and two names of one value
/// (Swish, Silu), of which .NET reads only the one Enum.GetName gives.</summary>
public enum Act { Relu = 0, ReLU = 1, Tanh = 2, Gelu = 7, GELU = 7, Swish = 8, Silu = 8 }

/// <summary>A signed 8-bit enum: with <see cref="Level"/> (byte) and <see cref="Huge"/> (ulong), what the enum range
/// fixtures (EnumRangeFixtureTests) read into <see cref="TiersV2"/>.</summary>
public enum Delta : sbyte { Down = -1, Up = 1 }

/// <summary>The enums of <see cref="TiersV1"/>: <see cref="Level"/>, <see cref="Delta"/> and <see cref="Huge"/> as an
/// older model declared them, with wider underlying types, whose values the narrower types may not hold.</summary>
public static class Wider
{
    public enum Level { Low = 1, High = 200 }
    public enum Delta { Down = -1, Up = 1 }
    public enum Huge : long { Zero = 0, Top = -1 }
}

/// <summary>A [Flags] enum: a combination without a name of its own is written as its number.</summary>
[Flags]
public enum Access { None = 0, Read = 1, Write = 2, ReadWrite = 3, Execute = 4 }

/// <summary>Every scalar member type.</summary>
[SerializableModel(Name = "Interop.Scalars")]
public partial class Scalars
{
    public bool Bool { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public int Int { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public char Char { get; set; }
    public float Float { get; set; }
    public double Double { get; set; }
    public nint NInt { get; set; }
    public nuint NUInt { get; set; }
    public Half Half { get; set; }
    public decimal Decimal { get; set; }
    public string String { get; set; } = "";
    public Color Color { get; set; }
    public Level Level { get; set; }
    public Big Big { get; set; }
    public Huge Huge { get; set; }
    public Guid Guid { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public TimeSpan TimeSpan { get; set; }
}

/// <summary>Nullable value types and references.</summary>
[SerializableModel(Name = "Interop.Nullables")]
public partial class Nullables
{
    public int? Int { get; set; }
    public double? Double { get; set; }
    public float? Float { get; set; }
    public bool? Bool { get; set; }
    public decimal? Decimal { get; set; }
    public Guid? Guid { get; set; }
    public Color? Color { get; set; }
    public DateTime? DateTime { get; set; }
    public DateTimeOffset? DateTimeOffset { get; set; }
    public TimeSpan? TimeSpan { get; set; }
    public Half? Half { get; set; }
    public char? Char { get; set; }
    public string? String { get; set; }
    public int[]? Ints { get; set; }
    public List<string?>? Strings { get; set; }
    public Inner? Inner { get; set; }
    public int?[]? NullableInts { get; set; }
    public Dictionary<string, Inner?>? MaybeInners { get; set; }
}

[SerializableModel(Name = "Interop.Inner")]
public partial class Inner
{
    public string Name { get; set; } = "";
    public float[] Weights { get; set; } = [];
}

/// <summary>Arrays of every shape, lists, dictionaries and memories.</summary>
[SerializableModel(Name = "Interop.Collections")]
public partial class Collections
{
    public bool[] Bools { get; set; } = [];
    public byte[] Bytes { get; set; } = [];
    public sbyte[] SBytes { get; set; } = [];
    public short[] Shorts { get; set; } = [];
    public ushort[] UShorts { get; set; } = [];
    public int[] Ints { get; set; } = [];
    public uint[] UInts { get; set; } = [];
    public long[] Longs { get; set; } = [];
    public ulong[] ULongs { get; set; } = [];
    public float[] Floats { get; set; } = [];
    public double[] Doubles { get; set; } = [];
    public char[] Chars { get; set; } = [];
    public Half[] Halves { get; set; } = [];
    public string[] Strings { get; set; } = [];
    public decimal[] Decimals { get; set; } = [];
    public Guid[] Guids { get; set; } = [];
    public DateTime[] Dates { get; set; } = [];
    public TimeSpan[] Spans { get; set; } = [];
    public Color[] Colors { get; set; } = [];
    public Inner[] Inners { get; set; } = [];
    public int[][] Jagged { get; set; } = [];
    public string[][] JaggedStrings { get; set; } = [];
    public float[][][] Jagged3 { get; set; } = [];
    public float[,] Matrix { get; set; } = new float[0, 0];
    public int[,] EmptyMatrix { get; set; } = new int[0, 3];
    public bool[,] BoolMatrix { get; set; } = new bool[0, 0];
    public string[,] StringMatrix { get; set; } = new string[0, 0];
    public double[,,] Cube { get; set; } = new double[0, 0, 0];
    public Inner[,] InnerMatrix { get; set; } = new Inner[0, 0];
    public Guid[,,] GuidCube { get; set; } = new Guid[0, 0, 0];
    public List<int> IntList { get; set; } = new();
    public List<string> StringList { get; set; } = new();
    public List<Inner> InnerList { get; set; } = new();
    public List<List<double>> ListOfLists { get; set; } = new();
    public IReadOnlyList<double> DoubleReadOnlyList { get; set; } = [];
    public IReadOnlyList<string> StringReadOnlyList { get; set; } = [];
    public Dictionary<string, double> ByString { get; set; } = new();
    public Dictionary<int, string> ByInt { get; set; } = new();
    public Dictionary<long, float[]> ByLong { get; set; } = new();
    public Dictionary<Color, int> ByEnum { get; set; } = new();
    public Dictionary<char, bool> ByChar { get; set; } = new();
    public Dictionary<Guid, string> ByGuid { get; set; } = new();
    public Dictionary<ulong, string> ByULong { get; set; } = new();
    public IReadOnlyDictionary<string, Inner> InnerByName { get; set; } = new Dictionary<string, Inner>();
    public IReadOnlyDictionary<int, List<string>> ListsByInt { get; set; } = new Dictionary<int, List<string>>();
    public Dictionary<string, Dictionary<string, int>> NestedMaps { get; set; } = new();
    public ReadOnlyMemory<float> FloatMemory { get; set; }
    public Memory<int> IntMemory { get; set; }
    public ReadOnlyMemory<byte> ByteMemory { get; set; }
    public Memory<double> DoubleMemory { get; set; }
    public Memory<Half> HalfMemory { get; set; }
}

/// <summary>Nested models, a version other than 1 and a nested model with its own version.</summary>
[SerializableModel(Name = "Interop.Network", Version = 3)]
public partial class Network
{
    public string Name { get; set; } = "";
    public List<Layer> Layers { get; set; } = new();
    public Layer? Head { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = new();
    public Optimizer Optimizer { get; set; } = new();
}

[SerializableModel(Name = "Interop.Layer")]
public partial class Layer
{
    public int Inputs { get; set; }
    public int Outputs { get; set; }
    public float[,] Weights { get; set; } = new float[0, 0];
    public float[] Biases { get; set; } = [];
}

[SerializableModel(Name = "Interop.Optimizer", Version = 2)]
public partial class Optimizer
{
    [ModelMember(Name = "lr")]
    public double LearningRate { get; set; }

    [ModelMember(Name = "beta_pair", Key = 4242)]
    public double[] Betas { get; set; } = [];
}

/// <summary>A union base with a closed set of subtypes.</summary>
[SerializableModel(Name = "Interop.Op")]
[ModelUnion("dense", typeof(DenseOp))]
[ModelUnion("conv", typeof(ConvOp))]
[ModelUnion("dropout", typeof(DropoutOp))]
public abstract partial class Op
{
    public string Name { get; set; } = "";
}

[SerializableModel(Name = "Interop.DenseOp")]
public partial class DenseOp : Op
{
    public int Units { get; set; }
    public float[] Weights { get; set; } = [];
}

[SerializableModel(Name = "Interop.ConvOp")]
public partial class ConvOp : Op
{
    public int Kernel { get; set; }
    public int[,] Shape { get; set; } = new int[0, 0];
}

[SerializableModel(Name = "Interop.DropoutOp")]
public partial class DropoutOp : Op
{
    public double Rate { get; set; }
}

[SerializableModel(Name = "Interop.Pipeline")]
public partial class Pipeline
{
    public List<Op> Ops { get; set; } = new();
    public Op? Main { get; set; }
    public Dictionary<string, Op> Named { get; set; } = new();
    public Op?[] Sparse { get; set; } = [];
}

/// <summary>A million floats.</summary>
[SerializableModel(Name = "Interop.BigVector")]
public partial class BigVector
{
    public string Label { get; set; } = "";
    public float[] Values { get; set; } = [];
}

/// <summary>A record struct model and a renamed member.</summary>
[SerializableModel(Name = "Interop.Point")]
public partial record struct Point(double X, double Y, string? Label = null)
{
    private KeptMembers _kept;
}

[SerializableModel(Name = "Interop.Renamed")]
public partial class RenamedV1
{
    public double LearningRate { get; set; }
    public List<string> Tags { get; set; } = new();
}

[SerializableModel(Name = "Interop.Renamed", Version = 2)]
public partial class RenamedV2
{
    [PreviousName("learningRate")]
    public double Lr { get; set; }

    [PreviousName("tags")]
    public List<string> Labels { get; set; } = new();
}

/// <summary>A self-referencing model for depth.</summary>
[SerializableModel(Name = "Interop.Chain")]
public partial class Chain
{
    public int Value { get; set; }
    public Chain? Child { get; set; }
    public List<Point> Points { get; set; } = new();
}

/// <summary>The example of docs/format.md §7.</summary>
[SerializableModel(Name = "P")]
public partial class FormatExample
{
    public int X { get; set; }
}

/// <summary>The scalar types of .NET 6 and later, alone, nullable, in collections and as dictionary keys and values.</summary>
[SerializableModel(Name = "Interop.ValueTypes")]
public partial class ValueTypes
{
    public DateOnly Date { get; set; }
    public TimeOnly Time { get; set; }
    public Int128 Int128 { get; set; }
    public UInt128 UInt128 { get; set; }
    public System.Numerics.BigInteger Big { get; set; }
    public System.Numerics.Complex Complex { get; set; }
    public Uri? Uri { get; set; }
    public Version? Version { get; set; }
    public DateOnly? MaybeDate { get; set; }
    public Int128? MaybeInt128 { get; set; }
    public DateOnly[] Dates { get; set; } = [];
    public List<TimeOnly> Times { get; set; } = new();
    public System.Numerics.BigInteger[] Bigs { get; set; } = [];
    public List<System.Numerics.Complex> Signal { get; set; } = new();
    public Uri?[] Uris { get; set; } = [];
    public Dictionary<DateOnly, double> ByDate { get; set; } = new();
    public Dictionary<TimeOnly, int> ByTime { get; set; } = new();
    public Dictionary<UInt128, string> ByHash { get; set; } = new();
    public Dictionary<System.Numerics.BigInteger, Version> ByBig { get; set; } = new();
    public Dictionary<Version, Uri> ByVersion { get; set; } = new();
    public Int128[,] Int128Matrix { get; set; } = new Int128[0, 0];
    public float[,,,] Kernel { get; set; } = new float[0, 0, 0, 0];
    public string?[,,,,,,,] Rank8 { get; set; } = new string?[0, 0, 0, 0, 0, 0, 0, 0];
    public double[,,,,] EmptyVolume { get; set; } = new double[0, 0, 0, 0, 0];
}

/// <summary>Value tuples and KeyValuePair: members, nullable, in lists, as dictionary values and keys (a Q-table).</summary>
[SerializableModel(Name = "Interop.Tuples")]
public partial class Tuples
{
    public (int, int) Cell { get; set; }
    public (string Name, float Weight) Named { get; set; } = ("", 0f);
    public (int, long, double, string?, bool, Guid, DateOnly)? Seven { get; set; }
    public (int, int)? Missing { get; set; }
    public KeyValuePair<string, double> Entry { get; set; } = new("", 0);
    public List<(int, string?)> Items { get; set; } = new();
    public Dictionary<(int State, int Action), double> QTable { get; set; } = new();
    public Dictionary<(string, int), float> ByNameAndId { get; set; } = new();
    public Dictionary<string, (Inner, int[])> Tagged { get; set; } = new();
    public List<KeyValuePair<string, int>> Pairs { get; set; } = new();
}

/// <summary>Sets, stacks, queues, collection interfaces, immutable and frozen collections: lists, sets and maps on the wire.</summary>
[SerializableModel(Name = "Interop.CollectionKinds")]
public partial class CollectionKinds
{
    public HashSet<string> StopWords { get; set; } = new();
    public SortedSet<int> SortedIds { get; set; } = new();
    public IReadOnlySet<Color> Colors { get; set; } = new HashSet<Color>();
    public Stack<int> Undo { get; set; } = new();
    public Queue<Inner> Pending { get; set; } = new();
    public LinkedList<double> Chain { get; set; } = new();
    public IEnumerable<string> Names { get; set; } = [];
    public IDictionary<string, int> Counts { get; set; } = new Dictionary<string, int>();
    public SortedDictionary<int, string> Vocabulary { get; set; } = new();
    public System.Collections.Immutable.ImmutableArray<float> Embedding { get; set; } = [];
    public System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<float>> Embeddings { get; set; } =
        System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<float>>.Empty;
    public System.Collections.Frozen.FrozenSet<long> Seen { get; set; } = System.Collections.Frozen.FrozenSet<long>.Empty;
    public List<HashSet<int>> NestedSets { get; set; } = new();
}

/// <summary>Numbers of one version whose types the next version (<see cref="WidthsV2"/>) changes, member by member:
/// the conversion fixtures (ConversionFixtureTests) are this model's bytes as the .NET reader reads them into V2.</summary>
[SerializableModel(Name = "Interop.Widths")]
public partial class WidthsV1
{
    public float[] Floats { get; set; } = [];
    public float[] FloatsToHalf { get; set; } = [];
    public double[] Doubles { get; set; } = [];
    public double[] DoublesToHalf { get; set; } = [];
    public Half[] Halves { get; set; } = [];
    public Half[] HalvesToFloat { get; set; } = [];
    public int[] Ints { get; set; } = [];
    public int[] IntsToFloat { get; set; } = [];
    public long[] Longs { get; set; } = [];
    public long[] LongsToFloat { get; set; } = [];
    public long[] LongsToHalf { get; set; } = [];
    public long[] LongsToULong { get; set; } = [];
    public ulong[] ULongs { get; set; } = [];
    public short[] Shorts { get; set; } = [];
    public byte[] Bytes { get; set; } = [];
    public uint[] UInts { get; set; } = [];
    public float[,] Matrix { get; set; } = new float[0, 0];
    public List<int> IntList { get; set; } = [];
    public long?[] NullableLongs { get; set; } = [];
    public Dictionary<string, long> Map { get; set; } = [];
    public long Count { get; set; }
    public long Big { get; set; }
    public int Small { get; set; }
    public float Single { get; set; }
    public double Wide { get; set; }
    public Int128 Huge { get; set; }
    public UInt128 UHuge { get; set; }
    public HashSet<double> Set { get; set; } = [];
}

/// <summary><see cref="WidthsV1"/> with each member's number type changed (widened, narrowed, or from integers to floats).</summary>
[SerializableModel(Name = "Interop.Widths", Version = 2)]
public partial class WidthsV2
{
    public double[] Floats { get; set; } = [];
    public Half[] FloatsToHalf { get; set; } = [];
    public float[] Doubles { get; set; } = [];
    public Half[] DoublesToHalf { get; set; } = [];
    public double[] Halves { get; set; } = [];
    public float[] HalvesToFloat { get; set; } = [];
    public long[] Ints { get; set; } = [];
    public float[] IntsToFloat { get; set; } = [];
    public double[] Longs { get; set; } = [];
    public float[] LongsToFloat { get; set; } = [];
    public Half[] LongsToHalf { get; set; } = [];
    public ulong[] LongsToULong { get; set; } = [];
    public double[] ULongs { get; set; } = [];
    public int[] Shorts { get; set; } = [];
    public short[] Bytes { get; set; } = [];
    public long[] UInts { get; set; } = [];
    public double[,] Matrix { get; set; } = new double[0, 0];
    public List<Half> IntList { get; set; } = [];
    public double?[] NullableLongs { get; set; } = [];
    public Dictionary<string, float> Map { get; set; } = [];
    public float Count { get; set; }
    public double Big { get; set; }
    public Half Small { get; set; }
    public double Single { get; set; }
    public float Wide { get; set; }
    public int Huge { get; set; }
    public ulong UHuge { get; set; }
    public HashSet<float> Set { get; set; } = [];
}

/// <summary>The first version of <see cref="NamedV2"/>: it declares only <see cref="Id"/> and keeps the members of
/// newer data by name, so that reading V2's JSON and saving binary writes each of them as a named member (field key 4:
/// its name and its JSON text; NamedMemberFixtureTests).</summary>
[SerializableModel(Name = "Interop.Named")]
public partial class NamedV1
{
    public int Id { get; set; }

    private KeptMembers _kept;
}

/// <summary>A member of every kind that a named member's JSON converts into: scalars (NaN spellings, float32 and Half
/// by their shortest text), dates, bytes, collections, tuples, maps with typed keys, nested models and nullables.</summary>
[SerializableModel(Name = "Interop.Named", Version = 2)]
public partial class NamedV2
{
    public int Id { get; set; }
    public float Single { get; set; }
    public float[] Singles { get; set; } = [];
    public Half HalfValue { get; set; }
    public Half[] Halves { get; set; } = [];
    public double Double { get; set; }
    public double[] Doubles { get; set; } = [];
    public float[,] Matrix { get; set; } = new float[0, 0];
    public double[,] EmptyRows { get; set; } = new double[0, 0];
    public List<float> FloatList { get; set; } = [];
    public HashSet<float> FloatSet { get; set; } = [];
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public byte Byte { get; set; }
    public long[] Longs { get; set; } = [];
    public ulong[] ULongs { get; set; } = [];
    public bool Flag { get; set; }
    public bool[] Flags { get; set; } = [];
    public char Letter { get; set; }
    public char[] Letters { get; set; } = [];
    public string Text { get; set; } = "";
    public decimal Money { get; set; }
    public decimal[] Moneys { get; set; } = [];
    public DateTime When { get; set; }
    public DateTime WhenUtc { get; set; }
    public DateTimeOffset At { get; set; }
    public TimeSpan Span { get; set; }
    public TimeSpan[] Spans { get; set; } = [];
    public DateOnly Day { get; set; }
    public TimeOnly Clock { get; set; }
    public Guid Key { get; set; }
    public byte[] Blob { get; set; } = [];
    public Int128 Wide { get; set; }
    public UInt128 UWide { get; set; }
    public System.Numerics.BigInteger Big { get; set; }
    public System.Numerics.Complex Complex { get; set; }
    public Version? Version { get; set; }
    public Uri? Uri { get; set; }
    public Dictionary<string, float> Scores { get; set; } = new();
    public Dictionary<int, double> ByIndex { get; set; } = new();
    public Dictionary<Guid, string> ByGuid { get; set; } = new();
    public Dictionary<(int, int), float> QTable { get; set; } = new();
    public (int, string, float) Triple { get; set; }
    public KeyValuePair<string, double> Pair { get; set; }
    public NamedInner? Inner { get; set; }
    public List<NamedInner> Inners { get; set; } = [];
    public NamedInner? Missing { get; set; }
    public int? MaybeInt { get; set; }
    public float? MaybeFloat { get; set; }
    public double?[] MaybeDoubles { get; set; } = [];
    public List<string?> MaybeTexts { get; set; } = [];
    public List<float[]> Jagged { get; set; } = [];
    public Color Color { get; set; }
    public Level[] Levels { get; set; } = [];
    public Act Activation { get; set; }
    public Access Permissions { get; set; }
    public Dictionary<Act, float> ByAct { get; set; } = new();
}

/// <summary>A model inside <see cref="NamedV2"/>'s named members.</summary>
[SerializableModel(Name = "Interop.NamedInner")]
public partial class NamedInner
{
    public string Name { get; set; } = "";
    public float Weight { get; set; }
    public Half Small { get; set; }
    public double[] Values { get; set; } = [];
}

/// <summary>Enums of wider underlying types (<see cref="Wider"/>) that the next version (<see cref="TiersV2"/>) narrows:
/// the enum range fixtures (EnumRangeFixtureTests) are this model's bytes as the .NET reader reads them into V2.</summary>
[SerializableModel(Name = "Interop.Tiers")]
public partial class TiersV1
{
    public Wider.Level Level { get; set; }
    public List<Wider.Level> Levels { get; set; } = [];
    public Dictionary<Wider.Level, int> ByLevel { get; set; } = new();
    public Wider.Delta? Delta { get; set; }
    public Wider.Huge Huge { get; set; }
}

/// <summary><see cref="TiersV1"/> with the enums' underlying types narrowed: byte, sbyte, ulong.</summary>
[SerializableModel(Name = "Interop.Tiers", Version = 2)]
public partial class TiersV2
{
    public Level Level { get; set; }
    public List<Level> Levels { get; set; } = [];
    public Dictionary<Level, int> ByLevel { get; set; } = new();
    public Delta? Delta { get; set; }
    public Huge Huge { get; set; }
}

/// <summary>Numbers of one version whose types the next (<see cref="RetypedV2"/>) changes into types they do not widen
/// to (MG2002 with a lock file): format 2's table names what the data holds, and both readers refuse it.</summary>
[SerializableModel(Name = "Interop.Retyped")]
public partial class RetypedV1
{
    public double? Price { get; set; }
    public long? Id { get; set; }
    public long? Code { get; set; }
    public List<double>? Rates { get; set; }
}

/// <summary><see cref="RetypedV1"/> retyped: each member's Bytes are 16 bytes of another type.</summary>
[SerializableModel(Name = "Interop.Retyped", Version = 2)]
public partial class RetypedV2
{
    public decimal? Price { get; set; }
    public Guid? Id { get; set; }
    public System.Numerics.Complex? Code { get; set; }
    public List<Int128>? Rates { get; set; }
}
