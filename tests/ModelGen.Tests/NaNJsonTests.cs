using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel(Name = "Tests.NaNWidening")]
public partial class NaNNarrow
{
    public Half HalfToFloat { get; set; }
    public Half HalfToDouble { get; set; }
    public float FloatToDouble { get; set; }
    public float[] Floats { get; set; } = [];
}

[SerializableModel(Name = "Tests.NaNWidening")]
public partial class NaNWide
{
    public float HalfToFloat { get; set; }
    public double HalfToDouble { get; set; }
    public double FloatToDouble { get; set; }
    public double[] Floats { get; set; } = [];
}

// A double widened to Complex (the older double member reads [re, 0] back: ComplexToRealTests).
[SerializableModel(Name = "Tests.NaNComplex")]
public partial class NaNReal
{
    public double Gain { get; set; }
}

[SerializableModel(Name = "Tests.NaNComplex")]
public partial class NaNComplex
{
    public Complex Gain { get; set; }
}

[SerializableModel(Name = "Tests.NaNKept")]
public partial class NaNKeptOld
{
    public int X { get; set; }
}

[SerializableModel(Name = "Tests.NaNKept")]
public partial class NaNKeptNew
{
    public int X { get; set; }
    public double D { get; set; }
    public Half[] Halves { get; set; } = [];
}

/// <summary>JSON keeps a NaN's sign and payload (docs/format.md §4): the type's own NaN is "NaN", any other NaN
/// "NaN:" and its bits in hex, read back bit for bit, in every place JSON carries a double, float or Half.</summary>
public class NaNJsonTests
{
    // Positive quiet (Python, Arm64), .NET's own (negative quiet), signaling with payloads, R's NA, all-ones payloads.
    private static readonly ulong[] DoubleBits =
    [
        0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001, 0xFFF0_0000_0000_0001, 0x7FF4_0000_0000_0000,
        0x7FF0_0000_0000_07A2, 0x7FFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0x7FF8_0000_DEAD_BEEF,
    ];
    private static readonly uint[] SingleBits = [0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FA0_0000, 0x7FC0_07A2, 0x7FFF_FFFF, 0xFFFF_FFFF];
    private static readonly ushort[] HalfBits = [0x7E00, 0xFE00, 0x7C01, 0xFC01, 0x7D00, 0x7FFF, 0xFFFF];

    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);
    private static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    private static Half H(ushort bits) => BitConverter.UInt16BitsToHalf(bits);
    private static ulong Bits(double d) => BitConverter.DoubleToUInt64Bits(d);
    private static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);
    private static ushort Bits(Half h) => BitConverter.HalfToUInt16Bits(h);

    private static string Spelling(ulong bits) => bits == Bits(double.NaN) ? "\"NaN\"" : $"\"NaN:{bits:x16}\"";
    private static string Spelling(uint bits) => bits == Bits(float.NaN) ? "\"NaN\"" : $"\"NaN:{bits:x8}\"";
    private static string Spelling(ushort bits) => bits == Bits(Half.NaN) ? "\"NaN\"" : $"\"NaN:{bits:x4}\"";

    private static void Same(ulong expected, double actual, string what) =>
        Assert.True(expected == Bits(actual), $"{what}: expected {expected:x16}, read {Bits(actual):x16}");
    private static void Same(uint expected, float actual, string what) =>
        Assert.True(expected == Bits(actual), $"{what}: expected {expected:x8}, read {Bits(actual):x8}");
    private static void Same(ushort expected, Half actual, string what) =>
        Assert.True(expected == Bits(actual), $"{what}: expected {expected:x4}, read {Bits(actual):x4}");

    [Fact]
    public void Every_NaN_member_reads_back_from_json_with_its_bits()
    {
        for (int i = 0; i < DoubleBits.Length; i++)
        {
            ulong d = DoubleBits[i];
            uint f = SingleBits[i % SingleBits.Length];
            ushort h = HalfBits[i % HalfBits.Length];
            var value = new AllScalars { Double = D(d), Float = F(f), Half = H(h) };
            string json = ModelJson.Serialize(value);
            Assert.Contains("\"double\":" + Spelling(d), json);
            Assert.Contains("\"float\":" + Spelling(f), json);
            Assert.Contains("\"half\":" + Spelling(h), json);
            AllScalars back = ModelJson.Deserialize<AllScalars>(json);
            Same(d, back.Double, "double");
            Same(f, back.Float, "float");
            Same(h, back.Half, "half");
            // System.Text.Json, through the converter the generator puts on every model, writes and reads the same.
            Assert.Equal(json, JsonSerializer.Serialize(value));
            AllScalars viaSerializer = JsonSerializer.Deserialize<AllScalars>(json)!;
            Same(d, viaSerializer.Double, "double (JsonSerializer)");
            Same(f, viaSerializer.Float, "float (JsonSerializer)");
            Same(h, viaSerializer.Half, "half (JsonSerializer)");
        }
    }

    [Fact]
    public void The_types_own_NaN_is_still_written_NaN_and_others_with_exactly_their_bits()
    {
        var value = new Collections { Doubles = [double.NaN, D(0x7FF8_0000_0000_0000), D(0x7FF0_0000_0000_07A2)], Floats = [float.NaN, F(0x7FC0_0000)], Halves = [Half.NaN, H(0x7E00)] };
        string json = ModelJson.Serialize(value);
        Assert.Contains("\"doubles\":[\"NaN\",\"NaN:7ff8000000000000\",\"NaN:7ff00000000007a2\"]", json);
        Assert.Contains("\"floats\":[\"NaN\",\"NaN:7fc00000\"]", json);
        Assert.Contains("\"halves\":[\"NaN\",\"NaN:7e00\"]", json);
        // What older builds read: the one spelling they know, for the NaN .NET computes.
        Assert.Contains("\"x\":\"NaN\"", ModelJson.Serialize(new PointStruct { X = double.NaN }));
    }

    [Fact]
    public void NaNs_in_arrays_lists_dictionaries_matrices_and_memories_keep_their_bits_in_json()
    {
        double[] doubles = DoubleBits.Select(D).ToArray();
        float[] floats = SingleBits.Select(F).ToArray();
        var value = new Collections
        {
            Doubles = doubles,
            Floats = floats,
            Halves = HalfBits.Select(H).ToArray(),
            DoubleReadOnlyList = doubles.Reverse().ToList(),
            ByString = doubles.Select((d, i) => (d, i)).ToDictionary(p => "k" + p.i, p => p.d),
            Matrix = new float[,] { { floats[0], floats[2] }, { floats[4], floats[5] } },
            Cube = new double[,,] { { { doubles[0], doubles[3] } }, { { doubles[5], doubles[6] } } },
            DoubleMemory = doubles,
            FloatMemory = floats,
            ByLong = { [1] = floats },
        };
        Collections back = ModelJson.Deserialize<Collections>(ModelJson.Serialize(value));
        for (int i = 0; i < doubles.Length; i++)
        {
            Same(DoubleBits[i], back.Doubles[i], $"doubles[{i}]");
            Same(DoubleBits[^(i + 1)], back.DoubleReadOnlyList[i], $"doubleReadOnlyList[{i}]");
            Same(DoubleBits[i], back.ByString["k" + i], $"byString[k{i}]");
            Same(DoubleBits[i], back.DoubleMemory.Span[i], $"doubleMemory[{i}]");
        }
        for (int i = 0; i < floats.Length; i++)
        {
            Same(SingleBits[i], back.Floats[i], $"floats[{i}]");
            Same(SingleBits[i], back.FloatMemory.Span[i], $"floatMemory[{i}]");
            Same(SingleBits[i], back.ByLong[1][i], $"byLong[1][{i}]");
        }
        for (int i = 0; i < HalfBits.Length; i++) Same(HalfBits[i], back.Halves[i], $"halves[{i}]");
        Same(SingleBits[5], back.Matrix[1, 1], "matrix[1,1]");
        Same(DoubleBits[3], back.Cube[0, 0, 1], "cube[0,0,1]");
        Same(DoubleBits[6], back.Cube[1, 0, 1], "cube[1,0,1]");
    }

    [Fact]
    public void Complex_and_nullable_members_keep_NaN_bits_in_json()
    {
        foreach (ulong bits in DoubleBits)
        {
            var forecast = new Forecast
            {
                Gain = new Complex(D(bits), D(~bits & 0xFFF8_0000_0000_0001UL | 0x7FF0_0000_0000_0000UL)),
                MaybeGain = new Complex(-0.0, D(bits)),
                Spectrum = [new Complex(D(bits), 1), Complex.Zero],
            };
            string json = ModelJson.Serialize(forecast);
            Assert.Contains("\"gain\":[" + Spelling(bits) + ",", json);
            Forecast back = ModelJson.Deserialize<Forecast>(json);
            Same(bits, back.Gain.Real, "gain.Real");
            Same(Bits(forecast.Gain.Imaginary), back.Gain.Imaginary, "gain.Imaginary");
            Same(bits, back.MaybeGain!.Value.Imaginary, "maybeGain.Imaginary");
            Same(bits, back.Spectrum[0].Real, "spectrum[0].Real");

            Nullables nullable = ModelJson.Deserialize<Nullables>(ModelJson.Serialize(new Nullables { Double = D(bits) }));
            Same(bits, nullable.Double!.Value, "nullable double");
        }
    }

    [Fact]
    public void The_spelling_reads_with_hex_digits_of_either_case_and_json_escapes()
    {
        Same(0x7FF0_0000_0000_07A2UL, ModelJson.Deserialize<AllScalars>("{\"double\":\"NaN:7FF00000000007A2\"}").Double, "upper case");
        Same(0x7FC0_07A2U, ModelJson.Deserialize<AllScalars>("{\"float\":\"NaN:7fC007a2\"}").Float, "mixed case");
        Same((ushort)0x7D00, ModelJson.Deserialize<AllScalars>("{\"half\":\"NaN\\u003a7d00\"}").Half, "escaped colon");
        // A spelling of the type's own NaN is read too, though writers write "NaN" for it.
        Same(Bits(double.NaN), ModelJson.Deserialize<AllScalars>("{\"double\":\"NaN:fff8000000000000\"}").Double, "double.NaN's bits");
    }

    [Theory]
    [InlineData("double", "NaN:", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("double", "NaN:7ff800000000000", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("double", "NaN:7ff80000000000000", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("float", "NaN:7fc0000", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("half", "NaN:7e0", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("double", "NaN:7ff8000000000g00", "hex digits")]
    [InlineData("double", "NaN:0x7ff80000000000", "hex digits")]
    [InlineData("double", "NaN:+7ff8000000000000", "4 (Half), 8 (float) or 16 (double) hex digits")]
    [InlineData("double", "NaN:3ff0000000000000", "not a NaN of Double")]   // 1.0
    [InlineData("double", "NaN:7ff0000000000000", "not a NaN of Double")]   // +infinity
    [InlineData("double", "NaN:fff0000000000000", "not a NaN of Double")]   // -infinity
    [InlineData("double", "NaN:0000000000000000", "not a NaN of Double")]
    [InlineData("float", "NaN:7f800000", "not a NaN of Single")]
    [InlineData("float", "NaN:3f800000", "not a NaN of Single")]
    [InlineData("half", "NaN:7c00", "not a NaN of Half")]
    [InlineData("half", "NaN:fc00", "not a NaN of Half")]
    [InlineData("half", "NaN:3c00", "not a NaN of Half")]
    [InlineData("double", "NaN: 7ff8000000000000", "hex digits")]
    [InlineData("double", "nan:7ff8000000000000", "expected a number but found a string")]
    public void Malformed_spellings_are_refused_naming_the_member(string member, string text, string reason)
    {
        Bad.Json<AllScalars>($"{{\"{member}\":\"{text}\"}}", member, reason);
        // The same text from a JSON layer into the dictionary form, and as a [Hyperparameters] string.
        using JsonDocument doc = JsonDocument.Parse($"\"{text}\"");
        if (text.StartsWith("NaN:", StringComparison.Ordinal))
        {
            Bad.Dictionary<AllScalars>(new Dictionary<string, object?> { [member] = doc.RootElement.Clone() }, member, reason);
            Bad.Dictionary<Hyper>(new Dictionary<string, object?> { ["learningRate"] = text }, "learningRate", reason);
        }
    }

    [Fact]
    public void Malformed_spellings_inside_collections_complex_and_nullables_name_their_path()
    {
        Bad.Json<Collections>("{\"doubles\":[1,\"NaN:7ff0000000000000\"]}", "doubles[1]", "not a NaN of Double");
        Bad.Json<Collections>("{\"halves\":[\"NaN:7e00\",\"NaN:zz00\"]}", "halves[1]", "hex digits");
        Bad.Json<Collections>("{\"byString\":{\"a\":\"NaN:1\"}}", "byString[a]", "hex digits");
        Bad.Json<Forecast>("{\"gain\":[0,\"NaN:7ff000000000000\"]}", "gain", "hex digits");
        Bad.Json<Nullables>("{\"double\":\"NaN:7ff0000000000000\"}", "double", "not a NaN of Double");
    }

    [Fact]
    public void A_json_layer_and_hyperparameter_strings_give_the_dictionary_form_NaN_bits()
    {
        // What System.Text.Json gives for ModelJson's text (a JsonElement string), and what a configuration gives.
        using JsonDocument doc = JsonDocument.Parse("[\"NaN:7ff00000000007a2\",\"NaN:7fc00000\",\"NaN:7d00\",\"NaN\"]");
        JsonElement[] e = doc.RootElement.EnumerateArray().Select(x => x.Clone()).ToArray();
        AllScalars a = ModelDictionary.FromDictionary<AllScalars>(new Dictionary<string, object?> { ["double"] = e[0], ["float"] = e[1], ["half"] = e[2] });
        Same(0x7FF0_0000_0000_07A2UL, a.Double, "double");
        Same(0x7FC0_0000U, a.Float, "float");
        Same((ushort)0x7D00, a.Half, "half");
        Same(Bits(double.NaN), ModelDictionary.FromDictionary<AllScalars>(new Dictionary<string, object?> { ["double"] = e[3] }).Double, "NaN");
        Hyper h = ModelDictionary.FromDictionary<Hyper>(new Dictionary<string, object?> { ["learningRate"] = " NaN:7fc00001 " });
        Same(0x7FC0_0001U, h.LearningRate, "learningRate");
        // An integer has no NaN: refused as before.
        Bad.Dictionary<AllScalars>(new Dictionary<string, object?> { ["int"] = e[0] }, "int");
    }

    [Fact]
    public void A_widened_member_reads_a_narrower_NaN_from_json_as_from_binary_and_dictionaries()
    {
        for (int i = 0; i < SingleBits.Length; i++)
        {
            Half h = H(HalfBits[i % HalfBits.Length]);
            float f = F(SingleBits[i]);
            double d = D(DoubleBits[i]);
            var narrow = new NaNNarrow { HalfToFloat = h, HalfToDouble = h, FloatToDouble = f, Floats = [f, 1.5f] };
            NaNWide json = ModelJson.Deserialize<NaNWide>(ModelJson.Serialize(narrow));
            NaNWide binary = ModelSerializer.Deserialize<NaNWide>(ModelSerializer.Serialize(narrow));
            NaNWide plain = ModelDictionary.FromDictionary<NaNWide>(ModelDictionary.ToDictionary(narrow));
            // The sign kept and the payload shifted up; a Half's signaling NaN stays signaling in a float (as binary
            // stores a Half), and the hardware's conversion to double makes a signaling NaN quiet.
            Same(HalfNaNBinaryTests.Widened(HalfBits[i % HalfBits.Length]), json.HalfToFloat, "half → float");
            Same(Bits((double)(float)h), json.HalfToDouble, "half → double");
            Same(Bits((double)f), json.FloatToDouble, "float → double");
            Same(Bits(d), ModelJson.Deserialize<NaNComplex>(ModelJson.Serialize(new NaNReal { Gain = d })).Gain.Real, "double → Complex");
            Same(Bits((double)f), json.Floats[0], "float[] → double[]");
            foreach ((string form, NaNWide other) in new[] { ("binary", binary), ("dictionary", plain) })
            {
                Same(Bits(other.HalfToFloat), json.HalfToFloat, "half → float, as " + form);
                Same(Bits(other.HalfToDouble), json.HalfToDouble, "half → double, as " + form);
                Same(Bits(other.FloatToDouble), json.FloatToDouble, "float → double, as " + form);
                Same(Bits(other.Floats[0]), json.Floats[0], "float[] → double[], as " + form);
            }
        }
    }

    [Fact]
    public void A_narrower_member_reads_a_wider_NaN_from_json_rounded_as_binary_rounds_it()
    {
        // An older build of a widened member takes a number rounded to nearest (docs/versioning.md); a NaN converts
        // the same way: sign and the payload's high bits kept, as the binary reader converts it.
        for (int i = 0; i < DoubleBits.Length; i++)
        {
            double d = D(DoubleBits[i]);
            float f = F(SingleBits[i % SingleBits.Length]);
            var wide = new NaNWide { HalfToFloat = f, HalfToDouble = d, FloatToDouble = d, Floats = [d] };
            NaNNarrow json = ModelJson.Deserialize<NaNNarrow>(ModelJson.Serialize(wide));
            NaNNarrow binary = ModelSerializer.Deserialize<NaNNarrow>(ModelSerializer.Serialize(wide));
            // A float NaN that is a Half's widening (its low 13 payload bits zero) is that Half, a signaling one
            // included, as binary stores a Half; any other NaN the hardware's conversion.
            Same(HalfNaNBinaryTests.Narrowed(Bits(f)), json.HalfToFloat, "float → half");
            Same(Bits((Half)d), json.HalfToDouble, "double → half");
            Same(Bits((float)d), json.FloatToDouble, "double → float");
            Same(Bits((float)d), json.Floats[0], "double[] → float[]");
            Same(Bits(binary.HalfToFloat), json.HalfToFloat, "float → half, as binary");
            Same(Bits(binary.HalfToDouble), json.HalfToDouble, "double → half, as binary");
            Same(Bits(binary.FloatToDouble), json.FloatToDouble, "double → float, as binary");
            Same(Bits(binary.Floats[0]), json.Floats[0], "double[] → float[], as binary");
        }
        // A narrowed NaN is still a NaN; a number's bits in any width are refused, as in the member's own width.
        Bad.Json<NaNNarrow>("{\"floatToDouble\":\"NaN:7ff0000000000000\"}", "floatToDouble", "not a NaN of Double");
        Bad.Json<NaNWide>("{\"floatToDouble\":\"NaN:7f800000\"}", "floatToDouble", "not a NaN of Single");
    }

    [Fact]
    public void Members_kept_by_an_older_build_carry_NaN_bits_through_json_and_binary()
    {
        var newer = new NaNKeptNew { X = 1, D = D(0x7FF0_0000_0000_07A2), Halves = [H(0x7E00), H(0xFFFF), Half.NaN] };
        // Format 2 describes the kept members, so the older build writes them to JSON with the codecs' spelling.
        NaNKeptOld fromBinary = ModelSerializer.Deserialize<NaNKeptOld>(ModelSerializer.Serialize(newer, new ModelSerializerOptions { FormatVersion = 2 }));
        string json = ModelJson.Serialize(fromBinary);
        Assert.Contains("\"d\":\"NaN:7ff00000000007a2\"", json);
        NaNKeptNew back = ModelJson.Deserialize<NaNKeptNew>(json);
        Same(0x7FF0_0000_0000_07A2UL, back.D, "d, binary → older → JSON");
        Same((ushort)0x7E00, back.Halves[0], "halves[0], binary → older → JSON");
        Same(Bits(Half.NaN), back.Halves[2], "halves[2], binary → older → JSON");
        // Kept from JSON, the member is written to binary by name with its JSON text, which the newer build reads.
        NaNKeptOld fromJson = ModelJson.Deserialize<NaNKeptOld>(ModelJson.Serialize(newer));
        back = ModelSerializer.Deserialize<NaNKeptNew>(ModelSerializer.Serialize(fromJson));
        Same(0x7FF0_0000_0000_07A2UL, back.D, "d, JSON → older → binary");
        Same((ushort)0xFFFF, back.Halves[1], "halves[1], JSON → older → binary");
        // And kept from JSON, written to a dictionary and read back.
        back = ModelDictionary.FromDictionary<NaNKeptNew>(ModelDictionary.ToDictionary(fromJson));
        Same(0x7FF0_0000_0000_07A2UL, back.D, "d, JSON → older → dictionary");
    }
}
