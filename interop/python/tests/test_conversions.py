"""A member whose number type changed between versions reads what the .NET reader reads from the same bytes: packed
arrays converted element by element into the member's element type, sequences, map values and scalars, compared bit
for bit with what .NET read (tests/ModelGen.Interop.Tests/ConversionFixtureTests.cs writes the fixtures); and refused
where .NET refuses, naming the member path and the offset .NET names."""

import array
import decimal
import json
import re
import struct
import unittest

import modelgen
from modelgen import _reader

from .support import fixture_path, numpy, numpy_modes, read_bytes, assert_refused_as_dotnet

# The dtype (numpy) and array typecode's (size, signedness or float) of each element type a packed member reads into.
_DTYPES = {"float64": "float64", "float32": "float32", "float16": "float16", "int64": "int64", "int32": "int32",
           "int16": "int16", "uint64": "uint64"}
_TYPECODES = {"float64": "d", "float32": "f", "float16": "f"}


def _half_bits(single):
    """The bits of the Half that a float32 (its bits) holds: a NaN's sign and payload shifted down by 13."""
    if single & 0x7F800000 == 0x7F800000:
        return (single >> 16) & 0x8000 | 0x7C00 | (single >> 13) & 0x3FF
    return struct.unpack("<H", struct.pack("<e", struct.unpack("<f", struct.pack("<I", single))[0]))[0]


def _bits(value, kind):
    """A decoded float (a Python float) as the bits of its member's type, in the expected file's hex."""
    if kind == "float64":
        return "%016x" % struct.unpack("<Q", struct.pack("<d", value))[0]
    single = _reader._single_bits(value, kind)
    return "%08x" % single if kind == "float32" else "%04x" % _half_bits(single)


class ConversionFixtureTests(unittest.TestCase):
    def setUp(self):
        with open(fixture_path("conversions", "widths.expected.json"), encoding="utf-8") as f:
            self.expected = json.load(f)
        with open(fixture_path("conversions", "widths-v2.schema.json"), encoding="utf-8") as f:
            self.schema = f.read()

    def elements(self, decoded, kind, member):
        """The decoded member's elements as the expected file writes them, checking the container's element type."""
        if numpy is not None and isinstance(decoded, numpy.ndarray):
            self.assertEqual(decoded.dtype.name, _DTYPES[kind], member)
            if kind == "float16":  # every bit of the Half is in the array
                return ["%04x" % b for b in decoded.reshape(-1).view(numpy.uint16).tolist()]
            if kind == "float32":
                return ["%08x" % b for b in decoded.reshape(-1).view(numpy.uint32).tolist()]
            if kind == "float64":
                return ["%016x" % b for b in decoded.reshape(-1).view(numpy.uint64).tolist()]
            return [str(v) for v in decoded.reshape(-1).tolist()]
        if isinstance(decoded, array.array):
            if kind in _TYPECODES:
                self.assertEqual(decoded.typecode, _TYPECODES[kind], member)
            else:
                self.assertEqual(decoded.itemsize * 8, int(re.sub(r"\D", "", kind)), member)
                self.assertEqual(decoded.typecode.isupper(), kind.startswith("u"), member)
            if kind in ("float32", "float16"):  # by the bits the array holds (a float16: the float32 it widens to)
                bits = array.array(_reader._PACKED[7][2])
                bits.frombytes(decoded.tobytes())
                return ["%08x" % b if kind == "float32" else "%04x" % _half_bits(b) for b in bits.tolist()]
            return [_bits(v, kind) if kind in _TYPECODES else str(v) for v in decoded.tolist()]
        flat = [x for row in decoded for x in row] if decoded and isinstance(decoded[0], list) else decoded
        return [None if v is None else _bits(v, kind) if kind in _TYPECODES else str(v) for v in flat]

    def test_every_member_reads_what_dotnet_read_in_both_formats(self):
        for fmt in (1, 2):
            data = read_bytes("conversions", "widths-format%d.mgen" % fmt)
            for use_numpy in numpy_modes():
                with self.subTest(format=fmt, numpy=use_numpy):
                    value = modelgen.load(data, schema=self.schema, use_numpy=use_numpy)
                    for member, want in self.expected.items():
                        kind, decoded = want["type"], value[member]
                        if "keys" in want:  # a map: its values, in the keys' order
                            self.assertEqual(sorted(decoded), want["keys"], member)
                            decoded = [decoded[k] for k in want["keys"]]
                        elif not isinstance(decoded, (list, array.array)) and not (numpy is not None and isinstance(decoded, numpy.ndarray)):
                            decoded = [decoded]  # a scalar
                        if "shape" in want and use_numpy:
                            self.assertEqual(list(decoded.shape), want["shape"], member)
                        self.assertEqual(self.elements(decoded, kind, member), want["values"], member)

    def test_what_dotnet_refuses_is_refused_naming_the_member_and_offset(self):
        # The same reason, the element types by their schema names (.NET names its own types).
        names = {"Int32": "int32", "Int64": "int64", "UInt64": "uint64", "Double": "float64", "Single": "float32", "Half": "float16"}
        assert_refused_as_dotnet(self, "conversions", self.schema, 16,
                                 lambda case: re.sub(r"\b(%s)\b" % "|".join(names), lambda m: names[m.group(1)], case["reason"]))


class PackedConversionTests(unittest.TestCase):
    """Packed arrays read into another element type than the file's, without .NET: what the fixtures do not cover."""

    def schema(self, version, kind):
        return {"name": "Py.Packed", "version": version,
                "members": [{"name": "values", "key": modelgen.member_key("values"), "type": kind}]}

    def read(self, values, written, read, use_numpy=False):
        data = modelgen.dumps({"values": values}, self.schema(1, written))
        return modelgen.load(data, schema=self.schema(2, read), use_numpy=use_numpy)["values"]

    def test_a_float32_array_read_into_float64_takes_each_elements_shortest_text(self):
        for use_numpy in numpy_modes():
            with self.subTest(numpy=use_numpy):
                got = self.read([0.1, 76.660065, -3.3], "float32[]", "float64[]", use_numpy)
                self.assertEqual(list(got), [0.1, 76.660065, -3.3])

    def test_floats_into_an_integer_only_when_integers_in_its_range(self):
        # As .NET's PackedElements.TryConvert (2026-12-06): a newer List<double> read by an older List<int>.
        for written in ("float64[]", "float32[]", "float16[]"):
            for use_numpy in numpy_modes():
                with self.subTest(written=written, numpy=use_numpy):
                    self.assertEqual(list(self.read([1.0, -0.0, -2048.0], written, "int32[]", use_numpy)), [1, 0, -2048])
                    self.assertEqual(list(self.read([255.0], written, "uint8[]", use_numpy)), [255])
                    for bad, at in (([1.0, 1.5], 1), ([float("nan")], 0), ([256.0], 0) if written != "float64[]" else ([2.0 ** 31], 0)):
                        with self.assertRaises(modelgen.FormatError) as e:
                            self.read(bad, written, "int32[]" if written == "float64[]" else "uint8[]", use_numpy)
                        self.assertEqual(e.exception.path, "values")
                        self.assertIn("element %d (%s) does not fit in" % (at, written[:-2]), e.exception.reason)

    def test_nothing_into_bool_or_char_but_an_empty_array(self):
        for written, read in (("float32[]", "int32[]"), ("int32[]", "bool[]"), ("uint16[]", "char[]"), ("bool[]", "int32[]")):
            for use_numpy in numpy_modes():
                with self.subTest(written=written, read=read, numpy=use_numpy):
                    with self.assertRaises(modelgen.FormatError) as e:
                        self.read([True] if written == "bool[]" else [1.5] if written == "float32[]" else [1], written, read, use_numpy)
                    self.assertEqual(e.exception.path, "values")
                    self.assertIn("element 0 (%s) does not fit in %s without loss" % (written[:-2], read[:-2]),
                                  e.exception.reason)
                    self.assertEqual(len(self.read([], written, read, use_numpy)), 0)

    def test_a_packed_array_into_an_element_type_that_is_not_packed_is_refused(self):
        for read in ("decimal[]", "float64?[]", "enum:Color[]"):
            with self.subTest(read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read([1.5], "float64[]", read)
                self.assertEqual(e.exception.path, "values")
                self.assertIn("expected an array (Sequence) but found Packed", e.exception.reason)

    @unittest.skipIf(numpy is None, "numpy is not installed")
    def test_numpy_and_array_give_the_same_bits_for_every_pair_of_types(self):
        import random
        rng = random.Random(7)
        names = [n for n in _reader._PACKED_NAMES.values() if n not in ("bool", "char")]
        for code, source in _reader._PACKED_NAMES.items():
            if source in ("bool", "char"):
                continue
            size = _reader._PACKED[code][0]
            for target in names:
                if target == source:
                    continue
                for trial in range(20):
                    count = rng.choice([1, 3, 17])
                    raw = bytes(rng.getrandbits(8) for _ in range(count * size))
                    if trial % 4 == 0:  # small integers, which convert into every type
                        raw = struct.pack("<%d%s" % (count, _reader._PACKED[code][1]), *[rng.randint(0, 100)] * count) \
                            if source not in ("float16", "float32", "float64") else raw
                    results = []
                    for np in (None, numpy):
                        try:
                            results.append(_reader._convert_packed(code, target, raw, count, np))
                        except _reader._Unfit as e:
                            results.append(e.index)
                    plain, vectorized = results
                    with self.subTest(source=source, target=target, raw=raw.hex()):
                        if isinstance(plain, int):
                            self.assertEqual(plain, vectorized)
                        elif target == "float16":  # array.array holds the float32 a Half widens to
                            self.assertEqual(plain.tobytes(), bytes(array.array(_reader._PACKED[7][2], (
                                _reader._half_widened_bits(h) for h in vectorized.view(numpy.uint16).tolist())).tobytes()))
                        else:
                            self.assertEqual(plain.tobytes(), vectorized.tobytes())


class IntegerConversionTests(unittest.TestCase):
    """A VarInt (an integer member widened into a float between versions) reads as .NET's Numbers.TryFromInt64 converts
    it: exactly, or refused naming the member; into float16 also an integer that is the Half's shortest text. An int128
    or uint128 (a member widened since) reads into an integer, char or timespan member when it fits, as IntegerCodec
    reads it."""

    def schema(self, version, kind):
        return {"name": "Py.IntFloat", "version": version,
                "members": [{"name": "value", "key": modelgen.member_key("value"), "type": kind}]}

    def read(self, value, read, written="int64"):
        data = modelgen.dumps({"value": value}, self.schema(1, written))
        return modelgen.load(data, schema=self.schema(2, read), use_numpy=False)["value"]

    def test_an_integer_member_reads_a_widened_float_that_holds_an_integer_that_fits(self):
        # int32 -> float64 is a widening both ways: the older build reads the newer double when it is an integer.
        self.assertEqual(self.read(5.0, "int32", written="float64"), 5)
        self.assertEqual(self.read(-7.0, "int16", written="float32"), -7)
        for value, read in ((5.5, "int32"), (float("nan"), "int32"), (float("inf"), "int64"), (300.0, "uint8"), (-1.0, "uint64")):
            with self.subTest(value=value, read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read(value, read, written="float64")
                self.assertEqual(e.exception.path, "value")

    def test_exact_integers_read_and_others_are_refused(self):
        self.assertEqual(self.read(16777216, "float32"), 16777216.0)
        self.assertEqual(self.read(1 << 60, "float64"), float(1 << 60))
        self.assertEqual(self.read(65500, "float16"), 65504.0)  # the Half .NET writes as "65500"
        self.assertEqual(self.read(4110, "float16"), 4112.0)
        self.assertEqual(self.read((1 << 63) - 1, "float64"), 2.0 ** 63)  # .NET's saturating check accepts int64's maximum
        for value, read in ((16777217, "float32"), ((1 << 53) + 1, "float64"), (4099, "float16"), (65520, "float16"),
                            ((1 << 63) - 2, "float64"), ((1 << 63) - 1, "float16"), (-(1 << 63), "float16")):  # never an infinity
            with self.subTest(value=value, read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read(value, read)
                self.assertEqual(e.exception.path, "value")
                self.assertEqual(e.exception.reason, "the value does not fit in %s exactly" % read)

    def test_an_int128_or_uint128_reads_into_a_narrower_integer_when_it_fits(self):
        self.assertEqual(self.read(-(1 << 63), "int64", "int128"), -(1 << 63))
        self.assertEqual(self.read((1 << 64) - 1, "uint64", "uint128"), (1 << 64) - 1)
        self.assertEqual(self.read(65, "char", "int128"), "A")
        self.assertEqual(self.read(10_000_000, "timespan", "int128").ticks, 10_000_000)
        for value, read, written in ((1 << 31, "int32", "int128"), (-1, "uint64", "int128"), (1 << 64, "uint64", "uint128")):
            with self.subTest(value=value, read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read(value, read, written)
                self.assertEqual(e.exception.path, "value")
                self.assertEqual(e.exception.reason, "value %d is out of range for %s" % (value, read))

    def test_a_decimal_reads_into_an_integer_when_it_is_one_that_fits(self):
        # int32 -> decimal and int64 -> decimal are widenings: the older build reads the newer decimal's 16 bytes as
        # .NET's IntegerCodec does (negative and scaled ones too), a fraction or a value out of range refused.
        D = decimal.Decimal
        for value, read, expected in ((D("-7"), "int32", -7), (D("7.000"), "int32", 7), (D("-0.0"), "int32", 0),
                                      (D("9223372036854775807.00"), "int64", (1 << 63) - 1), (D("-9223372036854775808"), "int64", -(1 << 63))):
            with self.subTest(value=value, read=read):
                self.assertEqual(self.read(value, read, "decimal"), expected)
        for value, read, reason in ((D("-2.5"), "int32", "value -2.5 (a decimal) is not a int32"),
                                    (D("2147483648.0"), "int32", "value 2147483648.0 (a decimal) is not a int32"),
                                    (D("-79228162514264337593543950335"), "int64", "(a decimal) is not a int64")):
            with self.subTest(value=value, read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read(value, read, "decimal")
                self.assertEqual(e.exception.path, "value")
                self.assertIn(reason, e.exception.reason)
        # Int128's minimum has the bytes of a decimal's -0 of scale 0: it stays the Int128, out of range.
        with self.assertRaises(modelgen.FormatError) as e:
            self.read(-(1 << 127), "int64", "int128")
        self.assertIn("out of range for int64", e.exception.reason)

    def test_sequence_items_and_map_values_convert_as_a_scalar_does(self):
        data = modelgen.dumps({"value": {"a": 16777217}}, self.schema(1, "map<string,int64>"))
        with self.assertRaises(modelgen.FormatError) as e:
            modelgen.load(data, schema=self.schema(2, "map<string,float32>"))
        self.assertEqual(e.exception.path, "value[a]")
        data = modelgen.dumps({"value": [1, None, 65500]}, self.schema(1, "int64?[]"))
        self.assertEqual(modelgen.load(data, schema=self.schema(2, "float16?[]"))["value"], [1.0, None, 65504.0])



class SetTests(unittest.TestCase):
    """A set<T> whose items .NET's default comparer finds equal is refused, as the .NET reader refuses to fill its set
    with them (CollectionItems.Fill): written here as a list<T>, which may hold them."""

    def schema(self, version, kind):
        return {"name": "Py.Set", "version": version,
                "members": [{"name": "items", "key": modelgen.member_key("items"), "type": kind}]}

    def read(self, items, written, read, use_numpy=False):
        data = modelgen.dumps({"items": items}, self.schema(1, written))
        return modelgen.load(data, schema=self.schema(2, read), use_numpy=use_numpy)["items"]

    def test_items_equal_by_dotnets_comparer_are_refused_naming_the_item(self):
        nan, other_nan = float("nan"), struct.unpack("<d", struct.pack("<Q", 0xFFF8000000000001))[0]
        utc = modelgen.DateTime._from_ticks(630000000000000000, "utc")
        unspecified = modelgen.DateTime._from_ticks(630000000000000000, "unspecified")
        for items, written, read, at in (([0.0, 1.0, -0.0], "list<float64>", "set<float64>", 2),
                                          ([nan, other_nan], "list<float64>", "set<float64>", 1),
                                          ([0.5, 0.1, 0.1000000001], "list<float64>", "set<float32>", 2),
                                          ([utc, unspecified], "list<datetime>", "set<datetime>", 1),
                                          ([(1, "a"), (1, "a")], "list<tuple<int32,string>>", "set<tuple<int32,string>>", 1),
                                          ([3, 3], "list<int64>", "set<int32>", 1)):
            for use_numpy in numpy_modes():
                with self.subTest(items=items, read=read, numpy=use_numpy):
                    with self.assertRaises(modelgen.FormatError) as e:
                        self.read(items, written, read, use_numpy)
                    self.assertEqual(e.exception.path, "items[%d]" % at)
                    self.assertEqual(e.exception.reason, "duplicate element: a set holds each value once")
        self.assertEqual(list(self.read([0.1, 0.2], "list<float64>", "set<float32>")), [struct.unpack("<f", struct.pack("<f", x))[0] for x in (0.1, 0.2)])


if __name__ == "__main__":
    unittest.main()
