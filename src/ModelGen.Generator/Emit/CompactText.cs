using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ModelGen.Generator.Emit;

/// <summary>A generated file's text, one byte a character (ISO-8859-1: the characters up to U+00FF, which generated
/// code nearly always keeps to). The driver holds every generated text until the compilation is done, and the garbage
/// collector copied each one from generation to generation: held as bytes, that is half the memory and half the
/// copying of the same text as a string (a fifth of the generator's time went to collections that copied it). Text
/// with a character beyond U+00FF stays a string. UTF-8, as <c>AddSource(string, string)</c> gives a string (the
/// encoding of the file, not of this storage).</summary>
internal sealed class CompactText : SourceText
{
    // The exception fallback tells a character that does not fit (rare) without a scan of our own.
    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    [ThreadStatic] private static char[]? s_block;

    private readonly byte[] _bytes;

    private CompactText(byte[] bytes) => _bytes = bytes;

    /// <summary>The text of <paramref name="text"/>, copied out of it (the builder can be reused).</summary>
    public static SourceText From(StringBuilder text)
    {
        int length = text.Length;
        var bytes = new byte[length];
        char[] block = s_block ??= new char[4096];
        try
        {
            for (int at = 0; at < length; at += block.Length)
            {
                int count = Math.Min(block.Length, length - at);
                text.CopyTo(at, block, 0, count);
                Latin1.GetBytes(block, 0, count, bytes, at);
            }
        }
        catch (EncoderFallbackException)
        {
            return SourceText.From(text.ToString(), Encoding.UTF8);
        }
        return new CompactText(bytes);
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override int Length => _bytes.Length;

    public override char this[int position] => (char)_bytes[position];

    public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) =>
        Latin1.GetChars(_bytes, sourceIndex, count, destination, destinationIndex);

    public override string ToString(TextSpan span)
    {
        if (span.End > _bytes.Length) throw new ArgumentOutOfRangeException(nameof(span));
        return Latin1.GetString(_bytes, span.Start, span.Length);
    }
}
