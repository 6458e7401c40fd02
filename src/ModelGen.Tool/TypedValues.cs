using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>The declared types of the values in a file, from the schemas of a compiled assembly (<c>--assembly</c>):
/// walks the decoded tree alongside the schema types (<c>model:X</c>, <c>T[]</c>, <c>list&lt;T&gt;</c>, <c>set&lt;T&gt;</c>,
/// <c>map&lt;K,V&gt;</c>, <c>tuple&lt;T1,…&gt;</c>, <c>keyvalue&lt;K,V&gt;</c>) and renders scalars as their types (docs/format.md §4) instead of their wire types.</summary>
internal sealed class TypedValues
{
    private readonly Dictionary<string, ModelSchema> _models;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> _enums;

    public TypedValues(CompiledAssembly assembly)
    {
        _models = new Dictionary<string, ModelSchema>(StringComparer.Ordinal);
        foreach (CompiledModel model in assembly.Models) _models.TryAdd(model.Schema.Name, model.Schema);
        _enums = assembly.Enums;
    }

    public static TypedValues None { get; } = new(new CompiledAssembly([], new Dictionary<string, IReadOnlyDictionary<long, string>>()));

    /// <summary>The schema type of a model, <c>model:NAME</c>, or null when the assembly does not have it.</summary>
    public string? ModelType(string modelName) => _models.ContainsKey(modelName) ? "model:" + modelName : null;

    /// <summary>The type of a field of an object of <paramref name="objectType"/> (a union base resolves to the case its tag names).</summary>
    public string? FieldType(string? objectType, ObjectValue obj, int key)
    {
        if (Model(objectType, obj) is not ModelSchema model) return null;
        ModelMemberSchema? member = model.Members.FirstOrDefault(m => m.Key == key)
            ?? model.Members.FirstOrDefault(m => m.PreviousNames.Any(p => MemberKeys.Of(p) == key));
        return member?.Type;
    }

    private ModelSchema? Model(string? type, ObjectValue obj)
    {
        if (type is null || !Strip(type).StartsWith("model:", StringComparison.Ordinal)) return null;
        if (!_models.TryGetValue(Strip(type)["model:".Length..], out ModelSchema? model)) return null;
        if (model.UnionCases.Count == 0) return model;
        string? tag = obj.Fields.FirstOrDefault(f => f.Key == FieldKeys.UnionTag)?.Value is BytesValue { Text: string t } ? t : null;
        ModelUnionCase? union = model.UnionCases.FirstOrDefault(c => c.Tag == tag);
        return union is not null && _models.TryGetValue(union.ModelName, out ModelSchema? chosen) ? chosen : model;
    }

    /// <summary>The item type of a sequence type (<c>T[]</c>, <c>T[,]</c> up to rank 8, <c>list&lt;T&gt;</c>, <c>set&lt;T&gt;</c>).</summary>
    public static string? ItemType(string? type)
    {
        if (type is null) return null;
        type = Strip(type);
        // T[] and rectangular T[,] ... T[,,,,,,,] (FormatLimits.MaxArrayRank): the brackets hold only commas.
        int open = type.EndsWith(']') ? type.LastIndexOf('[') : -1;
        if (open > 0 && type.AsSpan(open + 1, type.Length - open - 2).Trim(',').IsEmpty) return type[..open];
        if (!type.EndsWith('>')) return null;
        if (type.StartsWith("list<", StringComparison.Ordinal)) return type[5..^1];
        return type.StartsWith("set<", StringComparison.Ordinal) ? type[4..^1] : null;
    }

    /// <summary>The type of item <paramref name="index"/> of a sequence type: the element type of an array, list or
    /// set, or the item's own type in a tuple (<c>tuple&lt;int32,string&gt;</c>, <c>keyvalue&lt;K,V&gt;</c>: a
    /// fixed-arity sequence, docs/format.md §3.1).</summary>
    public static string? ItemType(string? type, int index)
    {
        if (type is null) return null;
        string t = Strip(type);
        int start = t.StartsWith("tuple<", StringComparison.Ordinal) ? 6 : t.StartsWith("keyvalue<", StringComparison.Ordinal) ? 9 : -1;
        if (start < 0 || !t.EndsWith('>')) return ItemType(type);
        int depth = 0, from = start, item = 0;
        for (int i = start; i < t.Length - 1; i++)
        {
            if (t[i] == '<') depth++;
            else if (t[i] == '>') depth--;
            else if (t[i] == ',' && depth == 0)
            {
                if (item++ == index) return t[from..i];
                from = i + 1;
            }
        }
        return item == index ? t[from..^1] : null;
    }

    /// <summary>The key and value types of <c>map&lt;K,V&gt;</c>.</summary>
    public static (string? Key, string? Value) MapTypes(string? type)
    {
        if (type is null) return (null, null);
        type = Strip(type);
        if (!type.StartsWith("map<", StringComparison.Ordinal) || !type.EndsWith('>')) return (null, null);
        string inner = type[4..^1];
        int depth = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '<') depth++;
            else if (inner[i] == '>') depth--;
            else if (inner[i] == ',' && depth == 0) return (inner[..i], inner[(i + 1)..]);
        }
        return (null, null);
    }

    /// <summary>A scalar rendered as its declared type, e.g. <c>uint64 18446744073709551615</c>, <c>guid 00112233-…</c>,
    /// <c>enum:Activation Relu (2)</c>; null when the type is unknown or does not fit the wire value.</summary>
    public string? Format(RawValue value, string? type)
    {
        if (type is null || value is NullValue) return null;
        string t = Strip(type);
        string? text = (value, t) switch
        {
            (VarIntValue v, "uint64") => ((ulong)v.ZigZag).ToString(CultureInfo.InvariantCulture),
            (VarIntValue v, "nuint") => ((ulong)v.ZigZag).ToString(CultureInfo.InvariantCulture),
            (VarIntValue v, "bool") => v.ZigZag switch { 0 => "false", 1 => "true", _ => null },
            (VarIntValue v, "char") => v.ZigZag is >= 0 and <= char.MaxValue ? Numbers.Quote(((char)v.ZigZag).ToString()) : null,
            (VarIntValue v, "timespan") => TimeSpan.FromTicks(v.ZigZag).ToString("c", CultureInfo.InvariantCulture),
            (VarIntValue v, _) when t.StartsWith("enum:", StringComparison.Ordinal) => EnumName(t["enum:".Length..], v.ZigZag),
            (VarIntValue v, "int8" or "int16" or "int32" or "int64" or "uint8" or "uint16" or "uint32" or "nint" or "decimal") => v.ZigZag.ToString(CultureInfo.InvariantCulture),
            (Fixed64Value f, "datetime") => DateTimeText(f.Bits),
            (Fixed64Value f, "float64") => Numbers.Format(BitConverter.UInt64BitsToDouble(f.Bits)),
            (Fixed32Value f, "float32") => Numbers.Format(BitConverter.UInt32BitsToSingle(f.Bits)),
            // The Half that the .NET reader reads (a NaN with its own bits, a signaling one included: HalfWidening).
            (Fixed32Value f, "float16") => ModelGen.Internal.Numbers.TryFromSingle(BitConverter.UInt32BitsToSingle(f.Bits), out Half h) ? Numbers.Format(h) : null,
            (BytesValue b, "guid") when b.Bytes.Length == 16 => new Guid(b.Bytes).ToString(),
            (BytesValue b, "decimal") when b.Bytes.Length == 16 => DecimalText(b.Bytes),
            (BytesValue b, "datetimeoffset") when b.Bytes.Length == 10 => DateTimeOffsetText(b.Bytes),
            (VarIntValue v, "date") when v.ZigZag >= 0 && v.ZigZag <= DateOnly.MaxValue.DayNumber =>
                DateOnly.FromDayNumber((int)v.ZigZag).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (VarIntValue v, "time") when v.ZigZag >= 0 && v.ZigZag <= TimeOnly.MaxValue.Ticks =>
                new TimeOnly(v.ZigZag).ToTimeSpan().ToString("c", CultureInfo.InvariantCulture),
            (VarIntValue v, "int128" or "bigint") => v.ZigZag.ToString(CultureInfo.InvariantCulture),
            (VarIntValue v, "uint128") => ((ulong)v.ZigZag).ToString(CultureInfo.InvariantCulture),
            (BytesValue b, "int128") when b.Bytes.Length == 16 => BinaryPrimitives.ReadInt128LittleEndian(b.Bytes).ToString(CultureInfo.InvariantCulture),
            (BytesValue b, "uint128") when b.Bytes.Length == 16 => BinaryPrimitives.ReadUInt128LittleEndian(b.Bytes).ToString(CultureInfo.InvariantCulture),
            (BytesValue b, "bigint") when b.Bytes.Length > 0 => new System.Numerics.BigInteger(b.Bytes, isUnsigned: false).ToString(CultureInfo.InvariantCulture),
            (BytesValue b, "complex") when b.Bytes.Length == 16 => ComplexText(b.Bytes),
            (BytesValue b, "uri" or "version") => Utf8Text(b.Bytes),
            _ => null,
        };
        return text is null ? null : $"{t} {text}";
    }

    private string EnumName(string enumName, long value) =>
        _enums.TryGetValue(enumName, out var names) && names.TryGetValue(value, out string? name)
            ? $"{name} ({value.ToString(CultureInfo.InvariantCulture)})"
            : value.ToString(CultureInfo.InvariantCulture);

    // [re, im], each as the JSON form writes a double (R format; infinities by name, a NaN by name or with its bits).
    private static string ComplexText(byte[] bytes) =>
        "[" + Numbers.Format(BinaryPrimitives.ReadDoubleLittleEndian(bytes)) + ", " + Numbers.Format(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8))) + "]";

    private static string? Utf8Text(byte[] bytes)
    {
        try
        {
            return Numbers.Quote(new System.Text.UTF8Encoding(false, true).GetString(bytes));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null; // not UTF-8: shown as raw bytes
        }
    }

    private static string? DateTimeText(ulong bits)
    {
        long ticks = (long)(bits & 0x3FFF_FFFF_FFFF_FFFF);
        int kind = (int)(bits >> 62);
        if (kind == 3 || ticks > DateTime.MaxValue.Ticks) return null;
        return new DateTime(ticks, (DateTimeKind)kind).ToString("o", CultureInfo.InvariantCulture);
    }

    private static string? DateTimeOffsetText(byte[] bytes)
    {
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        short minutes = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(8));
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)).ToString("o", CultureInfo.InvariantCulture);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // out of range: shown as raw bytes
        }
    }

    private static string? DecimalText(byte[] bytes)
    {
        Span<int> words = stackalloc int[4];
        for (int i = 0; i < 4; i++) words[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        try
        {
            return new decimal(words).ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null; // invalid flags: shown as raw bytes
        }
    }

    private static string Strip(string type) => type.EndsWith('?') ? type[..^1] : type;
}
