using System.Text;

namespace ModelGen.Generator.Parsing;

/// <summary>FNV-1a-64 fingerprints of UTF-8 text: the same on every build and machine (string.GetHashCode is not).</summary>
internal static class StableHash
{
    public static ulong Fnv64(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
