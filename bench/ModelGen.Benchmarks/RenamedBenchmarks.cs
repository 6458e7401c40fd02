using System;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks;

/// <summary>A small [Hyperparameters] class as it was before a rename.</summary>
[Hyperparameters(Name = "ModelGen.Benchmarks.Schedule")]
public partial class PlainSchedule
{
    public float LearningRate { get; set; } = 0.01f;
    public int Epochs { get; set; } = 10;
    public string Optimizer { get; set; } = "adam";
}

/// <summary>The same class after renaming one member: JSON writes its value under the previous name too, with a record
/// of that copy (<c>"$previousNames"</c>), so that a build that still knows the old name reads and edits it
/// (docs/versioning.md).</summary>
[Hyperparameters(Name = "ModelGen.Benchmarks.Schedule")]
public partial class RenamedSchedule
{
    [PreviousName("Rate")] public float LearningRate { get; set; } = 0.01f;
    public int Epochs { get; set; } = 10;
    public string Optimizer { get; set; } = "adam";
}

/// <summary>What a renamed member costs JSON: the same values written and read with and without the rename.</summary>
public class RenamedBenchmarks
{
    private readonly PlainSchedule _plain = new() { LearningRate = 0.003f, Epochs = 40, Optimizer = "sgd" };
    private readonly RenamedSchedule _renamed = new() { LearningRate = 0.003f, Epochs = 40, Optimizer = "sgd" };
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1024);
    private System.Text.Json.Utf8JsonWriter _writer = null!;
    private byte[] _plainJson = [];
    private byte[] _renamedJson = [];

    [GlobalSetup]
    public void Setup()
    {
        _writer = new System.Text.Json.Utf8JsonWriter(_buffer);
        _plainJson = ModelJson.SerializeToUtf8Bytes(_plain);
        _renamedJson = ModelJson.SerializeToUtf8Bytes(_renamed);
        RenamedSchedule back = ModelJson.Deserialize<RenamedSchedule>(_renamedJson);
        if (back.LearningRate != 0.003f || back.Epochs != 40 || ModelJson.Deserialize<PlainSchedule>(_plainJson).Optimizer != "sgd")
            throw new InvalidOperationException("the schedule does not round-trip");
    }

    [Benchmark]
    public int JsonSerialize_Plain()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ModelJson.Serialize(_writer, _plain);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int JsonSerialize_Renamed()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ModelJson.Serialize(_writer, _renamed);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public float JsonDeserialize_Plain() => ModelJson.Deserialize<PlainSchedule>(_plainJson).LearningRate;

    [Benchmark]
    public float JsonDeserialize_Renamed() => ModelJson.Deserialize<RenamedSchedule>(_renamedJson).LearningRate;
}
