using System;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using ModelGen.Benchmarks.Payloads;

namespace ModelGen.Benchmarks;

/// <summary>What the EF Core value comparer costs (issue 18): <see cref="ModelEquality"/> on two equal MLPs (the worst
/// case: every byte is compared), its hash and its clone, beside a plain binary serialization of the same model into a
/// reused buffer.</summary>
public class ModelEqualityBenchmarks
{
    private Mlp _a = null!;
    private Mlp _b = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new();

    [GlobalSetup]
    public void Setup()
    {
        _a = Data.Mlp();
        _b = Data.Mlp();
        if (!ModelEquality.Equals(_a, _b) || ModelEquality.GetHashCode(_a) != ModelEquality.GetHashCode(_b))
            throw new InvalidOperationException("equal models compare unequal");
        if (!Data.Same(_a, ModelEquality.Clone(_a))) throw new InvalidOperationException("the clone differs");
        Mlp changed = ModelEquality.Clone(_a);
        changed.Layers[^1].Weights[^1] += 1;
        if (ModelEquality.Equals(_a, changed)) throw new InvalidOperationException("a changed weight was not seen");
    }

    [Benchmark]
    public bool Equals_Mlp() => ModelEquality.Equals(_a, _b);

    [Benchmark]
    public int GetHashCode_Mlp() => ModelEquality.GetHashCode(_a);

    [Benchmark]
    public Mlp Clone_Mlp() => ModelEquality.Clone(_a);

    /// <summary>The baseline: one binary serialization (checksum on) into a reused buffer.</summary>
    [Benchmark]
    public int Serialize_Mlp()
    {
        _buffer.ResetWrittenCount();
        ModelSerializer.Serialize(_buffer, _a);
        return _buffer.WrittenCount;
    }
}
