using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ModelGen.Generator.Model;

// The member types ModelGen can serialize, as a closed hierarchy of equatable records: the parser maps a type symbol to
// one of these (Parsing/TypeShapes.cs), and renderers turn it into the C# type and codec (Emit/TypeRenderer.cs), the
// schema name (below) and the JSON Schema (Emit/JsonSchemaEmitter.cs). Adding a member type: docs/architecture.md.

/// <summary>The scalar types: each has one codec and one schema name.</summary>
internal enum ScalarKind
{
    Boolean, Byte, SByte, Int16, UInt16, Int32, UInt32, Int64, UInt64, NInt, NUInt,
    Half, Single, Double, Decimal, Char, String, DateTime, DateTimeOffset, TimeSpan, Guid,
    // Types of .NET 6 and later (every target of the runtime has them, so a consumer that references ModelGen does).
    DateOnly, TimeOnly, Int128, UInt128, BigInteger, Complex, Uri, Version,
}

/// <summary>The one-dimensional collections: all are a sequence on the wire (docs/format.md §5). Kinds after
/// <see cref="ReadOnlyMemory"/> are read through one codec and a builder per kind (src/ModelGen/Codecs/Collections.cs).</summary>
internal enum SequenceKind
{
    List, ReadOnlyList, Memory, ReadOnlyMemory,
    Enumerable, Collection, ListInterface, ReadOnlyCollectionInterface, ReadOnlyCollection, Queue, Stack, LinkedList,
    HashSet, SortedSet, SetInterface, ReadOnlySetInterface,
    ImmutableArray, ImmutableList, ImmutableHashSet, FrozenSet,
}

/// <summary>The dictionaries: all are a map on the wire. Kinds after <see cref="ReadOnlyDictionary"/> are read through one
/// codec and a builder per kind.</summary>
internal enum MapKind { Dictionary, ReadOnlyDictionary, DictionaryInterface, SortedDictionary, ImmutableDictionary, FrozenDictionary }

/// <summary>A serializable member type. Closed: every case is declared in this file.</summary>
internal abstract record MemberType
{
    private protected MemberType() { }

    /// <summary>A C# reference type, or <c>Nullable&lt;T&gt;</c>: null is a value of the type itself.</summary>
    public abstract bool IsReferenceOrNullable { get; }

    /// <summary>A number that [Range] applies to (or a nullable one).</summary>
    public virtual bool IsNumeric => false;

    /// <summary>The language-neutral schema type name (docs/format.md §5), written into the schema and the lock file;
    /// part of the fingerprint, so it never changes for an existing type.</summary>
    public virtual string SchemaName => AppendSchemaName(new StringBuilder(32)).ToString();

    /// <summary>A model type is this type or inside it (an element, a map value, a nullable's value).</summary>
    public bool ContainsModel => SelfAndNested().Any(t => t is ModelType);

    /// <summary>This type, then every type inside it, depth first in declaration order (an element; a map's key, then
    /// its value; a nullable's value; a tuple's items): the one walk for whoever looks for models or enums inside.</summary>
    public IEnumerable<MemberType> SelfAndNested()
    {
        yield return this;
        MemberType[] inner = this switch
        {
            ArrayType a => new[] { a.Element },
            SequenceType q => new[] { q.Element },
            MapType m => new[] { m.Key, m.Value },
            NullableType n => new[] { n.Value },
            TupleType t => t.Elements.ToArray(),
            _ => Array.Empty<MemberType>(),
        };
        foreach (MemberType type in inner)
            foreach (MemberType nested in type.SelfAndNested())
                yield return nested;
    }

    internal abstract StringBuilder AppendSchemaName(StringBuilder sb);

    /// <summary>The schema name ends in '?' (a nullable's, or a model's name given so), told without building it.</summary>
    internal virtual bool SchemaNameEndsInQuestionMark => false;
}

internal sealed record ScalarType(ScalarKind Kind) : MemberType
{
    public override bool IsReferenceOrNullable => Kind is ScalarKind.String or ScalarKind.Uri or ScalarKind.Version;

    /// <summary>A real number that converts to double, so [Range] applies.</summary>
    public override bool IsNumeric => IsInteger || IsWideInteger
        || Kind is ScalarKind.Half or ScalarKind.Single or ScalarKind.Double or ScalarKind.Decimal;

    /// <summary>Int128, UInt128 and BigInteger: integers wider than the VarInt, written as little-endian two's complement
    /// bytes; map keys of these are decimal numbers too.</summary>
    public bool IsWideInteger => Kind is ScalarKind.Int128 or ScalarKind.UInt128 or ScalarKind.BigInteger;

    /// <summary>An integer type: map keys of these are written as decimal numbers in JSON.</summary>
    public bool IsInteger => Kind is ScalarKind.Byte or ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Int32
        or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64 or ScalarKind.NInt or ScalarKind.NUInt;

    /// <summary>A type the binary format packs in arrays and memory blocks.</summary>
    public bool IsPackable => IsInteger && Kind is not (ScalarKind.NInt or ScalarKind.NUInt)
        || Kind is ScalarKind.Boolean or ScalarKind.Half or ScalarKind.Single or ScalarKind.Double or ScalarKind.Char;

    // (A scalar's name is a constant: no builder for most members.)
    public override string SchemaName => Kind switch
    {
        ScalarKind.Boolean => "bool",
        ScalarKind.Byte => "uint8",
        ScalarKind.SByte => "int8",
        ScalarKind.Int16 => "int16",
        ScalarKind.UInt16 => "uint16",
        ScalarKind.Int32 => "int32",
        ScalarKind.UInt32 => "uint32",
        ScalarKind.Int64 or ScalarKind.NInt => "int64",
        ScalarKind.UInt64 or ScalarKind.NUInt => "uint64",
        ScalarKind.Half => "float16",
        ScalarKind.Single => "float32",
        ScalarKind.Double => "float64",
        ScalarKind.Decimal => "decimal",
        ScalarKind.Char => "char",
        ScalarKind.String => "string",
        ScalarKind.DateTime => "datetime",
        ScalarKind.DateTimeOffset => "datetimeoffset",
        ScalarKind.TimeSpan => "timespan",
        ScalarKind.Guid => "guid",
        ScalarKind.DateOnly => "date",
        ScalarKind.TimeOnly => "time",
        ScalarKind.Int128 => "int128",
        ScalarKind.UInt128 => "uint128",
        ScalarKind.BigInteger => "bigint",
        ScalarKind.Complex => "complex",
        ScalarKind.Uri => "uri",
        ScalarKind.Version => "version",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    internal override StringBuilder AppendSchemaName(StringBuilder sb) => sb.Append(SchemaName);
}

/// <summary>A C# array: rank 1 (<c>T[]</c>) up to <see cref="FormatLimits.MaxArrayRank"/> (<c>T[,,,,,,,]</c>).</summary>
internal sealed record ArrayType(MemberType Element, int Rank) : MemberType
{
    public override bool IsReferenceOrNullable => true;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) =>
        Element.AppendSchemaName(sb).Append('[').Append(',', Rank - 1).Append(']');
}

/// <summary>A list, set or memory block. Memory blocks hold packable scalars only and are named like arrays in the
/// schema; sets are <c>set&lt;T&gt;</c> (a list may hold duplicates, a set refuses them), every other kind <c>list&lt;T&gt;</c>.</summary>
internal sealed record SequenceType(SequenceKind Kind, MemberType Element) : MemberType
{
    public bool IsMemory => Kind is SequenceKind.Memory or SequenceKind.ReadOnlyMemory;

    public bool IsSet => Kind is SequenceKind.HashSet or SequenceKind.SortedSet or SequenceKind.SetInterface or SequenceKind.ReadOnlySetInterface
        or SequenceKind.ImmutableHashSet or SequenceKind.FrozenSet;

    // ImmutableArray<T> is a struct: default(ImmutableArray<T>) is written as an empty sequence and reads back empty.
    public override bool IsReferenceOrNullable => !IsMemory && Kind != SequenceKind.ImmutableArray;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) =>
        IsMemory ? Element.AppendSchemaName(sb).Append("[]") : Element.AppendSchemaName(sb.Append(IsSet ? "set<" : "list<")).Append('>');
}

/// <summary>A dictionary; keys are integers, enums, strings, chars or GUIDs.</summary>
internal sealed record MapType(MapKind Kind, MemberType Key, MemberType Value) : MemberType
{
    public override bool IsReferenceOrNullable => true;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) =>
        Value.AppendSchemaName(Key.AppendSchemaName(sb.Append("map<")).Append(',')).Append('>');
}

/// <summary>A value tuple of 1 to <see cref="MaxArity"/> items (<c>(int, int)</c>, <c>(string Name, float Weight)</c>,
/// <c>ValueTuple&lt;T1, T2&gt;</c>), or a <c>KeyValuePair&lt;K, V&gt;</c> (<paramref name="IsKeyValuePair"/>, two items):
/// a fixed-arity sequence of its items in order on the wire (docs/format.md §3). Element names are C# only: neither the
/// wire nor the schema name holds them. Schema names <c>tuple&lt;int32,int32&gt;</c> and <c>keyvalue&lt;string,float32&gt;</c>.</summary>
internal sealed record TupleType(EquatableArray<MemberType> Elements, bool IsKeyValuePair) : MemberType
{
    /// <summary>The most items a tuple member has: ValueTuple&lt;T1, ..., T7&gt;; an eighth item nests the rest in TRest
    /// (MG0002 asks for a record struct instead).</summary>
    public const int MaxArity = 7;

    public override bool IsReferenceOrNullable => false;

    internal override StringBuilder AppendSchemaName(StringBuilder sb)
    {
        sb.Append(IsKeyValuePair ? "keyvalue<" : "tuple<");
        for (int i = 0; i < Elements.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Elements[i].AppendSchemaName(sb);
        }
        return sb.Append('>');
    }
}

/// <summary><c>Nullable&lt;T&gt;</c> of a value type.</summary>
internal sealed record NullableType(MemberType Value) : MemberType
{
    public override bool IsReferenceOrNullable => true;

    public override bool IsNumeric => Value.IsNumeric;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) => Value.AppendSchemaName(sb).Append('?');

    internal override bool SchemaNameEndsInQuestionMark => true;
}

/// <summary>Another model type.</summary>
/// <param name="FullTypeName">global::Ns.Type</param>
/// <param name="ModelName">the name written into the envelope and the schema</param>
/// <param name="InCompilation">declared in the compilation, so its generated JSON Schema part can be referenced</param>
internal sealed record ModelType(string FullTypeName, string ModelName, bool IsValueType, bool InCompilation) : MemberType
{
    public override bool IsReferenceOrNullable => !IsValueType;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) => sb.Append("model:").Append(ModelName);

    internal override bool SchemaNameEndsInQuestionMark => ModelName.EndsWith("?", StringComparison.Ordinal);
}

/// <summary>An enum with its member names (JSON writes names; binary the numbers).</summary>
/// <param name="FullTypeName">global::Ns.Color</param>
/// <param name="Name">the short name, which the schema name holds ("enum:Color") for compatibility with existing
/// fingerprints; two enums of one short name are told apart by <paramref name="FullTypeName"/> everywhere else.</param>
/// <param name="Numbers">each member's value in decimal, in the order of <paramref name="Values"/>: the binary form
/// stores these, so the lock file records them (a renumbered member would read old data as another).</param>
/// <param name="Underlying">the underlying integer type (<see cref="ScalarKind.Int32"/> unless declared): a reader refuses
/// a value outside its range, so the schema document records it for readers in other languages.</param>
internal sealed record EnumType(string FullTypeName, string Name, EquatableArray<string> Values, EquatableArray<string> Numbers, ScalarKind Underlying) : MemberType
{
    /// <summary>The underlying type's schema name (<c>uint8</c> for a <c>byte</c> enum), as the schema document's
    /// <c>"underlying"</c> gives it.</summary>
    public string UnderlyingSchemaName => new ScalarType(Underlying).SchemaName;

    public override bool IsReferenceOrNullable => false;

    internal override StringBuilder AppendSchemaName(StringBuilder sb) => sb.Append("enum:").Append(Name);

    internal override bool SchemaNameEndsInQuestionMark => Name.EndsWith("?", StringComparison.Ordinal);
}
