using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Parsing;

/// <summary>Maps a member type symbol to its <see cref="MemberType"/>, or says why it cannot.</summary>
internal static class TypeShapes
{
    public const string SerializableModelAttribute = "ModelGen.SerializableModelAttribute";
    public const string HyperparametersAttribute = "ModelGen.HyperparametersAttribute";

    /// <summary>Why a type could not be mapped. <see cref="ModelWithErrors"/>: a model that cannot be generated (not
    /// partial, or generic), which reports its own error.</summary>
    public enum Failure { None, Unsupported, NotModel, ModelWithErrors, GenericModel }

    private static readonly SymbolDisplayFormat CSharpFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>System.Text.Json's <c>[JsonConverter]</c>, or an attribute derived from it.</summary>
    public static bool IsJsonConverterAttribute(INamedTypeSymbol? attribute)
    {
        for (INamedTypeSymbol? c = attribute; c is not null; c = c.BaseType)
            if (Is(c, "System.Text.Json.Serialization.JsonConverterAttribute")) return true;
        return false;
    }

    /// <summary>Any part of the type carries a <c>[JsonConverter]</c> (written, compiled in, or generated).</summary>
    public static bool HasJsonConverter(INamedTypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
            if (IsJsonConverterAttribute(a.AttributeClass)) return true;
        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> is the non-generic type or namespace member named <paramref name="fullName"/>
    /// (as <c>ToDisplayString()</c> writes it), without formatting a string: the parser asks this of every attribute of
    /// every model, member and base type on every run.</summary>
    public static bool Is(ISymbol? symbol, string fullName)
    {
        if (symbol is null or INamedTypeSymbol { Arity: > 0 }) return false;
        int end = fullName.Length;
        for (ISymbol s = symbol; ;)
        {
            string name = s.Name;
            int start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0) return false;
            ISymbol? parent = (ISymbol?)s.ContainingType ?? s.ContainingNamespace;
            if (parent is null or INamespaceSymbol { IsGlobalNamespace: true }) return start == 0;
            if (start == 0 || fullName[start - 1] != '.' || parent is INamedTypeSymbol { Arity: > 0 }) return false;
            end = start - 1;
            s = parent;
        }
    }

    // ValueTuple<T1, ...> however it is written: (int, int), (int A, int B) or ValueTuple<int, int> (Roslyn displays
    // the definition of a tuple type in tuple syntax, so it is matched by name).
    private static bool IsValueTuple(INamedTypeSymbol type) =>
        type.IsGenericType && type.Name == "ValueTuple" && Is(type.ContainingNamespace, "System");

    private static bool InSystemNamespace(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace) return false;
        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent) ns = parent;
        return ns.Name.StartsWith("System", System.StringComparison.Ordinal);
    }

    // An enum's underlying type (C# allows the eight integer types; int when none is declared), as Map maps it.
    private static ScalarKind EnumUnderlying(INamedTypeSymbol enumType) =>
        enumType.EnumUnderlyingType is { } underlying && Map(underlying, out _) is ScalarType scalar ? scalar.Kind : ScalarKind.Int32;

    // An enum member's value as the binary form stores it, in decimal (ulong values above long.MaxValue as such).
    private static string EnumNumber(object? value) => value switch
    {
        ulong u => u.ToString(System.Globalization.CultureInfo.InvariantCulture),
        null => "0",
        _ => System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // Display strings of type symbols, kept as long as the symbol lives: a model's name is formatted for the model and
    // again for every member of its type; a System definition (List<T>) for every member of it, in every model; metadata
    // symbols outlive a compilation (they are shared by the compilations of one set of references). Formatting was most
    // of ModelGen's own share of a parse.
    private static readonly ConditionalWeakTable<ITypeSymbol, string> Names = new();
    private static readonly ConditionalWeakTable<ITypeSymbol, string> Definitions = new();

    public static string CSharpName(ITypeSymbol type) =>
        type is INamedTypeSymbol named ? QualifiedName(named) ?? Names.GetValue(type, static t => Format(t)) : Format(type);

    // The fully qualified name of a non-generic type in a namespace or in non-generic types (models, enums: almost
    // every name the parser asks for), joined from the names of its containers as the format writes it ('global::',
    // keywords escaped with '@'), without SymbolDisplay and without a cache entry: the symbols of a model's own
    // compilation are new in every compilation, so caching them only added a GC handle for each. Null for the rest
    // (generic, special, file-local, error types), which the formatter names.
    private static string? QualifiedName(INamedTypeSymbol type)
    {
        if (type.SpecialType != SpecialType.None || type.IsTupleType) return null;
        const string Global = "global::";
        int length = Global.Length - 1; // (a '.' or '@' per name below; the first name has no '.')
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.Arity > 0 || t.IsFileLocal || t.TypeKind == TypeKind.Error || t.Name.Length == 0) return null;
            length += t.Name.Length + 2;
        }
        INamespaceSymbol? outer = type.ContainingNamespace; // (of the outermost type, for a nested one)
        for (INamespaceSymbol? ns = outer; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) length += ns.Name.Length + 2;
        // Written from the end, into a buffer of the thread's: the name is the only allocation.
        char[] buffer = s_nameBuffer is { } b && b.Length >= length ? b : s_nameBuffer = new char[Math.Max(length, 256)];
        int at = buffer.Length;
        bool first = true;
        void Prepend(string name)
        {
            if (!first) buffer[--at] = '.';
            first = false;
            at -= name.Length;
            name.CopyTo(0, buffer, at, name.Length);
            if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None) buffer[--at] = '@';
        }
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType) Prepend(t.Name);
        for (INamespaceSymbol? ns = outer; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) Prepend(ns.Name);
        at -= Global.Length;
        Global.CopyTo(0, buffer, at, Global.Length);
        return new string(buffer, at, buffer.Length - at);
    }

    [ThreadStatic] private static char[]? s_nameBuffer;


    private static string Format(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(CSharpFormat);

    // The definition as ToDisplayString() writes it ("System.Collections.Generic.List<T>").
    private static string Definition(INamedTypeSymbol type) => Definitions.GetValue(type.OriginalDefinition, static d => d.ToDisplayString());

    public static bool IsModel(ITypeSymbol type)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            if (Is(a.AttributeClass, SerializableModelAttribute) || Is(a.AttributeClass, HyperparametersAttribute)) return true;
        }
        return false;
    }

    // "0" to "126", the values of an enum's implicitly numbered members.
    private static readonly string[] SmallNumbers = Enumerable.Range(0, 127).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The member names of an enum declared in one place whose members have no initializers, in order, when
    /// there are at most 127 of them (so that 0 to n − 1 fit every underlying type) and no name is repeated: then the
    /// values are 0 to n − 1 (C# numbers each member one above the one before it, the first 0), as the enum's fields
    /// would give them. Read from the declaration, without binding the enum's members and evaluating their constants
    /// (which the enum of every member that has one would pay on every run); null for other enums.</summary>
    private static System.Collections.Generic.List<string>? ImplicitlyNumberedMembers(INamedTypeSymbol type)
    {
        ImmutableArray<SyntaxReference> references = type.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].GetSyntax() is not EnumDeclarationSyntax declaration) return null;
        SeparatedSyntaxList<EnumMemberDeclarationSyntax> members = declaration.Members;
        if (members.Count > SmallNumbers.Length) return null;
        var names = new System.Collections.Generic.List<string>(members.Count);
        foreach (EnumMemberDeclarationSyntax member in members)
        {
            string name = member.Identifier.ValueText;
            if (member.EqualsValue is not null || name.Length == 0 || names.Contains(name)) return null;
            names.Add(name);
        }
        return names;
    }

    public static MemberType? Map(ITypeSymbol type, out Failure failure)
    {
        failure = Failure.None;
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return new ScalarType(ScalarKind.Boolean);
            case SpecialType.System_Byte: return new ScalarType(ScalarKind.Byte);
            case SpecialType.System_SByte: return new ScalarType(ScalarKind.SByte);
            case SpecialType.System_Int16: return new ScalarType(ScalarKind.Int16);
            case SpecialType.System_UInt16: return new ScalarType(ScalarKind.UInt16);
            case SpecialType.System_Int32: return new ScalarType(ScalarKind.Int32);
            case SpecialType.System_UInt32: return new ScalarType(ScalarKind.UInt32);
            case SpecialType.System_Int64: return new ScalarType(ScalarKind.Int64);
            case SpecialType.System_UInt64: return new ScalarType(ScalarKind.UInt64);
            case SpecialType.System_IntPtr: return new ScalarType(ScalarKind.NInt);
            case SpecialType.System_UIntPtr: return new ScalarType(ScalarKind.NUInt);
            case SpecialType.System_Single: return new ScalarType(ScalarKind.Single);
            case SpecialType.System_Double: return new ScalarType(ScalarKind.Double);
            case SpecialType.System_Decimal: return new ScalarType(ScalarKind.Decimal);
            case SpecialType.System_Char: return new ScalarType(ScalarKind.Char);
            case SpecialType.System_String: return new ScalarType(ScalarKind.String);
            case SpecialType.System_DateTime: return new ScalarType(ScalarKind.DateTime);
        }

        if (type is IArrayTypeSymbol array)
        {
            MemberType? element = Map(array.ElementType, out failure);
            if (element is null) return null;
            if (array.Rank > ModelGen.FormatLimits.MaxArrayRank) { failure = Failure.Unsupported; return null; }
            return new ArrayType(element, array.Rank);
        }

        if (type is not INamedTypeSymbol named) { failure = Failure.Unsupported; return null; }

        if (named.TypeKind == TypeKind.Enum)
        {
            ScalarKind underlying = EnumUnderlying(named);
            if (ImplicitlyNumberedMembers(named) is { } declared)
            {
                var implicitNumbers = new string[declared.Count];
                for (int i = 0; i < implicitNumbers.Length; i++) implicitNumbers[i] = SmallNumbers[i];
                return new EnumType(CSharpName(named), named.Name, declared.ToEquatableArray(), implicitNumbers.ToEquatableArray(), underlying);
            }
            // (Loops, not LINQ: an enum member maps for every model that has one, on every run.)
            ImmutableArray<ISymbol> members = named.GetMembers();
            var names = new System.Collections.Generic.List<string>(members.Length);
            var numbers = new System.Collections.Generic.List<string>(members.Length);
            foreach (ISymbol member in members)
            {
                if (member is not IFieldSymbol { HasConstantValue: true } field) continue;
                names.Add(field.Name);
                numbers.Add(EnumNumber(field.ConstantValue));
            }
            return new EnumType(CSharpName(named), named.Name, names.ToEquatableArray(), numbers.ToEquatableArray(), underlying);
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            MemberType? inner = Map(named.TypeArguments[0], out failure);
            return inner is null ? null : new NullableType(inner);
        }

        // Every type this switch knows is in System, System.Numerics or System.Collections.*: others (models) skip the
        // formatting. The types of .NET 6 and later (DateOnly, Int128...) map only where the consumer's target has them:
        // a member can only be declared of a type its compilation knows.
        bool inSystem = Is(named.ContainingNamespace, "System") || Is(named.ContainingNamespace, "System.Collections.Generic")
            || Is(named.ContainingNamespace, "System.Collections.ObjectModel") || Is(named.ContainingNamespace, "System.Collections.Immutable")
            || Is(named.ContainingNamespace, "System.Collections.Frozen") || Is(named.ContainingNamespace, "System.Numerics");
        string definition = inSystem ? Definition(named) : "";
        switch (definition)
        {
            case "System.Guid": return new ScalarType(ScalarKind.Guid);
            case "System.DateTimeOffset": return new ScalarType(ScalarKind.DateTimeOffset);
            case "System.TimeSpan": return new ScalarType(ScalarKind.TimeSpan);
            case "System.Half": return new ScalarType(ScalarKind.Half);
            case "System.DateOnly": return new ScalarType(ScalarKind.DateOnly);
            case "System.TimeOnly": return new ScalarType(ScalarKind.TimeOnly);
            case "System.Int128": return new ScalarType(ScalarKind.Int128);
            case "System.UInt128": return new ScalarType(ScalarKind.UInt128);
            case "System.Numerics.BigInteger": return new ScalarType(ScalarKind.BigInteger);
            case "System.Numerics.Complex": return new ScalarType(ScalarKind.Complex);
            case "System.Uri": return new ScalarType(ScalarKind.Uri);
            case "System.Version": return new ScalarType(ScalarKind.Version);
        }
        bool keyValuePair = definition == "System.Collections.Generic.KeyValuePair<TKey, TValue>";
        if (IsValueTuple(named) && named.Arity <= TupleType.MaxArity || keyValuePair)
        {
            var elements = new MemberType[named.Arity];
            for (int i = 0; i < elements.Length; i++)
            {
                MemberType? element = Map(named.TypeArguments[i], out failure);
                if (element is null) return null;
                elements[i] = element;
            }
            return new TupleType(new EquatableArray<MemberType>(elements), IsKeyValuePair: keyValuePair);
        }
        if (SequenceKindOf(definition) is SequenceKind sequenceKind)
        {
            MemberType? element = Map(named.TypeArguments[0], out failure);
            if (element is null) return null;
            var sequence = new SequenceType(sequenceKind, element);
            if (sequence.IsMemory && element is not ScalarType { IsPackable: true }) { failure = Failure.Unsupported; return null; }
            return sequence;
        }
        if (MapKindOf(definition) is MapKind mapKind)
        {
            MemberType? key = Map(named.TypeArguments[0], out failure);
            if (key is null) return null;
            if (!IsMapKey(key)) { failure = Failure.Unsupported; return null; }
            MemberType? value = Map(named.TypeArguments[1], out failure);
            if (value is null) return null;
            return new MapType(mapKind, key, value);
        }

        if (named.IsGenericType && IsModel(named.OriginalDefinition))
        {
            // A closed generic model (Box<int>): the generic model itself reports MG0008; this member does too.
            failure = Failure.GenericModel;
            return null;
        }

        if (IsModel(named))
        {
            if (!CanDeclarePartial(named)) { failure = Failure.ModelWithErrors; return null; }
            string name = CSharpName(named);
            return new ModelType(name, ModelName(named, name), named.IsValueType, named.DeclaringSyntaxReferences.Length > 0);
        }

        // A collection class of the user's (or a library's) is not a model: marking it would not save its items.
        if (EnumerableElement(named) is not null) { failure = Failure.Unsupported; return null; }
        if (named.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface && !InSystemNamespace(named))
        {
            failure = Failure.NotModel;
            return null;
        }
        failure = Failure.Unsupported;
        return null;
    }

    /// <summary>Why <see cref="Map"/> refused <paramref name="type"/> (<see cref="Failure.Unsupported"/>), naming the
    /// nearest supported type: the text after "which ModelGen cannot serialize: " in MG0002. Looks for the innermost
    /// part that is refused (the element of an array, a type argument of a collection). Only run when reporting.</summary>
    public static string UnsupportedReason(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                if (Map(array.ElementType, out Failure inner) is null && inner == Failure.Unsupported) return UnsupportedReason(array.ElementType);
                return $"an array has at most rank {ModelGen.FormatLimits.MaxArrayRank} (the format's limit); use a jagged array, or a flat T[] with its lengths in another member";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer is an address in this process, not a value; store the data it points to (an array, or nint for an opaque handle)";
            case IDynamicTypeSymbol:
                return "dynamic has no fixed shape to write or read back; use a concrete type, or a [ModelUnion] of model types for values of several shapes";
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate }:
                return "a delegate is code, not data; store what selects it (an enum or a string name) and rebuild the delegate after loading";
            case ITypeParameterSymbol:
                return "a type parameter has no fixed shape; models are not generic, so use a concrete type";
        }
        if (type is not INamedTypeSymbol named) return "use a supported type (README, \"What is supported\")";
        if (named.SpecialType == SpecialType.System_Object)
            return "object has no fixed shape to write or read back; use a concrete type, or a [ModelUnion] of model types for values of several shapes";
        // A collection ModelGen supports whose element, key or value is the refused part.
        foreach (ITypeSymbol argument in named.TypeArguments)
            if (Map(argument, out Failure inner) is null && inner == Failure.Unsupported) return UnsupportedReason(argument);
        string definition = named.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                return "a dictionary key must be a string, an integer, a char, a GUID, an enum, a DateOnly, a TimeOnly, a Version or a value tuple of these (JSON writes keys as text); "
                    + "use Dictionary<string, V> with the key's text, or a List of a model holding the key and the value";
            case "System.Memory<T>":
            case "System.ReadOnlyMemory<T>":
                return "Memory<T> and ReadOnlyMemory<T> hold packable primitives only (numbers, bool, char); use T[] or List<T>";
            case "System.Type":
                return "a Type names code, not data, and reading one back would need reflection; store its name as a string (Type.AssemblyQualifiedName)";
            case "System.Tuple<T1, T2>" or "System.Tuple<T1, T2, T3>" or "System.Tuple<T1>" or "System.Tuple<T1, T2, T3, T4>":
                return "System.Tuple (a class) is not supported; use a value tuple (T1, T2), which ModelGen saves, or a [SerializableModel] record with named members";
            case "System.Lazy<T>":
                return "a Lazy<T> is a deferred computation; store its value (T) and rebuild the Lazy after loading";
            case "System.Threading.CancellationToken":
            case "System.Threading.Tasks.Task":
            case "System.Threading.Tasks.Task<TResult>":
            case "System.Threading.Tasks.ValueTask<TResult>":
                return "it is runtime state, not data; store the values it produces";
        }
        if (IsValueTuple(named))
            return $"a tuple holds at most {TupleType.MaxArity} items here (an eighth item nests the rest in ValueTuple's TRest); use a [SerializableModel] record struct with named members, or nest a tuple as one item";
        if (InheritsFrom(named, "System.IO.Stream"))
            return "a stream is a handle to data outside the model, not a value; store the bytes (byte[] or ReadOnlyMemory<byte>)";
        if (InheritsFrom(named, "System.Exception"))
            return "an exception holds a stack trace and inner state of the process; store its message and type name as strings";
        if (named.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"))
            return $"this dictionary type is not supported; use Dictionary<K, V> or IReadOnlyDictionary<K, V>";
        if (named.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) || named.TypeKind == TypeKind.Interface && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            return "this collection type is not supported; use T[], List<T> or IReadOnlyList<T>";
        if (named.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.IEnumerable"))
            return "a non-generic collection holds objects of any type; use T[] or List<T> of the element type";
        return $"'{CSharpName(named).Replace("global::", "")}' has no wire form in ModelGen; use a supported type (README, \"What is supported\"), or a [SerializableModel] type of your own holding its data";
    }

    private static bool InheritsFrom(INamedTypeSymbol type, string fullName)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            if (Is(t, fullName)) return true;
        return false;
    }

    /// <summary>Whether the generator can add a partial declaration to a model type, so that it implements
    /// IModelSerializable (fully, or as a stub when it has errors): it and every type that contains it are partial and
    /// none is generic. True for a type from another assembly that is not generic (it was generated there).</summary>
    public static bool CanDeclarePartial(INamedTypeSymbol type, CancellationToken ct = default)
    {
        if (type.IsGenericType) return false;
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.IsFileLocal || NotPartialDeclaration(t, ct) is not null) return false;
        return !ReservedNameClashes(type, ct).Any();
    }

    /// <summary>Members the user declared under the names of generated public members: <c>Schema</c> and
    /// <c>JsonSchema</c> of every model, and a parameterless <c>Validate</c> of [Hyperparameters] (a property, field or
    /// method).</summary>
    public static System.Collections.Generic.IEnumerable<ISymbol> ReservedNameClashes(INamedTypeSymbol type, CancellationToken ct = default)
    {
        bool hyper = false;
        foreach (AttributeData a in type.GetAttributes())
            if (Is(a.AttributeClass, HyperparametersAttribute)) hyper = true;
        // Members by name first (from the type's table of names, without walking every member, accessors and all, of
        // every model and of every model a member refers to); the walk below, in declaration order, only where one is.
        if (type.GetMembers("Schema").IsEmpty && type.GetMembers("JsonSchema").IsEmpty && (!hyper || type.GetMembers("Validate").IsEmpty)) yield break;
        foreach (ISymbol member in type.GetMembers())
        {
            // By name first (cheap); the schema lock analyzer runs after the generator and sees the generated members too:
            // those are not clashes.
            bool reserved = member.Name is "Schema" or "JsonSchema" || (hyper && member.Name == "Validate" && member is not IMethodSymbol { Parameters.Length: > 0 });
            if (!reserved || member.IsImplicitlyDeclared || member.DeclaringSyntaxReferences.Length == 0
                || member.DeclaringSyntaxReferences.All(r => IsGenerated(r.SyntaxTree, ct))) continue;
            yield return member;
        }
    }

    /// <summary>The first declaration of <paramref name="type"/> that lacks 'partial', if any.</summary>
    public static TypeDeclarationSyntax? NotPartialDeclaration(INamedTypeSymbol type, CancellationToken ct)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            if (reference.GetSyntax(ct) is TypeDeclarationSyntax d && !d.Modifiers.Any(SyntaxKind.PartialKeyword)) return d;
        return null;
    }

    private const string GeneratedHeader = "// <auto-generated/> by ModelGen.Generator";

    private static bool IsGenerated(SyntaxTree tree, CancellationToken ct)
    {
        var text = tree.GetText(ct);
        return text.Length >= GeneratedHeader.Length && text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, GeneratedHeader.Length)) == GeneratedHeader;
    }

    /// <summary>The advice of MG0002 for an unsupported member type: for a collection type that is not supported
    /// (ConcurrentBag&lt;T&gt;, a collection class of its own), the nearest supported one.</summary>
    public static string UnsupportedAdvice(ITypeSymbol type)
    {
        const string Otherwise = "or exclude the member with [ModelIgnore]";
        if (type is INamedTypeSymbol named && type.SpecialType != SpecialType.System_String
            && SequenceKindOf(named.OriginalDefinition.ToDisplayString()) is null && MapKindOf(named.OriginalDefinition.ToDisplayString()) is null)
        {
            string? nearest = null;
            if ((Interface(named, "System.Collections.Generic.IDictionary<TKey, TValue>") ?? Interface(named, "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")) is { } map)
                nearest = $"Dictionary<{map.TypeArguments[0].ToDisplayString()}, {map.TypeArguments[1].ToDisplayString()}>";
            else if ((Interface(named, "System.Collections.Generic.ISet<T>") ?? Interface(named, "System.Collections.Generic.IReadOnlySet<T>")) is { } set)
                nearest = $"HashSet<{set.TypeArguments[0].ToDisplayString()}>";
            else if (EnumerableElement(named) is { } element)
                nearest = $"List<{element.ToDisplayString()}> (or {element.ToDisplayString()}[])";
            if (nearest is not null)
                return $"'{named.Name}' is not one of the collections ModelGen saves: use the nearest supported one, {nearest}, and build a '{named.Name}' from it where it is needed, {Otherwise}";
        }
        return UnsupportedReason(type) + "; " + Otherwise;
    }

    private static INamedTypeSymbol? Interface(INamedTypeSymbol type, string definition)
    {
        if (type.OriginalDefinition.ToDisplayString() == definition) return type;
        foreach (INamedTypeSymbol i in type.AllInterfaces)
            if (i.OriginalDefinition.ToDisplayString() == definition) return i;
        return null;
    }

    private static ITypeSymbol? EnumerableElement(INamedTypeSymbol type) =>
        type.SpecialType == SpecialType.System_String ? null : Interface(type, "System.Collections.Generic.IEnumerable<T>")?.TypeArguments[0];

    private static SequenceKind? SequenceKindOf(string definition) => definition switch
    {
        "System.Collections.Generic.List<T>" => SequenceKind.List,
        "System.Collections.Generic.IReadOnlyList<T>" => SequenceKind.ReadOnlyList,
        "System.Memory<T>" => SequenceKind.Memory,
        "System.ReadOnlyMemory<T>" => SequenceKind.ReadOnlyMemory,
        "System.Collections.Generic.IEnumerable<T>" => SequenceKind.Enumerable,
        "System.Collections.Generic.ICollection<T>" => SequenceKind.Collection,
        "System.Collections.Generic.IList<T>" => SequenceKind.ListInterface,
        "System.Collections.Generic.IReadOnlyCollection<T>" => SequenceKind.ReadOnlyCollectionInterface,
        "System.Collections.ObjectModel.ReadOnlyCollection<T>" => SequenceKind.ReadOnlyCollection,
        "System.Collections.Generic.Queue<T>" => SequenceKind.Queue,
        "System.Collections.Generic.Stack<T>" => SequenceKind.Stack,
        "System.Collections.Generic.LinkedList<T>" => SequenceKind.LinkedList,
        "System.Collections.Generic.HashSet<T>" => SequenceKind.HashSet,
        "System.Collections.Generic.SortedSet<T>" => SequenceKind.SortedSet,
        "System.Collections.Generic.ISet<T>" => SequenceKind.SetInterface,
        "System.Collections.Generic.IReadOnlySet<T>" => SequenceKind.ReadOnlySetInterface,
        "System.Collections.Immutable.ImmutableArray<T>" => SequenceKind.ImmutableArray,
        "System.Collections.Immutable.ImmutableList<T>" => SequenceKind.ImmutableList,
        "System.Collections.Immutable.ImmutableHashSet<T>" => SequenceKind.ImmutableHashSet,
        "System.Collections.Frozen.FrozenSet<T>" => SequenceKind.FrozenSet,
        _ => null,
    };

    private static MapKind? MapKindOf(string definition) => definition switch
    {
        "System.Collections.Generic.Dictionary<TKey, TValue>" => MapKind.Dictionary,
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => MapKind.ReadOnlyDictionary,
        "System.Collections.Generic.IDictionary<TKey, TValue>" => MapKind.DictionaryInterface,
        "System.Collections.Generic.SortedDictionary<TKey, TValue>" => MapKind.SortedDictionary,
        "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>" => MapKind.ImmutableDictionary,
        "System.Collections.Frozen.FrozenDictionary<TKey, TValue>" => MapKind.FrozenDictionary,
        _ => null,
    };

    // A tuple of keys is a key too: its text is the compact JSON of the tuple ("[3,4]").
    private static bool IsMapKey(MemberType key) =>
        key is TupleType { IsKeyValuePair: false } tuple ? tuple.Elements.All(IsMapKey) : key is EnumType or ScalarType { IsInteger: true } or ScalarType { IsWideInteger: true }
            or ScalarType { Kind: ScalarKind.String or ScalarKind.Char or ScalarKind.Guid or ScalarKind.DateOnly or ScalarKind.TimeOnly or ScalarKind.Version };

    /// <summary>The model name written into the envelope: [SerializableModel(Name = ...)] or the full type name.</summary>
    public static string ModelName(INamedTypeSymbol type) => ModelName(type, null);

    /// <summary><see cref="ModelName(INamedTypeSymbol)"/>, given the type's <see cref="CSharpName"/> where the caller has it.</summary>
    public static string ModelName(INamedTypeSymbol type, string? csharpName)
    {
        foreach (AttributeData a in type.GetAttributes())
        {
            if (!Is(a.AttributeClass, SerializableModelAttribute) && !Is(a.AttributeClass, HyperparametersAttribute)) continue;
            foreach (var arg in a.NamedArguments)
                if (arg.Key == "Name" && arg.Value.Value is string s && s.Length > 0) return s;
        }
        // (The fully qualified name: a model type is never a special type, whose keyword only CSharpName's format uses.)
        return (csharpName ?? CSharpName(type)).Replace("global::", "");
    }
}
