using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using ModelGen.Benchmarks.Payloads;

namespace ModelGen.Benchmarks;

/// <summary>The MLP with its physical limits beside it: plain copies of the same bytes, and copies that also hash each
/// 64 KiB chunk with XXH3 while it is in cache (what the format's checksum costs at best).</summary>
public class MlpBenchmarks : PayloadBenchmarks<Mlp, MlpVT>
{
    private const int Chunk = 64 * 1024;
    private byte[] _copyTarget = null!;
    private readonly XxHash3 _hash = new();

    protected override Mlp Create() => Data.Mlp();
    protected override MlpVT ToTolerant(Mlp value) => MlpVT.From(value);
    protected override Mlp FromTolerant(MlpVT value) => value.ToModel();
    protected override bool Same(Mlp a, Mlp b) => Data.Same(a, b);
    protected override JsonTypeInfo<Mlp> JsonInfo => PayloadJsonContext.Default.Mlp;
    public override long ResultArrayBytes => Data.WeightBytes(Value) + Value.Hyperparameters.LayerSizes.Length * sizeof(int);

    public override void Setup()
    {
        base.Setup();
        _copyTarget = new byte[Math.Max(ModelGenBytes.Length, Data.WeightBytes(Value))];
        Serialize_CopyBaseline();
        Serialize_CopyXxHash3Baseline();
        Deserialize_CopyBaseline();
        Deserialize_AllocateAndCopyBaseline();
        if (Deserialize_CopyXxHash3Baseline() != BinaryPrimitives.ReadUInt64LittleEndian(ModelGenBytes.AsSpan(ModelGenBytes.Length - 8)))
            throw new InvalidOperationException("the chunked hash baseline does not compute the format's checksum");
    }

    public override IEnumerable<(string Method, long Bytes)> SerializedSizes()
    {
        foreach (var size in base.SerializedSizes()) yield return size;
        long weights = Data.WeightBytes(Value);
        yield return ("Serialize_CopyBaseline", weights);
        yield return ("Serialize_CopyXxHash3Baseline", weights);
        yield return ("Deserialize_CopyBaseline", ModelGenBytes.Length);
        yield return ("Deserialize_AllocateAndCopyBaseline", weights);
        yield return ("Deserialize_CopyXxHash3Baseline", ModelGenBytes.Length);
    }

    /// <summary>Serialize limit: the weight bytes copied into a reused buffer.</summary>
    [Benchmark]
    public int Serialize_CopyBaseline()
    {
        int offset = 0;
        foreach (DenseLayer layer in Value.Layers)
        {
            offset = CopyOut(layer.Weights, offset);
            offset = CopyOut(layer.Biases, offset);
        }
        return offset;
    }

    private int CopyOut(float[] values, int offset)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        bytes.CopyTo(_copyTarget.AsSpan(offset));
        return offset + bytes.Length;
    }

    /// <summary>The same copy in 64 KiB chunks, each hashed with XXH3 right after it is copied.</summary>
    [Benchmark]
    public ulong Serialize_CopyXxHash3Baseline()
    {
        _hash.Reset();
        int offset = 0;
        foreach (DenseLayer layer in Value.Layers)
        {
            offset = CopyHash(MemoryMarshal.AsBytes(layer.Weights.AsSpan()), offset);
            offset = CopyHash(MemoryMarshal.AsBytes(layer.Biases.AsSpan()), offset);
        }
        return _hash.GetCurrentHashAsUInt64();
    }

    private int CopyHash(ReadOnlySpan<byte> source, int offset)
    {
        while (!source.IsEmpty)
        {
            int n = Math.Min(Chunk, source.Length);
            Span<byte> target = _copyTarget.AsSpan(offset, n);
            source.Slice(0, n).CopyTo(target);
            _hash.Append(target);
            source = source.Slice(n);
            offset += n;
        }
        return offset;
    }

    /// <summary>Deserialize limit: the serialized bytes copied into a reused buffer.</summary>
    [Benchmark]
    public int Deserialize_CopyBaseline()
    {
        ModelGenNoChecksumBytes.AsSpan().CopyTo(_copyTarget);
        return ModelGenNoChecksumBytes.Length;
    }

    /// <summary>Deserialize limit with the result's allocation (issue 16's "allocate the arrays and copy"): each
    /// layer's arrays allocated as the reader allocates them (uninitialized from 256 elements) and the same number of
    /// serialized bytes copied into them, in order.</summary>
    [Benchmark]
    public DenseLayer[] Deserialize_AllocateAndCopyBaseline()
    {
        DenseLayer[] source = Value.Layers;
        var layers = new DenseLayer[source.Length];
        int offset = 0;
        for (int i = 0; i < source.Length; i++)
        {
            float[] weights = CopyIn(source[i].Weights.Length, ref offset);
            float[] biases = CopyIn(source[i].Biases.Length, ref offset);
            layers[i] = new DenseLayer { Inputs = source[i].Inputs, Outputs = source[i].Outputs, Activation = source[i].Activation, Weights = weights, Biases = biases };
        }
        return layers;
    }

    private float[] CopyIn(int count, ref int offset)
    {
        float[] values = count >= 256 ? GC.AllocateUninitializedArray<float>(count) : new float[count];
        ModelGenNoChecksumBytes.AsSpan(offset, count * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        offset += count * sizeof(float);
        return values;
    }

    /// <summary>The same copy in 64 KiB chunks, each hashed with XXH3 while it is in cache.</summary>
    [Benchmark]
    public ulong Deserialize_CopyXxHash3Baseline()
    {
        _hash.Reset();
        CopyHash(ModelGenBytes.AsSpan(0, ModelGenBytes.Length - 16), 0);
        return _hash.GetCurrentHashAsUInt64();
    }
}
