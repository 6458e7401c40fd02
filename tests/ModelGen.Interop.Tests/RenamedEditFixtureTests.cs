using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Writes the fixtures of a renamed member edited on the way back (renamed-edits/ of the fixture folder), which
/// interop/python/tests/test_renamed_edits.py reads: version 2 (<see cref="RenamedV2"/>, <c>lr</c> renamed from
/// <c>learningRate</c>) writes JSON with the copy and its record (<c>"$previousNames"</c>); version 1 reads it, keeping
/// <c>lr</c> and the record by name, and saves binary (both formats) — once after setting its own
/// <c>LearningRate</c> (an older build's edit, which must win over the kept <c>lr</c>), once after a person changed
/// <c>lr</c> in the JSON by hand (which must win over the unchanged copy). expected.json holds the value of
/// <c>lr</c> the .NET reader of version 2 reads from each file, which the Python reader must read too.</summary>
public class RenamedEditFixtureTests
{
    private static string Folder => Path.Combine(FixtureTests.Directory, "renamed-edits");

    [Fact]
    public void Writes_the_renamed_edit_fixtures_and_version_2_reads_each_edit()
    {
        Directory.CreateDirectory(Folder);
        string json = ModelJson.Serialize(new RenamedV2 { Lr = 0.01, Labels = ["a", "b"] });
        Assert.Contains("\"$previousNames\"", json);

        RenamedV1 older = ModelJson.Deserialize<RenamedV1>(json);
        Assert.Equal(0.01, older.LearningRate);
        older.LearningRate = 0.5;
        string handEdited = new Regex("\"lr\":0.01").Replace(json, "\"lr\":0.25", 1);
        Assert.NotEqual(json, handEdited);
        RenamedV1 leftAlone = ModelJson.Deserialize<RenamedV1>(handEdited);
        leftAlone.Tags = ["c"];

        var expected = new Dictionary<string, double>();
        foreach (var (name, value, lr) in new[] { ("older-build-edit", older, 0.5), ("hand-edit", leftAlone, 0.25) })
        {
            foreach (int format in new[] { 1, 2 })
            {
                string file = $"{name}-format{format}";
                byte[] bytes = ModelSerializer.Serialize(value, new ModelSerializerOptions { FormatVersion = format });
                File.WriteAllBytes(Path.Combine(Folder, file + ".mgen"), bytes);
                Assert.Equal(lr, ModelSerializer.Deserialize<RenamedV2>(bytes).Lr);
                expected[file] = lr;
            }
        }
        File.WriteAllText(Path.Combine(Folder, "expected.json"), JsonSerializer.Serialize(expected));
    }
}
