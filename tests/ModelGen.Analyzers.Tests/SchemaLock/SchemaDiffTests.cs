using System.Collections.Generic;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Schema;
using Xunit;

namespace ModelGen.Analyzers.Tests.SchemaLock;

/// <summary>How MG2001 (and `modelgen lock`) describe a layout change: each member or union case, and how it changed.</summary>
public sealed class SchemaDiffTests
{
    private static MemberEntry Member(string name, int key, string type, bool required = false, params string[] previous) =>
        new() { Name = name, Key = key, Type = type, Required = required, PreviousNames = new List<string>(previous) };

    private static SchemaEntry Entry(ulong fingerprint, params MemberEntry[] members) =>
        new() { Name = "App.Mlp", Version = 1, Fingerprint = fingerprint, Members = new List<MemberEntry>(members) };

    [Fact]
    public void Each_kind_of_member_change_is_named()
    {
        SchemaEntry locked = Entry(1, Member("epochs", 10, "int32"), Member("bias", 11, "float32"), Member("rate", 12, "float32"), Member("seed", 13, "int32"), Member("old", 14, "string"));
        SchemaEntry now = Entry(2, Member("epochs", 10, "int64"), Member("rate", 20, "float32"), Member("seed", 13, "int32", required: true), Member("fresh", 14, "string", false, "old"), Member("dropout", 15, "float32"));
        Assert.Equal(
            [
                "'epochs' type int32 -> int64",
                "'rate' key 12 -> 20",
                "'seed' became required",
                "renamed 'old' to 'fresh'",
                "added 'dropout' (float32, key 15)",
                "removed 'bias' (float32, key 11)",
            ],
            SchemaDiff.Changes(locked, now));
    }

    [Fact]
    public void Union_cases_added_removed_or_pointed_at_another_model_are_named()
    {
        SchemaEntry locked = Entry(1);
        locked.UnionCases.Add(new UnionCaseEntry { Tag = "dense", Model = "App.Dense" });
        locked.UnionCases.Add(new UnionCaseEntry { Tag = "conv", Model = "App.Conv" });
        SchemaEntry now = Entry(1);
        now.UnionCases.Add(new UnionCaseEntry { Tag = "dense", Model = "App.Dense2" });
        now.UnionCases.Add(new UnionCaseEntry { Tag = "attention", Model = "App.Attention" });
        Assert.Equal(
            ["union case 'dense' model App.Dense -> App.Dense2", "union case 'attention' (App.Attention) added", "union case 'conv' (App.Conv) removed"],
            SchemaDiff.Changes(locked, now));
    }

    [Fact]
    public void A_change_the_members_do_not_show_falls_back_to_the_fingerprints()
    {
        Assert.Equal("the layout fingerprint changed from 0000000000000001 to 0000000000000002",
            SchemaDiff.Describe(Entry(1, Member("a", 10, "int32")), Entry(2, Member("a", 10, "int32"))));
    }
}
