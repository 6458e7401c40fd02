using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>How much of each large value the output shows: elements of packed arrays, sequences and maps, and the
/// characters of strings and bytes. What is left out is counted in the output.</summary>
internal sealed record OutputBounds(int MaxElements, int MaxTextLength, int MaxBytes)
{
    public static OutputBounds Everything { get; } = new(int.MaxValue, int.MaxValue, int.MaxValue);

    /// <summary>e.g. 49,990: counts of what was left out are read by people.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Writes a <see cref="DecodedFile"/> for people: the envelope, then one line per field, nested by indentation;
/// values as their declared types where an assembly gives the schema.</summary>
internal sealed class TextPrinter(TextWriter output, KeyNames names, TypedValues types, OutputBounds bounds)
{
    public void Print(DecodedFile file)
    {
        Envelope e = file.Envelope;
        output.WriteLine($"file         {file.Path} ({file.FileLength} bytes)");
        output.WriteLine($"model        {e.ModelName}");
        output.WriteLine($"schema       version {e.SchemaVersion}");
        output.WriteLine($"fingerprint  {Numbers.Hex(e.Fingerprint, 16)}");
        output.WriteLine($"sizes        header {e.HeaderLength}, payload {e.PayloadLength}, trailer {Envelope.TrailerLength} bytes");
        output.WriteLine(file.ChecksumValid switch
        {
            true => $"checksum     {Numbers.Hex(e.Checksum, 16)} (XXH3-64) valid",
            false => $"checksum     {Numbers.Hex(e.Checksum, 16)} (XXH3-64) MISMATCH: computed {Numbers.Hex(file.ComputedChecksum, 16)}",
            null => "checksum     none (written without a checksum)",
        });
        output.WriteLine($"format       version {file.FormatVersion}");
        if (file.Table is { } table) WriteTable(table);
        output.WriteLine(file.FormatVersion == 1
            ? "payload      (field keys, with names where known; varints zigzag-decoded)"
            : "payload      (member keys and names from the schema table; varints zigzag-decoded; kept: extension fields)");
        WriteFields(file.Payload, types.ModelType(e.ModelName), 1);
    }

    /// <summary>The schema table of a format-2 file: each entry with its members (key, name, type) or union cases.</summary>
    private void WriteTable(SchemaTable table)
    {
        output.WriteLine($"schema table {table.Entries.Count} {(table.Entries.Count == 1 ? "entry" : "entries")}, {table.Length} bytes");
        for (int i = 0; i < table.Entries.Count; i++)
        {
            SchemaTableEntry entry = table.Entries[i];
            output.WriteLine($"  [{i}] {entry.Name} version {entry.SchemaVersion}, fingerprint {Numbers.Hex(entry.Fingerprint, 16)}");
            foreach (SchemaTableMember m in entry.Members ?? [])
                output.WriteLine($"      {m.Key} {m.Name}: {m.Type} ({m.WireType}{(m.ModelRef is int r ? $", entry {r}" : "")})");
            foreach (SchemaTableCase c in entry.Cases ?? [])
                output.WriteLine($"      case {Numbers.Quote(c.Tag)}: entry {c.Entry} ({table.Entries[c.Entry].Name})");
        }
    }

    private void WriteFields(ObjectValue obj, string? objectType, int depth)
    {
        foreach (RawField field in obj.Fields)
        {
            string? name = field.Name ?? names.NameOf(field.Key);
            string kept = field.Extension ? "kept " : "";
            Line(depth, $"{kept}{field.Key}{(name is null ? "" : $" ({name})")}: ", field.Value, field.Type ?? types.FieldType(objectType, obj, field.Key));
        }
    }

    private void Line(int depth, string prefix, RawValue value, string? type)
    {
        string indent = new(' ', depth * 2);
        switch (value)
        {
            case ObjectValue obj:
                string model = obj.Model is null ? "" : obj.UnionTag is null ? obj.Model + " " : $"{obj.Model} (union case {Numbers.Quote(obj.UnionTag)}) ";
                output.WriteLine($"{indent}{prefix}object {model}{{");
                WriteFields(obj, obj.Model is null ? type : "model:" + obj.Model, depth + 1);
                output.WriteLine($"{indent}}}");
                break;
            case SequenceValue seq:
            {
                output.WriteLine($"{indent}{prefix}sequence[{string.Join("x", seq.Dimensions)}] [");
                int shown = Math.Min(seq.Items.Count, bounds.MaxElements);
                for (int i = 0; i < shown; i++) Line(depth + 1, $"[{i}] ", seq.Items[i], TypedValues.ItemType(type, i));
                if (seq.Items.Count > shown) output.WriteLine($"{indent}  ... {OutputBounds.Count(seq.Items.Count - shown)} more {(seq.Items.Count - shown == 1 ? "item" : "items")}");
                output.WriteLine($"{indent}]");
                break;
            }
            case MapValue map:
            {
                output.WriteLine($"{indent}{prefix}map ({OutputBounds.Count(map.Entries.Count)} entries) {{");
                (string? keyType, string? valueType) = TypedValues.MapTypes(type);
                foreach (var entry in map.Entries.Take(bounds.MaxElements))
                {
                    if (Inline(entry.Key, keyType) is string key) Line(depth + 1, key + " => ", entry.Value, valueType);
                    else
                    {
                        Line(depth + 1, "key: ", entry.Key, keyType);
                        Line(depth + 1, "value: ", entry.Value, valueType);
                    }
                }
                if (map.Entries.Count > bounds.MaxElements) output.WriteLine($"{indent}  ... {OutputBounds.Count(map.Entries.Count - bounds.MaxElements)} more {(map.Entries.Count - bounds.MaxElements == 1 ? "entry" : "entries")}");
                output.WriteLine($"{indent}}}");
                break;
            }
            default:
                output.WriteLine($"{indent}{prefix}{Inline(value, type)}");
                break;
        }
    }

    /// <summary>A one-line rendering of a scalar or packed value; null for nested containers.</summary>
    private string? Inline(RawValue value, string? type) => types.Format(value, type) ?? value switch
    {
        VarIntValue v => $"varint {v.ZigZag} (raw {v.Raw})",
        Fixed64Value f => $"fixed64 {Numbers.Format(BitConverter.UInt64BitsToDouble(f.Bits))}",
        Fixed32Value f => $"fixed32 {Numbers.Format(BitConverter.UInt32BitsToSingle(f.Bits))}",
        BytesValue { Text: string text } => $"{(type is "string" or "string?" ? "string" : "bytes")} {Text(text)}",
        BytesValue b => $"bytes[{b.Bytes.Length}] {Hex(b.Bytes)}",
        NullValue => "null",
        PackedValue p => Packed(p),
        _ => null,
    };

    private string Text(string text)
    {
        if (text.Length <= bounds.MaxTextLength) return Numbers.Quote(text);
        int cut = char.IsHighSurrogate(text[bounds.MaxTextLength - 1]) ? bounds.MaxTextLength - 1 : bounds.MaxTextLength; // never half a pair
        return $"{Numbers.Quote(text[..cut])}... ({OutputBounds.Count(text.Length - cut)} more characters)";
    }

    private string Hex(byte[] bytes) => bytes.Length <= bounds.MaxBytes
        ? Convert.ToHexString(bytes).ToLowerInvariant()
        : $"{Convert.ToHexString(bytes, 0, bounds.MaxBytes).ToLowerInvariant()}... ({OutputBounds.Count(bytes.Length - bounds.MaxBytes)} more bytes)";

    private string Packed(PackedValue p)
    {
        int count = PackedReader.Count(p);
        int shown = Math.Min(count, bounds.MaxElements);
        string values = string.Join(", ", Enumerable.Range(0, shown).Select(i => PackedReader.Format(p, i)));
        string more = count > shown ? $", ... {OutputBounds.Count(count - shown)} more" : "";
        return $"packed {PackedElements.NameOf(p.Element)}[{string.Join("x", p.Dimensions)}] [{values}{more}]";
    }
}
