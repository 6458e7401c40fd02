// Shared source: compiled into the runtime and linked into the generator, the analyzers and the tool, so that every
// part of ModelGen checks the same limits (docs/architecture.md).
namespace ModelGen;

/// <summary>The limits of the format, stated once: member keys, array ranks, and the depth that every form (binary,
/// JSON, dictionary) applies.</summary>
/// <remarks>
/// <para><b>Depth</b> counts the containers around a value, the same way in every form and for writers and readers
/// alike: each nested model object, each map, and each collection whose items are written one by one (a collection
/// of strings, models, nullable values...) is one level, a rectangular array one level whatever its rank. The root
/// object is not counted, nor are arrays of primitives (numbers, booleans, chars: the binary format packs them, they
/// hold nothing that nests). A value of depth d loads wherever the limit is at least d; a writer refuses a value
/// deeper than its limit before it writes anything.</para>
/// <para>JSON spells some levels with more than one bracket (a rectangular array of rank 3 is three nested arrays),
/// so the JSON reader's own token depth limit is set from the depth limit by <see cref="JsonTokenDepth"/>.</para>
/// </remarks>
internal static class FormatLimits
{
    /// <summary>The smallest binary key a member may have; keys below are reserved (end, items/version, union tag).</summary>
    public const int FirstMemberKey = 16;

    /// <summary>The largest binary key a member may have: a field tag (key &lt;&lt; 3 | wire type) fits 32 bits.</summary>
    public const int LastMemberKey = (1 << 28) - 1;

    /// <summary>The highest rank of a rectangular array member (<c>T[,,,,,,,]</c>). Eight: the format has always let
    /// readers reject ranks above 8 (docs/format.md §2), so every conforming reader reads what a writer writes; tensors
    /// of ML code stop well below it (convolution kernels are rank 4 or 5, video batches 6), while .NET's own limit, 32,
    /// would only add codecs nobody uses.</summary>
    public const int MaxArrayRank = 8;

    /// <summary>The most entries (model types) a format-2 schema table may have (docs/format.md §9.4).</summary>
    public const int MaxSchemaEntries = 4096;

    /// <summary>The most members, or union cases, of one entry of a format-2 schema table.</summary>
    public const int MaxSchemaMembers = 65535;

    /// <summary>The longest model name, member name, member type name or union tag in a schema table or envelope, in UTF-8 bytes.</summary>
    public const int MaxSchemaName = 1024;

    /// <summary>The default depth limit of <see cref="ModelSerializerOptions"/>, <see cref="ModelJsonOptions"/> and the
    /// dictionary form.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The bracket depth that JSON of at most <paramref name="maxDepth"/> levels can need: the root object,
    /// up to <see cref="MaxArrayRank"/> brackets per level (rectangular arrays), and a rectangular array of primitives
    /// at the deepest level.</summary>
    public static int JsonTokenDepth(int maxDepth) =>
        (int)System.Math.Min(int.MaxValue, (long)MaxArrayRank * System.Math.Max(maxDepth, 0) + MaxArrayRank + 1);
}
