using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Enums: a zigzag varint of the underlying value in binary; the member name in JSON and plain values
/// (a number when the value has no name, e.g. a flags combination).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EnumCodec<TEnum> : IModelKeyCodec<TEnum> where TEnum : struct, Enum
{
    private static readonly TypeCode Underlying = Type.GetTypeCode(typeof(TEnum));

    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;

    /// <summary>The underlying value as a 64-bit integer (unsigned 64-bit values are reinterpreted).</summary>
    public static long ToInt64(TEnum value) => Underlying switch
    {
        TypeCode.SByte => Unsafe.As<TEnum, sbyte>(ref value),
        TypeCode.Byte => Unsafe.As<TEnum, byte>(ref value),
        TypeCode.Int16 => Unsafe.As<TEnum, short>(ref value),
        TypeCode.UInt16 => Unsafe.As<TEnum, ushort>(ref value),
        TypeCode.Int32 => Unsafe.As<TEnum, int>(ref value),
        TypeCode.UInt32 => Unsafe.As<TEnum, uint>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };

    /// <summary>Converts an underlying value, or throws when it is out of the underlying type's range.</summary>
    public static TEnum FromInt64(long v) =>
        TryFromInt64(v, out TEnum result) ? result : throw new ModelFormatException($"value {v} is out of range for enum {typeof(TEnum).Name}");

    /// <summary>Converts an underlying value; false when it is out of the underlying type's range.</summary>
    internal static bool TryFromInt64(long v, out TEnum result)
    {
        bool ok = Underlying switch
        {
            TypeCode.SByte => v is >= sbyte.MinValue and <= sbyte.MaxValue,
            TypeCode.Byte => v is >= 0 and <= byte.MaxValue,
            TypeCode.Int16 => v is >= short.MinValue and <= short.MaxValue,
            TypeCode.UInt16 => v is >= 0 and <= ushort.MaxValue,
            TypeCode.Int32 => v is >= int.MinValue and <= int.MaxValue,
            TypeCode.UInt32 => v is >= 0 and <= uint.MaxValue,
            _ => true,
        };
        result = default;
        if (!ok) return false;
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1: Unsafe.As<TEnum, byte>(ref result) = (byte)v; break;
            case 2: Unsafe.As<TEnum, ushort>(ref result) = (ushort)v; break;
            case 4: Unsafe.As<TEnum, uint>(ref result) = (uint)v; break;
            default: Unsafe.As<TEnum, long>(ref result) = v; break;
        }
        return true;
    }

    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TEnum value) => writer.WriteVarInt64(ToInt64(value));
    /// <inheritdoc />
    public static TEnum Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.VarInt, "an enum value");
        try
        {
            return FromInt64(reader.ReadVarInt64());
        }
        catch (ModelFormatException e) when (e.AddOffset(offset))
        {
            throw; // not reached: the filter adds the offset and returns false
        }
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TEnum value)
    {
        string? name = Enum.GetName(value);
        if (name is null) writer.WriteNumberValue(ToInt64(value));
        else writer.WriteStringValue(name);
    }
    /// <inheritdoc />
    public static TEnum ReadJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out long l) ? FromInt64(l) : throw JsonRead.Error(ref reader, $"not a {typeof(TEnum).Name} value");
        if (reader.TokenType != JsonTokenType.String) JsonRead.Expect(ref reader, JsonTokenType.String, $"a {typeof(TEnum).Name} name");
        return FromKey(JsonRead.GetString(ref reader));
    }
    /// <inheritdoc />
    public static object ToPlain(TEnum value) => ToKey(value);
    /// <inheritdoc />
    public static TEnum FromPlain(object value, bool parseStrings) => value switch
    {
        TEnum e => e,
        string s => FromKey(s),
        System.Text.Json.JsonElement { ValueKind: JsonValueKind.String } j => FromKey(j.GetString()!),
        _ => FromInt64(PlainValue.ToNumber<long>(value, parseStrings)),
    };
    /// <inheritdoc />
    public static string ToKey(TEnum value) => Enum.GetName(value) ?? ToInt64(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public static TEnum FromKey(string key)
    {
        if (long.TryParse(key, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long l)) return FromInt64(l);
        // Names only, one at a time: no comma lists. A declared name first; then, as System.Text.Json's
        // JsonStringEnumConverter and the configuration binder read names, ignoring case ("relu" for Relu), unless
        // two names of different values differ only in case (docs/configuration.md, "Enum names").
        string[] names = DeclaredNames.Names;
        TEnum[] values = DeclaredNames.Values;
        for (int i = 0; i < names.Length; i++)
            if (names[i] == key) return values[i];
        int found = -1;
        for (int i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], key, StringComparison.OrdinalIgnoreCase)) continue;
            if (found >= 0 && !System.Collections.Generic.EqualityComparer<TEnum>.Default.Equals(values[found], values[i]))
                throw new ModelFormatException($"\"{key}\" matches more than one member of enum {typeof(TEnum).Name} when case is ignored; use the exact name");
            found = i;
        }
        if (found >= 0) return values[found];
        throw new ModelFormatException($"\"{key}\" is not a member of enum {typeof(TEnum).Name}");
    }

    // Every declared name with its value: Enum.GetNames and GetValues are parallel, and a value with several names
    // (Swish = 8, Silu = 8) has an entry for each, so either name reads. Enum.GetName gives only one of them, chosen by
    // the runtime, and a writer on another runtime may have written the other.
    private static class DeclaredNames
    {
        public static readonly string[] Names = Enum.GetNames<TEnum>();
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    }
}
