using System.Text.Json.Serialization;
using MemoryPack;
using MessagePack;
using ModelGen;
using ProtoBuf;

namespace ModelGen.Benchmarks.Payloads;

// One class per payload shape carries every serializer's attributes, so every serializer sees the same members and
// the same data through its own fastest path: ModelGen and MemoryPack (default mode) by source generation, MessagePack
// 2.x by its dynamic IL resolver with integer keys (array layout), protobuf-net by its compiled runtime model.
// MemoryPack's version-tolerant mode needs its own types (VersionTolerant.cs): a type has one MemoryPack mode.

public enum Optimizer { Sgd, Momentum, Adam, AdamW }

public enum Activation { Relu, Tanh, Sigmoid, Softmax }

/// <summary>About twelve members of every common kind: the small, frequently serialized object.</summary>
[Hyperparameters]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class TrainingHyperparameters
{
    [Key(0), ProtoMember(1)] public float LearningRate { get; set; }
    [Key(1), ProtoMember(2)] public float Momentum { get; set; }
    [Key(2), ProtoMember(3)] public float Dropout { get; set; }
    [Key(3), ProtoMember(4)] public int Epochs { get; set; }
    [Key(4), ProtoMember(5)] public int BatchSize { get; set; }
    [Key(5), ProtoMember(6)] public int Seed { get; set; }
    [Key(6), ProtoMember(7)] public int WarmupSteps { get; set; }
    [Key(7), ProtoMember(8)] public string Name { get; set; } = "";
    [Key(8), ProtoMember(9)] public Optimizer Optimizer { get; set; }
    [Key(9), ProtoMember(10)] public bool UseBatchNorm { get; set; }
    [Key(10), ProtoMember(11)] public double? ClipNorm { get; set; }
    [Key(11), ProtoMember(12, IsPacked = true)] public int[] LayerSizes { get; set; } = [];
}

/// <summary>A fully connected layer: row-major weights (outputs × inputs) and biases.</summary>
[SerializableModel]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class DenseLayer
{
    [Key(0), ProtoMember(1)] public int Inputs { get; set; }
    [Key(1), ProtoMember(2)] public int Outputs { get; set; }
    [Key(2), ProtoMember(3)] public Activation Activation { get; set; }
    [Key(3), ProtoMember(4, IsPacked = true)] public float[] Weights { get; set; } = [];
    [Key(4), ProtoMember(5, IsPacked = true)] public float[] Biases { get; set; } = [];
}

/// <summary>A 3-layer perceptron of about four million weights: the large payload that must move at memory speed.</summary>
[SerializableModel]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class Mlp
{
    [Key(0), ProtoMember(1)] public TrainingHyperparameters Hyperparameters { get; set; } = null!;
    [Key(1), ProtoMember(2)] public DenseLayer[] Layers { get; set; } = [];
}

/// <summary>One node of a binary decision tree; a leaf has Left = Right = -1.</summary>
[SerializableModel]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class TreeNode
{
    [Key(0), ProtoMember(1)] public int Feature { get; set; }
    [Key(1), ProtoMember(2)] public float Threshold { get; set; }
    [Key(2), ProtoMember(3)] public int Left { get; set; }
    [Key(3), ProtoMember(4)] public int Right { get; set; }
    [Key(4), ProtoMember(5)] public float Value { get; set; }
}

[SerializableModel]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class DecisionTree
{
    [Key(0), ProtoMember(1)] public TreeNode[] Nodes { get; set; } = [];
}

/// <summary>100 trees of about 1,000 nodes: many small objects, where per-element costs show.</summary>
[SerializableModel]
[MemoryPackable]
[MessagePackObject]
[ProtoContract]
public partial class Forest
{
    [Key(0), ProtoMember(1)] public int Features { get; set; }
    [Key(1), ProtoMember(2)] public DecisionTree[] Trees { get; set; } = [];
}

/// <summary>System.Text.Json's source-generated metadata and fast-path serializers, camelCase like ModelGen's JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TrainingHyperparameters))]
[JsonSerializable(typeof(Mlp))]
[JsonSerializable(typeof(Forest))]
public partial class PayloadJsonContext : JsonSerializerContext
{
}
