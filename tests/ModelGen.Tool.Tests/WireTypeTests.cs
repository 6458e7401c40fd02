using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary>Every wire type and item kind of docs/format.md, decoded without the type and compared with the values written.</summary>
public class WireTypeTests
{
    internal static readonly Everything Value = new()
    {
        Name = "héllo \"world\"",
        Scale = 1.5f,
        Small = (Half)0.25,
        Flag = true,
        Negative = -5,
        Missing = null,
        Id = new Guid("00112233-4455-6677-8899-aabbccddeeff"),
        When = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc),
        Tags = ["a", null, "c"],
        Grid = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } },
        Jagged = [[1, 2], [3]],
        Labels = new Dictionary<int, string> { [-1] = "minus one", [7] = "seven" },
        Shapes = [new Circle { Color = "red", Radius = 2 }, new Square { Color = "blue", Side = 3 }],
        Letters = ['x', 'y'],
    };

    private static int Key(string member) => ToolRunner.KeyOf<Everything>(member);

    private static (JsonElement Payload, ToolResult Text) Decode()
    {
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(Value));
        try
        {
            ToolResult json = ToolRunner.Run("to-json", path);
            Assert.Equal(0, json.ExitCode);
            return (json.Json.GetProperty("payload"), ToolRunner.Run("inspect", path, "--names", "name,tags,shapes,radius"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScalarsDecodeToTheirWireTypes()
    {
        JsonElement p = Decode().Payload;
        Assert.Equal(3, ToolRunner.Field(p, 1).GetProperty("zigzag").GetInt64()); // schema version 3, written because it is not 1
        Assert.Equal(Value.Name, ToolRunner.Field(p, Key("name")).GetProperty("utf8").GetString());
        Assert.Equal(1.5f, ToolRunner.Field(p, Key("scale")).GetProperty("float32").GetSingle());
        Assert.Equal(0.25f, ToolRunner.Field(p, Key("small")).GetProperty("float32").GetSingle());
        Assert.Equal(1, ToolRunner.Field(p, Key("flag")).GetProperty("zigzag").GetInt64());
        Assert.Equal(-5, ToolRunner.Field(p, Key("negative")).GetProperty("zigzag").GetInt64());
        JsonElement id = ToolRunner.Field(p, Key("id"));
        Assert.Equal(Convert.ToHexString(Value.Id.ToByteArray()).ToLowerInvariant(), id.GetProperty("hex").GetString());
        ulong when = Convert.ToUInt64(ToolRunner.Field(p, Key("when")).GetProperty("bits").GetString(), 16);
        Assert.Equal((ulong)Value.When.Ticks | 1UL << 62, when); // ticks, kind UTC in the top bits (format.md §4)
    }

    [Fact]
    public void NullsAreMarkersAndSequenceItemsMayBeNull()
    {
        JsonElement p = Decode().Payload;
        Assert.Equal("null", ToolRunner.Field(p, Key("missing")).GetProperty("wireType").GetString());
        JsonElement tags = ToolRunner.Field(p, Key("tags"));
        Assert.Equal("sequence", tags.GetProperty("wireType").GetString());
        Assert.Equal(["bytes", "null", "bytes"], tags.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("wireType").GetString()));
        Assert.Equal("c", tags.GetProperty("items")[2].GetProperty("utf8").GetString());
    }

    [Fact]
    public void ArraysMapsAndUnionsKeepTheirStructure()
    {
        JsonElement p = Decode().Payload;

        JsonElement grid = ToolRunner.Field(p, Key("grid"));
        Assert.Equal("packed", grid.GetProperty("wireType").GetString());
        Assert.Equal([2, 3], grid.GetProperty("dimensions").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], grid.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));

        JsonElement jagged = ToolRunner.Field(p, Key("jagged"));
        Assert.Equal("sequence", jagged.GetProperty("wireType").GetString());
        Assert.Equal([3], jagged.GetProperty("items")[1].GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));

        JsonElement letters = ToolRunner.Field(p, Key("letters"));
        Assert.Equal("char", letters.GetProperty("element").GetString());
        Assert.Equal(["x", "y"], letters.GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        JsonElement labels = ToolRunner.Field(p, Key("labels"));
        Assert.Equal("map", labels.GetProperty("wireType").GetString());
        var entries = labels.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => (int)e.GetProperty("key").GetProperty("zigzag").GetInt64(), e => e.GetProperty("value").GetProperty("utf8").GetString()!);
        Assert.Equal(Value.Labels, entries);

        JsonElement[] shapes = ToolRunner.Field(p, Key("shapes")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, shapes.Length);
        JsonElement firstField = shapes[0].GetProperty("fields")[0];
        Assert.Equal(2, firstField.GetProperty("key").GetInt32()); // the union tag comes first
        Assert.Equal("circle", firstField.GetProperty("value").GetProperty("utf8").GetString());
        Assert.Equal(2.0, ToolRunner.Field(shapes[0], ToolRunner.KeyOf<Circle>("radius")).GetProperty("float64").GetDouble());
        Assert.Equal("square", shapes[1].GetProperty("fields")[0].GetProperty("value").GetProperty("utf8").GetString());
    }

    [Fact]
    public void TextOutputNestsAndLabelsTheTree()
    {
        string[] lines = Decode().Text.Output.Split('\n');
        Assert.Contains("  1 ($version): varint 3 (raw 6)", lines);
        Assert.Contains($"  {Key("name")} (name): bytes \"héllo \\\"world\\\"\"", lines);
        Assert.Contains($"  {Key("tags")} (tags): sequence[3] [", lines);
        Assert.Contains("    [1] null", lines);
        Assert.Contains($"  {Key("grid")}: packed float64[2x3] [1, 2, 3, 4, 5, 6]", lines);
        Assert.Contains("      2 ($type): bytes \"circle\"", lines);
        Assert.Contains($"      {ToolRunner.KeyOf<Circle>("radius")} (radius): fixed64 2", lines);
        Assert.Contains($"  {Key("labels")}: map (2 entries) {{", lines);
        Assert.Contains("    varint -1 (raw 1) => bytes \"minus one\"", lines);
    }
}

/// <summary>A member an older build kept by name (from JSON) and wrote back to binary (field key 4): shown under its
/// name with its JSON text, in both formats.</summary>
public class NamedMemberTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_named_member_is_shown_under_its_name(int format)
    {
        string json = ModelJson.Serialize(WireTypeTests.Value);
        Everything kept = ModelJson.Deserialize<Everything>(json.Insert(json.Length - 1, ",\"note\":{\"a\":[1,2.5]}"));
        string path = ToolRunner.TempFile(ModelSerializer.Serialize(kept, new ModelSerializerOptions { FormatVersion = format }));
        try
        {
            ToolResult result = ToolRunner.Run("to-json", path);
            Assert.Equal(0, result.ExitCode);
            JsonElement field = result.Json.GetProperty("payload").GetProperty("fields").EnumerateArray()
                .Single(f => f.GetProperty("key").GetInt32() == ModelGen.Internal.FieldKeys.NamedMember);
            Assert.Equal("note", field.GetProperty("name").GetString());
            Assert.Equal("{\"a\":[1,2.5]}", field.GetProperty("value").GetProperty("utf8").GetString());
            ToolResult text = ToolRunner.Run("inspect", path);
            Assert.Equal(0, text.ExitCode);
            Assert.Contains("(note)", text.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
