using System;

namespace ModelGen.Internal;

/// <summary>When the readers validate a <c>[Hyperparameters]</c> value: once, at the outermost validated value of a
/// read, after the whole value is read, so that one <see cref="ModelFormatException"/> lists every violation in the
/// tree with its member path (<c>optimizer.learningRate</c>, <c>layers[2].units</c>) instead of stopping at the first
/// nested value. A validated value read inside another one is left to the enclosing value's <c>Validate()</c>, which
/// reaches it through any models and collections in between (<see cref="NestedValidation"/>).</summary>
internal static class ReadValidation
{
    // True while the members of a validated value are read: values read now are validated by that value.
    [ThreadStatic] private static bool t_enclosed;

    private static class Of<T>
    {
        // A type test, not reflection over members: safe under trimming and NativeAOT.
        public static readonly bool IsValidated = typeof(IValidatedModel).IsAssignableFrom(typeof(T));
    }

    /// <summary>A nested value of type <typeparamref name="T"/> is about to be read; returns what to pass to
    /// <see cref="Complete{T}"/> and <see cref="Exit"/>.</summary>
    public static bool Enter<T>()
    {
        bool outer = t_enclosed;
        if (Of<T>.IsValidated) t_enclosed = true;
        return outer;
    }

    /// <summary>A read starts at its root (possibly inside another read, e.g. from a migration hook): the value it
    /// returns is validated by this read, whatever encloses it.</summary>
    public static bool EnterRoot<T>()
    {
        bool outer = t_enclosed;
        t_enclosed = Of<T>.IsValidated;
        return outer;
    }

    /// <summary>A read whose values are not validated at all (<see cref="ModelEquality.Clone{T}(T)"/> copies a value
    /// as it is): every validated value read now counts as enclosed by one that does not validate.</summary>
    public static bool EnterUnvalidated()
    {
        bool outer = t_enclosed;
        t_enclosed = true;
        return outer;
    }

    /// <summary>The flag itself, for a root read that sets and restores it around its fields with one lookup of the
    /// thread's storage (as <see cref="EnterRoot{T}"/> and <see cref="Exit"/> do with three).</summary>
    internal static ref bool Enclosed => ref t_enclosed;

    /// <summary>True when values of <typeparamref name="T"/> validate themselves (<see cref="IValidatedModel"/>).</summary>
    internal static bool Validates<T>() => Of<T>.IsValidated;

    /// <summary>Restores what <see cref="Enter{T}"/> or <see cref="EnterRoot{T}"/> returned.</summary>
    public static void Exit(bool outer) => t_enclosed = outer;

    /// <summary>Validates the root of a read (which validates, <see cref="Validates{T}"/>), and through it every value
    /// nested in it: as <see cref="Complete{T}"/> with nothing enclosing it, without its type's lookup.</summary>
    public static void Validate(IValidatedModel value)
    {
        var errors = value.Validate();
        if (errors.Count > 0) throw ModelFormatException.Invalid(errors);
    }

    /// <summary>A value is read: validates it (and, through its <c>Validate()</c>, every value nested in it) unless
    /// an enclosing validated value will.</summary>
    public static void Complete<T>(T value, bool enclosed)
    {
        if (enclosed || !Of<T>.IsValidated) return;
        var errors = ((IValidatedModel)value!).Validate();
        if (errors.Count > 0) throw ModelFormatException.Invalid(errors);
    }
}
