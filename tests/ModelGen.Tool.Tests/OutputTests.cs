using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary>What a person sees: output bounded for large members (saying what it left out), values as their declared
/// types when an assembly gives the schema, and a usage text that names the command they type.</summary>
public sealed class OutputTests
{
    private static readonly string Assembly = typeof(Everything).Assembly.Location;

    private static Vocabulary LargeVocabulary() => new()
    {
        Tokens = Enumerable.Range(0, 50_000).ToDictionary(i => "token" + i, i => i),
        Merges = Enumerable.Range(0, 1_000).Select(i => "m" + i).ToList(),
        Notes = new string('x', 5_000),
        Blob = Enumerable.Range(0, 1_000).Select(i => (byte)i).ToArray(),
        Control = new string('\u0001', 1_000),
    };

    [Fact]
    public void Inspect_bounds_maps_sequences_strings_and_bytes_by_default_and_counts_what_it_left_out()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(LargeVocabulary()));
        ToolResult result = ToolRunner.Run("inspect", path);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.Split('\n');
        Assert.True(lines.Length < 120, $"{lines.Length} lines");
        Assert.Contains("map (50,000 entries) {", result.Output);
        Assert.Contains("... 49,984 more entries", result.Output);
        Assert.Contains("... 984 more items", result.Output);
        Assert.Contains("... (4,800 more characters)", result.Output);
        Assert.Contains("... (936 more bytes)", result.Output);
        Assert.Contains("packed uint8[1000] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ... 984 more]", result.Output);
    }

    [Fact]
    public void Max_elements_caps_maps_and_sequences_and_all_shows_everything()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(LargeVocabulary()));
        ToolResult capped = ToolRunner.Run("inspect", path, "--max-elements", "2");
        Assert.Contains("... 49,998 more entries", capped.Output);
        Assert.Contains("... 998 more items", capped.Output);
        Assert.Equal(2, capped.Output.Split('\n').Count(l => l.Contains("\"token", StringComparison.Ordinal)));

        ToolResult all = ToolRunner.Run("inspect", path, "--all");
        Assert.Equal(0, all.ExitCode);
        Assert.Equal(50_000, all.Output.Split('\n').Count(l => l.Contains("\"token", StringComparison.Ordinal)));
        Assert.DoesNotContain("more entries", all.Output);
        Assert.Contains(new string('x', 5_000), all.Output);
    }

    [Fact]
    public void To_json_is_bounded_by_default_and_complete_with_all()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(LargeVocabulary()));
        int tokens = ToolRunner.KeyOf<Vocabulary>("tokens");
        int merges = ToolRunner.KeyOf<Vocabulary>("merges");

        ToolResult bounded = ToolRunner.Run("to-json", path);
        Assert.Equal(0, bounded.ExitCode);
        JsonElement payload = bounded.Json.GetProperty("payload");
        JsonElement map = ToolRunner.Field(payload, tokens);
        Assert.Equal(50_000, map.GetProperty("count").GetInt32());
        Assert.Equal(1_000, map.GetProperty("entries").GetArrayLength());
        Assert.Equal(49_000, map.GetProperty("omitted").GetInt32());
        Assert.Equal(1_000, ToolRunner.Field(payload, merges).GetProperty("items").GetArrayLength());
        Assert.False(ToolRunner.Field(payload, merges).TryGetProperty("omitted", out _));

        ToolResult all = ToolRunner.Run("to-json", path, "--all");
        JsonElement fullMap = ToolRunner.Field(all.Json.GetProperty("payload"), tokens);
        Assert.Equal(50_000, fullMap.GetProperty("entries").GetArrayLength());
        Assert.False(fullMap.TryGetProperty("omitted", out _));
        Assert.True(all.Output.Length > 10 * bounded.Output.Length, $"{all.Output.Length} vs {bounded.Output.Length}");

        ToolResult two = ToolRunner.Run("to-json", path, "--max-elements", "2");
        Assert.Equal(49_998, ToolRunner.Field(two.Json.GetProperty("payload"), tokens).GetProperty("omitted").GetInt32());
    }

    private static readonly Typed TypedValue = new()
    {
        Seed = ulong.MaxValue,
        RunId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        Started = new DateTimeOffset(2026, 12, 4, 19, 30, 15, TimeSpan.FromHours(2)),
        Finished = new DateTime(2026, 12, 4, 18, 0, 0, DateTimeKind.Utc),
        Elapsed = TimeSpan.FromMinutes(90.5),
        Cost = 12.50m,
        Activation = Activation.Gelu,
        Separator = ';',
        Layers = [Activation.Relu, (Activation)5],
        Counts = new() { [Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100")] = 9_000_000_000_000_000_000 },
    };

    [Fact]
    public void Inspect_with_an_assembly_prints_values_as_their_declared_types()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(TypedValue));
        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, typed.ExitCode);
        string[] lines = typed.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.EndsWith("(seed): uint64 18446744073709551615", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(runId): guid 00112233-4455-6677-8899-aabbccddeeff", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(started): datetimeoffset 2026-12-04T19:30:15.0000000+02:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(finished): datetime 2026-12-04T18:00:00.0000000Z", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(elapsed): timespan 01:30:30", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(cost): decimal 12.50", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(activation): enum:Activation Gelu (7)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(separator): char \";\"", StringComparison.Ordinal));
        Assert.Contains("[0] enum:Activation Relu (2)", lines);
        Assert.Contains("[1] enum:Activation 5", lines); // a value without a name prints its number
        Assert.Contains("guid ffeeddcc-bbaa-9988-7766-554433221100 => uint64 9000000000000000000", lines);

        // Without the schema the same file shows wire values: the ulong as a negative zigzag varint, the GUID as hex.
        ToolResult raw = ToolRunner.Run("inspect", path);
        Assert.Contains("varint -1 (raw 1)", raw.Output);
        Assert.Contains("bytes[16] 33221100554477668899aabbccddeeff", raw.Output);
        Assert.DoesNotContain("uint64", raw.Output);
    }

    [Fact]
    public void Inspect_types_the_items_of_sets_stacks_and_other_collection_kinds()
    {
        var value = new TypedCollections
        {
            Ids = [Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")],
            Totals = new() { [Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100")] = ulong.MaxValue },
            Durations = [TimeSpan.FromMinutes(90)],
        };
        value.History.Push(Activation.Relu);
        value.History.Push(Activation.Gelu);
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(value));
        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, typed.ExitCode);
        string[] lines = typed.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("[0] guid 00112233-4455-6677-8899-aabbccddeeff", lines); // set<guid>
        Assert.Contains("[0] enum:Activation Gelu (7)", lines); // list<enum:Activation>, top of the stack first
        Assert.Contains("[1] enum:Activation Relu (2)", lines);
        Assert.Contains("guid ffeeddcc-bbaa-9988-7766-554433221100 => uint64 18446744073709551615", lines);
        Assert.Contains("[0] timespan 01:30:00", lines);
    }

    [Fact]
    public void Inspect_with_an_assembly_prints_the_modern_value_types()
    {
        var value = new ModernValues
        {
            Day = new DateOnly(2026, 12, 24),
            Time = new TimeOnly(8, 30, 15).Add(TimeSpan.FromTicks(5)),
            Id = Int128.MinValue,
            Hash = UInt128.MaxValue,
            Big = System.Numerics.BigInteger.Pow(10, 40) * -1,
            Gain = new System.Numerics.Complex(1.5, double.NaN),
            Source = new Uri("models/a b.mgen", UriKind.Relative),
            Version = new Version(1, 2, 3),
            ByDay = { [new DateOnly(2000, 1, 1)] = 7 },
        };
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(value));
        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, typed.ExitCode);
        string[] lines = typed.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.EndsWith("(day): date 2026-12-24", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(time): time 08:30:15.0000005", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(id): int128 -170141183460469231731687303715884105728", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(hash): uint128 340282366920938463463374607431768211455", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(big): bigint -10000000000000000000000000000000000000000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(gain): complex [1.5, NaN]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(source): uri \"models/a b.mgen\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("(version): version \"1.2.3\"", StringComparison.Ordinal));
        Assert.Contains("date 2000-01-01 => bigint 7", lines);
    }

    [Fact]
    public void Inspect_types_each_item_of_a_tuple_by_its_place()
    {
        var value = new TupleValues
        {
            Cell = (ulong.MaxValue, new Guid("00112233-4455-6677-8899-aabbccddeeff"), Activation.Gelu),
            Entry = new(new DateOnly(2026, 12, 5), 9_000_000_000_000_000_000),
            QTable = { [(3, 4)] = -1.25 },
        };
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(value));
        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, typed.ExitCode);
        string[] lines = typed.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("[0] uint64 18446744073709551615", lines);
        Assert.Contains("[1] guid 00112233-4455-6677-8899-aabbccddeeff", lines);
        Assert.Contains("[2] enum:Activation Gelu (7)", lines);
        Assert.Contains("[0] date 2026-12-05", lines);
        Assert.Contains("[1] uint64 9000000000000000000", lines);
        Assert.Contains("[0] int32 3", lines); // a tuple key: the sequence of its items
        Assert.Contains("[1] int32 4", lines);

        ToolResult json = ToolRunner.Run("to-json", path, "--assembly", Assembly);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"type\": \"uint64\"", json.Output);
        Assert.Contains("\"decoded\": \"18446744073709551615\"", json.Output);
        Assert.Contains("\"decoded\": \"Gelu (7)\"", json.Output);
    }

    [Fact]
    public void Inspect_types_the_members_of_union_cases_in_nested_collections()
    {
        var value = new Everything { Shapes = [new Circle { Radius = 2, Color = "red" }, new Square { Side = 3 }], Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff") };
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(value));
        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Equal(0, typed.ExitCode);
        Assert.Contains("(id): guid 00112233-4455-6677-8899-aabbccddeeff", typed.Output);
        Assert.Contains("(radius): float64 2", typed.Output);
    }

    [Fact]
    public void To_json_with_an_assembly_adds_the_declared_type_and_value()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(TypedValue));
        ToolResult result = ToolRunner.Run("to-json", path, "--assembly", Assembly);
        Assert.Equal(0, result.ExitCode);
        JsonElement seed = ToolRunner.Field(result.Json.GetProperty("payload"), ToolRunner.KeyOf<Typed>("seed"));
        Assert.Equal("uint64", seed.GetProperty("type").GetString());
        Assert.Equal("18446744073709551615", seed.GetProperty("decoded").GetString());
        Assert.Equal("varint", seed.GetProperty("wireType").GetString());
        JsonElement runId = ToolRunner.Field(result.Json.GetProperty("payload"), ToolRunner.KeyOf<Typed>("runId"));
        Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", runId.GetProperty("decoded").GetString());
    }

    [Fact]
    public void A_NaN_other_than_the_types_own_is_shown_with_its_bits_as_the_json_form_writes_it()
    {
        var value = new NaNValues
        {
            Scalar = BitConverter.UInt64BitsToDouble(0x7FF0_0000_0000_07A2), // R's NA
            Single = BitConverter.UInt32BitsToSingle(0x7FC0_0000),
            Doubles = [BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0000), double.NaN],
            Floats = [BitConverter.UInt32BitsToSingle(0xFFC0_0001), float.NaN],
            Halves = [BitConverter.UInt16BitsToHalf(0x7D00), Half.NaN],
            Gain = new System.Numerics.Complex(BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0000), double.NaN),
            Half = BitConverter.UInt16BitsToHalf(0x7D00), // signaling: stored as the float 7fa00000, its quiet bit clear
            QuietHalf = BitConverter.UInt16BitsToHalf(0xFE01),
        };
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(value));

        ToolResult raw = ToolRunner.Run("inspect", path);
        Assert.Equal(0, raw.ExitCode);
        Assert.Contains("fixed64 NaN:7ff00000000007a2", raw.Output);
        Assert.Contains("fixed32 NaN:7fc00000", raw.Output);
        Assert.Contains("[NaN:7ff8000000000000, NaN]", raw.Output);
        Assert.Contains("[NaN:ffc00001, NaN]", raw.Output);
        Assert.Contains("[NaN:7d00, NaN]", raw.Output);

        ToolResult typed = ToolRunner.Run("inspect", path, "--assembly", Assembly);
        Assert.Contains("(scalar): float64 NaN:7ff00000000007a2", typed.Output);
        Assert.Contains("(gain): complex [NaN:7ff8000000000000, NaN]", typed.Output);
        // A Half member as the .NET reader reads it (the Half's own bits), after the float it is stored as.
        Assert.Contains("fixed32 NaN:7fa00000", raw.Output);
        Assert.Contains("(half): float16 NaN:7d00", typed.Output);
        Assert.Contains("(quietHalf): float16 NaN:fe01", typed.Output);

        ToolResult json = ToolRunner.Run("to-json", path, "--assembly", Assembly);
        Assert.Equal(0, json.ExitCode);
        JsonElement payload = json.Json.GetProperty("payload");
        JsonElement scalar = ToolRunner.Field(payload, ToolRunner.KeyOf<NaNValues>("scalar"));
        Assert.Equal("NaN:7ff00000000007a2", scalar.GetProperty("float64").GetString());
        Assert.Equal("NaN:7ff00000000007a2", scalar.GetProperty("decoded").GetString());
        Assert.Equal("NaN:7fc00000", ToolRunner.Field(payload, ToolRunner.KeyOf<NaNValues>("single")).GetProperty("float32").GetString());
        JsonElement half = ToolRunner.Field(payload, ToolRunner.KeyOf<NaNValues>("half"));
        Assert.Equal("NaN:7fa00000", half.GetProperty("float32").GetString());
        Assert.Equal("NaN:7d00", half.GetProperty("decoded").GetString());
        Assert.Equal("NaN:fe01", ToolRunner.Field(payload, ToolRunner.KeyOf<NaNValues>("quietHalf")).GetProperty("decoded").GetString());
        string[] Values(string member) => ToolRunner.Field(payload, ToolRunner.KeyOf<NaNValues>(member)).GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(["NaN:7ff8000000000000", "NaN"], Values("doubles"));
        Assert.Equal(["NaN:ffc00001", "NaN"], Values("floats"));
        Assert.Equal(["NaN:7d00", "NaN"], Values("halves"));
    }

    [Fact]
    public void Usage_text_names_the_modelgen_command()
    {
        ToolResult help = ToolRunner.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("modelgen [command] [options]", help.Output);
        Assert.Contains("modelgen inspect <file> [options]", ToolRunner.Run("inspect", "--help").Output);
        Assert.DoesNotContain("ModelGen.Tool", help.Output + ToolRunner.Run("lock", "--help").Output + ToolRunner.Run("nonsense").Error);
    }
}
