"""Every fixture the .NET tests wrote reads in Python and matches its ModelJson form."""

import array
import time
import struct
import unittest

import modelgen
from modelgen import _reader

from .support import (Comparer, fixture_names, fixture_path, lock_schemas, numpy, numpy_modes, read_bytes,
                      read_json, special_matches)


class FixtureTests(unittest.TestCase):
    def compare(self, name, schema_source, use_numpy):
        data = read_bytes(name + ".mgen")
        decoded = modelgen.load(data, schema=schema_source, use_numpy=use_numpy)
        js = read_json(name + ".json")
        schemas = _reader._read_schema(schema_source)
        env = modelgen.read_envelope(data)
        comparer = Comparer(self, schemas)
        comparer.model(decoded, js, env.model_name, "")
        return comparer.checked

    def test_every_fixture_matches_its_json_form_with_the_lock_file(self):
        names = [n for n in fixture_names() if n != "renamed-v1"]
        self.assertGreaterEqual(len(names), 13)
        for use_numpy in numpy_modes():
            for name in names:
                with self.subTest(fixture=name, numpy=use_numpy):
                    self.assertGreater(self.compare(name, fixture_path("schemas.lock.json"), use_numpy), 0)

    def test_union_cases_come_from_the_schema_document_not_a_guess(self):
        # The lock file lists each union's cases by tag, so the look-ahead guess must never run.
        guess = _reader._Decoder.union_case
        def fail(self, base):
            raise AssertionError("union case guessed for " + base.name)
        _reader._Decoder.union_case = fail
        try:
            checked = sum(self.compare(name, fixture_path("schemas.lock.json"), False)
                          for name in fixture_names() if name != "renamed-v1")
        finally:
            _reader._Decoder.union_case = guess
        self.assertGreater(checked, 0)
        lock = _reader._read_schema(fixture_path("schemas.lock.json"))
        self.assertTrue(any(e.union_cases for entries in lock.by_name.values() for e in entries))

    def test_flat_fixtures_match_with_their_own_schema_document(self):
        # A single ModelSchema.ToJson() entry is enough where the model has no nested models.
        for name in ["scalars-max", "scalars-other", "scalars-special", "scalars-nan", "scalars-nan-bits",
                     "scalars-default", "point", "million-floats", "renamed-v1"]:
            for use_numpy in numpy_modes():
                with self.subTest(fixture=name, numpy=use_numpy):
                    self.compare(name, fixture_path(name + ".schema.json"), use_numpy)

    def test_a_single_entry_names_the_root_and_keys_the_nested_models(self):
        decoded = modelgen.load(fixture_path("network.mgen"), schema=fixture_path("network.schema.json"))
        self.assertEqual(decoded["name"], "mlp")
        self.assertEqual(decoded["$version"], 3)
        layer = decoded["layers"][0]
        if modelgen.read_envelope(fixture_path("network.mgen")).format_version == 1:
            inputs_key = "#%d" % modelgen.member_key("inputs")
        else:
            inputs_key = "inputs"  # format 2: the file's schema table names the nested models' members too
        self.assertEqual(layer[inputs_key], 4)

    def test_without_a_schema_members_are_keyed_like_decode_raw(self):
        schemas = lock_schemas()
        for name in fixture_names():
            with self.subTest(fixture=name):
                data = read_bytes(name + ".mgen")
                raw = modelgen.load(data, use_numpy=False)
                named = modelgen.load(data, schema=fixture_path("schemas.lock.json"), use_numpy=False)
                env = modelgen.read_envelope(data)
                entry = schemas.find(env.model_name, env.schema_version)
                if env.format_version == 2:
                    # A format-2 file names its members itself (by the writer's names; the lock file gives renamed
                    # members their new names): without a schema the values are the same as with one.
                    for m in env.schema_table[0].members:
                        locked = entry.members.get(m.key)
                        self.assertEqual(_plain(raw[m.name]), _plain(named[locked[0] if locked else m.name]), m.name)
                    continue
                if env.schema_version != 1:
                    self.assertEqual(raw["$version"], env.schema_version)
                else:
                    self.assertNotIn("$version", raw)
                keys = {"#%d" % k: m for k, m in entry.members.items()}
                self.assertTrue(set(raw) - {"$version"} <= set(keys), set(raw) - set(keys))
                for k, v in raw.items():
                    if k == "$version":
                        continue
                    member_name, node = keys[k]
                    typed = named[member_name]
                    # Where the type-free decoding is the natural one, both decodings agree exactly.
                    if node[0] == "scalar" and node[2] in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "string", "float64"):
                        self.assertEqual(repr(v), repr(typed), k)
                    if node[0] == "array" and node[2][0] == "scalar" and node[2][2] in ("int32", "float32", "float64", "uint8"):
                        if isinstance(v, array.array):
                            self.assertEqual((v.typecode, v.tobytes()), (typed.typecode, typed.tobytes()), k)
                        else:
                            self.assertEqual(repr(v), repr(typed), k)

    def test_value_types_without_numpy(self):
        c = modelgen.load(fixture_path("collections-full.mgen"), schema=fixture_path("schemas.lock.json"), use_numpy=False)
        self.assertIsInstance(c["floats"], array.array)
        self.assertEqual(c["floats"].typecode, "f")
        self.assertEqual(c["doubles"].typecode, "d")
        self.assertEqual(c["uLongs"].typecode, "Q")
        self.assertEqual(c["bytes"].tobytes(), bytes([0, 1, 127, 128, 255]))
        self.assertEqual(c["bools"], [True, False, True])
        self.assertEqual(c["chars"], ["a", "\u00e9", "\u4e16", "\0"])
        self.assertEqual(c["matrix"][0], [1.5, -2.0, 0.10000000149011612])
        self.assertEqual(c["emptyMatrix"], {"$shape": [0, 3]})  # nested lists could not show the 3
        self.assertEqual(c["jagged"][0].tolist(), [1, 2])
        self.assertEqual(c["stringMatrix"], [["a", "b"], ["c", "d"]])
        self.assertEqual(len(c["cube"]), 2)
        self.assertEqual(c["cube"][1][1][2], 112.125)
        self.assertEqual(c["byInt"], {-1: "minus one", 42: "answer"})
        self.assertEqual(str(c["guids"][1]), "0f8fad5b-d9cb-469f-a165-70867728950e")
        s = modelgen.load(fixture_path("scalars-max.mgen"), schema=fixture_path("scalars-max.schema.json"))
        self.assertEqual(s["dateTime"].isoformat(), "2024-02-29T23:59:58.123456+00:00")
        self.assertEqual(s["dateTime"].ticks % 10, 7)
        self.assertEqual(str(s["dateTimeOffset"].utcoffset()), "-1 day, 18:30:00")
        self.assertEqual(s["uLong"], 2 ** 64 - 1)
        self.assertEqual(s["huge"], -1)

    def test_sets_stacks_and_other_collection_kinds_are_lists_and_maps(self):
        for use_numpy in numpy_modes():
            with self.subTest(numpy=use_numpy):
                c = modelgen.load(fixture_path("collection-kinds.mgen"), schema=fixture_path("schemas.lock.json"), use_numpy=use_numpy)
                lock = lock_schemas().by_name["Interop.CollectionKinds"][0]
                nodes = dict(lock.members.values())
                self.assertEqual(nodes["stopWords"][:3], ("array", False, ("scalar", False, "string", None)))  # set<string>
                self.assertEqual(list(c["stopWords"]), ["the", "a", "of"])  # a set reads as a list, in saved order
                self.assertEqual(list(c["sortedIds"]), [-1, 7, 30])
                self.assertEqual(list(c["colors"]), [2, 0])  # enum values: Blue, Red
                self.assertEqual(list(c["undo"]), [3, 2, 1])  # a stack is written top first, the order it pops
                self.assertEqual([p["name"] for p in c["pending"]], ["first", "second"])
                self.assertEqual(list(c["chain"]), [0.5, -2.25])
                self.assertEqual(c["vocabulary"], {1: "one", 2: "two"})
                self.assertEqual([float(x) for x in c["embedding"]], [0.25, -1.5, 3.0])
                self.assertEqual([float(x) for x in c["embeddings"]["king"]], [1.0, 2.0])
                self.assertEqual(sorted(int(x) for x in c["seen"]), [-3, 1 << 40])
                self.assertEqual([sorted(int(x) for x in s) for s in c["nestedSets"]], [[1, 2], []])

    @unittest.skipIf(numpy is None, "numpy is not installed for this interpreter (.ci/run also runs the suite with one that has it)")
    def test_value_types_with_numpy(self):
        c = modelgen.load(fixture_path("collections-full.mgen"), schema=fixture_path("schemas.lock.json"), use_numpy=True)
        self.assertEqual(c["floats"].dtype, numpy.float32)
        self.assertEqual(c["halves"].dtype, numpy.float16)
        self.assertEqual(c["uLongs"].dtype, numpy.uint64)
        self.assertEqual(c["bools"].dtype, numpy.bool_)
        self.assertEqual(c["matrix"].shape, (2, 3))
        self.assertEqual(c["cube"].shape, (2, 2, 3))
        self.assertEqual(c["emptyMatrix"].shape, (0, 3))
        self.assertEqual(c["cube"][1, 1, 2], 112.125)
        self.assertTrue(c["floats"].flags.writeable)
        self.assertEqual(c["stringMatrix"], [["a", "b"], ["c", "d"]])

    def test_a_million_floats_in_a_few_seconds(self):
        data = read_bytes("million-floats.mgen")
        self.assertGreater(len(data), 4_000_000)
        for use_numpy in numpy_modes():
            start = time.perf_counter()
            model = modelgen.load(data, schema=fixture_path("million-floats.schema.json"), use_numpy=use_numpy)
            elapsed = time.perf_counter() - start
            self.assertEqual(len(model["values"]), 1_000_000)
            self.assertLess(elapsed, 5.0, "loading 4 MB took %.2f s (numpy=%s)" % (elapsed, use_numpy))

    def test_renamed_members_load_under_their_new_names_with_the_lock_file(self):
        old = modelgen.load(fixture_path("renamed-v1.mgen"), schema=fixture_path("schemas.lock.json"))
        self.assertEqual(old["lr"], 0.01)
        self.assertEqual(old["labels"], ["old", "names"])

    def test_fingerprints_and_default_keys_follow_the_format(self):
        import json
        with open(fixture_path("schemas.lock.json"), encoding="utf-8") as f:
            lock = json.load(f)
        explicit = {("Interop.Optimizer", "beta_pair")}
        for entry in lock["schemas"]:
            self.assertEqual("%016x" % modelgen.fingerprint(entry), entry["fingerprint"], entry["name"])
            for m in entry["members"]:
                if (entry["name"], m["name"]) not in explicit:
                    # A renamed member keeps the key of its first (oldest) name.
                    first = (m["previousNames"] or [m["name"]])[0]
                    self.assertEqual(modelgen.member_key(first), m["key"], m["name"])
        for name in fixture_names():
            env = modelgen.read_envelope(fixture_path(name + ".mgen"))
            with open(fixture_path(name + ".schema.json"), encoding="utf-8") as f:
                self.assertEqual("%016x" % env.fingerprint, json.load(f)["fingerprint"])

    def test_schema_for_another_model_is_a_schema_error(self):
        with self.assertRaises(modelgen.SchemaError):
            modelgen.load(fixture_path("point.mgen"), schema=fixture_path("network.schema.json"))
        with self.assertRaises(modelgen.SchemaError):
            modelgen.load(fixture_path("point.mgen"), schema="{not json")


def _plain(v):
    """A decoded value comparable with ==: NaN as its bits, arrays as lists."""
    if isinstance(v, float) and v != v:
        return "NaN" + struct.pack("<d", v).hex()
    if isinstance(v, complex):
        return ("complex", _plain(v.real), _plain(v.imag))
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "tolist"):
        return _plain(v.tolist())
    return v


if __name__ == "__main__":
    unittest.main()


class ValueTypeFixtureTests(unittest.TestCase):
    """The .NET 6+ scalar types decode to Python's own types (format.md §4): int, datetime.date, modelgen.Time
    (a datetime.time with the exact ticks), complex and str."""

    def test_value_types_decode_to_python_types(self):
        import datetime
        import math
        v = modelgen.load(fixture_path("valuetypes-max.mgen"), schema=fixture_path("valuetypes-max.schema.json"),
                          use_numpy=False)
        self.assertEqual(v["date"], datetime.date(9999, 12, 31))
        self.assertIsInstance(v["time"], datetime.time)
        self.assertEqual(v["time"].ticks, 863_999_999_999)
        self.assertEqual(v["int128"], -(1 << 127))
        self.assertEqual(v["uInt128"], (1 << 128) - 1)
        self.assertEqual(v["big"], -(10 ** 1000) + 1)
        self.assertTrue(math.isnan(v["complex"].real))
        self.assertEqual(math.copysign(1.0, v["complex"].imag), -1.0)
        self.assertEqual(v["uri"], "https://example.com/a%20b?q=\u00e9#frag")
        self.assertEqual(v["version"], "1.2.3.4")
        self.assertEqual(v["maybeDate"], datetime.date(1, 1, 1))
        self.assertEqual(v["bigs"], [0, -1, 1 << 200, 127, 128, -128, -129])
        self.assertEqual(v["signal"][0], 1j)
        self.assertEqual(v["uris"], ["relative/path?x=1", None, "file:///tmp/x.mgen"])
        self.assertEqual(v["byHash"], {(1 << 128) - 1: "max", 0: "zero"})
        self.assertEqual(v["byBig"][3 ** 100], "2.0")
        self.assertEqual(v["int128Matrix"], [[-(1 << 127), 0], [1, (1 << 127) - 1]])
        # Rank 4 and 8 arrays (format.md §2: readers take ranks up to 8): nested lists, the last index fastest.
        kernel = v["kernel"]
        self.assertEqual((len(kernel), len(kernel[0]), len(kernel[0][0]), len(kernel[0][0][0])), (2, 3, 2, 2))
        self.assertEqual(kernel[0][0][0], [-3.0, -2.5])
        self.assertEqual(kernel[1][2][1][1], 23 * 0.5 - 3)
        self.assertEqual(v["rank8"], [[[[[[[["a"], [None]]]]]]]])
        self.assertEqual(_reader._parse_type("float32[,,,]?"), ("array", True, ("scalar", False, "float32", None), 4))

    def test_defaults_decode(self):
        import datetime
        v = modelgen.load(fixture_path("valuetypes-default.mgen"), schema=fixture_path("valuetypes-default.schema.json"))
        self.assertEqual(v["date"], datetime.date(1, 1, 1))
        self.assertEqual(v["time"].ticks, 0)
        self.assertEqual((v["int128"], v["big"], v["complex"]), (0, 0, 0j))
        self.assertIsNone(v["uri"])
        self.assertIsNone(v["version"])


class JsonSpellingTests(unittest.TestCase):
    """The comparison with ModelJson's text reads its NaN spellings as .NET writes them (docs/format.md section 4)."""

    def test_a_nan_with_its_bits_matches_only_those_bits(self):
        def double(bits):
            return struct.unpack("<d", struct.pack("<Q", bits))[0]
        r_na, positive = double(0x7FF00000000007A2), float("nan")
        self.assertTrue(special_matches("NaN:7ff00000000007a2", r_na))
        self.assertTrue(special_matches("NaN:7FF00000000007A2", r_na))
        self.assertFalse(special_matches("NaN:7ff8000000000000", r_na))
        self.assertTrue(special_matches("NaN:7ff8000000000000", positive))
        self.assertFalse(special_matches("NaN:fff8000000000000", positive))
        self.assertTrue(special_matches("NaN:7fc00000", positive))  # a float32's bits, as the float it widens to
        self.assertFalse(special_matches("NaN:ffc00000", positive))
        self.assertTrue(special_matches("NaN:7e00", positive))
        self.assertFalse(special_matches("NaN:fe00", positive))
        self.assertTrue(special_matches("NaN", positive))
        self.assertFalse(special_matches("NaN:7ff8000000000000", 1.0))
        self.assertFalse(special_matches("NaN:7ff800000000000", positive))  # 15 digits: no type's bits
        self.assertTrue(special_matches("-Infinity", -float("inf")))
        self.assertFalse(special_matches("Infinity", positive))
