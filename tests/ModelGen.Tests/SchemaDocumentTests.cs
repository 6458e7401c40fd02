using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>The schema document (<see cref="ModelSchema.ToJson"/>, also the lock file's entries) round-trips and
/// names a union's cases, so readers in other languages pick the case's schema by its tag.</summary>
public sealed class SchemaDocumentTests
{
    [Fact]
    public void A_union_base_lists_its_cases_by_tag_and_model_name()
    {
        Assert.Equal(
            [new ModelUnionCase("dense", DenseOp.Schema.Name), new ModelUnionCase("conv", ConvOp.Schema.Name), new ModelUnionCase("dropout", DropoutOp.Schema.Name)],
            Op.Schema.UnionCases.OrderBy(c => c.Tag == "dense" ? 0 : c.Tag == "conv" ? 1 : 2));
        string json = Op.Schema.ToJson();
        Assert.Contains("\"unionCases\": [", json);
        ModelSchema read = ModelSchema.ReadJson(json).Single();
        Assert.Equal(Op.Schema.UnionCases.OrderBy(c => c.Tag), read.UnionCases.OrderBy(c => c.Tag));
        Assert.Equal(json, read.ToJson());
        Assert.Empty(DenseOp.Schema.UnionCases);
        Assert.DoesNotContain("unionCases", DenseOp.Schema.ToJson());
    }

    [Fact]
    public void A_lock_file_of_several_schemas_reads_back_to_the_same_text()
    {
        string text = ModelSchema.WriteLockFile([Op.Schema, DenseOp.Schema, ConvOp.Schema, AllScalars.Schema]);
        Assert.Equal(text, ModelSchema.WriteLockFile(ModelSchema.ReadJson(text)));
        Assert.Equal(4, ModelSchema.ReadJson(text).Count);
    }

    // A lock file as written before union cases were part of schema documents and fingerprints: the union base's
    // entry has no "unionCases" and a fingerprint of its members alone. Lock files are kept in repositories for
    // years; this format must stay readable and keep matching the model it locked.
    private const string LockFileWithoutUnionCases = """
        {
          "lockVersion": 1,
          "schemas": [
            {
              "name": "ModelGen.Tests.Op",
              "version": 1,
              "fingerprint": "460d7e12a1b5a8da",
              "members": [
                { "name": "name", "key": 258774, "type": "string", "required": false, "previousNames": [] }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void A_lock_file_from_before_union_cases_is_read_and_still_matches_its_model()
    {
        ModelSchema locked = ModelSchema.ReadJson(LockFileWithoutUnionCases).Single();
        Assert.Empty(locked.UnionCases);
        Assert.Equal(Op.Schema.Members.Single().Key, locked.Members.Single().Key);
        Assert.NotEqual(locked.Fingerprint, Op.Schema.Fingerprint); // the cases now take part in the fingerprint
        Assert.Equal(0x82093f3550897d17UL, Op.Schema.Fingerprint);   // golden: stable across builds and machines
        Assert.True(Op.Schema.HasLayoutOf(locked));

        // An entry that records other cases, or other members, is another layout.
        string otherCases = Op.Schema.ToJson().Replace("\"dropout\"", "\"pool\"");
        Assert.False(Op.Schema.HasLayoutOf(ModelSchema.ReadJson(otherCases.Replace(Op.Schema.Fingerprint.ToString("x16"), "460d7e12a1b5a8da")).Single()));
        Assert.False(Op.Schema.HasLayoutOf(ModelSchema.ReadJson(LockFileWithoutUnionCases.Replace("\"string\"", "\"string?\"").Replace("460d7e12a1b5a8da", "0000000000000001")).Single()));
        Assert.False(DenseOp.Schema.HasLayoutOf(locked));
    }
}
