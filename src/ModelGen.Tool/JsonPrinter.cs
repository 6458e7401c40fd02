using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Writes a <see cref="DecodedFile"/> as JSON: the same tree as the text output, every value with its
/// wire type and byte offset, and its declared type and value where an assembly gives the schema. Arrays, maps and
/// byte strings longer than the bounds are cut, and the node says how much was left out (<c>"omitted"</c>).</summary>
internal sealed class JsonPrinter(KeyNames names, TypedValues types, OutputBounds bounds)
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
        w.WriteNumber("formatVersion", file.FormatVersion);
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
        if (file.Table is { } table) WriteTable(w, table);
        w.WritePropertyName("payload");
        WriteValue(w, file.Payload, types.ModelType(e.ModelName));
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The schema table of a format-2 file, as it is written (docs/format.md §9.2).</summary>
    private static void WriteTable(Utf8JsonWriter w, SchemaTable table)
    {
        w.WriteStartObject("schemaTable");
        w.WriteNumber("offset", table.Offset);
        w.WriteNumber("length", table.Length);
        w.WriteStartArray("entries");
        foreach (SchemaTableEntry entry in table.Entries)
        {
            w.WriteStartObject();
            w.WriteString("name", entry.Name);
            w.WriteNumber("schemaVersion", entry.SchemaVersion);
            w.WriteString("fingerprint", Numbers.Hex(entry.Fingerprint, 16));
            if (entry.Members is { } members)
            {
                w.WriteStartArray("members");
                foreach (SchemaTableMember m in members)
                {
                    w.WriteStartObject();
                    w.WriteNumber("key", m.Key);
                    w.WriteString("name", m.Name);
                    w.WriteString("type", m.Type);
                    w.WriteString("wireType", m.WireType.ToString());
                    w.WriteBoolean("nullable", m.Nullable);
                    if (m.ModelRef is int r) w.WriteNumber("modelRef", r);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (entry.Cases is { } cases)
            {
                w.WriteStartArray("cases");
                foreach (SchemaTableCase c in cases)
                {
                    w.WriteStartObject();
                    w.WriteString("tag", c.Tag);
                    w.WriteNumber("entry", c.Entry);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter w, RawValue value, string? type)
    {
        w.WriteStartObject();
        if (type is not null)
        {
            w.WriteString("type", type);
            // "uint64 18446744073709551615" -> the value after the type name
            if (types.Format(value, type) is string typed) w.WriteString("decoded", typed[(typed.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        }
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
                int bytesShown = Math.Min(b.Bytes.Length, bounds.MaxBytes);
                if (b.Text is not null) w.WriteString("utf8", bytesShown == b.Bytes.Length ? b.Text : Encoding.UTF8.GetString(b.Bytes, 0, bytesShown).TrimEnd('\uFFFD'));
                w.WriteString("hex", Convert.ToHexString(b.Bytes, 0, bytesShown).ToLowerInvariant());
                Omitted(w, b.Bytes.Length - bytesShown);
                break;
            case NullValue n:
                Header(w, "null", n);
                break;
            case PackedValue p:
                Header(w, "packed", p);
                w.WriteString("element", PackedElements.NameOf(p.Element));
                Dimensions(w, p.Dimensions);
                w.WriteStartArray("values");
                int count = PackedReader.Count(p), shown = Math.Min(count, bounds.MaxElements);
                for (int i = 0; i < shown; i++) PackedReader.WriteJson(w, p, i);
                w.WriteEndArray();
                Omitted(w, count - shown);
                break;
            case ObjectValue obj:
                Header(w, "object", obj);
                if (obj.Model is not null) w.WriteString("model", obj.Model);
                if (obj.UnionTag is not null) w.WriteString("unionTag", obj.UnionTag);
                string? objectType = obj.Model is null ? type : "model:" + obj.Model;
                w.WriteStartArray("fields");
                foreach (RawField field in obj.Fields)
                {
                    w.WriteStartObject();
                    w.WriteNumber("key", field.Key);
                    if ((field.Name ?? names.NameOf(field.Key)) is string name) w.WriteString("name", name);
                    if (field.Extension) w.WriteBoolean("extension", true);
                    w.WritePropertyName("value");
                    WriteValue(w, field.Value, field.Type ?? types.FieldType(objectType, obj, field.Key));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case SequenceValue seq:
                Header(w, "sequence", seq);
                Dimensions(w, seq.Dimensions);
                w.WriteStartArray("items");
                int index = 0;
                foreach (RawValue item in seq.Items.Take(bounds.MaxElements)) WriteValue(w, item, TypedValues.ItemType(type, index++));
                w.WriteEndArray();
                Omitted(w, seq.Items.Count - Math.Min(seq.Items.Count, bounds.MaxElements));
                break;
            case MapValue map:
                Header(w, "map", map);
                w.WriteNumber("count", map.Entries.Count);
                w.WriteStartArray("entries");
                (string? keyType, string? valueType) = TypedValues.MapTypes(type);
                foreach (var entry in map.Entries.Take(bounds.MaxElements))
                {
                    w.WriteStartObject();
                    w.WritePropertyName("key");
                    WriteValue(w, entry.Key, keyType);
                    w.WritePropertyName("value");
                    WriteValue(w, entry.Value, valueType);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Omitted(w, map.Entries.Count - Math.Min(map.Entries.Count, bounds.MaxElements));
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>How many elements (or bytes) the bounds left out; written only when some were.</summary>
    private static void Omitted(Utf8JsonWriter w, int omitted)
    {
        if (omitted > 0) w.WriteNumber("omitted", omitted);
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
