using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Reads the plain values that <see cref="ModelDictionary.ToDictionary{T}(T)"/> gives back, and the values a JSON or
/// configuration layer gives: numbers of another numeric type when the conversion is exact, <see cref="JsonElement"/>s,
/// and, for <c>[Hyperparameters]</c>, strings parsed with the invariant culture.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PlainValue
{
    /// <summary>An error for a value of the wrong kind.</summary>
    public static ModelFormatException Mismatch(object value, string expected) =>
        new($"expected {expected} but found {Describe(value)}");

    private static string Describe(object value) => value switch
    {
        string s => $"the string \"{ValueText.Short(s)}\"",
        JsonElement e => $"a JSON {e.ValueKind.ToString().ToLowerInvariant()}",
        _ => $"a value of type {value.GetType().Name}",
    };

    /// <summary>Converts a number (or numeric string) exactly to <typeparamref name="T"/>.</summary>
    public static T ToNumber<T>(object value, bool parseStrings)
    {
        bool ok;
        T result;
        switch (value)
        {
            case T t: return t;
            case long l: ok = Numbers.TryFromInt64(l, out result); break;
            case int i: ok = Numbers.TryFromInt64(i, out result); break;
            case short s: ok = Numbers.TryFromInt64(s, out result); break;
            case sbyte sb: ok = Numbers.TryFromInt64(sb, out result); break;
            case byte b: ok = Numbers.TryFromInt64(b, out result); break;
            case ushort us: ok = Numbers.TryFromInt64(us, out result); break;
            case uint ui: ok = Numbers.TryFromInt64(ui, out result); break;
            case ulong ul: ok = Numbers.TryFromUInt64(ul, out result); break;
            // A newer version's member widened to Int128 or UInt128 (a widening MG2002 allows): read where it fits, as
            // binary and JSON read it.
            case Int128 w when w >= long.MinValue && w <= long.MaxValue: ok = Numbers.TryFromInt64((long)w, out result); break;
            case Int128 w when w >= 0 && w <= ulong.MaxValue: ok = Numbers.TryFromUInt64((ulong)w, out result); break;
            case UInt128 uw when uw <= ulong.MaxValue: ok = Numbers.TryFromUInt64((ulong)uw, out result); break;
            case Int128 or UInt128: ok = false; result = default!; break;
            case double d when typeof(T) == typeof(float) || typeof(T) == typeof(Half):
                ok = TryFromWidenedDouble(d, out result);
                break;
            case double d: ok = Numbers.TryFromDouble(d, out result); break;
            case float f: ok = Numbers.TryFromSingle(f, out result); break;
            case Half h: ok = Numbers.TryFromSingle(HalfWidening.ToSingle(h), out result); break;
            case decimal m: ok = Numbers.TryFromDecimal(m, out result); break;
            case JsonElement { ValueKind: JsonValueKind.Number } e: ok = TryJsonNumber(e, out result); break;
            // "NaN", "Infinity", "-Infinity" and "NaN:" with a NaN's bits are how ModelJson writes non-finite floats,
            // so a JSON layer gives them as strings.
            case JsonElement { ValueKind: JsonValueKind.String } e when parseStrings || IsNonFinite(e.GetString()!):
                return ToNumber<T>(e.GetString()!, true);
            case string str when parseStrings:
                if (NaNText.IsSpelling(str.AsSpan().Trim()))
                    return NaNText.TryParse(str.AsSpan().Trim(), out result) is { } reason
                        ? throw new ModelFormatException($"the string \"{ValueText.Short(str)}\" is not a NaN's bits: {reason}")
                        : result;
                if (TryParseNumber(str, out result)) return result;
                // A number that does not fit ("1e400", "65520" for a Half) is told apart from text that is none.
                if (double.TryParse(str.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ok = false;
                else throw Mismatch(value, $"a number ({typeof(T).Name})");
                break;
            default: throw Mismatch(value, $"a number ({typeof(T).Name})");
        }
        if (!ok) throw new ModelFormatException($"the value {Convert.ToString(value, CultureInfo.InvariantCulture)} does not fit in {typeof(T).Name} exactly");
        return result;
    }

    private static bool IsNonFinite(string s) => s is "NaN" or "Infinity" or "-Infinity" || NaNText.IsSpelling(s.AsSpan());

    private static bool TryJsonNumber<T>(JsonElement e, out T result)
    {
        if (e.TryGetInt64(out long l))
        {
            // System.Text.Json writes a negative zero (double, float, Half) as "-0": its sign is kept.
            if (l == 0 && (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half)) && e.GetRawText().StartsWith('-'))
                return Numbers.TryFromDouble(-0.0, out result);
            return Numbers.TryFromInt64(l, out result);
        }
        if (e.TryGetUInt64(out ulong u)) return Numbers.TryFromUInt64(u, out result);
        // A decimal member, and an integer one, read the number exactly as a decimal where it is one (an older build's
        // integer member reads a newer decimal's 9223372036854775807.00, beyond a double's precision).
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(Half) && e.TryGetDecimal(out decimal m) && (m != 0 || e.GetDouble() == 0))
            return Numbers.TryFromDecimal(m, out result);
        // A number beyond double's range (1e400) parses as an infinity: it does not fit.
        double d = e.GetDouble();
        if (double.IsInfinity(d))
        {
            result = default!;
            return false;
        }
        if (typeof(T) == typeof(float) || typeof(T) == typeof(Half))
        {
            // Where reading the text as a float would differ from narrowing the double (a tie, or a Half between
            // them), the text decides as ModelJson's reader decides (JsonFloats); elsewhere the double, narrowed.
            bool differs = typeof(T) == typeof(float) ? JsonFloats.IsSingleTie(d)
                : e.TryGetSingle(out float single) && float.IsFinite(single) && BitConverter.HalfToInt16Bits((Half)single) != BitConverter.HalfToInt16Bits((Half)d);
            return differs ? TryJsonText(e, out result) : TryFromWidenedDouble(d, out result);
        }
        return Numbers.TryFromDouble(d, out result);
    }

    private static bool TryJsonText<T>(JsonElement e, out T result)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));
        reader.Read();
        return JsonFloats.TryRead(ref reader, out result);
    }

    // A float (or a Half, which JSON writes as a float) that a JSON or config layer read as a double: exact when the
    // float prints the same shortest decimal as the double, e.g. 0.1 (the double) stands for 0.1f.
    private static bool TryFromWidenedDouble<T>(double d, out T result)
    {
        if (Numbers.TryFromDouble(d, out result)) return true;
        float f = (float)d;
        if (!float.IsFinite(f)) return false;
        string text = d.ToString("R", CultureInfo.InvariantCulture);
        if (typeof(T) == typeof(float))
        {
            result = (T)(object)f;
            return f.ToString("R", CultureInfo.InvariantCulture) == text;
        }
        Half h = (Half)d;
        result = (T)(object)h;
        return ((float)h).ToString("R", CultureInfo.InvariantCulture) == text || h.ToString("R", CultureInfo.InvariantCulture) == text;
    }

    /// <summary>Parses a number with the invariant culture, exactly.</summary>
    public static bool TryParseNumber<T>(string s, out T result)
    {
        s = s.Trim();
        if (NaNText.IsSpelling(s.AsSpan())) return NaNText.TryParse(s.AsSpan(), out result) is null;
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return Numbers.TryFromInt64(l, out result);
        if (ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong u)) return Numbers.TryFromUInt64(u, out result);
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(Half) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m)
            && (m != 0 || (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double zero) && zero == 0)))
            return Numbers.TryFromDecimal(m, out result);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            // A number beyond the type's range ("1e400"; "1e39" for a float, "1e5" for a Half) converts to an infinity:
            // it does not fit. Only an infinity's own spelling ("Infinity", "-Infinity") reads as one.
            bool spelledInfinity = s.TrimStart('+', '-').Equals("Infinity", StringComparison.OrdinalIgnoreCase) || s.EndsWith('∞');
            // A float written as text ("0.1") is exact when it round-trips through float.
            if (typeof(T) == typeof(float)) { float f = (float)d; result = (T)(object)f; return (!float.IsInfinity(f) || spelledInfinity) && float.Parse(s, CultureInfo.InvariantCulture).Equals(f); }
            if (typeof(T) == typeof(Half)) { Half h = (Half)d; result = (T)(object)h; return !Half.IsInfinity(h) || spelledInfinity; }
            if (double.IsInfinity(d) && !spelledInfinity)
            {
                result = default!;
                return false;
            }
            return Numbers.TryFromDouble(d, out result);
        }
        result = default!;
        return false;
    }

    /// <summary>Converts a plain value to a string.</summary>
    public static string ToStringValue(object value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => throw Mismatch(value, "a string"),
    };

    /// <summary>Converts a plain value (or, with <paramref name="parseStrings"/>, "true"/"false") to a boolean.</summary>
    public static bool ToBoolean(object value, bool parseStrings) => value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        string s when parseStrings && bool.TryParse(s.Trim(), out bool b) => b,
        JsonElement { ValueKind: JsonValueKind.String } e when parseStrings && bool.TryParse(e.GetString(), out bool b) => b,
        _ => throw Mismatch(value, "a boolean"),
    };

    /// <summary>True for a plain null (a CLR null or a JSON null).</summary>
    public static bool IsNull(object? value) => value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };

    /// <summary>The items of a plain sequence (any non-string enumerable or a JSON array).</summary>
    public static IReadOnlyList<object?> ToSequence(object value)
    {
        switch (value)
        {
            case IReadOnlyList<object?> list: return list;
            case JsonElement { ValueKind: JsonValueKind.Array } e:
            {
                var items = new List<object?>(e.GetArrayLength());
                foreach (JsonElement item in e.EnumerateArray()) items.Add(item);
                return items;
            }
            case IEnumerable enumerable and not string and not IDictionary:
            {
                var items = new List<object?>();
                foreach (object? item in enumerable) items.Add(item);
                return items;
            }
            default: throw Mismatch(value, "a sequence");
        }
    }

    /// <summary>The entries of a plain map (a string-keyed dictionary or a JSON object).</summary>
    public static IEnumerable<KeyValuePair<string, object?>> ToMap(object value)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> map: return map;
            case JsonElement { ValueKind: JsonValueKind.Object } e: return JsonEntries(e);
            case IDictionary dictionary: return DictionaryEntries(dictionary);
            default: throw Mismatch(value, "an object (a string-keyed dictionary)");
        }
    }

    /// <summary>The entries of a map member: a plain map (<see cref="ToMap"/>), or a list whose indices are its keys.
    /// Configuration cannot tell a dictionary keyed 0 to n−1 (class weights by class index: <c>Weights:0</c>,
    /// <c>Weights:1</c>) from a list's items, and gives a list; the member's type says which it is.</summary>
    internal static IEnumerable<KeyValuePair<string, object?>> ToMapEntries(object value) =>
        value is IReadOnlyList<object?> list ? IndexEntries(list) : ToMap(value);

    private static IEnumerable<KeyValuePair<string, object?>> IndexEntries(IReadOnlyList<object?> list)
    {
        for (int i = 0; i < list.Count; i++) yield return new(i.ToString(CultureInfo.InvariantCulture), list[i]);
    }

    /// <summary>A plain map as a read-only dictionary (for nested models).</summary>
    public static IReadOnlyDictionary<string, object?> ToReadOnlyDictionary(object value)
    {
        if (value is IReadOnlyDictionary<string, object?> d) return d;
        var result = new Dictionary<string, object?>();
        foreach (var entry in ToMap(value)) result[entry.Key] = entry.Value;
        return result;
    }

    private static IEnumerable<KeyValuePair<string, object?>> JsonEntries(JsonElement e)
    {
        foreach (JsonProperty p in e.EnumerateObject()) yield return new(p.Name, p.Value);
    }

    private static IEnumerable<KeyValuePair<string, object?>> DictionaryEntries(IDictionary d)
    {
        foreach (DictionaryEntry entry in d)
            yield return new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value);
    }
}
