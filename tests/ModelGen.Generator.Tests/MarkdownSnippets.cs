using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ModelGen.Generator.Tests;

/// <summary>A <c>```csharp</c> block of the documentation, with the <c>&lt;!-- snippet: ... --&gt;</c> comments
/// written right above its fence (blank lines between are allowed):
/// <list type="bullet">
/// <item><c>&lt;!-- snippet: skip REASON --&gt;</c>: not compiled. Only for a block that cannot compile on purpose.</item>
/// <item><c>&lt;!-- snippet: expect MG1001 SYSLIB0011 --&gt;</c>: the block shows these diagnostics on purpose;
/// they must be reported, and are the only warnings or errors allowed.</item>
/// <item><c>&lt;!-- snippet: prelude CODE --&gt;</c>: code compiled with the block but not shown, declaring what a
/// fragment uses (<c>var model = ...;</c>, a model type).</item>
/// </list></summary>
public sealed record MarkdownSnippet(string File, int Line, string Code, string? Skip, IReadOnlyList<string> Expected, string Prelude)
{
    /// <summary>Repository-relative path and line of the opening fence, as a test case name.</summary>
    public override string ToString() => $"{File}:{Line}";
}

internal static class MarkdownSnippets
{
    private static readonly Regex Fence = new(@"^```csharp\s*$", RegexOptions.Compiled);
    private static readonly Regex Directive = new(@"<!--\s*snippet:\s*(?<kind>skip|expect|prelude)\b(?<text>.*?)-->", RegexOptions.Compiled | RegexOptions.Singleline);

    /// <summary>The documentation a user reads: the README, the packages' READMEs and everything under docs/.</summary>
    public static IEnumerable<string> DocumentationFiles(string root) =>
        new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "*.md", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is "README.md" or "PACKAGE.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<MarkdownSnippet> Read(string root, string file)
    {
        string[] lines = System.IO.File.ReadAllLines(file);
        string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!Fence.IsMatch(lines[i])) continue;
            int start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                code.Add(lines[i]);

            string? skip = null;
            var expected = new List<string>();
            string prelude = "";
            foreach (Match directive in Directive.Matches(CommentsAbove(lines, start)))
            {
                string text = directive.Groups["text"].Value.Trim();
                switch (directive.Groups["kind"].Value)
                {
                    case "skip": skip = text; break;
                    case "expect": expected.AddRange(text.Split((char[])[' ', ','], StringSplitOptions.RemoveEmptyEntries)); break;
                    default: prelude += text + "\n"; break;
                }
            }
            yield return new MarkdownSnippet(relative, start + 1, string.Join("\n", code) + "\n", skip, expected, prelude);
        }
    }

    /// <summary>The HTML comments (and blank lines) directly above a fence, in order.</summary>
    private static string CommentsAbove(string[] lines, int fence)
    {
        int first = fence;
        for (int i = fence - 1; i >= 0; i--)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (!line.EndsWith("-->", StringComparison.Ordinal)) break;
            int open = i;
            while (open >= 0 && !lines[open].Contains("<!--", StringComparison.Ordinal)) open--;
            if (open < 0) break;
            first = i = open;
        }
        return string.Join("\n", lines[first..fence]);
    }
}
