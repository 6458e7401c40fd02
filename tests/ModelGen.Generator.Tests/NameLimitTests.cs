using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>The longest names the binary format holds (1,024 UTF-8 bytes, MG0026 above it): a model and a member named
/// that long round-trip in every form, so the generator's limit is the readers' limit, not a stricter one.</summary>
public class NameLimitTests
{
    [Theory, MemberData(nameof(EvolutionTests.Forms), MemberType = typeof(EvolutionTests))]
    public void A_model_and_a_member_named_as_long_as_the_format_holds_round_trip(string form)
    {
        string longest = new('é', 512); // 1,024 bytes of UTF-8
        var v = new ModelVersion($$"""
            [SerializableModel(Name = "{{longest}}")] public partial class Model
            {
                [ModelMember(Name = "{{longest}}")] public int X { get; set; }
                public string Label { get; set; } = "";
            }
            public static class Samples { public static object Sample() => new Model { X = 7, Label = "kept" }; }
            """);
        object back = v.Read(v.Write(v.Sample(), form), form);
        Assert.Equal(7, ModelVersion.Get(back, "X"));
        Assert.Equal("kept", ModelVersion.Get(back, "Label"));
    }
}
