using System;
using System.Buffers.Binary;
using ModelGen.Tests.Format2.A_namespace_long_enough_that_a_few_model_names_fill_a_schema_table_of_many_xxh3_stripes;
using Xunit;

namespace ModelGen.Tests.Format2
{
    /// <summary>A long header (here 36 stripes of table). Format 2 hashes it once per type and the payload apart
    /// (docs/format.md §9.1): every file written across payloads of up to as many stripes as the header has holds
    /// XXH3-64 of H ‖ P and loads, and a changed payload byte is a checksum mismatch. Format 1 resumes the checksum
    /// from the state after its own header's stripes (PrefixHash), with XXH3's accumulators in registers, across the
    /// block boundary (stripe 16) where they are scrambled.</summary>
    public class LongHeaderChecksumTests
    {
        private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

        [Fact]
        public void A_format_2_header_of_many_stripes_gives_the_checksum_of_every_payload_length()
        {
            var value = new Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe { Leaf1 = new() { Value = 1 }, Leaf5 = new() { Value = 5 } };
            int header = ModelSerializer.ReadEnvelope(ModelSerializer.Serialize(value, Format2)).HeaderLength;
            Assert.True(header / 64 >= 9, $"a header of {header} bytes");
            for (int extra = 0; extra < (header / 64 + 2) * 64; extra += 3)
            {
                value.Text = new string('t', extra);
                byte[] data = ModelSerializer.Serialize(value, Format2);
                Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
                var back = ModelSerializer.Deserialize<Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe>(data);
                Assert.Equal((value.Text, 1, 5), (back.Text, back.Leaf1!.Value, back.Leaf5!.Value));
                if (extra % 30 != 0) continue;
                byte[] changed = (byte[])data.Clone();
                changed[data.Length - 17] ^= 0x01; // the payload's last byte
                Bad.Binary<Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe>(changed, reason: "checksum mismatch");
            }
        }

        [Fact]
        public void A_format_1_header_of_more_than_one_stripe_gives_the_checksum_of_every_length()
        {
            // Format 1's header holds the full model name (more than 64 bytes here): a short file is hashed from the
            // header's block products, a longer one resumed from the state after its stripe.
            var value = new Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe { Leaf1 = new() { Value = 1 } };
            int header = ModelSerializer.ReadEnvelope(ModelSerializer.Serialize(value)).HeaderLength;
            Assert.True(header >= 64, $"a format-1 header of {header} bytes");
            for (int extra = 0; extra < 400; extra += 7)
            {
                value.Text = new string('t', extra);
                byte[] data = ModelSerializer.Serialize(value);
                Assert.Equal(FileChecksum.Of(data), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(data.Length - 8)));
                Assert.Equal(value.Text, ModelSerializer.Deserialize<Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe>(data).Text);
            }
        }
    }
}

namespace ModelGen.Tests.Format2.A_namespace_long_enough_that_a_few_model_names_fill_a_schema_table_of_many_xxh3_stripes
{
    // Each model type is an entry of the format-2 schema table, named in full: six of these make a header of more than
    // nine 64-byte stripes (36 today).
    [SerializableModel]
    public partial class Long_header_root_with_a_name_that_takes_a_good_part_of_one_stripe
    {
        public string Text { get; set; } = "";
        public Long_header_leaf_number_one_with_a_name_that_takes_a_good_part_of_one_stripe? Leaf1 { get; set; }
        public Long_header_leaf_number_two_with_a_name_that_takes_a_good_part_of_one_stripe? Leaf2 { get; set; }
        public Long_header_leaf_number_three_with_a_name_that_takes_a_good_part_of_one_stripe? Leaf3 { get; set; }
        public Long_header_leaf_number_four_with_a_name_that_takes_a_good_part_of_one_stripe? Leaf4 { get; set; }
        public Long_header_leaf_number_five_with_a_name_that_takes_a_good_part_of_one_stripe? Leaf5 { get; set; }
    }

    [SerializableModel]
    public partial class Long_header_leaf_number_one_with_a_name_that_takes_a_good_part_of_one_stripe { public int Value { get; set; } }

    [SerializableModel]
    public partial class Long_header_leaf_number_two_with_a_name_that_takes_a_good_part_of_one_stripe { public int Value { get; set; } }

    [SerializableModel]
    public partial class Long_header_leaf_number_three_with_a_name_that_takes_a_good_part_of_one_stripe { public int Value { get; set; } }

    [SerializableModel]
    public partial class Long_header_leaf_number_four_with_a_name_that_takes_a_good_part_of_one_stripe { public int Value { get; set; } }

    [SerializableModel]
    public partial class Long_header_leaf_number_five_with_a_name_that_takes_a_good_part_of_one_stripe { public int Value { get; set; } }
}
