// Shared source: compiled into the analyzers (MG2001's message) and linked into the modelgen tool (its refusal to
// overwrite a locked layout), so both describe a change in the same words.
using System.Collections.Generic;
using System.Linq;
using ModelGen.Schema;

namespace ModelGen.Analyzers.SchemaLock;

/// <summary>What differs between two schema entries of one model: each change names the member (or union case) and how
/// it changed. Members are matched by name, then by a previous name (a rename); union cases by tag.</summary>
internal static class SchemaDiff
{
    public static List<string> Changes(SchemaEntry locked, SchemaEntry current)
    {
        var changes = new List<string>();
        var matched = new HashSet<MemberEntry>();
        foreach (MemberEntry now in current.Members)
        {
            MemberEntry? before = locked.Members.FirstOrDefault(m => m.Name == now.Name)
                ?? locked.Members.FirstOrDefault(m => now.PreviousNames.Contains(m.Name));
            if (before is null)
            {
                changes.Add($"added '{now.Name}' ({now.Type}, key {now.Key})");
                continue;
            }
            matched.Add(before);
            if (before.Name != now.Name) changes.Add($"renamed '{before.Name}' to '{now.Name}'");
            if (before.Type != now.Type) changes.Add($"'{now.Name}' type {before.Type} -> {now.Type}");
            if (before.Key != now.Key) changes.Add($"'{now.Name}' key {before.Key} -> {now.Key}");
            if (before.Required != now.Required) changes.Add($"'{now.Name}' {(now.Required ? "became required" : "is no longer required")}");
            if (before.Name == now.Name && !before.PreviousNames.SequenceEqual(now.PreviousNames))
                changes.Add($"'{now.Name}' previous names [{string.Join(", ", before.PreviousNames)}] -> [{string.Join(", ", now.PreviousNames)}]");
        }
        foreach (MemberEntry before in locked.Members.Where(m => !matched.Contains(m)))
            changes.Add($"removed '{before.Name}' ({before.Type}, key {before.Key})");

        foreach (UnionCaseEntry now in current.UnionCases)
        {
            UnionCaseEntry? before = locked.UnionCases.FirstOrDefault(c => c.Tag == now.Tag);
            if (before is null) changes.Add($"union case '{now.Tag}' ({now.Model}) added");
            else if (before.Model != now.Model) changes.Add($"union case '{now.Tag}' model {before.Model} -> {now.Model}");
        }
        foreach (UnionCaseEntry before in locked.UnionCases.Where(c => !current.UnionCases.Any(n => n.Tag == c.Tag)))
            changes.Add($"union case '{before.Tag}' ({before.Model}) removed");
        return changes;
    }

    /// <summary>The changes as one phrase for a message, e.g. <c>added 'steps' (int64, key 156180); removed 'bias' (float32, key 7)</c>.</summary>
    public static string Describe(SchemaEntry locked, SchemaEntry current)
    {
        List<string> changes = Changes(locked, current);
        return changes.Count == 0
            ? $"the layout fingerprint changed from {SchemaDocument.FingerprintText(locked.Fingerprint)} to {SchemaDocument.FingerprintText(current.Fingerprint)}"
            : string.Join("; ", changes);
    }
}
