using System.Text;

namespace ModelGen.Generator.Parsing;

/// <summary>FNV-1a hashes of UTF-8 text: the same on every build and machine (string.GetHashCode is not).</summary>
internal static class StableHash
{
    public static uint Fnv32(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619;
        return hash;
    }

    public static ulong Fnv64(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    // Default member keys: 16 ≤ key < 2^18, so a field tag (key << 3 | wire type) fits in a 3-byte varint.
    public const int FirstKey = 16;
    public const int KeySpace = (1 << 18) - FirstKey;

    public static int KeyOf(string name) => FirstKey + (int)(Fnv32(name) % KeySpace);
}
