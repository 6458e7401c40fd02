using Microsoft.CodeAnalysis;

namespace ModelGen.Generator.Diagnostics;

/// <summary>Every diagnostic of the generator, with stable IDs; each has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ModelGen";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/{id}.md");

    public static readonly DiagnosticDescriptor NotPartial = Error("MG0001",
        "Model type must be partial",
        "'{0}' must be declared 'partial' (and so must every type that contains it) so that ModelGen can add its serializers");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error("MG0002",
        "Member type is not supported",
        "Member '{0}' has type '{1}', which ModelGen cannot serialize; use a supported type, mark the type [SerializableModel], or exclude the member with [ModelIgnore]");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Error("MG0003",
        "No usable constructor",
        "'{0}' has no constructor that ModelGen can call: add a parameterless constructor, or one whose parameters all match serialized members by name and type");

    public static readonly DiagnosticDescriptor DuplicateMember = Error("MG0004",
        "Two members share a name or key",
        "Member '{0}' uses the {1} '{2}', which member '{3}' uses too; give one of them another name or key with [ModelMember]");

    public static readonly DiagnosticDescriptor UnionSubtypeNotDerived = Error("MG0005",
        "Union subtype does not derive from the base",
        "'{0}' is declared in [ModelUnion] of '{1}' but does not derive from or implement it");

    public static readonly DiagnosticDescriptor NestedTypeNotModel = Error("MG0006",
        "Nested model type is not marked",
        "Member '{0}' has type '{1}', which is not marked [SerializableModel]; mark it (and make it partial) so it can be serialized");

    public static readonly DiagnosticDescriptor MemberCannotBeSet = Error("MG0007",
        "Member cannot be set when reading",
        "Member '{0}' is read-only and no constructor parameter sets it; add a setter or init accessor, a constructor parameter named '{0}', or [ModelIgnore]");

    public static readonly DiagnosticDescriptor GenericModel = Error("MG0008",
        "Generic model types are not supported",
        "'{0}' is generic; ModelGen models must be non-generic types");

    public static readonly DiagnosticDescriptor InvalidKey = Error("MG0009",
        "Member key is out of range",
        "Member '{0}' has key {1}; explicit keys must be between 16 and 268435455");

    public static readonly DiagnosticDescriptor InvalidVersion = Error("MG0010",
        "Schema version must be positive",
        "'{0}' has schema version {1}; versions start at 1");

    public static readonly DiagnosticDescriptor DuplicateUnionTag = Error("MG0011",
        "Union tag or subtype used twice",
        "The union tag '{0}' or its subtype is declared more than once on '{1}'");

    public static readonly DiagnosticDescriptor InvalidMigrationHook = Error("MG0012",
        "Migration hook has the wrong shape",
        "The [ModelMigration] method '{0}' must be 'static void {0}(ModelGen.ModelMigration migration)', and a model has at most one");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "MG0001" => NotPartial,
        "MG0002" => UnsupportedMemberType,
        "MG0003" => NoUsableConstructor,
        "MG0004" => DuplicateMember,
        "MG0005" => UnionSubtypeNotDerived,
        "MG0006" => NestedTypeNotModel,
        "MG0007" => MemberCannotBeSet,
        "MG0008" => GenericModel,
        "MG0009" => InvalidKey,
        "MG0010" => InvalidVersion,
        "MG0011" => DuplicateUnionTag,
        _ => InvalidMigrationHook,
    };
}
