using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelGen.AspNetCore;
using ModelGen.AspNetCore.Tests;

namespace ModelGen.Benchmarks;

[SerializableModel]
public partial class EchoModel
{
    public string Name { get; set; } = "";
    public float[] Weights { get; set; } = [];
}

/// <summary><c>--aspnetcore-echo MB</c>: echoes a model of MB megabytes of float32 weights through a minimal API on
/// the in-memory test server, twice: with ModelGen.AspNetCore (<c>ModelBody&lt;T&gt;</c> in,
/// <c>ModelResults.Binary</c> out) and with the hand-written glue a user wrote before it existed (copy the body into a
/// MemoryStream, deserialize its array, serialize to a new array, <c>Results.Bytes</c>). Reports the bytes the process
/// allocates per echo (<see cref="EchoAllocation"/>: all threads, warm pools, smallest of 3) against the model's
/// size. A documented measurement, not a BenchmarkDotNet benchmark, and not run in CI; the test
/// <c>LargeModelEchoTests</c> checks a bound on the same figure for 40 MB.</summary>
internal static class AspNetCoreEchoRun
{
    public static async Task<int> Run(double megabytes)
    {
        int floats = (int)(megabytes * 1e6 / 4);
        var weights = new float[floats];
        for (int i = 0; i < floats; i++) weights[i] = (i % 1000) * 0.001f;
        byte[] body = ModelSerializer.Serialize(new EchoModel { Name = "echo", Weights = weights });

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddModelGen();
        await using WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/modelgen", (ModelBody<EchoModel> model) => ModelResults.Binary(model.Value));
        app.MapPost("/glue", async (HttpRequest request) =>
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            EchoModel model = ModelSerializer.Deserialize<EchoModel>(copy.ToArray());
            return Results.Bytes(ModelSerializer.Serialize(model), ModelMediaTypes.Binary);
        });
        await app.StartAsync();
        using System.Net.Http.HttpClient client = app.GetTestClient();

        EchoAllocation.Result modelgen = await EchoAllocation.Measure(client, "/modelgen", body, floats * 4L, runs: 3);
        EchoAllocation.Result glue = await EchoAllocation.Measure(client, "/glue", body, floats * 4L, runs: 3);
        Console.WriteLine($"| echo of a {floats * 4L / 1e6:F1} MB model (test server) | allocated per echo |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| ModelBody<T> + ModelResults.Binary | {modelgen.AllocatedBytes / 1e6:F1} MB = {modelgen.Ratio:F2}x the model |");
        Console.WriteLine($"| hand-written glue (MemoryStream, byte arrays) | {glue.AllocatedBytes / 1e6:F1} MB = {glue.Ratio:F2}x the model |");
        return modelgen.Identical && glue.Identical ? 0 : 1;
    }
}
