using System;
using System.Collections.Generic;
using System.Text;
using ModelGen;

namespace ModelGen.Tool;

/// <summary>Names for field keys. The format stores keys, not names; the reserved keys have fixed meanings, and
/// member keys can be matched against candidate names because a default key is derived from the name
/// (docs/format.md §3: 16 + FNV-1a-32(UTF-8 name) mod (2^18 − 16)).</summary>
internal sealed class KeyNames
{
    private const int KeySpace = (1 << 18) - FieldKeys.FirstMemberKey;
    private readonly Dictionary<int, string> _names = new();

    public KeyNames(IEnumerable<string> candidates)
    {
        foreach (string name in candidates)
        {
            string trimmed = name.Trim();
            if (trimmed.Length > 0) _names.TryAdd(KeyOf(trimmed), trimmed);
        }
    }

    public static KeyNames None { get; } = new([]);

    /// <summary>The default key of a member named <paramref name="name"/>.</summary>
    public static int KeyOf(string name)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return FieldKeys.FirstMemberKey + (int)(hash % KeySpace);
    }

    /// <summary>A label for a field key, or null when nothing is known about it.</summary>
    public string? NameOf(int key) => key switch
    {
        FieldKeys.ItemOrVersion => "$version",
        FieldKeys.UnionTag => "$type",
        _ => _names.TryGetValue(key, out string? name) ? name : null,
    };
}
