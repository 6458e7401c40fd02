"""A renamed member edited on the way back through an older .NET build (tests/ModelGen.Interop.Tests/
RenamedEditFixtureTests.cs writes the fixtures): version 2 wrote JSON with the member under its previous name too and a
record of that copy ("$previousNames": names and hashes of their values); version 1 read it, kept the current name and
the record by name, and saved binary. The member read by key wins where it no longer matches the record (version 1
edited it); the value kept under the current name wins where it does (a person edited the current name in the JSON).
The Python reader reads the value the .NET reader of version 2 reads, in both formats, and hashes values as .NET does."""

import json
import unittest

import modelgen
from modelgen import _reader

from .support import fixture_path


def _expected():
    with open(fixture_path("renamed-edits", "expected.json"), encoding="utf-8") as f:
        return json.load(f)


class RenamedEditTests(unittest.TestCase):
    def test_each_edit_reads_as_the_dotnet_reader_reads_it(self):
        expected = _expected()
        self.assertEqual(4, len(expected))
        for name, lr in expected.items():
            with self.subTest(name):
                model = modelgen.load(fixture_path("renamed-edits", name + ".mgen"),
                                      schema=fixture_path("schemas.lock.json"))
                self.assertEqual(lr, model["lr"])
                self.assertNotIn("learningRate", model)

    def test_the_record_holds_the_hash_python_computes_for_the_values_dotnet_wrote(self):
        # The file left alone by version 1 carries the record version 2 wrote for lr = 0.01 and labels = ["a", "b"].
        model = modelgen.load(fixture_path("renamed-edits", "hand-edit-format1.mgen"),
                              schema=fixture_path("schemas.lock.json"))
        record = model["$previousNames"]
        self.assertEqual({"learningRate", "tags"}, set(record))
        self.assertEqual(int(record["learningRate"], 16), _reader._token_hash(_reader._dotnet_plain(0.01)))
        self.assertEqual(int(record["tags"], 16), _reader._token_hash(_reader._dotnet_plain(["a", "b"])))
        self.assertNotEqual(int(record["learningRate"], 16), _reader._token_hash(_reader._dotnet_plain(0.25)))

    def test_the_hash_is_the_same_for_every_form_configuration_gives_a_value(self):
        h = lambda v: _reader._token_hash(_reader._dotnet_plain(v))  # noqa: E731
        self.assertEqual(h({"b": 1, "a": [2, True]}), h({"a": ["2", "True"], "b": "1", "c": None, "d": {}}))
        self.assertEqual(h([]), h(""))
        self.assertNotEqual(h({"a": 1}), h({"a": 2}))
        self.assertNotEqual(h(["a", "b"]), h(["b", "a"]))
        self.assertNotEqual(h("x"), h(["x"]))


if __name__ == "__main__":
    unittest.main()
