using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Tool.Tests;

/// <summary>Runs the modelgen command line in-process and captures what it prints.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public JsonElement Json => JsonDocument.Parse(Output).RootElement;
}

internal static class ToolRunner
{
    public static ToolResult Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(args, stdout, stderr);
        return new ToolResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes <paramref name="bytes"/> to a new temporary file and returns its path.</summary>
    public static string TempFile(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"modelgen-tool-test-{Guid.NewGuid():n}.mgen");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The field with <paramref name="key"/> in a JSON object node of to-json's output.</summary>
    public static JsonElement Field(JsonElement obj, int key) =>
        obj.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetInt32() == key).GetProperty("value");

    public static int KeyOf<T>(string member) where T : ModelGen.IModelSerializable<T> =>
        T.Schema.Members.Single(m => m.Name == member).Key;
}
