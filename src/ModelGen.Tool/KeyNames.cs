using System;
using System.Collections.Generic;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Names for field keys. The format stores keys, not names; the reserved keys have fixed meanings, and
/// member keys can be matched against candidate names because a default key is derived from the name
/// (docs/format.md §3, <see cref="MemberKeys.Of"/>).</summary>
internal sealed class KeyNames
{
    private readonly Dictionary<int, string> _names = new();

    public KeyNames(IEnumerable<string> candidates)
    {
        foreach (string name in candidates)
        {
            string trimmed = name.Trim();
            if (trimmed.Length > 0) _names.TryAdd(MemberKeys.Of(trimmed), trimmed);
        }
    }

    public static KeyNames None { get; } = new([]);

    /// <summary>Adds names whose keys are known (from schema documents; explicit keys are not derived from names).</summary>
    public KeyNames With(IEnumerable<(int Key, string Name)> known)
    {
        foreach (var (key, name) in known) _names.TryAdd(key, name);
        return this;
    }

    /// <summary>A label for a field key, or null when nothing is known about it.</summary>
    public string? NameOf(int key) => key switch
    {
        FieldKeys.ItemOrVersion => "$version",
        FieldKeys.UnionTag => "$type",
        _ => _names.TryGetValue(key, out string? name) ? name : null,
    };
}
