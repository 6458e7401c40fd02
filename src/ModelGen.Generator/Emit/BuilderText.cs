using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ModelGen.Generator.Emit;

/// <summary>A generated file's text over the buffer the emitter wrote it into, taken over as it is: no copy into a
/// string (<c>StringBuilder.ToString</c> was a fifth to a quarter of emission, a second write of every character
/// into fresh memory). The buffer is never written again once this text holds it. UTF-8, as
/// <c>AddSource(string, string)</c> gives a string.</summary>
internal sealed class BuilderText : SourceText
{
    private readonly StringBuilder _text;

    public BuilderText(StringBuilder text) => _text = text;

    public override Encoding Encoding => Encoding.UTF8;

    public override int Length => _text.Length;

    public override char this[int position] => _text[position];

    public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) =>
        _text.CopyTo(sourceIndex, destination, destinationIndex, count);

    public override string ToString(TextSpan span)
    {
        if (span.End > _text.Length) throw new ArgumentOutOfRangeException(nameof(span));
        return _text.ToString(span.Start, span.Length);
    }
}
