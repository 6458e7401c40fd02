"""XXH3-64 against reference hashes computed by System.IO.Hashing.XxHash3 (written by the .NET fixture test)."""

import json
import time
import unittest

import modelgen
from modelgen import _xxh3

from .support import fixture_path, numpy, read_bytes


def pattern(n):
    """The .NET test's byte pattern: byte i is bits 13-20 of i * 2654435761 (mod 2^32)."""
    return bytes((((i * 2654435761) & 0xFFFFFFFF) >> 13) & 0xFF for i in range(n))


class Xxh3Tests(unittest.TestCase):
    def setUp(self):
        with open(fixture_path("xxh3-reference.json"), encoding="utf-8") as f:
            self.reference = json.load(f)
        self.data = pattern(max(r["length"] for r in self.reference))

    def check(self, use_numpy):
        lengths = {r["length"] for r in self.reference}
        for branch in (0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1024, 1025, 2049):
            self.assertIn(branch, lengths)  # every length branch of the algorithm is covered
        for r in self.reference:
            got = "%016x" % modelgen.xxh3_64(self.data[:r["length"]], use_numpy=use_numpy)
            self.assertEqual(got, r["xxh3"], "length %d" % r["length"])

    def test_pure_python_matches_dotnet_on_every_length(self):
        self.check(False)

    @unittest.skipIf(numpy is None, "numpy is not installed for this interpreter (.ci/run also runs the suite with one that has it)")
    def test_numpy_matches_dotnet_on_every_length(self):
        self.check(True)

    def test_default_secret_is_192_bytes(self):
        self.assertEqual(len(_xxh3._SECRET), 192)

    def test_four_megabytes_in_about_a_second(self):
        data = read_bytes("million-floats.mgen")
        start = time.perf_counter()
        modelgen.xxh3_64(data, use_numpy=False)
        self.assertLess(time.perf_counter() - start, 3.0)


if __name__ == "__main__":
    unittest.main()
