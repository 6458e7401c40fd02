"""Malformed input raises FormatError naming the offset, and nothing else."""

import json
import random
import struct
import unittest

import modelgen

from .support import envelope, fixture_path, read_bytes, varint


class CorruptTests(unittest.TestCase):
    def assertFormatError(self, data, schema=None, offset=None):
        with self.assertRaises(modelgen.FormatError) as caught:
            modelgen.load(data, schema=schema, use_numpy=False)
        e = caught.exception
        self.assertFalse(getattr(e, "internal", False), "only the safety net caught this: %s" % e)
        self.assertTrue(0 <= e.offset <= len(data), e)
        self.assertIn("byte offset %d" % e.offset, str(e))
        if offset is not None:
            self.assertEqual(e.offset, offset, str(e))
        return e

    def test_every_corrupt_fixture_raises_format_error(self):
        with open(fixture_path("corrupt", "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertGreaterEqual(len(manifest), 30)
        lock = fixture_path("schemas.lock.json")
        for case in manifest:
            with self.subTest(case=case["name"]):
                data = read_bytes("corrupt", case["name"] + ".mgen")
                e = self.assertFormatError(data, schema=lock if case["needsSchema"] else None, offset=case["envelopeOffset"])
                if case["needsSchema"]:
                    # Well-formed without the schema: the schema is what tells these values are wrong.
                    modelgen.load(data, use_numpy=False)
                    self.assertNotEqual(e.path, "", "a schema error names the member: %s" % e)

    def test_every_truncation_raises_format_error(self):
        data = read_bytes("nullables-set.mgen")
        for n in range(len(data)):
            with self.subTest(length=n):
                self.assertFormatError(data[:n])

    def test_every_truncated_payload_in_a_valid_envelope_raises_format_error(self):
        # The envelope is rebuilt around each cut payload (right length, right checksum), so the decoder itself must
        # find the truncation, wherever it falls: inside a tag, a varint, a string, a packed array, a nested object.
        for name in ("nullables-set", "collections-full", "pipeline"):
            data = read_bytes(name + ".mgen")
            env = modelgen.read_envelope(data)
            payload = data[env.header_length:len(data) - 16]
            for cut in range(len(payload)):
                with self.subTest(fixture=name, cut=cut):
                    self.assertFormatError(envelope(env.model_name, env.schema_version, env.fingerprint, payload[:cut]),
                                           schema=fixture_path("schemas.lock.json"))

    def test_random_byte_changes_load_or_raise_format_error(self):
        rng = random.Random(8)
        data = read_bytes("collections-full.mgen")
        env = modelgen.read_envelope(data)
        payload = data[env.header_length:len(data) - 16]
        lock = fixture_path("schemas.lock.json")
        for _ in range(600):
            mutated = bytearray(payload)
            for _ in range(rng.randint(1, 3)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            blob = envelope(env.model_name, env.schema_version, env.fingerprint, bytes(mutated))
            for schema in (None, lock):
                try:
                    modelgen.load(blob, schema=schema, use_numpy=False)
                except modelgen.FormatError as e:
                    self.assertFalse(getattr(e, "internal", False), "only the safety net caught this: %s" % e)

    def test_limits(self):
        deep = b"".join(varint((4000 << 3) | 3) for _ in range(65)) + b"\x07" * 66
        e = self.assertFormatError(envelope("X", 1, 0, deep))
        self.assertIn("deeper than the limit of 64", str(e))
        self.assertEqual(modelgen.load(envelope("X", 1, 0, deep), max_depth=100)["#4000"]["#4000"] is not None, True)
        self.assertFormatError(envelope("X", 1, 0, varint((4000 << 3) | 6) + varint(0) + varint(2 ** 62) + b"\x07"))
        self.assertFormatError(envelope("X", 1, 0, varint((4000 << 3) | 4) + bytes([10]) + varint(9)))
        self.assertFormatError(envelope("X", 1, 0, b"\x00\x07"))  # key 0 with a wire type other than the end marker

    def test_empty_arrays_with_a_large_leading_length_load_as_their_shape(self):
        # float32[1000, 0] at the end of a payload: the leading length is larger than the bytes that remain.
        packed = varint((4000 << 3) | 4) + bytes([10]) + varint(2) + varint(1000) + varint(0) + b"\x07"
        self.assertEqual(modelgen.load(envelope("X", 1, 0, packed), use_numpy=False)["#4000"], {"$shape": [1000, 0]})
        strings = varint((4000 << 3) | 6) + varint(2) + varint(0x7FFFFFC7) + varint(0) + b"\x07"
        modelgen.load(envelope("X", 1, 0, strings), use_numpy=False)
        self.assertFormatError(envelope("X", 1, 0, varint((4000 << 3) | 6) + varint(2) + varint(0x7FFFFFC8) + varint(0) + b"\x07"))

    def test_a_surrogate_as_a_char_is_refused_as_the_dotnet_readers_do(self):
        # format.md §6.2: writers refuse half a surrogate pair as a char, so readers do too.
        chars = lambda unit: varint((4000 << 3) | 4) + bytes([12]) + varint(1) + varint(1) + struct.pack("<H", unit) + b"\x07"
        self.assertEqual(modelgen.load(envelope("X", 1, 0, chars(0x4E16)), use_numpy=False)["#4000"], ["\u4e16"])
        self.assertIn("surrogate U+D800", str(self.assertFormatError(envelope("X", 1, 0, chars(0xD800)))))

    def test_checksum_flag_clear_skips_verification(self):
        payload = varint((4000 << 3) | 0) + varint(6) + b"\x07"
        self.assertEqual(modelgen.load(envelope("X", 1, 0, payload, checksum=False)), {"#4000": 3})
        e = modelgen.read_envelope(envelope("X", 2, 99, payload))
        self.assertEqual((e.model_name, e.schema_version, e.fingerprint, e.has_checksum), ("X", 2, 99, True))

    def test_a_checksum_whose_flag_was_cleared_is_corruption(self):
        payload = varint((4000 << 3) | 0) + varint(6) + b"\x07"
        cleared = bytearray(envelope("X", 1, 0, payload))
        cleared[5] = 0
        with self.assertRaises(modelgen.FormatError) as caught:
            modelgen.load(bytes(cleared))
        self.assertEqual(caught.exception.offset, 5)
        self.assertEqual(modelgen.load(bytes(cleared), verify_checksum=False), {"#4000": 3})

    def test_a_header_corrupted_after_sealing_is_a_checksum_mismatch(self):
        # §1: a name that is no longer UTF-8, or a name length past the data, is corruption the checksum reports.
        payload = varint((4000 << 3) | 0) + varint(6) + b"\x07"
        data = envelope("Xy", 1, 0, payload)
        for at, value in ((7, 0xFF), (6, 0x7F)):  # a name byte, then the name length
            with self.subTest(at=at):
                broken = bytearray(data)
                broken[at] = value
                with self.assertRaises(modelgen.FormatError) as caught:
                    modelgen.load(bytes(broken))
                self.assertIn("checksum mismatch", str(caught.exception))
                with self.assertRaises(modelgen.FormatError) as unchecked:
                    modelgen.load(bytes(broken), verify_checksum=False)
                self.assertNotIn("checksum", str(unchecked.exception))

    def test_non_bytes_input_is_a_type_error_not_a_format_error(self):
        with self.assertRaises(TypeError):
            modelgen.load(12345)


if __name__ == "__main__":
    unittest.main()


class ValueTypeCorruptTests(unittest.TestCase):
    """Bad values of the .NET 6+ scalar types (format.md §4) raise FormatError naming the member."""

    def load(self, member, wire, payload):
        schema = fixture_path("valuetypes-max.schema.json")
        with open(schema, encoding="utf-8") as f:
            entry = json.load(f)
        key = next(m["key"] for m in entry["members"] if m["name"] == member)
        data = envelope(entry["name"], 1, 0, varint((key << 3) | wire) + payload + b"\x07")
        with self.assertRaises(modelgen.FormatError) as caught:
            modelgen.load(data, schema=schema, use_numpy=False)
        self.assertEqual(caught.exception.path, member, str(caught.exception))
        return str(caught.exception)

    def test_bad_values_name_the_member(self):
        zigzag = lambda v: varint((v << 1) ^ (v >> 63))
        self.assertIn("out of range for DateOnly", self.load("date", 0, zigzag(3652059)))
        self.assertIn("out of range for TimeOnly", self.load("time", 0, zigzag(-1)))
        self.assertIn("16 bytes, not 15", self.load("int128", 2, varint(15) + bytes(15)))
        self.assertIn("at least one byte", self.load("big", 2, varint(0)))
        self.assertIn("16 bytes, not 8", self.load("complex", 2, varint(8) + bytes(8)))
        # A BigInteger length beyond the input is refused before anything is read.
        self.load("big", 2, varint(1 << 40) + b"\x01\x02")
