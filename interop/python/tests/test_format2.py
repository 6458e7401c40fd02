"""Format 2 (docs/format.md §9): the schema table in the header and positional objects, read and written in Python.

The files here are built by the Python writer from the fixtures the .NET tests write (artifacts/interop-fixtures, any
format) and by hand from the specification; malformed tables and payloads must each raise a FormatError that says
what is wrong, at the offset of the field, and never reach the reader's safety net."""

import os
import random
import struct
import unittest

import modelgen
from modelgen import _reader

from . import support
from .support import FIXTURES, REPO, fixture_names, fixture_path, read_bytes, varint


def s(text):
    raw = text.encode("utf-8")
    return varint(len(raw)) + raw


def member(key, name, type_text, descriptor, ref=None):
    return varint(key) + s(name) + s(type_text) + bytes([descriptor]) + (varint(ref) if ref is not None else b"")


def model_entry(name, members, version=1, fp=0):
    return s(name) + varint(version) + struct.pack("<Q", fp) + b"\x00" + varint(len(members)) + b"".join(members)


def union_entry(name, cases, version=1, fp=0):
    return (s(name) + varint(version) + struct.pack("<Q", fp) + b"\x01" + varint(len(cases))
            + b"".join(s(tag) + varint(ref) for tag, ref in cases))


def table(*entries):
    return varint(len(entries)) + b"".join(entries)


def checksum2(header, payload):
    """Format 2's checksum (§9.1), from the definition: XXH3-64 of H || P, the XXH3-64 of the header and of the
    payload, each as uint64 little-endian."""
    return modelgen.xxh3_64(struct.pack("<QQ", modelgen.xxh3_64(header), modelgen.xxh3_64(payload)))


def file2(table_bytes, payload, checksum=True, table_length=None):
    """A format-2 file around a table and a payload, with a correct trailer (so the decoder, not the envelope, is
    what finds the damage)."""
    prefix = b"MGEN\x02" + bytes([1 if checksum else 0]) + varint(len(table_bytes) if table_length is None else table_length)
    header = prefix + table_bytes
    # Sealed where the table length puts the end of the header, as a reader splits it (a length that runs into the
    # trailer delimits no header: such a file is a checksum mismatch whatever its trailer holds).
    body = header + payload
    split = len(prefix) + (len(table_bytes) if table_length is None else table_length)
    digest = (checksum2(body[:split], body[split:]) if split <= len(body) else checksum2(header, payload)) if checksum else 0
    return header + payload + struct.pack("<QQ", len(payload), digest)


def zz(v):
    return varint((v << 1) ^ (v >> 63))


# P { int X } with X = 3, the example of docs/format.md §9.5.
P_TABLE = table(model_entry("P", [member(17623, "x", "int32", 0x00)], fp=0x393e0185cd08f92a))
P_SCHEMA = {"name": "P", "version": 1, "members": [{"name": "x", "key": 17623, "type": "int32"}]}

# Node { string Name; Node? Child; List<Node> Nodes; int? Y } and a union Op with cases Dense and Drop.
NODE = table(
    model_entry("T.Node", [member(20, "name", "string", 0x02), member(21, "child", "model:T.Node?", 0x1B, 0),
                           member(22, "nodes", "list<model:T.Node>", 0x16, 0), member(23, "y", "int32?", 0x08),
                           member(24, "op", "model:T.Op?", 0x1B, 1)]),
    union_entry("T.Op", [("dense", 2), ("drop", 3)]),
    model_entry("T.Dense", [member(30, "units", "int32", 0x00)]),
    model_entry("T.Drop", [member(31, "rate", "float64", 0x01)]))


def node_payload(name, child=None, nodes=(), y=None, op=None, extensions=b"\x00"):
    out = s(name)
    out += b"\x00" if child is None else b"\x01" + child
    out += b"\x01" + varint(len(nodes)) + b"".join(b"\x0b" + n for n in nodes)
    out += b"\x00" if y is None else b"\x01" + zz(y)
    out += b"\x00" if op is None else b"\x01" + op
    return out + extensions


class Format2ReaderTests(unittest.TestCase):
    def test_the_example_of_the_specification_reads_and_writes_byte_for_byte(self):
        data = file2(P_TABLE, b"\x06\x00")
        self.assertEqual(data[:7].hex(), "4d47454e02011a")
        self.assertEqual(data[-8:].hex(), "be8da3f54688ccf0")  # the checksum bytes §9.5 shows
        env = modelgen.read_envelope(data)
        self.assertEqual((env.format_version, env.model_name, env.schema_version, env.fingerprint),
                         (2, "P", 1, 0x393e0185cd08f92a))
        self.assertEqual(env.header_length, 33)
        self.assertEqual(env.schema_table[0].members[0], modelgen.TableMember(17623, "x", "int32", 0, False, None))
        self.assertEqual(modelgen.load(data), {"$version": 1, "x": 3})
        self.assertEqual(modelgen.fingerprint(P_SCHEMA), 0x393e0185cd08f92a)
        self.assertEqual(modelgen.dumps({"x": 3}, P_SCHEMA, format_version=2), data)
        self.assertEqual(modelgen.dumps({"x": 3}, P_SCHEMA)[4], 1)  # format 1 unless told, as .NET

    def test_nested_recursive_nullable_and_union_members_are_named_without_a_schema(self):
        leaf = node_payload("leaf", y=-2, op=b"\x01" + struct.pack("<d", 0.25) + b"\x00")
        root = node_payload("root", child=leaf, nodes=[node_payload("a"), node_payload("b", op=b"\x00" + zz(8) + b"\x00")])
        value = modelgen.load(file2(NODE, root))
        self.assertEqual(value["name"], "root")
        self.assertEqual(value["child"], {"$version": 1, "name": "leaf", "child": None, "nodes": [], "y": -2,
                                          "op": {"$type": "drop", "$version": 1, "rate": 0.25}})
        self.assertEqual([n["name"] for n in value["nodes"]], ["a", "b"])
        self.assertEqual(value["nodes"][1]["op"], {"$type": "dense", "$version": 1, "units": 8})
        self.assertIsNone(value["y"])
        # The table is a schema document: the same value is written again, byte for byte.
        doc = modelgen.read_envelope(file2(NODE, root)).schema_table.to_schema_document()
        self.assertEqual(modelgen.dumps(value, doc, format_version=2), file2(NODE, root))

    def test_extension_fields_hold_the_data_version_and_kept_members(self):
        kept = varint(5000 << 3 | 2) + s("kept text") + varint(5001 << 3 | 3) + varint(17 << 3) + zz(4) + b"\x07"
        data = file2(P_TABLE, b"\x06\x03" + b"\x08" + zz(3) + kept)
        value = modelgen.load(data)
        self.assertEqual(value, {"$version": 3, "x": 3, "#5000": "kept text", "#5001": {"#17": 4}})
        # With a schema document that knows a kept member, it is named and typed by it.
        doc = dict(P_SCHEMA, version=3, members=P_SCHEMA["members"] + [{"name": "note", "key": 5000, "type": "string"}])
        self.assertEqual(modelgen.load(data, schema=doc)["note"], "kept text")
        # The version alone: the writer writes it back as the only extension field.
        self.assertEqual(modelgen.dumps({"$version": 3, "x": 3}, P_SCHEMA, format_version=2), file2(P_TABLE, b"\x06\x01\x08" + zz(3)))

    def test_named_members_are_read_under_their_names_in_both_formats(self):
        # Field key 4 (docs/format.md section 3): a member an older build kept by name, its JSON value after the name.
        def named(name, text):
            body = s(name) + text.encode("utf-8")
            return varint(4 << 3 | 2) + varint(len(body)) + body
        data = file2(P_TABLE, b"\x06\x02" + named("note", '{"a": [1, 2.5, "x"]}') + named("x", "9"))
        # As the .NET reader: a name the table also has takes the named value (the older build's writer lacked it).
        self.assertEqual(modelgen.load(data), {"$version": 1, "x": 9, "note": {"a": [1, 2.5, "x"]}})
        one = support.envelope("P", 1, 0, named("note", "[true, null]") + b"\x07")
        self.assertEqual(modelgen.load(one)["note"], [True, None])
        for bad, reason in ((named("", "1"), "name of 0 bytes"), (named("note", "{"), "malformed JSON"),
                            (named("note", "[" * 5000 + "]" * 5000), "malformed JSON"), (named("note", "1 2"), "malformed JSON")):
            with self.assertRaises(modelgen.FormatError) as e:
                modelgen.load(file2(P_TABLE, b"\x06\x01" + bad))
            self.assertIn(reason, str(e.exception))
        # After a description (which names a kept member by key) it is not allowed.
        described = varint(3 << 3 | 2) + varint(len(s("n") + s("int32"))) + s("n") + s("int32")
        with self.assertRaises(modelgen.FormatError):
            modelgen.load(file2(P_TABLE, b"\x06\x02" + described + named("note", "1")))

    def test_a_schema_document_gives_renamed_members_their_new_names(self):
        doc = {"name": "P", "version": 2, "members": [{"name": "z", "key": 17623, "type": "int32", "previousNames": ["x"]}]}
        self.assertEqual(modelgen.load(file2(P_TABLE, b"\x06\x00"), schema=doc), {"$version": 1, "z": 3})


    def test_members_are_read_in_the_tables_order_not_by_key(self):
        t = table(model_entry("P", [member(40, "b", "string", 0x02), member(30, "a", "int32", 0x00)]))
        data = file2(t, s("first") + zz(7) + b"\x00")
        self.assertEqual(list(modelgen.load(data).items()), [("$version", 1), ("b", "first"), ("a", 7)])
        doc = modelgen.read_envelope(data).schema_table.to_schema_document()
        self.assertEqual(modelgen.dumps({"a": 7, "b": "first"}, doc, format_version=2), data)

    def test_a_type_name_the_reader_cannot_parse_is_decoded_by_its_wire_type(self):
        t = table(model_entry("P", [member(20, "m", "map<int32>", 0x06), member(21, "f", "float128", 0x01)]))
        self.assertEqual(modelgen.load(file2(t, b"\x00\x00" + struct.pack("<d", 1.5) + b"\x00")),
                         {"$version": 1, "m": {}, "f": 1.5})


class Format2FixtureTests(unittest.TestCase):
    """Every fixture the .NET tests wrote, written as format 2 by the Python writer: it reads without a schema to
    what the schema gives, and writes again to the same bytes."""

    def test_every_fixture_reads_the_same_in_format_2_without_its_schema(self):
        lock = fixture_path("schemas.lock.json")
        for name in [n for n in fixture_names() if n != "renamed-v1"]:
            with self.subTest(fixture=name):
                data = read_bytes(name + ".mgen")
                typed = modelgen.load(data, schema=lock, use_numpy=False)
                model = modelgen.read_envelope(data).model_name
                data2 = modelgen.dumps(typed, lock, model=model, format_version=2)
                self.assertEqual(data2[4], 2)
                plain = modelgen.load(data2, use_numpy=False)
                self.assertEqual(_normal(plain), _normal(typed))
                self.assertEqual(_normal(modelgen.load(data2, schema=lock, use_numpy=False)), _normal(typed))
                self.assertEqual(modelgen.dumps(plain, lock, model=model, format_version=2), data2)
                # The table alone is enough to write the value again.
                table_doc = modelgen.read_envelope(data2).schema_table.to_schema_document()
                self.assertEqual(modelgen.dumps(plain, table_doc, model=model, format_version=2), data2)


def _normal(v):
    """Values comparable with ==: NaN as text, arrays as lists."""
    if isinstance(v, float) and v != v:
        return "NaN" + struct.pack("<d", v).hex()
    if isinstance(v, complex):
        return ("complex", _normal(v.real), _normal(v.imag))
    if isinstance(v, dict):
        return {k: _normal(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_normal(x) for x in v]
    if hasattr(v, "tolist"):
        return _normal(v.tolist())
    return v


class Format2CorruptTests(unittest.TestCase):
    def assertFormatError(self, data, expected, offset=None):
        with self.assertRaises(modelgen.FormatError) as caught:
            modelgen.load(data, use_numpy=False)
        e = caught.exception
        self.assertFalse(getattr(e, "internal", False), "only the safety net caught this: %s" % e)
        self.assertIn(expected, str(e))
        self.assertTrue(0 <= e.offset <= len(data), e)
        if offset is not None:
            self.assertEqual(e.offset, offset, str(e))
        return e

    def test_the_checksum_is_of_the_header_hash_and_the_payload_hash(self):
        # §9.1: XXH3-64 of the 16 bytes H || P, not of the header and payload as one input (format 1's rule).
        data = file2(P_TABLE, b"\x06\x00")
        header, payload = data[:33], data[33:-16]
        stored = struct.unpack_from("<Q", data, len(data) - 8)[0]
        h = modelgen.xxh3_64(header)
        p = modelgen.xxh3_64(payload)
        self.assertEqual(stored, modelgen.xxh3_64(h.to_bytes(8, "little") + p.to_bytes(8, "little")))
        self.assertNotEqual(stored, modelgen.xxh3_64(data[:-16]))
        for use_numpy in (False, None):
            self.assertEqual(modelgen.load(data, use_numpy=use_numpy), {"$version": 1, "x": 3})
        # A file sealed by format 1's rule is a preview file written before 2026-12-06: it loads; a byte changed after
        # that seal matches neither rule and is refused as corrupted.
        old_rule = data[:-8] + struct.pack("<Q", modelgen.xxh3_64(data[:-16]))
        self.assertEqual(modelgen.load(old_rule, use_numpy=False), {"$version": 1, "x": 3})
        self.assertFormatError(old_rule[:33] + b"\x08" + old_rule[34:], "checksum mismatch")

    def test_preview_files_written_before_the_checksum_changed_still_load(self):
        # interop/fixtures/format2-preview: the files builds before 2026-12-06 wrote (every byte before the trailer
        # hashed); they read as today's files do, and differ from them only in the checksum.
        fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures")
        preview_dir, today_dir = os.path.join(fixtures, "format2-preview"), os.path.join(fixtures, "format2")
        names = sorted(n for n in os.listdir(preview_dir) if n.endswith(".mgen"))
        self.assertEqual(len(names), 14)
        for name in names:
            with self.subTest(name=name):
                with open(os.path.join(preview_dir, name), "rb") as f:
                    preview = f.read()
                with open(os.path.join(today_dir, name), "rb") as f:
                    today = f.read()
                self.assertEqual(preview[:-8], today[:-8])
                # Compared as text: NaN values (scalars-nan) are never equal to themselves.
                self.assertEqual(repr(modelgen.load(preview, use_numpy=False)), repr(modelgen.load(today, use_numpy=False)))

    def test_a_changed_header_byte_and_a_changed_payload_byte_are_checksum_mismatches(self):
        data = file2(P_TABLE, b"\x06\x00")
        name = data.index(b"\x01P") + 1  # the root entry's name "P": still a valid table when changed to "Q"
        payload = 33  # X's zigzag varint: 06 -> 08 is still a valid value
        for at, value in ((name, ord("Q")), (payload, 0x08)):
            with self.subTest(at=at):
                damaged = bytearray(data)
                damaged[at] = value
                self.assertFormatError(bytes(damaged), "checksum mismatch")
                self.assertIn("x", modelgen.load(bytes(damaged), verify_checksum=False))

    def test_a_table_corrupted_after_sealing_is_a_checksum_mismatch(self):
        # §1: corruption is reported as a checksum mismatch, not as the parse error it causes (the .NET reader too).
        data = file2(table(model_entry("P", [member(17623, "x", "int32", 0)])), b"\x06\x00")
        descriptor = data.index(b"int32") + 5
        broken = bytearray(data)
        broken[descriptor] = 0x07  # wire type 7: a table error when read unchecked
        self.assertFormatError(bytes(broken), "checksum mismatch", len(data) - 8)
        with self.assertRaises(modelgen.FormatError) as caught:
            modelgen.load(bytes(broken), use_numpy=False, verify_checksum=False)
        self.assertIn("wire type 7", str(caught.exception))
        longer = bytearray(data)
        longer[6] = 200  # the table length runs into the trailer
        self.assertFormatError(bytes(longer), "the table length at offset 6 does not fit the input", len(data) - 8)

    def test_tables_that_break_a_rule_name_what_is_wrong(self):
        t0 = 7  # the table starts after magic, version, flags and a one-byte length
        cases = [
            ("length beyond the file", file2(P_TABLE, b"\x06\x00", table_length=200), "the table length at offset 6 does not fit the input", None),
            ("length 0", file2(b"", b"\x06\x00"), "schema table length 0", 6),
            ("no entry", file2(b"\x00", b"\x06\x00"), "entry count 0 is out of range", t0),
            ("entry count beyond the table", file2(b"\x50" + P_TABLE[1:], b"\x06\x00"), "entry count 80 needs at least 1040 bytes", t0),
            ("entry count beyond the limit", file2(varint(5000) + P_TABLE[1:], b"\x06\x00"), "entry count 5000 is out of range (1 to 4096)", t0),
            ("member count beyond the table",
             file2(table(s("P") + b"\x01" + bytes(8) + b"\x00" + varint(900) + member(17623, "x", "int32", 0)), b"\x06\x00"),
             "member count of P 900 needs at least 5400 bytes", None),
            ("wire type 7", file2(table(model_entry("P", [member(17623, "x", "int32", 0x07)])), b"\x06\x00"), "wire type 7", None),
            ("unknown descriptor bits", file2(table(model_entry("P", [member(17623, "x", "int32", 0x40)])), b"\x06\x00"), "unknown bits", None),
            ("nullable bit without ?", file2(table(model_entry("P", [member(17623, "x", "int32", 0x08)])), b"\x06\x00"), "nullable bit", None),
            ("object without a model-ref", file2(table(model_entry("P", [member(17623, "x", "model:P", 0x03)])), b"\x00"), "model-ref bit", None),
            ("model-ref out of range", file2(table(model_entry("P", [member(17623, "x", "model:P?", 0x1B, 5)])), b"\x00\x00"),
             "refers to entry 5, but the table has 1 entries", None),
            ("repeated key", file2(table(model_entry("P", [member(40, "a", "int32", 0), member(40, "b", "int32", 0)])), b"\x00\x00\x00"),
             "member key 40 appears twice in P", None),
            ("reserved key", file2(table(model_entry("P", [member(5, "a", "int32", 0)])), b"\x00\x00"), "member key 5 of P is out of range", None),
            ("kind 2", file2(table(s("P") + b"\x01" + bytes(8) + b"\x02" + b"\x00"), b"\x00"), "kind 2", None),
            ("case entry out of range", file2(table(model_entry("P", []), union_entry("U", [("a", 9)])), b"\x00"), "refers to entry 9", None),
            ("case that is a union base", file2(table(model_entry("P", []), union_entry("U", [("a", 1)])), b"\x00"), "a union base, not a model", None),
            ("repeated tag", file2(table(model_entry("P", []), union_entry("U", [("a", 0), ("a", 0)])), b"\x00"), "appears twice", None),
            ("bad UTF-8 name", file2(table(b"\x01\xff" + P_TABLE[3:]), b"\x06\x00"), "not valid UTF-8", t0 + 1),
            ("name longer than 1024 bytes", file2(table(model_entry("P" * 1025, [])), b"\x00"), "1 to 1024", t0 + 2),  # a two-byte table length
            ("table longer than its entries", file2(P_TABLE + b"\x00", b"\x06\x00"), "end 1 bytes before its length", None),
            ("table shorter than its entries", file2(P_TABLE, b"\x06\x00", table_length=len(P_TABLE) - 1), "unexpected end of data", None),
        ]
        for name, data, expected, offset in cases:
            with self.subTest(case=name):
                self.assertFormatError(data, expected, offset)

    def test_payloads_that_break_a_rule_name_the_member(self):
        leaf = node_payload("leaf")
        cases = [
            ("presence byte 2", file2(NODE, s("r") + b"\x02"), "presence byte 2", "child"),
            ("union case out of range", file2(NODE, node_payload("r", op=b"\x05")), "union case 5 of T.Op is out of range", "op"),
            ("extension count beyond the bytes", file2(P_TABLE, b"\x06\x7f"), "extension count 127", ""),
            ("extension key of a member", file2(P_TABLE, b"\x06\x01" + varint(17623 << 3) + zz(1)), "is a member of P", ""),
            ("reserved extension key", file2(P_TABLE, b"\x06\x01" + varint(2 << 3 | 2) + s("a")), "reserved", ""),
            ("repeated extension key", file2(P_TABLE, b"\x06\x02" + (varint(99 << 3) + zz(1)) * 2), "appears twice", ""),
            ("bytes after the root", file2(P_TABLE, b"\x06\x00\x00"), "1 bytes after the end", ""),
            ("item of another key", file2(NODE, s("r") + b"\x00\x01\x01" + b"\x13" + leaf), "expected a sequence item", "nodes"),
            ("value of the wrong wire type", file2(table(model_entry("P", [member(17623, "x", "int32", 0x02)])), s("a") + b"\x00"),
             "expected an integer", "x"),
        ]
        for name, data, expected, path in cases:
            with self.subTest(case=name):
                e = self.assertFormatError(data, expected)
                self.assertTrue(e.path.startswith(path), e.path)

    def test_depth_is_counted_on_values_not_on_the_table(self):
        chain = node_payload("end")
        for _ in range(70):
            chain = node_payload("n", child=chain)
        self.assertFormatError(file2(NODE, chain), "nesting is deeper than the limit of 64")
        self.assertEqual(modelgen.load(file2(NODE, chain), max_depth=80)["name"], "n")

    def test_every_truncation_and_byte_flip_raises_format_error(self):
        data = modelgen.dumps(modelgen.load(file2(NODE, node_payload("root", nodes=[node_payload("a", y=1)], op=b"\x00\x02\x00"))),
                              modelgen.read_envelope(file2(NODE, node_payload("r"))).schema_table.to_schema_document(),
                              checksum=False, format_version=2)
        header = modelgen.read_envelope(data).header_length
        for length in range(len(data)):
            with self.subTest(length=length):
                with self.assertRaises(modelgen.FormatError) as caught:
                    modelgen.load(data[:length], use_numpy=False)
                self.assertFalse(getattr(caught.exception, "internal", False), caught.exception)
        rng = random.Random(16)
        for at in range(len(data) - 16):
            for value in (0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF, rng.randrange(256)):
                damaged = bytearray(data)
                if damaged[at] == value:
                    continue
                damaged[at] = value
                try:
                    modelgen.load(bytes(damaged), use_numpy=False)
                except modelgen.FormatError as e:
                    self.assertFalse(getattr(e, "internal", False), "byte %d = %d (header %d): %s" % (at, value, header, e))


if __name__ == "__main__":
    unittest.main()
