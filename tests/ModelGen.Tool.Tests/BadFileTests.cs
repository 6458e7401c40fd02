using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelGen.Internal;
using Xunit;

namespace ModelGen.Tool.Tests;

/// <summary>Damaged, truncated or foreign files: one line on the error output, exit code 1, never a stack trace.</summary>
public class BadFileTests
{
    private static void AssertCleanFailure(ToolResult result, string? expected = null)
    {
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("modelgen: ", line);
        Assert.DoesNotContain(" at ", line.Replace("at '", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        if (expected is not null) Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static ToolResult RunOn(byte[] bytes, string command = "inspect")
    {
        string path = ToolRunner.TempFile(bytes);
        try
        {
            return ToolRunner.Run(command, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new byte[0], "magic bytes 'MGEN' are missing")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 }, "not a ModelGen file")]
    [InlineData(new byte[] { (byte)'M', (byte)'G', (byte)'E', (byte)'N', 9, 1 }, "format version 9 is not supported")]
    [InlineData(new byte[] { (byte)'M', (byte)'G', (byte)'E', (byte)'N', 1, 0x80 }, "unknown envelope flags")]
    public void ForeignFilesFailInOneLine(byte[] bytes, string expected)
    {
        AssertCleanFailure(RunOn(bytes), expected);
        ToolResult json = RunOn(bytes, "to-json");
        AssertCleanFailure(json, expected);
        Assert.Equal("", json.Output);
    }

    [Fact]
    public void EveryTruncationFailsInOneLine()
    {
        byte[] good = ModelSerializer.Serialize(WireTypeTests.Value);
        for (int length = 0; length < good.Length; length++)
        {
            ToolResult result = RunOn(good.AsSpan(0, length).ToArray());
            AssertCleanFailure(result);
            Assert.Equal("", result.Output);
        }
    }

    [Fact]
    public void AppendedBytesFail() =>
        AssertCleanFailure(RunOn([.. ModelSerializer.Serialize(WireTypeTests.Value), 0]), "truncated or has bytes appended");

    [Fact]
    public void AChecksumMismatchIsShownThenFails()
    {
        byte[] bytes = ModelSerializer.Serialize(WireTypeTests.Value);
        int at = bytes.Length - 16 - 3; // a packed or string byte near the end of the payload
        bytes[at] ^= 0x01;
        ToolResult result = RunOn(bytes);
        AssertCleanFailure(result, "checksum mismatch");
        Assert.Contains("MISMATCH: computed", result.Output);
        ToolResult json = RunOn(bytes, "to-json");
        AssertCleanFailure(json, "checksum mismatch");
        Assert.Contains("\"checksumValid\": false", json.Output);
    }

    [Fact]
    public void EveryCorruptedPayloadByteDecodesOrFailsInOneLine()
    {
        // Without a checksum the structure itself must catch damage: sweep each payload byte through telling values.
        var options = new ModelSerializerOptions { WriteChecksum = false };
        byte[] good = ModelSerializer.Serialize(WireTypeTests.Value, options);
        Envelope envelope = ModelSerializer.ReadEnvelope(good);
        int failures = 0;
        foreach (int at in Enumerable.Range(envelope.HeaderLength, (int)envelope.PayloadLength))
        {
            foreach (byte value in new byte[] { 0x00, 0x07, 0x7F, 0x80, 0xFF })
            {
                byte[] bytes = (byte[])good.Clone();
                if (bytes[at] == value) continue;
                bytes[at] = value;
                ToolResult result = RunOn(bytes);
                if (result.ExitCode == 0) Assert.Equal("", result.Error);
                else
                {
                    AssertCleanFailure(result, "byte offset");
                    failures++;
                }
            }
        }
        Assert.True(failures > 100, $"only {failures} corruptions were detected");
    }

    [Fact]
    public void AReservedKeyIsReportedWithItsOffset()
    {
        // A format-1 file (whatever the runtime writes now) whose trailer is right, so the payload decoder finds the damage.
        byte[] damaged = FileBytes.Format1("P", [5 << 3, 0x00, 0x07], checksum: false);
        AssertCleanFailure(RunOn(damaged), $"field key 5 is reserved (byte offset {FileBytes.HeaderLength1("P")})");
    }

    [Fact]
    public void DeepNestingIsRefused()
    {
        // 100 nested objects under key 16: deeper than the decoder's limit of 64.
        var payload = Enumerable.Repeat(new byte[] { 0x83, 0x01 }, 100).SelectMany(b => b).Concat(Enumerable.Repeat((byte)0x07, 101)).ToArray();
        AssertCleanFailure(RunOn(FileBytes.Format1("P", payload, checksum: false)), "nesting is deeper than the limit of 64");
    }

    [Fact]
    public void AMissingFileFailsInOneLine() =>
        AssertCleanFailure(ToolRunner.Run("inspect", Path.Combine(Path.GetTempPath(), "no-such-file.mgen")), "no such file");

    [Fact]
    public void UsageErrorsExitNonZero()
    {
        ToolResult result = ToolRunner.Run("inspect");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Required argument missing", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>The real executable, not the in-process entry point: what a user's terminal shows.</summary>
public class ExecutableTests
{
    [Fact]
    public async Task TheExecutablePrintsOneLineAndExitsOneOnATruncatedFile()
    {
        byte[] good = ModelSerializer.Serialize(WireTypeTests.Value);
        // One byte short: the header (and a format-2 schema table) still read, the trailer's payload length does not match.
        string path = ToolRunner.TempFile(good.AsSpan(0, good.Length - 1).ToArray());
        try
        {
            string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
            var start = new System.Diagnostics.ProcessStartInfo(host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ModelGen.Tool.dll"));
            start.ArgumentList.Add("inspect");
            start.ArgumentList.Add(path);
            using var process = System.Diagnostics.Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            string stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, process.ExitCode);
            Assert.Equal("", stdout);
            string line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"modelgen: {path}: payload length in the trailer is ", line[..(line.IndexOf("is ", StringComparison.Ordinal) + 3)]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
