using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelGen.Generator.Model;

// The contract between parsing and emission: plain, equatable values only (no symbols, syntax or compilations),
// so an edit that does not change a model leaves the emit step cached.

/// <summary>A model type to generate for.</summary>
internal sealed record ModelSpec(
    string Namespace,                            // "" for the global namespace
    EquatableArray<ContainingTypeSpec> ContainingTypes, // outermost first, for nested model types
    TypeKeyword Keyword,
    string TypeName,                             // as declared, without type parameters
    string FullTypeName,                         // global::Ns.Outer.Type
    string ModelName,                            // written into the envelope
    int Version,
    bool IsHyperparameters,
    bool IsAbstract,
    InheritedNames Hides,                        // generated members that hide inherited ones: they need 'new'
    string? UnionTag,                            // this type's tag in its base's union, if any
    EquatableArray<UnionCaseSpec> UnionCases,    // for a union base
    EquatableArray<MemberSpec> Members,
    ConstructionSpec? Construction,              // null for abstract types and interfaces
    string? KeptMembersField,                    // the KeptMembers field that holds members of newer versions for writing back, or null
    bool DeclaresKeptMembers,                    // the generator declares that field (classes and records); a struct declares its own
    string? MigrationMethod,                     // the [ModelMigration] hook, if any
    EquatableArray<string> SuppressedDiagnostics, // IDs of [Obsolete(DiagnosticId)] and [Experimental] members and types the code uses
    bool DeclaresJsonConverter)                  // the user put [JsonConverter] on the type: the generator adds none
{
    public bool KeepsUnknownMembers => KeptMembersField is not null;
}

/// <summary>Generated members that a model inherits under the same name (from a base model, or from any base with
/// members named so), so the generated ones are declared 'new'.</summary>
[System.Flags]
internal enum InheritedNames
{
    None = 0,
    Schema = 1,
    JsonSchema = 2,
    SchemaDocument = 4, // private constants, visible to a model nested in its base model
    JsonSchemaPart = 8, // an internal field of a base model in the same compilation
    PrivateMembers = 16, // the private generated members of a concrete base model that contains this one
}

/// <summary>How a type is declared; <see cref="TypeKeywords.Text"/> renders it.</summary>
internal enum TypeKeyword { Class, Record, Struct, RecordStruct, Interface }

internal static class TypeKeywords
{
    public static string Text(this TypeKeyword keyword) => keyword switch
    {
        TypeKeyword.Record => "record",
        TypeKeyword.Struct => "struct",
        TypeKeyword.RecordStruct => "record struct",
        TypeKeyword.Interface => "interface",
        _ => "class",
    };
}

internal sealed record ContainingTypeSpec(TypeKeyword Keyword, string Name);

internal sealed record UnionCaseSpec(string Tag, string FullTypeName, string ModelName, int Depth);

/// <summary>A serialized member.</summary>
internal sealed record MemberSpec(
    string ClrName,                 // the C# member name (escaped if a keyword)
    string Name,                    // serialized name
    int Key,
    EquatableArray<string> PreviousNames,
    EquatableArray<int> PreviousKeys,
    MemberType Type,
    bool IsNullable,                // null is a valid value
    MemberAssignment Assignment,
    int ConstructorIndex,           // position in the chosen constructor, or -1
    string? DefaultValue,           // C# expression of the constructor parameter's default, if any
    EquatableArray<ValidationSpec> Validations,
    bool TypeVisibleInFile,         // every type in the member's type is visible outside the model's declaration (not private or protected)
    ComparerSpec? Comparer = null,  // the comparer its initializer or constructor gives a set or dictionary, which loading gives it too
    EquatableArray<string> CopyNames = default, // JSON and dictionaries: the names an older build wrote it under (each [PreviousName] under the policy), where its value is written too, and read from as copies
    EquatableArray<string> UnwrittenCopyNames = default, // those of CopyNames no longer written ([PreviousName(..., WriteCopy = false)]), still read
    EquatableArray<int> PolicyKeys = default) // binary: the keys of its name under the other naming policies, read as its own key (a member without previous keys)
{
    /// <summary>The names of <see cref="CopyNames"/> its value is written under.</summary>
    public IEnumerable<string> WrittenCopyNames => CopyNames.Where(n => !UnwrittenCopyNames.Contains(n));

    /// <summary>Whether JSON and dictionaries write its value under another name too.</summary>
    public bool WritesCopies => CopyNames.Count > UnwrittenCopyNames.Count;

    /// <summary>Data without this member cannot be read: 'required', or a constructor parameter without a default that cannot be null.</summary>
    public bool IsRequired => Assignment == MemberAssignment.Required
        || (Assignment == MemberAssignment.Constructor && DefaultValue is null && !IsNullable);

    /// <summary>The schema type name, with '?' when null is a valid value.</summary>
    public string SchemaType => Type.SchemaName + (IsNullable && Type is not NullableType ? "?" : "");

    /// <summary><see cref="SchemaType"/> ends in '?' (format 2 writes a presence byte before the value), told without
    /// building it: the emitters ask for every member several times.</summary>
    public bool IsNullableInSchema => IsNullable || Type.SchemaNameEndsInQuestionMark;
}

/// <summary>A set's or dictionary's comparer that a member's initializer or constructor's body names: <paramref name="Collection"/> is the
/// collection it creates (Dictionary, SortedDictionary, HashSet, SortedSet: the <c>DeclaredComparers</c> method that
/// gives a loaded value the comparer), <paramref name="Expression"/> the C# that gets the comparer again.</summary>
internal sealed record ComparerSpec(string Collection, string Expression)
{
    /// <summary>The collections whose comparer a value of the member's type tells (their <c>Comparer</c>): the
    /// <c>DeclaredComparers</c> method that gives it to a loaded one; null for any other type.</summary>
    public static string? CollectionOf(MemberType type) => type switch
    {
        MapType { Kind: MapKind.Dictionary } => "Dictionary",
        MapType { Kind: MapKind.SortedDictionary } => "SortedDictionary",
        SequenceType { Kind: SequenceKind.HashSet } => "HashSet",
        SequenceType { Kind: SequenceKind.SortedSet } => "SortedSet",
        _ => null,
    };
}

internal enum MemberAssignment
{
    Constructor,    // passed to the constructor
    Setter,         // assigned after construction when present in the input
    Init,           // init-only: set in the object initializer
    Required,       // 'required': set in the object initializer, must be present
}

internal sealed record ConstructionSpec(int ParameterCount);

internal enum ValidationKind
{
    Required,           // [Required]: not null, and a string not empty or white space
    RequiredAllowEmpty, // [Required(AllowEmptyStrings = true)]: not null
    Range,              // [Range(min, max)] on a number
}

/// <summary>A bound of [Range]: the number, and whether it was given as an int (rendered without a fraction).</summary>
internal readonly record struct RangeBound(double Value, bool IsInteger);

/// <summary>A [Range] or [Required] check of a hyperparameter; the bounds are set for <see cref="ValidationKind.Range"/>.</summary>
internal sealed record ValidationSpec(ValidationKind Kind, RangeBound Minimum, RangeBound Maximum, bool MinimumExclusive, bool MaximumExclusive, string? Message);

/// <summary>A diagnostic found while parsing, with a location that holds no syntax tree reference.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>At the same span of the compilation's own syntax tree, where <c>#pragma warning disable</c> reaches it
    /// (the compiler applies pragmas only to locations in a tree, not to one that names a file).</summary>
    public Diagnostic ToDiagnostic(Compilation compilation) => Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Arguments.ToArray());
}

internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public Location ToLocation(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
            if (tree.FilePath == FilePath) return Location.Create(tree, Span);
        return ToLocation();
    }

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A model type with errors that can still take a partial declaration: it gets an implementation of
/// IModelSerializable that only throws, so that other models and user code that use it compile and the user sees
/// only the ModelGen errors, not follow-on errors in generated code.</summary>
internal sealed record ModelStubSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    TypeKeyword Keyword,
    string TypeName,
    string FullTypeName,
    InheritedNames Hides);

/// <summary>The result of parsing one annotated type: a model to emit, or a stub for a model with errors (or
/// neither, when not even a partial declaration can be added), and its diagnostics.</summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics, ModelStubSpec? Stub = null);
