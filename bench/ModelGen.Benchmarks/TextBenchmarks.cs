using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks;

/// <summary>A tokenizer vocabulary: string keys and string items, the text that the check before every write now
/// reads (unpaired surrogates, issue #19) where it used to skip collections that cannot nest. Compare with the same
/// cases on an earlier commit for the cost of that check.</summary>
[SerializableModel]
public partial class Vocabulary
{
    public Dictionary<string, int> TokenIds { get; set; } = new();
    public List<string> Merges { get; set; } = new();
}

public class TextBenchmarks
{
    private Vocabulary _value = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new(8 << 20);
    private Utf8JsonWriter _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        int n = Payloads.Data.Small ? 100 : 50_000;
        _value = new Vocabulary();
        for (int i = 0; i < n; i++)
        {
            _value.TokenIds["tok" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ing"] = i;
            _value.Merges.Add("t ok" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        if (ModelSerializer.Deserialize<Vocabulary>(ModelSerializer.Serialize(_value)).TokenIds.Count != n)
            throw new System.InvalidOperationException("the vocabulary does not round-trip");
    }

    [Benchmark]
    public int Serialize_ModelGen()
    {
        _buffer.ResetWrittenCount();
        ModelSerializer.Serialize(_buffer, _value);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int JsonSerialize_ModelGen()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        ModelJson.Serialize(_json, _value);
        _json.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int ToDictionary_ModelGen() => ModelDictionary.ToDictionary(_value).Count;
}
