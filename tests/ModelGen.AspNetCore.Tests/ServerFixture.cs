using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ModelGen.AspNetCore.Tests;

/// <summary>A minimal API on the in-memory test server, in the Production environment (where ASP.NET Core would
/// otherwise answer a bad JSON body with an empty 400), wired up as the README shows.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddModelGen(o => o.AddJsonModel<TrainingOptions>().AddJsonModel<Weights>());
        WebApplication app = builder.Build();
        app.UseExceptionHandler();

        app.MapPost("/echo", (ModelBody<Weights> body) => ModelResults.Binary(body.Value));
        app.MapPost("/echo-json", (ModelBody<Weights> body) => ModelResults.Json(body.Value));
        // A model parameter bound by ASP.NET Core's own JSON binding, through the registered converter.
        app.MapPost("/options", (TrainingOptions options) => options with { Epochs = options.Epochs + 1 });
        // A handler that reads the body itself with the async API.
        app.MapPost("/manual", async (HttpRequest request) =>
        {
            Weights w = await ModelSerializer.DeserializeAsync<Weights>(request.BodyReader, null, request.HttpContext.RequestAborted);
            return Results.Text(w.Name);
        });
        app.MapGet("/unwritable", () => ModelResults.Binary(new Weights { Name = null! }));

        await app.StartAsync();
        _app = app;
        Client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
