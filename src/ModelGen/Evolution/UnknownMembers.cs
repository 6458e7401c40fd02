using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Members found in the input that this version of the model does not know (written by a newer version).
/// They are kept on the object and written back unchanged, in the form they were read in, when the same object is
/// serialized again — so a read-modify-write through an older service loses nothing. Managed by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UnknownMembers : IEquatable<UnknownMembers>
{
    private readonly List<(int Key, WireType WireType, byte[] Raw)> _binary = new();
    private readonly List<(string Name, JsonElement Value)> _json = new();
    private readonly List<(string Name, object? Value)> _plain = new();

    /// <summary>Number of kept members.</summary>
    public int Count => _binary.Count + _json.Count + _plain.Count;

    /// <summary>Keeps the field the reader is on (its tag already read), by copying its raw bytes.</summary>
    public static void Capture(ref UnknownMembers? unknown, ref ModelReader reader, FieldTag tag)
    {
        ReadOnlySpan<byte> raw = reader.SkipAndGetRaw(tag.WireType);
        (unknown ??= new UnknownMembers())._binary.Add((tag.Key, tag.WireType, raw.ToArray()));
    }

    /// <summary>Keeps the JSON property whose value the reader is on.</summary>
    public static void Capture(ref UnknownMembers? unknown, ref Utf8JsonReader reader, string name)
    {
        JsonElement value;
        try
        {
            value = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException("malformed JSON: " + e.Message, reader.BytesConsumed, e);
        }
        (unknown ??= new UnknownMembers())._json.Add((name, value));
    }

    /// <summary>Keeps an entry of a plain dictionary.</summary>
    public static void Capture(ref UnknownMembers? unknown, string name, object? value) =>
        (unknown ??= new UnknownMembers())._plain.Add((name, value));

    /// <summary>Writes the kept dictionary entries back.</summary>
    public void WriteTo(Dictionary<string, object?> values)
    {
        foreach (var (name, value) in _plain) values.TryAdd(name, value);
    }

    /// <summary>Writes the kept binary fields back.</summary>
    public void WriteTo(ref ModelWriter writer)
    {
        foreach (var (key, wireType, raw) in _binary)
        {
            writer.WriteTag(key, wireType);
            writer.WriteRaw(raw);
        }
    }

    /// <summary>Writes the kept JSON properties back.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        foreach (var (name, value) in _json)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    /// <summary>The plain value of a kept member by its serialized name (binary members are found by the name's
    /// default key), or false.</summary>
    public bool TryGetPlain(string name, out object? value)
    {
        foreach (var (n, v) in _json)
        {
            if (n != name) continue;
            value = v;
            return true;
        }
        foreach (var (n, v) in _plain)
        {
            if (n != name) continue;
            value = v;
            return true;
        }
        int key = MemberKeys.Of(name);
        foreach (var (k, wireType, raw) in _binary)
        {
            if (k != key) continue;
            var reader = new ModelReader(raw, 0, ModelSerializerOptions.Default);
            value = PlainDecoder.Read(ref reader, wireType);
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Forgets a kept member (after a migration moved its value into the current members).</summary>
    public void Remove(string name)
    {
        int key = MemberKeys.Of(name);
        _json.RemoveAll(x => x.Name == name);
        _plain.RemoveAll(x => x.Name == name);
        _binary.RemoveAll(x => x.Key == key);
    }

    /// <inheritdoc />
    public bool Equals(UnknownMembers? other) =>
        other is not null
        && _binary.Count == other._binary.Count
        && _binary.Zip(other._binary).All(p => p.First.Key == p.Second.Key && p.First.WireType == p.Second.WireType && p.First.Raw.AsSpan().SequenceEqual(p.Second.Raw))
        && _json.Count == other._json.Count
        && _json.Zip(other._json).All(p => p.First.Name == p.Second.Name && p.First.Value.GetRawText() == p.Second.Value.GetRawText())
        && _plain.Count == other._plain.Count
        && _plain.Zip(other._plain).All(p => p.First.Name == p.Second.Name && Equals(p.First.Value, p.Second.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as UnknownMembers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_binary.Count, _json.Count, _plain.Count);
}
