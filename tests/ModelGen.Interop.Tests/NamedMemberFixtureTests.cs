using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the named-member fixtures that interop/python/tests/test_named_members.py reads (named/ of the
/// fixture folder): a <see cref="NamedV2"/> read from its JSON by <see cref="NamedV1"/>, which keeps the members it does
/// not declare by name and saves them to binary as named members (field key 4: a name and JSON text), in both formats;
/// the same value saved by V2 itself (each member an ordinary field); the schema document of V2; and the JSON form of
/// what the .NET reader of V2 reads from the named-member file (named.json), which is the JSON form of the original.
/// Then named members whose JSON .NET refuses to read into V2, each with the path and reason of its error (refused/).</summary>
public class NamedMemberFixtureTests
{
    private static string Folder => Path.Combine(FixtureTests.Directory, "named");

    public static NamedV2 Value() => new()
    {
        Id = 7,
        Single = 0.1f,
        Singles = [0.1f, 76.660065f, 1e-7f, -3.3f, 16777217f, float.MaxValue, float.Epsilon, -0f, float.PositiveInfinity,
                   float.NegativeInfinity, float.NaN, BitConverter.Int32BitsToSingle(0x7F800001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00123))],
        HalfValue = (Half)0.1,
        Halves = [(Half)0.1, Half.MaxValue, Half.Epsilon, (Half)(-0.0), Half.PositiveInfinity, Half.NaN, (Half)65504, (Half)2049, (Half)(-1234.5)],
        Double = 1.0 / 3,
        Doubles = [0.1, 1e-300, double.MaxValue, -0.0, double.NegativeInfinity, double.NaN,
                   BitConverter.Int64BitsToDouble(0x7FF0000000000001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF4000000000123)), 9007199254740993.0],
        Matrix = new float[,] { { 0.1f, 0.2f, 0.3f }, { -1.5f, 1e-38f, float.NaN } },
        EmptyRows = new double[3, 0],
        FloatList = [0.3f, 1e30f, -0f],
        FloatSet = [0.5f, 0.1f, 3f],
        SByte = sbyte.MinValue,
        Short = short.MinValue,
        UShort = ushort.MaxValue,
        UInt = uint.MaxValue,
        Long = long.MinValue,
        ULong = ulong.MaxValue,
        Byte = 255,
        Longs = [long.MaxValue, long.MinValue, 0, 1L << 53],
        ULongs = [ulong.MaxValue, 1UL << 63, 0],
        Flag = true,
        Flags = [true, false, true],
        Letter = 'é',
        Letters = ['a', '"', '\u00ff', '\u4e2d'],
        Text = "tab\t \"quoted\" 中文 😀",
        Money = 1234567.8900m,
        Moneys = [decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.5m, 100m],
        When = new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Unspecified).AddTicks(1234567),
        WhenUtc = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999999),
        At = new DateTimeOffset(2020, 6, 1, 8, 30, 0, TimeSpan.FromMinutes(330)).AddTicks(7),
        Span = TimeSpan.FromTicks(-(3 * TimeSpan.TicksPerDay + 4 * TimeSpan.TicksPerHour + 5)),
        Spans = [TimeSpan.Zero, TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromMilliseconds(1.5)],
        Day = new DateOnly(9999, 12, 31),
        Clock = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999999)),
        Key = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Blob = [0, 1, 2, 253, 254, 255],
        Wide = Int128.MinValue,
        UWide = UInt128.MaxValue,
        Big = BigInteger.Parse("-123456789012345678901234567890123456789012345678901234567890"),
        Complex = new Complex(1.5, double.NaN),
        Version = new Version(1, 2, 3, 4),
        Uri = new Uri("https://example.com/a?b=c"),
        Scores = new() { ["alice"] = 0.1f, ["bob"] = float.NaN, ["with space"] = -2.5f },
        ByIndex = new() { [3] = 0.1, [-40] = double.PositiveInfinity },
        ByGuid = new() { [new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8")] = "dns" },
        QTable = new() { [(3, 4)] = 0.5f, [(-1, 0)] = 0.1f },
        Triple = (5, "five", 0.1f),
        Pair = new("pi", Math.PI),
        Inner = new NamedInner { Name = "in", Weight = 0.1f, Small = (Half)0.333, Values = [0.25, double.NaN] },
        Inners = [new NamedInner { Name = "a", Weight = 1e-45f }, new NamedInner { Name = "b", Small = Half.MinValue }],
        Missing = null,
        MaybeInt = null,
        MaybeFloat = 3.4e38f,
        MaybeDoubles = [null, 0.1, null],
        MaybeTexts = ["x", null],
        Jagged = [[0.1f], [], [2f, float.NegativeInfinity]],
        Color = Color.Blue,
        Levels = [Level.High, Level.Low, (Level)7],
        Activation = Act.Tanh,
        Permissions = Access.Read | Access.Execute,
        ByAct = new() { [Act.Tanh] = 0.5f, [Act.ReLU] = 1f, [Act.Gelu] = 2f, [(Act)9] = 3f },
    };

    // Named members whose JSON the .NET reader of V2 refuses: the member and its JSON text (V1 keeps it as it came).
    private static IEnumerable<(string Name, string Member, string Json)> Refused()
    {
        yield return ("float-beyond", "singles", "[0.5,1e39]");
        yield return ("half-beyond", "halfValue", "65520");
        yield return ("half-fraction-beyond", "halves", "[1,65520.5]");
        yield return ("int-beyond", "short", "32768");
        yield return ("int-fraction", "long", "1.5");
        yield return ("integer-into-float-inexact", "single", "16777217");
        yield return ("double-integer-inexact", "double", "9007199254740993");
        yield return ("nan-bits-not-nan", "double", "\"NaN:0000000000000001\"");
        yield return ("string-for-number", "double", "\"0.5\"");
        yield return ("null-for-bool", "flag", "null");
        yield return ("date-invalid", "day", "\"2024-02-30\"");
        yield return ("guid-invalid", "key", "\"not-a-guid\"");
        yield return ("base64-invalid", "blob", "\"AQI\"");
        yield return ("tuple-arity", "triple", "[1,\"x\"]");
        yield return ("map-key-not-int", "byIndex", "{\"x\":1}");
        yield return ("set-duplicate", "floatSet", "[0.5,0.5]");
        yield return ("nested-member", "inner", "{\"name\":\"n\",\"weight\":\"heavy\"}");
        yield return ("matrix-not-rectangular", "matrix", "[[1,2],[3]]");
        yield return ("char-two", "letter", "\"ab\"");
        yield return ("decimal-string", "money", "\"1.5\"");
        yield return ("map-from-list", "byIndex", "[0.5]");
        yield return ("nan-into-int", "longs", "[1,\"NaN\"]");
        yield return ("infinity-into-decimal", "money", "\"-Infinity\"");
        yield return ("nan-bits-into-decimal", "moneys", "[\"NaN:7fc00000\"]");
        yield return ("nan-bits-short", "doubles", "[\"NaN:7fc\"]");
        yield return ("time-with-days", "clock", "\"1.00:00:00\"");
        yield return ("enum-number-fraction", "color", "1.5");
        yield return ("keyvalue-array", "pair", "[\"a\",1]");
        yield return ("model-array", "inner", "[]");
        yield return ("bool-from-number", "flag", "1");
        // Enums by name, as EnumCodec.FromKey reads them: no comma lists, one value per name ignoring case.
        yield return ("enum-unknown-name", "color", "\"Purple\"");
        yield return ("enum-empty-name", "color", "\"\"");
        yield return ("enum-flags-combination", "permissions", "\"Read, Write\"");
        yield return ("enum-case-matches-two", "activation", "\"relu\"");
        yield return ("enum-number-text-beyond-int64", "color", "\"99999999999999999999\"");
        yield return ("enum-number-text-nbsp", "color", "\"\u00a02\"");
        yield return ("enum-name-in-array", "levels", "[\"High\",\"Medium\"]");
        yield return ("enum-name-as-key", "byAct", "{\"Tanh\":1,\"tanh \":2}");
        // Numbers beyond the range of the enum's underlying type (Level is a byte, Act an int), which the schema
        // document gives ("underlying"): as a number, as a number's text, as a map key.
        yield return ("enum-number-beyond-byte", "levels", "[1,256]");
        yield return ("enum-number-negative-byte", "levels", "[-1]");
        yield return ("enum-number-text-beyond-byte", "levels", "[\"300\"]");
        yield return ("enum-number-key-beyond-int32", "byAct", "{\"2147483648\":1}");
    }

    // Named members in other spellings than .NET's JSON form writes, which .NET reads: the member and its JSON text.
    private static IEnumerable<(string Name, string Member, string Json)> Accepted()
    {
        yield return ("int-exponent", "long", "1e3");
        yield return ("int-point-zero", "short", "-2.0");
        yield return ("uint64-max-into-double", "double", "18446744073709551615");
        yield return ("negative-zero-float", "single", "-0");
        yield return ("negative-zero-half", "halfValue", "-0.0");
        yield return ("float-rounded", "single", "0.123456789");
        yield return ("half-rounded", "halfValue", "65519.99");
        // A newer build's widened members, read by an older one as binary reads them (2026-12-06): a double on a tie
        // between two floats (ties to even), a float's own text (that float), a double just above a Half tie, a
        // decimal beyond a double's precision into a long.
        yield return ("float-tie-of-a-double", "singles", "[1.0000001788139343,1.0000002980232239,1.00000017881393432617187500]");
        yield return ("half-tie-of-a-float", "halves", "[1.0004883,1.000488281251,1.00146484375]");
        yield return ("decimal-into-long", "longs", "[9223372036854775807.00,-7.000,1E+2]");
        yield return ("half-nan-bits", "halves", "[\"NaN:7e01\",\"NaN:7fc00001\",\"NaN:fff4000000000001\",\"NaN\"]");
        yield return ("float-nan-from-double-bits", "singles", "[\"NaN:7ff4000000000001\",\"NaN:7d01\"]");
        yield return ("double-nan-from-float-bits", "doubles", "[\"NaN:7f800001\",\"NaN:fe01\"]");
        yield return ("decimal-exponent", "money", "1.50E+2");
        yield return ("decimal-scale", "moneys", "[1.000,-0.0,5e-3,79228162514264337593543950335]");
        yield return ("date-time-offset-to-utc", "whenUtc", "\"2024-01-01T02:00:00+02:00\"");
        yield return ("date-time-fraction", "when", "\"2024-01-01T00:00:00.5\"");
        yield return ("offset-z", "at", "\"2024-01-01T00:00:00Z\"");
        yield return ("timespan-short", "span", "\"1.02:03\"");
        yield return ("timespan-days", "spans", "[\"3\",\"-00:00:01.25\"]");
        yield return ("guid-n", "key", "\"0F8FAD5BD9CB469FA16570867728950E\"");
        yield return ("guid-braces", "key", "\"{0f8fad5b-d9cb-469f-a165-70867728950e}\"");
        yield return ("version-leading-zero", "version", "\"1.02\"");
        yield return ("int128-as-string", "wide", "\"-170141183460469231731687303715884105728\"");
        yield return ("bigint-number", "big", "123456789012345678901234567890");
        yield return ("map-key-spaces", "byIndex", "{\" 7\":1}");
        yield return ("tuple-key", "qTable", "{\"[1,-2]\":0.1}");
        yield return ("complex-object", "complex", "{\"Real\":1,\"Imaginary\":-2}");
        yield return ("complex-number", "complex", "2.5");
        yield return ("empty-matrix-shape", "matrix", "{\"$shape\":[0,4]}");
        yield return ("nested-loose-names", "inner", "{\"Name\":\"n\",\"WEIGHT\":0.1,\"values\":[1]}");
        yield return ("nested-unknown-member", "inner", "{\"name\":\"n\",\"extra\":[1,{\"a\":null,\"b\":\"NaN\"}]}");
        yield return ("enum-number", "color", "2");
        yield return ("enum-number-text", "levels", "[\"200\",1]");
        yield return ("loose-member-name", "maybe_float", "0.1");
        yield return ("time-of-day", "clock", "\"00:00:00.0000001\"");
        // Enums by name (the schema document's "enums" give Python the names), as EnumCodec.FromKey reads them.
        yield return ("enum-name", "color", "\"Green\"");
        yield return ("enum-name-other-case", "color", "\"gReEn\"");
        yield return ("enum-names-in-array", "levels", "[\"high\",\"LOW\",200,\"Low\"]");
        yield return ("enum-name-exact-among-case-variants", "activation", "\"ReLU\"");
        yield return ("enum-names-one-value-two-cases", "activation", "\"gelu\"");
        yield return ("enum-flags-name", "permissions", "\"ReadWrite\"");
        yield return ("enum-flags-combination-number", "permissions", "7");
        yield return ("enum-number-text-sign-and-spaces", "color", "\" +2\\t\"");
        yield return ("enum-number-text-trailing-nul", "color", "\"1\\u0000\"");
        yield return ("enum-number-text-undefined", "levels", "[\"7\",\"-0\"]");
        yield return ("enum-names-as-keys", "byAct", "{\"tanh\":1,\"Gelu\":2,\" 8\":4}");
        // Every name of a value that has two (Swish, Silu): a writer writes the one its runtime's Enum.GetName gives.
        yield return ("enum-alias-silu", "activation", "\"Silu\"");
        yield return ("enum-alias-swish", "activation", "\"swish\"");
        yield return ("enum-alias-in-map", "byAct", "{\"Tanh\":1,\"SILU\":2}");
    }

    // The lock file `modelgen lock` writes: each model's schema document as the generator emits it (a constant in the
    // assembly's metadata, which the tool reads without running it), which lists the enums its members use with their
    // names and values; a generated ModelSchema (T.Schema.ToJson()) does not list them.
    internal static string LockFile(params Type[] models) => ModelSchema.WriteLockFile(models.Select(t => ModelSchema.ReadJson(
        (string)t.GetField("__ModelGenSchemaDocument", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetRawConstantValue()!).Single()));

    [Fact]
    public void Writes_named_members_in_other_spellings_and_what_the_dotnet_reader_reads_from_them()
    {
        string accepted = Path.Combine(Folder, "accepted");
        Directory.CreateDirectory(accepted);
        var manifest = new List<Dictionary<string, object>>();
        foreach ((string name, string member, string text) in Accepted())
        {
            NamedV1 kept = ModelJson.Deserialize<NamedV1>($"{{\"id\":1,\"{member}\":{text}}}");
            byte[] bytes = ModelSerializer.Serialize(kept);
            File.WriteAllBytes(Path.Combine(accepted, name + ".mgen"), bytes);
            NamedV2 read;
            try
            {
                read = ModelSerializer.Deserialize<NamedV2>(bytes);
            }
            catch (ModelFormatException e)
            {
                throw new InvalidOperationException(name + ": " + e.Message, e);
            }
            // What .NET read, as its JSON form: Python compares the member with it.
            manifest.Add(new() { ["name"] = name, ["json"] = ModelJson.Serialize(read) });
        }
        File.WriteAllText(Path.Combine(accepted, "manifest.json"), JsonSerializer.Serialize(manifest));
    }

    [Fact]
    public void Writes_named_members_and_what_the_dotnet_reader_reads_from_them()
    {
        Directory.CreateDirectory(Folder);
        NamedV2 value = Value();
        string json = ModelJson.Serialize(value);
        string lockFile = LockFile(typeof(NamedV2), typeof(NamedInner));
        // The enums' names and values, which a reader needs to read an enum given by name (docs/format.md section 3).
        Assert.Contains("{ \"name\": \"ModelGen.Interop.Tests.Act\", \"underlying\": \"int32\", \"values\": { \"Relu\": 0, \"ReLU\": 1, \"Tanh\": 2, \"Gelu\": 7, \"GELU\": 7, \"Swish\": 8, \"Silu\": 8 } }", lockFile);
        File.WriteAllText(Path.Combine(Folder, "named-v2.schema.json"), lockFile);
        NamedV1 old = ModelJson.Deserialize<NamedV1>(json);
        foreach (int format in new[] { 1, 2 })
        {
            var options = new ModelSerializerOptions { FormatVersion = format };
            byte[] named = ModelSerializer.Serialize(old, options);
            byte[] fields = ModelSerializer.Serialize(value, options);
            // The members are named members in the file: each name and its JSON text, as V1 kept them.
            Assert.Contains("\"NaN:7f800001\"", Encoding.UTF8.GetString(named));
            File.WriteAllBytes(Path.Combine(Folder, $"named-format{format}.mgen"), named);
            File.WriteAllBytes(Path.Combine(Folder, $"fields-format{format}.mgen"), fields);
            // V2 reads from the named members what it reads from its own fields: the JSON form (NaN bits spelled) alike.
            NamedV2 read = ModelSerializer.Deserialize<NamedV2>(named);
            Assert.Equal(json, ModelJson.Serialize(read));
            Assert.Equal(json, ModelJson.Serialize(ModelSerializer.Deserialize<NamedV2>(fields)));
        }
        File.WriteAllText(Path.Combine(Folder, "named.json"), json);
        // A few of the conversions, stated here as well, so that the fixture is known to hold what it is about.
        NamedV2 back = ModelSerializer.Deserialize<NamedV2>(ModelSerializer.Serialize(old));
        Assert.Equal(0.1f, back.Single);
        Assert.Equal(0x7F800001, BitConverter.SingleToInt32Bits(back.Singles[11]));
        Assert.Equal((Half)0.1, back.HalfValue);
        Assert.Equal(Level.High, back.Levels[0]);
        Assert.Equal(value.At, back.At);
        Assert.Equal(value.At.Offset, back.At.Offset);

        string refused = Path.Combine(Folder, "refused");
        Directory.CreateDirectory(refused);
        var manifest = new List<Dictionary<string, object>>();
        foreach ((string name, string member, string text) in Refused())
        {
            NamedV1 kept = ModelJson.Deserialize<NamedV1>($"{{\"id\":1,\"{member}\":{text}}}");
            byte[] bytes = ModelSerializer.Serialize(kept);
            File.WriteAllBytes(Path.Combine(refused, name + ".mgen"), bytes);
            var e = Record.Exception(() => ModelSerializer.Deserialize<NamedV2>(bytes)) as ModelFormatException;
            Assert.True(e is not null, name + " was read");
            Assert.StartsWith(member, e.Path);
            manifest.Add(new() { ["name"] = name, ["path"] = e.Path, ["reason"] = e.Reason, ["offset"] = e.Offset });
        }
        File.WriteAllText(Path.Combine(refused, "manifest.json"), JsonSerializer.Serialize(manifest));
    }
}
