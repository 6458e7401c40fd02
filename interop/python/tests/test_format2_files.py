"""Files of format 2 written by the .NET writer and committed under interop/fixtures/format2, read in Python forever.

A format-2 file names its members itself: each must decode without a schema document to its committed ModelJson
form, decode to the same with the committed lock file, and be written again byte for byte from its own table."""

import decimal
import json
import os
import unittest

import modelgen
from modelgen import _reader

from .support import REPO, Comparer, numpy_modes

FORMAT2 = os.path.join(REPO, "interop", "fixtures", "format2")


def _path(name):
    return os.path.join(FORMAT2, name)


def _json(name):
    with open(_path(name), encoding="utf-8") as f:
        return json.loads(f.read(), parse_float=decimal.Decimal,
                          parse_int=lambda t: decimal.Decimal(t) if t == "-0" else int(t))


def _read(name):
    with open(_path(name + ".mgen"), "rb") as f:
        return f.read()


class Format2FileTests(unittest.TestCase):
    def names(self):
        with open(_path("fixtures.json"), encoding="utf-8") as f:
            return json.load(f)

    def test_the_committed_files_are_format_2(self):
        names = self.names()
        self.assertGreaterEqual(len(names), 10)
        for name in names:
            data = _read(name)
            self.assertEqual(data[:5], b"MGEN\x02", name)

    def test_every_file_matches_its_json_form_without_a_schema_and_with_the_lock_file(self):
        lock = _path("schemas.lock.json")
        schemas = _reader._read_schema(lock)
        for use_numpy in numpy_modes():
            for name in self.names():
                if name == "renamed-v1":
                    continue  # written by the old version of a renamed model: the lock file has the new one (below)
                with self.subTest(fixture=name, numpy=use_numpy):
                    data = _read(name)
                    env = modelgen.read_envelope(data)
                    for schema in (None, lock):
                        decoded = modelgen.load(data, schema=schema, use_numpy=use_numpy)
                        comparer = Comparer(self, schemas)
                        comparer.model(decoded, _json(name + ".json"), env.model_name, "")
                        self.assertGreater(comparer.checked, 0)

    def test_the_table_names_every_member_of_the_lock_file_entry(self):
        schemas = _reader._read_schema(_path("schemas.lock.json"))
        for name in self.names():
            if name == "renamed-v1":
                continue  # version 1 of the renamed model: the lock file has version 2
            with self.subTest(fixture=name):
                for entry in modelgen.read_envelope(_read(name)).schema_table:
                    locked = schemas.find(entry.name, entry.schema_version)
                    self.assertEqual((locked.name, locked.version), (entry.name, entry.schema_version))
                    if entry.members is None:
                        self.assertEqual({tag for tag, _ in entry.cases}, set(locked.union_cases))
                        continue
                    self.assertEqual({m.key: m.name for m in entry.members},
                                     {m.key: locked.members[m.key][0] for m in entry.members})
                    self.assertEqual(len(entry.members), len({n for n, _ in locked.members.values()}))

    def test_renamed_members_load_under_their_new_names_with_the_lock_file(self):
        data = _read("renamed-v1")
        old = modelgen.load(data)
        new = modelgen.load(data, schema=_path("schemas.lock.json"))
        self.assertEqual(new["lr"], 0.01)
        self.assertEqual(new["labels"], ["old", "names"])
        self.assertNotIn("lr", old)

    def test_every_file_is_written_again_byte_for_byte_from_its_own_table(self):
        for name in self.names():
            with self.subTest(fixture=name):
                data = _read(name)
                env = modelgen.read_envelope(data)
                value = modelgen.load(data, use_numpy=False)
                written = modelgen.dumps(value, env.schema_table.to_schema_document(), model=env.model_name,
                                         checksum=env.has_checksum, format_version=2)
                self.assertEqual(written, data)


if __name__ == "__main__":
    unittest.main()


class MemberDescriptionTests(unittest.TestCase):
    """A .NET build that kept newer members writes each after a member description (docs/format.md section 9.3): the
    file names them although its own table does not list them."""

    def test_kept_members_are_named_by_their_descriptions(self):
        path = os.path.join(REPO, "tests", "ModelGen.Tests", "Fixtures", "format2", "evolving-v2-via-v1.bin")
        with open(path, "rb") as f:
            data = f.read()
        table_names = {m.name for e in modelgen.read_envelope(data).schema_table if e.members for m in e.members}
        decoded = modelgen.load(data)
        kept = [name for name in decoded if name not in table_names and not name.startswith("$")]
        self.assertEqual([], [name for name in kept if name.startswith("#")])
        self.assertIn("learningRateMs", kept)
        self.assertEqual(12.5, decoded["learningRateMs"])
        self.assertIn("first", kept)
        self.assertEqual("Grace", decoded["first"])

    def test_key_3_in_an_extension_list_is_only_a_description(self):
        path = os.path.join(REPO, "tests", "ModelGen.Tests", "Fixtures", "format2", "evolving-v2-via-v1.bin")
        with open(path, "rb") as f:
            data = bytearray(f.read())
        at = data.index(b"\x0elearningRateMs") - 2  # the description's tag (key 3, Bytes), its length, the name's
        self.assertEqual(0x1A, data[at])
        data[at] = 0x18  # key 3 with wire type VarInt: a reserved key, refused
        with self.assertRaises(modelgen.FormatError):
            modelgen.load(bytes(data), verify_checksum=False)
