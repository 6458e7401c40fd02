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
        ["int8"] = ["int16", "int32", "int64", "float32", "float64", "decimal", "int128"],
        ["int16"] = ["int32", "int64", "float32", "float64", "decimal", "int128"],
        ["int32"] = ["int64", "float64", "decimal", "int128"],
        ["int64"] = ["decimal", "int128"],
        ["uint8"] = ["uint16", "uint32", "uint64", "int16", "int32", "int64", "float32", "float64", "decimal", "int128", "uint128"],
        ["uint16"] = ["uint32", "uint64", "int32", "int64", "float32", "float64", "decimal", "int128", "uint128"],
        ["uint32"] = ["uint64", "int64", "float64", "decimal", "int128", "uint128"],
        // Not to int128: the VarInt of a uint64 above 2^63 - 1 is negative as an int64 (docs/format.md §2).
        ["uint64"] = ["decimal", "uint128"],
        // Not to bigint: its bytes have the fewest bytes, which an older int128 (16 bytes only) or narrower reader
        // does not take, so such a change reads one way only.
        ["float16"] = ["float32", "float64", "complex"],
        ["float32"] = ["float64", "complex"],
        ["float64"] = ["complex"],
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

    /// <summary>The enum members of <paramref name="locked"/> whose value <paramref name="current"/> gives to another
    /// member: binary data stores an enum's value, so data written before would read as the other member, silently
    /// (JSON, which stores the name, would still read right: the forms would disagree). Empty for entries locked
    /// before enums were recorded. An added member, or a removed one whose value nobody took, is no problem here:
    /// old readers keep an unknown value as a number.</summary>
    public static List<(string Enum, string Problem)> EnumProblems(SchemaEntry current, SchemaEntry locked)
    {
        var problems = new List<(string, string)>();
        foreach (EnumEntry before in locked.Enums)
        {
            EnumEntry? now = current.Enums.FirstOrDefault(e => e.Name == before.Name) ?? MovedEnum(current, locked, before);
            if (now is null) continue;
            foreach ((string name, string value) in before.Values)
            {
                (string Name, string Value)? sameName = now.Values.Where(v => v.Name == name).Select(v => ((string, string)?)v).FirstOrDefault();
                if (sameName is { } n)
                {
                    if (SameNumber(n.Value, value)) continue;
                    string? taker = now.Values.Where(v => SameNumber(v.Value, value)).Select(v => v.Name).FirstOrDefault();
                    problems.Add((now.Name, $"enum member '{ShortName(now.Name)}.{name}' was {value} when version {locked.Version} was locked and is {n.Value} now; binary data stores the value, so data written before reads {(taker is null ? "as an undefined value" : $"'{name}' as '{taker}'")}; give it its old value ({name} = {value})"));
                }
                else if (now.Values.Where(v => SameNumber(v.Value, value)).Select(v => v.Name).FirstOrDefault() is string other)
                {
                    problems.Add((now.Name, $"enum value {value} was '{ShortName(now.Name)}.{name}' when version {locked.Version} was locked and is '{other}' now; binary data written before reads '{name}' as '{other}', and JSON that names '{name}' no longer loads; keep '{name}' = {value}, and give '{other}' a value of its own"));
                }
            }
        }
        return problems;
    }

    // An enum moved to another namespace or type: the one enum of its short name on both sides.
    private static EnumEntry? MovedEnum(SchemaEntry current, SchemaEntry locked, EnumEntry before)
    {
        string shortName = ShortName(before.Name);
        if (locked.Enums.Count(e => ShortName(e.Name) == shortName) != 1) return null;
        EnumEntry[] candidates = current.Enums.Where(e => ShortName(e.Name) == shortName && !locked.Enums.Any(l => l.Name == e.Name)).ToArray();
        return candidates.Length == 1 ? candidates[0] : null;
    }

    private static string ShortName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

    // Values as written by the generator (decimal) or read back from a lock file (through a double): compared as numbers.
    // Integers compare exactly (a ulong flag has more digits than a double holds: 0x8000000000000001 and ...03 are one
    // double); a value that is no integer (a lock rewritten through a double by builds before 2026-12-06:
    // "9.223372036854776E+18") compares as a double.
    private static bool SameNumber(string a, string b)
    {
        if (a == b) return true;
        if (Integer(a) is { } x && Integer(b) is { } y) return x == y;
        return double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double p)
            && double.TryParse(b, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double q) && p == q;
    }

    private static System.Numerics.BigInteger? Integer(string text) =>
        System.Numerics.BigInteger.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

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
        // A rectangular array (T[,] up to rank 8) reads as one of the same rank whose element reads: like T[].
        int beforeRank = Rank(before), nowRank = Rank(now);
        if (beforeRank > 1 || nowRank > 1)
        {
            if (beforeRank == 0 || nowRank == 0) return "the key is reused for another type";
            if (beforeRank != nowRank)
                return $"the array's rank changed from {beforeRank} to {nowRank}, and data of one rank does not read as another; keep the rank, or convert such data first";
            string be = Strip(before.Substring(0, before.Length - beforeRank - 1)), ne = Strip(now.Substring(0, now.Length - nowRank - 1));
            string? element = Compare(be, ne);
            return element == Reused ? $"the element type changed from {be} to {ne}, which its data does not read as" : element;
        }
        if (Tuple(before) is { } bt && Tuple(now) is { } nt)
        {
            if (bt.KeyValuePair != nt.KeyValuePair)
                return "a KeyValuePair and a tuple differ in JSON ({\"Key\": k, \"Value\": v} against [k, v]), though not in binary; keep the type, or convert such data first";
            if (bt.Items.Count != nt.Items.Count)
                return $"the tuple's arity changed from {bt.Items.Count} to {nt.Items.Count}, and a reader refuses a tuple of another arity; keep the items, or convert such data first";
            for (int i = 0; i < bt.Items.Count; i++)
                if (Compare(Strip(bt.Items[i]), Strip(nt.Items[i])) is string item)
                    return $"item {i + 1}: {item}";
            return null;
        }
        if (Element(before) is string b && Element(now) is string n)
        {
            // Every set is a valid list, but a list may hold a value twice, which reading it as a set refuses.
            if (IsSet(now) && !IsSet(before))
                return "a list or array may hold the same value twice, which a set refuses on load; keep the list type, or convert such data first";
            return Compare(b, n);
        }
        if (Map(before) is (string bk, string bv) && Map(now) is (string nk, string nv))
            return Compare(bk, nk) ?? Compare(Strip(bv), Strip(nv));
        return Reused;
    }

    private const string Reused = "the key is reused for another type";

    // The rank of a rectangular array type name (float32[,] is 2), 1 for T[], 0 for anything else.
    private static int Rank(string type)
    {
        if (!type.EndsWith("]", StringComparison.Ordinal)) return 0;
        int commas = 0, i = type.Length - 2;
        while (i >= 0 && type[i] == ',') { commas++; i--; }
        return i >= 0 && type[i] == '[' ? commas + 1 : 0;
    }

    // tuple<T1,...,Tn> and keyvalue<K,V>: their item type names.
    private static (bool KeyValuePair, List<string> Items)? Tuple(string type)
    {
        bool pair = type.StartsWith("keyvalue<", StringComparison.Ordinal);
        if (!pair && !type.StartsWith("tuple<", StringComparison.Ordinal) || !type.EndsWith(">", StringComparison.Ordinal)) return null;
        int start = pair ? 9 : 6;
        var items = new List<string>();
        int depth = 0, from = start;
        for (int i = start; i < type.Length - 1; i++)
        {
            if (type[i] == '<') depth++;
            else if (type[i] == '>') depth--;
            else if (type[i] == ',' && depth == 0)
            {
                items.Add(type.Substring(from, i - from));
                from = i + 1;
            }
        }
        items.Add(type.Substring(from, type.Length - 1 - from));
        return (pair, items);
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
