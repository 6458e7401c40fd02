using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ModelGen.Extensions.Configuration;

/// <summary>Reads ModelGen models from configuration (appsettings.json, environment variables, command line, any
/// <see cref="IConfiguration"/>), through the generated dictionary reader: the same names, migrations, validation and
/// errors as <see cref="ModelDictionary.FromDictionary{T}(IReadOnlyDictionary{string, object?}, ModelSerializerOptions)"/>.</summary>
public static class ModelConfiguration
{
    /// <summary>Creates a <typeparamref name="T"/> from the keys under <paramref name="section"/>: <c>Optimizer:LearningRate</c>
    /// is the member <c>learningRate</c> of the nested <c>optimizer</c>, <c>Layers:0</c>, <c>Layers:1</c> are the items of a
    /// list or array (or <c>Layers</c> = <c>"64,32"</c>), other child keys are dictionary entries. Names match
    /// ignoring case, as the configuration binder does, and so do enum names. Strings are parsed with the invariant
    /// culture (a <c>[Hyperparameters]</c> type and what is nested in it). Keys the model does not declare are kept
    /// (classes and records) or, with <see cref="ModelSerializerOptions.RejectUnknownMembers"/>, rejected by name. A key
    /// whose value is null (the JSON provider's empty object) counts as absent, and the member keeps its default; an empty
    /// JSON array (an empty string in configuration) is an empty collection.</summary>
    /// <exception cref="ModelFormatException">A value has the wrong type, is out of range (every violation is listed,
    /// with its member path), is missing, or a key is not recognised.</exception>
    public static T FromConfiguration<T>(IConfiguration section, ModelSerializerOptions? options = null) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(section);
        return ModelDictionary.FromDictionary<T>(ToDictionary(section), options ?? ModelSerializerOptions.Default);
    }

    /// <summary>The plain form of the keys under <paramref name="section"/>: strings, lists (children keyed 0 to n-1)
    /// and dictionaries, as <see cref="FromConfiguration{T}"/> reads them.</summary>
    public static Dictionary<string, object?> ToDictionary(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection child in section.GetChildren())
        {
            object? value = Plain(child);
            if (value is not null) result[child.Key] = value;
        }
        return result;
    }

    private static object? Plain(IConfigurationSection section)
    {
        var children = new List<IConfigurationSection>(section.GetChildren());
        if (children.Count == 0) return section.Value;
        // Children keyed 0, 1, ... n-1 (in any order) are a list, as the configuration binder reads arrays.
        var items = new object?[children.Count];
        bool isList = true;
        foreach (IConfigurationSection child in children)
        {
            // Only keys as an index is written ("7", not "07" or "00"): a map member reads a list's indices as its keys
            // (PlainValue.ToMapEntries), and "00" must stay "00".
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= items.Length || items[index] is not null
                || child.Key != index.ToString(CultureInfo.InvariantCulture))
            {
                isList = false;
                break;
            }
            items[index] = Plain(child) ?? Missing;
        }
        if (isList)
        {
            var list = new List<object?>(items.Length);
            foreach (object? item in items) list.Add(ReferenceEquals(item, Missing) ? null : item);
            return list;
        }
        var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection child in children)
        {
            object? value = Plain(child);
            if (value is not null) map[child.Key] = value;
        }
        return map;
    }

    // A list item whose value is null, told apart from an index not seen yet.
    private static readonly object Missing = new();
}
