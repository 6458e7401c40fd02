using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using ModelGen.Internal;

namespace ModelGen.Benchmarks;

/// <summary>A tokenizer's case-insensitive vocabulary of 100,000 entries. A comparer is not data: the generated code
/// names the model's (<c>IDeclaredComparer</c>) and the reader builds the dictionary with it at once (it used to build
/// it with the default comparer, then again with the model's: <see cref="ComparerBenchmarks.Rebuild_IgnoreCase"/>).</summary>
[SerializableModel(Name = "ModelGen.Benchmarks.CaseVocabulary")]
public partial class CaseVocabulary
{
    public Dictionary<string, int> TokenIds { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The same data into a member without a comparer of its own: one build, the floor for a reader that would
/// build the model's comparer at once.</summary>
[SerializableModel(Name = "ModelGen.Benchmarks.CaseVocabulary")]
public partial class OrdinalVocabulary
{
    public Dictionary<string, int> TokenIds { get; init; } = new();
}

public class ComparerBenchmarks
{
    private byte[] _binary = [];
    private string _json = "";
    private Dictionary<string, int> _read = new();

    [GlobalSetup]
    public void Setup()
    {
        int n = Payloads.Data.Small ? 100 : 100_000;
        var value = new OrdinalVocabulary();
        for (int i = 0; i < n; i++) value.TokenIds["Tok" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ing"] = i;
        _binary = ModelSerializer.Serialize(value);
        _json = ModelJson.Serialize(value);
        _read = value.TokenIds;
        CaseVocabulary back = ModelSerializer.Deserialize<CaseVocabulary>(_binary);
        if (back.TokenIds.Count != n || back.TokenIds["TOK1ING"] != 1 || ModelJson.Deserialize<CaseVocabulary>(_json).TokenIds["tok2ing"] != 2)
            throw new InvalidOperationException("the vocabulary does not load with its comparer");
    }

    [Benchmark]
    public int Deserialize_IgnoreCase() => ModelSerializer.Deserialize<CaseVocabulary>(_binary).TokenIds.Count;

    [Benchmark]
    public int Deserialize_Ordinal() => ModelSerializer.Deserialize<OrdinalVocabulary>(_binary).TokenIds.Count;

    [Benchmark]
    public int JsonDeserialize_IgnoreCase() => ModelJson.Deserialize<CaseVocabulary>(_json).TokenIds.Count;

    [Benchmark]
    public int JsonDeserialize_Ordinal() => ModelJson.Deserialize<OrdinalVocabulary>(_json).TokenIds.Count;

    /// <summary>The second build alone: what the comparer costs a load.</summary>
    [Benchmark]
    public int Rebuild_IgnoreCase() => DeclaredComparers.Dictionary(_read, StringComparer.OrdinalIgnoreCase, "tokenIds").Count;
}
