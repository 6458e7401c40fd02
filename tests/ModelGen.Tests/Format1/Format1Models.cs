using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using ModelGen;

// The models that wrote the format-1 fixtures (Fixtures/format1): frozen copies of the test models of 0.1.0, apart
// from Models.cs so that new members there never change what these files must read back to. Never edit them; a model
// for a new fixture goes in a new file.
namespace ModelGen.Tests.Format1;

public enum Color { Red, Green, Blue }

public enum Level : byte { Low = 1, High = 200 }

public enum Big : long { Min = long.MinValue, Max = long.MaxValue }

/// <summary>Every scalar member type, with setters.</summary>
[SerializableModel(Name = "Format1.AllScalars")]
public partial class AllScalars
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
    public Guid Guid { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public TimeSpan TimeSpan { get; set; }
}

/// <summary>Nullable value types and nullable references.</summary>
[SerializableModel(Name = "Format1.Nullables")]
public partial class Nullables
{
    public int? Int { get; set; }
    public double? Double { get; set; }
    public bool? Bool { get; set; }
    public decimal? Decimal { get; set; }
    public Guid? Guid { get; set; }
    public Color? Color { get; set; }
    public DateTime? DateTime { get; set; }
    public TimeSpan? TimeSpan { get; set; }
    public string? String { get; set; }
    public int[]? Ints { get; set; }
    public List<string?>? Strings { get; set; }
    public Inner? Inner { get; set; }
    public int?[]? NullableInts { get; set; }
}

[SerializableModel(Name = "Format1.Inner")]
public partial class Inner
{
    public string Name { get; set; } = "";
    public float[] Weights { get; set; } = [];
}

/// <summary>Arrays of every shape, lists, dictionaries and memories.</summary>
[SerializableModel(Name = "Format1.Collections")]
public partial class Collections
{
    public int[] Ints { get; set; } = [];
    public float[] Floats { get; set; } = [];
    public double[] Doubles { get; set; } = [];
    public byte[] Bytes { get; set; } = [];
    public bool[] Bools { get; set; } = [];
    public char[] Chars { get; set; } = [];
    public Half[] Halves { get; set; } = [];
    public ulong[] ULongs { get; set; } = [];
    public short[] Shorts { get; set; } = [];
    public string[] Strings { get; set; } = [];
    public decimal[] Decimals { get; set; } = [];
    public Color[] Colors { get; set; } = [];
    public Inner[] Inners { get; set; } = [];
    public int[][] Jagged { get; set; } = [];
    public string[][] JaggedStrings { get; set; } = [];
    public float[,] Matrix { get; set; } = new float[0, 0];
    public string[,] StringMatrix { get; set; } = new string[0, 0];
    public double[,,] Cube { get; set; } = new double[0, 0, 0];
    public Inner[,] InnerMatrix { get; set; } = new Inner[0, 0];
    public Guid[,,] GuidCube { get; set; } = new Guid[0, 0, 0];
    public List<int> IntList { get; set; } = new();
    public List<string> StringList { get; set; } = new();
    public List<Inner> InnerList { get; set; } = new();
    public IReadOnlyList<double> DoubleReadOnlyList { get; set; } = [];
    public IReadOnlyList<string> StringReadOnlyList { get; set; } = [];
    public Dictionary<string, double> ByString { get; set; } = new();
    public Dictionary<int, string> ByInt { get; set; } = new();
    public Dictionary<long, float[]> ByLong { get; set; } = new();
    public Dictionary<Color, int> ByEnum { get; set; } = new();
    public IReadOnlyDictionary<string, Inner> InnerByName { get; set; } = new Dictionary<string, Inner>();
    public IReadOnlyDictionary<int, List<string>> ListsByInt { get; set; } = new Dictionary<int, List<string>>();
    public IReadOnlyDictionary<Level, double> ByByteEnum { get; set; } = new Dictionary<Level, double>();
    public ReadOnlyMemory<float> FloatMemory { get; set; }
    public Memory<int> IntMemory { get; set; }
    public ReadOnlyMemory<byte> ByteMemory { get; set; }
    public Memory<double> DoubleMemory { get; set; }
}

/// <summary>A model of nested models and a list of them.</summary>
[SerializableModel(Name = "Format1.Network", Version = 3)]
public partial class Network
{
    public string Name { get; set; } = "";
    public List<Layer> Layers { get; set; } = new();
    public Layer? Head { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = new();
}

/// <summary>Get-only properties set by the constructor.</summary>
[SerializableModel(Name = "Format1.Layer")]
public partial class Layer
{
    public Layer(int inputs, int outputs, float[] weights, float[] biases)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Biases = biases;
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public float[] Weights { get; }
    public float[] Biases { get; }
}

/// <summary>A union base with a closed set of subtypes.</summary>
[SerializableModel(Name = "Format1.Op")]
[ModelUnion("dense", typeof(DenseOp))]
[ModelUnion("conv", typeof(ConvOp))]
[ModelUnion("dropout", typeof(DropoutOp))]
public abstract partial class Op
{
    public string Name { get; set; } = "";
}

[SerializableModel(Name = "Format1.DenseOp")]
public partial class DenseOp : Op
{
    public int Units { get; set; }
    public float[] Weights { get; set; } = [];
}

[SerializableModel(Name = "Format1.ConvOp")]
public partial class ConvOp : Op
{
    public int Kernel { get; set; }
    public int[,] Shape { get; set; } = new int[0, 0];
}

[SerializableModel(Name = "Format1.DropoutOp")]
public partial class DropoutOp : Op
{
    public double Rate { get; set; }
}

[SerializableModel(Name = "Format1.Pipeline")]
public partial class Pipeline
{
    public List<Op> Ops { get; set; } = new();
    public Op? Main { get; set; }
    public Dictionary<string, Op> Named { get; set; } = new();
}

/// <summary>Hyperparameters with validation.</summary>
[Hyperparameters(Name = "Format1.Hyper")]
public partial record Hyper(
    [Range(0.0, 1.0)] double Dropout = 0.1,
    [Range(1, 100)] int Layers = 2,
    [Required] string Optimizer = "adam",
    float LearningRate = 0.01f,
    Color Activation = Color.Red,
    bool Shuffle = true)
{
    public int[] Hidden { get; init; } = [8];

    [Range(0, 10)]
    public long? Patience { get; init; }

    public decimal Budget { get; init; } = 1.5m;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>A self-referencing model for depth tests.</summary>
[SerializableModel(Name = "Format1.Chain")]
public partial class Chain
{
    public int Value { get; set; }
    public Chain? Child { get; set; }
}

/// <summary>Version 1 of an evolving model; version 2 renames, splits and adds members.</summary>
[SerializableModel(Name = "Format1.Evolving")]
public partial class EvolvingV1
{
    public double LearningRate { get; set; }
    public string Name { get; set; } = "";
    public int Epochs { get; set; }
    public List<string> Tags { get; set; } = new();
    public Inner? Head { get; set; }
}

/// <summary>Version 2: learningRate in milliseconds (a migration), name split in two (a migration), epochs renamed
/// (a previous name), new members (unknown to version 1, kept by it and written back).</summary>
[SerializableModel(Name = "Format1.Evolving", Version = 2)]
public partial class EvolvingV2
{
    public float LearningRateMs { get; set; }
    public string First { get; set; } = "";
    public string Last { get; set; } = "";

    [PreviousName("epochs")]
    public int Iterations { get; set; }

    public List<string> Tags { get; set; } = new();
    public Inner? Head { get; set; }
    public Dictionary<string, double> Scores { get; set; } = new();
    public double[,] Grid { get; set; } = new double[0, 0];
    public Op? Extra { get; set; }

    [ModelMigration]
    private static void Upgrade(ModelMigration migration)
    {
        if (migration.FromVersion < 2)
        {
            migration.Set("learningRateMs", (float)(migration.Get<double>("learningRate") * 1000));
            string[] parts = migration.Get<string>("name").Split(' ', 2);
            migration.Set("first", parts[0]);
            migration.Set("last", parts.Length > 1 ? parts[1] : "");
        }
    }
}
