using Microsoft.CodeAnalysis;

namespace ModelGen.Analyzers.Descriptors;

/// <summary>Every diagnostic of the ModelGen analyzers. IDs are stable: MG1xxx are security rules
/// (MG0xxx belong to the generator, MG2xxx to schema evolution).</summary>
internal static class DiagnosticDescriptors
{
    private const string Security = "Security";
    private const string Usage = "Usage";

    public static readonly DiagnosticDescriptor InsecureFormatter = Create(
        "MG1001",
        "Do not use an insecure formatter",
        "'{0}' can create any type named in its input, so reading untrusted data can run attacker-chosen code; use ModelGen's generated serializer",
        Security,
        DiagnosticSeverity.Warning,
        "BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter and ObjectStateFormatter read type names from the payload and instantiate them. No configuration makes them safe.");

    public static readonly DiagnosticDescriptor JsonNetTypeNameHandling = Create(
        "MG1002",
        "Do not enable Json.NET TypeNameHandling",
        "'{0}' is set to '{1}': Json.NET will create the type named in the '$type' property of the input",
        Security,
        DiagnosticSeverity.Warning,
        "Any TypeNameHandling other than None lets the JSON document choose which .NET type Json.NET creates, which attackers use to run code through gadget types.");

    public static readonly DiagnosticDescriptor JsonNetUnrestrictedBinder = Create(
        "MG1003",
        "Json.NET serialization binder does not restrict types",
        "{0} resolves any type name it is given; allow only the types you expect",
        Security,
        DiagnosticSeverity.Warning,
        "A serialization binder is the only thing between a '$type' name in the input and the type Json.NET creates. A binder that resolves any name does not protect anything.");

    public static readonly DiagnosticDescriptor JavaScriptSerializerTypeResolver = Create(
        "MG1004",
        "Do not use JavaScriptSerializer with SimpleTypeResolver",
        "JavaScriptSerializer with a SimpleTypeResolver creates the type named in the '__type' property of the input",
        Security,
        DiagnosticSeverity.Warning,
        "SimpleTypeResolver resolves any assembly-qualified type name found in the JSON, so the input picks the type that is created.");

    public static readonly DiagnosticDescriptor MessagePackTypeless = Create(
        "MG1005",
        "Do not use MessagePack typeless serialization",
        "'{0}' writes and reads .NET type names in the payload, so the input picks the type that is created",
        Security,
        DiagnosticSeverity.Warning,
        "MessagePack's typeless mode embeds type names in the data and instantiates them when reading, the same weakness as BinaryFormatter.");

    public static readonly DiagnosticDescriptor MessagePackTrustedData = Create(
        "MG1006",
        "Do not deserialize with MessagePackSecurity.TrustedData",
        "MessagePackSecurity.TrustedData turns off MessagePack's protections against hostile input; use MessagePackSecurity.UntrustedData",
        Security,
        DiagnosticSeverity.Warning,
        "TrustedData disables the hash-collision resistant collections and the depth limit used when reading, so a crafted payload can exhaust CPU or the stack.");

    public static readonly DiagnosticDescriptor TypeFromStringSerializer = Create(
        "MG1007",
        "Do not build a serializer for a type named by a runtime string",
        "'{0}' is created for {1}; whoever controls it picks the type",
        Security,
        DiagnosticSeverity.Warning,
        "XmlSerializer and DataContractSerializer are safe only for a fixed set of types. When the type comes from a runtime string, the input can choose a dangerous type.");

    public static readonly DiagnosticDescriptor DataSetReadXml = Create(
        "MG1008",
        "Do not read untrusted XML into a DataSet or DataTable",
        "'{0}' reads column types from the XML it is given and can be used to create unexpected types or exhaust memory",
        Security,
        DiagnosticSeverity.Warning,
        "DataSet.ReadXml and DataTable.ReadXml accept an inline schema that chooses column types, which makes them unsafe on untrusted input.");

    public static readonly DiagnosticDescriptor TypeNameFromPayload = Create(
        "MG1009",
        "Do not load a type named by the data being read",
        "'{0}' is given a name read from the payload; the input decides which code is loaded or created",
        Security,
        DiagnosticSeverity.Warning,
        "Reading a type or assembly name from a stream or document and then loading or instantiating it re-creates the BinaryFormatter weakness by hand.");

    public static readonly DiagnosticDescriptor ReflectionPersistenceOfModel = Create(
        "MG1010",
        "Use ModelGen's generated serializer for [SerializableModel] types",
        "'{0}' is persisted with reflection-based '{1}'; use ModelSerializer or ModelJson, which ModelGen generates for this type",
        Usage,
        DiagnosticSeverity.Warning,
        "A [SerializableModel] type has a generated, reflection-free serializer that validates its input and keeps schema versions. A reflection-based serializer skips both.");

    public static readonly DiagnosticDescriptor ModelInJsonContext = Create(
        "MG1011",
        "System.Text.Json's source generator writes a model in its own shape",
        "JsonSerializerContext '{1}' writes model '{0}' in System.Text.Json's own shape (no $version, no migrations, no validation): System.Text.Json's source generator does not see the [JsonConverter] that ModelGen generates; write [JsonConverter(typeof(JsonModelConverter<{0}>))] on the declaration of '{0}'",
        Usage,
        DiagnosticSeverity.Warning,
        "ModelGen generates [JsonConverter(typeof(JsonModelConverter<T>))] on every model, so System.Text.Json reads and writes it as ModelJson does. Source generators do not see each other's output: a JsonSerializerContext in the same project generates its own metadata for the model, and documents it writes lose the version and cannot be migrated.");

    private const string SchemaEvolution = "SchemaEvolution";

    public static readonly DiagnosticDescriptor SchemaChangedWithoutVersionBump = Create(
        "MG2001",
        "Model members changed but the schema version did not",
        "The members of '{0}' changed since version {1} was locked in ModelSchemas.lock.json ({3}), but its Version is still {1}; bump Version to {2}",
        SchemaEvolution,
        DiagnosticSeverity.Error,
        "Readers use the schema version to run migrations. Data written before and after the change would carry the same version with different layouts.");

    public static readonly DiagnosticDescriptor IncompatibleSchemaChange = Create(
        "MG2002",
        "Schema change that no reader can survive",
        "'{0}' version {1} cannot be exchanged with locked version {2}: {3}",
        SchemaEvolution,
        DiagnosticSeverity.Error,
        "Some changes break data in a way no version bump repairs: a member key reused for another type, a narrowing change, or a member that the model now requires while older data does not have it.");

    public static readonly DiagnosticDescriptor ModelNotLocked = Create(
        "MG2003",
        "Model is not in the schema lock file",
        "'{0}' version {1} is not in ModelSchemas.lock.json; run 'modelgen lock' on the project or apply the fix",
        SchemaEvolution,
        DiagnosticSeverity.Warning,
        "The lock file records every released schema version of every model, so later changes are checked against it.");

    public static readonly DiagnosticDescriptor InvalidLockFile = Create(
        "MG2004",
        "Schema lock file cannot be read",
        "ModelSchemas.lock.json cannot be read: {0}",
        SchemaEvolution,
        DiagnosticSeverity.Warning,
        "Without a readable lock file, schema changes are not checked.");

    public static readonly DiagnosticDescriptor PreviousNameNotLocked = Create(
        "MG2005",
        "Previous name matches no locked member",
        "The previous name '{0}' of '{1}.{2}' matches no member of any version of '{3}' in ModelSchemas.lock.json, so no data written under it exists{4}",
        SchemaEvolution,
        DiagnosticSeverity.Warning,
        "A [PreviousName] exists to read data written under a former name. When no locked version of the model has a member of that name (in any form: as written, under the naming policy, or camelCase), the attribute covers nothing: most often the old name is misspelt and the data it was meant to rescue loads as the default.");

    public static readonly DiagnosticDescriptor LockFileNotChecked = Create(
        "MG2006",
        "Schema lock file is not checked",
        "{0} exists, but this compilation does not see it as an AdditionalFiles item, so schema changes are not checked against it",
        SchemaEvolution,
        DiagnosticSeverity.Warning,
        "The ModelGen package's build targets add ModelSchemas.lock.json beside the project (or the file named by ModelGenLockFile) to AdditionalFiles. When the build found the file but the compiler does not receive it, nothing is checked: put it back in AdditionalFiles, or delete the file if the project is not meant to be locked.");

    public static readonly DiagnosticDescriptor RenamedWithoutPreviousName = Create(
        "MG2007",
        "Member saved under another name without [PreviousName]",
        "'{0}.{1}' was saved as '{2}' in version {3} of '{4}' (the name its C# name gives), and is now saved as '{5}' without [PreviousName(\"{2}\")], so builds of version {3} read its default from what this build writes ({6}); add [PreviousName(\"{2}\")]: its key then stays that of '{2}', and JSON carries the value under '{2}' too",
        SchemaEvolution,
        DiagnosticSeverity.Warning,
        "Giving a member another serialized name ([ModelMember(Name = ...)]) is a rename: builds that know the member by its old name no longer find it, in any form, and read its default, silently. [PreviousName] with the old name keeps their data: the binary key stays that of the old name, and JSON and dictionaries carry the value under the old name too.");

    /// <summary>The documentation page of a rule.</summary>
    public static string HelpLink(string id) =>
        $"https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/{id}.md";

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, description, HelpLink(id));
}
