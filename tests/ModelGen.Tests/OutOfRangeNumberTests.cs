using System;
using System.Collections.Generic;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A number beyond a floating-point type's range is an error naming the member in every form, never the
/// infinity it parses as: "1e400" in a configuration file, a JSON number or a JSON layer's value used to load as
/// Infinity (a double from every form; a float or Half from strings). An infinity is spelled "Infinity".</summary>
public class OutOfRangeNumberTests
{
    [Theory]
    [InlineData("d", "1e400")]
    [InlineData("d", "-1e400")]
    [InlineData("f", "1e39")]
    [InlineData("f", "3.5e38")]
    [InlineData("h", "1e5")]
    [InlineData("h", "70000.5")]
    [InlineData("h", "65520")]
    public void A_number_beyond_the_range_is_refused_in_every_form(string member, string text)
    {
        var fromString = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<RangeProbe>(new Dictionary<string, object?> { [member] = text }));
        var fromJson = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<RangeProbe>($$"""{"{{member}}": {{text}}}"""));
        var fromElement = Assert.Throws<ModelFormatException>(() =>
            ModelDictionary.FromDictionary<RangeProbe>(JsonSerializer.Deserialize<Dictionary<string, object?>>($$"""{"{{member}}": {{text}}}""")!));
        foreach (ModelFormatException e in new[] { fromString, fromJson, fromElement })
        {
            Assert.Equal(member, e.Path);
            Assert.Contains(e == fromJson ? "out of range" : "does not fit", e.Message);
        }
    }

    [Fact]
    public void Infinities_and_the_largest_numbers_still_read()
    {
        var values = new Dictionary<string, object?> { ["d"] = "-Infinity", ["f"] = "3.4028235e38", ["h"] = "65504" };
        RangeProbe v = ModelDictionary.FromDictionary<RangeProbe>(values);
        Assert.Equal(double.NegativeInfinity, v.D);
        Assert.Equal(float.MaxValue, v.F);
        Assert.Equal(Half.MaxValue, v.H);
        v = ModelJson.Deserialize<RangeProbe>("""{"d": "Infinity", "f": 3.4028235e38, "h": 65500}""");
        Assert.Equal(double.PositiveInfinity, v.D);
        Assert.Equal(float.MaxValue, v.F);
        Assert.Equal(Half.MaxValue, v.H);
        Assert.Equal(double.MaxValue, ModelDictionary.FromDictionary<RangeProbe>(new Dictionary<string, object?> { ["d"] = "1.7976931348623157e308" }).D);
    }
}

[Hyperparameters]
public partial class RangeProbe
{
    public double D { get; set; }
    public float F { get; set; }
    public Half H { get; set; }
}
