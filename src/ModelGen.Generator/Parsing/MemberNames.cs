using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ModelGen.Generator.Parsing;

/// <summary>Serialized member names under a model's naming policy (<c>ModelGen.ModelNaming</c>; the values match).</summary>
internal static class MemberNames
{
    public const int CamelCase = 0, SnakeCase = 1, KebabCase = 2, PascalCase = 3, Exact = 4;

    /// <summary>The name of C# member <paramref name="name"/> under <paramref name="policy"/>. Applying it to a name it
    /// produced gives that name again, so a [PreviousName] may be the old C# name or the old serialized name.</summary>
    public static string Apply(int policy, string name) => policy switch
    {
        SnakeCase => Separated(name, '_'),
        KebabCase => Separated(name, '-'),
        PascalCase => name.Length == 0 || char.IsUpper(name[0]) ? name : WithFirst(char.ToUpperInvariant(name[0]), name),
        Exact => name,
        _ => name.Length == 0 || char.IsLower(name[0]) ? name : WithFirst(char.ToLowerInvariant(name[0]), name),
    };

    // The name with another first character: a copy of its characters and the string, not a one-character string, a
    // substring and their concatenation (every member of every model of the default policy comes here on every run).
    private static string WithFirst(char first, string name)
    {
        char[] chars = name.ToCharArray();
        chars[0] = first;
        return new string(chars);
    }

    /// <summary>The names a reader accepts for <c>[PreviousName(old)]</c>: its form under the policy, the name as written,
    /// and its default (camelCase) form, which data written before the policy was set carries.</summary>
    public static IEnumerable<string> PreviousNameForms(int policy, string old) =>
        new[] { Apply(policy, old), old, Apply(CamelCase, old) }.Distinct();

    /// <summary>The forms of <paramref name="name"/> under camelCase, snake_case, kebab-case and PascalCase (the exact
    /// C# name is one of them): every build reads a member's key under each form of its C# name and previous names.</summary>
    public static string[] PolicyForms(string name)
    {
        string snake = Apply(SnakeCase, name);
        return [Apply(CamelCase, name), snake, snake.Replace('_', '-'), Apply(PascalCase, name)];
    }

    public static bool IsKnown(int policy) => policy is >= CamelCase and <= Exact;

    // Words start at an upper-case letter that follows a lower-case letter or digit, and at the last upper-case letter
    // of an acronym followed by a lower-case one ("HTTPPort" → http_port); '_' and '-' already separate words.
    private static string Separated(string name, char separator)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c is '_' or '-')
            {
                if (sb.Length > 0 && sb[sb.Length - 1] != separator) sb.Append(separator);
                continue;
            }
            if (char.IsUpper(c) && sb.Length > 0 && sb[sb.Length - 1] != separator)
            {
                char before = name[i - 1];
                bool afterWord = char.IsLower(before) || char.IsDigit(before);
                bool acronymEnd = char.IsUpper(before) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterWord || acronymEnd) sb.Append(separator);
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
