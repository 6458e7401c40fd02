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
}
