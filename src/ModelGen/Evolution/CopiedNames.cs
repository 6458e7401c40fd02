using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>For generated readers and writers: a renamed member's value under its previous names in JSON and
/// dictionaries (docs/versioning.md, "A renamed member is written under its previous names too").
/// <para>A writer writes each member renamed with <c>[PreviousName]</c> under its name and, with the same value, under
/// each previous name (in the naming policy's form: the name an older build wrote it under), and lists those copies in
/// <c>"$previousNames"</c>. An older build then reads the value rather than its default, keeps the new name and the list
/// as unknown members, and writes back its own member under the old name: the edit if it made one. A reader that finds
/// a member under several of its names in an object with the list takes the value under a name that is not listed (the
/// writer's own name for it) unless a listed name holds another value: a copy changed since it was written, which only
/// an older build's edit does. Without the list (data of builds before this, hand-written documents) the current name
/// wins, then a previous name, as before.</para></summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CopiedNames
{
    /// <summary>The member that lists an object's copies: <c>"$previousNames": ["optimizer"]</c>.</summary>
    public const string Member = "$previousNames";

    /// <summary>Reads the list (an array of names; the reader is at its start).</summary>
    /// <exception cref="ModelFormatException">Anything but an array of strings.</exception>
    public static string[] Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw JsonRead.Error(ref reader, "expected an array of member names").InMember(Member);
        var names = new List<string>();
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return names.ToArray();
            if (reader.TokenType != JsonTokenType.String) throw JsonRead.Error(ref reader, "expected an array of member names").InMember(Member);
            names.Add(JsonRead.GetString(ref reader));
        }
    }

    /// <summary>Reads the list from a dictionary's value (a list or array of strings, or a JSON array).</summary>
    /// <exception cref="ModelFormatException">Anything else.</exception>
    public static string[] Read(object? value)
    {
        var names = new List<string>();
        if (value is JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw NotNames();
                names.Add(item.GetString()!);
            }
            return names.ToArray();
        }
        if (value is string || value is not IEnumerable items) throw NotNames();
        foreach (object? item in items)
        {
            if (item is not string name) throw NotNames();
            names.Add(name);
        }
        return names.ToArray();
    }

    private static ModelFormatException NotNames() => new ModelFormatException("expected a list of member names").InMember(Member);

    /// <summary>Whether a reader copy was taken (at the start of a value found under a name).</summary>
    public static bool Found(in Utf8JsonReader at) => at.TokenType != JsonTokenType.None;

    /// <summary>Whether <paramref name="name"/> is listed as a copy.</summary>
    public static bool IsListed(string[] copied, string name) => Array.IndexOf(copied, name) >= 0;

    /// <summary>Whether two readers, each at the start of a value, hold the same JSON value token for token (names and
    /// strings unescaped, numbers as written). A difference in spelling alone ("1.0", "1") counts as a difference: it
    /// makes a copy win that holds the same value, which changes nothing.</summary>
    public static bool Same(in Utf8JsonReader first, in Utf8JsonReader second)
    {
        Utf8JsonReader a = first, b = second;
        int depth = a.CurrentDepth;
        while (true)
        {
            if (a.TokenType != b.TokenType || !SameToken(ref a, ref b)) return false;
            if (a.CurrentDepth == depth && a.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
            // Both values were read once already: these reads cannot fail.
            if (!a.Read() || !b.Read()) return false;
        }
    }

    private static bool SameToken(ref Utf8JsonReader a, ref Utf8JsonReader b)
    {
        switch (a.TokenType)
        {
            case JsonTokenType.PropertyName or JsonTokenType.String:
                if (!a.ValueIsEscaped && !b.ValueIsEscaped && !a.HasValueSequence && !b.HasValueSequence) return a.ValueSpan.SequenceEqual(b.ValueSpan);
                return a.GetString() == b.GetString();
            case JsonTokenType.Number:
                return (a.HasValueSequence ? a.ValueSequence.ToArray() : a.ValueSpan).SequenceEqual(b.HasValueSequence ? b.ValueSequence.ToArray() : b.ValueSpan);
            default:
                return true;
        }
    }

    /// <summary>The dictionary key whose value a renamed member takes (<paramref name="names"/>: its name, then the
    /// names it has copies under): a listed name whose value differs from that of the first present name that is not
    /// listed; null when none does (the usual rule decides).</summary>
    public static string? Winner(IReadOnlyDictionary<string, object?> values, string[] copied, params string[] names)
    {
        object? reference = null;
        string? referenceName = null;
        foreach (string name in names)
        {
            if (!IsListed(copied, name) && values.TryGetValue(name, out reference))
            {
                referenceName = name;
                break;
            }
        }
        if (referenceName is null) return null;
        foreach (string name in names)
        {
            if (name != referenceName && IsListed(copied, name) && values.TryGetValue(name, out object? copy) && !SamePlain(copy, reference)) return name;
        }
        return null;
    }

    /// <summary>Whether two plain values are one value: compared by their JSON text (numbers of different boxed types
    /// with one text are one value: a reader converts either the same way); a value without a JSON form with Equals.</summary>
    public static bool SamePlain(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (!PlainJson.CanWrite(a) || !PlainJson.CanWrite(b)) return Equals(a, b);
        return Text(a).AsSpan().SequenceEqual(Text(b));
    }

    private static byte[] Text(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer)) PlainJson.Write(writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Keeps a list read from data for the next write, when it names copies this model does not write itself
    /// (a newer build's): an older build writes them back as it found them.</summary>
    public static void Keep(ref UnknownMembers? unknown, string[] copied, MemberNames names)
    {
        foreach (string name in copied)
        {
            if (!IsListed(names.CopiedNames, name))
            {
                (unknown ??= new UnknownMembers()).CopiedNames = copied;
                return;
            }
        }
    }

    /// <summary>Writes the list: this model's copies and those of the data it was read from.</summary>
    public static void Write(Utf8JsonWriter writer, MemberNames names, UnknownMembers? kept)
    {
        writer.WriteStartArray(Member);
        foreach (string name in All(names, kept)) writer.WriteStringValue(name);
        writer.WriteEndArray();
    }

    /// <summary>The list as a dictionary's value.</summary>
    public static List<object?> Plain(MemberNames names, UnknownMembers? kept)
    {
        var list = new List<object?>();
        foreach (string name in All(names, kept)) list.Add(name);
        return list;
    }

    private static List<string> All(MemberNames names, UnknownMembers? kept)
    {
        var all = new List<string>(names.CopiedNames);
        if (kept?.CopiedNames is { } more)
        {
            foreach (string name in more)
            {
                if (!all.Contains(name)) all.Add(name);
            }
        }
        return all;
    }
}
