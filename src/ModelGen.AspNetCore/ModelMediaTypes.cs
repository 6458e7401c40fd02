using System;
using Microsoft.Net.Http.Headers;

namespace ModelGen.AspNetCore;

/// <summary>The content types ModelGen reads and writes over HTTP.</summary>
public static class ModelMediaTypes
{
    /// <summary>The binary format (docs/format.md), written by <see cref="ModelResults.Binary{T}"/>.</summary>
    public const string Binary = "application/x-modelgen";

    /// <summary>Read as the binary format too (what generic HTTP clients send for bytes).</summary>
    public const string OctetStream = "application/octet-stream";

    /// <summary>ModelGen's JSON (<see cref="ModelJson"/>); <c>+json</c> suffixes are read as JSON too.</summary>
    public const string Json = "application/json";

    internal enum Kind { Unsupported, Binary, Json }

    internal static Kind Classify(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)) return Kind.Unsupported;
        string mediaType = parsed.MediaType.Value ?? "";
        if (mediaType.Equals(Binary, StringComparison.OrdinalIgnoreCase) || mediaType.Equals(OctetStream, StringComparison.OrdinalIgnoreCase))
            return Kind.Binary;
        if (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            return Kind.Json;
        return Kind.Unsupported;
    }
}
