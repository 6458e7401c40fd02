using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Registry.Legacy;

namespace ModelGen.Registry;

/// <summary>Models whose every value is derived from their <c>Revision</c>, so that a reader can tell a model read back
/// intact from a corrupted, torn or stale one without keeping a copy of what was written.</summary>
public static class Revisions
{
    public static readonly string[] FeatureNames = ["tenureMonths", "monthlySpend", "supportTickets", "latencyMs"];

    public static TrainingOptions Options(long revision) =>
        new(LearningRate: 1.0 / (1 + revision % 7), Epochs: (int)(revision % 1000) + 1, Optimizer: revision % 2 == 0 ? "adam" : "sgd")
        {
            L2 = revision % 5 / 100.0,
        };

    public static ScoringModel V2(long revision)
    {
        TrainingOptions options = Options(revision);
        return new ScoringModel
        {
            Hyperparameters = options,
            Revision = revision,
            Features = [.. FeatureNames],
            Weights = [.. Enumerable.Range(0, FeatureNames.Length).Select(i => revision + i / 8.0)],
            Bias = -revision / 4.0,
            Metrics = new Dictionary<string, double> { ["revision"] = revision, ["auc"] = 0.5 + revision % 100 / 1000.0 },
            Threshold = 0.25 + revision % 50 / 100.0,
            Calibration = [revision % 3, -1.5f],
        };
    }

    public static ScoringModelV1 V1(long revision)
    {
        TrainingOptions options = Options(revision);
        return new ScoringModelV1
        {
            Hyperparameters = new TrainingOptionsV1(options.LearningRate, options.Epochs, options.Optimizer),
            Revision = revision,
            Features = [.. FeatureNames],
            Weights = [.. Enumerable.Range(0, FeatureNames.Length).Select(i => revision + i / 8.0)],
            Bias = -revision / 4.0,
            Metrics = new Dictionary<string, double> { ["revision"] = revision, ["auc"] = 0.5 + revision % 100 / 1000.0 },
        };
    }

    /// <summary>What is wrong with a model read by the version-2 build (null: nothing). <paramref name="writtenAtVersion"/>
    /// is the row's schema version: a version-1 write has the defaults of the members version 1 lacks.</summary>
    public static string? Check(ScoringModel m, int writtenAtVersion)
    {
        ScoringModel expected = V2(m.Revision);
        if (writtenAtVersion < 2) // the members version 1 lacks take their defaults
        {
            expected = new ScoringModel
            {
                Hyperparameters = expected.Hyperparameters with { L2 = 0 }, Revision = expected.Revision, Features = expected.Features,
                Weights = expected.Weights, Bias = expected.Bias, Metrics = expected.Metrics, Threshold = 0.5, Calibration = [],
            };
        }
        if (m.Hyperparameters != expected.Hyperparameters) return $"revision {m.Revision}: hyperparameters {m.Hyperparameters}, expected {expected.Hyperparameters}";
        if (!m.Features.SequenceEqual(expected.Features)) return $"revision {m.Revision}: features differ";
        if (!m.Weights.SequenceEqual(expected.Weights)) return $"revision {m.Revision}: weights [{string.Join(", ", m.Weights)}]";
        if (m.Bias != expected.Bias) return $"revision {m.Revision}: bias {m.Bias}";
        if (m.Metrics.Count != expected.Metrics.Count || expected.Metrics.Any(p => !m.Metrics.TryGetValue(p.Key, out double v) || v != p.Value))
            return $"revision {m.Revision}: metrics differ";
        if (m.Threshold != expected.Threshold) return $"revision {m.Revision}: threshold {m.Threshold}, expected {expected.Threshold}";
        if (!m.Calibration.SequenceEqual(expected.Calibration)) return $"revision {m.Revision}: calibration differs";
        return null;
    }

    /// <summary>The same for the version-1 build, which also keeps the members of a version-2 write it does not know.</summary>
    public static string? Check(ScoringModelV1 m, int writtenAtVersion, bool fromBinary)
    {
        ScoringModelV1 expected = V1(m.Revision);
        if (m.Hyperparameters != expected.Hyperparameters) return $"revision {m.Revision}: hyperparameters {m.Hyperparameters}, expected {expected.Hyperparameters}";
        if (!m.Features.SequenceEqual(expected.Features)) return $"revision {m.Revision}: features differ";
        if (!m.Weights.SequenceEqual(expected.Weights)) return $"revision {m.Revision}: weights [{string.Join(", ", m.Weights)}]";
        if (m.Bias != expected.Bias) return $"revision {m.Revision}: bias {m.Bias}";
        if (m.Metrics.Count != expected.Metrics.Count || expected.Metrics.Any(p => !m.Metrics.TryGetValue(p.Key, out double v) || v != p.Value))
            return $"revision {m.Revision}: metrics differ";
        // A version-2 write holds threshold and calibration, which version 1 keeps (in binary by key: "#<key>").
        int kept = ModelSerializer.GetUnknownMembers(m).Count;
        int expectedKept = writtenAtVersion >= 2 ? 2 : 0;
        if (kept != expectedKept) return $"revision {m.Revision}: {kept} unknown members kept from the {(fromBinary ? "binary" : "JSON")} column, expected {expectedKept}";
        return null;
    }
}
