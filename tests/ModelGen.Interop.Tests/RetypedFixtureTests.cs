using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the retyped fixtures that interop/python/tests/test_retyped.py reads (retyped/ of the fixture
/// folder): the schema document of <see cref="RetypedV1"/>, and format-2 files of <see cref="RetypedV2"/>, each with
/// one member set, which the .NET reader of V1 refuses (format 1 has no type to refuse them by: a decimal's bytes read
/// into a double are a subnormal number), with each error's path, reason and offset (refused/).</summary>
public class RetypedFixtureTests
{
    private static string Folder => Path.Combine(FixtureTests.Directory, "retyped");

    private static IEnumerable<(string Name, RetypedV2 Value)> Cases()
    {
        yield return ("decimal-into-double", new() { Price = 5m });
        yield return ("guid-into-long", new() { Id = Guid.Empty });
        yield return ("complex-into-long", new() { Code = new System.Numerics.Complex(5, 0) });
        yield return ("int128-items-into-doubles", new() { Rates = [5] });
    }

    [Fact]
    public void Writes_format_2_files_of_types_an_older_member_does_not_widen_from()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "retyped-v1.schema.json"), RetypedV1.Schema.ToJson());
        string refused = Path.Combine(Folder, "refused");
        Directory.CreateDirectory(refused);
        var manifest = new List<Dictionary<string, object>>();
        foreach ((string name, RetypedV2 value) in Cases())
        {
            byte[] bytes = ModelSerializer.Serialize(value, new ModelSerializerOptions { FormatVersion = 2 });
            File.WriteAllBytes(Path.Combine(refused, name + ".mgen"), bytes);
            var e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<RetypedV1>(bytes));
            Assert.Contains("but the data holds a", e.Reason);
            manifest.Add(new() { ["name"] = name, ["path"] = e.Path, ["reason"] = e.Reason, ["offset"] = e.Offset });
        }
        File.WriteAllText(Path.Combine(refused, "manifest.json"), JsonSerializer.Serialize(manifest));
    }
}
