using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Large arrays are copied and hashed in one pass (StreamingChecksum, XXH3 of its own) on save and on a
/// streaming load: the checksum must still be the format's (format 1: XXH3-64 of everything before the trailer; format
/// 2: of the header's hash and the payload's, the payload streamed from its first byte) whatever the pieces the output
/// hands out, wherever the array starts relative to XXH3's 64-byte stripes and 1 KiB blocks, and whatever its length;
/// and a changed byte in the array must still be found on load.</summary>
public class StreamingChecksumTests
{
    public static TheoryData<int> Formats => new() { 1, 2 };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_alignment_and_length_is_XXH3_of_the_file(int format)
    {
        var options = new ModelSerializerOptions { FormatVersion = format };
        var random = new Random(20261205);
        // Byte arrays of 64 KiB and more (written by the bulk path) at each offset within a stripe and a block (the
        // name's length moves the array), and lengths around stripes, blocks and the 256-byte buffer.
        foreach (int nameLength in new[] { 0, 1, 7, 63, 64, 65, 200, 1023, 1024, 1090 })
            foreach (int extra in new[] { 0, 1, 63, 64, 65, 255, 256, 257, 1023, 1024, 1025, 4095 })
            {
                var value = new ChecksumArrays { Name = new string('n', nameLength), Bytes = new byte[65536 + extra], Floats = new float[3] };
                random.NextBytes(value.Bytes);
                Check(value, options);
            }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Outputs_in_small_pieces_and_arrays_past_the_streaming_load_size_give_the_same_checksum(int format)
    {
        var options = new ModelSerializerOptions { FormatVersion = format };
        var random = new Random(5);
        // 300 KiB of floats and 70 KiB of bytes: loads of 256 KiB and more hash while they read (and copy) the arrays.
        var value = new ChecksumArrays { Name = "streaming", Floats = new float[76_801], Bytes = new byte[70_001] };
        for (int i = 0; i < value.Floats.Length; i++) value.Floats[i] = (float)random.NextDouble();
        random.NextBytes(value.Bytes);
        byte[] whole = Check(value, options);
        foreach (int piece in new[] { 7, 100, 4096, 65_537 })
        {
            var output = new Pieces(piece);
            ModelSerializer.Serialize(output, value, options);
            Assert.Equal(whole, output.WrittenSpan.ToArray());
        }
        var stream = new MemoryStream();
        ModelSerializer.Serialize(stream, value, options);
        Assert.Equal(whole, stream.ToArray());
        // A changed float, a changed byte: the streaming load refuses both.
        foreach (int at in new[] { whole.Length / 3, whole.Length - 17 - 35_000 })
        {
            byte[] changed = (byte[])whole.Clone();
            changed[at] ^= 0x10;
            Assert.Contains("checksum", Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<ChecksumArrays>(changed, options)).Message);
        }
    }

    private static byte[] Check(ChecksumArrays value, ModelSerializerOptions options)
    {
        byte[] data = ModelSerializer.Serialize(value, options);
        Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
        var reused = new ArrayBufferWriter<byte>(16);
        ModelSerializer.Serialize(reused, value, options);
        Assert.Equal(data, reused.WrittenSpan.ToArray());
        ChecksumArrays back = ModelSerializer.Deserialize<ChecksumArrays>(data, options);
        Assert.Equal(value.Name, back.Name);
        Assert.True(value.Bytes.AsSpan().SequenceEqual(back.Bytes));
        Assert.True(value.Floats.AsSpan().SequenceEqual(back.Floats));
        return data;
    }

    // An output that hands out spans of at most `piece` bytes (at least what is asked for).
    private sealed class Pieces(int piece) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();
        public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;
        public void Advance(int count) => _inner.Advance(count);
        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Memory<byte> memory = _inner.GetMemory(Math.Max(sizeHint, piece));
            return memory.Slice(0, Math.Max(sizeHint, piece));
        }
        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}

[SerializableModel]
public partial class ChecksumArrays
{
    public string Name { get; set; } = "";
    public float[] Floats { get; set; } = [];
    public byte[] Bytes { get; set; } = [];
}
