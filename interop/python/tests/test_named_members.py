"""A named member (field key 4: a name and its JSON text, written by an older .NET build that kept members of newer JSON)
reads, where the schema document declares it, into the member's type as the .NET reader reads it: the same value the
member gives when read from its ordinary field, bit for bit (tests/ModelGen.Interop.Tests/NamedMemberFixtureTests.cs
writes the fixtures: the same value saved both ways, and the JSON form of what .NET read); and refused where .NET
refuses, naming the member path and the offset .NET names."""

import array
import datetime
import decimal
import json
import math
import struct
import unittest
import uuid

import modelgen
from modelgen import _reader

from .support import Comparer, fixture_path, numpy, numpy_modes, read_bytes, read_json, assert_refused_as_dotnet


def _canonical(v):
    """A decoded value as comparable data: floats by their bits (a NaN's payload included), containers by their type
    and items, .NET dates and times by their ticks, kind and offset."""
    if numpy is not None and isinstance(v, numpy.ndarray):
        return ("ndarray", v.dtype.str, v.shape, v.tobytes())
    if isinstance(v, array.array):
        return ("array", v.typecode, v.tobytes())
    if isinstance(v, float):
        return ("float", struct.pack("<d", v))
    if isinstance(v, complex):
        return ("complex", struct.pack("<dd", v.real, v.imag))
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (_reader.DateTime, _reader.TimeSpan, _reader.Time)):
        return (type(v).__name__, v.ticks, getattr(v, "kind", None), getattr(v, "offset_minutes", None))
    if isinstance(v, decimal.Decimal):
        return ("decimal", v.as_tuple())
    if isinstance(v, (list, tuple)):
        return (type(v).__name__, [_canonical(x) for x in v])
    if isinstance(v, dict):
        return ("dict", sorted(((repr(_canonical(k)), _canonical(x)) for k, x in v.items())))
    return (type(v).__name__, v)


def _single_bits(a):
    """A float32 array's elements (numpy or array.array) as the hex of their bits."""
    bits = a.view(numpy.uint32).tolist() if numpy is not None and isinstance(a, numpy.ndarray) else array.array("I", a.tobytes())
    return ["%08x" % b for b in bits]


def _single_bits_of_json(items):
    """The bits of the float32 elements the JSON form spells (a NaN's bits after "NaN:")."""
    special = {"NaN": 0xFFC00000, "Infinity": 0x7F800000, "-Infinity": 0xFF800000}
    return ["%08x" % (int(x[4:], 16) if isinstance(x, str) and x.startswith("NaN:") else special[x] if isinstance(x, str)
                      else struct.unpack("<I", struct.pack("<f", float(x)))[0]) for x in items]


class NamedMemberFixtureTests(unittest.TestCase):
    def setUp(self):
        with open(fixture_path("named", "named-v2.schema.json"), encoding="utf-8") as f:
            self.schema = f.read()

    def test_a_named_member_reads_what_its_field_reads_bit_for_bit(self):
        for fmt in (1, 2):
            named = read_bytes("named", "named-format%d.mgen" % fmt)
            fields = read_bytes("named", "fields-format%d.mgen" % fmt)
            for use_numpy in numpy_modes():
                with self.subTest(format=fmt, numpy=use_numpy):
                    from_named = modelgen.load(named, schema=self.schema, use_numpy=use_numpy)
                    from_fields = modelgen.load(fields, schema=self.schema, use_numpy=use_numpy)
                    # No member is left as its JSON value: enums given by name too, by the names the lock file lists.
                    self.assertEqual(set(from_named.kept), set())
                    names = [k for k in from_fields if not k.startswith("$")]
                    self.assertGreaterEqual(len(names), 61)
                    self.assertEqual(sorted(k for k in from_named if not k.startswith("$")), sorted(names))
                    for name in names:
                        self.assertEqual(_canonical(from_named[name]), _canonical(from_fields[name]), name)

    def test_a_named_member_matches_the_json_form_of_what_dotnet_read(self):
        js = read_json("named", "named.json")
        schemas = _reader._read_schema(self.schema)
        for fmt in (1, 2):
            for use_numpy in numpy_modes():
                with self.subTest(format=fmt, numpy=use_numpy):
                    decoded = modelgen.load(read_bytes("named", "named-format%d.mgen" % fmt), schema=self.schema,
                                            use_numpy=use_numpy)
                    # Enums by name, read by the names the lock file lists.
                    self.assertEqual(decoded["color"], 2)
                    self.assertEqual(decoded["levels"], [200, 1, 7])
                    self.assertEqual(decoded["byAct"], {2: 0.5, 1: 1.0, 7: 2.0, 9: 3.0})
                    # The float32 array holds a signaling NaN, which the comparer's Python floats cannot carry: its
                    # elements by their bits, against those the JSON form spells.
                    self.assertEqual(_single_bits(decoded["singles"]), _single_bits_of_json(js["singles"]))
                    comparer = Comparer(self, schemas)
                    skipped = ("singles",)
                    comparer.model({k: v for k, v in decoded.items() if k not in skipped},
                                   {k: v for k, v in js.items() if k not in skipped}, "Interop.Named", "")
                    self.assertGreater(comparer.checked, 100)

    def test_a_few_conversions_exactly(self):
        value = modelgen.load(read_bytes("named", "named-format1.mgen"), schema=self.schema, use_numpy=False)
        self.assertEqual(struct.pack("<f", value["single"]), struct.pack("<f", 0.1))  # rounded to float32
        self.assertEqual(value["singles"].typecode, "f")
        bits = array.array("I", value["singles"].tobytes())
        self.assertEqual(bits[11], 0x7F800001)  # "NaN:7f800001": a signaling NaN kept
        self.assertEqual(bits[12], 0xFFC00123)
        self.assertEqual(value["halfValue"], struct.unpack("<e", struct.pack("<e", 0.1))[0])
        self.assertEqual(value["money"], decimal.Decimal("1234567.8900"))
        self.assertEqual(value["key"], uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e"))
        self.assertEqual(value["at"].offset_minutes, 330)
        self.assertEqual(value["when"].kind, "unspecified")
        self.assertEqual(value["whenUtc"].kind, "utc")
        self.assertEqual(value["day"], datetime.date(9999, 12, 31))
        self.assertEqual(bytes(value["blob"]), bytes([0, 1, 2, 253, 254, 255]))
        self.assertEqual(value["qTable"], {(3, 4): struct.unpack("<f", struct.pack("<f", 0.5))[0],
                                           (-1, 0): struct.unpack("<f", struct.pack("<f", 0.1))[0]})
        self.assertEqual(value["triple"][:2], (5, "five"))
        self.assertEqual(value["inner"]["$version"], 1)
        self.assertTrue(math.isnan(value["complex"].imag))

    def test_other_spellings_read_what_dotnet_read(self):
        # Named members as a JSON layer may spell them (an exponent, a Guid without hyphens, a short TimeSpan, a NaN's
        # bits of another float type, loose member names...), each compared with the JSON form of what .NET read.
        with open(fixture_path("named", "accepted", "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertGreaterEqual(len(manifest), 44)
        schemas = _reader._read_schema(self.schema)
        nodes = {m[0]: m[1] for m in schemas.find("Interop.Named").members.values()}
        for case in manifest:
            js = json.loads(case["json"], parse_float=decimal.Decimal,
                            parse_int=lambda t: decimal.Decimal(t) if t == "-0" else int(t))
            data = read_bytes("named", "accepted", case["name"] + ".mgen")
            for use_numpy in numpy_modes():
                with self.subTest(case=case["name"], numpy=use_numpy):
                    decoded = modelgen.load(data, schema=self.schema, use_numpy=use_numpy)
                    self.assertEqual(decoded.kept, {})
                    members = [k for k in decoded if k not in ("$version", "id")]
                    self.assertEqual(len(members), 1)
                    member, got, want = members[0], decoded[members[0]], js[members[0]]
                    if nodes[member][0] == "model":
                        # Members the JSON lacks stay absent, as binary leaves a field the object lacks; members the
                        # nested model does not declare are kept by name (as .NET keeps them).
                        for k in got.kept:
                            self.assertEqual(got[k], want[k])
                        got = {k: v for k, v in got.items() if k not in got.kept}
                        want = {k: v for k, v in want.items() if k in got or k.startswith("$")}
                        self.assertLess(len(got), len(js[member]))
                    if nodes[member][0] == "array" and nodes[member][2][2] == "float32" and nodes[member][3] == 1:
                        # By bits: a signaling NaN does not survive the comparer's Python floats.
                        self.assertEqual(_single_bits(got), _single_bits_of_json(want), member)
                        continue
                    Comparer(self, schemas).value(got, want, nodes[member], member)

    def test_a_nested_models_undeclared_member_is_kept_and_written_back_by_name(self):
        value = modelgen.load(read_bytes("named", "accepted", "nested-unknown-member.mgen"), schema=self.schema,
                              use_numpy=False)
        self.assertEqual([1, {"a": None, "b": "NaN"}], value["inner"]["extra"])
        self.assertIn("extra", value["inner"].kept)
        full = modelgen.load(read_bytes("named", "named-format1.mgen"), schema=self.schema, use_numpy=False)
        full["inner"] = value["inner"]
        full["inner"].update(weight=0.5, small=0.0, values=[])  # the writer writes every declared member
        data = modelgen.dumps(full, self.schema, model="Interop.Named")
        back = modelgen.load(data, schema=self.schema, use_numpy=False)
        self.assertEqual((2, [200, 1, 7]), (back["color"], list(back["levels"])))
        self.assertEqual("n", back["inner"]["name"])
        self.assertEqual([1, {"a": None, "b": "NaN"}], back["inner"]["extra"])

    def test_what_dotnet_refuses_is_refused_naming_the_member_and_offset(self):
        # The reason as .NET words it (it names .NET's types: "does not fit in Single exactly").
        assert_refused_as_dotnet(self, "named", self.schema, 42, lambda case: case["reason"])

    def test_enum_names_read_only_with_the_lock_files_enum_values(self):
        # A schema document without "enums" (T.Schema.ToJson(), a lock file written before enums were recorded) keeps
        # a member holding an enum by name as it came, its JSON value, which save() writes only with the names.
        doc = json.loads(self.schema)
        for e in doc["schemas"]:
            e.pop("enums", None)
        for fmt in (1, 2):
            with self.subTest(format=fmt):
                value = modelgen.load(read_bytes("named", "named-format%d.mgen" % fmt), schema=doc, use_numpy=False)
                self.assertEqual(set(value.kept), {"color", "levels", "activation", "byAct"})
                self.assertEqual((value["color"], value["levels"]), ("Blue", ["High", "Low", 7]))
                self.assertEqual(value["permissions"], 5)  # a number reads without names
                with self.assertRaises(modelgen.WriteError) as e:
                    modelgen.dumps(value, doc, model="Interop.Named")
                self.assertEqual(e.exception.path, "color")
                self.assertIn("does not list the names of enum Color", str(e.exception))
                back = modelgen.load(modelgen.dumps(value, self.schema, model="Interop.Named"), schema=self.schema,
                                     use_numpy=False)
                self.assertEqual((back["color"], back["levels"], back["activation"]), (2, [200, 1, 7], 2))
                self.assertEqual(back.kept, {})

    def test_only_a_member_the_schema_lacks_keeps_its_json_value_as_before(self):
        data = read_bytes("named", "named-format1.mgen")
        doc = json.loads(self.schema)
        entries = doc["schemas"] if isinstance(doc, dict) else doc
        for e in entries:
            if e["name"] == "Interop.Named":
                e["members"] = [m for m in e["members"] if m["name"] != "singles"]
        value = modelgen.load(data, schema=doc, use_numpy=False)
        self.assertEqual(value["singles"][0], 0.1)  # the JSON number, not rounded to float32
        self.assertEqual(value["singles"][11], "NaN:7f800001")
        self.assertIn("singles", value.kept)
        # The members it declares still read into their types.
        self.assertEqual(value["single"], struct.unpack("<f", struct.pack("<f", 0.1))[0])
        self.assertNotIn("single", value.kept)
        # Type-free: every named member as its JSON value.
        raw = modelgen.load(data, use_numpy=False)
        self.assertEqual(raw["single"], 0.1)
        self.assertEqual(raw["day"], "9999-12-31")


class EnumNameTests(unittest.TestCase):
    """The rule by which a string reads into an enum (.NET's EnumCodec.FromKey), from a schema entry's "enums"."""

    @staticmethod
    def names(values, name="App.Act"):
        return _reader._enum_tables([{"name": name, "values": values}], "App.Model")[name.rsplit(".", 1)[-1]]

    def read(self, names, text):
        return _reader._enum_from_text(text, names, "Act")

    def test_a_name_exactly_then_ignoring_case_and_no_comma_lists(self):
        act = self.names({"Relu": 0, "ReLU": 1, "Tanh": 2, "Gelu": 7, "GELU": 7, "Swish": 8, "Silu": 8})
        self.assertEqual([self.read(act, t) for t in ("Relu", "ReLU", "tanh", "TANH", "gelu", "GELU", "Gelu")],
                         [0, 1, 2, 2, 7, 7, 7])
        for text, reason in (("relu", '"relu" matches more than one member of enum Act when case is ignored; use the '
                                      'exact name'),
                             ("Tanh, Relu", '"Tanh, Relu" is not a member of enum Act'),
                             ("Tanh ", '"Tanh " is not a member of enum Act'),
                             ("", '"" is not a member of enum Act')):
            with self.assertRaises(ValueError) as e:
                self.read(act, text)
            self.assertEqual(str(e.exception), reason)

    def test_a_number_as_long_parses_it(self):
        act = self.names({"Relu": 0})
        self.assertEqual([self.read(act, t) for t in ("7", " +7\t", "-0", "1\x00\x00", "9223372036854775807",
                                                      "-9223372036854775808")],
                         [7, 7, 0, 1, (1 << 63) - 1, -(1 << 63)])
        # Not a number .NET parses (beyond int64, a space that is not ASCII white space, a NUL before white space,
        # digits that are not ASCII): a name, which is not there.
        for text in ("9223372036854775808", "\u00a07", "7\x00 ", "\u0667"):
            with self.assertRaises(ValueError) as e:
                self.read(act, text)
            self.assertEqual(str(e.exception), '"%s" is not a member of enum Act' % text)
        # Without names, a number still reads; a name cannot.
        self.assertEqual(self.read(None, "3"), 3)
        with self.assertRaises(LookupError):
            self.read(None, "Relu")

    def test_every_name_of_a_value_with_several_reads_as_that_value(self):
        # A writer writes the one name its runtime's Enum.GetName gives a value; another runtime may pick the other.
        act = self.names({"Relu": 0, "RELU": 1, "Rectified": 1, "Swish": 8, "Silu": 8})
        self.assertEqual([self.read(act, t) for t in ("Swish", "Silu", "silu", "SWISH", "RELU", "rectified", "Relu")],
                         [8, 8, 8, 8, 1, 1, 0])
        with self.assertRaises(ValueError) as e:
            self.read(act, "relu")  # Relu (0) and RELU (1) ignoring case
        self.assertIn("matches more than one member", str(e.exception))
        with self.assertRaises(ValueError):
            self.read(act, "Sigmoid")

    def test_values_as_binary_holds_them_and_what_makes_names_unusable(self):
        huge = self.names({"Zero": 0, "Top": 18446744073709551615}, "App.Huge")
        self.assertEqual(_reader._enum_from_text("top", huge, "Huge"), -1)  # ulong.MaxValue as int64
        # A value that is not an integer (a lock file rewritten through a double loses digits): no names.
        self.assertIsNone(self.names({"Max": 9.223372036854776e18}))
        # Two enums of one short name (which one a member means is unknown): no names, unless they agree.
        tables = _reader._enum_tables([{"name": "A.Act", "values": {"X": 1}}, {"name": "B.Act", "values": {"X": 2}},
                                       {"name": "A.Mode", "values": {"Y": 1}}, {"name": "B.Mode", "values": {"Y": 1}}],
                                      "App.Model")
        self.assertIsNone(tables["Act"])
        self.assertEqual(_reader._enum_from_text("y", tables["Mode"], "Mode"), 1)
        with self.assertRaises(modelgen.SchemaError):
            _reader._enum_tables([{"name": "A.Act"}], "App.Model")

    def test_save_writes_an_enum_given_by_name_as_dotnets_dictionary_form_reads_it(self):
        with open(fixture_path("named", "named-v2.schema.json"), encoding="utf-8") as f:
            schema = f.read()
        full = modelgen.load(read_bytes("named", "named-format1.mgen"), schema=schema, use_numpy=False)
        expected = modelgen.dumps(full, schema, model="Interop.Named")
        full.update(color="bLUE", levels=["High", "low", " 7"], byAct={"tanh": 0.5, "ReLU": 1.0, "GELU": 2.0, 9: 3.0})
        self.assertEqual(modelgen.dumps(full, schema, model="Interop.Named"), expected)
        for member, value, path, reason in (
                ("color", "Purple", "color", '"Purple" is not a member of enum Color'),
                ("activation", "relu", "activation", "matches more than one member of enum Act"),
                ("byAct", {"Gelu": 1.0, "GELU": 2.0}, "byAct[GELU]", "a duplicate key"),
                ("levels", [1, "Medium"], "levels[1]", '"Medium" is not a member of enum Level')):
            with self.subTest(member=member, value=value):
                bad = modelgen.load(read_bytes("named", "named-format1.mgen"), schema=schema, use_numpy=False)
                bad[member] = value
                with self.assertRaises(modelgen.WriteError) as e:
                    modelgen.dumps(bad, schema, model="Interop.Named")
                self.assertEqual(e.exception.path, path)
                self.assertIn(reason, str(e.exception))


if __name__ == "__main__":
    unittest.main()
