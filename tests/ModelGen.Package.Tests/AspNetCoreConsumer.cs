using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ModelGen.Package.Tests;

/// <summary>A fresh web project (Microsoft.NET.Sdk.Web) that references only the packed ModelGen.AspNetCore by version
/// (ModelGen comes with it), built, then run: it starts Kestrel on a free loopback port, posts a model to itself in
/// binary and as JSON, and a bad one, and prints what came back.</summary>
public sealed class AspNetCoreConsumer
{
    public AspNetCoreConsumer(PackedFeed feed)
    {
        ConsumerDirectory = Path.Combine(feed.Root, "web-consumer");
        Directory.CreateDirectory(ConsumerDirectory);
        if (!feed.IsPacked("ModelGen.AspNetCore")) return;

        File.WriteAllText(Path.Combine(ConsumerDirectory, "WebConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelGen.AspNetCore" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Program.cs"), ProgramSource);
        Build = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        if (Build.ExitCode != 0) return;
        Run = DotNet.Run(ConsumerDirectory, PackedFeed.StepTimeout, Path.Combine(ConsumerDirectory, "bin", "Release", "net10.0", "WebConsumer.dll"));
    }

    public string ConsumerDirectory { get; }
    public ProcessResult? Build { get; }
    public ProcessResult? Run { get; }

    private const string ProgramSource = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using ModelGen;
        using ModelGen.AspNetCore;

        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddModelGen(o => o.AddJsonModel<Options>());
        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/echo", (ModelBody<Scorer> body) => ModelResults.Binary(body.Value));
        app.MapPost("/options", (Options options) => options);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var scorer = new Scorer { Name = "web", Weights = [0.5f, 2f] };
        var binary = new ByteArrayContent(ModelSerializer.Serialize(scorer));
        binary.Headers.ContentType = new MediaTypeHeaderValue(ModelMediaTypes.Binary);
        using HttpResponseMessage echoed = await client.PostAsync("/echo", binary);
        Scorer back = ModelSerializer.Deserialize<Scorer>(await echoed.Content.ReadAsByteArrayAsync());
        Console.WriteLine($"echo: {(int)echoed.StatusCode} {back.Name} {string.Join(",", back.Weights)}");

        var json = new StringContent("{\"rate\":0.5,\"kind\":\"Fast\"}", null, "application/json");
        using HttpResponseMessage options = await client.PostAsync("/options", json);
        Console.WriteLine($"options: {(int)options.StatusCode} {await options.Content.ReadAsStringAsync()}");

        var bad = new StringContent("{\"rate\":5}", null, "application/json");
        using HttpResponseMessage rejected = await client.PostAsync("/options", bad);
        Console.WriteLine($"bad: {(int)rejected.StatusCode} {rejected.Content.Headers.ContentType?.MediaType} {await rejected.Content.ReadAsStringAsync()}");
        await app.StopAsync();

        public enum Kind { Slow, Fast }

        [Hyperparameters]
        public partial record Options([Range(0.0, 1.0)] double Rate = 0.1, Kind Kind = Kind.Slow);

        [SerializableModel]
        public partial class Scorer
        {
            public string Name { get; set; } = "";
            public float[] Weights { get; set; } = [];
        }
        """;
}
