using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Generated serializers and the codecs keep no state between calls: many threads may use them at once.</summary>
public class ConcurrencyTests
{
    private sealed record Work(string Name, Func<object> Serialize, Func<object> Deserialize, object ExpectedValue, object ExpectedBytes);

    private static Work Binary<T>(T value) where T : IModelSerializable<T>
    {
        byte[] bytes = ModelSerializer.Serialize(value);
        return new($"binary {typeof(T).Name}", () => ModelSerializer.Serialize(value), () => ModelSerializer.Deserialize<T>(bytes)!, value!, bytes);
    }

    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    private static Work Binary2<T>(T value) where T : IModelSerializable<T>
    {
        byte[] bytes = ModelSerializer.Serialize(value, Format2);
        return new($"binary format 2 {typeof(T).Name}", () => ModelSerializer.Serialize(value, Format2), () => ModelSerializer.Deserialize<T>(bytes)!, value!, bytes);
    }

    private static Work Json<T>(T value) where T : IModelSerializable<T>
    {
        string json = ModelJson.Serialize(value);
        return new($"json {typeof(T).Name}", () => ModelJson.Serialize(value), () => ModelJson.Deserialize<T>(json)!, value!, json);
    }

    private static Work Plain<T>(T value) where T : IModelSerializable<T>
    {
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(value);
        return new($"dictionary {typeof(T).Name}", () => ModelDictionary.ToDictionary(value), () => ModelDictionary.FromDictionary<T>(plain)!, value!, plain);
    }

    [Fact]
    public void Eight_threads_serialize_and_deserialize_every_form_for_two_seconds_without_corruption()
    {
        Work[] work =
        [
            Binary(Samples.NetworkSample()), Binary(Samples.CollectionsFull()), Binary(Samples.PipelineSample()), Binary(Samples.ScalarsMax()),
            Binary2(Samples.NetworkSample()), Binary2(Samples.PipelineSample()), Binary2(Samples.NullablesSet()),
            Json(Samples.NetworkSample()), Json(Samples.CollectionsFull()), Json(Samples.PipelineSample()), Json(new Hyper(Dropout: 0.3)),
            Plain(Samples.NetworkSample()), Plain(Samples.NullablesSet()), Plain(Samples.PipelineSample()), Plain(new Hyper(Layers: 7)),
        ];
        const int Threads = 8;
        var failures = new List<string>();
        long[] rounds = new long[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            int i = t; // each thread starts at a different piece of work, so different forms and models overlap
            try
            {
                while (clock.Elapsed < TimeSpan.FromSeconds(2))
                {
                    Work w = work[i++ % work.Length];
                    object written = w.Serialize();
                    object read = w.Deserialize();
                    Deep.Equal(w.ExpectedBytes, written);
                    Deep.Equal(w.ExpectedValue, read);
                    rounds[t]++;
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add($"thread {t}: {e}");
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        Assert.Empty(failures);
        // Every thread ran through every piece of work several times.
        Assert.All(rounds, r => Assert.True(r >= work.Length, $"only {r} rounds"));
    }
}
