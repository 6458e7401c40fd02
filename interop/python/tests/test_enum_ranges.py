"""An enum's value beyond the range of its underlying type, which the schema document gives ("underlying", docs/format.md
section 3): refused by the reader as the .NET reader refuses it (same reason, path and offset: the fixtures are what
tests/ModelGen.Interop.Tests/EnumRangeFixtureTests.cs read and refused), and by save()/dumps(), which never write what
.NET's reader refuses. Without "underlying" (a document written before it was recorded) every int64 reads and writes,
as before."""

import json
import unittest

import modelgen
from modelgen import _reader

from .support import fixture_path, numpy_modes, read_bytes, read_json, assert_refused_as_dotnet


def _without_underlying(schema):
    doc = json.loads(schema)
    for entry in doc["schemas"]:
        for en in entry.get("enums", []):
            en.pop("underlying", None)
    return doc


class EnumRangeFixtureTests(unittest.TestCase):
    def setUp(self):
        with open(fixture_path("enums", "tiers-v2.schema.json"), encoding="utf-8") as f:
            self.schema = f.read()

    def test_values_in_range_read_what_dotnet_read_in_both_formats(self):
        expected = read_json("enums", "tiers.expected.json")
        expected["byLevel"] = {int(k): v for k, v in expected["byLevel"].items()}
        for fmt in (1, 2):
            for use_numpy in numpy_modes():
                with self.subTest(format=fmt, numpy=use_numpy):
                    value = modelgen.load(read_bytes("enums", "tiers-format%d.mgen" % fmt), schema=self.schema,
                                          use_numpy=use_numpy)
                    self.assertEqual(value["$version"], 1)  # written by V1, whose enums were wider
                    got = {k: list(v) if k == "levels" else v for k, v in value.items() if k != "$version"}
                    self.assertEqual(got, expected)
        self.assertEqual((expected["level"], expected["delta"], expected["huge"]), (255, -128, -(1 << 63)))

    def test_what_dotnet_refuses_is_refused_naming_the_member_and_offset(self):
        assert_refused_as_dotnet(self, "enums", self.schema, 5, lambda case: case["reason"])

    def test_without_the_underlying_type_every_int64_reads_as_before(self):
        doc = _without_underlying(self.schema)
        value = modelgen.load(read_bytes("enums", "refused", "byte-256.mgen"), schema=doc, use_numpy=False)
        self.assertEqual(value["level"], 256)
        value = modelgen.load(read_bytes("enums", "refused", "sbyte-minus-129.mgen"), schema=doc, use_numpy=False)
        self.assertEqual(value["delta"], -129)

    def test_save_refuses_a_value_beyond_the_underlying_type_naming_the_member(self):
        base = modelgen.load(read_bytes("enums", "tiers-format1.mgen"), schema=self.schema, use_numpy=False)
        for member, value, path, reason in (
                ("level", 300, "level", "value 300 is out of range for enum Level"),
                ("level", -1, "level", "value -1 is out of range for enum Level"),
                ("levels", [1, "256"], "levels[1]", "value 256 is out of range for enum Level"),
                ("byLevel", {1: 1, 256: 2}, "byLevel[256]", "value 256 is out of range for enum Level"),
                ("byLevel", {" 300": 2}, "byLevel[ 300]", "value 300 is out of range for enum Level"),
                ("delta", 128, "delta", "value 128 is out of range for enum Delta"),
                ("huge", 1 << 64, "huge", "enum value 18446744073709551616 is outside int64 and uint64")):
            with self.subTest(member=member, value=value):
                bad = dict(base, **{member: value})
                for fmt in (1, 2):
                    with self.assertRaises(modelgen.WriteError) as e:
                        modelgen.dumps(bad, self.schema, model="Interop.Tiers", format_version=fmt)
                    self.assertEqual(e.exception.path, path)
                    self.assertEqual(e.exception.reason, reason)
        # Without the underlying type, save() writes any int64 as before (which .NET's reader then refuses).
        data = modelgen.dumps(dict(base, level=300), _without_underlying(self.schema), model="Interop.Tiers")
        with self.assertRaises(modelgen.FormatError) as e:
            modelgen.load(data, schema=self.schema, use_numpy=False)
        self.assertEqual((e.exception.path, e.exception.reason), ("level", "value 300 is out of range for enum Level"))

    def test_save_writes_the_bounds_and_a_uint64_enum_as_either_number(self):
        base = modelgen.load(read_bytes("enums", "tiers-format1.mgen"), schema=self.schema, use_numpy=False)
        # The values .NET read, written again (as version 2) and read back.
        again = modelgen.load(modelgen.dumps(base, self.schema, model="Interop.Tiers"), schema=self.schema,
                              use_numpy=False)
        self.assertEqual({k: v for k, v in again.items() if k != "$version"},
                         {k: v for k, v in base.items() if k != "$version"})
        edges = dict(base, level=0, levels=[255, "0"], byLevel={255: 1}, delta=-128)
        back = modelgen.load(modelgen.dumps(edges, self.schema, model="Interop.Tiers"), schema=self.schema,
                             use_numpy=False)
        self.assertEqual((back["level"], list(back["levels"]), back["byLevel"], back["delta"]), (0, [255, 0], {255: 1}, -128))
        # ulong.MaxValue as the unsigned number or as the int64 the reader gives: one value on the wire.
        top = modelgen.dumps(dict(base, huge=(1 << 64) - 1), self.schema, model="Interop.Tiers")
        self.assertEqual(top, modelgen.dumps(dict(base, huge=-1), self.schema, model="Interop.Tiers"))
        self.assertEqual(modelgen.load(top, schema=self.schema, use_numpy=False)["huge"], -1)


class UnderlyingTypeTests(unittest.TestCase):
    """A schema entry's "underlying", read by _enum_tables."""

    def test_ranges_of_each_underlying_type(self):
        for underlying, lo, hi in (("int8", -128, 127), ("uint8", 0, 255), ("int16", -32768, 32767),
                                   ("uint16", 0, 65535), ("int32", -(1 << 31), (1 << 31) - 1), ("uint32", 0, (1 << 32) - 1),
                                   ("int64", -(1 << 63), (1 << 63) - 1), ("uint64", -(1 << 63), (1 << 64) - 1)):
            with self.subTest(underlying=underlying):
                names = _reader._enum_tables([{"name": "App.E", "underlying": underlying, "values": {"A": 0}}], "M")["E"]
                self.assertIsNone(names.out_of_range(lo))
                self.assertIsNone(names.out_of_range(hi))
                self.assertEqual(names.out_of_range(lo - 1), "value %d is out of range for enum E" % (lo - 1))
                self.assertEqual(names.out_of_range(hi + 1), "value %d is out of range for enum E" % (hi + 1))
                if hi < (1 << 63) - 1:  # a number's text, as .NET's long.TryParse reads it
                    self.assertEqual(_reader._enum_from_text(" %d " % hi, names, "E"), hi)
                    with self.assertRaises(ValueError) as e:
                        _reader._enum_from_text("%d" % (hi + 1), names, "E")
                    self.assertEqual(str(e.exception), "value %d is out of range for enum E" % (hi + 1))
        # Absent: no range (documents written before it was recorded).
        names = _reader._enum_tables([{"name": "App.E", "values": {"A": 0}}], "M")["E"]
        self.assertIsNone(names.out_of_range(1 << 40))
        self.assertEqual(_reader._enum_from_text("300", names, "E"), 300)

    def test_an_unknown_underlying_type_is_a_schema_error_and_two_enums_must_agree(self):
        with self.assertRaises(modelgen.SchemaError):
            _reader._enum_tables([{"name": "App.E", "underlying": "float32", "values": {"A": 0}}], "M")
        tables = _reader._enum_tables([{"name": "A.E", "underlying": "uint8", "values": {"X": 1}},
                                       {"name": "B.E", "underlying": "int32", "values": {"X": 1}}], "M")
        self.assertIsNone(tables["E"])  # which one a member means is unknown: neither names nor a range


if __name__ == "__main__":
    unittest.main()
