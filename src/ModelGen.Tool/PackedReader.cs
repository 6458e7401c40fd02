using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Reads single elements of a packed array (little-endian, docs/format.md §2.1) for display.</summary>
internal static class PackedReader
{
    public static int Count(PackedValue packed) => packed.Data.Length / PackedElements.SizeOf(packed.Element);

    public static string Format(PackedValue packed, int index)
    {
        ReadOnlySpan<byte> b = Element(packed, index);
        return packed.Element switch
        {
            PackedElement.Boolean => b[0] != 0 ? "true" : "false",
            PackedElement.Byte => b[0].ToString(CultureInfo.InvariantCulture),
            PackedElement.SByte => ((sbyte)b[0]).ToString(CultureInfo.InvariantCulture),
            PackedElement.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.Int64 => BinaryPrimitives.ReadInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture),
            PackedElement.Single => Numbers.Format(BinaryPrimitives.ReadSingleLittleEndian(b)),
            PackedElement.Double => Numbers.Format(BinaryPrimitives.ReadDoubleLittleEndian(b)),
            PackedElement.Half => Numbers.Format(BinaryPrimitives.ReadHalfLittleEndian(b)),
            PackedElement.Char => Numbers.Quote(((char)BinaryPrimitives.ReadUInt16LittleEndian(b)).ToString()),
            _ => "?",
        };
    }

    public static void WriteJson(Utf8JsonWriter writer, PackedValue packed, int index)
    {
        ReadOnlySpan<byte> b = Element(packed, index);
        switch (packed.Element)
        {
            case PackedElement.Boolean: writer.WriteBooleanValue(b[0] != 0); break;
            case PackedElement.Byte: writer.WriteNumberValue(b[0]); break;
            case PackedElement.SByte: writer.WriteNumberValue((sbyte)b[0]); break;
            case PackedElement.Int16: writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(b)); break;
            case PackedElement.UInt16: writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(b)); break;
            case PackedElement.Int32: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(b)); break;
            case PackedElement.UInt32: writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(b)); break;
            case PackedElement.Int64: writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(b)); break;
            case PackedElement.UInt64: writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(b)); break;
            case PackedElement.Single: Numbers.WriteJson(writer, BinaryPrimitives.ReadSingleLittleEndian(b)); break;
            case PackedElement.Double: Numbers.WriteJson(writer, BinaryPrimitives.ReadDoubleLittleEndian(b)); break;
            case PackedElement.Half: Numbers.WriteJson(writer, BinaryPrimitives.ReadHalfLittleEndian(b)); break;
            case PackedElement.Char: writer.WriteStringValue(((char)BinaryPrimitives.ReadUInt16LittleEndian(b)).ToString()); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static ReadOnlySpan<byte> Element(PackedValue packed, int index)
    {
        int size = PackedElements.SizeOf(packed.Element);
        return packed.Data.AsSpan(index * size, size);
    }
}

/// <summary>Number formatting shared by the text and JSON output: shortest round-trip text, invariant culture,
/// non-finite values as strings in JSON, and a NaN other than the type's own as "NaN:" and its bits (as ModelJson
/// writes them, so that the output shows a NaN's sign and payload).</summary>
internal static class Numbers
{
    public static string Format(double value) => double.IsNaN(value) ? NaNText.Format(value) : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(float value) => float.IsNaN(value) ? NaNText.Format(value) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A Half as the float it widens to, but a NaN with its own bits.</summary>
    public static string Format(Half value) => Half.IsNaN(value) ? NaNText.Format(value) : Format((float)value);

    public static string Hex(ulong value, int digits) => "0x" + value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Quotes a string the way JSON does (with escapes), for the text output.</summary>
    public static string Quote(string text)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            writer.WriteStringValue(text);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void WriteJson(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(Format(value));
    }

    public static void WriteJson(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(Format(value));
    }

    public static void WriteJson(Utf8JsonWriter writer, Half value)
    {
        if (Half.IsFinite(value)) writer.WriteNumberValue((float)value);
        else writer.WriteStringValue(Format(value));
    }
}
