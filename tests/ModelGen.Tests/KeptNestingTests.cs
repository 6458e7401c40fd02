using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.KeptNesting")]
public partial class KeptNestingNew
{
    public int X { get; set; }
    public Chain? Deep { get; set; }
}

[SerializableModel(Name = "Tests.KeptNesting")]
public partial class KeptNestingOld
{
    public int X { get; set; }
}

[SerializableModel(Name = "Tests.KeptNestingHolder")]
public partial class KeptNestingHolderNew
{
    public KeptNestingHolderNew? Next { get; set; }
    public KeptNestingNew? Leaf { get; set; }
}

[SerializableModel(Name = "Tests.KeptNestingHolder")]
public partial class KeptNestingHolder
{
    public KeptNestingHolder? Next { get; set; }
    public KeptNestingOld? Leaf { get; set; }
}

/// <summary>A member an older build keeps from newer data was read where it fit below the depth limit; the object that
/// keeps it can then be placed deeper in another value. Written there, the newer build (which reads the member as its
/// own, counting its levels) would refuse the whole file or document, so every writer refuses the value first, naming
/// the member; at the limit it is written and the newer build reads it.</summary>
public class KeptNestingTests
{
    private const int Chained = 60; // the kept member `deep` nests 60 levels

    public static TheoryData<string> Sources => new() { "binary1", "binary2", "json", "dictionary" };

    // The older build's object holding the newer member `deep`, read from the form given: kept raw (format 1), kept
    // with a member description (format 2), or kept by name (JSON, dictionary).
    private static KeptNestingOld Kept(string source)
    {
        Chain chain = new() { Value = 0 };
        Chain c = chain;
        for (int i = 1; i < Chained; i++) c = c.Child = new Chain { Value = i };
        var newer = new KeptNestingNew { X = 7, Deep = chain };
        KeptNestingOld old = source switch
        {
            "binary1" => ModelSerializer.Deserialize<KeptNestingOld>(ModelSerializer.Serialize(newer)),
            "binary2" => ModelSerializer.Deserialize<KeptNestingOld>(ModelSerializer.Serialize(newer, new ModelSerializerOptions { FormatVersion = 2 })),
            "json" => ModelJson.Deserialize<KeptNestingOld>(ModelJson.Serialize(newer)),
            _ => ModelDictionary.FromDictionary<KeptNestingOld>(ModelDictionary.ToDictionary(newer)),
        };
        Assert.Single(ModelSerializer.GetUnknownMembers(old));
        return old;
    }

    // The older object placed `above` levels below the root: its kept member then reaches above + 1 + 60 levels.
    private static KeptNestingHolder Holding(KeptNestingOld old, int above)
    {
        var root = new KeptNestingHolder();
        KeptNestingHolder h = root;
        for (int i = 0; i < above; i++) h = h.Next = new KeptNestingHolder();
        h.Leaf = old;
        return root;
    }

    // Every form the older build writes, read back by the newer build.
    private static IEnumerable<(string Form, Func<KeptNestingHolder, KeptNestingHolderNew> RoundTrip)> Forms(ModelSerializerOptions binary)
    {
        yield return ("binary1", v => ModelSerializer.Deserialize<KeptNestingHolderNew>(ModelSerializer.Serialize(v, binary), binary));
        yield return ("binary2", v => ModelSerializer.Deserialize<KeptNestingHolderNew>(
            ModelSerializer.Serialize(v, binary with { FormatVersion = 2 }), binary));
        var json = new ModelJsonOptions { MaxDepth = binary.MaxDepth };
        yield return ("json", v => ModelJson.Deserialize<KeptNestingHolderNew>(ModelJson.Serialize(v, json), json));
        yield return ("dictionary", v => ModelDictionary.FromDictionary<KeptNestingHolderNew>(ModelDictionary.ToDictionary(v, binary), binary));
    }

    private static Chain Last(Chain c)
    {
        while (c.Child is not null) c = c.Child;
        return c;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void At_the_limit_every_form_keeps_the_member_for_the_newer_build(string source)
    {
        KeptNestingOld old = Kept(source);
        foreach (var (form, roundTrip) in Forms(ModelSerializerOptions.Default))
        {
            // 3 + 1 + 60 = 64, the default limit. (A member kept from format 1 has no name: JSON and dictionaries
            // carry it by key, under "$fields".)
            KeptNestingHolderNew back = roundTrip(Holding(old, 3));
            KeptNestingNew leaf = back.Next!.Next!.Next!.Leaf!;
            Assert.Equal(7, leaf.X);
            Assert.Equal(Chained - 1, Last(leaf.Deep!).Value);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void One_level_deeper_every_form_refuses_the_value_naming_the_member(string source)
    {
        KeptNestingOld old = Kept(source);
        KeptNestingHolder tooDeep = Holding(old, 4);
        foreach (var (form, roundTrip) in Forms(ModelSerializerOptions.Default))
        {
            var e = Assert.Throws<ModelFormatException>(() => roundTrip(tooDeep));
            Assert.Contains("kept from data of a newer version", e.Reason, StringComparison.Ordinal);
            Assert.Contains("deeper than the limit of 64", e.Reason, StringComparison.Ordinal);
            string member = source == "binary1" ? "#" + ModelGen.Internal.MemberKeys.Of("deep") : "deep";
            Assert.Equal("next.next.next.next.leaf." + member, e.Path);
        }

        // With a larger limit on both sides every form is written and read.
        var deeper = new ModelSerializerOptions { MaxDepth = 65 };
        foreach (var (_, roundTrip) in Forms(deeper)) Assert.Equal(7, roundTrip(tooDeep).Next!.Next!.Next!.Next!.Leaf!.X);
        // A raw field is read where it stands, so the default reader refuses it: the check above is the reader's.
        // (A member kept by name goes to binary as JSON text, whose depth its reader bounds on its own.)
        if (source == "binary1")
        {
            byte[] written = ModelSerializer.Serialize(tooDeep, deeper);
            Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<KeptNestingHolderNew>(written));
        }
    }

    [Fact]
    public void A_file_is_never_replaced_by_one_the_newer_build_cannot_read()
    {
        KeptNestingOld old = Kept("binary1");
        string path = Path.Combine(Path.GetTempPath(), $"kept-nesting-{Guid.NewGuid():N}.mgen");
        try
        {
            ModelFile.Save(path, Holding(old, 3));
            byte[] before = File.ReadAllBytes(path);
            Assert.Throws<ModelFormatException>(() => ModelFile.Save(path, Holding(old, 4)));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(Chained - 1, Last(ModelFile.Load<KeptNestingHolderNew>(path).Next!.Next!.Next!.Leaf!.Deep!).Value);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
