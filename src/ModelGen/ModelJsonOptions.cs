using System.Text.Encodings.Web;

namespace ModelGen;

/// <summary>Settings for <see cref="ModelJson"/>; the defaults write compact JSON that is safe to embed in HTML and
/// read untrusted input with the same depth limit as the binary form.</summary>
public sealed record ModelJsonOptions
{
    /// <summary>The defaults.</summary>
    public static ModelJsonOptions Default { get; } = new();

    /// <summary>Write indented JSON (default false). Readers accept both.</summary>
    public bool Indented { get; init; }

    /// <summary>How strings and property names are escaped when written (default null: System.Text.Json's default
    /// encoder, which escapes non-ASCII text and HTML-sensitive characters). <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
    /// writes non-ASCII text as UTF-8, about half the size for vocabularies of non-Latin tokens; use it when the JSON is
    /// not embedded in HTML or script unescaped.</summary>
    public JavaScriptEncoder? Encoder { get; init; }

    /// <summary>Maximum nesting of objects and collections, for writing and reading (default 64); depth counts the
    /// same as in the binary form (<see cref="ModelSerializerOptions.MaxDepth"/>).</summary>
    public int MaxDepth { get; init; } = FormatLimits.DefaultMaxDepth;

    /// <summary>Strict reading (default false): a member the model does not declare is a <see cref="ModelFormatException"/>
    /// naming it and its path, instead of being kept and written back. For documents that must match the model exactly,
    /// such as configuration files, where a misspelt or differently named key would otherwise load as the default.</summary>
    public bool RejectUnknownMembers { get; init; }

    /// <summary>Maximum size in bytes of one JSON input read from a stream or pipe (default: the largest .NET byte
    /// array), checked while reading.</summary>
    public long MaxInputSize { get; init; } = 0x7FFFFFC7;
}
