using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.Equality", Version = 1)]
public partial class EqualityV1
{
    public int A { get; set; }
    public double X { get; set; }
    public Dictionary<string, float> Metrics { get; set; } = new();
}

[SerializableModel(Name = "Tests.Equality", Version = 2)]
public partial class EqualityV2
{
    public int A { get; set; }
    public double X { get; set; }
    public Dictionary<string, float> Metrics { get; set; } = new();
    public string Extra { get; set; } = "";
    public int[] Later { get; set; } = [];
}

/// <summary>Issue 18: structural equality, hashing and clone of any model over its canonical binary payload.</summary>
public class ModelEqualityTests
{
    [Fact]
    public void Equal_values_are_equal_and_hash_alike_and_a_change_anywhere_is_seen()
    {
        Network a = Samples.NetworkSample(), b = Samples.NetworkSample();
        Assert.NotSame(a, b);
        Assert.True(ModelEquality.Equals(a, b));
        Assert.Equal(ModelEquality.GetHashCode(a), ModelEquality.GetHashCode(b));
        b.Layers[2].Weights[0] = 1f;
        Assert.False(ModelEquality.Equals(a, b));
        Assert.NotEqual(ModelEquality.GetHashCode(a), ModelEquality.GetHashCode(b));
        Assert.True(ModelEquality.Equals<Network>(null, null));
        Assert.False(ModelEquality.Equals(a, null));
        Assert.False(ModelEquality.Equals(null, a));

        Pipeline p = Samples.PipelineSample(), q = Samples.PipelineSample();
        Assert.True(ModelEquality.Equals(p, q));
        ((DropoutOp)q.Named["x"]).Rate = 0.2;
        Assert.False(ModelEquality.Equals(p, q));
        // A value that is a prefix of the other is not equal.
        Assert.False(ModelEquality.Equals(new Collections(), Samples.CollectionsFull()));

        IEqualityComparer<Network> comparer = ModelEquality.Comparer<Network>();
        Assert.Single(new HashSet<Network>(comparer) { Samples.NetworkSample(), Samples.NetworkSample() });
    }

    [Fact]
    public void Clone_is_a_deep_copy()
    {
        Pipeline p = Samples.PipelineSample();
        Pipeline c = ModelEquality.Clone(p);
        Assert.NotSame(p, c);
        Assert.NotSame(p.Ops, c.Ops);
        Deep.Equal(p, c);
        Assert.True(ModelEquality.Equals(p, c));
        ((DenseOp)c.Ops[0]).Weights[0] = 42;
        Assert.Equal(1, ((DenseOp)p.Ops[0]).Weights[0]);
        Assert.False(ModelEquality.Equals(p, c));
        // Hyperparameters (a record) and every scalar type.
        var h = new Hyper(Dropout: 0.3) { Hidden = [1, 2] };
        Assert.Equal(h.Dropout, ModelEquality.Clone(h).Dropout);
        AllScalars s = Samples.ScalarsMax();
        Deep.Equal(s, ModelEquality.Clone(s));
        Assert.True(ModelEquality.Equals(s, ModelEquality.Clone(s)));
    }

    [Fact]
    public void Payloads_of_several_megabytes_compare_across_segments()
    {
        float[] values = Enumerable.Range(0, 700_000).Select(i => (float)i).ToArray(); // 2.8 MB: three 1 MiB segments
        var a = new FloatVector { Values = values };
        Assert.True(ModelEquality.Equals(a, new FloatVector { Values = (float[])values.Clone() }));
        foreach (int at in new[] { 0, 262_143, 262_144, 524_288, values.Length - 1 })
        {
            float[] changed = (float[])values.Clone();
            changed[at] = -1;
            Assert.False(ModelEquality.Equals(a, new FloatVector { Values = changed }), $"a change at {at} was not seen");
        }
        Assert.False(ModelEquality.Equals(a, new FloatVector { Values = values[..^1] }));
        Assert.False(ModelEquality.Equals(new FloatVector { Values = values[..^1] }, a));
        Assert.Equal(values, ModelEquality.Clone(a).Values);
    }

    [Fact]
    public void Dictionaries_compare_as_sets_of_entries()
    {
        var a = new EqualityV1 { Metrics = new() { ["accuracy"] = 0.9f, ["loss"] = 0.1f, ["f1"] = 0.5f } };
        var b = new EqualityV1 { Metrics = new() { ["f1"] = 0.5f, ["loss"] = 0.1f, ["accuracy"] = 0.9f } };
        Assert.NotEqual(a.Metrics.Keys.ToArray(), b.Metrics.Keys.ToArray());
        Assert.True(ModelEquality.Equals(a, b));
        Assert.Equal(ModelEquality.GetHashCode(a), ModelEquality.GetHashCode(b));
        // The stored form keeps the dictionary's own order: equality sorts only for itself.
        Assert.NotEqual(ModelSerializer.Serialize(a), ModelSerializer.Serialize(b));
        b.Metrics["f1"] = 0.6f;
        Assert.False(ModelEquality.Equals(a, b));
    }

    [Fact]
    public void Floating_point_compares_by_bits()
    {
        var nan = new EqualityV1 { X = double.NaN };
        Assert.True(ModelEquality.Equals(nan, ModelEquality.Clone(nan)));
        Assert.True(ModelEquality.Equals(nan, new EqualityV1 { X = double.NaN }));
        Assert.False(ModelEquality.Equals(new EqualityV1 { X = 0.0 }, new EqualityV1 { X = -0.0 }));
        Assert.True(ModelEquality.Equals(new EqualityV1 { X = -0.0 }, ModelEquality.Clone(new EqualityV1 { X = -0.0 })));
    }

    [Fact]
    public void Members_kept_from_newer_data_take_part()
    {
        byte[] newer = ModelSerializer.Serialize(new EqualityV2 { A = 1, Extra = "kept", Later = [1, 2, 3] });
        EqualityV1 first = ModelSerializer.Deserialize<EqualityV1>(newer);
        EqualityV1 second = ModelSerializer.Deserialize<EqualityV1>(newer);
        Assert.NotEmpty(ModelSerializer.GetUnknownMembers(first));
        Assert.True(ModelEquality.Equals(first, second));
        Assert.Equal(ModelEquality.GetHashCode(first), ModelEquality.GetHashCode(second));
        EqualityV1 clone = ModelEquality.Clone(first);
        Assert.Equal(ModelSerializer.GetUnknownMembers(first).Select(m => m.Name), ModelSerializer.GetUnknownMembers(clone).Select(m => m.Name));
        Assert.True(ModelEquality.Equals(first, clone));
        // The same known members without the kept ones, or with other kept values, differ.
        Assert.False(ModelEquality.Equals(first, new EqualityV1 { A = 1 }));
        EqualityV1 other = ModelSerializer.Deserialize<EqualityV1>(ModelSerializer.Serialize(new EqualityV2 { A = 1, Extra = "other", Later = [1, 2, 3] }));
        Assert.False(ModelEquality.Equals(first, other));
    }

    [Fact]
    public void Neither_equality_nor_clone_validates()
    {
        var invalid = new Hyper(Dropout: 5);
        Assert.True(ModelEquality.Equals(invalid, new Hyper(Dropout: 5)));
        Assert.False(ModelEquality.Equals(invalid, new Hyper(Dropout: 6)));
        Hyper copy = ModelEquality.Clone(invalid); // a copy is the same value, valid or not
        Assert.Equal(5, copy.Dropout);
        Assert.True(ModelEquality.Equals(invalid, copy));
        var nested = new TrainingSettings(Epochs: 0) { Layers = [new(Units: 0)] };
        Assert.Equal(0, ModelEquality.Clone(nested).Layers[0].Units);
    }
}
