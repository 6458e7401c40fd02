using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using ModelGen;

namespace ModelGen.Tests;

public enum Color { Red, Green, Blue }

public enum Level : byte { Low = 1, High = 200 }

public enum Big : long { Min = long.MinValue, Max = long.MaxValue }

/// <summary>Every scalar member type, with setters.</summary>
[SerializableModel]
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
[SerializableModel]
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

[SerializableModel]
public partial class Inner
{
    public string Name { get; set; } = "";
    public float[] Weights { get; set; } = [];
}

/// <summary>Arrays of every shape, lists, dictionaries and memories.</summary>
[SerializableModel]
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
[SerializableModel(Version = 3)]
public partial class Network
{
    public string Name { get; set; } = "";
    public List<Layer> Layers { get; set; } = new();
    public Layer? Head { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = new();
}

/// <summary>Get-only properties set by the constructor.</summary>
[SerializableModel]
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

/// <summary>A record with a primary constructor and defaults.</summary>
[SerializableModel]
public partial record Config(string Name, int Size = 4, double Rate = 0.5, Color Color = Color.Green, string? Note = null, float Scale = 1.5f)
{
    public int[] Extra { get; init; } = [1, 2, 3];
}

/// <summary>Init-only, required members and public fields.</summary>
[SerializableModel]
public partial class InitAndRequired
{
    public required string Id { get; init; }
    public int Count { get; init; } = 7;
    public string Label { get; init; } = "default";
    public required double Weight;
    public int Field;
    public List<int> FieldList = new();
}

/// <summary>A class with a readonly field and get-only property set by the constructor.</summary>
[SerializableModel]
public partial class CtorFields
{
    public CtorFields(string tag, long size)
    {
        Tag = tag;
        Size = size;
    }

    public readonly string Tag;
    public long Size { get; }
    public double Mutable;
}

[SerializableModel]
public partial struct PointStruct
{
    public double X;
    public double Y;
    public string? Label { get; set; }

    private KeptMembers _kept;
}

[SerializableModel]
public partial record struct PairRecordStruct(int A, string B, Color C = Color.Blue)
{
    private KeptMembers _kept;
}

// A readonly struct cannot hold a KeptMembers field (MG0023): the one struct model here that keeps no newer members,
// on purpose, so that the runtime tests run that generated code too.
#pragma warning disable MG0023
[SerializableModel]
public readonly partial record struct ReadOnlyRecordStruct(long Id, float[] Values);
#pragma warning restore MG0023

/// <summary>A model holding structs.</summary>
[SerializableModel]
public partial class StructHolder
{
    public PointStruct Point { get; set; }
    public PointStruct? MaybePoint { get; set; }
    public List<PairRecordStruct> Pairs { get; set; } = new();
    public ReadOnlyRecordStruct Record { get; set; }
}

/// <summary>[ModelMember], [ModelIgnore].</summary>
[SerializableModel]
public partial class Attributed
{
    [ModelMember(Name = "lr")]
    public double LearningRate { get; set; }

    [ModelMember(Name = "custom_key", Key = 4242)]
    public int WithKey { get; set; }

    [ModelIgnore]
    public string Ignored { get; set; } = "not serialized";

    public string Kept { get; set; } = "";
}

/// <summary>Version 1 of a renamed model.</summary>
[SerializableModel(Name = "Tests.Renamed")]
public partial class RenamedV1
{
    public double LearningRate { get; set; }
    public int Epochs { get; set; }
    public List<string> Tags { get; set; } = new();
}

/// <summary>Version 2: members renamed, old names still load.</summary>
[SerializableModel(Name = "Tests.Renamed", Version = 2)]
public partial class RenamedV2
{
    [PreviousName("learningRate")]
    public double Lr { get; set; }

    [PreviousName("epochs")]
    [PreviousName("epochCount")]
    public int Iterations { get; set; }

    [PreviousName("tags")]
    public List<string> Labels { get; set; } = new();
}

/// <summary>A union base with a closed set of subtypes.</summary>
[SerializableModel]
[ModelUnion("dense", typeof(DenseOp))]
[ModelUnion("conv", typeof(ConvOp))]
[ModelUnion("dropout", typeof(DropoutOp))]
public abstract partial class Op
{
    public string Name { get; set; } = "";
}

[SerializableModel]
public partial class DenseOp : Op
{
    public int Units { get; set; }
    public float[] Weights { get; set; } = [];
}

[SerializableModel]
public partial class ConvOp : Op
{
    public int Kernel { get; set; }
    public int[,] Shape { get; set; } = new int[0, 0];
}

[SerializableModel]
public partial class DropoutOp : Op
{
    public double Rate { get; set; }
}

[SerializableModel]
public partial class Pipeline
{
    public List<Op> Ops { get; set; } = new();
    public Op? Main { get; set; }
    public Dictionary<string, Op> Named { get; set; } = new();
}

/// <summary>Hyperparameters with validation.</summary>
[Hyperparameters]
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
[SerializableModel]
public partial class Chain
{
    public int Value { get; set; }
    public Chain? Child { get; set; }
}

[SerializableModel(Name = "Tests.Value")]
public partial class WideValue
{
    public long Value { get; set; }
    public string Text { get; set; } = "";
}

[SerializableModel(Name = "Tests.Value")]
public partial class NarrowValue
{
    public int Value { get; set; }
    public string Text { get; set; } = "";
}

[SerializableModel(Name = "Tests.Required")]
public partial class RequiredHolder
{
    public required string Id { get; set; }
    public int Other { get; set; }
}

[SerializableModel(Name = "Tests.Required")]
public partial class RequiredMissing
{
    public int Other { get; set; }
}

/// <summary>A model with one packed float array, for raw byte checks.</summary>
[SerializableModel]
public partial class FloatVector
{
    public float[] Values { get; set; } = [];
}

/// <summary>A model for the property-based tests.</summary>
[SerializableModel]
public partial class Mixed
{
    public int Int { get; set; }
    public long Long { get; set; }
    public double Double { get; set; }
    public float Float { get; set; }
    public bool Bool { get; set; }
    public byte Byte { get; set; }
    public decimal Decimal { get; set; }
    public string Text { get; set; } = "";
    public string? MaybeText { get; set; }
    public int? MaybeInt { get; set; }
    public double? MaybeDouble { get; set; }
    public int[] Ints { get; set; } = [];
    public double[] Doubles { get; set; } = [];
    public string[] Strings { get; set; } = [];
    public List<long> Longs { get; set; } = new();
    public List<string?> MaybeStrings { get; set; } = new();
    public Dictionary<string, int> Counts { get; set; } = new();
    public Dictionary<int, string> Names { get; set; } = new();
    public Color Color { get; set; }
    public Inner? Inner { get; set; }
}

// Models without members: a layer that only names an operation (a union case), a value with no state, in a model.
[SerializableModel, ModelUnion("flatten", typeof(FlattenLayer)), ModelUnion("scale", typeof(ScaleLayer))]
public abstract partial class SequentialLayer { }

[SerializableModel] public partial class FlattenLayer : SequentialLayer { }

[SerializableModel] public partial class ScaleLayer : SequentialLayer { public float Factor { get; set; } }

// No state of its own; what a newer version adds is kept (KeptMembers is not state: it equals every other).
[SerializableModel] public partial record struct NoState { private KeptMembers _kept; }

[SerializableModel]
public partial class Sequential
{
    public List<SequentialLayer> Layers { get; set; } = new();
    public NoState State { get; set; }
}

// A concrete model nested in its own concrete base model: each keeps its own private generated members (issue 15).
[SerializableModel]
public partial class OuterBase
{
    public int A { get; set; }
    public string Name { get; set; } = "";

    [SerializableModel]
    public partial class Inner : OuterBase
    {
        public double B { get; set; }
    }
}

/// <summary>A model whose author chose its System.Text.Json converter: the generator adds none of its own.</summary>
[SerializableModel]
[System.Text.Json.Serialization.JsonConverter(typeof(UpperCaseNameConverter))]
public partial class OwnJsonConverter
{
    public string Name { get; set; } = "";
}

public sealed class UpperCaseNameConverter : System.Text.Json.Serialization.JsonConverter<OwnJsonConverter>
{
    public override OwnJsonConverter Read(ref System.Text.Json.Utf8JsonReader reader, System.Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        new() { Name = reader.GetString()!.ToLowerInvariant() };

    public override void Write(System.Text.Json.Utf8JsonWriter writer, OwnJsonConverter value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name.ToUpperInvariant());
}

/// <summary>A model that a System.Text.Json context of this project serializes: its author declares the converter, which
/// System.Text.Json's source generator sees (it cannot see the generated one: MG1011).</summary>
[SerializableModel]
[System.Text.Json.Serialization.JsonConverter(typeof(JsonModelConverter<ContextModel>))]
public partial class ContextModel
{
    public Color Color { get; set; }
    public float[] Weights { get; set; } = [];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ContextModel))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ContextModel>))]
internal sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

