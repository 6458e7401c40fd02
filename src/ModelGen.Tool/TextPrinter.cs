using System;
using System.IO;
using System.Linq;
using ModelGen;
using ModelGen.Internal;

namespace ModelGen.Tool;

/// <summary>Writes a <see cref="DecodedFile"/> for people: the envelope, then one line per field, nested by indentation.</summary>
internal sealed class TextPrinter(TextWriter output, KeyNames names, int maxElements)
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
        output.WriteLine("payload      (field keys, with names where known; varints zigzag-decoded)");
        WriteFields(file.Payload, 1);
    }

    private void WriteFields(ObjectValue obj, int depth)
    {
        foreach (RawField field in obj.Fields)
        {
            string? name = names.NameOf(field.Key);
            Line(depth, $"{field.Key}{(name is null ? "" : $" ({name})")}: ", field.Value);
        }
    }

    private void Line(int depth, string prefix, RawValue value)
    {
        string indent = new(' ', depth * 2);
        switch (value)
        {
            case ObjectValue obj:
                output.WriteLine($"{indent}{prefix}object {{");
                WriteFields(obj, depth + 1);
                output.WriteLine($"{indent}}}");
                break;
            case SequenceValue seq:
                output.WriteLine($"{indent}{prefix}sequence[{string.Join("x", seq.Dimensions)}] [");
                for (int i = 0; i < seq.Items.Count; i++) Line(depth + 1, $"[{i}] ", seq.Items[i]);
                output.WriteLine($"{indent}]");
                break;
            case MapValue map:
                output.WriteLine($"{indent}{prefix}map ({map.Entries.Count} entries) {{");
                foreach (var entry in map.Entries)
                {
                    if (Inline(entry.Key) is string key) Line(depth + 1, key + " => ", entry.Value);
                    else
                    {
                        Line(depth + 1, "key: ", entry.Key);
                        Line(depth + 1, "value: ", entry.Value);
                    }
                }
                output.WriteLine($"{indent}}}");
                break;
            default:
                output.WriteLine($"{indent}{prefix}{Inline(value)}");
                break;
        }
    }

    /// <summary>A one-line rendering of a scalar or packed value; null for nested containers.</summary>
    private string? Inline(RawValue value) => value switch
    {
        VarIntValue v => $"varint {v.ZigZag} (raw {v.Raw})",
        Fixed64Value f => $"fixed64 {Numbers.Format(BitConverter.UInt64BitsToDouble(f.Bits))}",
        Fixed32Value f => $"fixed32 {Numbers.Format(BitConverter.UInt32BitsToSingle(f.Bits))}",
        BytesValue { Text: string text } => $"bytes {Numbers.Quote(text)}",
        BytesValue b => $"bytes[{b.Bytes.Length}] {Convert.ToHexString(b.Bytes).ToLowerInvariant()}",
        NullValue => "null",
        PackedValue p => Packed(p),
        _ => null,
    };

    private string Packed(PackedValue p)
    {
        int count = PackedReader.Count(p);
        int shown = Math.Min(count, maxElements);
        string values = string.Join(", ", Enumerable.Range(0, shown).Select(i => PackedReader.Format(p, i)));
        string more = count > shown ? $", ... {count - shown} more" : "";
        return $"packed {PackedElements.NameOf(p.Element)}[{string.Join("x", p.Dimensions)}] [{values}{more}]";
    }
}
