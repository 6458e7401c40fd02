using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>bool: a zigzag varint 0 or 1 (every VarInt is zigzag, so a type-free reader decodes all of them alike).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BooleanCodec : IModelCodec<bool>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, bool value) => writer.WriteVarInt64(value ? 1 : 0);
    /// <inheritdoc />
    public static bool Read(ref ModelReader reader, WireType wireType)
    {
        reader.Expect(wireType, WireType.VarInt, "a boolean");
        return reader.ReadVarInt64() switch
        {
            0 => false,
            1 => true,
            var v => throw NotBoolean(ref reader, v),
        };
    }

    // Apart, so that the message's formatting is not inlined into every generated reader.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ModelFormatException NotBoolean(ref ModelReader reader, long v) => reader.Error($"boolean value {v} is neither 0 nor 1");
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
    /// <inheritdoc />
    public static bool ReadJson(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw JsonRead.Error(ref reader, $"expected a boolean but found {JsonRead.Describe(reader.TokenType)}"),
    };
    /// <inheritdoc />
    public static object ToPlain(bool value) => value;
    /// <inheritdoc />
    public static bool FromPlain(object value, bool parseStrings) => PlainValue.ToBoolean(value, parseStrings);
}

internal static class WideRead
{
    // Bytes that format 2's table says hold another type than the member can widen from (a Guid, a string; an
    // integer's or a decimal's into a float member, a Complex into an integer member): refused, never read as a number.
    internal static ModelFormatException NotANumber(string? writerType, string expected, long offset) =>
        new($"expected {expected} but the data holds a {writerType ?? "value of another type"} (Bytes)", offset);
}

/// <summary>All integer types: a zigzag varint of the value as a 64-bit integer, so that any integer member can widen.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct IntegerCodec<T> : IModelKeyCodec<T> where T : IBinaryInteger<T>
{
    private static bool IsUnsigned64 => typeof(T) == typeof(ulong) || (typeof(T) == typeof(nuint) && UIntPtr.Size == 8);

    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T value) => writer.WriteVarInt64(long.CreateTruncating(value));
    /// <inheritdoc />
    public static T Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        if (wireType == WireType.Bytes)
        {
            WideBytes writer = reader.WriterWideBytes;
            if (writer is WideBytes.Complex or WideBytes.Other) throw WideRead.NotANumber(reader.WriterType, "an integer", offset);
            return FromWide(reader.ReadBytes(), offset, writer);
        }
        if (wireType is WireType.Fixed64 or WireType.Fixed32) return FromFloat(ref reader, wireType, offset);
        reader.Expect(wireType, WireType.VarInt, "an integer");
        long v = reader.ReadVarInt64();
        if (IsUnsigned64) return T.CreateTruncating(v);
        if (!Numbers.TryFromInt64(v, out T result)) throw OutOfRange(v, offset);
        return result;
    }

    // Apart, so that the message's formatting is not inlined into every generated reader (whose frame it enlarged).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ModelFormatException OutOfRange(long v, long offset) => new($"value {v} is out of range for {typeof(T).Name}", offset);
    // A double or float written by a newer version whose member was widened (int→double is a widening, MG2002 allows
    // it): read when its value is an integer that fits, as JSON and the dictionary form read such a number, so that the
    // change reads both ways; a fraction, a NaN or an infinity stays an error.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T FromFloat(ref ModelReader reader, WireType wireType, long offset)
    {
        double d = wireType == WireType.Fixed64 ? BitConverter.UInt64BitsToDouble(reader.ReadFixed64()) : BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
        return Numbers.TryFromDouble(d, out T result) ? result
            : throw new ModelFormatException($"value {d.ToString("R", CultureInfo.InvariantCulture)} is not a {typeof(T).Name}", offset);
    }

    // An Int128 or UInt128 (16 bytes, little-endian) written by a newer version whose member was widened: read when
    // the value fits, so that the change is compatible both ways. Only 16 bytes: shorter Bytes (a string) stay an error.
    // A decimal (int→decimal and long→decimal are widenings too) has 16 bytes as well: read as its value when that
    // is an integer that fits: format 2's table says which of the two the bytes are, format 1 leaves it to the bytes
    // (Numbers.IsDecimalBytes; an Int128 beyond ±2¹¹² may look like a decimal there).
    private static T FromWide(ReadOnlySpan<byte> bytes, long offset, WideBytes writer)
    {
        if (bytes.Length != 16) throw new ModelFormatException($"expected an integer but found {bytes.Length} bytes", offset);
        Int128 wide = Int128.CreateTruncating(new BigInteger(bytes, isUnsigned: false));
        T result = default!;
        bool ok = wide >= long.MinValue && wide <= long.MaxValue ? Numbers.TryFromInt64((long)wide, out result)
            : wide >= 0 && wide <= ulong.MaxValue ? Numbers.TryFromUInt64((ulong)wide, out result)
            : false;
        if (ok) return result;
        decimal m = default;
        if (writer == WideBytes.Decimal ? Numbers.TryDecimalFromBytes(bytes, out m) : writer == WideBytes.Unknown && Numbers.IsDecimalBytes(bytes, out m))
            return Numbers.TryFromDecimal(m, out result) ? result
                : throw new ModelFormatException($"value {m.ToString(CultureInfo.InvariantCulture)} (a decimal) is not a {typeof(T).Name}", offset);
        throw new ModelFormatException($"value {wide} is out of range for {typeof(T).Name}", offset);
    }

    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T value)
    {
        if (IsUnsigned64) writer.WriteNumberValue(ulong.CreateTruncating(value));
        else writer.WriteNumberValue(long.CreateTruncating(value));
    }
    /// <inheritdoc />
    public static T ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.Number, "an integer");
        // Then exactly as a decimal (a newer decimal member's 9223372036854775807.00, beyond a double's precision;
        // not a number that a decimal rounds to zero, 1e-30), then as a double (1e400: out of range).
        bool ok = reader.TryGetInt64(out long l) ? Numbers.TryFromInt64(l, out T result)
            : reader.TryGetUInt64(out ulong u) ? Numbers.TryFromUInt64(u, out result)
            : reader.TryGetDecimal(out decimal m) && (m != 0 || reader.GetDouble() == 0) ? Numbers.TryFromDecimal(m, out result)
            : Numbers.TryFromDouble(reader.GetDouble(), out result);
        if (!ok) throw JsonRead.Error(ref reader, $"the number is not a {typeof(T).Name}");
        return result;
    }
    /// <inheritdoc />
    public static object ToPlain(T value) => value;
    /// <inheritdoc />
    public static T FromPlain(object value, bool parseStrings) => PlainValue.ToNumber<T>(value, parseStrings);
    /// <inheritdoc />
    public static string ToKey(T value) => value.ToString(null, CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public static T FromKey(string key) => T.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out T? v)
        ? v : throw new ModelFormatException($"dictionary key \"{key}\" is not a {typeof(T).Name}");
}

/// <summary>float, double and Half: four or eight IEEE 754 bytes (Half as a float, a NaN's quiet bit kept: HalfWidening);
/// a float read into a double takes the value of its shortest decimal text, as in JSON (see
/// <see cref="Numbers.TryFromSingle{T}"/>). JSON: a number, "Infinity", "-Infinity", "NaN" for the type's own NaN, or
/// "NaN:" and the bits of any other NaN (NaNText). A Complex whose imaginary part is zero (a newer build's widened
/// member) is read from every form.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FloatCodec<T> : IModelCodec<T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static WireType WireType => typeof(T) == typeof(double) ? WireType.Fixed64 : WireType.Fixed32;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T value)
    {
        if (typeof(T) == typeof(double)) writer.WriteDouble(double.CreateTruncating(value));
        // A Half as the float it widens to, a signaling NaN kept signaling (HalfWidening).
        else if (typeof(T) == typeof(Half)) writer.WriteSingle(HalfWidening.ToSingle((Half)(object)value));
        else writer.WriteSingle(float.CreateTruncating(value));
    }
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read(ref ModelReader reader, WireType wireType)
    {
        // The type's own encoding, inlined into the caller: the bits as they are (a forest's nodes hold two floats).
        if (typeof(T) == typeof(float) && wireType == WireType.Fixed32) return (T)(object)BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
        if (typeof(T) == typeof(double) && wireType == WireType.Fixed64) return (T)(object)BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
        return ReadConverted(ref reader, wireType);
    }

    // Another encoding (an older or newer writer's type): converted exactly, or refused.
    private static T ReadConverted(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        bool ok;
        T result;
        switch (wireType)
        {
            case WireType.Fixed32: ok = Numbers.TryFromSingle(BitConverter.UInt32BitsToSingle(reader.ReadFixed32()), out result); break;
            case WireType.Fixed64: ok = Numbers.TryFromDouble(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()), out result); break;
            case WireType.VarInt: ok = Numbers.TryFromInt64(reader.ReadVarInt64(), out result); break;
            case WireType.Bytes:
            {
                // A Complex written by a newer version whose member was widened: read when it has no imaginary part
                // (format 2's table says whether it is one).
                if (reader.WriterWideBytes is not (WideBytes.Unknown or WideBytes.Complex)) throw WideRead.NotANumber(reader.WriterType, "a number", offset);
                ReadOnlySpan<byte> bytes = reader.ReadBytes();
                if (bytes.Length != 16) throw new ModelFormatException($"expected a number but found {bytes.Length} bytes", offset);
                return FromComplex(new Complex(BinaryPrimitives.ReadDoubleLittleEndian(bytes), BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8))), offset);
            }
            default: throw reader.Error($"expected a number but found {wireType}");
        }
        if (!ok) throw DoesNotFit(offset);
        return result;
    }

    private static ModelFormatException DoesNotFit(long offset, string why = "") => new($"the value does not fit in {typeof(T).Name} exactly{why}", offset);
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T value)
    {
        if (T.IsNaN(value)) WriteNaN(writer, value);
        else if (T.IsPositiveInfinity(value)) writer.WriteStringValue("Infinity");
        else if (T.IsNegativeInfinity(value)) writer.WriteStringValue("-Infinity");
        else if (typeof(T) == typeof(double)) writer.WriteNumberValue(double.CreateTruncating(value));
        else writer.WriteNumberValue(float.CreateTruncating(value));
    }

    // T.NaN is "NaN", any other NaN "NaN:" and its bits (NaNText), so that JSON keeps its sign and payload.
    private static void WriteNaN(Utf8JsonWriter writer, T value)
    {
        if (!NaNText.HasBits(value))
        {
            writer.WriteStringValue("NaN"u8);
            return;
        }
        Span<byte> text = stackalloc byte[NaNText.MaxLength];
        writer.WriteStringValue(text.Slice(0, NaNText.Format(value, text)));
    }
    /// <inheritdoc />
    public static T ReadJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("NaN"u8)) return T.NaN;
            if (reader.ValueTextEquals("Infinity"u8)) return T.PositiveInfinity;
            if (reader.ValueTextEquals("-Infinity"u8)) return T.NegativeInfinity;
            if (TryReadNaNBits(ref reader, out T nan)) return nan;
        }
        else if (reader.TokenType == JsonTokenType.StartArray) return FromComplexJson(ref reader);
        JsonRead.Expect(ref reader, JsonTokenType.Number, "a number");
        if (typeof(T) == typeof(double))
        {
            // A number beyond double's range (1e400) parses as an infinity: out of range, as for float and Half (an
            // infinity is spelled "Infinity").
            double d = reader.GetDouble();
            if (double.IsInfinity(d)) throw JsonRead.Error(ref reader, "the number is out of range for Double");
            return T.CreateTruncating(d);
        }
        // A float or a Half: the value the text stands for (a float's or a double's), narrowed as binary narrows it.
        if (!JsonFloats.TryRead(ref reader, out T value)) throw JsonRead.Error(ref reader, $"the number is out of range for {typeof(T).Name}");
        return value;
    }

    // "NaN:" and a NaN's bits (NaNText); false for any other string, which is not a number. Apart, so that the
    // string's copy stays out of the number's path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadNaNBits(ref Utf8JsonReader reader, out T value)
    {
        value = default!;
        // A spelling has 20 characters at most, each at most 6 bytes escaped ("\u0041"): a longer string is none.
        const int MaxRaw = NaNText.MaxLength * 6;
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > MaxRaw) return false;
        Span<char> buffer = stackalloc char[MaxRaw];
        int length;
        try
        {
            length = reader.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            return false; // invalid UTF-8: not a spelling
        }
        ReadOnlySpan<char> text = buffer.Slice(0, length);
        if (!NaNText.IsSpelling(text)) return false;
        if (NaNText.TryParse(text, out value) is { } reason) throw JsonRead.Error(ref reader, $"\"{ValueText.Short(text.ToString())}\" is not a NaN's bits: {reason}");
        return true;
    }

    // [re, im]: a Complex written by a newer version whose member was widened, read as binary reads its 16 bytes
    // (ReadConverted): when the imaginary part is zero, the real part converted as a double is (a NaN by NaNText's
    // rules). Each part is read as ComplexCodec reads it, so a malformed pair gives the same error as there.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T FromComplexJson(ref Utf8JsonReader reader)
    {
        long offset = reader.TokenStartIndex;
        return FromComplex(ComplexCodec.ReadJson(ref reader), offset);
    }

    private static T FromComplex(Complex value, long offset = -1)
    {
        if (value.Imaginary != 0) throw DoesNotFit(offset, " (a Complex whose imaginary part is not zero)");
        if (!Numbers.TryFromDouble(value.Real, out T result)) throw DoesNotFit(offset);
        return result;
    }
    /// <inheritdoc />
    public static object ToPlain(T value) => value;
    /// <inheritdoc />
    public static T FromPlain(object value, bool parseStrings) =>
        value is Complex or JsonElement { ValueKind: JsonValueKind.Array or JsonValueKind.Object } or (System.Collections.IEnumerable and not string)
            ? FromComplexPlain(value, parseStrings)
            : PlainValue.ToNumber<T>(value, parseStrings);

    // A Complex's dictionary form (the Complex itself; [re, im] or {"Real", "Imaginary"} from a JSON layer or a list),
    // read as JSON and binary read a widened member's Complex; any other shape is refused as before (not a number).
    private static T FromComplexPlain(object value, bool parseStrings)
    {
        bool complex = value switch
        {
            Complex => true,
            JsonElement { ValueKind: JsonValueKind.Object } e => e.TryGetProperty("Real", out _) && e.TryGetProperty("Imaginary", out _),
            _ => PlainValue.ToSequence(value).Count == 2,
        };
        return complex ? FromComplex(ComplexCodec.FromPlain(value, parseStrings)) : PlainValue.ToNumber<T>(value, parseStrings);
    }
}

/// <summary>decimal: 16 bytes, the four 32-bit words of <see cref="decimal.GetBits(decimal)"/> little-endian.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DecimalCodec : IModelCodec<decimal>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 4; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(i * 4), bits[i]);
        writer.WriteBytes(bytes);
    }
    /// <inheritdoc />
    public static decimal Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        if (wireType == WireType.VarInt) return reader.ReadVarInt64();
        reader.Expect(wireType, WireType.Bytes, "a decimal");
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        if (bytes.Length != 16) throw new ModelFormatException($"a decimal has 16 bytes, not {bytes.Length}", offset);
        return Numbers.TryDecimalFromBytes(bytes, out decimal value) ? value : throw new ModelFormatException("invalid decimal", offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, decimal value)
    {
        if (value == 0m && decimal.IsNegative(value)) WriteNegativeZero(writer, value);
        else writer.WriteNumberValue(value);
    }

    // Utf8JsonWriter writes a negative zero (-0.00m: what Math.Round(-0.001m, 2) gives) without its sign, though its
    // reader keeps the sign of "-0.00": the JSON form would read back other bits than binary and dictionaries keep.
    private static void WriteNegativeZero(Utf8JsonWriter writer, decimal value)
    {
        Span<byte> text = stackalloc byte[40]; // "-0." and at most 28 digits
        text[0] = (byte)'-';
        System.Buffers.Text.Utf8Formatter.TryFormat(-value, text.Slice(1), out int written);
        writer.WriteRawValue(text.Slice(0, written + 1));
    }
    /// <inheritdoc />
    public static decimal ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.Number, "a number");
        return reader.TryGetDecimal(out decimal m) ? m : throw JsonRead.Error(ref reader, "the number is out of range for Decimal");
    }
    /// <inheritdoc />
    public static object ToPlain(decimal value) => value;
    /// <inheritdoc />
    public static decimal FromPlain(object value, bool parseStrings) => PlainValue.ToNumber<decimal>(value, parseStrings);
}

/// <summary>char: a varint of its UTF-16 code unit; a one-character string in JSON and plain values.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CharCodec : IModelKeyCodec<char>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, char value)
    {
        if (writer.Check is { } check) check.Text([value]);
        else if (writer.Strict && char.IsSurrogate(value)) throw new ModelWriter.Refused();
        else writer.WriteVarInt64(value);
    }
    /// <inheritdoc />
    public static char Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        char c = (char)IntegerCodec<ushort>.Read(ref reader, wireType);
        // The writers refuse a surrogate as a char (docs/format.md §6.2): what reads must write again.
        return char.IsSurrogate(c) ? throw new ModelFormatException(SurrogateChar(c), offset) : c;
    }

    internal static string SurrogateChar(char c) => $"UTF-16 surrogate U+{(int)c:X4} as a char of its own (a char must be a whole character)";
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, char value) => writer.WriteStringValue(value.ToString());
    /// <inheritdoc />
    public static char ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "a one-character string");
        return FromKey(JsonRead.GetString(ref reader));
    }
    /// <inheritdoc />
    public static object ToPlain(char value) => value.ToString();
    /// <inheritdoc />
    public static char FromPlain(object value, bool parseStrings) => value is char c ? FromKey(c.ToString()) : FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    public static string ToKey(char value) => value.ToString();
    /// <inheritdoc />
    public static char FromKey(string key) =>
        key.Length != 1 ? throw new ModelFormatException($"expected one character but found \"{key}\"")
        : char.IsSurrogate(key[0]) ? throw new ModelFormatException(SurrogateChar(key[0]))
        : key[0];
}

/// <summary>string: length-prefixed UTF-8 (invalid UTF-8 is rejected).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StringCodec : IModelKeyCodec<string>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, string value)
    {
        if (writer.Check is { } check) check.Text(value);
        else writer.WriteString(value);
    }
    /// <inheritdoc />
    public static string Read(ref ModelReader reader, WireType wireType)
    {
        reader.Expect(wireType, WireType.Bytes, "a string");
        return reader.ReadString();
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);
    /// <inheritdoc />
    public static string ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "a string");
        return JsonRead.GetString(ref reader);
    }
    /// <inheritdoc />
    public static object ToPlain(string value) => value;
    /// <inheritdoc />
    public static string FromPlain(object value, bool parseStrings) => FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    public static string ToKey(string value) => value;
    /// <inheritdoc />
    public static string FromKey(string key) =>
        // Plain values are .NET strings, which may hold what the writers refuse (docs/format.md §6.2); the binary and
        // JSON readers never give one (invalid UTF-8, or System.Text.Json's own refusal).
        WriteCheck.Unpaired(key) is int i and >= 0
            ? throw new ModelFormatException($"unpaired UTF-16 surrogate U+{(int)key[i]:X4} at index {i} of the text")
            : key;
}

/// <summary>Guid: 16 bytes in <see cref="Guid.ToByteArray()"/> order; the "D" string in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GuidCodec : IModelKeyCodec<Guid>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        writer.WriteBytes(bytes);
    }
    /// <inheritdoc />
    public static Guid Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.Bytes, "a GUID");
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        return bytes.Length == 16 ? new Guid(bytes) : throw new ModelFormatException($"a GUID has 16 bytes, not {bytes.Length}", offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value);
    /// <inheritdoc />
    public static Guid ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "a GUID string");
        return reader.TryGetGuid(out Guid g) ? g : throw JsonRead.Error(ref reader, "invalid GUID");
    }
    /// <inheritdoc />
    public static object ToPlain(Guid value) => value;
    /// <inheritdoc />
    public static Guid FromPlain(object value, bool parseStrings) => value is Guid g ? g : FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    public static string ToKey(Guid value) => value.ToString("D");
    /// <inheritdoc />
    public static Guid FromKey(string key) => Guid.TryParse(key, out Guid g) ? g : throw new ModelFormatException($"\"{key}\" is not a GUID");
}

/// <summary>DateTime: eight bytes, the ticks with the kind in the top two bits; ISO 8601 in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeCodec : IModelCodec<DateTime>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Fixed64;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, DateTime value)
    {
        value = Instant(value);
        writer.WriteFixed64((ulong)value.Ticks | ((ulong)value.Kind << 62));
    }

    // One rule for DateTimeKind.Local in every form (docs/format.md): a local time is the instant it names, stored as
    // UTC and read back with Kind Utc, so a file written in one time zone means the same moment in another. (Kind 2,
    // local, is no longer written; files of earlier versions that hold it read as they did, as local wall-clock time.)
    private static DateTime Instant(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
    /// <inheritdoc />
    public static DateTime Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.Fixed64, "a DateTime");
        ulong v = reader.ReadFixed64();
        long ticks = (long)(v & 0x3FFF_FFFF_FFFF_FFFF);
        var kind = (DateTimeKind)(v >> 62);
        if (ticks > DateTime.MaxValue.Ticks || kind > DateTimeKind.Local) throw new ModelFormatException("invalid DateTime", offset);
        return new DateTime(ticks, kind);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, DateTime value) => writer.WriteStringValue(Instant(value));
    /// <inheritdoc />
    public static DateTime ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "an ISO 8601 date string");
        if (!reader.TryGetDateTime(out DateTime d)) throw JsonRead.Error(ref reader, "invalid ISO 8601 date");
        // A time with an offset (which System.Text.Json reads as local time) is the instant it names: UTC, as in
        // every form; taken from the offset itself, not converted back through this machine's time zone.
        return d.Kind == DateTimeKind.Local && reader.TryGetDateTimeOffset(out DateTimeOffset o) ? o.UtcDateTime : d;
    }
    /// <inheritdoc />
    public static object ToPlain(DateTime value) => Instant(value);
    /// <inheritdoc />
    public static DateTime FromPlain(object value, bool parseStrings) => value is DateTime d ? Instant(d)
        : DateTime.TryParse(PlainValue.ToStringValue(value), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out d) ? d
        : throw PlainValue.Mismatch(value, "an ISO 8601 date");
}

/// <summary>DateTimeOffset: ten bytes, the clock ticks (8) and the offset in minutes (2); ISO 8601 in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeOffsetCodec : IModelCodec<DateTimeOffset>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, DateTimeOffset value)
    {
        Span<byte> bytes = stackalloc byte[10];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value.Ticks);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.Slice(8), (short)value.TotalOffsetMinutes);
        writer.WriteBytes(bytes);
    }
    /// <inheritdoc />
    public static DateTimeOffset Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.Bytes, "a DateTimeOffset");
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        if (bytes.Length != 10) throw new ModelFormatException($"a DateTimeOffset has 10 bytes, not {bytes.Length}", offset);
        try
        {
            return new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(bytes), TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(8))));
        }
        catch (ArgumentException)
        {
            throw new ModelFormatException("invalid DateTimeOffset", offset);
        }
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(value);
    /// <inheritdoc />
    public static DateTimeOffset ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "an ISO 8601 date string");
        return reader.TryGetDateTimeOffset(out DateTimeOffset d) ? d : throw JsonRead.Error(ref reader, "invalid ISO 8601 date");
    }
    /// <inheritdoc />
    public static object ToPlain(DateTimeOffset value) => value;
    /// <inheritdoc />
    public static DateTimeOffset FromPlain(object value, bool parseStrings) => value is DateTimeOffset d ? d
        : DateTimeOffset.TryParse(PlainValue.ToStringValue(value), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out d) ? d
        : throw PlainValue.Mismatch(value, "an ISO 8601 date");
}

/// <summary>TimeSpan: a zigzag varint of its ticks; the "c" format in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TimeSpanCodec : IModelCodec<TimeSpan>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TimeSpan value) => writer.WriteVarInt64(value.Ticks);
    /// <inheritdoc />
    public static TimeSpan Read(ref ModelReader reader, WireType wireType) => new(IntegerCodec<long>.Read(ref reader, wireType));
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TimeSpan value) => writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
    /// <inheritdoc />
    public static TimeSpan ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "a time span string");
        return Parse(JsonRead.GetString(ref reader));
    }
    private static TimeSpan Parse(string s) => TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan t) ? t
        : throw new ModelFormatException($"\"{s}\" is not a time span");
    /// <inheritdoc />
    public static object ToPlain(TimeSpan value) => value;
    /// <inheritdoc />
    public static TimeSpan FromPlain(object value, bool parseStrings) => value is TimeSpan t ? t : Parse(PlainValue.ToStringValue(value));
}
