using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Writes a <see cref="DecodedFile"/> as JSON: the same tree as the text output, every value with its
/// wire type and byte offset, packed arrays in full.</summary>
internal sealed class JsonPrinter(KeyNames names)
{
    public string Print(DecodedFile file)
    {
        var output = new ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Envelope e = file.Envelope;
        w.WriteStartObject();
        w.WriteString("file", file.Path);
        w.WriteNumber("fileLength", file.FileLength);
        w.WriteStartObject("envelope");
        w.WriteString("modelName", e.ModelName);
        w.WriteNumber("schemaVersion", e.SchemaVersion);
        w.WriteString("fingerprint", Numbers.Hex(e.Fingerprint, 16));
        w.WriteNumber("headerLength", e.HeaderLength);
        w.WriteNumber("payloadLength", e.PayloadLength);
        w.WriteNumber("trailerLength", Envelope.TrailerLength);
        w.WriteBoolean("hasChecksum", e.HasChecksum);
        w.WriteString("checksum", Numbers.Hex(e.Checksum, 16));
        w.WriteString("computedChecksum", Numbers.Hex(file.ComputedChecksum, 16));
        if (file.ChecksumValid is bool valid) w.WriteBoolean("checksumValid", valid);
        else w.WriteNull("checksumValid");
        w.WriteEndObject();
        w.WritePropertyName("payload");
        WriteValue(w, file.Payload);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private void WriteValue(Utf8JsonWriter w, RawValue value)
    {
        w.WriteStartObject();
        switch (value)
        {
            case VarIntValue v:
                Header(w, "varint", v);
                w.WriteNumber("raw", v.Raw);
                w.WriteNumber("zigzag", v.ZigZag);
                break;
            case Fixed64Value f:
                Header(w, "fixed64", f);
                w.WritePropertyName("float64");
                Numbers.WriteJson(w, BitConverter.UInt64BitsToDouble(f.Bits));
                w.WriteString("bits", Numbers.Hex(f.Bits, 16));
                break;
            case Fixed32Value f:
                Header(w, "fixed32", f);
                w.WritePropertyName("float32");
                Numbers.WriteJson(w, BitConverter.UInt32BitsToSingle(f.Bits));
                w.WriteString("bits", Numbers.Hex(f.Bits, 8));
                break;
            case BytesValue b:
                Header(w, "bytes", b);
                w.WriteNumber("length", b.Bytes.Length);
                if (b.Text is not null) w.WriteString("utf8", b.Text);
                w.WriteString("hex", Convert.ToHexString(b.Bytes).ToLowerInvariant());
                break;
            case NullValue n:
                Header(w, "null", n);
                break;
            case PackedValue p:
                Header(w, "packed", p);
                w.WriteString("element", PackedElements.NameOf(p.Element));
                Dimensions(w, p.Dimensions);
                w.WriteStartArray("values");
                for (int i = 0, n = PackedReader.Count(p); i < n; i++) PackedReader.WriteJson(w, p, i);
                w.WriteEndArray();
                break;
            case ObjectValue obj:
                Header(w, "object", obj);
                w.WriteStartArray("fields");
                foreach (RawField field in obj.Fields)
                {
                    w.WriteStartObject();
                    w.WriteNumber("key", field.Key);
                    if (names.NameOf(field.Key) is string name) w.WriteString("name", name);
                    w.WritePropertyName("value");
                    WriteValue(w, field.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case SequenceValue seq:
                Header(w, "sequence", seq);
                Dimensions(w, seq.Dimensions);
                w.WriteStartArray("items");
                foreach (RawValue item in seq.Items) WriteValue(w, item);
                w.WriteEndArray();
                break;
            case MapValue map:
                Header(w, "map", map);
                w.WriteStartArray("entries");
                foreach (var entry in map.Entries)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("key");
                    WriteValue(w, entry.Key);
                    w.WritePropertyName("value");
                    WriteValue(w, entry.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
        }
        w.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter w, string wireType, RawValue value)
    {
        w.WriteString("wireType", wireType);
        w.WriteNumber("offset", value.Offset);
    }

    private static void Dimensions(Utf8JsonWriter w, int[] dims)
    {
        w.WriteStartArray("dimensions");
        foreach (int d in dims) w.WriteNumberValue(d);
        w.WriteEndArray();
    }
}
