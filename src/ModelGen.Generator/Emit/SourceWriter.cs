using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelGen.Generator.Emit;

/// <summary>Writes C# with indentation. Text may span several lines (a raw-string block that looks like the code it
/// produces): every line of it is indented by the current level, and keeps its indentation relative to the block.
/// An interpolated string is written piece by piece as it is formatted (<see cref="Line"/>), so the emitter builds no
/// intermediate string per line or block: the writer's buffer is the only copy of the output.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text;
    private int _indentation;
    private bool _atLineStart = true;
    private bool _verbatim;

    // The buffer is kept for the next writer on the thread: a generator run emits hundreds of files, and a new buffer
    // for each was most of what emission allocated (each file's text is copied out of it, see ToSourceText). Buffers
    // past this many characters (a model of thousands of members) are not kept.
    private const int CachedCapacity = 1 << 20;
    [ThreadStatic] private static StringBuilder? s_cached;

    /// <param name="capacity">The expected length of the output, so the buffer grows seldom.</param>
    public SourceWriter(int capacity = 4096)
    {
        StringBuilder? cached = s_cached;
        s_cached = null;
        _text = cached is null ? new StringBuilder(capacity) : cached.Clear();
        _text.EnsureCapacity(capacity);
    }

    /// <summary>The indentation level (a tab each), for text that opens or closes several blocks at once.</summary>
    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new InvalidOperationException("no block is open");
    }

    public void WriteLine() => _text.Append('\n');

    public void WriteLine(string text)
    {
        Write(text);
        EndLine();
    }

    /// <summary>Writes an interpolated string as <see cref="WriteLine(string)"/> writes the string it formats.</summary>
    public void WriteLine([InterpolatedStringHandlerArgument("")] ref Line line) => EndLine();

    /// <summary>Writes an interpolated string without ending the line (a line built in parts).</summary>
    public void Write([InterpolatedStringHandlerArgument("")] ref Line text)
    {
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents what follows.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Writes an interpolated header and an opening brace, and indents what follows.</summary>
    public void OpenBlock([InterpolatedStringHandlerArgument("")] ref Line header)
    {
        EndLine();
        WriteLine("{");
        _indentation++;
    }

    public void CloseBlock()
    {
        if (_indentation == 0) throw new InvalidOperationException("no block is open");
        _indentation--;
        WriteLine("}");
    }

    public override string ToString() => _text.ToString();

    /// <summary>The output so far, for text that a caller appends as it is (already indented, within a line: the
    /// writer's state is unchanged, so the caller ends where it began, inside a line).</summary>
    public StringBuilder Builder => _text;

    /// <summary>The text written, as a compact copy (<see cref="CompactText"/>); the writer's buffer goes back to the
    /// thread's cache, so the writer is done.</summary>
    public Microsoft.CodeAnalysis.Text.SourceText ToSourceText()
    {
        Microsoft.CodeAnalysis.Text.SourceText text = CompactText.From(_text);
        Free();
        return text;
    }

    /// <summary>The text written; the writer's buffer goes back to the thread's cache, so the writer is done.</summary>
    public string ToStringAndFree()
    {
        string text = _text.ToString();
        Free();
        return text;
    }

    private void Free()
    {
        if (_text.Capacity <= CachedCapacity) s_cached = _text;
    }

    // Text within a line: each line break ends a line, and a line that is not empty starts with the indentation.
    // Indentation is written as tabs (a quarter of the text was indentation in spaces): the writer's level, and the
    // text's own leading spaces four to a tab, so a raw-string block in the emitter keeps its shape. Text inside a raw
    // string literal of the output keeps its spaces (a tab there would change the string; see RawText).
    // Carriage returns are dropped (a source file with CRLF line ends gives raw strings with them). Both are found in
    // one search: the writer takes every piece of every line, and a second search for the rare '\r' was a tenth of
    // emission.
    public void Write(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        int start = 0;
        while (true)
        {
            int end = text!.IndexOfAny(LineBreaks, start);
            int stop = end < 0 ? text.Length : end;
            if (stop > start) WritePart(text, start, stop - start);
            if (end < 0) return;
            if (text[end] == '\n')
            {
                _text.Append('\n');
                _atLineStart = true;
            }
            start = end + 1;
        }
    }

    private static readonly char[] LineBreaks = ['\n', '\r'];

    // Text without line breaks, after the indentation when it starts a line.
    private void WritePart(string text, int start, int length)
    {
        if (_atLineStart)
        {
            int lead = 0;
            if (!_verbatim)
                while (lead < length && text[start + lead] == ' ') lead++;
            _text.Append('\t', _indentation + lead / 4);
            if (lead % 4 != 0) _text.Append(' ', lead % 4);
            start += lead;
            length -= lead;
            _atLineStart = false;
        }
        _text.Append(text, start, length);
    }

    // The buffer, for text of one line without leading spaces (a literal, a number), after the indentation at a
    // line's start.
    private StringBuilder Inline()
    {
        if (_atLineStart)
        {
            _text.Append('\t', _indentation);
            _atLineStart = false;
        }
        return _text;
    }

    private void EndLine()
    {
        _text.Append('\n');
        _atLineStart = true;
    }

    /// <summary>Formats an interpolated string straight into the writer (literal parts and values alike, so a value
    /// that spans lines is indented as the literal text is). Numbers are formatted in the invariant culture.</summary>
    [InterpolatedStringHandler]
    public readonly struct Line
    {
        private readonly SourceWriter _writer;

        // (No EnsureCapacity here: StringBuilder.EnsureCapacity reallocates its last block to exactly the length asked
        // for, copying it, so a buffer a little short was copied whole for every line past its end; Append adds a block.)
        public Line(int literalLength, int formattedCount, SourceWriter writer) => _writer = writer;

        public void AppendLiteral(string text) => _writer.Write(text);

        public void AppendFormatted(string? value) => _writer.Write(value);

        /// <summary>The text of a raw string literal: its lines keep their leading spaces.</summary>
        public void AppendFormatted(RawText value)
        {
            _writer._verbatim = true;
            _writer.Write(value.Text);
            _writer._verbatim = false;
        }

        /// <summary>A C# string literal (<see cref="QuotedText"/>), without a string of it where it needs no escaping.</summary>
        public void AppendFormatted(QuotedText value)
        {
            if (value.IsPlain) _writer.Inline().Append('"').Append(value.Text).Append('"');
            else _writer.Write(value.ToString());
        }

        public void AppendFormatted(NumberText value) => AppendFormatted(value.Value);

        /// <summary>Upper-case hex digits, as <c>ulong.ToString("X")</c> writes them, without a string.</summary>
        public void AppendFormatted(HexText value)
        {
            StringBuilder text = _writer.Inline();
            int shift = 60;
            while (shift > 0 && value.Value >> shift == 0) shift -= 4;
            for (; shift >= 0; shift -= 4) text.Append(HexDigits[(int)(value.Value >> shift) & 0xF]);
        }

        private const string HexDigits = "0123456789ABCDEF";

        public void AppendFormatted(int value) => AppendFormatted((long)value);

        // (A number that is not negative is written the same in every culture, and StringBuilder formats it into its
        // buffer without a string on .NET; the sign of a negative one is the culture's.)
        public void AppendFormatted(long value)
        {
            if (value >= 0) _writer.Inline().Append(value);
            else _writer.Write(value.ToString(CultureInfo.InvariantCulture));
        }

        public void AppendFormatted<T>(T value) => _writer.Write(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }
}

/// <summary>Text written as it is after the indentation (the lines of a raw string literal in the output, whose
/// leading spaces are part of the string).</summary>
internal readonly struct RawText
{
    public RawText(string text) => Text = text;

    public string Text { get; }
}

/// <summary>A string as a C# string literal: quoted as it is when it needs no escaping (member and model names are
/// plain ASCII), else as <see cref="SymbolDisplay.FormatLiteral(string, bool)"/> escapes it. Written into an
/// interpolation of the <see cref="SourceWriter"/>, it makes no string; elsewhere it converts to its text.</summary>
internal readonly struct QuotedText
{
    public QuotedText(string text) => Text = text;

    public string Text { get; }

    public bool IsPlain
    {
        get
        {
            foreach (char c in Text)
                if (c is < ' ' or > '~' or '"' or '\\') return false;
            return true;
        }
    }

    public override string ToString() => IsPlain ? "\"" + Text + "\"" : SymbolDisplay.FormatLiteral(Text, quote: true);

    public static implicit operator string(QuotedText text) => text.ToString();
}

/// <summary>A number in upper-case hex digits (the emitter's tag bytes); written into an interpolation of the
/// <see cref="SourceWriter"/>, it makes no string; elsewhere it converts to its text.</summary>
internal readonly struct HexText
{
    public HexText(ulong value) => Value = value;

    public ulong Value { get; }

    public override string ToString() => Value.ToString("X", CultureInfo.InvariantCulture);
}

/// <summary>An integer as C# (invariant culture); written into an interpolation of the <see cref="SourceWriter"/>, it
/// makes no string; elsewhere it converts to its text.</summary>
internal readonly struct NumberText
{
    public NumberText(long value) => Value = value;

    public long Value { get; }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public static implicit operator string(NumberText number) => number.ToString();
}
