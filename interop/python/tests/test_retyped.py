"""Format-2 files whose members hold 16 Bytes of a type the reader's member does not widen from (a decimal into a
double, a Guid or a Complex into a long, Int128 items into doubles): refused as .NET refuses them, naming the member
path and the offset .NET names (tests/ModelGen.Interop.Tests/RetypedFixtureTests.cs writes the fixtures). Before,
a decimal's bytes were read into a double as a Complex (a subnormal number)."""

import json
import unittest

import modelgen

from .support import fixture_path, numpy_modes, read_bytes


class RetypedFixtureTests(unittest.TestCase):
    def test_bytes_of_another_type_are_refused_naming_the_member(self):
        with open(fixture_path("retyped", "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        with open(fixture_path("retyped", "retyped-v1.schema.json"), encoding="utf-8") as f:
            schema = f.read()
        self.assertEqual(len(manifest), 4)
        for case in manifest:
            data = read_bytes("retyped", case["name"] + ".mgen")
            for use_numpy in numpy_modes():
                with self.subTest(case=case["name"], numpy=use_numpy):
                    with self.assertRaises(modelgen.FormatError) as e:
                        modelgen.load(data, schema=schema, use_numpy=use_numpy)
                    self.assertEqual(e.exception.path, case["path"])
                    self.assertEqual(e.exception.offset, case["offset"])
                    self.assertEqual(e.exception.reason, case["reason"])

    def test_the_writers_own_types_read(self):
        # Without the older schema, each file reads as the writer's table types it.
        value = modelgen.load(read_bytes("retyped", "decimal-into-double.mgen"))
        self.assertEqual(str(value["price"]), "5")


if __name__ == "__main__":
    unittest.main()
