namespace ModelGen.Generator.Diagnostics;

/// <summary>The stable IDs of the generator's diagnostics; <see cref="DiagnosticDescriptors"/> pairs each with its text,
/// and the parser reports those descriptors.</summary>
internal static class DiagnosticIds
{
    public const string NotPartial = "MG0001";
    public const string UnsupportedMemberType = "MG0002";
    public const string NoUsableConstructor = "MG0003";
    public const string DuplicateMember = "MG0004";
    public const string UnionSubtypeNotDerived = "MG0005";
    public const string NestedTypeNotModel = "MG0006";
    public const string MemberCannotBeSet = "MG0007";
    public const string GenericModel = "MG0008";
    public const string InvalidKey = "MG0009";
    public const string InvalidVersion = "MG0010";
    public const string DuplicateUnionTag = "MG0011";
    public const string InvalidMigrationHook = "MG0012";
    public const string UnsavedPrivateState = "MG0013";
    public const string PreviousNameNeverMatches = "MG0014";
    public const string UnknownNaming = "MG0015";
    public const string AbstractModelWithoutUnion = "MG0017";
    public const string ReservedMemberName = "MG0018";
    public const string FileLocalModel = "MG0019";
    public const string CapturedParameterNotSaved = "MG0020";
    public const string ReservedSerializedName = "MG0021";
    public const string ParameterNotStoredAsIs = "MG0022";
    public const string StructWithoutKeptMembers = "MG0023";
    public const string ComparerNotRecreated = "MG0024";
    public const string ForeignSerializerAttribute = "MG0025";
    public const string NameTooLong = "MG0026";
}
