using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.ComplexToReal")]
public partial class RealMembers
{
    public double Double { get; set; }
    public float Float { get; set; }
    public Half Half { get; set; }
    public double? Maybe { get; set; }
    public List<double> Doubles { get; set; } = new();
}

[SerializableModel(Name = "Tests.ComplexToReal")]
public partial class ComplexMembers
{
    public Complex Double { get; set; }
    public Complex Float { get; set; }
    public Complex Half { get; set; }
    public Complex? Maybe { get; set; }
    public List<Complex> Doubles { get; set; } = new();
}

/// <summary>double → Complex is a widening (docs/versioning.md): an older build's double (float, Half) member reads a
/// newer build's Complex whose imaginary part is zero from JSON and dictionaries as it does from binary, and refuses
/// any other with the same kind of error, naming the member.</summary>
public class ComplexToRealTests
{
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);
    private static ulong Bits(double d) => BitConverter.DoubleToUInt64Bits(d);

    // Each form's way from the newer build's value to the older build's.
    private static readonly (string Form, Func<ComplexMembers, RealMembers> Read)[] Forms =
    [
        ("binary", c => ModelSerializer.Deserialize<RealMembers>(ModelSerializer.Serialize(c))),
        ("format 2", c => ModelSerializer.Deserialize<RealMembers>(ModelSerializer.Serialize(c, new ModelSerializerOptions { FormatVersion = 2 }))),
        ("JSON", c => ModelJson.Deserialize<RealMembers>(ModelJson.Serialize(c))),
        ("JsonSerializer", c => JsonSerializer.Deserialize<RealMembers>(JsonSerializer.Serialize(c))!),
        ("dictionary", c => ModelDictionary.FromDictionary<RealMembers>(ModelDictionary.ToDictionary(c))),
        ("dictionary through JSON", c => ModelDictionary.FromDictionary<RealMembers>(
            JsonSerializer.Deserialize<Dictionary<string, object?>>(ModelJson.Serialize(c))!)),
    ];

    [Fact]
    public void An_older_real_member_reads_a_Complex_without_imaginary_part_alike_in_every_form()
    {
        ulong[] reals = [Bits(2.5), Bits(-0.0), Bits(0.1), Bits(double.NaN), 0x7FF8_0000_0000_0001, 0x7FF0_0000_0000_07A2, Bits(double.NegativeInfinity)];
        foreach (ulong re in reals)
        {
            double r = D(re);
            var newer = new ComplexMembers
            {
                Double = new Complex(r, 0),
                Float = new Complex(r, -0.0),
                Half = new Complex(r, 0),
                Maybe = new Complex(r, 0),
                Doubles = [new Complex(1, 0), new Complex(r, 0)],
            };
            foreach ((string form, Func<ComplexMembers, RealMembers> read) in Forms)
            {
                RealMembers older = read(newer);
                Assert.True(re == Bits(older.Double), $"{form}: double {re:x16} read {Bits(older.Double):x16}");
                Assert.True(re == Bits(older.Maybe!.Value), $"{form}: maybe");
                Assert.True(re == Bits(older.Doubles[1]), $"{form}: doubles[1]");
                // Narrower members round the real part as binary rounds a wider number (and convert a NaN as it does).
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)r), BitConverter.SingleToUInt32Bits(older.Float));
                Assert.Equal(BitConverter.HalfToUInt16Bits((Half)r), BitConverter.HalfToUInt16Bits(older.Half));
            }
        }
    }

    [Fact]
    public void The_JSON_spelling_of_a_Complex_reads_into_a_double_member()
    {
        RealMembers r = ModelJson.Deserialize<RealMembers>(
            "{\"double\":[\"NaN:7ff8000000000001\",0],\"float\":[0.1,-0],\"half\":[\"-Infinity\",0],\"maybe\":[\"NaN:7fc00001\",0],\"doubles\":[[1,0],2]}");
        Assert.Equal(0x7FF8_0000_0000_0001UL, Bits(r.Double));
        Assert.Equal(0.1f, r.Float);
        Assert.Equal(Half.NegativeInfinity, r.Half);
        Assert.Equal(Bits(BitConverter.UInt32BitsToSingle(0x7FC0_0001)), Bits(r.Maybe!.Value)); // a float's NaN, widened
        Assert.Equal(new List<double> { 1, 2 }, r.Doubles);
        // And the older build's double reads back into the newer build's Complex (the other way of the widening).
        var fromOlder = ModelJson.Deserialize<ComplexMembers>(ModelJson.Serialize(new RealMembers { Double = D(0x7FF0_0000_0000_07A2), Maybe = 3 }));
        Assert.Equal(0x7FF0_0000_0000_07A2UL, Bits(fromOlder.Double.Real));
        Assert.Equal(new Complex(3, 0), fromOlder.Maybe);
        var plainFromOlder = ModelDictionary.FromDictionary<ComplexMembers>(ModelDictionary.ToDictionary(new RealMembers { Double = -0.0 }));
        Assert.True(double.IsNegative(plainFromOlder.Double.Real) && plainFromOlder.Double.Imaginary == 0);
    }

    [Fact]
    public void A_Complex_with_an_imaginary_part_is_refused_by_an_older_real_member_in_every_form_naming_it()
    {
        foreach (Complex c in new[] { new Complex(1, 1), new Complex(1, double.NaN), new Complex(0, double.Epsilon) })
        {
            Bad.Binary<RealMembers>(ModelSerializer.Serialize(new ComplexMembers { Double = c }), "double", "does not fit in Double exactly");
            Bad.Json<RealMembers>(ModelJson.Serialize(new ComplexMembers { Double = c }), "double", "does not fit in Double exactly");
            Bad.Json<RealMembers>(ModelJson.Serialize(new ComplexMembers { Doubles = [0, c] }), "doubles[1]", "does not fit in Double exactly");
            Bad.Dictionary<RealMembers>(ModelDictionary.ToDictionary(new ComplexMembers { Float = c }), "float", "does not fit in Single exactly");
            Bad.Dictionary<RealMembers>(ModelDictionary.ToDictionary(new ComplexMembers { Maybe = c }), "maybe", "does not fit in Double exactly");
        }
        // Too large for the narrower member: refused as binary refuses it.
        Bad.Binary<RealMembers>(ModelSerializer.Serialize(new ComplexMembers { Half = new Complex(1e6, 0) }), "half", "does not fit in Half exactly");
        Bad.Json<RealMembers>("{\"half\":[1e6,0]}", "half", "does not fit in Half exactly");
        Bad.Json<RealMembers>("{\"float\":[1e300,0]}", "float", "does not fit in Single exactly");
        // Malformed pairs: the errors a Complex member gives, naming the member.
        Bad.Json<RealMembers>("{\"double\":[1,\"x\"]}", "double", "expected a number but found a string");
        Bad.Json<RealMembers>("{\"double\":[1]}", "double", "not one number");
        Bad.Json<RealMembers>("{\"double\":[1,0,0]}", "double", "not more than two numbers");
        Bad.Json<RealMembers>("{\"double\":[]}", "double", "not an empty array");
        Bad.Json<RealMembers>("{\"double\":[1,\"NaN:7ff000000000000\"]}", "double", "hex digits");
        // From a JSON layer or a list: the same.
        using JsonDocument doc = JsonDocument.Parse("[[1,2],[1,0],[1],{\"Real\":4,\"Imaginary\":0},{\"x\":1}]");
        JsonElement[] e = [.. doc.RootElement.EnumerateArray()];
        Bad.Dictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = e[0].Clone() }, "double", "does not fit in Double exactly");
        Assert.Equal(1.0, ModelDictionary.FromDictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = e[1].Clone() }).Double);
        Bad.Dictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = e[2].Clone() }, "double", "expected a number (Double)");
        Assert.Equal(4.0, ModelDictionary.FromDictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = e[3].Clone() }).Double);
        Bad.Dictionary<RealMembers>(new Dictionary<string, object?> { ["float"] = e[4].Clone() }, "float", "expected a number (Single)");
        Assert.Equal(1.5, ModelDictionary.FromDictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = new List<object> { 1.5, 0 } }).Double);
        Bad.Dictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = new List<object> { 1.5, 2 } }, "double", "does not fit in Double exactly");
        Bad.Dictionary<RealMembers>(new Dictionary<string, object?> { ["double"] = new List<object> { 1.5, "x" } }, "double");
    }
}
