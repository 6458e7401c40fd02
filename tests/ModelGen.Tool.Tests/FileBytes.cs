using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Linq;
using System.Text;

namespace ModelGen.Tool.Tests;

/// <summary>Files assembled byte by byte from docs/format.md (§1 for format 1, §9 for format 2), so that tests of the
/// decoder do not depend on which format the runtime writes, and malformed files can be built field by field.</summary>
internal static class FileBytes
{
    public static byte[] VarInt(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    public static byte[] ZigZag(long value) => VarInt((ulong)((value << 1) ^ (value >> 63)));

    public static byte[] Text(string text)
    {
        byte[] raw = Encoding.UTF8.GetBytes(text);
        return [.. VarInt((ulong)raw.Length), .. raw];
    }

    public static byte[] Member(int key, string name, string type, byte descriptor, int? modelRef = null) =>
        [.. VarInt((ulong)key), .. Text(name), .. Text(type), descriptor, .. modelRef is int r ? VarInt((ulong)r) : []];

    public static byte[] Model(string name, params byte[][] members) =>
        [.. Text(name), 1, .. new byte[8], 0, .. VarInt((ulong)members.Length), .. members.SelectMany(m => m)];

    public static byte[] Union(string name, params (string Tag, int Entry)[] cases) =>
        [.. Text(name), 1, .. new byte[8], 1, .. VarInt((ulong)cases.Length), .. cases.SelectMany(c => Text(c.Tag).Concat(VarInt((ulong)c.Entry)))];

    public static byte[] Table(params byte[][] entries) => [.. VarInt((ulong)entries.Length), .. entries.SelectMany(e => e)];

    /// <summary>A format-2 file: magic, version 2, flags, the table's length and bytes, the payload and a right trailer.</summary>
    public static byte[] Format2(byte[] table, byte[] payload, bool checksum = true, int? tableLength = null) =>
        Seal([.. "MGEN"u8, 2, (byte)(checksum ? 1 : 0), .. VarInt((ulong)(tableLength ?? table.Length)), .. table], payload, checksum);

    /// <summary>A format-1 file: magic, version 1, flags, name, schema version, fingerprint, payload, trailer.</summary>
    public static byte[] Format1(string name, byte[] payload, bool checksum = true) =>
        Seal([.. "MGEN"u8, 1, (byte)(checksum ? 1 : 0), .. Text(name), 1, .. new byte[8]], payload, checksum);

    public static int HeaderLength1(string name) => 6 + Text(name).Length + 1 + 8;

    private static byte[] Seal(byte[] header, byte[] payload, bool checksum)
    {
        byte[] body = [.. header, .. payload];
        ulong digest = !checksum ? 0 : header[4] == 2 ? Checksum2(header, payload) : XxHash3.HashToUInt64(body);
        return [.. body, .. BitConverter.GetBytes((ulong)payload.Length), .. BitConverter.GetBytes(digest)];
    }

    /// <summary>Format 2's checksum (docs/format.md §9.1): XXH3-64 of the 16 bytes H ‖ P, the XXH3-64 of the header
    /// and of the payload, each little-endian.</summary>
    public static ulong Checksum2(byte[] header, byte[] payload) =>
        XxHash3.HashToUInt64([.. BitConverter.GetBytes(XxHash3.HashToUInt64(header)), .. BitConverter.GetBytes(XxHash3.HashToUInt64(payload))]);
}
