using System;
using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>The JSON of a member kept from format-2 data. The writer's schema table names the member and gives its
/// type (docs/format.md §9.2), so a build that does not declare the member can still write it to JSON and dictionaries,
/// where the newer build reads it by name (docs/versioning.md, "Kept members across forms"). Every scalar is decoded
/// and written by the codec that the newer build's generated code uses for its type, so the text is the one that build
/// writes. A value with a part that cannot be written so (an object field that the table does not name, kept by a
/// build older still; an object without a table entry) has no JSON form here: such a member stays
/// binary only, as members read from format 1 do.</summary>
internal static class KeptJson
{
    /// <summary>The JSON of the kept value <paramref name="raw"/> (format 1, <see cref="ModelReader.SkipAndGetFormat1"/>)
    /// of the member <paramref name="description"/> describes, or null when it has none.</summary>
    public static JsonElement? TryConvert(KeptDescription description, byte[] raw, WireType wireType)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, raw.Length * 2));
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                var reader = new ModelReader(raw, 0, ModelSerializerOptions.Default);
                var kept = new Converter(description.Table);
                if (!kept.Value(ref reader, writer, description.Type, wireType, description.ModelRef) || reader.Remaining != 0)
                    return null;
            }
        }
        catch (ModelFormatException)
        {
            return null; // a value the member's type does not read: it stays binary only, as it came
        }
        var json = new Utf8JsonReader(buffer.WrittenSpan);
        json.Read();
        return JsonElement.ParseValue(ref json);
    }

    // Objects are named by the table's entries; without a table (a member description) a value holding an object has no JSON form here.
    private readonly struct Converter(SchemaTable? table)
    {
        public bool Value(ref ModelReader reader, Utf8JsonWriter writer, string type, WireType wireType, int modelRef)
        {
            if (wireType == WireType.Marker)
            {
                writer.WriteNullValue();
                return true;
            }
            if (type.EndsWith('?')) type = type[..^1];
            // Suffixes first: "model:Part[]" is an array of models.
            if (ItemOf(type, out string? item, out int rank)) return Items(ref reader, writer, item, rank, wireType, modelRef);
            if (type.StartsWith("model:", StringComparison.Ordinal))
                return wireType == WireType.Object && table is not null && modelRef >= 0 && Model(ref reader, writer, table, modelRef);
            if (type.StartsWith("enum:", StringComparison.Ordinal))
            {
                // Without the names the number is written: the JSON form writes it for a value without a name, and
                // reads it back as the same value (a ulong value above long.MaxValue as its two's complement, both ways).
                writer.WriteNumberValue(IntegerCodec<long>.Read(ref reader, wireType));
                return true;
            }
            if (Arguments(type, "map<") is { } map) return Map(ref reader, writer, map, wireType, modelRef);
            if (Arguments(type, "tuple<") is { } tuple) return Tuple(ref reader, writer, tuple, pair: false, wireType, modelRef);
            if (Arguments(type, "keyvalue<") is { } pair) return Tuple(ref reader, writer, pair, pair: true, wireType, modelRef);
            return Scalar(type, new One(), ref reader, writer, wireType);
        }

        // An object: its version (and union tag) first, then its fields by the names of its table entry.
        private bool Model(ref ModelReader reader, Utf8JsonWriter writer, SchemaTable table, int entry)
        {
            reader.Enter();
            ModelReader scan = reader;
            long version = 1;
            string? tag = null;
            for (FieldTag field = scan.ReadTag(); !field.IsEnd; field = scan.ReadTag())
            {
                if (field.Key == FieldKeys.ItemOrVersion && field.WireType == WireType.VarInt) version = scan.ReadVarInt64();
                else if (field.Key == FieldKeys.UnionTag && field.WireType == WireType.Bytes) tag = scan.ReadString();
                else scan.Skip(field.WireType);
            }
            writer.WriteStartObject();
            if (table.Entries[entry].IsUnion)
            {
                if (tag is null || table.CaseEntry(entry, tag) is not (>= 0 and var chosen)) return false;
                writer.WriteString("$type"u8, tag);
                entry = chosen;
            }
            writer.WriteNumber("$version"u8, version);
            for (FieldTag field = reader.ReadTag(); !field.IsEnd; field = reader.ReadTag())
            {
                if (field.Key is FieldKeys.ItemOrVersion or FieldKeys.UnionTag)
                {
                    reader.Skip(field.WireType);
                    continue;
                }
                if (field.Key == FieldKeys.NamedMember)
                {
                    // A member an older build kept by name: its JSON, unless the name is one of this entry's (or $-prefixed).
                    string named = UnknownMembers.ReadNamed(ref reader, field, out object? value);
                    if (named.StartsWith("$", StringComparison.Ordinal) || NamesMember(table, entry, named)) return false;
                    writer.WritePropertyName(named);
                    ((JsonElement)value!).WriteTo(writer);
                    continue;
                }
                int member = table.MemberIndex(entry, field.Key);
                if (member < 0) return false; // a field kept by an older build: no name to write it under
                (string name, string type) = table.MemberText(member);
                writer.WritePropertyName(name);
                if (!Value(ref reader, writer, type, field.WireType, table.Members[member].ModelRef)) return false;
            }
            writer.WriteEndObject();
            reader.Exit();
            return true;
        }

        private static bool NamesMember(SchemaTable table, int entry, string name)
        {
            SchemaTable.Entry e = table.Entries[entry];
            for (int i = e.First; i < e.First + e.Count; i++)
                if (LooseNames.Match(name, table.MemberText(i).Name)) return true;
            return false;
        }

        // Arrays, lists and sets: packed scalars through their codec (bytes as base64 as the JSON form writes them),
        // items of sequences one by one; rank 2 and more as nested arrays, or the shape of an empty one.
        private bool Items(ref ModelReader reader, Utf8JsonWriter writer, string item, int rank, WireType wireType, int modelRef)
        {
            if (wireType == WireType.Packed)
            {
                string element = item.StartsWith("enum:", StringComparison.Ordinal) ? "int64" : item;
                return Scalar(element, new Packed(rank), ref reader, writer, wireType);
            }
            if (wireType != WireType.Sequence) return false;
            Span<int> dims = stackalloc int[Math.Min(rank, FormatLimits.MaxArrayRank)];
            if (dims.Length != rank) return false;
            long count = reader.ReadSequenceHeader(dims);
            if (Empty(writer, dims, count)) return true;
            reader.Enter();
            Open(writer, rank);
            for (long i = 0; i < count; i++)
            {
                Next(writer, dims, i);
                if (!Value(ref reader, writer, item, reader.ReadItemTag(), modelRef)) return false;
            }
            Close(writer, rank);
            reader.Exit();
            return true;
        }

        private bool Map(ref ModelReader reader, Utf8JsonWriter writer, string arguments, WireType wireType, int modelRef)
        {
            if (wireType != WireType.Sequence || Split(arguments) is not [var keyType, var valueType]) return false;
            long count = reader.ReadSequenceHeader([]);
            reader.Enter();
            writer.WriteStartObject();
            for (long i = 0; i < count; i++)
            {
                if (MapKey(keyType, ref reader, reader.ReadItemTag()) is not { } key) return false;
                writer.WritePropertyName(key);
                if (!Value(ref reader, writer, valueType, reader.ReadItemTag(), modelRef)) return false;
            }
            writer.WriteEndObject();
            reader.Exit();
            return true;
        }

        // The text of a map key as the JSON form writes it: a scalar's JSON text, unquoted (docs/format.md §4); an enum
        // by its number, which the enum's key parser reads as it reads a name (the table does not carry the names); a
        // tuple as the compact JSON of its items, which is how the tuple key codec spells it.
        private string? MapKey(string type, ref ModelReader reader, WireType wireType)
        {
            if (type.StartsWith("enum:", StringComparison.Ordinal))
                return IntegerCodec<long>.Read(ref reader, wireType).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Arguments(type, "tuple<") is not { } tuple) return Key(type, ref reader, wireType);
            var buffer = new ArrayBufferWriter<byte>(32);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                if (!Tuple(ref reader, writer, tuple, pair: false, wireType, modelRef: -1)) return null;
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        // A tuple is a JSON array of its items, a KeyValuePair {"Key":…,"Value":…} (docs/format.md §3.1).
        private bool Tuple(ref ModelReader reader, Utf8JsonWriter writer, string arguments, bool pair, WireType wireType, int modelRef)
        {
            string[] items = Split(arguments);
            if (wireType != WireType.Sequence || pair && items.Length != 2) return false;
            Span<int> dims = stackalloc int[1];
            if (reader.ReadSequenceHeader(dims) != items.Length) return false;
            reader.Enter();
            if (pair) writer.WriteStartObject();
            else writer.WriteStartArray();
            for (int i = 0; i < items.Length; i++)
            {
                if (pair) writer.WritePropertyName(i == 0 ? "Key"u8 : "Value"u8);
                if (!Value(ref reader, writer, items[i], reader.ReadItemTag(), modelRef)) return false;
            }
            if (pair) writer.WriteEndObject();
            else writer.WriteEndArray();
            reader.Exit();
            return true;
        }
    }

    // The text of a scalar map key: its JSON text, unquoted (docs/format.md §4), so the scalar is written through its
    // codec and read back.
    private static string? Key(string type, ref ModelReader reader, WireType wireType)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!Scalar(type, new One(), ref reader, writer, wireType)) return null;
        }
        var json = new Utf8JsonReader(buffer.WrittenSpan);
        json.Read();
        return json.TokenType switch
        {
            JsonTokenType.String => json.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(json.ValueSpan),
            _ => null,
        };
    }

    // What to do with a scalar type once its codec is known: a generic method on a struct, so that each scalar's codec
    // is called directly (no reflection: the runtime stays trim- and AOT-safe).
    private interface IScalarAction
    {
        bool Run<T, TCodec>(ref ModelReader reader, Utf8JsonWriter writer, WireType wireType) where TCodec : IModelCodec<T>;
    }

    // One value.
    private readonly struct One : IScalarAction
    {
        public bool Run<T, TCodec>(ref ModelReader reader, Utf8JsonWriter writer, WireType wireType) where TCodec : IModelCodec<T>
        {
            TCodec.WriteJson(writer, TCodec.Read(ref reader, wireType));
            return true;
        }
    }

    // A packed array of the given rank.
    private readonly struct Packed(int rank) : IScalarAction
    {
        public bool Run<T, TCodec>(ref ModelReader reader, Utf8JsonWriter writer, WireType wireType) where TCodec : IModelCodec<T>
        {
            if (PackedElements.Of<T>() == PackedElement.None || rank > FormatLimits.MaxArrayRank) return false;
            Span<int> dims = stackalloc int[rank];
            PackedElement element = reader.ReadPackedHeader(dims, out long count);
            var items = new T[count];
            reader.ReadPackedElements(element, items.AsSpan());
            if (rank == 1)
            {
                Sequence<T, TCodec>.WriteJson(writer, items);
                return true;
            }
            if (Empty(writer, dims, count)) return true;
            Open(writer, rank);
            for (int i = 0; i < items.Length; i++)
            {
                Next(writer, dims, i);
                TCodec.WriteJson(writer, items[i]);
            }
            Close(writer, rank);
            return true;
        }
    }

    private static bool Scalar<TAction>(string type, TAction action, ref ModelReader reader, Utf8JsonWriter writer, WireType wireType)
        where TAction : struct, IScalarAction => type switch
    {
        "bool" => action.Run<bool, BooleanCodec>(ref reader, writer, wireType),
        "int8" => action.Run<sbyte, IntegerCodec<sbyte>>(ref reader, writer, wireType),
        "uint8" => action.Run<byte, IntegerCodec<byte>>(ref reader, writer, wireType),
        "int16" => action.Run<short, IntegerCodec<short>>(ref reader, writer, wireType),
        "uint16" => action.Run<ushort, IntegerCodec<ushort>>(ref reader, writer, wireType),
        "int32" => action.Run<int, IntegerCodec<int>>(ref reader, writer, wireType),
        "uint32" => action.Run<uint, IntegerCodec<uint>>(ref reader, writer, wireType),
        "int64" => action.Run<long, IntegerCodec<long>>(ref reader, writer, wireType),
        "uint64" => action.Run<ulong, IntegerCodec<ulong>>(ref reader, writer, wireType),
        "float16" => action.Run<Half, FloatCodec<Half>>(ref reader, writer, wireType),
        "float32" => action.Run<float, FloatCodec<float>>(ref reader, writer, wireType),
        "float64" => action.Run<double, FloatCodec<double>>(ref reader, writer, wireType),
        "decimal" => action.Run<decimal, DecimalCodec>(ref reader, writer, wireType),
        "char" => action.Run<char, CharCodec>(ref reader, writer, wireType),
        "string" => action.Run<string, StringCodec>(ref reader, writer, wireType),
        "guid" => action.Run<Guid, GuidCodec>(ref reader, writer, wireType),
        "datetime" => action.Run<DateTime, DateTimeCodec>(ref reader, writer, wireType),
        "datetimeoffset" => action.Run<DateTimeOffset, DateTimeOffsetCodec>(ref reader, writer, wireType),
        "timespan" => action.Run<TimeSpan, TimeSpanCodec>(ref reader, writer, wireType),
        "date" => action.Run<DateOnly, DateOnlyCodec>(ref reader, writer, wireType),
        "time" => action.Run<TimeOnly, TimeOnlyCodec>(ref reader, writer, wireType),
        "int128" => action.Run<Int128, WideIntegerCodec<Int128>>(ref reader, writer, wireType),
        "uint128" => action.Run<UInt128, WideIntegerCodec<UInt128>>(ref reader, writer, wireType),
        "bigint" => action.Run<BigInteger, WideIntegerCodec<BigInteger>>(ref reader, writer, wireType),
        "complex" => action.Run<Complex, ComplexCodec>(ref reader, writer, wireType),
        "uri" => action.Run<Uri, UriCodec>(ref reader, writer, wireType),
        "version" => action.Run<Version, VersionCodec>(ref reader, writer, wireType),
        _ => false,
    };

    // An empty array is [] (whatever its rank: one level, as RectangularArrays writes it), or, of rank ≥ 2 with a
    // non-zero length, its shape ({"$shape":[…]}).
    private static bool Empty(Utf8JsonWriter writer, ReadOnlySpan<int> dims, long count)
    {
        if (count != 0) return false;
        if (dims.Length < 2 || !dims.ContainsAnyExcept(0))
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
            return true;
        }
        writer.WriteStartObject();
        writer.WriteStartArray(RectangularShapeKey);
        foreach (int d in dims) writer.WriteNumberValue(d);
        writer.WriteEndArray();
        writer.WriteEndObject();
        return true;
    }

    private const string RectangularShapeKey = "$shape";

    private static void Open(Utf8JsonWriter writer, int levels)
    {
        for (int i = 0; i < levels; i++) writer.WriteStartArray();
    }

    private static void Close(Utf8JsonWriter writer, int levels)
    {
        for (int i = 0; i < levels; i++) writer.WriteEndArray();
    }

    // Before item i (in row-major order) of an array with these lengths: closes and opens again the inner arrays
    // that end at i.
    private static void Next(Utf8JsonWriter writer, ReadOnlySpan<int> dims, long i)
    {
        if (i == 0) return;
        int levels = 0;
        long size = 1;
        for (int level = dims.Length - 1; level >= 1; level--)
        {
            size *= dims[level];
            if (i % size != 0) break;
            levels++;
        }
        Close(writer, levels);
        Open(writer, levels);
    }

    // T[], T[,] … (rank from the commas), list<T>, set<T>.
    private static bool ItemOf(string type, out string item, out int rank)
    {
        item = "";
        rank = 0;
        if (type.EndsWith(']'))
        {
            int open = type.LastIndexOf('[');
            if (open <= 0 || !type.AsSpan(open + 1, type.Length - open - 2).Trim(',').IsEmpty) return false;
            item = type[..open];
            rank = type.Length - open - 1;
            return true;
        }
        if ((Arguments(type, "list<") ?? Arguments(type, "set<")) is not { } inner) return false;
        item = inner;
        rank = 1;
        return true;
    }

    private static string? Arguments(string type, string prefix) =>
        type.StartsWith(prefix, StringComparison.Ordinal) && type.EndsWith('>') ? type[prefix.Length..^1] : null;

    // The comma-separated type names at the outer level of generic arguments.
    private static string[] Split(string arguments)
    {
        var parts = new System.Collections.Generic.List<string>();
        int depth = 0, from = 0;
        for (int i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case '<' or '[': depth++; break;
                case '>' or ']': depth--; break;
                case ',' when depth == 0:
                    parts.Add(arguments[from..i]);
                    from = i + 1;
                    break;
            }
        }
        parts.Add(arguments[from..]);
        return parts.ToArray();
    }
}
