using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.AspNetCore.Tests;

/// <summary>Good and bad model bodies through a real ASP.NET Core pipeline (test server, Production environment).</summary>
public sealed class EndpointTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private static Weights Sample() => new()
    {
        Name = "w",
        Options = new TrainingOptions(LearningRate: 0.5, Epochs: 3, Optimizer: Optimizer.Sgd),
        Values = [1f, -2.5f, 3f],
    };

    private static ByteArrayContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static void Same(Weights expected, Weights actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.Values, actual.Values);
    }

    [Theory]
    [InlineData(ModelMediaTypes.Binary)]
    [InlineData(ModelMediaTypes.OctetStream)]
    [InlineData("application/x-modelgen; charset=binary")]
    public async Task A_binary_body_binds_and_the_binary_result_echoes_it(string contentType)
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body(ModelSerializer.Serialize(Sample()), contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ModelMediaTypes.Binary, response.Content.Headers.ContentType!.MediaType);
        Same(Sample(), ModelSerializer.Deserialize<Weights>(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_json_body_binds_and_the_json_result_is_ModelJson()
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo-json", Body(ModelJson.SerializeToUtf8Bytes(Sample()), "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string json = await response.Content.ReadAsStringAsync();
        Assert.Equal(ModelJson.Serialize(Sample()), json);
        Assert.Contains("\"$version\":2", json);
        Assert.Contains("\"Sgd\"", json);
    }

    // What a newer build of the client sends: members this build does not declare, at the root and nested, and its version.
    private const string NewerJson = """{"$version":3,"name":"w","options":{"$version":1,"learningRate":0.5,"epochs":3,"optimizer":"Sgd","warmup":5},"values":[1],"bias":[1.5,-0.0]}""";

    [Fact]
    public async Task Members_of_a_newer_build_survive_the_body_readers_and_the_results()
    {
        using HttpResponseMessage json = await Client.PostAsync("/echo-json", Body(Encoding.UTF8.GetBytes(NewerJson), "application/json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        string echoed = await json.Content.ReadAsStringAsync();
        Assert.Contains("\"$version\":3", echoed, StringComparison.Ordinal);
        Assert.Contains("\"warmup\":5", echoed, StringComparison.Ordinal);
        Assert.Contains("\"bias\":[1.5,-0.0]", echoed, StringComparison.Ordinal);

        // Read from JSON, answered in binary: the newer members go by name (docs/versioning.md, kept members across forms).
        using HttpResponseMessage binary = await Client.PostAsync("/echo", Body(Encoding.UTF8.GetBytes(NewerJson), "application/json"));
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Weights fromBinary = ModelSerializer.Deserialize<Weights>(await binary.Content.ReadAsByteArrayAsync());
        Assert.Equal(echoed, ModelJson.Serialize(fromBinary));

        // ASP.NET Core's own JSON binding (through the generated [JsonConverter]), and a record edited with 'with'.
        using HttpResponseMessage options = await Client.PostAsync("/options", Body("""{"learningRate":0.2,"optimizer":"Sgd","warmup":5}"""u8.ToArray(), "application/json"));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        string answered = await options.Content.ReadAsStringAsync();
        Assert.Contains("\"epochs\":11", answered, StringComparison.Ordinal);
        Assert.Contains("\"warmup\":5", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_content_length_binds_through_the_pipe()
    {
        var content = new StreamContent(new System.IO.MemoryStream(ModelSerializer.Serialize(Sample())));
        content.Headers.ContentType = new MediaTypeHeaderValue(ModelMediaTypes.Binary);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Same(Sample(), ModelSerializer.Deserialize<Weights>(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_model_parameter_bound_by_aspnetcore_json_goes_through_ModelGen()
    {
        using HttpResponseMessage ok = await Client.PostAsync("/options", Body("""{"learningRate":0.2,"optimizer":"Sgd"}"""u8.ToArray(), "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string json = await ok.Content.ReadAsStringAsync();
        Assert.Equal(ModelJson.Serialize(new TrainingOptions(0.2, 11, Optimizer.Sgd)), json); // $version, enum names
    }

    private async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task An_out_of_range_json_body_is_a_400_problem_naming_the_member_in_production()
    {
        // Without the converter System.Text.Json bound this and answered 200.
        using HttpResponseMessage response = await Client.PostAsync("/options", Body("""{"learningRate":7}"""u8.ToArray(), "application/json"));
        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal("learningRate", problem.GetProperty("path").GetString());
        Assert.Contains("at 'learningRate'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_out_of_range_binary_body_is_a_400_problem_with_the_member_path_and_offset()
    {
        byte[] data = ModelSerializer.Serialize(Sample(), new ModelSerializerOptions { WriteChecksum = false });
        byte[] half = BitConverter.GetBytes(0.5);
        int at = data.AsSpan().IndexOf(half);
        BitConverter.GetBytes(2.0).CopyTo(data, at);
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body(data, ModelMediaTypes.Binary));
        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        output.WriteLine(problem.ToString()); // the example in docs/integrations.md
        Assert.Equal("options.learningRate", problem.GetProperty("path").GetString());
        Assert.Contains("must be between", problem.GetProperty("detail").GetString());
        Assert.Contains("at 'options.learningRate'", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("offset").GetInt64() > 0);
    }

    public static TheoryData<string, byte[], string> BadBinaryBodies()
    {
        byte[] good = ModelSerializer.Serialize(Sample());
        byte[] corrupted = (byte[])good.Clone();
        corrupted[good.Length / 2] ^= 1;
        return new()
        {
            { "truncated", good[..^7], "truncated" },
            { "another model", ModelSerializer.Serialize(new Other { Id = 1 }), "not 'ModelGen.AspNetCore.Tests.Weights'" },
            { "corrupted", corrupted, "checksum mismatch" },
            { "not a model", "hello"u8.ToArray(), "magic bytes" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBinaryBodies))]
    public async Task A_bad_binary_body_is_a_400_problem_with_the_reason(string kind, byte[] body, string reason)
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body(body, ModelMediaTypes.Binary));
        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("detail").GetString()!.Contains(reason, StringComparison.Ordinal), kind + ": " + problem);
        Assert.True(problem.TryGetProperty("path", out _), kind);
    }

    [Theory]
    [InlineData("{\"name\":\"w\",\"values\":[1,")]          // truncated
    [InlineData("{\"name\":\"w\",\"values\":\"many\"}")]    // wrong type
    [InlineData("[]")]                                      // not an object
    public async Task A_bad_json_body_is_a_400_problem(string json)
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body(Encoding.UTF8.GetBytes(json), "application/json"));
        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Another_content_type_is_a_415_problem(string? contentType)
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body(ModelSerializer.Serialize(Sample()), contentType));
        JsonElement problem = await Problem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/x-modelgen", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(ModelMediaTypes.Binary)]
    [InlineData("application/json")]
    public async Task An_empty_body_is_a_400_problem(string contentType)
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo", Body([], contentType));
        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("empty", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_handler_reading_the_body_with_the_async_api_works_and_its_format_errors_are_400()
    {
        using HttpResponseMessage ok = await Client.PostAsync("/manual", Body(ModelSerializer.Serialize(Sample()), null));
        Assert.Equal("w", await ok.Content.ReadAsStringAsync());
        using HttpResponseMessage bad = await Client.PostAsync("/manual", Body(ModelSerializer.Serialize(Sample())[..^3], null));
        await Problem(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_response_model_that_cannot_be_written_is_a_server_error_not_a_400()
    {
        using HttpResponseMessage response = await Client.GetAsync("/unwritable");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
