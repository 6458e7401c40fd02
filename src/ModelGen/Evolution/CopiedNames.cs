using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>For generated readers and writers: a renamed member's value under its previous names in JSON and
/// dictionaries (docs/versioning.md, "A renamed member is written under its previous names too").
/// <para>A writer writes each member renamed with <c>[PreviousName]</c> under its name and, with the same value, under
/// each previous name (in the naming policy's form: the name an older build wrote it under), and records those copies
/// in <c>"$previousNames"</c>, each with a hash of its value as written. An older build then reads the value rather than
/// its default, keeps the new name and the record as unknown members, and writes back its own member under the old
/// name: the edit if it made one. A reader takes the value under a recorded name when it no longer matches its hash (a
/// copy changed since it was written: an older build's edit, or a person's); otherwise the usual rule holds — the
/// current name wins, then a previous name — so an edit of the current name by hand is read too. Without the record
/// (data of builds before this, hand-written documents) the usual rule holds.</para>
/// <para>The hash is XXH3-64 over the value's JSON as every form holds it (<see cref="Canonical"/>: scalars by their
/// text, objects in the order of their names, whitespace, escapes, nulls and configuration's spellings aside): the JSON
/// writer hashes the value it writes, the dictionary writer and the readers of dictionaries and binary a plain value's
/// JSON form (<see cref="PlainJson"/>), the JSON reader the document. A value that differs in another way (a float a
/// narrower type rounded) counts as changed, which makes a copy win that holds that value.</para></summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CopiedNames
{
    /// <summary>The member that records an object's copies: <c>"$previousNames": {"optimizer": "5d1c…"}</c>.</summary>
    public const string Member = "$previousNames";

    private const string Expected = "expected an object of member names and 16 hex digits";

    /// <summary>Reads the record (an object of names and hashes; the reader is at its start). A name the model knows
    /// (<paramref name="names"/>) is not made a string.</summary>
    /// <exception cref="ModelFormatException">Anything else.</exception>
    public static CopyRecord Read(ref Utf8JsonReader reader, MemberNames names)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw JsonRead.Error(ref reader, Expected).InMember(Member);
        var copied = new CopyRecord();
        while (true)
        {
            JsonRead.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return copied;
            string name = names.Known(ref reader) ?? JsonRead.GetString(ref reader);
            JsonRead.Next(ref reader);
            // (The digits as they are, without a string: a writer never escapes them.)
            ulong hash = 0;
            bool parsed = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length == 16
                && ulong.TryParse(reader.ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
            if (!parsed && !(reader.TokenType == JsonTokenType.String && TryParse(JsonRead.GetString(ref reader), out hash)))
                throw JsonRead.Error(ref reader, Expected).InMember(Member);
            copied.Add(name, hash);
        }
    }

    /// <summary>Reads the record from a dictionary's value (a dictionary of names and hashes, or a JSON object).</summary>
    /// <exception cref="ModelFormatException">Anything else.</exception>
    public static CopyRecord Read(object? value)
    {
        var copied = new CopyRecord();
        if (value is JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            foreach (JsonProperty entry in element.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String || !TryParse(entry.Value.GetString()!, out ulong hash)) throw NotARecord();
                copied.Add(entry.Name, hash);
            }
            return copied;
        }
        if (value is not IEnumerable<KeyValuePair<string, object?>> entries) throw NotARecord();
        foreach (KeyValuePair<string, object?> entry in entries)
        {
            string? text = entry.Value as string ?? (entry.Value is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString() : null);
            if (text is null || !TryParse(text, out ulong hash)) throw NotARecord();
            copied.Add(entry.Key, hash);
        }
        return copied;
    }

    private static ModelFormatException NotARecord() => new ModelFormatException(Expected).InMember(Member);

    private static bool TryParse(string text, out ulong hash) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash) && text.Length == 16;

    private static string Format(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    // Whether a reader copy was taken (at the start of a value found under a name).
    private static bool Found(in Utf8JsonReader at) => at.TokenType != JsonTokenType.None;

    /// <summary>Whether the value found under <paramref name="name"/> (<paramref name="at"/>, its start) is a recorded
    /// copy that no longer matches its hash: an edit since it was written. Not hashed when it is the value found under
    /// the current name (<paramref name="current"/>; none for the current name itself) token for token: taking it would
    /// change nothing (the usual case, a document no one edited, costs a comparison).</summary>
    public static bool Changed(in CopyRecord copied, string name, in Utf8JsonReader at, in Utf8JsonReader current) =>
        Found(at) && copied.TryGetValue(name, out ulong hash) && !(Found(current) && Same(at, current)) && Hash(at) != hash;

    /// <summary>Whether the value found under another name of a renamed member than its current name and copies
    /// (<paramref name="at"/>: another form of a previous name, or another spelling, which an older build of another
    /// naming policy writes back) no longer matches the recorded hash of the member's copies
    /// (<paramref name="copyNames"/>): an edit since the record was written. As <see cref="Changed(in CopyRecord, string, in Utf8JsonReader, in Utf8JsonReader)"/>.</summary>
    public static bool ChangedOther(in CopyRecord copied, in Utf8JsonReader at, in Utf8JsonReader current, params string[] copyNames) =>
        Found(at) && Recorded(copied, copyNames) is { } hash && !(Found(current) && Same(at, current)) && Hash(at) != hash;

    // The hash recorded for the member's copies (each copy of one member holds the same value), if any is recorded.
    private static ulong? Recorded(in CopyRecord copied, ReadOnlySpan<string> copyNames)
    {
        foreach (string name in copyNames)
            if (copied.TryGetValue(name, out ulong hash)) return hash;
        return null;
    }

    // Whether two readers, each at the start of a value, hold the same JSON value token for token (names and strings
    // unescaped, numbers as written).
    private static bool Same(in Utf8JsonReader first, in Utf8JsonReader second)
    {
        Utf8JsonReader a = first, b = second;
        int depth = a.CurrentDepth;
        while (true)
        {
            if (a.TokenType != b.TokenType || !SameToken(ref a, ref b)) return false;
            if (a.CurrentDepth == depth && a.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
            // Both values were read once already: these reads cannot fail.
            if (!a.Read() || !b.Read()) return false;
        }
    }

    private static bool SameToken(ref Utf8JsonReader a, ref Utf8JsonReader b)
    {
        switch (a.TokenType)
        {
            case JsonTokenType.PropertyName or JsonTokenType.String:
                if (!a.ValueIsEscaped && !b.ValueIsEscaped && !a.HasValueSequence && !b.HasValueSequence) return a.ValueSpan.SequenceEqual(b.ValueSpan);
                return a.GetString() == b.GetString();
            case JsonTokenType.Number:
                return (a.HasValueSequence ? a.ValueSequence.ToArray() : a.ValueSpan).SequenceEqual(b.HasValueSequence ? b.ValueSequence.ToArray() : b.ValueSpan);
            default:
                return true;
        }
    }

    /// <summary>Whether the plain value a member read from binary (by key: the value an older build wrote under one of
    /// <paramref name="names"/>) differs from what any of those names was recorded with: it was edited, and wins over
    /// the value an older build kept by the current name.</summary>
    public static bool Changed(in CopyRecord copied, object? value, params string[] names)
    {
        bool hashed = false;
        ulong? hash = null;
        foreach (string name in names)
        {
            if (!copied.TryGetValue(name, out ulong recorded)) continue;
            if (!hashed) (hash, hashed) = (HashPlain(value), true);
            if (hash is { } h && h != recorded) return true;
        }
        return false;
    }

    /// <summary>The dictionary key whose value a renamed member takes (<paramref name="names"/>: its name, then the
    /// names it has copies under; <paramref name="other"/>: the key it was found under otherwise, if any — another form
    /// of a previous name or another spelling, which an older build of another naming policy writes back): the first
    /// recorded name whose value no longer matches its hash, then <paramref name="other"/> if its value no longer matches
    /// the hash of the copies; null when none (the usual rule decides). A value equal to the current name's is not
    /// hashed: taking it would change nothing (an unedited dictionary costs a comparison).</summary>
    public static string? Winner(IReadOnlyDictionary<string, object?> values, in CopyRecord copied, string? other, params string[] names)
    {
        foreach (string name in names)
        {
            if (copied.TryGetValue(name, out ulong recorded) && values.TryGetValue(name, out object? value) && Edited(name, value, recorded))
                return name;
        }
        if (other is not null && Recorded(copied, names.AsSpan(1)) is { } copies && values.TryGetValue(other, out object? otherValue)
            && Edited(other, otherValue, copies))
            return other;
        return null;

        bool Edited(string name, object? value, ulong recorded) =>
            !(name != names[0] && values.TryGetValue(names[0], out object? current) && SamePlain(value, current, 0))
            && HashPlain(value) is { } hash && hash != recorded;
    }

    // Plain values equal item for item (lists, string-keyed maps, scalars of one type by Equals); false when unsure.
    private static bool SamePlain(object? a, object? b, int depth)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || depth > 64) return false;
        switch (a)
        {
            case string text:
                return b is string otherText && text == otherText;
            // By their bits: -0.0 is another value than 0.0 (and a NaN's payload is kept).
            case double d:
                return b is double e && BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e);
            case float f:
                return b is float g && BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g);
            case IReadOnlyDictionary<string, object?> map when b is IReadOnlyDictionary<string, object?> other:
                if (map.Count != other.Count) return false;
                foreach (KeyValuePair<string, object?> entry in map)
                    if (!other.TryGetValue(entry.Key, out object? item) || !SamePlain(entry.Value, item, depth + 1)) return false;
                return true;
            case System.Collections.IList list when b is System.Collections.IList items && a.GetType() == b.GetType():
                if (list.Count != items.Count) return false;
                for (int i = 0; i < list.Count; i++)
                    if (!SamePlain(list[i], items[i], depth + 1)) return false;
                return true;
            default:
                return a.GetType() == b.GetType() && a.GetType().IsPrimitive && a.Equals(b);
        }
    }

    /// <summary>The hash of a JSON value, the reader at its start (which it does not move).</summary>
    private static ulong Hash(in Utf8JsonReader at)
    {
        Utf8JsonReader reader = at;
        return Canonical(ref reader);
    }

    // The hash of the value at the reader (left at its last token), the same for every form that value takes where a
    // reader of strings (configuration, a [Hyperparameters] type) reads the same value: a scalar by its text alone (a
    // string unescaped, a number and a string that is a JSON number by its value (Number), true and false, and "True"
    // and "False" as configuration gives them, in lower case); an array by its items' hashes, an empty one as the empty
    // string (configuration's empty array); an object by its members' names and hashes in ordinal order of their names
    // (configuration orders keys its own way), without the members that are null or empty objects (configuration has
    // neither). docs/versioning.md gives the bytes.
    private static ulong Canonical(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<(byte[] Name, ulong Value)>();
                // The value was read once already: these reads cannot fail.
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    byte[] name = Text(ref reader);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    ulong value = Canonical(ref reader);
                    if (value != EmptyObject) members.Add((name, value));
                }
                members.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name) is var c and not 0 ? c : a.Value.CompareTo(b.Value));
                var hash = new XxHash3();
                hash.Append("o"u8);
                Span<byte> number = stackalloc byte[8];
                foreach ((byte[] name, ulong value) in members)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(number, name.Length);
                    hash.Append(number.Slice(0, 4));
                    hash.Append(name);
                    BinaryPrimitives.WriteUInt64LittleEndian(number, value);
                    hash.Append(number);
                }
                return hash.GetCurrentHashAsUInt64();
            }
            case JsonTokenType.StartArray:
            {
                XxHash3? hash = null;
                Span<byte> number = stackalloc byte[8];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (hash is null)
                    {
                        hash = new XxHash3();
                        hash.Append("a"u8);
                    }
                    BinaryPrimitives.WriteUInt64LittleEndian(number, Canonical(ref reader));
                    hash.Append(number);
                }
                return hash?.GetCurrentHashAsUInt64() ?? Scalar(default);
            }
            case JsonTokenType.String:
                return StringScalar(Text(ref reader));
            case JsonTokenType.Number:
                return Number(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return Scalar("true"u8);
            case JsonTokenType.False:
                return Scalar("false"u8);
            default:
                return XxHash3.HashToUInt64("n"u8);
        }
    }

    // A string's scalar by its text (unescaped): "True" and "False" as configuration gives booleans, in lower case; a
    // string that is a JSON number by its value (Number).
    private static ulong StringScalar(ReadOnlySpan<byte> text)
    {
        if (Ascii.EqualsIgnoreCase(text, "true"u8)) return Scalar("true"u8);
        if (Ascii.EqualsIgnoreCase(text, "false"u8)) return Scalar("false"u8);
        return Number(text);
    }

    // A number's scalar by its value and scale: its digits without leading and trailing zeros, its exponent and the
    // digits after the point written without an exponent ("1E-05", "0.00001" and "1.0e-5" are "1e-5s5"; 1.10 is
    // "11e-1s2", 1.1 "11e-1s1"; zero "0s0", -0.00 "-0s2"), as PostgreSQL's jsonb rewrites numbers and configuration
    // gives them as text; any other text as it is.
    private static ulong Number(ReadOnlySpan<byte> text)
    {
        // (The canonical text is at most 24 bytes longer: an exponent, a scale and their letters.)
        byte[]? rented = text.Length < 200 ? null : ArrayPool<byte>.Shared.Rent(text.Length + 32);
        Span<byte> canonical = rented ?? stackalloc byte[232];
        ulong hash = Scalar(TryCanonicalNumber(text, canonical, out int written) ? canonical.Slice(0, written) : text);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    private static bool TryCanonicalNumber(ReadOnlySpan<byte> text, Span<byte> into, out int written)
    {
        written = 0;
        int i = 0;
        bool negative = i < text.Length && text[i] == '-';
        if (negative) i++;
        int intStart = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i])) i++;
        int intEnd = i;
        // JSON's grammar: digits, no leading zero.
        if (intEnd == intStart || (intEnd - intStart > 1 && text[intStart] == '0')) return false;
        int fracStart = i, fracEnd = i;
        if (i < text.Length && text[i] == '.')
        {
            fracStart = ++i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i])) i++;
            fracEnd = i;
            if (fracEnd == fracStart) return false;
        }
        long exponent = 0;
        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            bool below = i < text.Length && text[i] == '-';
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-') i++;
            int expStart = i;
            for (; i < text.Length && char.IsAsciiDigit((char)text[i]); i++)
                if (exponent < 1_000_000_000) exponent = exponent * 10 + (text[i] - '0');
            if (i == expStart) return false;
            if (below) exponent = -exponent;
        }
        if (i != text.Length) return false;
        exponent -= fracEnd - fracStart;
        // The digits after the point when the number is written without an exponent, which jsonb keeps (1.10 stays
        // 1.10, 1.50E+1 is 15.0): a decimal's scale is part of its value (1.10m is not 1.1m).
        long scale = Math.Max(0, -exponent);
        int at = 0;
        if (negative) into[at++] = (byte)'-';
        int digits = at;
        for (int k = intStart; k < fracEnd; k++)
        {
            if (k == intEnd && fracEnd > intEnd) continue; // the point
            if (at > digits || text[k] != '0') into[at++] = text[k];
        }
        if (at == digits)
        {
            // Zero, with its sign (-0.0 is not 0.0; jsonb gives -0 back as 0, which then counts as an edit of the
            // copy: the same value as the current name, which jsonb rewrote alike).
            into[at++] = (byte)'0';
        }
        else
        {
            while (into[at - 1] == '0')
            {
                at--;
                exponent++;
            }
            into[at++] = (byte)'e';
            exponent.TryFormat(into.Slice(at), out int length, default, CultureInfo.InvariantCulture);
            at += length;
        }
        into[at++] = (byte)'s';
        scale.TryFormat(into.Slice(at), out int scaleLength, default, CultureInfo.InvariantCulture);
        written = at + scaleLength;
        return true;
    }

    // The hash of an object without members: such a member is left out, as configuration leaves it out.
    private static readonly ulong EmptyObject = XxHash3.HashToUInt64("o"u8);

    private static ulong Scalar(ReadOnlySpan<byte> text)
    {
        // One shot, without a hasher object: an array of a million numbers hashes a million scalars.
        byte[]? rented = text.Length < 256 ? null : ArrayPool<byte>.Shared.Rent(text.Length + 1);
        Span<byte> input = rented ?? stackalloc byte[256];
        input[0] = (byte)'s';
        text.CopyTo(input.Slice(1));
        ulong hash = XxHash3.HashToUInt64(input.Slice(0, text.Length + 1));
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    // A name's or string's text, unescaped.
    private static byte[] Text(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return reader.ValueSpan.ToArray();
        byte[] text = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        return text.AsSpan(0, reader.CopyString(text)).ToArray();
    }

    /// <summary>The hash of a JSON text holding one value, as a writer wrote it (no white space around a scalar).</summary>
    private static ulong Hash(ReadOnlySpan<byte> json)
    {
        // A number, or a string without escapes, hashed from its text: most renamed members are scalars, and their
        // copies are hashed on every write.
        if (json.Length > 0 && (char.IsAsciiDigit((char)json[0]) || json[0] == '-')) return Number(json);
        if (json.Length >= 2 && json[0] == '"' && json[^1] == '"' && json.Slice(1, json.Length - 2).IndexOfAny((byte)'\\', (byte)'"') < 0)
            return StringScalar(json.Slice(1, json.Length - 2));
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        reader.Read();
        return Hash(in reader);
    }

    /// <summary>The hash of a plain value's JSON form; null for a value without one (never taken for an edit).</summary>
    private static ulong? HashPlain(object? value)
    {
        if (!PlainJson.CanWrite(value)) return null;
        using var json = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { SkipValidation = true })) PlainJson.Write(writer, value);
        return Hash(json.WrittenSpan);
    }

    /// <summary>A writer of a renamed member's value into a buffer, escaping as <paramref name="writer"/> does
    /// (<see cref="MemberCodec{T, TCodec}.WriteJsonCopies"/>): the thread's spare one when it is free (a renamed member
    /// inside another one's value takes a new one), given back with <see cref="Return"/>.</summary>
    internal static ScratchWriter Rent(Utf8JsonWriter writer)
    {
        ScratchWriter? scratch = t_spare;
        t_spare = null;
        if (scratch is null || scratch.Writer.Options.Encoder != writer.Options.Encoder) return new ScratchWriter(writer.Options.Encoder);
        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch.Buffer);
        return scratch;
    }

    internal static void Return(ScratchWriter scratch)
    {
        // (A buffer grown past 1 MiB for a large member is let go.)
        if (scratch.Buffer.Capacity <= 1 << 20) t_spare = scratch;
    }

    [ThreadStatic] private static ScratchWriter? t_spare;

    internal sealed class ScratchWriter
    {
        public ScratchWriter(System.Text.Encodings.Web.JavaScriptEncoder? encoder) =>
            Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });

        public ArrayBufferWriter<byte> Buffer { get; } = new(256);

        public Utf8JsonWriter Writer { get; }
    }

    /// <summary>Writes a renamed member's value, written once into <paramref name="json"/>, under its name and each of
    /// its copies' names; returns the hash that records it.</summary>
    internal static ulong WriteCopies(Utf8JsonWriter writer, MemberNames names, int member, ReadOnlySpan<byte> json)
    {
        writer.WritePropertyName(names.Json[member]);
        WriteValue(writer, json);
        foreach (JsonEncodedText copy in names.CopiesOf(member))
        {
            writer.WritePropertyName(copy);
            WriteValue(writer, json);
        }
        return Hash(json);
    }

    // A compact writer takes the text as it is; an indented one through a JsonElement, which it indents (a raw value
    // would keep the compact text, numbers included, on one line).
    private static void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<byte> json)
    {
        if (!writer.Options.Indented)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        JsonElement.ParseValue(ref reader).WriteTo(writer);
    }

    /// <summary>Keeps a record read from data for the next write, when it names copies this model does not write itself
    /// (a newer build's): an older build writes them back as it found them.</summary>
    public static void Keep(ref UnknownMembers? unknown, in CopyRecord copied, MemberNames names)
    {
        if (copied.NamesOthers(names)) (unknown ??= new UnknownMembers()).CopiedNames = copied.ToDictionary();
    }

    /// <summary>Writes the record of a model with one renamed member: its copies, with <paramref name="hash"/>, and those
    /// of the data it was read from (without the array of the overload for several).</summary>
    public static void Write(Utf8JsonWriter writer, MemberNames names, UnknownMembers? kept, ulong hash) =>
        Write(writer, names, kept, new ReadOnlySpan<ulong>(in hash));

    /// <summary>Writes the record: this model's copies, with <paramref name="hashes"/> (one a renamed member, in the
    /// order of the members), and those of the data it was read from.</summary>
    public static void Write(Utf8JsonWriter writer, MemberNames names, UnknownMembers? kept, params ulong[] hashes) =>
        Write(writer, names, kept, hashes.AsSpan());

    private static void Write(Utf8JsonWriter writer, MemberNames names, UnknownMembers? kept, ReadOnlySpan<ulong> hashes)
    {
        if (NothingToRecord(names, kept)) return;
        // Names encoded once and the digits on the stack: every JSON write of a model with renamed members writes it.
        writer.WriteStartObject(EncodedMember);
        Span<byte> digits = stackalloc byte[16];
        for (int i = 0; i < names.CopiedMembers.Length; i++)
        {
            hashes[i].TryFormat(digits, out _, "x16", CultureInfo.InvariantCulture);
            foreach (JsonEncodedText copy in names.CopiesOf(names.CopiedMembers[i])) writer.WriteString(copy, digits);
        }
        if (kept?.CopiedNames is { } more)
        {
            foreach (KeyValuePair<string, ulong> copy in more)
            {
                if (names.OwnsCopy(copy.Key)) continue;
                copy.Value.TryFormat(digits, out _, "x16", CultureInfo.InvariantCulture);
                writer.WriteString(copy.Key, digits);
            }
        }
        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText EncodedMember = JsonEncodedText.Encode(Member);

    // A model whose copies are all unwritten writes a record only to give back a newer build's.
    private static bool NothingToRecord(MemberNames names, UnknownMembers? kept) => names.CopiedMembers.Length == 0 && kept?.CopiedNames is null;

    /// <summary>The record as a dictionary's value, hashing each renamed member's plain value in <paramref name="values"/>
    /// (the dictionary being written): this model's copies, then those of the kept record it does not write itself, as
    /// <see cref="Write(Utf8JsonWriter, MemberNames, UnknownMembers?, ulong[])"/> writes them.</summary>
    public static Dictionary<string, object?>? Plain(MemberNames names, UnknownMembers? kept, Dictionary<string, object?> values)
    {
        if (NothingToRecord(names, kept)) return null;
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (int member in names.CopiedMembers)
        {
            // (A value without a JSON form is not recorded: its copies never win.)
            if (HashPlain(values[names.Name(member)]) is not { } hash) continue;
            foreach (string name in names.CopyNamesOf(member)) record[name] = Format(hash);
        }
        if (kept?.CopiedNames is { } more)
        {
            foreach (KeyValuePair<string, ulong> copy in more)
                if (!names.OwnsCopy(copy.Key)) record[copy.Key] = Format(copy.Value);
        }
        return record;
    }

    /// <summary>A record as a plain value: names to hashes in hex.</summary>
    internal static Dictionary<string, object?> Plain(IEnumerable<KeyValuePair<string, ulong>> copies)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, ulong> copy in copies) record[copy.Key] = Format(copy.Value);
        return record;
    }
}
