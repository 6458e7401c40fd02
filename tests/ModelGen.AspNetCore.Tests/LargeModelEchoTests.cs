using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.AspNetCore.Tests;

/// <summary>Tests that measure the process's allocation (<c>GC.GetTotalAllocatedBytes</c> counts every thread): they
/// run alone, after every parallel test, so another test class allocating at the same time is not counted as theirs
/// (it was, once in CI: 1.85x the model).</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection { }

/// <summary>A 40 MB model echoed through <c>ModelBody&lt;T&gt;</c> and <c>ModelResults.Binary</c> on the test server:
/// the whole process (server and client) allocates about the model once, because the request bytes and the response
/// bytes live in pooled buffers. Before, the same echo allocated 4x the model. The figure is measured by
/// <see cref="EchoAllocation.Measure"/> (method and figures in docs/integrations.md) and printed by this test; the test
/// holds a generous bound so that a regression to a second copy fails.</summary>
[Collection(nameof(AllocationCollection))]
public sealed class LargeModelEchoTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_40_MB_model_is_echoed_byte_for_byte_allocating_about_the_model_once()
    {
        float[] values = new float[10_000_000];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.25f;
        byte[] body = ModelSerializer.Serialize(new Weights { Name = "large", Values = values });
        // The fewest bytes of six echoes: a pooled buffer rented on another thread-pool thread than it was returned on
        // can miss the pool's per-core stack once in a while on a loaded machine (once in CI: 1.74x with three runs).
        EchoAllocation.Result result = await EchoAllocation.Measure(server.Client, "/echo", body, modelBytes: values.Length * 4L, runs: 6);
        output.WriteLine(result.ToString());
        Assert.True(result.Identical, "the echoed bytes differ from the request");
        // The model alone is 40 MB; a second copy of the request or the response would be 2x.
        Assert.True(result.Ratio < 1.5, result.ToString());
    }
}
