"""Shared helpers of the Python tests: where the fixtures are, and how a decoded value is compared with the JSON form.

The fixtures are written by the .NET test project tests/ModelGen.Interop.Tests (dotnet test) into
artifacts/interop-fixtures, or into the folder named by MODELGEN_FIXTURES.

How values compare with ModelJson's JSON form (the reader's value types are in interop/python/README.md):
- float32 / float16 / float64: bit-exact, by packing both as IEEE 754 ("<f" or "<d"); the JSON text is parsed as a
  double first, which is exact for float32 (53 >= 2 * 24 + 2 bits, so rounding twice cannot differ); "NaN",
  "Infinity", "-Infinity" strings match NaN and the infinities, and "NaN:" with a NaN's bits matches that NaN bit for
  bit (see special_matches).
- decimal: decimal.Decimal equal in sign, digits and exponent (so 100.000 is not 100).
- Guid: str(uuid.UUID) equals the JSON "D" string.
- DateTime / DateTimeOffset / TimeSpan: the JSON string is parsed to 100 ns ticks (and kind or offset) and compared
  with the exact .ticks / .kind / .offset_minutes the reader keeps, not with the microsecond datetime value.
- enums: the JSON name is looked up in the fixture enums below (the reader gives the underlying value as int64).
- uint8 arrays: the JSON base64 string, decoded.
- dictionaries: JSON keys are strings; the reader's keys are typed (int, str, UUID, enum value) and converted back.
"""

import array
import datetime
import base64
import decimal
import functools
import json
import math
import os
import re
import struct
import unittest

import modelgen
from modelgen import _reader, _writer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
FIXTURES = os.environ.get("MODELGEN_FIXTURES") or os.path.join(REPO, "artifacts", "interop-fixtures")

try:
    import numpy
except ImportError:
    numpy = None

ENUMS = {
    "Color": {"Red": 0, "Green": 1, "Blue": 2},
    "Level": {"Low": 1, "High": 200},
    "Big": {"Min": -(1 << 63), "Max": (1 << 63) - 1},
    "Huge": {"Zero": 0, "Top": -1},  # ulong.MaxValue, reinterpreted as int64 on the wire (format §2)
    "Act": {"Relu": 0, "ReLU": 1, "Tanh": 2, "Gelu": 7, "GELU": 7, "Swish": 8, "Silu": 8},
    "Access": {"None": 0, "Read": 1, "Write": 2, "ReadWrite": 3, "Execute": 4},
}
UNION_CASES = {"dense": "Interop.DenseOp", "conv": "Interop.ConvOp", "dropout": "Interop.DropoutOp"}


def fixture_path(*parts):
    path = os.path.join(FIXTURES, *parts)
    if not os.path.exists(path):
        raise AssertionError("fixture %s is missing: run `dotnet test tests/ModelGen.Interop.Tests` first (it writes "
                             "the fixtures into %s)" % (path, FIXTURES))
    return path


def read_bytes(*parts):
    with open(fixture_path(*parts), "rb") as f:
        return f.read()


@functools.lru_cache(maxsize=None)
def read_json(*parts):
    with open(fixture_path(*parts), encoding="utf-8") as f:
        # Decimal keeps the exact text of every number; "-0" stays negative zero (an int would lose the sign).
        return json.loads(f.read(), parse_float=decimal.Decimal,
                          parse_int=lambda t: decimal.Decimal(t) if t == "-0" else int(t))


def assert_refused_as_dotnet(test, directory, schema, minimum, reason):
    """Each file .NET refused (`directory`/refused/manifest.json, written by tests/ModelGen.Interop.Tests), in every
    numpy mode: a FormatError with .NET's path and offset, and the reason `reason(case)` (as the caller words .NET's)."""
    with open(fixture_path(directory, "refused", "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    test.assertGreaterEqual(len(manifest), minimum)
    for case in manifest:
        data = read_bytes(directory, "refused", case["name"] + ".mgen")
        for use_numpy in numpy_modes():
            with test.subTest(case=case["name"], numpy=use_numpy):
                with test.assertRaises(modelgen.FormatError) as e:
                    modelgen.load(data, schema=schema, use_numpy=use_numpy)
                test.assertEqual(e.exception.path, case["path"])
                test.assertEqual(e.exception.offset, case["offset"])
                test.assertEqual(e.exception.reason, reason(case))


def fixture_names():
    with open(fixture_path("fixtures.json"), encoding="utf-8") as f:
        return json.load(f)


def lock_schemas():
    return _reader._read_schema(fixture_path("schemas.lock.json"))


_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?(Z|[+-]\d\d:\d\d)?$")


def iso_ticks(text):
    """An ISO 8601 string as written by System.Text.Json: (clock ticks, suffix) where suffix is None, "Z" or "+hh:mm"."""
    m = _ISO.match(text)
    if not m:
        raise AssertionError("not an ISO 8601 date: %r" % text)
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    import datetime
    days = (datetime.date(y, mo, d) - datetime.date(1, 1, 1)).days
    fraction = int((m.group(7) or "").ljust(7, "0"))
    return ((days * 86400 + h * 3600 + mi * 60 + s) * 10_000_000 + fraction), m.group(8)


def timespan_ticks(text):
    """A TimeSpan in the "c" format ([-][d.]hh:mm:ss[.fffffff]) as ticks."""
    m = re.match(r"^(-)?(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)(?:\.(\d{7}))?$", text)
    if not m:
        raise AssertionError("not a TimeSpan: %r" % text)
    sign, days, h, mi, s, frac = m.groups()
    ticks = ((int(days or 0) * 86400 + int(h) * 3600 + int(mi) * 60 + int(s)) * 10_000_000) + int(frac or 0)
    return -ticks if sign else ticks


def _time_text(t):
    """A modelgen.Time as System.Text.Json writes a TimeOnly (the TimeSpan "c" format)."""
    seconds, fraction = divmod(t.ticks, 10_000_000)
    text = "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
    return text + (".%07d" % fraction if fraction else "")


def _tuple_key(items, node):
    """A tuple key (decoded, or parsed from its JSON text) in one comparable form: each item as its map key text."""
    return json.dumps([str(i) if isinstance(i, (int, str)) else repr(i) for i in items])


def _flatten(value):
    """A decoded array (array.array, numpy array, list, nested lists) as a flat Python list and its shape."""
    if numpy is not None and isinstance(value, numpy.ndarray):
        return value.reshape(-1).tolist(), list(value.shape)
    if isinstance(value, array.array):
        return value.tolist(), [len(value)]
    return list(value), [len(value)]


def special_matches(text, decoded, exact_half=True):
    """Whether the JSON string of a non-finite float names the decoded value: "Infinity", "-Infinity", "NaN", or "NaN:"
    and a NaN's bits (docs/format.md section 4), compared bit for bit as a double (16 hex digits), a float (8: the
    double the reader gives for it, sign, payload and quiet bit kept) or a Half (4: likewise, as a float16 member's
    value is). An element of a packed float16 array (exact_half=False) is compared by its sign only: struct's "e" and
    the C casts that array.array and numpy's element access go through keep no NaN payload (struct, before Python
    3.14) or make a signaling NaN quiet."""
    if text == "Infinity":
        return decoded == math.inf
    if text == "-Infinity":
        return decoded == -math.inf
    if not isinstance(decoded, float) or not math.isnan(decoded):
        return False
    if text == "NaN":
        return True
    if not text.startswith("NaN:"):
        return False
    digits = text[4:]
    if len(digits) == 16:
        return struct.unpack("<Q", struct.pack("<d", decoded))[0] == int(digits, 16)
    if len(digits) == 8:
        return _reader._single_bits(decoded) == int(digits, 16)
    if len(digits) == 4:
        half = int(digits, 16)
        if exact_half:
            return _reader._single_bits(decoded, "float16") == (half & 0x8000) << 16 | 0x7F800000 | (half & 0x3FF) << 13
        return (struct.pack("<d", decoded)[7] >= 0x80) == (half >= 0x8000)
    return False


def _packed(element):
    """Whether an array of this element type is a packed array (docs/format.md section 2.1), not a sequence of values."""
    return element[0] == "scalar" and not element[1] and element[2] in _writer._PACKED


class Comparer:
    """Compares a value decoded with a schema against the JSON form, guided by the schema's member types."""

    def __init__(self, test, schemas):
        self.test = test
        self.schemas = schemas
        self.checked = 0

    def fail(self, path, message):
        raise AssertionError("%s: %s" % (path or "<root>", message))

    def model(self, decoded, js, name, path):
        if not isinstance(decoded, dict) or not isinstance(js, dict):
            self.fail(path, "expected objects, got %r and %r" % (type(decoded), type(js)))
        if "$type" in js:
            name = UNION_CASES[js["$type"]]
        entry = self.schemas.find(name, js.get("$version"))
        if entry is None:
            self.fail(path, "no schema for %s" % name)
        by_name = {m[0]: m[1] for m in entry.members.values()}
        if set(decoded) != set(js):
            self.fail(path, "members differ: only decoded %s, only JSON %s"
                      % (sorted(set(decoded) - set(js)), sorted(set(js) - set(decoded))))
        for key, value in js.items():
            if key in ("$type", "$version"):
                if decoded[key] != value:
                    self.fail(path + "." + key, "%r != %r" % (decoded[key], value))
                continue
            self.value(decoded[key], value, by_name[key], path + "." + key)

    def value(self, decoded, js, node, path, packed=False):
        self.checked += 1
        if js is None:
            if decoded is not None:
                self.fail(path, "expected null, got %r" % (decoded,))
            return
        if decoded is None:
            self.fail(path, "decoded null, JSON has %r" % (js,))
        kind = node[0]
        if kind == "model":
            return self.model(decoded, js, node[2], path)
        if kind == "enum":
            expected = ENUMS[node[2]][js] if isinstance(js, str) else js
            if decoded != expected or isinstance(decoded, bool):
                self.fail(path, "enum %r != %r (%r)" % (decoded, expected, js))
            return
        if kind == "tuple":
            if len(node) > 4:  # keyvalue<K,V>: {"Key": k, "Value": v} in JSON, (key, value) decoded
                js = [js["Key"], js["Value"]]
            if not isinstance(decoded, tuple) or len(decoded) != len(js) or len(js) != len(node[2]):
                self.fail(path, "tuple %r != %r" % (decoded, js))
            for i, (d, j, element) in enumerate(zip(decoded, js, node[2])):
                self.value(d, j, element, "%s[%d]" % (path, i))
            return
        if kind == "map":
            if not isinstance(decoded, dict):
                self.fail(path, "expected a dict, got %r" % type(decoded))
            if node[2][0] == "tuple":  # a tuple key is its JSON text in JSON: compare the parsed items
                js = {_tuple_key(json.loads(k), node[2]): v for k, v in js.items()}
            converted = {self.map_key(k, node[2]): v for k, v in decoded.items()}
            if set(converted) != set(js):
                self.fail(path, "map keys differ: %s vs %s" % (sorted(converted), sorted(js)))
            for k, v in js.items():
                self.value(converted[k], v, node[3], "%s[%s]" % (path, k))
            return
        if kind == "array":
            return self.array(decoded, js, node, path)
        self.scalar(decoded, js, node[2], path, packed)

    def map_key(self, key, node):
        if node[0] == "tuple":
            return _tuple_key(list(key), node)
        if node[0] == "enum":
            # The name .NET's JSON form writes (Enum.GetName): of a value's two names, the fixtures' .NET gives the
            # first declared (Gelu, Swish).
            names = {v: k for k, v in reversed(list(ENUMS[node[2]].items()))}
            return names.get(key, str(key))
        if node[0] == "scalar" and node[2] == "time":
            return _time_text(key)
        return str(key)

    def array(self, decoded, js, node, path):
        element, rank = node[2], node[3]
        if element[0] == "scalar" and element[2] == "uint8" and rank == 1 and isinstance(js, str):
            flat, _ = _flatten(decoded)
            if bytes(flat) != base64.b64decode(js):
                self.fail(path, "bytes differ")
            return
        if rank == 1:
            items, _ = _flatten(decoded) if not isinstance(decoded, list) else (decoded, None)
            if len(items) != len(js):
                self.fail(path, "length %d != %d" % (len(items), len(js)))
            if element[0] == "scalar" and element[2] in ("float32", "float16") and len(items) > 1000:
                # A fast path for the million floats: pack both sides (NaNs and the infinities checked one by one).
                for i, x in enumerate(js):
                    if isinstance(x, str) and not special_matches(x, items[i]):
                        self.fail("%s[%d]" % (path, i), "%r is not %s" % (items[i], x))
                expected = struct.pack("<%df" % len(js), *(items[i] if isinstance(x, str) else float(x) for i, x in enumerate(js)))
                if struct.pack("<%df" % len(items), *items) != expected:
                    self.fail(path, "float32 arrays differ")
                self.checked += len(items)
                return
            for i, (d, j) in enumerate(zip(items, js)):
                self.value(d, j, element, "%s[%d]" % (path, i), _packed(element))
            return
        # Rectangular: nested JSON arrays; decoded as nested lists or a shaped numpy array. An empty array with a
        # non-zero length is its shape in JSON ({"$shape": [0, 3]}), and so without numpy.
        if isinstance(js, dict):
            shape = js["$shape"]
            if numpy is not None and isinstance(decoded, numpy.ndarray):
                if list(decoded.shape) != shape:
                    self.fail(path, "shape differs: %r vs %r" % (decoded.shape, shape))
            elif decoded != js:
                self.fail(path, "shape differs: %r vs %r" % (decoded, js))
            return
        if numpy is not None and isinstance(decoded, numpy.ndarray):
            if decoded.ndim != rank:
                self.fail(path, "numpy array of rank %d, expected %d" % (decoded.ndim, rank))
            decoded = decoded.tolist()
        self.nested(decoded, js, element, rank, path)

    def nested(self, decoded, js, element, rank, path):
        if not isinstance(decoded, list) or len(decoded) != len(js):
            self.fail(path, "rows differ: %r vs %r" % (decoded, js))
        for i, (d, j) in enumerate(zip(decoded, js)):
            if rank > 1:
                self.nested(d, j, element, rank - 1, "%s[%d]" % (path, i))
            else:
                self.value(d, j, element, "%s[%d]" % (path, i), _packed(element))

    def scalar(self, decoded, js, name, path, packed=False):
        if name in ("float32", "float16", "float64"):
            fmt = "<d" if name == "float64" else "<f"
            if not isinstance(decoded, float):
                self.fail(path, "expected a float, got %r" % type(decoded))
            if isinstance(js, str):
                if not special_matches(js, decoded, exact_half=not packed):
                    self.fail(path, "%r (bits %016x) is not %s" % (decoded, struct.unpack("<Q", struct.pack("<d", decoded))[0], js))
                return
            if struct.pack(fmt, float(js)) != struct.pack(fmt, decoded):
                self.fail(path, "%s %r != JSON %s (bits %s vs %s)" % (name, decoded, js, struct.pack(fmt, decoded).hex(),
                                                                        struct.pack(fmt, float(js)).hex()))
            return
        if name == "decimal":
            expected = decimal.Decimal(js)
            if not isinstance(decoded, decimal.Decimal) or decoded.as_tuple() != expected.as_tuple():
                self.fail(path, "decimal %r != %s" % (decoded, js))
            return
        if name == "guid":
            if str(decoded) != js:
                self.fail(path, "GUID %s != %s" % (decoded, js))
            return
        if name == "datetime":
            ticks, suffix = iso_ticks(js)
            kind = {None: "unspecified", "Z": "utc"}.get(suffix, "local")
            if not isinstance(decoded, modelgen.DateTime) or (decoded.ticks, decoded.kind) != (ticks, kind):
                self.fail(path, "DateTime %r != %s" % (decoded, js))
            return
        if name == "datetimeoffset":
            ticks, suffix = iso_ticks(js)
            minutes = 0 if suffix in (None, "Z") else (1 if suffix[0] == "+" else -1) * (int(suffix[1:3]) * 60 + int(suffix[4:6]))
            if not isinstance(decoded, modelgen.DateTime) or (decoded.ticks, decoded.offset_minutes) != (ticks, minutes):
                self.fail(path, "DateTimeOffset %r != %s" % (decoded, js))
            return
        if name == "timespan":
            if not isinstance(decoded, modelgen.TimeSpan) or decoded.ticks != timespan_ticks(js):
                self.fail(path, "TimeSpan %r != %s" % (decoded, js))
            return
        if name == "date":
            if not isinstance(decoded, datetime.date) or decoded.isoformat() != js:
                self.fail(path, "date %r != %s" % (decoded, js))
            return
        if name == "time":
            if not isinstance(decoded, modelgen.Time) or decoded.ticks != timespan_ticks(js):
                self.fail(path, "time %r != %s" % (decoded, js))
            return
        if name == "complex":
            if not isinstance(decoded, complex) or not isinstance(js, list) or len(js) != 2:
                self.fail(path, "complex %r != %r" % (decoded, js))
            self.scalar(decoded.real, js[0], "float64", path + ".real")
            self.scalar(decoded.imag, js[1], "float64", path + ".imag")
            return
        if name == "bool":
            if decoded is not js:
                self.fail(path, "%r != %r" % (decoded, js))
            return
        if type(decoded) is not type(js) or decoded != js:
            self.fail(path, "%r != %r" % (decoded, js))


def numpy_modes():
    """The array modes to test: pure Python always, numpy where it is installed."""
    return [False, True] if numpy is not None else [False]


def envelope(name, version, fp, payload, checksum=True):
    """A well-formed envelope around a payload (the tests build malformed payloads with a valid checksum)."""
    raw_name = name.encode("utf-8")
    header = b"MGEN" + bytes([1, 1 if checksum else 0]) + varint(len(raw_name)) + raw_name + varint(version) + struct.pack("<Q", fp)
    body = header + payload
    return body + struct.pack("<QQ", len(payload), modelgen.xxh3_64(body) if checksum else 0)


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)
