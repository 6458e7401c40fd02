using System;
using System.Collections.Generic;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Validation of any generated model: the <c>[Range]</c>/<c>[Required]</c> rules of every
/// <c>[Hyperparameters]</c> value in it, however deeply nested.</summary>
public static class ModelValidation
{
    /// <summary>Returns every violation in <paramref name="value"/>: its own rules when it is a <c>[Hyperparameters]</c>
    /// type, and those of every <c>[Hyperparameters]</c> value nested in it (in members, other models, lists, arrays
    /// and dictionaries), each with its member path relative to <paramref name="value"/> (<c>optimizer.learningRate</c>,
    /// <c>trials[1].layers</c>). Empty when the value is valid.</summary>
    /// <exception cref="ModelFormatException">The value nests deeper than the default limit of 64 (or has a cycle).</exception>
    public static IReadOnlyList<ModelValidationError> Validate<T>(T value) where T : IModelSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is IValidatedModel validated) return validated.Validate();
        return (IReadOnlyList<ModelValidationError>?)WriteCheck.Collect(value, root: true) ?? Array.Empty<ModelValidationError>();
    }

    /// <summary>Throws <see cref="ModelFormatException"/> listing every violation (see <see cref="Validate{T}"/>),
    /// the same exception a reader throws for the value.</summary>
    /// <exception cref="ModelFormatException">The value breaks a rule.</exception>
    public static void ThrowIfInvalid<T>(T value) where T : IModelSerializable<T>
    {
        IReadOnlyList<ModelValidationError> errors = Validate(value);
        if (errors.Count > 0) throw ModelFormatException.Invalid(errors);
    }
}
