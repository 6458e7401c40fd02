using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.AspNetCore.Tests;

/// <summary>A 40 MB model echoed through <c>ModelBody&lt;T&gt;</c> and <c>ModelResults.Binary</c> on the test server:
/// the whole process (server and client) allocates about the model once, because the request bytes and the response
/// bytes live in pooled buffers. Before, the same echo allocated 4x the model. The figure is measured by
/// <see cref="EchoAllocation.Measure"/> (method and figures in docs/integrations.md) and printed by this test; the test
/// holds a generous bound so that a regression to a second copy fails.</summary>
public sealed class LargeModelEchoTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_40_MB_model_is_echoed_byte_for_byte_allocating_about_the_model_once()
    {
        EchoAllocation.Result result = await EchoAllocation.Measure(server.Client, floats: 10_000_000, runs: 3);
        output.WriteLine(result.ToString());
        Assert.True(result.Identical, "the echoed bytes differ from the request");
        // The model alone is 40 MB; a second copy of the request or the response would be 2x.
        Assert.True(result.Ratio < 1.5, result.ToString());
    }
}

/// <summary>The measurement: a request body serialized once up front, sent from that array 64 KiB per write (as a
/// socket delivers it: the test server copies each write whole into its request pipe, so one 40 MB write would fill
/// the pipe with 40 MB of fresh blocks that no server sees); the response read in
/// 1 MiB pieces into one reused buffer and compared as it arrives, so the client itself allocates almost nothing.
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (all threads: the server runs on others) is read before and after
/// each echo, after warm-up echoes that fill the buffer pools; the smallest of the runs is reported, against the size of
/// the model's float array.</summary>
public static class EchoAllocation
{
    public sealed record Result(long ModelBytes, long BodyBytes, long AllocatedBytes, long FirstEchoBytes, bool Identical)
    {
        public double Ratio => (double)AllocatedBytes / ModelBytes;

        public override string ToString() =>
            $"model {ModelBytes / 1e6:F1} MB, body {BodyBytes / 1e6:F1} MB, allocated per echo {AllocatedBytes / 1e6:F1} MB = {Ratio:F3}x the model " +
            $"(the first echo of the process, filling the pools: {FirstEchoBytes / 1e6:F1} MB = {(double)FirstEchoBytes / ModelBytes:F2}x)";
    }

    public static async Task<Result> Measure(HttpClient client, int floats, int runs)
    {
        float[] values = new float[floats];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.25f;
        var model = new Weights { Name = "large", Values = values };
        byte[] body = ModelSerializer.Serialize(model);
        byte[] chunk = new byte[1024 * 1024];
        bool identical = true;
        long best = long.MaxValue, first = 0;
        for (int run = 0; run < runs + 2; run++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            identical &= await Echo(client, body, chunk);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (run == 0) first = allocated;
            if (run >= 2) best = Math.Min(best, allocated); // the first two fill the pools
        }
        return new Result(floats * 4L, body.Length, best, first, identical);
    }

    private static async Task<bool> Echo(HttpClient client, byte[] body, byte[] chunk)
    {
        var content = new PiecewiseContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ModelMediaTypes.Binary);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = content };
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"echo answered {response.StatusCode}");
        using Stream stream = await response.Content.ReadAsStreamAsync();
        long offset = 0;
        bool same = true;
        int n;
        while ((n = await stream.ReadAsync(chunk)) > 0)
        {
            same &= offset + n <= body.Length && chunk.AsSpan(0, n).SequenceEqual(body.AsSpan((int)offset, n));
            offset += n;
        }
        return same && offset == body.Length;
    }
}

/// <summary>Content sent from an array in 64 KiB writes, with its length known (a Content-Length header).</summary>
internal sealed class PiecewiseContent(byte[] data) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (int offset = 0; offset < data.Length; offset += 64 * 1024)
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(64 * 1024, data.Length - offset)));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = data.Length;
        return true;
    }
}
