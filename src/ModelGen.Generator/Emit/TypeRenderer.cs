using System;
using System.Text;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

/// <summary>Renders a <see cref="MemberType"/> as C#: the type as a user would write it (fully qualified), and its
/// codec, a composition of the runtime's codec structs (src/ModelGen/Codecs) by type arguments.</summary>
internal static class TypeRenderer
{
    private const string In = "global::ModelGen.Internal."; // codecs live with the rest of the plumbing for generated code

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
        SequenceType q => q.Kind switch
        {
            SequenceKind.List => "global::System.Collections.Generic.List<",
            SequenceKind.ReadOnlyList => "global::System.Collections.Generic.IReadOnlyList<",
            SequenceKind.Memory => "global::System.Memory<",
            _ => "global::System.ReadOnlyMemory<",
        } + CSharpType(q.Element) + ">",
        MapType m => (m.Kind == MapKind.Dictionary ? "global::System.Collections.Generic.Dictionary<" : "global::System.Collections.Generic.IReadOnlyDictionary<")
            + CSharpType(m.Key) + ", " + CSharpType(m.Value) + ">",
        NullableType n => CSharpType(n.Value) + "?",
        ModelType m => m.FullTypeName,
        EnumType e => e.FullTypeName,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

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
            SequenceKind.List => In + "ListCodec",
            SequenceKind.ReadOnlyList => In + "ReadOnlyListCodec",
            SequenceKind.Memory => In + "MemoryCodec",
            _ => In + "ReadOnlyMemoryCodec",
        } + "<" + Field(q.Element) + ">",
        MapType m => (m.Kind == MapKind.Dictionary ? In + "DictionaryCodec<" : In + "ReadOnlyDictionaryCodec<")
            + CSharpType(m.Key) + ", " + CSharpType(m.Value) + ", " + Codec(m.Key) + ", " + Codec(m.Value) + ">",
        NullableType n => $"{In}NullableCodec<{Field(n.Value)}>",
        ModelType m => $"{In}ModelCodec<{m.FullTypeName}>",
        EnumType e => $"{In}EnumCodec<{e.FullTypeName}>",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The type arguments of the runtime's field helpers: the C# type, then its codec.</summary>
    public static string Field(MemberType type) => CSharpType(type) + ", " + Codec(type);
}
