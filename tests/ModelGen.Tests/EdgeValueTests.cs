using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel]
public partial class CycleA
{
    public string Name { get; set; } = "";
    public CycleB? B { get; set; }
}

[SerializableModel]
public partial class CycleB
{
    public CycleA? A { get; set; }
}

[SerializableModel]
public partial class CycleNode
{
    public int Id { get; set; }
    public List<CycleNode> Children { get; set; } = new();
}

[SerializableModel]
public partial class TextValues
{
    public string Text { get; set; } = "";
    public char Letter { get; set; } = 'a';
    public List<string> Items { get; set; } = new();
    public Dictionary<string, int> Counts { get; set; } = new();
    public char[] Letters { get; set; } = [];
}

[SerializableModel]
public partial class FloatValues
{
    public double Double { get; set; }
    public float Float { get; set; }
    public Half Half { get; set; }
}

[SerializableModel]
public partial class DecimalValues
{
    public decimal Decimal { get; set; }
    public decimal? Maybe { get; set; }
    public decimal[] Decimals { get; set; } = [];
    public Dictionary<string, decimal> ByName { get; set; } = new();
}

[SerializableModel]
public partial class TimedRun
{
    public DateTime At { get; set; }
    public List<DateTime> Steps { get; set; } = new();
}

/// <summary>Issue #19, section 2: values that every form must either keep or refuse before writing anything.</summary>
public class EdgeValueTests
{
    [Theory]
    [InlineData("""{"id": 1, "text": "\ud800"}""", "text")]
    [InlineData("""{"id": 1, "more": ["a", {"b": "\udc00x"}]}""", "more")]
    [InlineData("""{"id": 1, "more": {"\ud800": 1}}""", "more")]
    public void A_lone_surrogate_in_a_member_the_model_does_not_declare_is_refused_when_read(string json, string path)
    {
        // As a declared string member refuses it. Kept, it made every later save (binary, JSON, dictionary) throw an
        // InvalidOperationException: a value that loaded and could never be saved.
        Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<SurrogateNewer>(json.Replace("\"more\"", "\"text\"")));
        var e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<SurrogateOlder>(json));
        Assert.Equal(path, e.Path);
        Assert.Contains("lone surrogate", e.Message);
        // Paired surrogates are text, kept and written back.
        SurrogateOlder kept = ModelJson.Deserialize<SurrogateOlder>("""{"id": 1, "text": "\ud83d\ude00"}""");
        Assert.Equal("\U0001F600", ModelSerializer.Deserialize<SurrogateNewer>(ModelSerializer.Serialize(kept)).Text);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void An_integer_beyond_a_Half_is_refused_not_read_as_an_infinity(long value)
    {
        // (Half)long.MaxValue is +Infinity, which the saturating check converted back to long.MaxValue: it was read.
        var e = Assert.Throws<ModelFormatException>(() => ModelDictionary.FromDictionary<AllScalars>(new Dictionary<string, object?> { ["half"] = value }));
        Assert.Equal("half", e.Path);
        e = Assert.Throws<ModelFormatException>(() => ModelJson.Deserialize<AllScalars>($$"""{"half": {{value}}}"""));
        Assert.Equal("half", e.Path);
        Assert.Equal((Half)65504, ModelDictionary.FromDictionary<AllScalars>(new Dictionary<string, object?> { ["half"] = 65500L }).Half); // the Half's shortest text
    }

    // Every writer on one value: the exception each throws (null when it wrote), and whether a stream was left untouched.
    internal static ModelFormatException[] AllWritersRefuse<T>(T value) where T : IModelSerializable<T>
    {
        var stream = new MemoryStream();
        var errors = new[]
        {
            Bad.Throws(() => ModelSerializer.Serialize(stream, value)),
            Bad.Throws(() => ModelJson.Serialize(value)),
            Bad.Throws(() => ModelDictionary.ToDictionary(value)),
            Bad.Throws(() => ModelDictionary.ToFlatDictionary(value)),
        };
        Assert.Equal(0, stream.Length); // nothing written
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json)) Bad.Throws(() => ModelJson.Serialize(writer, value));
        Assert.Equal(0, json.Length);
        return errors;
    }

    // ---- object cycles ----

    [Fact]
    public void An_object_cycle_is_one_error_naming_the_member_that_closes_it_in_every_form()
    {
        var a = new CycleA { Name = "a" };
        a.B = new CycleB { A = a };
        // The pre-write check meets the depth limit (64) long before the stack ends, so a regression fails here
        // instead of overflowing the stack of the test host.
        foreach (ModelFormatException e in AllWritersRefuse(a))
        {
            Assert.Equal("b.a", e.Path);
            Assert.Contains("object cycle", e.Reason);
            Assert.Contains("the root", e.Reason);
        }
    }

    [Fact]
    public void A_cycle_through_a_collection_names_the_item_and_the_object_it_repeats()
    {
        var root = new CycleNode { Id = 0 };
        var child = new CycleNode { Id = 1 };
        root.Children.Add(new CycleNode { Id = 2 });
        root.Children.Add(child);
        child.Children.Add(root.Children[0]); // shared, not a cycle: written twice, as a tree
        child.Children.Add(child);
        foreach (ModelFormatException e in AllWritersRefuse(root))
        {
            Assert.Equal("children[1].children[1]", e.Path);
            Assert.Contains("refers back to the object at 'children[1]'", e.Reason);
        }
        child.Children.RemoveAt(1);
        CycleNode back = ModelSerializer.Deserialize<CycleNode>(ModelSerializer.Serialize(root));
        Assert.Equal(2, back.Children[1].Children[0].Id);
    }

    [Fact]
    public void A_deep_tree_without_a_cycle_is_a_depth_error()
    {
        foreach (ModelFormatException e in AllWritersRefuse(Chain(100)))
        {
            Assert.Contains("deeper than the limit of 64", e.Reason);
            Assert.DoesNotContain("cycle", e.Reason);
        }
    }

    // ---- depth ----

    private static Chain Chain(int length)
    {
        var root = new Chain { Value = 0 };
        Chain c = root;
        for (int i = 1; i < length; i++) c = c.Child = new Chain { Value = i };
        return root;
    }

    private static int Length(Chain? c)
    {
        int n = 0;
        for (; c is not null; c = c.Child) n++;
        return n;
    }

    [Fact]
    public void A_chain_100_long_saves_and_loads_in_every_form_with_the_same_depth_option()
    {
        Chain chain = Chain(100);
        var binary = new ModelSerializerOptions { MaxDepth = 1000 };
        var json = new ModelJsonOptions { MaxDepth = 1000 };
        Assert.Equal(100, Length(ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(chain, binary), binary)));
        Assert.Equal(100, Length(ModelJson.Deserialize<Chain>(ModelJson.Serialize(chain, json), json)));
        Assert.Equal(100, Length(ModelDictionary.FromDictionary<Chain>(ModelDictionary.ToDictionary(chain, binary), binary)));
        // The default writers refuse what the default readers would refuse (A_deep_tree_without_a_cycle_is_a_depth_error),
        // and the default readers refuse what was written with a larger option: the option goes on both sides.
        Bad.Throws(() => ModelSerializer.Deserialize<Chain>(ModelSerializer.Serialize(chain, binary)));
        Bad.Throws(() => ModelJson.Deserialize<Chain>(ModelJson.Serialize(chain, json)));
        Bad.Throws(() => ModelDictionary.FromDictionary<Chain>(ModelDictionary.ToDictionary(chain, binary)));
    }

    private static Exception? OnThread(Action action, int stackSize)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { caught = e; }
        }, stackSize);
        thread.Start();
        thread.Join();
        return caught;
    }

    [Fact]
    public void A_depth_option_beyond_the_stack_is_an_error_not_a_stack_overflow()
    {
        // A regression here overflows the stack of the test host; the depth-bounded tests above cannot.
        Chain chain = Chain(200_000);
        var binary = new ModelSerializerOptions { MaxDepth = int.MaxValue };
        var json = new ModelJsonOptions { MaxDepth = int.MaxValue };
        foreach (Action write in new Action[]
        {
            () => ModelSerializer.Serialize(chain, binary),
            () => ModelJson.Serialize(chain, json),
            () => ModelDictionary.ToDictionary(chain, binary),
        })
            Assert.Contains("deeper than this thread's stack allows", Assert.IsType<ModelFormatException>(OnThread(write, 1024 * 1024)).Reason);

        // The readers: input 200 000 levels deep, read with a limit the stack cannot reach.
        string text = string.Concat(Enumerable.Repeat("{\"child\":", 200_000)) + "null" + new string('}', 200_000);
        var plain = new Dictionary<string, object?>();
        Dictionary<string, object?> level = plain;
        for (int i = 0; i < 200_000; i++) level = (Dictionary<string, object?>)(level["child"] = new Dictionary<string, object?>());
        byte[]? bytes = null;
        Assert.Null(OnThread(() => bytes = ModelSerializer.Serialize(chain, binary), 1024 * 1024 * 1024)); // a 1 GiB stack holds it
        foreach (Action read in new Action[]
        {
            () => ModelSerializer.Deserialize<Chain>(bytes, binary),
            () => ModelJson.Deserialize<Chain>(text, json),
            () => ModelDictionary.FromDictionary<Chain>(plain, binary),
        })
            Assert.Contains("deeper than this thread's stack allows", Assert.IsType<ModelFormatException>(OnThread(read, 1024 * 1024)).Message);
    }

    // ---- unpaired surrogates ----

    // Built inside the test, not in the test name: a test name with an unpaired surrogate is itself invalid UTF-8.
    private static (TextValues Value, string Path) WithLoneSurrogate(string member) => member switch
    {
        "text" => (new TextValues { Text = "high \uD800 alone" }, "text"),
        "letter" => (new TextValues { Letter = '\uDC00' }, "letter"),
        "items" => (new TextValues { Items = ["fine", "ends high \uD83D"] }, "items[1]"),
        // Chars are values of their own (one-character strings in JSON): even a complete pair is two halves.
        "letters" => (new TextValues { Letters = "pair 😀".ToCharArray() }, "letters[5]"),
        // Two keys that UTF-8 would both turn into U+FFFD: a file that could never load.
        _ => (new TextValues { Counts = new() { ["ok"] = 0, ["\uD800"] = 1, ["\uD801"] = 2 } }, "counts[\uD800]"),
    };

    [Theory]
    [InlineData("text")]
    [InlineData("letter")]
    [InlineData("items")]
    [InlineData("letters")]
    [InlineData("counts")]
    public void An_unpaired_surrogate_is_refused_by_every_writer_naming_the_member(string member)
    {
        (TextValues value, string path) = WithLoneSurrogate(member);
        foreach (ModelFormatException e in AllWritersRefuse(value))
        {
            Assert.Equal(path, e.Path);
            Assert.Contains("UTF-16 surrogate", e.Reason);
        }
    }

    [Fact]
    public void Every_reader_refuses_what_the_writers_refuse()
    {
        // Binary: a char member and a char array element patched to a surrogate (files of other writers, or corrupt).
        byte[] data = ModelSerializer.Serialize(new TextValues { Letter = '\u0101', Letters = ['x', 'y'] });
        byte[] payload = Payload.PayloadOf(data);
        int at = Payload.IndexOf(payload, [0x82, 0x04]); // the zigzag varint of U+0101; U+D800's (0x1B000) takes three bytes
        Assert.True(at >= 0);
        ModelFormatException e = Bad.Throws(() => ModelSerializer.Deserialize<TextValues>(Payload.Wrap<TextValues>(Splice(payload, at, 2, [0x80, 0xE0, 0x06]))));
        Assert.Equal("letter", e.Path);
        Assert.Contains("surrogate U+D800", e.Message);
        byte[] letters = (byte[])data.Clone();
        int x = Payload.IndexOf(letters, [(byte)'x', 0, (byte)'y', 0]);
        letters[x + 2] = 0x00;
        letters[x + 3] = 0xDC;
        e = Bad.Throws(() => ModelSerializer.Deserialize<TextValues>(Payload.Reseal(letters)));
        Assert.StartsWith("letters", e.Path);
        Assert.Contains("surrogate U+DC00", e.Message);
        // Dictionary form: plain .NET strings and chars can hold them.
        Assert.Equal("text", Bad.Throws(() => ModelDictionary.FromDictionary<TextValues>(new Dictionary<string, object?> { ["text"] = "a\uD800" })).Path);
        Assert.Equal("letter", Bad.Throws(() => ModelDictionary.FromDictionary<TextValues>(new Dictionary<string, object?> { ["letter"] = '\uDC00' })).Path);
        Assert.StartsWith("counts", Bad.Throws(() => ModelDictionary.FromDictionary<TextValues>(new Dictionary<string, object?> { ["counts"] = new Dictionary<string, object?> { ["\uD800"] = 1 } })).Path);
    }

    [Fact]
    public void Equality_and_clone_do_not_see_unpaired_surrogates_as_U_FFFD()
    {
        var a = new TextValues { Text = "\uD800" };
        var b = new TextValues { Text = "\uD801" };
        Assert.Contains("unpaired UTF-16 surrogate", Bad.Throws(() => ModelEquality.Equals(a, b)).Message);
        Assert.Contains("unpaired UTF-16 surrogate", Bad.Throws(() => ModelEquality.Clone(a)).Message);
        Assert.True(ModelEquality.Equals(new TextValues { Text = "😀" }, new TextValues { Text = "😀" }));
    }

    private static byte[] Splice(byte[] data, int at, int remove, byte[] insert) =>
        [.. data.AsSpan(0, at), .. insert, .. data.AsSpan(at + remove)];

    [Fact]
    public void Paired_surrogates_round_trip_in_every_form()
    {
        var value = new TextValues
        {
            Text = "emoji 😀 and 𝔸",
            Items = ["😀"],
            Counts = new() { ["😀"] = 1, ["😁"] = 2 },
            Letters = "xy\uFFFF".ToCharArray(),
        };
        RoundTrip.All(value);
    }

    // ---- through System.Text.Json ----

    // What an experiment tracker or configuration layer does with the dictionary form: System.Text.Json writes it and
    // reads it back as JsonElements.
    private static T ThroughSystemTextJson<T>(T value) where T : IModelSerializable<T>
    {
        string json = JsonSerializer.Serialize(ModelDictionary.ToDictionary(value));
        return ModelDictionary.FromDictionary<T>(JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!);
    }

    [Fact]
    public void Negative_zero_keeps_its_sign_through_System_Text_Json()
    {
        FloatValues back = ThroughSystemTextJson(new FloatValues { Double = -0.0, Float = -0.0f, Half = (Half)(-0.0f) });
        Assert.True(double.IsNegative(back.Double));
        Assert.True(float.IsNegative(back.Float));
        Assert.True(Half.IsNegative(back.Half));
    }

    [Fact]
    public void Negative_zero_and_the_largest_half_round_trip_in_every_form()
    {
        RoundTrip.All(new FloatValues { Double = -0.0, Float = -0.0f, Half = (Half)(-0.0f) });
        RoundTrip.All(new FloatValues { Double = double.MaxValue, Float = float.MaxValue, Half = Half.MaxValue });
        // JSON written by hand or by another tool, with the shortest texts System.Text.Json writes.
        FloatValues read = ModelJson.Deserialize<FloatValues>("{\"double\":-0,\"float\":-0,\"half\":65500}");
        Assert.True(double.IsNegative(read.Double));
        Assert.True(float.IsNegative(read.Float));
        Assert.Equal(Half.MaxValue, read.Half);
    }

    [Fact]
    public void A_decimal_negative_zero_keeps_its_sign_and_scale_in_every_form()
    {
        decimal rounded = Math.Round(-0.001m, 2); // -0.00: Utf8JsonWriter alone writes it as 0.00
        var value = new DecimalValues { Decimal = -0.0m, Maybe = rounded, Decimals = [rounded, 0m, -1.50m, decimal.Negate(0.000m)], ByName = { ["loss"] = rounded } };
        RoundTrip.All(value); // by the bits: value, scale and sign
        foreach (string json in new[] { ModelJson.Serialize(value), ModelJson.Serialize(value, new ModelJsonOptions { Indented = true }), JsonSerializer.Serialize(value) })
        {
            Assert.Contains("-0.00", json, StringComparison.Ordinal);
            DecimalValues back = JsonSerializer.Deserialize<DecimalValues>(json)!;
            Assert.True(decimal.IsNegative(back.Decimal) && decimal.IsNegative(back.Maybe!.Value) && decimal.IsNegative(back.Decimals[3]));
            Assert.Equal((1, 2, 3), (back.Decimal.Scale, back.Maybe.Value.Scale, back.Decimals[3].Scale));
        }
    }

    [Fact]
    public void Values_System_Text_Json_writes_exactly_read_back_exactly()
    {
        Half[] halves = [Half.MaxValue, Half.MinValue, Half.Epsilon, (Half)0.1f, (Half)1000.5f, (Half)65472, (Half)(-2048)];
        float[] floats = [float.MaxValue, float.MinValue, float.Epsilon, 0.1f, 16777217f, -1e-40f];
        double[] doubles = [double.MaxValue, double.MinValue, double.Epsilon, 0.1, 9007199254740993.0, 1e300];
        for (int i = 0; i < halves.Length; i++)
        {
            var value = new FloatValues { Half = halves[i], Float = floats[i % floats.Length], Double = doubles[i % doubles.Length] };
            FloatValues back = ThroughSystemTextJson(value);
            Assert.Equal(BitConverter.HalfToInt16Bits(value.Half), BitConverter.HalfToInt16Bits(back.Half));
            Assert.Equal(BitConverter.SingleToInt32Bits(value.Float), BitConverter.SingleToInt32Bits(back.Float));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value.Double), BitConverter.DoubleToInt64Bits(back.Double));
        }
        // Integers that a Half cannot hold exactly and that are not a Half's own text are still refused.
        var tooPrecise = new Dictionary<string, object?> { ["double"] = 0.0, ["float"] = 0f, ["half"] = JsonDocument.Parse("2049").RootElement };
        Assert.Contains("does not fit in Half exactly", Bad.Throws(() => ModelDictionary.FromDictionary<FloatValues>(tooPrecise)).Message);
    }
}

/// <summary>DateTimeKind.Local in another time zone: these tests change the process's time zone (TZ and
/// TimeZoneInfo.ClearCachedData), so they run alone, after every parallel test.</summary>
[CollectionDefinition(nameof(TimeZoneCollection), DisableParallelization = true)]
public class TimeZoneCollection { }

[Collection(nameof(TimeZoneCollection))]
public class LocalTimeTests
{
    private static T InZone<T>(string zone, Func<T> action)
    {
        string? saved = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        try
        {
            Assert.Equal(zone, TimeZoneInfo.Local.Id);
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void A_local_time_written_in_one_zone_is_the_same_instant_in_another_in_every_form()
    {
        var local = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local);
        var (binary, json, dictionary, throughJson, instant) = InZone("Asia/Tokyo", () =>
        {
            var run = new TimedRun { At = local, Steps = [local] };
            return (ModelSerializer.Serialize(run), ModelJson.Serialize(run), ModelDictionary.ToDictionary(run),
                JsonSerializer.Serialize(ModelDictionary.ToDictionary(run)), local.ToUniversalTime());
        });
        Assert.Equal(new DateTime(2026, 7, 1, 3, 0, 0, DateTimeKind.Utc), instant);
        TimedRun[] read = InZone("America/New_York", () => new[]
        {
            ModelSerializer.Deserialize<TimedRun>(binary),
            ModelJson.Deserialize<TimedRun>(json),
            ModelDictionary.FromDictionary<TimedRun>(dictionary),
            ModelDictionary.FromDictionary<TimedRun>(JsonSerializer.Deserialize<Dictionary<string, object?>>(throughJson)!),
        });
        foreach (TimedRun run in read)
        {
            Assert.Equal(DateTimeKind.Utc, run.At.Kind);
            Assert.Equal(instant.Ticks, run.At.Ticks);
            Assert.Equal(instant, Assert.Single(run.Steps));
            Assert.Equal(DateTimeKind.Utc, run.Steps[0].Kind);
        }
    }

    [Fact]
    public void Utc_and_unspecified_times_are_kept_as_they_are()
    {
        var run = new TimedRun { At = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), Steps = [new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)] };
        InZone("Asia/Tokyo", () => { RoundTrip.All(run); return 0; });
    }

    [Fact]
    public void A_binary_file_of_an_earlier_version_holding_a_local_time_reads_as_before()
    {
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        byte[] data = ModelSerializer.Serialize(new TimedRun { At = utc });
        byte[] pattern = BitConverter.GetBytes((ulong)utc.Ticks | (1UL << 62));
        int at = Payload.IndexOf(data, pattern);
        Assert.True(at >= 0);
        data[at + 7] = (byte)((data[at + 7] & 0x3F) | 0x80); // kind 2, local, as earlier versions wrote
        DateTime read = InZone("Asia/Tokyo", () => ModelSerializer.Deserialize<TimedRun>(Payload.Reseal(data)).At);
        Assert.Equal(DateTimeKind.Local, read.Kind);
        Assert.Equal(utc.Ticks, read.Ticks);
    }
}

[SerializableModel(Name = "ModelGen.Tests.Surrogates")]
public partial class SurrogateNewer
{
    public int Id { get; set; }
    public string Text { get; set; } = "";
}

[SerializableModel(Name = "ModelGen.Tests.Surrogates")]
public partial class SurrogateOlder
{
    public int Id { get; set; }
}
