using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

/// <summary>Renders a <see cref="MemberType"/> as C#: the type as a user would write it (fully qualified), and its
/// codec, a composition of the runtime's codec structs (src/ModelGen/Codecs) by type arguments.</summary>
internal static class TypeRenderer
{
    // Codecs live with the rest of the plumbing for generated code, named through the file's alias of its namespace
    // (ModelEmitter.In): the codec aliases follow the namespace declaration, which sees that alias; a model in the global
    // namespace, whose aliases stand beside that alias and cannot see it, spells the namespace out (Spelled).
    private const string In = "__ModelGen::";
    private const string SpelledIn = "global::ModelGen.Internal.";

    /// <summary>A codec rendered by <see cref="MemberCodec"/>, for a using alias of the compilation unit (which cannot
    /// see the file's other aliases): the namespace spelled out.</summary>
    public static string Spelled(string codec) => codec.Replace(In, SpelledIn);

    public static string CSharpType(MemberType type) => type switch
    {
        ScalarType s => s.Kind switch
        {
            ScalarKind.Boolean => "bool",
            ScalarKind.Byte => "byte",
            ScalarKind.SByte => "sbyte",
            ScalarKind.Int16 => "short",
            ScalarKind.UInt16 => "ushort",
            ScalarKind.Int32 => "int",
            ScalarKind.UInt32 => "uint",
            ScalarKind.Int64 => "long",
            ScalarKind.UInt64 => "ulong",
            ScalarKind.NInt => "nint",
            ScalarKind.NUInt => "nuint",
            ScalarKind.Half => "global::System.Half",
            ScalarKind.Single => "float",
            ScalarKind.Double => "double",
            ScalarKind.Decimal => "decimal",
            ScalarKind.Char => "char",
            ScalarKind.String => "string",
            ScalarKind.DateTime => "global::System.DateTime",
            ScalarKind.DateTimeOffset => "global::System.DateTimeOffset",
            ScalarKind.TimeSpan => "global::System.TimeSpan",
            ScalarKind.Guid => "global::System.Guid",
            ScalarKind.DateOnly => "global::System.DateOnly",
            ScalarKind.TimeOnly => "global::System.TimeOnly",
            ScalarKind.Int128 => "global::System.Int128",
            ScalarKind.UInt128 => "global::System.UInt128",
            ScalarKind.BigInteger => "global::System.Numerics.BigInteger",
            ScalarKind.Complex => "global::System.Numerics.Complex",
            ScalarKind.Uri => "global::System.Uri",
            ScalarKind.Version => "global::System.Version",
            _ => throw new ArgumentOutOfRangeException(nameof(type), s.Kind, null),
        },
        ArrayType a => ArrayCSharpType(a),
        SequenceType q => SequenceDefinition(q.Kind) + "<" + CSharpType(q.Element) + ">",
        MapType m => MapDefinition(m.Kind) + "<" + CSharpType(m.Key) + ", " + CSharpType(m.Value) + ">",
        NullableType n => CSharpType(n.Value) + "?",
        TupleType t => (t.IsKeyValuePair ? Generic + "KeyValuePair<" : "global::System.ValueTuple<") + string.Join(", ", t.Elements.Select(CSharpType)) + ">",
        ModelType m => m.FullTypeName,
        EnumType e => e.FullTypeName,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private const string Generic = "global::System.Collections.Generic.";
    private const string Immutable = "global::System.Collections.Immutable.";
    private const string Frozen = "global::System.Collections.Frozen.";

    private static string SequenceDefinition(SequenceKind kind) => kind switch
    {
        SequenceKind.List => Generic + "List",
        SequenceKind.ReadOnlyList => Generic + "IReadOnlyList",
        SequenceKind.Memory => "global::System.Memory",
        SequenceKind.ReadOnlyMemory => "global::System.ReadOnlyMemory",
        SequenceKind.Enumerable => Generic + "IEnumerable",
        SequenceKind.Collection => Generic + "ICollection",
        SequenceKind.ListInterface => Generic + "IList",
        SequenceKind.ReadOnlyCollectionInterface => Generic + "IReadOnlyCollection",
        SequenceKind.ReadOnlyCollection => "global::System.Collections.ObjectModel.ReadOnlyCollection",
        SequenceKind.Queue => Generic + "Queue",
        SequenceKind.Stack => Generic + "Stack",
        SequenceKind.LinkedList => Generic + "LinkedList",
        SequenceKind.HashSet => Generic + "HashSet",
        SequenceKind.SortedSet => Generic + "SortedSet",
        SequenceKind.SetInterface => Generic + "ISet",
        SequenceKind.ReadOnlySetInterface => Generic + "IReadOnlySet",
        SequenceKind.ImmutableArray => Immutable + "ImmutableArray",
        SequenceKind.ImmutableList => Immutable + "ImmutableList",
        SequenceKind.ImmutableHashSet => Immutable + "ImmutableHashSet",
        SequenceKind.FrozenSet => Frozen + "FrozenSet",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string MapDefinition(MapKind kind) => kind switch
    {
        MapKind.Dictionary => Generic + "Dictionary",
        MapKind.ReadOnlyDictionary => Generic + "IReadOnlyDictionary",
        MapKind.DictionaryInterface => Generic + "IDictionary",
        MapKind.SortedDictionary => Generic + "SortedDictionary",
        MapKind.ImmutableDictionary => Immutable + "ImmutableDictionary",
        MapKind.FrozenDictionary => Frozen + "FrozenDictionary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // The builder (src/ModelGen/Codecs/Collections.cs) of a collection kind read through CollectionCodec: interfaces
    // name the collection type too, since one builder serves several interfaces of the type it builds.
    private static string SequenceBuilder(SequenceType q)
    {
        string item = CSharpType(q.Element);
        string both = "<" + CSharpType(q) + ", " + item + ">";
        return q.Kind switch
        {
            SequenceKind.Enumerable or SequenceKind.ReadOnlyCollectionInterface => In + "ArrayBuilder" + both,
            SequenceKind.Collection or SequenceKind.ListInterface => In + "ListBuilder" + both,
            SequenceKind.HashSet or SequenceKind.SetInterface or SequenceKind.ReadOnlySetInterface => In + "HashSetBuilder" + both,
            _ => In + q.Kind + "Builder<" + item + ">",
        };
    }

    // C# writes the rank specifiers of an array of arrays outermost first: an array of int[,] is 'int[][,]'.
    private static string ArrayCSharpType(ArrayType array)
    {
        var ranks = new StringBuilder();
        MemberType element = array;
        while (element is ArrayType a)
        {
            ranks.Append('[').Append(',', a.Rank - 1).Append(']');
            element = a.Element;
        }
        return CSharpType(element) + ranks;
    }

    public static string Codec(MemberType type) => type switch
    {
        ScalarType s => s.Kind switch
        {
            ScalarKind.Boolean => In + "BooleanCodec",
            ScalarKind.Decimal => In + "DecimalCodec",
            ScalarKind.Char => In + "CharCodec",
            ScalarKind.String => In + "StringCodec",
            ScalarKind.DateTime => In + "DateTimeCodec",
            ScalarKind.DateTimeOffset => In + "DateTimeOffsetCodec",
            ScalarKind.TimeSpan => In + "TimeSpanCodec",
            ScalarKind.Guid => In + "GuidCodec",
            ScalarKind.DateOnly => In + "DateOnlyCodec",
            ScalarKind.TimeOnly => In + "TimeOnlyCodec",
            ScalarKind.Complex => In + "ComplexCodec",
            ScalarKind.Uri => In + "UriCodec",
            ScalarKind.Version => In + "VersionCodec",
            ScalarKind.Int128 or ScalarKind.UInt128 or ScalarKind.BigInteger => $"{In}WideIntegerCodec<{CSharpType(s)}>",
            ScalarKind.Half or ScalarKind.Single or ScalarKind.Double => $"{In}FloatCodec<{CSharpType(s)}>",
            _ => $"{In}IntegerCodec<{CSharpType(s)}>",
        },
        ArrayType a => a.Rank switch
        {
            1 => $"{In}ArrayCodec<{Field(a.Element)}>",
            int rank => $"{In}Array{rank.ToString(System.Globalization.CultureInfo.InvariantCulture)}DCodec<{Field(a.Element)}>",
        },
        SequenceType q => q.Kind switch
        {
            SequenceKind.List => In + "ListCodec<" + Field(q.Element) + ">",
            SequenceKind.ReadOnlyList => In + "ReadOnlyListCodec<" + Field(q.Element) + ">",
            SequenceKind.Memory => In + "MemoryCodec<" + Field(q.Element) + ">",
            SequenceKind.ReadOnlyMemory => In + "ReadOnlyMemoryCodec<" + Field(q.Element) + ">",
            _ => In + "CollectionCodec<" + CSharpType(q) + ", " + Field(q.Element) + ", " + SequenceBuilder(q) + ">",
        },
        MapType m => m.Kind switch
        {
            MapKind.Dictionary => In + "DictionaryCodec<" + MapArguments(m) + ">",
            MapKind.ReadOnlyDictionary => In + "ReadOnlyDictionaryCodec<" + MapArguments(m) + ">",
            _ => In + "MapCodec<" + CSharpType(m) + ", " + MapArguments(m) + ", " + In + m.Kind.ToString().Replace("Interface", "") + "Builder<"
                + CSharpType(m.Key) + ", " + CSharpType(m.Value) + ">>",
        },
        NullableType n => $"{In}NullableCodec<{Field(n.Value)}>",
        TupleType t => In + (t.IsKeyValuePair ? "KeyValuePairCodec<" : "TupleCodec<") + string.Join(", ", t.Elements.Select(Field)) + ">",
        ModelType m => $"{In}ModelCodec<{m.FullTypeName}>",
        EnumType e => $"{In}EnumCodec<{e.FullTypeName}>",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The codec that reads a member of <paramref name="type"/> straight into the collection the model's comparer
    /// (<paramref name="comparer"/>, named by the nested type <paramref name="comparerType"/>) is for: a Dictionary (or
    /// an interface of it), a HashSet (or an interface of it), a SortedDictionary or a SortedSet; null for a member whose
    /// type reads into another collection (its value is given the comparer after the read: DeclaredComparers).</summary>
    public static string? ComparedCodec(MemberType type, ComparerSpec comparer, string comparerType) => (type, comparer.Collection) switch
    {
        (MapType { Kind: MapKind.Dictionary or MapKind.ReadOnlyDictionary or MapKind.DictionaryInterface } m, "Dictionary") =>
            $"{In}ComparedMapCodec<{CSharpType(m)}, {MapArguments(m)}, {comparerType}>",
        (MapType { Kind: MapKind.SortedDictionary } m, "SortedDictionary") =>
            $"{In}MapCodec<{CSharpType(m)}, {MapArguments(m)}, {In}ComparedSortedDictionaryBuilder<{CSharpType(m.Key)}, {CSharpType(m.Value)}, {comparerType}>>",
        (SequenceType { Kind: SequenceKind.HashSet or SequenceKind.SetInterface or SequenceKind.ReadOnlySetInterface } q, "HashSet") =>
            $"{In}CollectionCodec<{CSharpType(q)}, {Field(q.Element)}, {In}ComparedHashSetBuilder<{CSharpType(q)}, {CSharpType(q.Element)}, {comparerType}>>",
        (SequenceType { Kind: SequenceKind.SortedSet } q, "SortedSet") =>
            $"{In}CollectionCodec<{CSharpType(q)}, {Field(q.Element)}, {In}ComparedSortedSetBuilder<{CSharpType(q.Element)}, {comparerType}>>",
        _ => null,
    };

    /// <summary>The comparer interface of the collection <paramref name="comparer"/> is for, over the keys or items of
    /// <paramref name="type"/>.</summary>
    public static string ComparerInterface(MemberType type, ComparerSpec comparer) =>
        Generic + (comparer.Collection.StartsWith("Sorted", StringComparison.Ordinal) ? "IComparer<" : "IEqualityComparer<")
        + CSharpType(type is MapType m ? m.Key : ((SequenceType)type).Element) + ">";

    private static string MapArguments(MapType m) => CSharpType(m.Key) + ", " + CSharpType(m.Value) + ", " + Codec(m.Key) + ", " + Codec(m.Value);

    /// <summary>The type arguments of the runtime's field helpers: the C# type, then its codec.</summary>
    public static string Field(MemberType type) => CSharpType(type) + ", " + Codec(type);

    /// <summary>The member codec of a member of <paramref name="type"/> (<c>MemberCodec&lt;T, TCodec&gt;</c>), rendered
    /// once for each type on a thread while the cache is small: the same member types (float, int, List&lt;float&gt;)
    /// recur in model after model, and rendering one was several strings for each member of each model.</summary>
    public static string MemberCodec(MemberType type)
    {
        Dictionary<MemberType, string> cache = s_memberCodecs ??= new Dictionary<MemberType, string>();
        if (cache.TryGetValue(type, out string? codec)) return codec;
        codec = In + "MemberCodec<" + Field(type) + ">";
        if (cache.Count >= 1024) cache.Clear(); // (types of models and enums come and go with compilations)
        cache[type] = codec;
        return codec;
    }

    [ThreadStatic] private static Dictionary<MemberType, string>? s_memberCodecs;
}
