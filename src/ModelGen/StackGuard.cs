namespace ModelGen;

/// <summary>Beyond the default depth (<see cref="FormatLimits.DefaultMaxDepth"/>) the readers and writers of every
/// form check that the thread has stack left for another level: a depth option larger than the thread's stack allows
/// gives a <see cref="ModelFormatException"/> instead of a stack overflow, which would end the process.</summary>
internal static class StackGuard
{
    /// <summary>Whether the thread has stack left for another level.</summary>
    public static bool StackLeft() => System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>The reason given when <see cref="StackLeft"/> is false.</summary>
    public static string StackTooSmall(int maxDepth) =>
        $"nesting is deeper than this thread's stack allows (MaxDepth is {maxDepth}); read or write on a thread with a larger stack, or store the chain as a list (docs/format.md, section 6.1)";
}
