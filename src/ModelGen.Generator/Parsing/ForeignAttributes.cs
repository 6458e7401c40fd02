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

    /// <summary>What <paramref name="attribute"/> does for its serializer; its short name (<c>JsonPropertyName</c>),
    /// and for <see cref="Effect.Name"/> the name it gives.</summary>
    public static Effect Of(AttributeData attribute, out string shortName, out string? name)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        name = null;
        shortName = type?.Name is { } n && n.EndsWith("Attribute", System.StringComparison.Ordinal) ? n.Substring(0, n.Length - "Attribute".Length) : type?.Name ?? "";
        if (type is null || type.ContainingNamespace is not { } ns) return Effect.None;
        switch (ns.ToDisplayString())
        {
            case "System.Text.Json.Serialization":
                if (type.Name == "JsonPropertyNameAttribute") return Named(name = Positional(attribute));
                // JsonIgnoreCondition.Always (1) is the default; WhenWritingNull and the others leave values out only
                // where they are null or default, which ModelGen writes as such.
                if (type.Name == "JsonIgnoreAttribute") return Argument(attribute, "Condition") is null or 1 ? Effect.Ignored : Effect.None;
                if (type.Name == "JsonExtensionDataAttribute") return Effect.ExtensionData;
                return Effect.None;
            case "Newtonsoft.Json":
                if (type.Name == "JsonPropertyAttribute") return Named(name = Positional(attribute) ?? Argument(attribute, "PropertyName") as string);
                if (type.Name == "JsonIgnoreAttribute") return Effect.Ignored;
                if (type.Name == "JsonExtensionDataAttribute") return Effect.ExtensionData;
                return Effect.None;
            case "System.Runtime.Serialization":
                if (type.Name == "DataMemberAttribute") return Named(name = Argument(attribute, "Name") as string);
                if (type.Name == "IgnoreDataMemberAttribute") return Effect.Ignored;
                return Effect.None;
            case "System":
                return type.Name == "NonSerializedAttribute" ? Effect.Ignored : Effect.None;
            // Configuration binding's name (appsettings.json, environment variables), which ModelGen's binding does not read.
            case "Microsoft.Extensions.Configuration":
                return type.Name == "ConfigurationKeyNameAttribute" ? Named(name = Positional(attribute)) : Effect.None;
            // Members other serializers leave out (XmlSerializer, MessagePack, protobuf-net, MemoryPack).
            case "System.Xml.Serialization":
                return type.Name == "XmlIgnoreAttribute" ? Effect.Ignored : Effect.None;
            case "MessagePack":
                return type.Name == "IgnoreMemberAttribute" ? Effect.Ignored : Effect.None;
            case "ProtoBuf":
                return type.Name == "ProtoIgnoreAttribute" ? Effect.Ignored : Effect.None;
            case "MemoryPack":
                return type.Name == "MemoryPackIgnoreAttribute" ? Effect.Ignored : Effect.None;
            default:
                return Effect.None;
        }
    }

    /// <summary>The short name of <paramref name="type"/>'s attribute that makes its serializer save only the members
    /// marked for it (<c>[DataContract]</c>, Json.NET's <c>[JsonObject(MemberSerialization.OptIn)]</c>), or null.</summary>
    public static string? OptIn(INamedTypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            INamedTypeSymbol? c = a.AttributeClass;
            if (c?.Name == "DataContractAttribute" && c.ContainingNamespace?.ToDisplayString() == "System.Runtime.Serialization") return "DataContract";
            // MemberSerialization.OptIn is 1, by the constructor or the property.
            if (c?.Name == "JsonObjectAttribute" && c.ContainingNamespace?.ToDisplayString() == "Newtonsoft.Json"
                && ((a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is 1) || Argument(a, "MemberSerialization") is 1))
                return "JsonObject(MemberSerialization.OptIn)";
        }
        return null;
    }

    /// <summary>Whether <paramref name="attribute"/> marks a member for an opt-in serializer (<c>[DataMember]</c>,
    /// Json.NET's <c>[JsonProperty]</c>).</summary>
    public static bool OptsIn(AttributeData attribute) =>
        attribute.AttributeClass is { } c
        && ((c.Name == "DataMemberAttribute" && c.ContainingNamespace?.ToDisplayString() == "System.Runtime.Serialization")
            || (c.Name == "JsonPropertyAttribute" && c.ContainingNamespace?.ToDisplayString() == "Newtonsoft.Json"));

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
