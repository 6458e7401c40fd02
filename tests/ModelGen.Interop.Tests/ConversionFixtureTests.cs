using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the conversion fixtures that interop/python/tests/test_conversions.py reads (conversions/ of the
/// fixture folder): a <see cref="WidthsV1"/> in both formats, the schema of <see cref="WidthsV2"/> (each member's
/// number type changed), and what the .NET reader reads from those bytes into V2, as exact bits (widths.expected.json);
/// then V1 values whose conversion .NET refuses, each with the path, reason and offset of its error (refused/).</summary>
public class ConversionFixtureTests
{
    private static string Folder => Path.Combine(FixtureTests.Directory, "conversions");

    public static WidthsV1 Widths() => new()
    {
        Floats = [0.1f, 76.660065f, 1e-7f, -3.3f, 16777217f, float.MaxValue, float.Epsilon, -0f, float.PositiveInfinity,
                  float.NaN, BitConverter.Int32BitsToSingle(0x7F800001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00123))],
        FloatsToHalf = [0.1f, 65519f, 1e-8f, 3e-5f, -2.5f, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FA00000),
                        BitConverter.Int32BitsToSingle(0x7FC00001)],
        Doubles = [0.1, 1.0 / 3, 1e-50, 3.4028235e38, -0.0, double.PositiveInfinity, double.NaN,
                   BitConverter.Int64BitsToDouble(0x7FF0000000000001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF4000000000123))],
        DoublesToHalf = [0.1, 65519.99, 1e-10, 6e-8, -1234.5678, double.NegativeInfinity, BitConverter.Int64BitsToDouble(0x7FF4000000000001)],
        Halves = [(Half)0.1, Half.MaxValue, Half.Epsilon, (Half)(-0.0), Half.PositiveInfinity, BitConverter.UInt16BitsToHalf(0x7C01),
                  BitConverter.UInt16BitsToHalf(0xFE23)],
        HalvesToFloat = [(Half)0.1, Half.MinValue, Half.Epsilon, BitConverter.UInt16BitsToHalf(0x7D01), BitConverter.UInt16BitsToHalf(0x7E00)],
        Ints = [int.MinValue, int.MaxValue, 0, -1],
        IntsToFloat = [16777216, -16777216, 123, 1 << 30, int.MinValue],
        Longs = [long.MaxValue, long.MinValue, 1L << 53, -((1L << 53) + 2), 1234567890123456],
        LongsToFloat = [long.MaxValue, 1L << 40, -(1L << 62), 16777215, long.MinValue],
        LongsToHalf = [65500, 4110, 2048, -65500, 4100, 0, -7],
        LongsToULong = [0, long.MaxValue, 5],
        ULongs = [ulong.MaxValue, 1UL << 63, 12345, 1UL << 53],
        Shorts = [short.MinValue, short.MaxValue],
        Bytes = [0, 255],
        UInts = [uint.MaxValue, 0],
        Matrix = new float[,] { { 0.1f, 0.2f, 0.3f }, { -1.5f, 1e-38f, 7f } },
        IntList = [1, 2048, 65500, -3],
        NullableLongs = [1, null, 1L << 53, -7],
        Map = new() { ["a"] = 16777216, ["b"] = -5 },
        Count = 1L << 40,
        Big = 1L << 60,
        Small = 65500,
        Single = 0.1f,
        Wide = 0.1,
        Huge = int.MinValue,
        UHuge = ulong.MaxValue,
        Set = [0.5, 0.1, 1e-60, 3.0],
    };

    // V1 values that the .NET reader refuses to read into V2: the member each breaks, and the format written.
    private static IEnumerable<(string Name, WidthsV1 Value, int Format)> Refused() =>
        RefusedInBoth().Select(c => (c.Name, c.Value, 1)).Append(
            // 2¹¹² + 70 has the bytes of the decimal 7.0m; format 1 cannot tell them apart (a newer decimal member reads
            // as 7), format 2's table names the member's type int128: out of range, not 7.
            ("int128-like-a-decimal-to-int-format2", new() { Huge = ((Int128)1 << 112) + 70 }, 2));

    private static IEnumerable<(string Name, WidthsV1 Value)> RefusedInBoth()
    {
        yield return ("int-to-float-inexact", new() { IntsToFloat = [1, 16777217] });
        yield return ("double-to-float-beyond", new() { Doubles = [0.5, 1e300] });
        yield return ("double-to-half-beyond", new() { DoublesToHalf = [70000.0] });
        yield return ("float-to-half-beyond", new() { FloatsToHalf = [0.5f, 2f, 1e6f] });
        yield return ("long-to-ulong-negative", new() { LongsToULong = [3, -1] });
        yield return ("long-to-half-inexact", new() { LongsToHalf = [4099] });
        yield return ("long-to-double-inexact", new() { Longs = [(1L << 53) + 1] });
        yield return ("ulong-to-double-inexact", new() { ULongs = [ulong.MaxValue - 1] });
        yield return ("int-list-to-half-inexact", new() { IntList = [1, 2, 2049] });
        yield return ("varint-to-float-inexact", new() { Count = 16777217 });
        yield return ("varint-to-double-inexact", new() { Big = long.MaxValue - 1 });
        yield return ("varint-to-half-inexact", new() { Small = 4099 });
        yield return ("varint-item-to-double-inexact", new() { NullableLongs = [1, (1L << 53) + 1] });
        yield return ("map-value-to-float-inexact", new() { Map = new() { ["x"] = 16777217 } });
        yield return ("int128-to-int-beyond", new() { Huge = (Int128)int.MaxValue + 1 });
        yield return ("uint128-to-ulong-beyond", new() { UHuge = (UInt128)ulong.MaxValue + 1 });
        // Two doubles that round to one float: the set would lose an element.
        yield return ("set-elements-one-after-rounding", new() { Set = [0.5, 0.1, 0.1000000001] });
        yield return ("set-zero-and-negative-zero", new() { Set = [0.0, 1e-60] });
    }

    [Fact]
    public void Writes_what_the_dotnet_reader_reads_when_a_members_number_type_changed()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "widths-v2.schema.json"), WidthsV2.Schema.ToJson());
        var expected = new Dictionary<int, Dictionary<string, object?>>();
        foreach (int format in new[] { 1, 2 })
        {
            byte[] bytes = ModelSerializer.Serialize(Widths(), new ModelSerializerOptions { FormatVersion = format });
            File.WriteAllBytes(Path.Combine(Folder, $"widths-format{format}.mgen"), bytes);
            expected[format] = Expected(ModelSerializer.Deserialize<WidthsV2>(bytes));
        }
        // Both formats read the same values.
        Assert.Equal(JsonSerializer.Serialize(expected[1]), JsonSerializer.Serialize(expected[2]));
        File.WriteAllText(Path.Combine(Folder, "widths.expected.json"), JsonSerializer.Serialize(expected[1]));

        // A few of the conversions, stated here as well, so that the fixture is known to hold what it is about.
        WidthsV2 read = ModelSerializer.Deserialize<WidthsV2>(ModelSerializer.Serialize(Widths()));
        Assert.Equal(0.1, read.Floats[0]);
        Assert.Equal((float)0.1, read.Doubles[0]);
        Assert.Equal((Half)65504, read.LongsToHalf[0]);
        Assert.Equal(9223372036854775808f, read.LongsToFloat[0]);
        Assert.Equal(0.1, read.Single);

        string refused = Path.Combine(Folder, "refused");
        Directory.CreateDirectory(refused);
        var manifest = new List<Dictionary<string, object>>();
        foreach ((string name, WidthsV1 value, int format) in Refused())
        {
            byte[] bytes = ModelSerializer.Serialize(value, new ModelSerializerOptions { FormatVersion = format });
            File.WriteAllBytes(Path.Combine(refused, name + ".mgen"), bytes);
            var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<WidthsV2>(bytes));
            Assert.Matches("does not fit|out of range|duplicate", e.Reason);
            manifest.Add(new() { ["name"] = name, ["path"] = e.Path, ["reason"] = e.Reason, ["offset"] = e.Offset });
        }
        File.WriteAllText(Path.Combine(refused, "manifest.json"), JsonSerializer.Serialize(manifest));
    }

    // Each member as its type's name ("float64", "int32"...) and the values' exact bits: hex of the IEEE bits (16, 8 or
    // 4 digits), decimal text for integers, null for a null.
    private static Dictionary<string, object?> Expected(WidthsV2 v) => new()
    {
        ["floats"] = Member("float64", v.Floats.Select(Bits)),
        ["floatsToHalf"] = Member("float16", v.FloatsToHalf.Select(Bits)),
        ["doubles"] = Member("float32", v.Doubles.Select(Bits)),
        ["doublesToHalf"] = Member("float16", v.DoublesToHalf.Select(Bits)),
        ["halves"] = Member("float64", v.Halves.Select(Bits)),
        ["halvesToFloat"] = Member("float32", v.HalvesToFloat.Select(Bits)),
        ["ints"] = Member("int64", v.Ints.Select(Text)),
        ["intsToFloat"] = Member("float32", v.IntsToFloat.Select(Bits)),
        ["longs"] = Member("float64", v.Longs.Select(Bits)),
        ["longsToFloat"] = Member("float32", v.LongsToFloat.Select(Bits)),
        ["longsToHalf"] = Member("float16", v.LongsToHalf.Select(Bits)),
        ["longsToULong"] = Member("uint64", v.LongsToULong.Select(Text)),
        ["uLongs"] = Member("float64", v.ULongs.Select(Bits)),
        ["shorts"] = Member("int32", v.Shorts.Select(Text)),
        ["bytes"] = Member("int16", v.Bytes.Select(Text)),
        ["uInts"] = Member("int64", v.UInts.Select(Text)),
        ["matrix"] = Member("float64", v.Matrix.Cast<double>().Select(Bits), [v.Matrix.GetLength(0), v.Matrix.GetLength(1)]),
        ["intList"] = Member("float16", v.IntList.Select(Bits)),
        ["nullableLongs"] = Member("float64", v.NullableLongs.Select(d => d is double x ? Bits(x) : null)),
        ["map"] = Member("float32", v.Map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Bits(p.Value)),
                         keys: v.Map.Keys.Order(StringComparer.Ordinal).ToArray()),
        ["count"] = Member("float32", [Bits(v.Count)]),
        ["big"] = Member("float64", [Bits(v.Big)]),
        ["small"] = Member("float16", [Bits(v.Small)]),
        ["single"] = Member("float64", [Bits(v.Single)]),
        ["wide"] = Member("float32", [Bits(v.Wide)]),
        ["huge"] = Member("int32", [Text(v.Huge)]),
        ["uHuge"] = Member("uint64", [Text(v.UHuge)]),
        ["set"] = Member("float32", v.Set.Select(Bits)),
    };

    private static Dictionary<string, object?> Member(string type, IEnumerable<string?> values, int[]? shape = null, string[]? keys = null)
    {
        var member = new Dictionary<string, object?> { ["type"] = type, ["values"] = values.ToArray() };
        if (shape is not null) member["shape"] = shape;
        if (keys is not null) member["keys"] = keys;
        return member;
    }

    private static string Bits(double d) => BitConverter.DoubleToUInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture);
    private static string Bits(float f) => BitConverter.SingleToUInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture);
    private static string Bits(Half h) => BitConverter.HalfToUInt16Bits(h).ToString("x4", CultureInfo.InvariantCulture);
    private static string Text<T>(T n) where T : IFormattable => n.ToString(null, CultureInfo.InvariantCulture);
}
