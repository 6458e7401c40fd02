using System;

namespace ModelGen;

/// <summary>Marks a partial class, record, struct or record struct for which ModelGen generates
/// binary, JSON and dictionary serializers and a <see cref="ModelSchema"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = false)]
public class SerializableModelAttribute : Attribute
{
    /// <summary>The schema version of the model; bump it when the member layout changes.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The model name written into the binary envelope. Defaults to the type's full name
    /// (namespace and type); set it to keep old files loadable after moving or renaming the type.</summary>
    public string? Name { get; set; }

    /// <summary>How member names are spelled in JSON, dictionaries and the schema (default camelCase).
    /// <c>[ModelMember(Name = ...)]</c> still wins. Binary keys do not depend on it (docs/versioning.md).</summary>
    public ModelNaming Naming { get; set; }
}

/// <summary>The naming convention of a model's serialized member names, applied to the C# member name.</summary>
public enum ModelNaming
{
    /// <summary><c>LearningRate</c> → <c>learningRate</c> (the first letter lowered; the default).</summary>
    CamelCase = 0,

    /// <summary><c>LearningRate</c> → <c>learning_rate</c>, <c>HTTPPort</c> → <c>http_port</c> (Python, Hugging Face configs).</summary>
    SnakeCase = 1,

    /// <summary><c>LearningRate</c> → <c>learning-rate</c>.</summary>
    KebabCase = 2,

    /// <summary><c>learningRate</c> → <c>LearningRate</c> (the first letter raised).</summary>
    PascalCase = 3,

    /// <summary>The C# member name as declared.</summary>
    Exact = 4,
}

/// <summary>A <see cref="SerializableModelAttribute"/> model that is also bindable from strings
/// (command lines, configuration) and validated with <c>[Range]</c> and <c>[Required]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class HyperparametersAttribute : SerializableModelAttribute
{
}

/// <summary>Sets the serialized name and, optionally, the binary key of a member.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class ModelMemberAttribute : Attribute
{
    /// <summary>The name used in JSON and dictionaries; the default binary key is derived from it.</summary>
    public string? Name { get; set; }

    /// <summary>An explicit binary key (16 to 268435455). 0 means: derive it from the name.</summary>
    public int Key { get; set; }
}

/// <summary>Excludes a member from serialization.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ModelIgnoreAttribute : Attribute
{
}

/// <summary>A former name of a member: data written under that name still loads into the member.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = true)]
public sealed class PreviousNameAttribute(string name) : Attribute
{
    /// <summary>The former serialized name, or the former C# member name (converted with the model's naming policy).</summary>
    public string Name { get; } = name;

    /// <summary>Whether JSON and dictionaries also write the member's value under this name (in the naming policy's
    /// form), so that a build that still knows the member by it reads the value and an edit it saves comes back
    /// (docs/versioning.md). Default true. Set it to false once no build that reads the member under this name remains
    /// (it only costs then: the value twice and a record): such a build would read its default there and, when it
    /// saves, its edit of the member would be lost. Reading is unchanged: data under this name, and copies recorded by
    /// builds that wrote them, are still read. Binary files are not affected (they carry the member by its key).</summary>
    public bool WriteCopy { get; set; } = true;
}

/// <summary>Declares one member of the closed set of subtypes of an abstract model base or interface.
/// Only declared subtypes can ever be created when reading; type names are never read from input.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class ModelUnionAttribute(string tag, Type subtype) : Attribute
{
    /// <summary>The tag written in place of the type (<c>$type</c> in JSON).</summary>
    public string Tag { get; } = tag;

    /// <summary>The subtype, itself a <see cref="SerializableModelAttribute"/> model.</summary>
    public Type Subtype { get; } = subtype;
}
