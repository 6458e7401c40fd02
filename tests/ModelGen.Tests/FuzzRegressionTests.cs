using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Inputs that fuzz/ (AFL++ through SharpFuzz) found to end in another exception than
/// <see cref="ModelFormatException"/>; each now fails cleanly (docs/security.md, "Findings").</summary>
public class FuzzRegressionTests
{
    // json target: the JSON reader's typed getters throw InvalidOperationException for an unpaired escaped
    // surrogate or invalid UTF-8 inside a GUID, date or base64 string.
    [Theory]
    [InlineData("{\"guid\":\"\\uDE00\"}")]
    [InlineData("{\"guid\":\"\\uD800\"}")]
    [InlineData("{\"dateTime\":\"2020\\uDE00\"}")]
    [InlineData("{\"dateTimeOffset\":\"\\uD83D\"}")]
    public void Json_scalars_with_unpaired_escaped_surrogates(string json) => Bad.Json<AllScalars>(json);

    [Theory]
    [InlineData("{\"bytes\":\"\\uDE00\"}")]
    [InlineData("{\"guidCube\":[[[\"\\uD800\"]]]}")]
    [InlineData("{\"byteMemory\":\"AA\\uDE00\"}")]
    public void Json_collections_with_unpaired_escaped_surrogates(string json) => Bad.Json<Collections>(json);

    [Fact]
    public void Json_guid_with_invalid_utf8()
    {
        byte[] json = [.. "{\"guid\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()];
        Bad.Throws(() => ModelJson.Deserialize<AllScalars>(json));
    }

    // dictionary target: JsonElement values are parsed lazily, so a nested property name or string with invalid
    // UTF-8 (or an unpaired escaped surrogate) threw InvalidOperationException from FromDictionary.
    [Fact]
    public void Dictionary_from_json_with_invalid_utf8_in_a_nested_property_name()
    {
        byte[] json = [.. "{\"child\":{\""u8.ToArray(), 0xC3, 0x28, .. "\":1}}"u8.ToArray()];
        var plain = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
        Bad.Dictionary<Chain>(plain);
    }

    [Theory]
    [InlineData("{\"activation\":\"\\uDE00\"}")]
    [InlineData("{\"optimizer\":\"\\uD800x\"}")]
    public void Dictionary_from_json_with_unpaired_escaped_surrogates(string json)
    {
        var plain = JsonSerializer.Deserialize<Dictionary<string, object?>>(Encoding.UTF8.GetBytes(json))!;
        Bad.Dictionary<Hyper>(plain);
    }
}
