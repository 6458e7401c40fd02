using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using MemoryPack;
using MessagePack;
using ModelGen.Benchmarks.Payloads;

namespace ModelGen.Benchmarks;

/// <summary>Every serializer on one payload: binary and JSON, into a reused buffer and from bytes. Method names are
/// <c>Operation_Serializer</c>; the table printer groups by operation. Every case is round-trip-checked in setup.</summary>
/// <summary>What the table printer asks of a payload's benchmarks.</summary>
public interface IPayloadBenchmarks
{
    void Setup();
    IEnumerable<(string Method, long Bytes)> SerializedSizes();
    long ResultArrayBytes { get; }
}

public abstract class PayloadBenchmarks<T, TTolerant> : IPayloadBenchmarks where T : class, IModelSerializable<T> where TTolerant : class
{
    protected static readonly ModelSerializerOptions NoChecksum = new() { WriteChecksum = false, VerifyChecksum = false };
    protected static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };
    private static readonly JsonWriterOptions JsonWriterOptions = new() { SkipValidation = true };

    protected T Value = null!;
    private TTolerant _tolerant = null!;
    // Large enough that no serializer ever grows it; ResetWrittenCount (not Clear, which zeroes) between calls.
    protected ArrayBufferWriter<byte> Buffer = null!;
    private Utf8JsonWriter _jsonWriter = null!;
    protected byte[] ModelGenBytes = null!;
    protected byte[] ModelGenNoChecksumBytes = null!;
    protected byte[] ModelGenFormat2Bytes = null!;
    private byte[] _memoryPackBytes = null!;
    private byte[] _memoryPackTolerantBytes = null!;
    private byte[] _messagePackBytes = null!;
    private byte[] _protobufBytes = null!;
    private byte[] _modelGenJson = null!;
    private byte[] _systemTextJson = null!;

    protected abstract T Create();
    protected abstract TTolerant ToTolerant(T value);
    protected abstract T FromTolerant(TTolerant value);
    protected abstract bool Same(T a, T b);
    protected abstract JsonTypeInfo<T> JsonInfo { get; }

    /// <summary>Bytes in the result's arrays, for the ratio of allocated bytes to what a deserializer must allocate.</summary>
    public virtual long ResultArrayBytes => 0;

    [GlobalSetup]
    public virtual void Setup()
    {
        Value = Create();
        _tolerant = ToTolerant(Value);
        ProtoBuf.Serializer.PrepareSerializer<T>();
        ModelGenBytes = ModelSerializer.Serialize(Value);
        ModelGenNoChecksumBytes = ModelSerializer.Serialize(Value, NoChecksum);
        ModelGenFormat2Bytes = ModelSerializer.Serialize(Value, Format2);
        _memoryPackBytes = MemoryPackSerializer.Serialize(Value);
        _memoryPackTolerantBytes = MemoryPackSerializer.Serialize(_tolerant);
        _messagePackBytes = MessagePackSerializer.Serialize(Value);
        var proto = new ArrayBufferWriter<byte>();
        ProtoBuf.Serializer.Serialize(proto, Value);
        _protobufBytes = proto.WrittenSpan.ToArray();
        _modelGenJson = ModelJson.SerializeToUtf8Bytes(Value);
        _systemTextJson = JsonSerializer.SerializeToUtf8Bytes(Value, JsonInfo);

        int largest = 0;
        foreach (var (_, size) in SerializedSizes()) largest = Math.Max(largest, (int)size);
        Buffer = new ArrayBufferWriter<byte>(largest * 2 + 4096);
        _jsonWriter = new Utf8JsonWriter(Buffer, JsonWriterOptions);
        Check();
    }

    /// <summary>Runs every case once and checks that it round-trips (and that serializing into the reused buffer
    /// gives the same bytes as the one-shot call), so no timing ever measures a broken path.</summary>
    public void Check()
    {
        void Expect(bool ok, string what)
        {
            if (!ok) throw new InvalidOperationException($"{GetType().Name}: {what} does not round-trip");
        }
        void Written(Func<int> serialize, byte[] expected, string what)
        {
            serialize();
            int differ = Buffer.WrittenSpan.CommonPrefixLength(expected);
            Expect(Buffer.WrittenSpan.SequenceEqual(expected), $"{what} (into a reused buffer: {Buffer.WrittenCount} bytes, {expected.Length} expected, first difference at {differ})");
        }
        Written(Serialize_ModelGen, ModelGenBytes, "ModelGen");
        Written(Serialize_ModelGenNoChecksum, ModelGenNoChecksumBytes, "ModelGen without checksum");
        Written(Serialize_ModelGenFormat2, ModelGenFormat2Bytes, "ModelGen format 2");
        // MemoryPack's bytes in a reused buffer can differ from its one-shot call's (seen at a string's header, in
        // one run of two): compare values. Version-tolerant MemoryPack also lays large members out differently in a
        // buffer that has room.
        Serialize_MemoryPack();
        Expect(Same(Value, MemoryPackSerializer.Deserialize<T>(Buffer.WrittenSpan)!), "MemoryPack (into a reused buffer)");
        Serialize_MemoryPackVersionTolerant();
        Expect(Same(Value, FromTolerant(MemoryPackSerializer.Deserialize<TTolerant>(Buffer.WrittenSpan)!)), "MemoryPack version-tolerant (into a reused buffer)");
        Written(Serialize_MessagePack, _messagePackBytes, "MessagePack");
        Written(Serialize_ProtobufNet, _protobufBytes, "protobuf-net");
        Written(JsonSerialize_ModelGen, _modelGenJson, "ModelGen JSON");
        Written(JsonSerialize_SystemTextJson, _systemTextJson, "System.Text.Json");
        Expect(Same(Value, Deserialize_ModelGen()), "ModelGen");
        Expect(Same(Value, Deserialize_ModelGenNoChecksum()), "ModelGen without checksum");
        Expect(Same(Value, Deserialize_ModelGenFormat2()), "ModelGen format 2");
        Expect(Same(Value, Deserialize_MemoryPack()), "MemoryPack");
        Expect(Same(Value, FromTolerant(Deserialize_MemoryPackVersionTolerant())), "MemoryPack version-tolerant");
        Expect(Same(Value, Deserialize_MessagePack()), "MessagePack");
        Expect(Same(Value, Deserialize_ProtobufNet()), "protobuf-net");
        Expect(Same(Value, JsonDeserialize_ModelGen()), "ModelGen JSON");
        Expect(Same(Value, JsonDeserialize_SystemTextJson()), "System.Text.Json");
        Expect(Same(Value, ModelJson.Deserialize<T>(_systemTextJson)), "System.Text.Json's JSON read by ModelGen");
    }

    /// <summary>Serialized size of every case, by method name.</summary>
    public virtual IEnumerable<(string Method, long Bytes)> SerializedSizes()
    {
        foreach (string op in new[] { "Serialize", "Deserialize" })
        {
            yield return ($"{op}_ModelGen", ModelGenBytes.Length);
            yield return ($"{op}_ModelGenNoChecksum", ModelGenNoChecksumBytes.Length);
            yield return ($"{op}_ModelGenFormat2", ModelGenFormat2Bytes.Length);
            yield return ($"{op}_MemoryPack", _memoryPackBytes.Length);
            yield return ($"{op}_MemoryPackVersionTolerant", _memoryPackTolerantBytes.Length);
            yield return ($"{op}_MessagePack", _messagePackBytes.Length);
            yield return ($"{op}_ProtobufNet", _protobufBytes.Length);
            yield return ($"Json{op}_ModelGen", _modelGenJson.Length);
            yield return ($"Json{op}_SystemTextJson", _systemTextJson.Length);
        }
    }

    [Benchmark]
    public int Serialize_ModelGen()
    {
        Buffer.ResetWrittenCount();
        ModelSerializer.Serialize(Buffer, Value);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_ModelGenNoChecksum()
    {
        Buffer.ResetWrittenCount();
        ModelSerializer.Serialize(Buffer, Value, NoChecksum);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_ModelGenFormat2()
    {
        Buffer.ResetWrittenCount();
        ModelSerializer.Serialize(Buffer, Value, Format2);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_MemoryPack()
    {
        Buffer.ResetWrittenCount();
        MemoryPackSerializer.Serialize(Buffer, Value);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_MemoryPackVersionTolerant()
    {
        Buffer.ResetWrittenCount();
        MemoryPackSerializer.Serialize(Buffer, _tolerant);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_MessagePack()
    {
        Buffer.ResetWrittenCount();
        MessagePackSerializer.Serialize<T>(Buffer, Value);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_ProtobufNet()
    {
        Buffer.ResetWrittenCount();
        ProtoBuf.Serializer.Serialize(Buffer, Value);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int JsonSerialize_ModelGen()
    {
        Buffer.ResetWrittenCount();
        _jsonWriter.Reset(Buffer);
        ModelJson.Serialize(_jsonWriter, Value);
        _jsonWriter.Flush();
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public int JsonSerialize_SystemTextJson()
    {
        Buffer.ResetWrittenCount();
        _jsonWriter.Reset(Buffer);
        JsonSerializer.Serialize(_jsonWriter, Value, JsonInfo);
        _jsonWriter.Flush();
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public T Deserialize_ModelGen() => ModelSerializer.Deserialize<T>(ModelGenBytes);

    [Benchmark]
    public T Deserialize_ModelGenNoChecksum() => ModelSerializer.Deserialize<T>(ModelGenNoChecksumBytes, NoChecksum);

    [Benchmark]
    public T Deserialize_ModelGenFormat2() => ModelSerializer.Deserialize<T>(ModelGenFormat2Bytes);

    [Benchmark]
    public T Deserialize_MemoryPack() => MemoryPackSerializer.Deserialize<T>(_memoryPackBytes)!;

    [Benchmark]
    public TTolerant Deserialize_MemoryPackVersionTolerant() => MemoryPackSerializer.Deserialize<TTolerant>(_memoryPackTolerantBytes)!;

    [Benchmark]
    public T Deserialize_MessagePack() => MessagePackSerializer.Deserialize<T>(_messagePackBytes);

    [Benchmark]
    public T Deserialize_ProtobufNet() => ProtoBuf.Serializer.Deserialize<T>((ReadOnlySpan<byte>)_protobufBytes);

    [Benchmark]
    public T JsonDeserialize_ModelGen() => ModelJson.Deserialize<T>(_modelGenJson);

    [Benchmark]
    public T JsonDeserialize_SystemTextJson() => JsonSerializer.Deserialize(_systemTextJson, JsonInfo)!;
}

public class HyperparametersBenchmarks : PayloadBenchmarks<TrainingHyperparameters, TrainingHyperparametersVT>
{
    protected override TrainingHyperparameters Create() => Data.Hyperparameters();
    protected override TrainingHyperparametersVT ToTolerant(TrainingHyperparameters value) => TrainingHyperparametersVT.From(value);
    protected override TrainingHyperparameters FromTolerant(TrainingHyperparametersVT value) => value.ToModel();
    protected override bool Same(TrainingHyperparameters a, TrainingHyperparameters b) => Data.Same(a, b);
    protected override JsonTypeInfo<TrainingHyperparameters> JsonInfo => PayloadJsonContext.Default.TrainingHyperparameters;
    public override long ResultArrayBytes => Value.LayerSizes.Length * sizeof(int);

    // Format 2 without the checksum, on the small model only: beside the cases with it, what the checksum of a file
    // with a schema table costs (format 1 has its own case for every payload).
    private static readonly ModelSerializerOptions Format2NoChecksum = new() { FormatVersion = 2, WriteChecksum = false, VerifyChecksum = false };
    // Null until Setup has made it (the base's Setup asks for the sizes to size the buffer before).
    private byte[]? _format2NoChecksumBytes;

    public override void Setup()
    {
        base.Setup();
        _format2NoChecksumBytes = ModelSerializer.Serialize(Value, Format2NoChecksum);
        Serialize_ModelGenFormat2NoChecksum();
        if (!Buffer.WrittenSpan.SequenceEqual(_format2NoChecksumBytes) || !Data.Same(Value, Deserialize_ModelGenFormat2NoChecksum()))
            throw new InvalidOperationException("HyperparametersBenchmarks: ModelGen format 2 without checksum does not round-trip");
    }

    public override IEnumerable<(string Method, long Bytes)> SerializedSizes()
    {
        foreach (var size in base.SerializedSizes()) yield return size;
        if (_format2NoChecksumBytes is null) yield break;
        yield return ("Serialize_ModelGenFormat2NoChecksum", _format2NoChecksumBytes.Length);
        yield return ("Deserialize_ModelGenFormat2NoChecksum", _format2NoChecksumBytes.Length);
    }

    [Benchmark]
    public int Serialize_ModelGenFormat2NoChecksum()
    {
        Buffer.ResetWrittenCount();
        ModelSerializer.Serialize(Buffer, Value, Format2NoChecksum);
        return Buffer.WrittenCount;
    }

    [Benchmark]
    public TrainingHyperparameters Deserialize_ModelGenFormat2NoChecksum() => ModelSerializer.Deserialize<TrainingHyperparameters>(_format2NoChecksumBytes!, Format2NoChecksum);
}

public class ForestBenchmarks : PayloadBenchmarks<Forest, ForestVT>
{
    protected override Forest Create() => Data.Forest();
    protected override ForestVT ToTolerant(Forest value) => ForestVT.From(value);
    protected override Forest FromTolerant(ForestVT value) => value.ToModel();
    protected override bool Same(Forest a, Forest b) => Data.Same(a, b);
    protected override JsonTypeInfo<Forest> JsonInfo => PayloadJsonContext.Default.Forest;
}
