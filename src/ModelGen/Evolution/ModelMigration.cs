using System;
using System.Collections.Generic;
using System.ComponentModel;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Marks the migration hook of a model: a <c>static void Name(ModelMigration migration)</c> method in the
/// model class, called when the input was written at an older schema version, before the value is created.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModelMigrationAttribute : Attribute
{
}

/// <summary>What a migration hook sees: the version the data was written at, and the old values by name — both the
/// members this version still has and members it no longer has (removed or renamed without <c>[PreviousName]</c>).
/// Values of members the hook reads that this version no longer has are not kept for writing back.</summary>
public sealed class ModelMigration
{
    private readonly IModelMigrationTarget _target;
    private readonly UnknownMembers? _unknown;
    private readonly List<string> _consumed = new();

    /// <summary>Created by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ModelMigration(int fromVersion, int toVersion, IModelMigrationTarget target, UnknownMembers? unknown)
    {
        FromVersion = fromVersion;
        ToVersion = toVersion;
        _target = target;
        _unknown = unknown;
    }

    /// <summary>The schema version the data was written at.</summary>
    public int FromVersion { get; }

    /// <summary>The schema version of the model being created.</summary>
    public int ToVersion { get; }

    /// <summary>True when the data has a value for <paramref name="name"/> (a current or an old member name).</summary>
    public bool Contains(string name) => TryGetPlain(name, out _);

    /// <summary>The value of <paramref name="name"/> as a plain value (see <see cref="ModelDictionary"/>), or false.</summary>
    public bool TryGetPlain(string name, out object? value)
    {
        if (_target.TryGet(name, out value)) return true;
        if (_unknown is not null && _unknown.TryGetPlain(name, out value))
        {
            _consumed.Add(name);
            return true;
        }
        return false;
    }

    /// <summary>The value of <paramref name="name"/> converted exactly to a primitive, string or primitive array
    /// type <typeparamref name="T"/>; false when the data has no such value.</summary>
    /// <exception cref="ModelFormatException">The value cannot be converted exactly.</exception>
    public bool TryGet<T>(string name, out T value)
    {
        value = default!;
        if (!TryGetPlain(name, out object? plain)) return false;
        if (plain is null)
        {
            if (default(T) is null) return true;
            throw new ModelFormatException($"'{name}' is null in the data").InMember(name);
        }
        try
        {
            value = Convert<T>(plain);
            return true;
        }
        catch (ModelFormatException e) when (e.AddMember(name))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>The value of <paramref name="name"/> converted exactly to <typeparamref name="T"/>.</summary>
    /// <exception cref="ModelFormatException">The data has no such value, or it cannot be converted exactly.</exception>
    public T Get<T>(string name) =>
        TryGet(name, out T value) ? value : throw new ModelFormatException($"the migration from version {FromVersion} needs '{name}', which the data does not contain").InMember(name);

    /// <summary>Sets a current member (by serialized name) from a value of any type the dictionary form accepts.</summary>
    public void Set(string name, object? value)
    {
        try
        {
            _target.Set(name, value);
        }
        catch (ModelFormatException e) when (e.AddMember(name))
        {
            throw; // not reached: the filter adds to the path and returns false
        }
    }

    /// <summary>Called by generated code after the hook: old members the hook read are not written back.</summary>
    public void Complete()
    {
        foreach (string name in _consumed) _unknown?.Remove(name);
    }

    private static T Convert<T>(object plain)
    {
        if (plain is T same) return same;
        if (typeof(T) == typeof(string)) return (T)(object)PlainValue.ToStringValue(plain);
        if (typeof(T) == typeof(bool)) return (T)(object)PlainValue.ToBoolean(plain, parseStrings: false);
        if (typeof(T) == typeof(float[])) return (T)(object)Sequence<float, FloatCodec<float>>.FromPlain(plain, false);
        if (typeof(T) == typeof(double[])) return (T)(object)Sequence<double, FloatCodec<double>>.FromPlain(plain, false);
        if (typeof(T) == typeof(int[])) return (T)(object)Sequence<int, IntegerCodec<int>>.FromPlain(plain, false);
        if (typeof(T) == typeof(long[])) return (T)(object)Sequence<long, IntegerCodec<long>>.FromPlain(plain, false);
        if (typeof(T) == typeof(string[])) return (T)(object)Sequence<string, StringCodec>.FromPlain(plain, false);
        if (typeof(T) == typeof(Dictionary<string, object?>)) return (T)(object)PlainValue.ToReadOnlyDictionary(plain);
        return PlainValue.ToNumber<T>(plain, parseStrings: false);
    }
}
