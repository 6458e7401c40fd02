using System;
using System.Text;

namespace ModelGen.Generator.Emit;

/// <summary>Writes C# with indentation. Text may span several lines (a raw-string block that looks like the code it
/// produces): every line of it is indented by the current level, and keeps its indentation relative to the block.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indentation;

    /// <summary>The indentation level (four spaces each), for text that opens or closes several blocks at once.</summary>
    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new InvalidOperationException("no block is open");
    }

    public void WriteLine() => _text.Append('\n');

    public void WriteLine(string text)
    {
        foreach (string line in text.Replace("\r", "").Split('\n'))
        {
            if (line.Length > 0) _text.Append(' ', _indentation * 4).Append(line);
            _text.Append('\n');
        }
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents what follows.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
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
}
