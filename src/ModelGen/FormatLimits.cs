namespace ModelGen;

/// <summary>The limits that every form (binary, JSON, dictionary) applies, stated once.</summary>
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
    /// <summary>The default depth limit of <see cref="ModelSerializerOptions"/>, <see cref="ModelJsonOptions"/> and the
    /// dictionary form.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Whether the thread has stack left for another level (checked beyond the default depth only): a depth
    /// option larger than the thread's stack allows gives an error instead of a stack overflow, which would end the
    /// process.</summary>
    public static bool StackLeft() => System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>The reason given when <see cref="StackLeft"/> is false.</summary>
    public static string StackTooSmall(int maxDepth) =>
        $"nesting is deeper than this thread's stack allows (MaxDepth is {maxDepth}); read or write on a thread with a larger stack, or store the chain as a list (docs/format.md, Depth)";

    /// <summary>The bracket depth that JSON of at most <paramref name="maxDepth"/> levels can need: the root object,
    /// up to three brackets per level (rank-3 arrays), and a rank-3 array of primitives at the deepest level.</summary>
    public static int JsonTokenDepth(int maxDepth) => (int)System.Math.Min(int.MaxValue, 3L * System.Math.Max(maxDepth, 0) + 4);
}
