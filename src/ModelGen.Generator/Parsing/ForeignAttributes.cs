using Microsoft.CodeAnalysis;

namespace ModelGen.Generator.Parsing;

/// <summary>Attributes other serializers read on a member (System.Text.Json, Json.NET, data contracts, configuration
/// binding, XmlSerializer, MessagePack, protobuf-net, MemoryPack, BinaryFormatter's <c>[NonSerialized]</c>) that would
/// make the member another name, leave it out, or make it the store of unknown
/// members. ModelGen reads none of them, and the generator reports each one that would change what is saved (MG0025): a
/// class moved onto ModelGen keeps them, and the model's converter then serves System.Text.Json too.</summary>
internal static class ForeignAttributes
{
    public enum Effect { None, Name, Ignored, ExtensionData }

    /// <summary>What <paramref name="attribute"/> does for its serializer, and for <see cref="Effect.Name"/> the name it
    /// gives. (By the class's name first, then its namespace without building a string: asked for every attribute of
    /// every member on every run.)</summary>
    public static Effect Of(AttributeData attribute, out string? name)
    {
        name = null;
        INamedTypeSymbol? type = attribute.AttributeClass;
        switch (type?.Name)
        {
            case "JsonPropertyNameAttribute" when Is(type, "System.Text.Json.Serialization.JsonPropertyNameAttribute"):
            case "ConfigurationKeyNameAttribute" when Is(type, "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute"):
                return Named(name = Positional(attribute));
            case "JsonPropertyAttribute" when Is(type, "Newtonsoft.Json.JsonPropertyAttribute"):
                return Named(name = Positional(attribute) ?? Argument(attribute, "PropertyName") as string);
            case "DataMemberAttribute" when Is(type, "System.Runtime.Serialization.DataMemberAttribute"):
                return Named(name = Argument(attribute, "Name") as string);
            // JsonIgnoreCondition.Always (1) is the default; WhenWritingNull and the others leave values out only where
            // they are null or default, which ModelGen writes as such.
            case "JsonIgnoreAttribute" when Is(type, "System.Text.Json.Serialization.JsonIgnoreAttribute"):
                return Argument(attribute, "Condition") is null or 1 ? Effect.Ignored : Effect.None;
            // Members other serializers leave out: Json.NET, data contracts, BinaryFormatter, XmlSerializer, MessagePack,
            // protobuf-net, MemoryPack.
            case "JsonIgnoreAttribute" when Is(type, "Newtonsoft.Json.JsonIgnoreAttribute"):
            case "IgnoreDataMemberAttribute" when Is(type, "System.Runtime.Serialization.IgnoreDataMemberAttribute"):
            case "NonSerializedAttribute" when Is(type, "System.NonSerializedAttribute"):
            case "XmlIgnoreAttribute" when Is(type, "System.Xml.Serialization.XmlIgnoreAttribute"):
            case "IgnoreMemberAttribute" when Is(type, "MessagePack.IgnoreMemberAttribute"):
            case "ProtoIgnoreAttribute" when Is(type, "ProtoBuf.ProtoIgnoreAttribute"):
            case "MemoryPackIgnoreAttribute" when Is(type, "MemoryPack.MemoryPackIgnoreAttribute"):
                return Effect.Ignored;
            case "JsonExtensionDataAttribute" when Is(type, "System.Text.Json.Serialization.JsonExtensionDataAttribute") || Is(type, "Newtonsoft.Json.JsonExtensionDataAttribute"):
                return Effect.ExtensionData;
            default:
                return Effect.None;
        }
    }

    /// <summary>The attribute as written without its suffix (<c>JsonPropertyName</c>), for a message.</summary>
    public static string ShortName(AttributeData attribute) =>
        attribute.AttributeClass?.Name is { } n && n.EndsWith("Attribute", System.StringComparison.Ordinal) ? n.Substring(0, n.Length - "Attribute".Length) : attribute.AttributeClass?.Name ?? "";

    private static bool Is(INamedTypeSymbol? type, string fullName) => TypeShapes.Is(type, fullName);

    /// <summary>The short name of <paramref name="type"/>'s attribute that makes its serializer save only the members
    /// marked for it (<c>[DataContract]</c>, Json.NET's <c>[JsonObject(MemberSerialization.OptIn)]</c>), or null.</summary>
    public static string? OptIn(INamedTypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            if (Is(a.AttributeClass, "System.Runtime.Serialization.DataContractAttribute")) return "DataContract";
            // MemberSerialization.OptIn is 1, by the constructor or the property.
            if (Is(a.AttributeClass, "Newtonsoft.Json.JsonObjectAttribute")
                && ((a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is 1) || Argument(a, "MemberSerialization") is 1))
                return "JsonObject(MemberSerialization.OptIn)";
        }
        return null;
    }

    /// <summary>Whether <paramref name="attribute"/> marks a member for an opt-in serializer (<c>[DataMember]</c>,
    /// Json.NET's <c>[JsonProperty]</c>).</summary>
    public static bool OptsIn(AttributeData attribute) =>
        Is(attribute.AttributeClass, "System.Runtime.Serialization.DataMemberAttribute") || Is(attribute.AttributeClass, "Newtonsoft.Json.JsonPropertyAttribute");

    private static Effect Named(string? name) => string.IsNullOrEmpty(name) ? Effect.None : Effect.Name;

    private static string? Positional(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    private static object? Argument(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
            if (argument.Key == name) return argument.Value.Value;
        return null;
    }
}
