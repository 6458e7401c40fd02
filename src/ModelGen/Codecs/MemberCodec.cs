using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>One member's codec with its null handling, the member's type and codec given once. Generated code names one
/// per member with a using alias after the namespace declaration of the model's file
/// (<c>using __ModelGenCodec_Sizes = MemberCodec&lt;List&lt;int&gt;, ListCodec&lt;int, IntegerCodec&lt;int&gt;&gt;&gt;;</c>), so each
/// reader and writer calls <c>__ModelGenCodec_Sizes.ReadJson(...)</c> instead of spelling the codec out again. The
/// runtime's collections call the same code through <see cref="Codec"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemberCodec<T, TCodec> where TCodec : IModelCodec<T>
{
    /// <summary>Writes the member: its tag and value, or a null marker (format 1); its value (format 2, a member that
    /// cannot be null).</summary>
    public static void WriteField(ref ModelWriter writer, int key, T value)
    {
        if (writer.Check is not null)
        {
            Codec.CheckField<T, TCodec>(ref writer, key, value);
            return;
        }
        // The check refuses a null here (it was run before, or the strict write tried first refuses it too).
        if (value is null && writer.Strict) throw new ModelWriter.Refused();
        if (writer.Positional)
        {
            // Format 2: a member that cannot be null has no presence byte; short ASCII text without a call.
            if (typeof(TCodec) == typeof(StringCodec) && value is not null) writer.WriteShortString(Unsafe.As<string>(value));
            else TCodec.Write(ref writer, value);
            return;
        }
        if (typeof(TCodec) == typeof(StringCodec) && value is not null)
        {
            // Format 1's text member: its tag and short text in one room check (ModelWriter.WriteTaggedString).
            writer.WriteTaggedString(key, Unsafe.As<string>(value));
            return;
        }
        Codec.WriteTagged<T, TCodec>(ref writer, key, value);
    }

    /// <summary>Writes a member whose type admits null: its tag and value or a null marker (format 1), or a presence
    /// byte and the value (format 2).</summary>
    public static void WriteNullableField(ref ModelWriter writer, int key, T value)
    {
        if (writer.Check is not null)
        {
            Codec.CheckField<T, TCodec>(ref writer, key, value);
            return;
        }
        if (!writer.Positional)
        {
            // Format 1's double? and float? with a value: the tag and the value with one room check.
            if (typeof(TCodec) == typeof(NullableCodec<double, FloatCodec<double>>) && value is not null)
            {
                writer.WriteTaggedFixed(key, WireType.Fixed64, BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double?>(ref value).GetValueOrDefault()), 8);
                return;
            }
            if (typeof(TCodec) == typeof(NullableCodec<float, FloatCodec<float>>) && value is not null)
            {
                writer.WriteTaggedFixed(key, WireType.Fixed32, BitConverter.SingleToUInt32Bits(Unsafe.As<T, float?>(ref value).GetValueOrDefault()), 4);
                return;
            }
            Codec.WriteTagged<T, TCodec>(ref writer, key, value);
            return;
        }
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }
        writer.WriteByte(1);
        TCodec.Write(ref writer, value);
    }

    /// <summary>Records the member's wire type in a format 2 schema table (the model's <c>DescribeBinary</c>).</summary>
    public static void Describe(SchemaTableBuilder builder, int key) => builder.Member<T, TCodec>(key);

    /// <summary>Reads the member's value given its wire type; null only where <paramref name="nullable"/>.</summary>
    public static T ReadField(ref ModelReader reader, WireType wireType, bool nullable)
    {
        if (wireType == WireType.Marker)
        {
            if (nullable && default(T) is null) return default!;
            throw reader.Error("null for a value that cannot be null");
        }
        return TCodec.Read(ref reader, wireType);
    }

    /// <summary>Format 1: when the next field is this member's, tagged with <paramref name="key"/> and the codec's own
    /// wire type (as the writer writes a value), reads it and returns true; otherwise reads nothing and returns false
    /// (another field, a null, another wire type: the generated reader's loop reads what follows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ReadIfNext(ref ModelReader reader, int key, out T value)
    {
        if (!reader.NextTagIs(key, TCodec.WireType))
        {
            value = default!;
            return false;
        }
        value = TCodec.Read(ref reader, TCodec.WireType);
        return true;
    }

    /// <summary>Reads the member at <paramref name="index"/> of a straight frame (<see cref="ObjectFrame.Straight"/>), whose
    /// table entry says it is never null: its value, with the codec's own wire type, which the entry's is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadNext(ref ModelReader reader, in ObjectFrame frame, int index)
    {
        if (TCodec.WireType is WireType.Object or WireType.Sequence) reader.NextMember(in frame, index);
        return TCodec.Read(ref reader, TCodec.WireType);
    }

    /// <summary>Reads the member at <paramref name="index"/> of a straight frame whose table entry says it may be null: a
    /// presence byte, then the value; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadNextNullable(ref ModelReader reader, in ObjectFrame frame, int index, bool nullable)
    {
        if (TCodec.WireType is WireType.Object or WireType.Sequence) reader.NextMember(in frame, index);
        return reader.ReadPresence() == 0 ? ReadField(ref reader, WireType.Marker, nullable) : TCodec.Read(ref reader, TCodec.WireType);
    }

    /// <summary>Writes the member's JSON property: its name, then its value or null.</summary>
    public static void WriteJson(Utf8JsonWriter writer, JsonEncodedText name, T value)
    {
        writer.WritePropertyName(name);
        WriteJson(writer, value);
    }

    /// <summary>Writes the member's JSON value or null.</summary>
    public static void WriteJson(Utf8JsonWriter writer, T value)
    {
        if (value is null) writer.WriteNullValue();
        else TCodec.WriteJson(writer, value);
    }

    /// <summary>Writes a renamed member's JSON property under its name and under each name it is also written under
    /// (<see cref="CopiedNames"/>), its value written once; returns the hash of that value, which the record of copies
    /// holds.</summary>
    public static ulong WriteJsonCopies(Utf8JsonWriter writer, MemberNames names, int member, T value)
    {
        CopiedNames.ScratchWriter scratch = CopiedNames.Rent(writer);
        WriteJson(scratch.Writer, value);
        scratch.Writer.Flush();
        ulong hash = CopiedNames.WriteCopies(writer, names, member, scratch.Buffer.WrittenSpan);
        // (Not given back after an exception: the thread makes a new one next time.)
        CopiedNames.Return(scratch);
        return hash;
    }

    /// <summary>Reads the member's JSON value; null only where <paramref name="nullable"/>.</summary>
    public static T ReadJson(ref Utf8JsonReader reader, bool nullable)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (nullable && default(T) is null) return default!;
            throw JsonRead.Error(ref reader, "null for a value that cannot be null");
        }
        return TCodec.ReadJson(ref reader);
    }

    /// <summary>Converts the member's value to a plain value (null stays null).</summary>
    public static object? ToPlain(T value) => value is null ? null : TCodec.ToPlain(value);

    /// <summary>Converts the member's value from a plain value; null only where <paramref name="nullable"/>.</summary>
    public static T FromPlain(object? value, bool nullable, bool parseStrings)
    {
        if (PlainValue.IsNull(value))
        {
            if (nullable && default(T) is null) return default!;
            throw new ModelFormatException("null for a value that cannot be null");
        }
        return TCodec.FromPlain(value!, parseStrings);
    }
}
