using System;
using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

// The scalar types of .NET 6 and later (docs/format.md §4): DateOnly, TimeOnly, Int128, UInt128, BigInteger, Complex,
// Uri and Version. The JSON forms are System.Text.Json's where it has one (DateOnly, TimeOnly, Int128, UInt128, Uri,
// Version), so a value reads the same through either.

/// <summary>DateOnly: a zigzag varint of <see cref="DateOnly.DayNumber"/> (days since 0001-01-01); "yyyy-MM-dd" in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateOnlyCodec : IModelKeyCodec<DateOnly>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, DateOnly value) => writer.WriteVarInt64(value.DayNumber);
    /// <inheritdoc />
    public static DateOnly Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.VarInt, "a DateOnly");
        long day = reader.ReadVarInt64();
        return day >= 0 && day <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber((int)day)
            : throw new ModelFormatException($"day number {day} is out of range for DateOnly (0 to {DateOnly.MaxValue.DayNumber})", offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, DateOnly value) => writer.WriteStringValue(ToKey(value));
    /// <inheritdoc />
    public static DateOnly ReadJson(ref Utf8JsonReader reader) => JsonRead.KeyString<DateOnly, DateOnlyCodec>(ref reader, "a date string (yyyy-MM-dd)");
    /// <inheritdoc />
    public static object ToPlain(DateOnly value) => value;
    /// <inheritdoc />
    public static DateOnly FromPlain(object value, bool parseStrings) => value is DateOnly d ? d : FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    public static string ToKey(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public static DateOnly FromKey(string key) =>
        DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d) ? d
        : throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a date (yyyy-MM-dd)");
}

/// <summary>TimeOnly: a zigzag varint of its ticks (100 ns since midnight); "HH:mm:ss[.fffffff]" in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TimeOnlyCodec : IModelKeyCodec<TimeOnly>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.VarInt;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, TimeOnly value) => writer.WriteVarInt64(value.Ticks);
    /// <inheritdoc />
    public static TimeOnly Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.VarInt, "a TimeOnly");
        long ticks = reader.ReadVarInt64();
        return ticks >= 0 && ticks <= TimeOnly.MaxValue.Ticks ? new TimeOnly(ticks)
            : throw new ModelFormatException($"{ticks} ticks is out of range for TimeOnly (0 to {TimeOnly.MaxValue.Ticks})", offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, TimeOnly value) => writer.WriteStringValue(ToKey(value));
    /// <inheritdoc />
    public static TimeOnly ReadJson(ref Utf8JsonReader reader) => JsonRead.KeyString<TimeOnly, TimeOnlyCodec>(ref reader, "a time string (HH:mm:ss)");
    /// <inheritdoc />
    public static object ToPlain(TimeOnly value) => value;
    /// <inheritdoc />
    public static TimeOnly FromPlain(object value, bool parseStrings) => value is TimeOnly t ? t : FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    // System.Text.Json's form: the time of day as a TimeSpan in the constant ("c") format.
    public static string ToKey(TimeOnly value) => value.ToTimeSpan().ToString("c", CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public static TimeOnly FromKey(string key) =>
        TimeSpan.TryParseExact(key, "c", CultureInfo.InvariantCulture, out TimeSpan t) && t.Ticks >= 0 && t.Ticks < TimeSpan.TicksPerDay
            && key.Length >= 8 && key[2] == ':' ? new TimeOnly(t.Ticks)
        : throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a time of day (HH:mm:ss[.fffffff])");
}

/// <summary>Int128, UInt128 and BigInteger: Bytes, the value as two's complement little-endian (16 bytes for Int128
/// and UInt128, UInt128 unsigned; the fewest bytes for BigInteger); a VarInt of a narrower integer member is accepted.
/// A JSON number of any length (a string of the digits is accepted too).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WideIntegerCodec<T> : IModelKeyCodec<T> where T : IBinaryInteger<T>
{
    private static bool IsUnsigned => typeof(T) == typeof(UInt128);
    private static bool IsFixed => typeof(T) != typeof(BigInteger);

    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, T value)
    {
        // IBinaryInteger's byte count of a BigInteger is whole 32-bit words; BigInteger's own is the fewest bytes.
        BigInteger big = IsFixed ? default : System.Runtime.CompilerServices.Unsafe.As<T, BigInteger>(ref value);
        int count = IsFixed ? 16 : big.GetByteCount();
        byte[]? rented = count > 256 ? ArrayPool<byte>.Shared.Rent(count) : null;
        Span<byte> bytes = rented is null ? stackalloc byte[256] : rented;
        bytes = bytes.Slice(0, count);
        if (IsFixed) value.WriteLittleEndian(bytes);
        else big.TryWriteBytes(bytes, out _);
        writer.WriteBytes(bytes);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }
    /// <inheritdoc />
    public static T Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        if (wireType == WireType.VarInt)
        {
            // A narrower integer member widened (docs/format.md §4): uint64 values are reinterpreted, as there.
            long v = reader.ReadVarInt64();
            return IsUnsigned ? T.CreateTruncating((ulong)v) : T.CreateTruncating(v);
        }
        reader.Expect(wireType, WireType.Bytes, "an integer");
        // The length was checked against the bytes that remain before this span was taken: nothing is allocated first.
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        if (IsFixed ? bytes.Length != 16 : bytes.Length == 0)
            throw new ModelFormatException(IsFixed ? $"a {typeof(T).Name} has 16 bytes, not {bytes.Length}" : "a BigInteger has at least one byte", offset);
        return T.ReadLittleEndian(bytes, IsUnsigned);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, T value) =>
        // Digits only: valid JSON number text, so the writer need not parse it again (a long BigInteger is megabytes).
        writer.WriteRawValue(ToKey(value), skipInputValidation: true);
    /// <inheritdoc />
    public static T ReadJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) JsonRead.Expect(ref reader, JsonTokenType.Number, "an integer");
        long offset = reader.TokenStartIndex;
        byte[]? copied = reader.HasValueSequence ? reader.ValueSequence.ToArray() : null;
        ReadOnlySpan<byte> text = copied ?? reader.ValueSpan;
        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped) text = Encoding.UTF8.GetBytes(JsonRead.GetString(ref reader));
        return TryParse(text, out T value) ? value
            : throw new ModelFormatException($"\"{ValueText.Short(Encoding.UTF8.GetString(text.Slice(0, Math.Min(text.Length, 60))))}\" is not a {typeof(T).Name} (an integer in range)", offset);
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, out T value) =>
        T.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value!);

    /// <summary>Int128 and UInt128 as themselves; a BigInteger as its decimal digits, which survive System.Text.Json
    /// (it has no converter for BigInteger and would write its properties, losing the value).</summary>
    public static object ToPlain(T value) => IsFixed ? value : ToKey(value);
    /// <inheritdoc />
    public static T FromPlain(object value, bool parseStrings)
    {
        try
        {
            switch (value)
            {
                case T t: return t;
                case sbyte or short or int or long: return T.CreateChecked(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case byte or ushort or uint or ulong: return T.CreateChecked(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                case Int128 i: return T.CreateChecked(i);
                case UInt128 u: return T.CreateChecked(u);
                case BigInteger b: return T.CreateChecked(b);
                case JsonElement { ValueKind: JsonValueKind.Number } e: return FromKey(e.GetRawText());
                case JsonElement { ValueKind: JsonValueKind.String } e: return FromKey(e.GetString()!);
                case string s: return FromKey(s);
            }
        }
        catch (OverflowException)
        {
            throw new ModelFormatException($"the value {Convert.ToString(value, CultureInfo.InvariantCulture)} is out of range for {typeof(T).Name}");
        }
        throw PlainValue.Mismatch(value, $"an integer ({typeof(T).Name})");
    }
    /// <inheritdoc />
    public static string ToKey(T value) => value.ToString(null, CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public static T FromKey(string key) => T.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T? v)
        ? v : throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a {typeof(T).Name} (an integer in range)");
}

/// <summary>Complex: 16 bytes, the real and the imaginary part as IEEE 754 float64 little-endian (NaN payloads and
/// negative zero kept); <c>[re, im]</c> in JSON, each written as a double is. A plain double member widens to it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ComplexCodec : IModelCodec<Complex>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Complex value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value.Real);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.Slice(8), value.Imaginary);
        writer.WriteBytes(bytes);
    }
    /// <inheritdoc />
    public static Complex Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        if (wireType is WireType.Fixed64 or WireType.Fixed32 or WireType.VarInt) return FloatCodec<double>.Read(ref reader, wireType);
        reader.Expect(wireType, WireType.Bytes, "a Complex");
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        if (bytes.Length != 16) throw new ModelFormatException($"a Complex has 16 bytes, not {bytes.Length}", offset);
        return new Complex(BinaryPrimitives.ReadDoubleLittleEndian(bytes), BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8)));
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Complex value)
    {
        writer.WriteStartArray();
        FloatCodec<double>.WriteJson(writer, value.Real);
        FloatCodec<double>.WriteJson(writer, value.Imaginary);
        writer.WriteEndArray();
    }
    /// <inheritdoc />
    public static Complex ReadJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return FloatCodec<double>.ReadJson(ref reader);
        long offset = reader.TokenStartIndex;
        JsonRead.Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray) throw new ModelFormatException("a Complex is [real, imaginary], not an empty array", offset);
        double re = FloatCodec<double>.ReadJson(ref reader);
        JsonRead.Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray) throw new ModelFormatException("a Complex is [real, imaginary], not one number", offset);
        double im = FloatCodec<double>.ReadJson(ref reader);
        JsonRead.Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray) throw new ModelFormatException("a Complex is [real, imaginary], not more than two numbers", offset);
        return new Complex(re, im);
    }
    /// <inheritdoc />
    public static object ToPlain(Complex value) => value;
    /// <inheritdoc />
    public static Complex FromPlain(object value, bool parseStrings)
    {
        switch (value)
        {
            case Complex c: return c;
            // What System.Text.Json writes for a Complex (its properties), read back from a dictionary form passed through it.
            case JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty("Real", out JsonElement re) && e.TryGetProperty("Imaginary", out JsonElement im):
                return new Complex(PlainValue.ToNumber<double>(re, true), PlainValue.ToNumber<double>(im, true));
            case JsonElement { ValueKind: JsonValueKind.Array } or System.Collections.IEnumerable and not string:
            {
                var items = PlainValue.ToSequence(value);
                if (items.Count != 2 || PlainValue.IsNull(items[0]) || PlainValue.IsNull(items[1]))
                    throw PlainValue.Mismatch(value, "a Complex ([real, imaginary])");
                return new Complex(PlainValue.ToNumber<double>(items[0]!, parseStrings), PlainValue.ToNumber<double>(items[1]!, parseStrings));
            }
            default: return PlainValue.ToNumber<double>(value, parseStrings);
        }
    }
}

/// <summary>Uri: Bytes, the UTF-8 of <see cref="Uri.OriginalString"/> (relative or absolute, as given); that string in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UriCodec : IModelCodec<Uri>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Uri value)
    {
        if (writer.Check is { } check) check.Text(value.OriginalString);
        else writer.WriteString(value.OriginalString);
    }
    /// <inheritdoc />
    public static Uri Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.Bytes, "a URI string");
        return Parse(reader.ReadString(), offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Uri value) => writer.WriteStringValue(value.OriginalString);
    /// <inheritdoc />
    public static Uri ReadJson(ref Utf8JsonReader reader)
    {
        JsonRead.Expect(ref reader, JsonTokenType.String, "a URI string");
        return Parse(JsonRead.GetString(ref reader), reader.TokenStartIndex);
    }
    private static Uri Parse(string s, long offset = -1) => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out Uri? uri) ? uri
        : throw new ModelFormatException($"\"{ValueText.Short(s)}\" is not a URI", offset);
    /// <inheritdoc />
    public static object ToPlain(Uri value) => value;
    /// <inheritdoc />
    public static Uri FromPlain(object value, bool parseStrings) => value is Uri u ? u : Parse(StringCodec.FromKey(PlainValue.ToStringValue(value)));
}

/// <summary>Version: Bytes, the UTF-8 of <see cref="Version.ToString()"/> (2 to 4 components: "1.2", "1.2.3", "1.2.3.4");
/// that string in JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct VersionCodec : IModelKeyCodec<Version>
{
    /// <inheritdoc />
    public static WireType WireType => WireType.Bytes;
    /// <inheritdoc />
    public static void Write(ref ModelWriter writer, Version value) => writer.WriteString(value.ToString());
    /// <inheritdoc />
    public static Version Read(ref ModelReader reader, WireType wireType)
    {
        long offset = reader.Offset;
        reader.Expect(wireType, WireType.Bytes, "a version string");
        string text = reader.ReadString(64);
        return Version.TryParse(text, out Version? v) ? v : throw new ModelFormatException($"\"{ValueText.Short(text)}\" is not a version (2 to 4 numbers)", offset);
    }
    /// <inheritdoc />
    public static void WriteJson(Utf8JsonWriter writer, Version value) => writer.WriteStringValue(value.ToString());
    /// <inheritdoc />
    public static Version ReadJson(ref Utf8JsonReader reader) => JsonRead.KeyString<Version, VersionCodec>(ref reader, "a version string");
    /// <inheritdoc />
    public static object ToPlain(Version value) => value;
    /// <inheritdoc />
    public static Version FromPlain(object value, bool parseStrings) => value is Version v ? v : FromKey(PlainValue.ToStringValue(value));
    /// <inheritdoc />
    public static string ToKey(Version value) => value.ToString();
    /// <inheritdoc />
    public static Version FromKey(string key) => Version.TryParse(key, out Version? v) ? v
        : throw new ModelFormatException($"\"{ValueText.Short(key)}\" is not a version (2 to 4 numbers)");
}

/// <summary>Text of a refused value in an error message, cut short.</summary>
internal static class ValueText
{
    public static string Short(string s) => s.Length > 40 ? s.Substring(0, 40) + "…" : s;
}
