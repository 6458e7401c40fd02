using Microsoft.CodeAnalysis;

#if MODELGEN_ANALYZERS
// The schema lock analyzer compiles this file only because the shared parser reports these descriptors; it never
// reports them itself (the generator does, and the generator's release files track them).
#pragma warning disable RS2000
#endif

namespace ModelGen.Generator.Diagnostics;

/// <summary>Every diagnostic of the generator, with stable IDs; each has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ModelGen";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/{id}.md");

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/{id}.md");

    public static readonly DiagnosticDescriptor NotPartial = Error(DiagnosticIds.NotPartial,
        "Model type must be partial",
        "'{0}' must be declared 'partial' (and so must every type that contains it) so that ModelGen can add its serializers");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(DiagnosticIds.UnsupportedMemberType,
        "Member type is not supported",
        "Member '{0}' has type '{1}', which ModelGen cannot serialize; {2}");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Error(DiagnosticIds.NoUsableConstructor,
        "No usable constructor",
        "'{0}' has no constructor that ModelGen can call: add a parameterless constructor (it may be private), or one whose parameters all match serialized members by name and type");

    public static readonly DiagnosticDescriptor DuplicateMember = Error(DiagnosticIds.DuplicateMember,
        "Two members share a name or key",
        "Member '{0}' uses the {1} '{2}', which member '{3}' uses too; give one of them another name or key with [ModelMember]");

    public static readonly DiagnosticDescriptor UnionSubtypeNotDerived = Error(DiagnosticIds.UnionSubtypeNotDerived,
        "Union subtype does not derive from the base",
        "'{0}' is declared in [ModelUnion] of '{1}' but does not derive from or implement it; derive it from '{1}', or remove this [ModelUnion]");

    public static readonly DiagnosticDescriptor NestedTypeNotModel = Error(DiagnosticIds.NestedTypeNotModel,
        "Nested model type is not marked",
        "{0} uses the type '{1}', which is not marked [SerializableModel]; {2}");

    public static readonly DiagnosticDescriptor MemberCannotBeSet = Error(DiagnosticIds.MemberCannotBeSet,
        "Member cannot be set when reading",
        "Member '{0}' cannot be set when reading: {1}");

    /// <summary>Reported at a generic model (<see cref="GenericModelArguments.Type"/>) and at a member whose type is a
    /// closed generic model (<see cref="GenericModelArguments.Member"/>): one rule, one descriptor.</summary>
    public static readonly DiagnosticDescriptor GenericModel = Error(DiagnosticIds.GenericModel,
        "Generic model types are not supported",
        "{0}, and a model must be a non-generic type; {1}");

    public static readonly DiagnosticDescriptor InvalidKey = Error(DiagnosticIds.InvalidKey,
        "Member key is out of range",
        "Member '{0}' has key {1}; explicit keys must be between 16 and 268435455 (or leave Key out to derive it from the name)");

    public static readonly DiagnosticDescriptor InvalidVersion = Error(DiagnosticIds.InvalidVersion,
        "Schema version must be positive",
        "'{0}' has schema version {1}; versions start at 1 (leave Version out for 1)");

    public static readonly DiagnosticDescriptor DuplicateUnionTag = Error(DiagnosticIds.DuplicateUnionTag,
        "Union tag or subtype used twice",
        "[ModelUnion] on '{0}' repeats {1}; declare each subtype once, with a tag of its own");

    public static readonly DiagnosticDescriptor InvalidMigrationHook = Error(DiagnosticIds.InvalidMigrationHook,
        "Migration hook has the wrong shape",
        "The [ModelMigration] method '{0}' must be an ordinary method 'static void {1}(ModelGen.ModelMigration migration)', and a model has at most one");

    public static readonly DiagnosticDescriptor UnsavedPrivateState = Warning(DiagnosticIds.UnsavedPrivateState,
        "Private state of a model is not saved",
        "'{0}' is instance state of model '{1}' that is neither serialized nor ignored, so a loaded model lacks it; {2}, or mark it [ModelIgnore] if it is derived from saved members (a cache, a lookup table built on load)");

    public static readonly DiagnosticDescriptor ParameterNotStoredAsIs = Warning(DiagnosticIds.ParameterNotStoredAsIs,
        "Constructor parameter is not stored as it is",
        "Loading passes the saved value of '{0}' to the constructor parameter '{1}', but {2}, so a model reads back another value than it saved (and drifts further on every save and load); store '{1}' as it is (a check that throws is fine) and compute the rest elsewhere");

    public static readonly DiagnosticDescriptor CapturedParameterNotSaved = Warning(DiagnosticIds.CapturedParameterNotSaved,
        "Captured primary constructor parameter is not saved",
        "The primary constructor parameter '{0}' is used in the body of model '{1}', so the compiler keeps it as hidden state that is neither serialized nor can be marked, and a loaded model lacks it; keep it in a property ('public T Name {{ get; }} = {0};') and use the property, or use '{0}' only in initializers");

    public static readonly DiagnosticDescriptor PreviousNameNeverMatches = Warning(DiagnosticIds.PreviousNameNeverMatches,
        "Previous name can never match",
        "The previous name '{0}' of member '{1}' is empty or is the member's current name, so it matches no older data; remove it, or give the name the member had before");

    public static readonly DiagnosticDescriptor UnknownNaming = Error(DiagnosticIds.UnknownNaming,
        "Unknown naming policy",
        "'{0}' has naming policy {1}, which is not a ModelNaming value");

    public static readonly DiagnosticDescriptor ReservedMemberName = Error(DiagnosticIds.ReservedMemberName,
        "Member name is taken by generated code",
        "'{0}' is a name that ModelGen generates on '{1}' (Schema, JsonSchema, and Validate() of [Hyperparameters]); rename the member");

    public static readonly DiagnosticDescriptor ReservedSerializedName = Error(DiagnosticIds.ReservedSerializedName,
        "Serialized name begins with '$'",
        "'{0}', {1} of member '{2}', begins with '$', which the JSON and dictionary forms keep for their own entries (\"$version\", \"$type\", \"$fields\"): a member under it would be read as that entry or overwrite it; choose a name without the '$'");

    public static readonly DiagnosticDescriptor FileLocalModel = Error(DiagnosticIds.FileLocalModel,
        "Model type is file-local",
        "'{0}' is a file-local type (or is nested in the file-local type '{1}'), which the generated code in another file cannot extend; remove the 'file' modifier (make it internal to keep it out of the public API)");

    public static readonly DiagnosticDescriptor AbstractModelWithoutUnion = Error(DiagnosticIds.AbstractModelWithoutUnion,
        "Abstract model has no union cases",
        "'{0}' is abstract, so reading cannot create it; declare each concrete subtype with [ModelUnion(\"tag\", typeof(Subtype))] on '{0}' (each subtype a [SerializableModel] too), or make '{0}' a concrete type");

    /// <summary>Reported at every struct model without a KeptMembers field, when it is written: the build that needs the
    /// field is the older one, which reads newer data and saves it again (<see cref="StructWithoutKeptMembersArguments"/>).</summary>
    public static readonly DiagnosticDescriptor StructWithoutKeptMembers = Warning(DiagnosticIds.StructWithoutKeptMembers,
        "Struct model drops members of newer versions",
        "'{0}' is a struct model without a KeptMembers field, so a build of it that reads data saved by a newer version and saves it again drops the members it does not declare, in every form; {1}");

    /// <summary>What gives the comparer and why loading cannot, then what to do: <see cref="ComparerNotRecreatedArguments"/>.</summary>
    public static readonly DiagnosticDescriptor ComparerNotRecreated = Warning(DiagnosticIds.ComparerNotRecreated,
        "A loaded collection would not get the comparer its initializer or constructor gives it",
        "{0}, so a loaded value compares with the default comparer; {1}, or declare the member as one of those four with a setter (loading then takes the comparer of the collection there)");

    /// <summary>What the other serializer's attribute says and what ModelGen does instead, then the fix:
    /// <see cref="ForeignSerializerAttributeArguments"/>.</summary>
    public static readonly DiagnosticDescriptor ForeignSerializerAttribute = Warning(DiagnosticIds.ForeignSerializerAttribute,
        "Another serializer's attribute is not read by ModelGen",
        "{0}, which ModelGen does not read: {1} (System.Text.Json too, through the converter ModelGen gives the model); {2}");

    public static readonly DiagnosticDescriptor NameTooLong = Error(DiagnosticIds.NameTooLong,
        "Name longer than the binary format holds",
        "{0} is {1} UTF-8 bytes long, and the binary format holds names of at most {2} (docs/format.md): no binary reader could load '{3}', and its binary writer could not start; choose a shorter name");
}

/// <summary>The three parts of MG0025's message, by what the attribute does for its serializer.</summary>
internal static class ForeignSerializerAttributeArguments
{
    /// <summary>The attribute names the member (<c>[JsonPropertyName("lr")]</c>) other than ModelGen does.</summary>
    public static string[] Name(string member, string attribute, string foreignName, string name, int key, bool readAnyway) =>
        [$"Member '{member}' is named '{foreignName}' by [{attribute}]",
         readAnyway
            ? $"ModelGen saves it as '{name}' in every form (it reads '{foreignName}' as another spelling of that name), so the documents it writes change shape"
            : $"ModelGen saves it as '{name}' in every form, so documents written under '{foreignName}' load its default",
         $"give ModelGen that name with [ModelMember(Name = \"{foreignName}\")] — where data was saved under '{name}' already, [ModelMember(Name = \"{foreignName}\", Key = {key})] [PreviousName(\"{name}\")], which keep its binary key and its JSON for older builds — or remove [{attribute}]"];

    /// <summary>The attribute leaves the member out (<c>[JsonIgnore]</c>, <c>[NonSerialized]</c>).</summary>
    public static string[] Ignored(string member, string attribute) =>
        [$"Member '{member}' is left out by [{attribute}]",
         "ModelGen saves it in every form",
         "exclude it with [ModelIgnore], or mark it [ModelMember] to save it"];

    /// <summary>The type's serializer saves only members marked for it (<c>[DataContract]</c>), and this one is not.</summary>
    public static string[] NotOptedIn(string member, string typeAttribute) =>
        [$"Member '{member}' is left out by [{typeAttribute}] (it is not marked [DataMember] or [JsonProperty])",
         "ModelGen saves it in every form",
         "exclude it with [ModelIgnore], or mark it [ModelMember] to save it"];

    /// <summary>The same, for a member the model inherits from a base in another assembly, where ModelGen's attributes
    /// cannot be added: the fix is in the model.</summary>
    public static string[] Inherited(string[] parts, string declaringType, string model) =>
        [$"{parts[0]} in '{declaringType}' (another assembly)",
         parts[1],
         $"ModelGen's attributes cannot be added to a member declared in another assembly: declare the member in '{model}' (or a base of it in this project) with them, or suppress MG0025 for '{model}' where nothing is lost"];

    /// <summary>The attribute makes the member the store of unknown members (<c>[JsonExtensionData]</c>).</summary>
    public static string[] ExtensionData(string member, string attribute) =>
        [$"Member '{member}' holds the object's unknown members by [{attribute}]",
         "ModelGen keeps unknown members by itself (and writes them back), and saves this one as a member of its own, empty after a load",
         "exclude it with [ModelIgnore]"];
}

/// <summary>The two parts of MG0024's message: what gives the member a comparer loading cannot give it, and the fix.</summary>
internal static class ComparerNotRecreatedArguments
{
    private const string NameStatic = "name a static comparer (StringComparer.OrdinalIgnoreCase, a static readonly field) in 'new Dictionary/SortedDictionary/HashSet/SortedSet(...)'";

    /// <summary>The member's initializer, or a statement of the constructor's body that assigns it (inConstructor), names
    /// a comparer loading cannot create again, or creates the collection in a way loading does not.</summary>
    public static string[] Given(string member, bool inConstructor, string comparer, string reason) =>
        [$"{(inConstructor ? "The constructor's assignment to" : "The initializer of")} '{member}' gives it the comparer '{comparer}', which is not saved: {reason}", NameStatic];

    /// <summary>The constructor assigns the member where loading cannot tell whether it runs, or which runs last (where:
    /// "in a branch", "in 'Init', which the constructor calls").</summary>
    public static string[] NotFollowed(string member, string where, string assignment) =>
        [$"The constructor assigns '{member}' {where} ('{assignment}'), which loading does not follow: it cannot tell which comparer the member ends with, and a comparer is not saved",
         "assign the member in a statement of its own of the constructor and " + NameStatic];
}

/// <summary>The two parts of MG0008's message: what is generic, and what to do.</summary>
internal static class GenericModelArguments
{
    public static string[] Type(string name) =>
        [$"'{name}' is generic", $"remove the type parameters, or put the attribute on a non-generic class that derives from a closed '{name}<...>'"];

    public static string[] Member(string member, string type) =>
        [$"Member '{member}' has type '{type}', a closed generic model", $"use a non-generic class that derives from '{type}' and is marked [SerializableModel], or exclude the member with [ModelIgnore]"];
}

/// <summary>The second part of MG0023's message: the fix, which a readonly struct cannot take as it is.</summary>
internal static class StructWithoutKeptMembersArguments
{
    public static string[] Of(string name, bool readOnly) =>
        [name, readOnly
            ? $"a readonly struct cannot hold that field (reading assigns it): make '{name}' a struct that is not readonly and add 'private KeptMembers _kept;', or make it a class or record (which keep them without a field), or suppress MG0023 if its members are final"
            : "add 'private KeptMembers _kept;' (ModelGen.KeptMembers) to it, or suppress MG0023 if its members are final"];
}
