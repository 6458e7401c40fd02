"""Files of format 1, written by 0.1.0 and committed under interop/fixtures/format1, read in Python forever.

Unlike the fixtures the .NET tests write at each run (artifacts/interop-fixtures, whatever format the writer writes
now), these files never change: each must decode with the committed lock file to its committed ModelJson form."""

import decimal
import json
import os
import unittest

import modelgen
from modelgen import _reader

from .support import REPO, Comparer, envelope, numpy_modes, varint

FORMAT1 = os.path.join(REPO, "interop", "fixtures", "format1")


def _path(name):
    return os.path.join(FORMAT1, name)


def _json(name):
    with open(_path(name), encoding="utf-8") as f:
        return json.loads(f.read(), parse_float=decimal.Decimal,
                          parse_int=lambda t: decimal.Decimal(t) if t == "-0" else int(t))


class Format1FixtureTests(unittest.TestCase):
    def names(self):
        with open(_path("fixtures.json"), encoding="utf-8") as f:
            return json.load(f)

    def test_the_committed_files_are_format_1(self):
        names = self.names()
        self.assertGreaterEqual(len(names), 14)
        for name in names:
            with open(_path(name + ".mgen"), "rb") as f:
                data = f.read()
            self.assertEqual(data[:4], b"MGEN", name)
            self.assertEqual(data[4], 1, name)

    def test_every_format_1_file_matches_its_json_form_with_the_lock_file(self):
        lock = _path("schemas.lock.json")
        schemas = _reader._read_schema(lock)
        for use_numpy in numpy_modes():
            for name in self.names():
                if name == "renamed-v1":
                    continue  # written by the old version of a renamed model: the lock file has the new one (below)
                with self.subTest(fixture=name, numpy=use_numpy):
                    with open(_path(name + ".mgen"), "rb") as f:
                        data = f.read()
                    decoded = modelgen.load(data, schema=lock, use_numpy=use_numpy)
                    env = modelgen.read_envelope(data)
                    comparer = Comparer(self, schemas)
                    comparer.model(decoded, _json(name + ".json"), env.model_name, "")
                    self.assertGreater(comparer.checked, 0)

    def test_flat_files_match_with_their_own_schema_document(self):
        for name in ["scalars-max", "scalars-other", "scalars-special", "scalars-nan", "scalars-default", "point",
                     "renamed-v1"]:
            with self.subTest(fixture=name):
                schema = _path(name + ".schema.json")
                decoded = modelgen.load(_path(name + ".mgen"), schema=schema, use_numpy=False)
                comparer = Comparer(self, _reader._read_schema(schema))
                comparer.model(decoded, _json(name + ".json"), modelgen.read_envelope(_path(name + ".mgen")).model_name, "")

    def test_renamed_members_of_a_format_1_file_load_under_their_new_names(self):
        decoded = modelgen.load(_path("renamed-v1.mgen"), schema=_path("schemas.lock.json"))
        self.assertEqual(decoded["lr"], 0.01)
        self.assertEqual(decoded["labels"], ["old", "names"])

    def test_a_null_under_a_renamed_members_key_gives_way_to_its_current_name(self):
        # An older build that knew "renamedM3" as a nullable "m3" (the same key: a renamed member keeps it) and kept
        # the newer value by name writes its null under the key, then the named member (docs/format.md section 3).
        schema = {"name": "Py.Renamed", "version": 2, "members": [
            {"name": "renamedM3", "key": modelgen.member_key("m3"), "type": "float32", "previousNames": ["m3"]}]}
        null = varint(modelgen.member_key("m3") << 3 | 7)
        text = b'\x09renamedM3-2.5'
        named = varint(4 << 3 | 2) + varint(len(text)) + text
        data = envelope("Py.Renamed", 2, 0, varint(1 << 3) + varint(4) + null + named + b"\x07")
        self.assertEqual(-2.5, modelgen.load(data, schema=schema)["renamedM3"])
        # Without the named member the null is refused, naming the member.
        with self.assertRaises(modelgen.FormatError) as e:
            modelgen.load(envelope("Py.Renamed", 2, 0, null + b"\x07"), schema=schema)
        self.assertIn("null for a value that cannot be null", str(e.exception))
        self.assertIn("renamedM3", str(e.exception))

    def test_without_a_schema_every_member_is_keyed(self):
        for name in self.names():
            with self.subTest(fixture=name):
                raw = modelgen.load(_path(name + ".mgen"))
                self.assertIsInstance(raw, dict)
                self.assertTrue(all(k.startswith("#") or k.startswith("$") for k in raw), name)


if __name__ == "__main__":
    unittest.main()
