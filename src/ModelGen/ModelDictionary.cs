using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Plain dictionary form of generated models, for logging, diffing, experiment trackers and configuration binding.</summary>
public static class ModelDictionary
{
    /// <summary>Converts <paramref name="value"/> to plain values: primitives, strings, enum names, arrays or lists,
    /// and nested dictionaries for nested models.</summary>
    /// <exception cref="ModelFormatException">The value could not be read back: it nests deeper than the default limit
    /// of 64 (the same depth as <see cref="ModelSerializerOptions.MaxDepth"/> counts), holds a null where a member cannot
    /// be null, or a <c>[Hyperparameters]</c> value in it is invalid.</exception>
    public static Dictionary<string, object?> ToDictionary<T>(T value) where T : IModelSerializable<T> =>
        ToDictionary(value, ModelSerializerOptions.Default);

    /// <summary>Converts <paramref name="value"/> to plain values, as <see cref="ToDictionary{T}(T)"/>, with the nesting
    /// limit of <see cref="ModelSerializerOptions.MaxDepth"/>: a value deeper than the default limit of 64 is written
    /// only when the same limit is given here and to <see cref="FromDictionary{T}(IReadOnlyDictionary{string, object?}, ModelSerializerOptions)"/>,
    /// so that what is written can always be read back with the same options.</summary>
    /// <exception cref="ModelFormatException">As for <see cref="ToDictionary{T}(T)"/>, with the given depth limit.</exception>
    public static Dictionary<string, object?> ToDictionary<T>(T value, ModelSerializerOptions options) where T : IModelSerializable<T>
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        ArgumentNullException.ThrowIfNull(options);
        WriteCheck.Run(value, options.MaxDepth, ModelForms.Dictionary);
        return T.ToDictionary(value);
    }

    /// <summary>Converts <paramref name="value"/> to one flat level of primitive values for logging and telemetry:
    /// keys are member paths (<c>optimizer.learningRate</c>, <c>layers[0]</c>, <c>grid[1][2]</c>, <c>metrics.accuracy</c>
    /// for a dictionary entry), values are numbers, booleans, strings (enum names; <c>byte[]</c> as base64), GUIDs,
    /// dates and times, or null — never a collection, so a structured logger (e.g. <c>ILogger.BeginScope</c>) records
    /// every value instead of a type name such as <c>System.Int32[]</c>. A collection longer than
    /// <paramref name="maxItems"/> keeps its first <paramref name="maxItems"/> items and adds <c>path.count</c> with its
    /// length (an empty one is only <c>path.count</c> = 0); the model's <c>$version</c> is kept at the root only, and
    /// <c>$previousNames</c> (the record of a renamed member's copies under its previous names) nowhere.</summary>
    /// <exception cref="ModelFormatException">As <see cref="ToDictionary{T}(T)"/>.</exception>
    public static Dictionary<string, object?> ToFlatDictionary<T>(T value, int maxItems = 64) where T : IModelSerializable<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        Dictionary<string, object?> plain = ToDictionary(value);
        var flat = new Dictionary<string, object?>(plain.Count, StringComparer.Ordinal);
        foreach (var entry in plain)
        {
            if (entry.Key != CopiedNames.Member) Flatten(flat, entry.Key, entry.Value, maxItems);
        }
        return flat;
    }

    private static void Flatten(Dictionary<string, object?> flat, string key, object? value, int maxItems)
    {
        switch (value)
        {
            case null or string:
                flat[key] = value;
                return;
            case byte[] bytes:
                flat[key] = Convert.ToBase64String(bytes);
                return;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    // The root's version is kept; a nested model's, and the list of a renamed member's copies, are
                    // noise in a log.
                    if (name is "$version" or CopiedNames.Member) continue;
                    Flatten(flat, key + "." + name, entry.Value, maxItems);
                }
                return;
            case IList list:
                for (int i = 0; i < list.Count && i < maxItems; i++)
                    Flatten(flat, key + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", list[i], maxItems);
                if (list.Count == 0 || list.Count > maxItems) flat[key + ".count"] = list.Count;
                return;
            default:
                flat[key] = value;
                return;
        }
    }

    /// <summary>Creates a model from what <see cref="ToDictionary{T}(T)"/> gives, or from what a JSON or configuration layer
    /// gives (other numeric types when the conversion is exact; for <c>[Hyperparameters]</c>, strings parsed with the
    /// invariant culture). Hyperparameters are validated; nesting is limited to 64, counted as in every form.</summary>
    /// <exception cref="ModelFormatException">A value has the wrong type, is missing, or is out of range.</exception>
    public static T FromDictionary<T>(IReadOnlyDictionary<string, object?> values) where T : IModelSerializable<T> =>
        FromDictionary<T>(values, ModelSerializerOptions.Default);

    /// <summary>Creates a model from plain values, as <see cref="FromDictionary{T}(IReadOnlyDictionary{string, object?})"/>,
    /// with the nesting limit of <see cref="ModelSerializerOptions.MaxDepth"/>; with
    /// <see cref="ModelSerializerOptions.RejectUnknownMembers"/>, a key the model does not declare is an error.</summary>
    /// <exception cref="ModelFormatException">A value has the wrong type, is missing, or is out of range, or a key is not recognised.</exception>
    public static T FromDictionary<T>(IReadOnlyDictionary<string, object?> values, ModelSerializerOptions options) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var saved = Nesting.Begin(options.MaxDepth);
        bool outerReject = UnknownMembers.RejectOnThisThread;
        UnknownMembers.RejectOnThisThread = options.RejectUnknownMembers;
        bool outerValidation = ReadValidation.EnterRoot<T>();
        try
        {
            T value = T.FromDictionary(values);
            ReadValidation.Complete(value, enclosed: false);
            return value;
        }
        catch (InvalidOperationException e)
        {
            // JsonElement values from a JSON layer are parsed lazily: a property name or string with invalid UTF-8
            // or an unpaired escaped surrogate throws this when read; found by fuzzing (docs/security.md).
            throw new ModelFormatException("invalid text in a JSON value: " + e.Message, -1, e);
        }
        finally
        {
            Nesting.End(saved);
            UnknownMembers.RejectOnThisThread = outerReject;
            ReadValidation.Exit(outerValidation);
        }
    }
}
