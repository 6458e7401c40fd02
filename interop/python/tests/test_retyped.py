"""Format-2 files whose members hold 16 Bytes of a type the reader's member does not widen from (a decimal into a
double, a Guid or a Complex into a long, Int128 items into doubles): refused as .NET refuses them, naming the member
path, the reason and the offset .NET names (tests/ModelGen.Interop.Tests/RetypedFixtureTests.cs writes the fixtures).
Before, a decimal's bytes were read into a double as a Complex (a subnormal number)."""

import unittest

import modelgen

from .support import assert_refused_as_dotnet, fixture_path, read_bytes


class RetypedFixtureTests(unittest.TestCase):
    def test_bytes_of_another_type_are_refused_naming_the_member(self):
        with open(fixture_path("retyped", "retyped-v1.schema.json"), encoding="utf-8") as f:
            schema = f.read()
        assert_refused_as_dotnet(self, "retyped", schema, 4, lambda case: case["reason"])

    def test_the_writers_own_types_read(self):
        # Without the older schema, each file reads as the writer's table types it.
        value = modelgen.load(read_bytes("retyped", "refused", "decimal-into-double.mgen"))
        self.assertEqual(str(value["price"]), "5")


if __name__ == "__main__":
    unittest.main()
