using System;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>The binary entry points of a model type, resolved once per type. A call to a static abstract member
/// through a type parameter that is a class (<c>T.WriteFields</c> in <see cref="ModelCodec{T}"/>) runs in code shared
/// by every class and is resolved by the runtime on every call; a forest of small nested models paid that per node.
/// A pointer read from a static field of the exact type is one load.</summary>
internal static unsafe class ModelFunctions<T> where T : IModelSerializable<T>
{
    internal static readonly delegate*<ref ModelWriter, T, void> WriteFields = &T.WriteFields;

    internal static readonly delegate*<ref ModelReader, T> ReadFields = &T.ReadFields;

    internal static readonly delegate*<ref ModelReader, Span<T>, int, int> ReadStraightItems = &T.ReadStraightItems;

    internal static readonly delegate*<T, UnknownMembers?> GetUnknownMembers = &T.GetUnknownMembers;

    // ScalarsOnly beside the WriteFields pointer (one static base for both: the strict write asks it for every nested
    // model), read once: 0 not yet, 1 scalars only, 2 not.
    private static int s_scalarsOnly;

    /// <summary><see cref="ScalarsOnly"/>, for the strict write tried before the check.</summary>
    internal static bool ScalarsOnlyCached
    {
        get
        {
            int known = s_scalarsOnly;
            if (known == 0) s_scalarsOnly = known = ScalarsHolder.Value ? 1 : 2;
            return known == 1;
        }
    }

    /// <summary>A class that is neither sealed nor abstract: a value written as T may be of a type derived from it
    /// (<see cref="DerivedModels"/>). Beside the WriteFields pointer: one static base for both.</summary>
    internal static readonly bool MayBeDerived = !typeof(T).IsValueType && !typeof(T).IsAbstract && !typeof(T).IsSealed;

    /// <summary>True for a <c>[Hyperparameters]</c> model, whose reads enter a validation scope (ReadValidation).</summary>
    internal static readonly bool Validated = typeof(IValidatedModel).IsAssignableFrom(typeof(T));

    /// <summary><c>T.Schema</c>, for the check before a write, which enters it for every nested model.</summary>
    internal static ModelSchema Schema => SchemaHolder.Value;

    /// <summary>True when the check before a write has nothing to look at inside a value of <typeparamref name="T"/>:
    /// every member is a value-type scalar that the check accepts whatever it holds (numbers, bool, enums, dates,
    /// GUIDs, nullable or not; not char, whose surrogates are refused), and the model is neither validated nor a union
    /// base. Unknown type names (a member type this list does not know) count as something to look at.</summary>
    internal static bool ScalarsOnly => ScalarsHolder.Value;

    private static class ScalarsHolder
    {
        // Before Value: static fields are initialized in order.
        private static readonly string[] AcceptedScalars =
        [
            "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64",
            "decimal", "guid", "datetime", "datetimeoffset", "timespan",
        ];

        internal static readonly bool Value = Compute();

        private static bool Compute()
        {
            if (typeof(IValidatedModel).IsAssignableFrom(typeof(T))) return false;
            ModelSchema schema = Schema;
            if (schema.UnionCases.Count > 0) return false;
            foreach (ModelMemberSchema member in schema.Members)
            {
                string type = member.Type.EndsWith('?') ? member.Type[..^1] : member.Type;
                if (type.StartsWith("enum:", System.StringComparison.Ordinal)) continue;
                if (System.Array.IndexOf(AcceptedScalars, type) < 0) return false;
            }
            return true;
        }

    }

    // Apart, so that the pointers above are usable before the schema is built (a schema is built on first use).
    private static class SchemaHolder
    {
        internal static readonly ModelSchema Value = T.Schema;
    }
}

/// <summary>Whether <typeparamref name="T"/> is a value type, read from a static field: <c>typeof(T).IsValueType</c> in
/// code shared by every class is a call into the runtime.</summary>
internal static class TypeFacts<T>
{
    internal static readonly bool IsValueType = typeof(T).IsValueType;
}

/// <summary>A value written as the model type <c>T</c> whose own type is another model derived from it (a <c>D : C</c>
/// held in a member, list or root of type <c>C</c>, or a subclass of a union case that is not a case itself) would be
/// written as a <c>T</c>: without its own members and its type, silently. Every writer refuses it instead. A derived
/// type that is not a model (a test double, a subclass that only overrides behaviour) has no members of its own to
/// save and is written as <c>T</c>, as before.</summary>
internal static class DerivedModels
{
    /// <summary>Null, or the error for <paramref name="value"/> written as <typeparamref name="T"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static ModelFormatException? Check<T>(T value) where T : IModelSerializable<T> =>
        ModelFunctions<T>.MayBeDerived && value!.GetType() != typeof(T) ? Refuse(typeof(T), value.GetType()) : null;

    /// <summary><typeparamref name="T"/> when a value written as it may be of a derived type, else null: kept where many
    /// values (a list's items) or calls (a type's writes) are checked, since <c>typeof(T)</c> in shared generic code is a
    /// helper call each time.</summary>
    internal static System.Type? Exact<T>() where T : IModelSerializable<T> => ModelFunctions<T>.MayBeDerived ? typeof(T) : null;

    /// <summary><see cref="Check{T}(T)"/> against a kept <see cref="Exact{T}"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static ModelFormatException? Check<T>(T value, System.Type? exact) =>
        exact is not null && value!.GetType() != exact ? Refuse(exact, value.GetType()) : null;

    /// <summary>Null, or the error for a value of type <paramref name="actual"/> written as <paramref name="declared"/>,
    /// which differ.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static ModelFormatException? Refuse(System.Type declared, System.Type actual) =>
        actual.IsDefined(typeof(SerializableModelAttribute), inherit: false)
            ? new ModelFormatException($"'{actual}' is a model derived from '{declared}': written as a '{declared.Name}' it would lose its own members and its type; hold it where a '{actual.Name}' is declared, or make it a [ModelUnion] case of an abstract base")
            : null;

    /// <summary>Throws <paramref name="error"/>, with the member path of the check before a write when one runs.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void Throw(ModelFormatException error, WriteCheck? check)
    {
        check?.AddPath(error);
        throw error;
    }
}
