using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>Maps a member type to its codec (a composition of runtime codec types) and its schema type name.</summary>
internal static class TypeShapes
{
    private const string Rt = "global::ModelGen.Internal."; // codecs live with the rest of the plumbing for generated code
    public const string SerializableModelAttribute = "ModelGen.SerializableModelAttribute";
    public const string HyperparametersAttribute = "ModelGen.HyperparametersAttribute";

    /// <summary>Why a type could not be mapped. <see cref="ModelWithErrors"/>: a model that cannot be generated (not
    /// partial, or generic), which reports its own error.</summary>
    public enum Failure { None, Unsupported, NotModel, ModelWithErrors }

    private static readonly SymbolDisplayFormat CSharpFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string CSharpName(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(CSharpFormat);

    public static bool IsModel(ITypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            string? name = a.AttributeClass?.ToDisplayString();
            if (name is SerializableModelAttribute or HyperparametersAttribute) return true;
        }
        return false;
    }

    public static TypeSpec? Map(ITypeSymbol type, out Failure failure)
    {
        failure = Failure.None;
        string cs = CSharpName(type);
        bool refOrNullable = type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        TypeSpec Spec(string codec, string schema, bool numeric = false) => new(cs, codec, schema, numeric, refOrNullable);

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Spec(Rt + "BooleanCodec", "bool");
            case SpecialType.System_Byte: return Spec($"{Rt}IntegerCodec<byte>", "uint8", true);
            case SpecialType.System_SByte: return Spec($"{Rt}IntegerCodec<sbyte>", "int8", true);
            case SpecialType.System_Int16: return Spec($"{Rt}IntegerCodec<short>", "int16", true);
            case SpecialType.System_UInt16: return Spec($"{Rt}IntegerCodec<ushort>", "uint16", true);
            case SpecialType.System_Int32: return Spec($"{Rt}IntegerCodec<int>", "int32", true);
            case SpecialType.System_UInt32: return Spec($"{Rt}IntegerCodec<uint>", "uint32", true);
            case SpecialType.System_Int64: return Spec($"{Rt}IntegerCodec<long>", "int64", true);
            case SpecialType.System_UInt64: return Spec($"{Rt}IntegerCodec<ulong>", "uint64", true);
            case SpecialType.System_IntPtr: return Spec($"{Rt}IntegerCodec<nint>", "int64", true);
            case SpecialType.System_UIntPtr: return Spec($"{Rt}IntegerCodec<nuint>", "uint64", true);
            case SpecialType.System_Single: return Spec($"{Rt}FloatCodec<float>", "float32", true);
            case SpecialType.System_Double: return Spec($"{Rt}FloatCodec<double>", "float64", true);
            case SpecialType.System_Decimal: return Spec(Rt + "DecimalCodec", "decimal", true);
            case SpecialType.System_Char: return Spec(Rt + "CharCodec", "char");
            case SpecialType.System_String: return Spec(Rt + "StringCodec", "string");
            case SpecialType.System_DateTime: return Spec(Rt + "DateTimeCodec", "datetime");
        }

        if (type is IArrayTypeSymbol array)
        {
            TypeSpec? element = Map(array.ElementType, out failure);
            if (element is null) return null;
            string suffix = array.Rank switch { 1 => "[]", 2 => "[,]", 3 => "[,,]", _ => "" };
            string? codec = array.Rank switch { 1 => "ArrayCodec", 2 => "Array2DCodec", 3 => "Array3DCodec", _ => null };
            if (codec is null) { failure = Failure.Unsupported; return null; }
            return Spec($"{Rt}{codec}<{element.CSharpType}, {element.Codec}>", element.SchemaName + suffix);
        }

        if (type is not INamedTypeSymbol named) { failure = Failure.Unsupported; return null; }

        if (named.TypeKind == TypeKind.Enum)
            return Spec($"{Rt}EnumCodec<{cs}>", "enum:" + named.Name);

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            TypeSpec? inner = Map(named.TypeArguments[0], out failure);
            if (inner is null) return null;
            return new TypeSpec(cs, $"{Rt}NullableCodec<{inner.CSharpType}, {inner.Codec}>", inner.SchemaName + "?", inner.IsNumeric, true);
        }

        string definition = named.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.Guid": return Spec(Rt + "GuidCodec", "guid");
            case "System.DateTimeOffset": return Spec(Rt + "DateTimeOffsetCodec", "datetimeoffset");
            case "System.TimeSpan": return Spec(Rt + "TimeSpanCodec", "timespan");
            case "System.Half": return Spec($"{Rt}FloatCodec<global::System.Half>", "float16", true);
            case "System.Collections.Generic.List<T>":
            case "System.Collections.Generic.IReadOnlyList<T>":
            case "System.Memory<T>":
            case "System.ReadOnlyMemory<T>":
            {
                TypeSpec? element = Map(named.TypeArguments[0], out failure);
                if (element is null) return null;
                bool memory = definition.StartsWith("System.Memory", System.StringComparison.Ordinal) || definition.StartsWith("System.ReadOnlyMemory", System.StringComparison.Ordinal);
                if (memory && !IsPackable(named.TypeArguments[0])) { failure = Failure.Unsupported; return null; }
                string codec = definition switch
                {
                    "System.Collections.Generic.List<T>" => "ListCodec",
                    "System.Collections.Generic.IReadOnlyList<T>" => "ReadOnlyListCodec",
                    "System.Memory<T>" => "MemoryCodec",
                    _ => "ReadOnlyMemoryCodec",
                };
                return Spec($"{Rt}{codec}<{element.CSharpType}, {element.Codec}>", memory ? element.SchemaName + "[]" : $"list<{element.SchemaName}>");
            }
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
            {
                TypeSpec? key = Map(named.TypeArguments[0], out failure);
                if (key is null) return null;
                if (!IsKeyCodec(key.Codec)) { failure = Failure.Unsupported; return null; }
                TypeSpec? value = Map(named.TypeArguments[1], out failure);
                if (value is null) return null;
                string codec = definition.StartsWith("System.Collections.Generic.Dictionary", System.StringComparison.Ordinal) ? "DictionaryCodec" : "ReadOnlyDictionaryCodec";
                return Spec($"{Rt}{codec}<{key.CSharpType}, {value.CSharpType}, {key.Codec}, {value.Codec}>", $"map<{key.SchemaName},{value.SchemaName}>");
            }
        }

        if (IsModel(named))
        {
            if (!CanDeclarePartial(named)) { failure = Failure.ModelWithErrors; return null; }
            return Spec($"{Rt}ModelCodec<{cs}>", "model:" + ModelName(named));
        }

        if (named.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface && named.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) != true)
        {
            failure = Failure.NotModel;
            return null;
        }
        failure = Failure.Unsupported;
        return null;
    }

    /// <summary>Whether the generator can add a partial declaration to a model type, so that it implements
    /// IModelSerializable (fully, or as a stub when it has errors): it and every type that contains it are partial and
    /// none is generic. True for a type from another assembly that is not generic (it was generated there).</summary>
    public static bool CanDeclarePartial(INamedTypeSymbol type, CancellationToken ct = default)
    {
        if (type.IsGenericType) return false;
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (NotPartialDeclaration(t, ct) is not null) return false;
        return true;
    }

    /// <summary>The first declaration of <paramref name="type"/> that lacks 'partial', if any.</summary>
    public static TypeDeclarationSyntax? NotPartialDeclaration(INamedTypeSymbol type, CancellationToken ct) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static bool IsKeyCodec(string codec) =>
        codec.StartsWith(Rt + "IntegerCodec<", System.StringComparison.Ordinal) || codec.StartsWith(Rt + "EnumCodec<", System.StringComparison.Ordinal)
        || codec is Rt + "StringCodec" or Rt + "CharCodec" or Rt + "GuidCodec";

    private static bool IsPackable(ITypeSymbol t) => t.SpecialType is SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
        or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Char
        || t.ToDisplayString() == "System.Half";

    /// <summary>The model name written into the envelope: [SerializableModel(Name = ...)] or the full type name.</summary>
    public static string ModelName(INamedTypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            string? n = a.AttributeClass?.ToDisplayString();
            if (n is not (SerializableModelAttribute or HyperparametersAttribute)) continue;
            foreach (var arg in a.NamedArguments)
                if (arg.Key == "Name" && arg.Value.Value is string s && s.Length > 0) return s;
        }
        return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
    }
}
