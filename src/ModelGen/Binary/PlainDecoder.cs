using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace ModelGen.Internal;

/// <summary>Decodes binary values without their model type, like <c>protoc --decode_raw</c>: VarInt → long,
/// Fixed32 → float, Fixed64 → double, Bytes → string (or byte[] when not UTF-8), Packed → a typed array (nested
/// object?[] rows for rank 2 and more), Sequence → List, map → Dictionary, Object → Dictionary keyed "#key"
/// ("$version" and "$type" for the reserved keys). Used for migrations of removed members and by tools.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PlainDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Decodes one value of the given wire type.</summary>
    public static object? Read(ref ModelReader reader, WireType wireType)
    {
        switch (wireType)
        {
            case WireType.VarInt: return reader.ReadVarInt64();
            case WireType.Fixed32: return BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
            case WireType.Fixed64: return BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
            case WireType.Marker: return null;
            case WireType.Bytes:
            {
                ReadOnlySpan<byte> bytes = reader.ReadBytes();
                try
                {
                    return StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    return bytes.ToArray();
                }
            }
            case WireType.Object: return ReadObject(ref reader);
            case WireType.Packed: return ReadPacked(ref reader);
            case WireType.Sequence: return ReadSequence(ref reader);
            default: throw reader.Error($"unknown wire type {(int)wireType}");
        }
    }

    /// <summary>Decodes the fields of an object up to and including its end marker.</summary>
    public static Dictionary<string, object?> ReadFields(ref ModelReader reader)
    {
        var fields = new Dictionary<string, object?>();
        while (true)
        {
            FieldTag tag = reader.ReadTag();
            if (tag.IsEnd) return fields;
            if (tag.Key == FieldKeys.NamedMember)
            {
                // A member kept by name: its JSON value, under its name.
                string named = UnknownMembers.ReadNamed(ref reader, tag, out object? value);
                fields.TryAdd(named, value);
                continue;
            }
            string name = tag.Key switch
            {
                FieldKeys.ItemOrVersion => "$version",
                FieldKeys.UnionTag => "$type",
                _ => "#" + tag.Key.ToString(CultureInfo.InvariantCulture),
            };
            try
            {
                fields[name] = Read(ref reader, tag.WireType);
            }
            catch (ModelFormatException e) when (e.AddMember(name))
            {
                throw; // not reached: the filter adds to the path and returns false
            }
        }
    }

    private static Dictionary<string, object?> ReadObject(ref ModelReader reader)
    {
        reader.Enter();
        Dictionary<string, object?> fields = ReadFields(ref reader);
        reader.Exit();
        return fields;
    }

    private static object ReadPacked(ref ModelReader reader)
    {
        int rank = reader.PeekPackedRank();
        Span<int> dims = stackalloc int[Math.Min(Math.Max(rank, 1), 8)];
        if (rank < 1 || rank > FormatLimits.MaxArrayRank) throw reader.Error($"packed array rank {rank} is not supported");
        PackedElement element = reader.ReadPackedHeader(dims, out long count);
        // An empty array with a non-zero length is its shape, as in the plain form of a model (no row per leading index).
        if (count == 0 && rank > 1 && dims.ContainsAnyExcept(0))
        {
            reader.ReadPackedElements<byte>(element, default);
            return new Dictionary<string, object?> { ["$shape"] = dims.ToArray() };
        }
        Array flat = element switch
        {
            PackedElement.Boolean => ReadTyped<bool>(ref reader, element, count),
            PackedElement.Byte => ReadTyped<byte>(ref reader, element, count),
            PackedElement.SByte => ReadTyped<sbyte>(ref reader, element, count),
            PackedElement.Int16 => ReadTyped<short>(ref reader, element, count),
            PackedElement.UInt16 => ReadTyped<ushort>(ref reader, element, count),
            PackedElement.Int32 => ReadTyped<int>(ref reader, element, count),
            PackedElement.UInt32 => ReadTyped<uint>(ref reader, element, count),
            PackedElement.Int64 => ReadTyped<long>(ref reader, element, count),
            PackedElement.UInt64 => ReadTyped<ulong>(ref reader, element, count),
            PackedElement.Single => ReadTyped<float>(ref reader, element, count),
            PackedElement.Double => ReadTyped<double>(ref reader, element, count),
            PackedElement.Char => ReadTyped<char>(ref reader, element, count),
            _ => ReadTyped<Half>(ref reader, element, count),
        };
        return rank == 1 ? flat : Nest(flat, dims.ToArray(), 0, 0, flat.Length);
    }

    private static T[] ReadTyped<T>(ref ModelReader reader, PackedElement element, long count)
    {
        var array = new T[count];
        reader.ReadPackedElements(element, array.AsSpan());
        return array;
    }

    // Rows of a rank ≥ 2 array as nested object?[] with typed innermost segments boxed one by one.
    private static object Nest(Array flat, int[] dims, int level, int start, int length)
    {
        var rows = new object?[dims[level]];
        int stride = dims[level] == 0 ? 0 : length / dims[level];
        for (int i = 0; i < rows.Length; i++)
        {
            if (level == dims.Length - 2)
            {
                var row = new object?[dims[level + 1]];
                for (int j = 0; j < row.Length; j++) row[j] = flat.GetValue(start + i * stride + j);
                rows[i] = row;
            }
            else rows[i] = Nest(flat, dims, level + 1, start + i * stride, stride);
        }
        return rows;
    }

    private static object ReadSequence(ref ModelReader reader)
    {
        int rank = reader.PeekSequenceRank();
        if (rank > FormatLimits.MaxArrayRank) throw reader.Error($"sequence rank {rank} is not supported");
        Span<int> dims = stackalloc int[rank];
        long count = reader.ReadSequenceHeader(dims);
        reader.Enter();
        object result;
        if (rank == 0)
        {
            var map = new Dictionary<string, object?>();
            for (long i = 0; i < count; i++)
            {
                string key = Convert.ToString(Read(ref reader, reader.ReadItemTag()), CultureInfo.InvariantCulture) ?? "";
                try
                {
                    map[key] = Read(ref reader, reader.ReadItemTag());
                }
                catch (ModelFormatException e) when (e.AddElement(key))
                {
                    throw; // not reached: the filter adds to the path and returns false
                }
            }
            result = map;
        }
        else
        {
            var items = new List<object?>((int)Math.Min(count, 4096));
            for (long i = 0; i < count; i++)
            {
                try
                {
                    items.Add(Read(ref reader, reader.ReadItemTag()));
                }
                catch (ModelFormatException e) when (Codec.AddIndex(e, i))
                {
                    throw; // not reached: the filter adds to the path and returns false
                }
            }
            result = items;
        }
        reader.Exit();
        return result;
    }
}
