namespace ModelGen;

/// <summary>One violation found by a generated <c>Validate()</c> of a <c>[Hyperparameters]</c> type.</summary>
/// <param name="Member">The member path relative to the validated value, with serialized names: <c>dropout</c>, or for
/// a nested value <c>optimizer.learningRate</c>, <c>trials[1].layers</c>, <c>stages[warmup].epochs</c>.</param>
/// <param name="Message">What is wrong, e.g. "must be between 0 and 1".</param>
public sealed record ModelValidationError(string Member, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Member}: {Message}";
}
