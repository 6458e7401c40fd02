using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ModelGen.Internal;
using Xunit;
using Xunit.Sdk;

namespace ModelGen.Tests;

/// <summary>Structural equality for test models: public properties and fields (except [ModelIgnore]) compared
/// recursively; arrays (any rank), lists, dictionaries and memories element by element; DateTime with its kind
/// (a local time as its UTC instant, the rule of every form) and DateTimeOffset with its offset; floating point by bits-insensitive Equals (NaN equals NaN).</summary>
public static class Deep
{
    public static void Equal(object? expected, object? actual) => Compare(expected, actual, "$");

    private static void Fail(string path, object? expected, object? actual) =>
        throw new XunitException($"Values differ at {path}: expected <{Show(expected)}> but found <{Show(actual)}>");

    private static string Show(object? o) => o switch
    {
        null => "null",
        DateTime d => d.ToString("O") + " " + d.Kind,
        DateTimeOffset d => d.ToString("O"),
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + (decimal.IsNegative(m) ? " (sign set)" : ""),
        _ => o.ToString() ?? "",
    };

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) Fail(path, expected, actual);
            return;
        }
        Type type = expected.GetType();
        switch (expected)
        {
            case string s:
                if (actual is not string a || !string.Equals(s, a, StringComparison.Ordinal)) Fail(path, expected, actual);
                return;
            case DateTime d:
                // A local time is stored as the instant it names, in UTC (docs/format.md, DateTime).
                if (d.Kind == DateTimeKind.Local) d = d.ToUniversalTime();
                if (actual is not DateTime ad || ad.Ticks != d.Ticks || ad.Kind != d.Kind) Fail(path, expected, actual);
                return;
            case DateTimeOffset o:
                if (actual is not DateTimeOffset ao || ao.Ticks != o.Ticks || ao.Offset != o.Offset) Fail(path, expected, actual);
                return;
            case decimal m:
                // decimal.Equals ignores the scale (1.0m == 1.00m) and the sign of zero (-0.00m == 0m): by the bits.
                if (actual is not decimal am || !decimal.GetBits(am).AsSpan().SequenceEqual(decimal.GetBits(m))) Fail(path, expected, actual);
                return;
            case Uri u:
                // Uri.Equals ignores the fragment and user info: what is stored is the original string.
                if (actual is not Uri au || au.OriginalString != u.OriginalString) Fail(path, expected, actual);
                return;
            case System.Numerics.Complex c:
                // By the bits of both parts: NaN equals NaN, and -0 is not 0.
                if (actual is not System.Numerics.Complex ac || BitConverter.DoubleToInt64Bits(ac.Real) != BitConverter.DoubleToInt64Bits(c.Real)
                    || BitConverter.DoubleToInt64Bits(ac.Imaginary) != BitConverter.DoubleToInt64Bits(c.Imaginary)) Fail(path, expected, actual);
                return;
        }
        if (type.IsPrimitive || type.IsEnum || expected is Guid or TimeSpan or Half or DateOnly or TimeOnly or Int128 or UInt128
            or System.Numerics.BigInteger or Version)
        {
            if (!expected.Equals(actual)) Fail(path, expected, actual);
            return;
        }
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>) || type.GetGenericTypeDefinition() == typeof(Memory<>)))
        {
            Compare(ToArray(expected), ToArray(actual), path);
            return;
        }
        if (expected is Array ea && ea.Rank > 1)
        {
            if (actual is not Array aa || aa.Rank != ea.Rank) { Fail(path, expected, actual); return; }
            for (int r = 0; r < ea.Rank; r++)
                if (ea.GetLength(r) != aa.GetLength(r)) Fail($"{path}.GetLength({r})", ea.GetLength(r), aa.GetLength(r));
            CompareSequences(ea.Cast<object?>().ToList(), aa.Cast<object?>().ToList(), path);
            return;
        }
        if (expected is IDictionary ed)
        {
            if (actual is not IDictionary ad) { Fail(path, expected, actual); return; }
            if (ed.Count != ad.Count) Fail(path + ".Count", ed.Count, ad.Count);
            foreach (DictionaryEntry entry in ed)
            {
                if (!ad.Contains(entry.Key)) Fail($"{path}[{entry.Key}]", entry.Value, "<missing>");
                Compare(entry.Value, ad[entry.Key], $"{path}[{entry.Key}]");
            }
            return;
        }
        if (expected is IEnumerable ee)
        {
            if (actual is not IEnumerable ae) { Fail(path, expected, actual); return; }
            CompareSequences(ee.Cast<object?>().ToList(), ae.Cast<object?>().ToList(), path);
            return;
        }
        if (actual.GetType() != type) Fail(path + " (type)", type.Name, actual.GetType().Name);
        bool any = false;
        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<ModelIgnoreAttribute>() is not null) continue;
            any = true;
            Compare(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
        }
        foreach (FieldInfo f in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (f.GetCustomAttribute<ModelIgnoreAttribute>() is not null) continue;
            any = true;
            Compare(f.GetValue(expected), f.GetValue(actual), path + "." + f.Name);
        }
        // A model class without members has nothing to compare once its type matches; other values compare by Equals.
        bool memberlessModel = !any && !type.IsValueType && type.GetCustomAttribute<SerializableModelAttribute>() is not null;
        if (!any && !memberlessModel && !expected.Equals(actual)) Fail(path, expected, actual);
    }

    private static void CompareSequences(List<object?> expected, List<object?> actual, string path)
    {
        if (expected.Count != actual.Count) Fail(path + ".Count", expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Compare(expected[i], actual[i], $"{path}[{i}]");
    }

    private static object ToArray(object memory) =>
        memory.GetType().GetMethod("ToArray", Type.EmptyTypes)!.Invoke(memory, null)!;
}

/// <summary>Round trips through every entry point of the three forms.</summary>
public static class RoundTrip
{
    public static T Binary<T>(T value) where T : IModelSerializable<T>
    {
        byte[] bytes = ModelSerializer.Serialize(value);
        T fromBytes = ModelSerializer.Deserialize<T>(bytes);
        Deep.Equal(value, fromBytes);

        var stream = new MemoryStream();
        ModelSerializer.Serialize(stream, value);
        Assert.Equal(bytes, stream.ToArray());
        stream.Position = 0;
        Deep.Equal(value, ModelSerializer.Deserialize<T>(stream));
        Deep.Equal(value, ModelSerializer.Deserialize<T>(new NonSeekableStream(bytes)));

        var buffer = new ArrayBufferWriter<byte>(1);
        ModelSerializer.Serialize<T>(buffer, value);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
        Deep.Equal(value, ModelSerializer.Deserialize<T>(buffer.WrittenSpan));

        // Serializing the read value gives the same bytes: nothing was lost or reordered.
        Assert.Equal(bytes, ModelSerializer.Serialize(fromBytes));

        // Format 2 (docs/format.md §9): the same value, and the same bytes when written again.
        byte[] bytes2 = ModelSerializer.Serialize(value, Format2);
        Assert.Equal(2, bytes2[4]);
        T fromBytes2 = ModelSerializer.Deserialize<T>(bytes2);
        Deep.Equal(value, fromBytes2);
        Assert.Equal(bytes2, ModelSerializer.Serialize(fromBytes2, Format2));
        var stream2 = new MemoryStream();
        ModelSerializer.Serialize(stream2, value, Format2);
        Assert.Equal(bytes2, stream2.ToArray());
        Deep.Equal(value, ModelSerializer.Deserialize<T>(new NonSeekableStream(bytes2)));
        return fromBytes;
    }

    public static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    public static T Json<T>(T value) where T : IModelSerializable<T>
    {
        string json = ModelJson.Serialize(value);
        using (JsonDocument.Parse(json)) { } // valid JSON
        T fromString = ModelJson.Deserialize<T>(json);
        Deep.Equal(value, fromString);
        Assert.Equal(json, ModelJson.Serialize(fromString));

        string indented = ModelJson.Serialize(value, new ModelJsonOptions { Indented = true });
        Deep.Equal(value, ModelJson.Deserialize<T>(indented));

        byte[] utf8 = ModelJson.SerializeToUtf8Bytes(value);
        Assert.Equal(json, Encoding.UTF8.GetString(utf8));
        Deep.Equal(value, ModelJson.Deserialize<T>(utf8.AsSpan()));

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            ModelJson.Serialize(writer, value);
        Assert.Equal(json, Encoding.UTF8.GetString(buffer.WrittenSpan));
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        Deep.Equal(value, ModelJson.Deserialize<T>(ref reader));
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.False(reader.Read());

        // Embedded in a larger document: the reader is positioned on the property name.
        string outer = "{\"before\":[1,{\"x\":2}],\"model\":" + json + ",\"after\":true}";
        var outerReader = new Utf8JsonReader(Encoding.UTF8.GetBytes(outer));
        while (outerReader.Read())
        {
            if (outerReader.TokenType == JsonTokenType.PropertyName && outerReader.ValueTextEquals("model"u8))
            {
                Deep.Equal(value, ModelJson.Deserialize<T>(ref outerReader));
                Assert.True(outerReader.Read());
                Assert.True(outerReader.ValueTextEquals("after"u8));
                break;
            }
        }
        return fromString;
    }

    public static T Dictionary<T>(T value) where T : IModelSerializable<T>
    {
        Dictionary<string, object?> plain = ModelDictionary.ToDictionary(value);
        T fromPlain = ModelDictionary.FromDictionary<T>(plain);
        Deep.Equal(value, fromPlain);
        Deep.Equal(plain, ModelDictionary.ToDictionary(fromPlain));

        // What a JSON layer gives (JsonElement values) is accepted too.
        var fromJsonLayer = JsonSerializer.Deserialize<Dictionary<string, object?>>(ModelJson.Serialize(value))!;
        Deep.Equal(value, ModelDictionary.FromDictionary<T>(fromJsonLayer));
        return fromPlain;
    }

    public static void All<T>(T value) where T : IModelSerializable<T>
    {
        Binary(value);
        Json(value);
        Dictionary(value);
    }
}

/// <summary>A read-only stream that cannot seek and returns few bytes per read.</summary>
public sealed class NonSeekableStream(byte[] data) : Stream
{
    private int _pos;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, 7919), data.Length - _pos);
        Array.Copy(data, _pos, buffer, offset, n);
        _pos += n;
        return n;
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Builds binary payloads by hand (docs/format.md) to craft malformed input.</summary>
public sealed class Payload
{
    private readonly List<byte> _bytes = new();

    public byte[] ToArray() => _bytes.ToArray();

    public int Length => _bytes.Count;

    public Payload VarUInt(ulong v)
    {
        while (v >= 0x80) { _bytes.Add((byte)(v | 0x80)); v >>= 7; }
        _bytes.Add((byte)v);
        return this;
    }

    public Payload VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

    public Payload Tag(int key, WireType wireType) => VarUInt(((ulong)(uint)key << 3) | (byte)wireType);

    public Payload End() => Tag(0, WireType.Marker);

    public Payload Raw(params byte[] bytes) { _bytes.AddRange(bytes); return this; }

    public Payload Bytes(byte[] bytes) => VarUInt((ulong)bytes.Length).Raw(bytes);

    public Payload String(string s) => Bytes(Encoding.UTF8.GetBytes(s));

    public Payload Fixed32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return Raw(b.ToArray()); }

    public Payload Fixed64(ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); return Raw(b.ToArray()); }

    /// <summary>The member key of <typeparamref name="T"/>'s member with this serialized name.</summary>
    public static int Key<T>(string name) where T : IModelSerializable<T> => T.Schema.Members.Single(m => m.Name == name).Key;

    /// <summary>Wraps a payload in a valid envelope for <typeparamref name="T"/> (with a correct checksum).</summary>
    public static byte[] Wrap<T>(byte[] payload, bool checksum = true) where T : IModelSerializable<T> =>
        Wrap(T.Schema.Name, T.Schema.Version, T.Schema.Fingerprint, payload, checksum);

    public static byte[] Wrap(string modelName, int version, ulong fingerprint, byte[] payload, bool checksum = true)
    {
        var header = new Payload().Raw((byte)'M', (byte)'G', (byte)'E', (byte)'N', 1, checksum ? (byte)1 : (byte)0)
            .String(modelName).VarUInt((ulong)version).Fixed64(fingerprint);
        var all = new List<byte>(header.ToArray());
        all.AddRange(payload);
        byte[] trailer = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(8), checksum ? XxHash3.HashToUInt64(all.ToArray()) : 0);
        all.AddRange(trailer);
        return all.ToArray();
    }

    /// <summary>Adds a trailer (payload length and checksum, when the flag says so) to a format-2 header and payload.</summary>
    public static byte[] Seal2(byte[] beforeTrailer)
    {
        long payload = beforeTrailer.Length - FileChecksum.HeaderLength2(beforeTrailer);
        var all = new List<byte>(beforeTrailer);
        byte[] trailer = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)payload);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(8), (beforeTrailer.Length > 5 && (beforeTrailer[5] & 1) != 0) ? FileChecksum.OfBody(beforeTrailer) : 0);
        all.AddRange(trailer);
        return all.ToArray();
    }

    /// <summary>The payload (between header and trailer) of a serialized model.</summary>
    public static byte[] PayloadOf(byte[] data)
    {
        Envelope e = ModelSerializer.ReadEnvelope(data);
        return data.AsSpan(e.HeaderLength, (int)e.PayloadLength).ToArray();
    }

    /// <summary>Recomputes the checksum after a hand edit of the payload (same length).</summary>
    public static byte[] Reseal(byte[] data)
    {
        byte[] copy = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), FileChecksum.Of(copy));
        return copy;
    }

    /// <summary>The index of <paramref name="needle"/> in <paramref name="data"/> (must occur exactly once).</summary>
    public static int IndexOf(byte[] data, byte[] needle)
    {
        int found = -1;
        for (int i = 0; i + needle.Length <= data.Length; i++)
        {
            if (data.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                Assert.True(found < 0, "the marker occurs more than once");
                found = i;
            }
        }
        Assert.True(found >= 0, "the marker was not found");
        return found;
    }
}

/// <summary>Asserts on malformed input.</summary>
/// <summary>The checksum a file's trailer holds, computed from docs/format.md alone (not by the library): format 1
/// (§1), XXH3-64 of every byte before the trailer; format 2 (§9.1), XXH3-64 of the 16 bytes H ‖ P, H the XXH3-64 of
/// the header (offset 0 to the end of the schema table) and P that of the payload, each uint64 little-endian.</summary>
public static class FileChecksum
{
    /// <summary>The checksum of a whole file (its trailer is not hashed).</summary>
    public static ulong Of(ReadOnlySpan<byte> file) => OfBody(file.Slice(0, file.Length - 16));

    /// <summary>The checksum of the bytes before a trailer.</summary>
    public static ulong OfBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < 5 || body[4] != 2) return XxHash3.HashToUInt64(body);
        int header = HeaderLength2(body);
        return Of2(body.Slice(0, header), body.Slice(header));
    }

    /// <summary>Format 2's checksum of a header and a payload.</summary>
    public static ulong Of2(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        Span<byte> both = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, XxHash3.HashToUInt64(header));
        BinaryPrimitives.WriteUInt64LittleEndian(both.Slice(8), XxHash3.HashToUInt64(payload));
        return XxHash3.HashToUInt64(both);
    }

    /// <summary>The end of a format-2 header: the table length (the varint at offset 6) and the table after it; at most
    /// <paramref name="body"/>'s length (a damaged length).</summary>
    public static int HeaderLength2(ReadOnlySpan<byte> body)
    {
        long tableLength = 0;
        int at = 6, shift = 0;
        while (at < body.Length && shift < 63)
        {
            tableLength |= (long)(body[at] & 0x7F) << shift;
            shift += 7;
            if (body[at++] < 0x80) break;
        }
        return (int)Math.Min(body.Length, at + Math.Min(tableLength, body.Length));
    }
}

public static class Bad
{
    /// <summary>The action must throw exactly <see cref="ModelFormatException"/> (no other type escapes).</summary>
    public static ModelFormatException Throws(Action action)
    {
        try
        {
            action();
        }
        catch (ModelFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            return e;
        }
        catch (Exception e)
        {
            throw new XunitException($"expected ModelFormatException but {e.GetType().Name} escaped: {e}");
        }
        throw new XunitException("expected ModelFormatException but nothing was thrown");
    }

    /// <summary>Binary input: the message must name the byte offset (and the path, when given).</summary>
    public static ModelFormatException Binary<T>(byte[] data, string? path = null, string? reason = null) where T : IModelSerializable<T>
    {
        ModelFormatException e = Throws(() => ModelSerializer.Deserialize<T>(data));
        Assert.Contains("byte offset", e.Message);
        Assert.InRange(e.Offset, 0, data.Length);
        if (path is not null)
        {
            Assert.Equal(path, e.Path);
            Assert.Contains($"'{path}'", e.Message);
        }
        if (reason is not null) Assert.Contains(reason, e.Message);
        // The stream entry point fails the same way.
        ModelFormatException s = Throws(() => ModelSerializer.Deserialize<T>(new MemoryStream(data)));
        Assert.Equal(e.Message, s.Message);
        return e;
    }

    public static ModelFormatException Json<T>(string json, string? path = null, string? reason = null) where T : IModelSerializable<T>
    {
        ModelFormatException e = Throws(() => ModelJson.Deserialize<T>(json));
        if (path is not null)
        {
            Assert.Equal(path, e.Path);
            Assert.Contains($"'{path}'", e.Message);
        }
        if (reason is not null) Assert.Contains(reason, e.Message);
        return e;
    }

    public static ModelFormatException Dictionary<T>(IReadOnlyDictionary<string, object?> values, string? path = null, string? reason = null) where T : IModelSerializable<T>
    {
        ModelFormatException e = Throws(() => ModelDictionary.FromDictionary<T>(values));
        if (path is not null)
        {
            Assert.Equal(path, e.Path);
            Assert.Contains($"'{path}'", e.Message);
        }
        if (reason is not null) Assert.Contains(reason, e.Message);
        return e;
    }
}

/// <summary>An output that hands out small spans (the hint, at least 7 bytes, never more than the inner writer has
/// free: asked without a hint, as <c>BuffersExtensions.Write</c> asks, that may be fewer), so a strict write never fits
/// and the check and the plain write run.</summary>
internal sealed class SmallSpans : System.Buffers.IBufferWriter<byte>
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _inner = new();
    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;
    public int WrittenCount => _inner.WrittenCount;
    public void Advance(int count) => _inner.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Memory<byte> free = _inner.GetMemory(sizeHint);
        return free.Slice(0, Math.Min(free.Length, Math.Max(sizeHint, 7)));
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Span<byte> free = _inner.GetSpan(sizeHint);
        return free.Slice(0, Math.Min(free.Length, Math.Max(sizeHint, 7)));
    }
}
