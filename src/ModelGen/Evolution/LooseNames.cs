// Shared source: compiled into the runtime (public) and linked into the generator (internal), so the generator
// knows at compile time which names the runtime would confuse.
namespace ModelGen.Internal;

/// <summary>
/// The second chance of a reader that found no member by its exact name: the same name in another case or naming
/// policy (<c>LearningRate</c>, <c>learning_rate</c>, <c>learning-rate</c> for <c>learningRate</c>), so that a document
/// written under another convention is read, never taken as unknown while the member keeps its default
/// (docs/versioning.md, "Names, previous names and keys").
/// </summary>
#if MODELGEN_GENERATOR
internal
#else
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public
#endif
static class LooseNames
{
    /// <summary>Whether <paramref name="name"/> equals <paramref name="memberName"/> ignoring case and the word
    /// separators '_' and '-'. '.' is not a separator: it joins the paths of the flat dictionary form.</summary>
    public static bool Match(string name, string memberName)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < name.Length && IsSeparator(name[i])) i++;
            while (j < memberName.Length && IsSeparator(memberName[j])) j++;
            if (i == name.Length || j == memberName.Length) return i == name.Length && j == memberName.Length;
            if (char.ToUpperInvariant(name[i]) != char.ToUpperInvariant(memberName[j])) return false;
            i++;
            j++;
        }
    }

    /// <summary>The form two names share when <see cref="Match"/> holds for them.</summary>
    public static string Key(string name)
    {
        var key = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (!IsSeparator(c)) key.Append(char.ToUpperInvariant(c));
        }
        return key.ToString();
    }

    private static bool IsSeparator(char c) => c is '_' or '-';
}
