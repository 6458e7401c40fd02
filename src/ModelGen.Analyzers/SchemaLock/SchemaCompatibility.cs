using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Schema;

namespace ModelGen.Analyzers.SchemaLock;

/// <summary>Which member changes between two schema versions data survives (docs/versioning.md), on the
/// language-neutral type names of the schema.</summary>
internal static class SchemaCompatibility
{
    // Each type and the wider types its values can be read as without loss.
    private static readonly Dictionary<string, string[]> Widenings = new(StringComparer.Ordinal)
    {
        ["int8"] = ["int16", "int32", "int64", "float32", "float64", "decimal"],
        ["int16"] = ["int32", "int64", "float32", "float64", "decimal"],
        ["int32"] = ["int64", "float64", "decimal"],
        ["int64"] = ["decimal"],
        ["uint8"] = ["uint16", "uint32", "uint64", "int16", "int32", "int64", "float32", "float64", "decimal"],
        ["uint16"] = ["uint32", "uint64", "int32", "int64", "float32", "float64", "decimal"],
        ["uint32"] = ["uint64", "int64", "float64", "decimal"],
        ["uint64"] = ["decimal"],
        ["float16"] = ["float32", "float64"],
        ["float32"] = ["float64"],
    };

    /// <summary>The problems that keep data of <paramref name="locked"/> and <paramref name="current"/> from being
    /// read by the other version; empty when they can be exchanged in both directions.</summary>
    public static List<(string Member, string Problem)> Problems(SchemaEntry current, SchemaEntry locked)
    {
        var problems = new List<(string, string)>();
        // A union case removed: data holding that tag cannot be read any more (an added case is compatible: old
        // readers never see data of it unless it is written, and then fail loudly on the unknown tag).
        foreach (UnionCaseEntry before in locked.UnionCases)
        {
            if (!current.UnionCases.Any(c => c.Tag == before.Tag))
                problems.Add(("", $"union case '{before.Tag}' ({before.Model}) was removed, so version {locked.Version} data holding it cannot be read; keep the case, or convert such data first"));
        }
        foreach (MemberEntry now in current.Members)
        {
            MemberEntry? before = locked.Members.FirstOrDefault(m => SameMember(now, m));
            if (before is null)
            {
                if (now.Required)
                    problems.Add((now.Name, $"member '{now.Name}' is required, but version {locked.Version} data does not have it; give it a default or make it optional"));
                continue;
            }
            string? why = Compare(Strip(before.Type), Strip(now.Type));
            if (why is not null)
                problems.Add((now.Name, $"member '{now.Name}' (key {now.Key}) was {before.Type} and is now {now.Type}: {why}"));
        }
        return problems;
    }

    // The same member: the same key, or a name the other version knows it by.
    private static bool SameMember(MemberEntry now, MemberEntry before) =>
        now.Key == before.Key || now.PreviousNames.Contains(before.Name) || now.Name == before.Name;

    private static string Strip(string type) => type.EndsWith("?", StringComparison.Ordinal) ? type.Substring(0, type.Length - 1) : type;

    /// <summary>Null when data of type <paramref name="before"/> reads as <paramref name="now"/> (and back, where values fit).</summary>
    private static string? Compare(string before, string now)
    {
        if (before == now) return null;
        if (Widenings.TryGetValue(before, out string[]? wider) && wider.Contains(now)) return null;
        if (Widenings.TryGetValue(now, out wider) && wider.Contains(before)) return "a narrowing change loses values";
        if (Element(before) is string b && Element(now) is string n)
        {
            // Every set is a valid list, but a list may hold a value twice, which reading it as a set refuses.
            if (IsSet(now) && !IsSet(before))
                return "a list or array may hold the same value twice, which a set refuses on load; keep the list type, or convert such data first";
            return Compare(b, n);
        }
        if (Map(before) is (string bk, string bv) && Map(now) is (string nk, string nv))
            return Compare(bk, nk) ?? Compare(Strip(bv), Strip(nv));
        return "the key is reused for another type";
    }

    // T[], list<T> and set<T> are the same on the wire (every collection kind of one element type is one of these).
    private static string? Element(string type)
    {
        if (type.EndsWith("[]", StringComparison.Ordinal)) return Strip(type.Substring(0, type.Length - 2));
        foreach (string prefix in new[] { "list<", "set<" })
            if (type.StartsWith(prefix, StringComparison.Ordinal) && type.EndsWith(">", StringComparison.Ordinal))
                return Strip(type.Substring(prefix.Length, type.Length - prefix.Length - 1));
        return null;
    }

    private static bool IsSet(string type) => type.StartsWith("set<", StringComparison.Ordinal);

    private static (string, string)? Map(string type)
    {
        if (!type.StartsWith("map<", StringComparison.Ordinal) || !type.EndsWith(">", StringComparison.Ordinal)) return null;
        string inner = type.Substring(4, type.Length - 5);
        int depth = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '<') depth++;
            else if (inner[i] == '>') depth--;
            else if (inner[i] == ',' && depth == 0) return (inner.Substring(0, i), inner.Substring(i + 1));
        }
        return null;
    }
}
