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
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(name)) hash = (hash ^ b) * 16777619;
        return First + (int)(hash % (uint)(Limit - First));
    }
}
