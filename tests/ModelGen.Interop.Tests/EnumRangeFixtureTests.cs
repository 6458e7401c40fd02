using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the enum range fixtures that interop/python/tests/test_enum_ranges.py reads (enums/ of the fixture
/// folder): the schema document of <see cref="TiersV2"/> as `modelgen lock` writes it (each enum with its underlying
/// type), a <see cref="TiersV1"/> whose values fit V2's narrower enums in both formats with the values the .NET reader
/// reads from it (tiers.expected.json: int64, as binary holds them), then V1 values beyond the range of V2's underlying
/// types, which .NET refuses, each with the path, reason and offset of its error (refused/).</summary>
public class EnumRangeFixtureTests
{
    private static string Folder => Path.Combine(FixtureTests.Directory, "enums");

    public static TiersV1 InRange() => new()
    {
        Level = (Wider.Level)255,
        Levels = [Wider.Level.Low, Wider.Level.High, 0],
        ByLevel = new() { [(Wider.Level)255] = 1, [0] = 2 },
        Delta = (Wider.Delta)(-128),
        Huge = (Wider.Huge)long.MinValue, // 2^63 as a ulong
    };

    // V1 values that the .NET reader refuses to read into V2: beyond the underlying type of V2's enum.
    private static IEnumerable<(string Name, TiersV1 Value)> Refused()
    {
        yield return ("byte-256", new() { Level = (Wider.Level)256 });
        yield return ("byte-negative-item", new() { Levels = [Wider.Level.High, (Wider.Level)(-1)] });
        yield return ("byte-map-key-300", new() { ByLevel = new() { [Wider.Level.Low] = 1, [(Wider.Level)300] = 2 } });
        yield return ("sbyte-128", new() { Delta = (Wider.Delta)128 });
        yield return ("sbyte-minus-129", new() { Delta = (Wider.Delta)(-129) });
    }

    [Fact]
    public void Writes_what_the_dotnet_reader_reads_and_refuses_when_an_enums_underlying_type_narrowed()
    {
        Directory.CreateDirectory(Folder);
        string schema = NamedMemberFixtureTests.LockFile(typeof(TiersV2));
        // The underlying types, by their schema scalar names, which a reader in another language checks a value against.
        Assert.Contains("{ \"name\": \"ModelGen.Interop.Tests.Level\", \"underlying\": \"uint8\", \"values\": { \"Low\": 1, \"High\": 200 } }", schema);
        Assert.Contains("{ \"name\": \"ModelGen.Interop.Tests.Delta\", \"underlying\": \"int8\",", schema);
        Assert.Contains("{ \"name\": \"ModelGen.Interop.Tests.Huge\", \"underlying\": \"uint64\",", schema);
        File.WriteAllText(Path.Combine(Folder, "tiers-v2.schema.json"), schema);
        string? expected = null;
        foreach (int format in new[] { 1, 2 })
        {
            byte[] bytes = ModelSerializer.Serialize(InRange(), new ModelSerializerOptions { FormatVersion = format });
            File.WriteAllBytes(Path.Combine(Folder, $"tiers-format{format}.mgen"), bytes);
            string read = JsonSerializer.Serialize(Expected(ModelSerializer.Deserialize<TiersV2>(bytes)));
            Assert.Equal(expected ?? read, read);
            expected = read;
        }
        File.WriteAllText(Path.Combine(Folder, "tiers.expected.json"), expected);
        TiersV2 v2 = ModelSerializer.Deserialize<TiersV2>(ModelSerializer.Serialize(InRange()));
        Assert.Equal((Level)255, v2.Level);
        Assert.Equal((Delta)sbyte.MinValue, v2.Delta);
        Assert.Equal((Huge)(1UL << 63), v2.Huge);

        string refused = Path.Combine(Folder, "refused");
        Directory.CreateDirectory(refused);
        var manifest = new List<Dictionary<string, object>>();
        foreach ((string name, TiersV1 value) in Refused())
        {
            byte[] bytes = ModelSerializer.Serialize(value);
            File.WriteAllBytes(Path.Combine(refused, name + ".mgen"), bytes);
            var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<TiersV2>(bytes));
            Assert.Matches("^value -?[0-9]+ is out of range for enum (Level|Delta)$", e.Reason);
            manifest.Add(new() { ["name"] = name, ["path"] = e.Path, ["reason"] = e.Reason, ["offset"] = e.Offset });
        }
        File.WriteAllText(Path.Combine(refused, "manifest.json"), JsonSerializer.Serialize(manifest));
    }

    // Each member's values as int64, as binary holds them and the Python reader gives them (a ulong reinterpreted).
    private static Dictionary<string, object?> Expected(TiersV2 v) => new()
    {
        ["level"] = (long)v.Level,
        ["levels"] = v.Levels.Select(l => (long)l).ToArray(),
        ["byLevel"] = v.ByLevel.ToDictionary(p => ((long)p.Key).ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
        ["delta"] = v.Delta is { } d ? (long)d : null,
        ["huge"] = unchecked((long)(ulong)v.Huge),
    };
}
