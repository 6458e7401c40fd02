using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Writes plain values (what <see cref="ModelDictionary.ToDictionary{T}(T)"/> gives) as JSON the way the JSON
/// form writes the same values, so members kept from a dictionary can be written back to JSON.</summary>
internal static class PlainJson
{
    private const int MaxDepth = 64;

    /// <summary>True when every part of <paramref name="value"/> has a JSON form.</summary>
    public static bool CanWrite(object? value) => CanWrite(value, 0);

    private static bool CanWrite(object? value, int depth)
    {
        if (depth > MaxDepth) return false;
        switch (value)
        {
            // Text holds UTF-16 that UTF-8 JSON can carry only when every surrogate is paired (a lone one would be
            // written as U+FFFD: another value).
            case string text:
                return WriteCheck.Unpaired(text) < 0;
            case char c:
                return !char.IsSurrogate(c);
            case null or bool or JsonElement or byte[]:
            case sbyte or byte or short or ushort or int or uint or long or ulong:
            case float or double or Half or decimal:
            case Guid or DateTime or DateTimeOffset or TimeSpan:
            case DateOnly or TimeOnly or Int128 or UInt128 or System.Numerics.BigInteger or System.Numerics.Complex or Uri or Version:
                return true;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var entry in map)
                    if (WriteCheck.Unpaired(entry.Key) >= 0 || !CanWrite(entry.Value, depth + 1)) return false;
                return true;
            case IDictionary:
                return false; // keys of other types: no single JSON spelling
            case IEnumerable items:
                foreach (object? item in items)
                    if (!CanWrite(item, depth + 1)) return false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes a value for which <see cref="CanWrite(object?)"/> is true.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case char c: writer.WriteStringValue(c.ToString()); break;
            case JsonElement e: e.WriteTo(writer); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case sbyte or byte or short or ushort or int or uint or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case float f: FloatCodec<float>.WriteJson(writer, f); break;
            case double d: FloatCodec<double>.WriteJson(writer, d); break;
            case Half h: FloatCodec<Half>.WriteJson(writer, h); break;
            case decimal m: DecimalCodec.WriteJson(writer, m); break;
            case Guid g: GuidCodec.WriteJson(writer, g); break;
            case DateTime t: DateTimeCodec.WriteJson(writer, t); break;
            case DateTimeOffset o: DateTimeOffsetCodec.WriteJson(writer, o); break;
            case TimeSpan span: TimeSpanCodec.WriteJson(writer, span); break;
            case DateOnly date: DateOnlyCodec.WriteJson(writer, date); break;
            case TimeOnly time: TimeOnlyCodec.WriteJson(writer, time); break;
            case Int128 i128: WideIntegerCodec<Int128>.WriteJson(writer, i128); break;
            case UInt128 u128: WideIntegerCodec<UInt128>.WriteJson(writer, u128); break;
            case System.Numerics.BigInteger big: WideIntegerCodec<System.Numerics.BigInteger>.WriteJson(writer, big); break;
            case System.Numerics.Complex complex: ComplexCodec.WriteJson(writer, complex); break;
            case Uri uri: UriCodec.WriteJson(writer, uri); break;
            case Version version: VersionCodec.WriteJson(writer, version); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var entry in map)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException("no JSON form for " + value.GetType()); // CanWrite said false
        }
    }
}
