// Shared source: compiled into the runtime (public) and linked into the generator (internal), so both compute
// the same default member keys from the same code.
namespace ModelGen.Internal;

/// <summary>Default binary keys of member names (docs/format.md §3).</summary>
#if MODELGEN_GENERATOR
internal
#else
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public
#endif
static class MemberKeys
{
    /// <summary>The smallest default key; keys below are reserved by the format.</summary>
    public const int First = 16;

    /// <summary>Default keys are below 2^18, so a field tag fits a 3-byte varint.</summary>
    public const int Limit = 1 << 18;

    /// <summary>16 + FNV-1a-32(UTF-8 name) mod (2^18 − 16).</summary>
    public static int Of(string name)
    {
        uint hash = 2166136261;
        // An ASCII name is its own UTF-8 (every member name the generator meets, usually): hashed without encoding it
        // into a new array (the generator asks for the key of every member name on every run).
        foreach (char c in name)
        {
            if (c >= 0x80) return OfUtf8(name);
            hash = (hash ^ c) * 16777619;
        }
        return First + (int)(hash % (uint)(Limit - First));
    }

    private static int OfUtf8(string name)
    {
        uint hash = 2166136261;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(name)) hash = (hash ^ b) * 16777619;
        return First + (int)(hash % (uint)(Limit - First));
    }
}
