using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace ModelGen.Tests.Format2;

/// <summary>What the save and the load cache about a type's own header (the precomputed header; in format 1 the hash
/// state after its stripes or its 16-byte block products, in format 2 its hash; the table last read) is the type's
/// own: it cannot carry over to another table. Two types whose headers are equally long and differ in a few bytes
/// (WideValue and NarrowValue: one model name, their member types and fingerprints differ), written in turn, each get
/// their format's checksum of their own bytes (computed here by System.IO.Hashing from the definition, FileChecksum,
/// nothing cached); each file loads as the other type only through the full read of its header and the full hash (a
/// hash resumed from, or a header hash of, the other type would be a checksum mismatch); and a value that keeps members from newer data (written back with their descriptions) is hashed as a
/// whole too.</summary>
public class HeaderCacheTests
{
    private static readonly ModelSerializerOptions Format1 = new() { FormatVersion = 1 };
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Two_types_with_headers_of_one_length_written_in_turn_each_hash_their_own_bytes(int format)
    {
        ModelSerializerOptions options = format == 1 ? Format1 : Format2;
        // One model name (each file loads as the other type through the full read), short headers.
        WrittenInTurn(length => new WideValue { Value = -length * 1_000_003L, Text = new string('w', length) },
            length => new NarrowValue { Value = length * 7, Text = new string('n', length) }, options);
        // Two model names, headers of several stripes in format 2 (the hash state after them cached per type).
        WrittenInTurn(length => new HeaderTwinA { Text = new string('a', length), Number = length },
            length => new HeaderTwinB { Text = new string('b', length), Number = -length }, options);
        if (format == 2)
        {
            int header = Header(ModelSerializer.Serialize(new HeaderTwinA(), options)).Length;
            Assert.True(header > 4 * 64, $"a format-2 header of {header} bytes: several stripes");
        }
    }

    [Fact]
    public void Files_of_one_type_load_as_the_other_only_through_the_full_read_and_hash()
    {
        foreach (ModelSerializerOptions options in new[] { Format1, Format2 })
            for (int length = 0; length < 1100; length += 13)
            {
                var wide = new WideValue { Value = -length * 1_000_003L, Text = new string('w', length) };
                var narrow = new NarrowValue { Value = length * 7, Text = new string('n', length) };
                byte[] wideFile = ModelSerializer.Serialize(wide, options);
                byte[] narrowFile = ModelSerializer.Serialize(narrow, options);
                // Each type's own file first (its header and hash state cached and used), then the other type's file,
                // whose header differs from that type's: read in full, its checksum verified from its own bytes (a hash
                // resumed from the wrong state, or the wrong header's hash, would be a checksum mismatch).
                Assert.Equal(wide.Value, ModelSerializer.Deserialize<WideValue>(wideFile).Value);
                Assert.Equal(narrow.Value, ModelSerializer.Deserialize<NarrowValue>(narrowFile).Value);
                WideValue wideOfNarrow = ModelSerializer.Deserialize<WideValue>(narrowFile);
                NarrowValue narrowOfWide = ModelSerializer.Deserialize<NarrowValue>(wideFile);
                Assert.Equal((narrow.Value, narrow.Text), ((int)wideOfNarrow.Value, wideOfNarrow.Text));
                Assert.Equal(((int)wide.Value, wide.Text), (narrowOfWide.Value, narrowOfWide.Text));

                byte[] a = ModelSerializer.Serialize(new HeaderTwinA { Number = length }, options);
                Assert.Equal(length, ModelSerializer.Deserialize<HeaderTwinA>(a).Number);
                Bad.Binary<HeaderTwinB>(a, reason: "holds model");
                if (length % 5 != 0) continue;
                // A changed payload byte is caught on either path.
                foreach (byte[] file in new[] { wideFile, narrowFile })
                {
                    byte[] changed = (byte[])file.Clone();
                    changed[file.Length - 17] ^= 0x04;
                    Bad.Binary<WideValue>(changed, reason: "checksum mismatch");
                    Bad.Binary<NarrowValue>(changed, reason: "checksum mismatch");
                }
            }
    }

    // Values of the two types written in turn (each of many lengths, through every kind of write) each have their
    // format's checksum of their own bytes, and load.
    private static void WrittenInTurn<TA, TB>(Func<int, TA> a, Func<int, TB> b, ModelSerializerOptions options)
        where TA : IModelSerializable<TA> where TB : IModelSerializable<TB>
    {
        byte[] headerA = Header(ModelSerializer.Serialize(a(0), options));
        byte[] headerB = Header(ModelSerializer.Serialize(b(0), options));
        // The premise: the same length (the same stripes and blocks cached), other bytes.
        Assert.Equal(headerA.Length, headerB.Length);
        Assert.False(headerA.AsSpan().SequenceEqual(headerB));
        var buffer = new ArrayBufferWriter<byte>(64);
        // Short inputs (16-byte blocks) through long ones (stripes after the header's, a block scramble at 1,024 bytes).
        for (int length = 0; length < 1100; length += length < 300 ? 1 : 7)
        {
            foreach (byte[] data in Written(a(length), b(length), options, buffer))
                Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
            ModelSerializer.Deserialize<TA>(ModelSerializer.Serialize(a(length), options));
            ModelSerializer.Deserialize<TB>(ModelSerializer.Serialize(b(length), options));
        }
    }

    // A value read from newer data keeps the members its model lacks; format 2 writes them back as extension fields,
    // each after its member description. The header is still the type's own: the file's checksum is of its header's and its
    // payload's bytes, in turn with files of the same type that keep nothing, and the kept members come back.
    [Fact]
    public void A_value_with_kept_members_is_hashed_whole_in_turn_with_values_without()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        for (int length = 0; length < 700; length += 3)
        {
            var newer = new HeaderKeeperV2 { Text = new string('k', length), Number = length, Note = "note " + length, Child = new Chain { Value = 9 } };
            HeaderKeeperV1 kept = ModelSerializer.Deserialize<HeaderKeeperV1>(ModelSerializer.Serialize(newer, Format2));
            Assert.Equal(2, ModelSerializer.GetUnknownMembers(kept).Count);
            var plain = new HeaderKeeperV1 { Text = new string('k', length), Number = length };
            foreach (byte[] data in Written(kept, plain, Format2, buffer))
                Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
            byte[] keptFile = ModelSerializer.Serialize(kept, Format2);
            Assert.True(keptFile.AsSpan().IndexOf("note"u8) >= Header(keptFile).Length, "the kept member's description is in the payload");
            HeaderKeeperV2 back = ModelSerializer.Deserialize<HeaderKeeperV2>(keptFile);
            Assert.Equal((newer.Text, newer.Number, newer.Note, 9), (back.Text, back.Number, back.Note, back.Child!.Value));
            Assert.Equal(plain.Text, ModelSerializer.Deserialize<HeaderKeeperV1>(ModelSerializer.Serialize(plain, Format2)).Text);
        }
    }

    // Each value written three ways in turn with the other: into a reused buffer (the write at once, from the cached
    // header and hash state), to a new array, and to a stream in small chunks (the plain write, hashed as it goes).
    private static IEnumerable<byte[]> Written<TA, TB>(TA a, TB b, ModelSerializerOptions options, ArrayBufferWriter<byte> buffer)
        where TA : IModelSerializable<TA> where TB : IModelSerializable<TB>
    {
        for (int i = 0; i < 2; i++)
        {
            buffer.ResetWrittenCount();
            ModelSerializer.Serialize(buffer, a, options);
            yield return buffer.WrittenSpan.ToArray();
            buffer.ResetWrittenCount();
            ModelSerializer.Serialize(buffer, b, options);
            yield return buffer.WrittenSpan.ToArray();
        }
        yield return ModelSerializer.Serialize(a, options);
        yield return ModelSerializer.Serialize(b, options);
        var stream = new MemoryStream();
        ModelSerializer.Serialize(stream, a, options);
        yield return stream.ToArray();
        stream = new MemoryStream();
        ModelSerializer.Serialize(stream, b, options);
        yield return stream.ToArray();
    }

    private static byte[] Header(byte[] file) => file.AsSpan(0, ModelSerializer.ReadEnvelope(file).HeaderLength).ToArray();
}

// Two models that differ only in their names (one character): headers of one length, different bytes, of several
// 64-byte stripes in format 2. Their members are their plain base's.
public abstract class HeaderTwinMembers
{
    public string Text { get; set; } = "";
    public int Number { get; set; }
    public double FirstMemberWithALongName { get; set; }
    public float SecondMemberWithALongName { get; set; }
    public long ThirdMemberWithALongName { get; set; }
    public List<string> FourthMemberWithALongName { get; set; } = [];
    public Dictionary<string, float> FifthMemberWithALongName { get; set; } = [];
    public bool? SixthMemberWithALongName { get; set; }
}

[SerializableModel]
public partial class HeaderTwinA : HeaderTwinMembers { }

[SerializableModel]
public partial class HeaderTwinB : HeaderTwinMembers { }

// A model and its newer version with two more members, which the older one keeps.
[SerializableModel(Name = "Tests.HeaderKeeper")]
public partial class HeaderKeeperV1
{
    public string Text { get; set; } = "";
    public int Number { get; set; }
}

[SerializableModel(Name = "Tests.HeaderKeeper", Version = 2)]
public partial class HeaderKeeperV2
{
    public string Text { get; set; } = "";
    public int Number { get; set; }
    public string Note { get; set; } = "";
    public Chain? Child { get; set; }
}
