using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using ModelGen.AspNetCore;

namespace ModelGen.AspNetCore.Tests;

// Shared with bench/ModelGen.Benchmarks (--aspnetcore-echo), which links this file.

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

    /// <summary>Posts <paramref name="body"/> (a model of <paramref name="modelBytes"/> bytes of arrays) to
    /// <paramref name="path"/>, which must answer with the same bytes, <paramref name="runs"/> + 2 times.</summary>
    public static async Task<Result> Measure(HttpClient client, string path, byte[] body, long modelBytes, int runs)
    {
        byte[] chunk = new byte[1024 * 1024];
        bool identical = true;
        long best = long.MaxValue, first = 0;
        for (int run = 0; run < runs + 2; run++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            identical &= await Echo(client, path, body, chunk);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (run == 0) first = allocated;
            if (run >= 2) best = Math.Min(best, allocated); // the first two fill the pools
        }
        return new Result(modelBytes, body.Length, best, first, identical);
    }

    private static async Task<bool> Echo(HttpClient client, string path, byte[] body, byte[] chunk)
    {
        var content = new PiecewiseContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ModelMediaTypes.Binary);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
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
