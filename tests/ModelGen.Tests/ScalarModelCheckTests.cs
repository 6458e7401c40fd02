using System;
using System.Buffers;
using System.Collections.Generic;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A model of value-type scalars only, nested in a model (the nodes of a forest).</summary>
[SerializableModel]
public partial class ScalarLeaf
{
    public int A { get; set; }
    public float B { get; set; }
    public Color C { get; set; }
    public DateTime? D { get; set; }
}

/// <summary>A model of one char: not scalar-only for the check, which refuses surrogates.</summary>
[SerializableModel]
public partial class CharLeaf
{
    public char C { get; set; }
}

[SerializableModel]
public partial class LeafHolder
{
    public ScalarLeaf Required { get; set; } = new();
    public List<ScalarLeaf?> Many { get; set; } = new();
    public List<CharLeaf> Chars { get; set; } = new();
}

/// <summary>The check before a write does not enter models of value-type scalars only; what it refuses in and around
/// them is refused as before: their depth, a null where the member cannot be null, a surrogate char in a look-alike.</summary>
public class ScalarModelCheckTests
{
    private static LeafHolder Sample() => new()
    {
        Required = new ScalarLeaf { A = 1, B = 2.5f, C = Color.Blue, D = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) },
        Many = [new ScalarLeaf { A = 7 }, null, new ScalarLeaf { D = null }],
        Chars = [new CharLeaf { C = 'x' }],
    };

    [Fact]
    public void Models_of_scalars_still_count_as_a_level_for_writer_and_reader()
    {
        var holder = Sample();
        var output = new ArrayBufferWriter<byte>();
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(output, holder, new ModelSerializerOptions { MaxDepth = 1 }));
        Assert.Contains("deeper than the limit of 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);

        byte[] bytes = ModelSerializer.Serialize(holder, new ModelSerializerOptions { MaxDepth = 2 });
        Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<LeafHolder>(bytes, new ModelSerializerOptions { MaxDepth = 1 }));
        LeafHolder back = ModelSerializer.Deserialize<LeafHolder>(bytes, new ModelSerializerOptions { MaxDepth = 2 });
        Assert.Equal(ModelJson.Serialize(holder), ModelJson.Serialize(back));
        Assert.Null(back.Many[1]);
        Assert.Equal(7, back.Many[0]!.A);
    }

    [Fact]
    public void A_null_scalar_model_where_none_is_allowed_is_refused_with_its_path()
    {
        var holder = Sample();
        holder.Required = null!;
        var output = new ArrayBufferWriter<byte>();
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(output, holder));
        Assert.Equal("required", e.Path);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_char_model_is_still_checked_for_surrogates()
    {
        var holder = Sample();
        holder.Chars.Add(new CharLeaf { C = '\uD800' });
        var output = new ArrayBufferWriter<byte>();
        var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(output, holder));
        Assert.Equal("chars[1].c", e.Path);
        Assert.Equal(0, output.WrittenCount);
    }
}
