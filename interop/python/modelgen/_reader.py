"""The decoder: envelope (§1), tags and wire types (§2), objects and keys (§3), scalars (§4), limits (§6), and format 2
(§9: the schema table and positional objects), selected by the envelope's version byte."""

import array
import collections
import ctypes
import datetime as _dt
import decimal
import functools
import json
import math
import os
import re
import struct
import sys
import uuid

from ._errors import FormatError, SchemaError
from ._xxh3 import xxh3_64

_M64 = (1 << 64) - 1
_MAGIC = b"MGEN"
_FORMAT_VERSIONS = (1, 2)  # the envelope's version byte selects the payload decoder (format 1 or format 2)
_TRAILER = 16
_MAX_NAME_BYTES = 1024
_MAX_KEY = (1 << 28) - 1
_MAX_RANK = 8
_MAX_ARRAY_LENGTH = 0x7FFFFFC7

VARINT, FIXED64, BYTES, OBJECT, PACKED, FIXED32, SEQUENCE, MARKER = range(8)
_WIRE_NAMES = ["VarInt", "Fixed64", "Bytes", "Object", "Packed", "Fixed32", "Sequence", "Marker"]

# Packed element codes (§2.1): size, struct code, array typecode, numpy dtype.
_PACKED = {
    1: (1, "B", None, "u1"),     # bool
    2: (1, "B", "B", "u1"),      # uint8
    3: (1, "b", "b", "i1"),      # int8
    4: (2, "h", "h", "<i2"),     # int16
    5: (2, "H", "H", "<u2"),     # uint16
    6: (4, "i", "i", "<i4"),     # int32
    7: (4, "I", "I", "<u4"),     # uint32
    8: (8, "q", "q", "<i8"),     # int64
    9: (8, "Q", "Q", "<u8"),     # uint64
    10: (4, "f", "f", "<f4"),    # float32
    11: (8, "d", "d", "<f8"),    # float64
    12: (2, "H", None, "<u2"),   # char (UTF-16 code unit)
    13: (2, "e", "f", "<f2"),    # float16 (array.array has no half type: widened to float32)
}
# The schema names of the packed element codes, and the codes by name: an array member whose element type is one of
# these (not nullable) reads a packed array of any code, converted as .NET converts it (PackedElements.TryConvert).
_PACKED_NAMES = {1: "bool", 2: "uint8", 3: "int8", 4: "int16", 5: "uint16", 6: "int32", 7: "uint32", 8: "int64",
                 9: "uint64", 10: "float32", 11: "float64", 12: "char", 13: "float16"}
_PACKED_CODES = {name: code for code, name in _PACKED_NAMES.items()}
for _code, (_size, _s, _tc, _d) in list(_PACKED.items()):
    if _tc is not None and array.array(_tc).itemsize != _size and _code != 13:
        # 'i'/'I' are 4 bytes on every platform CPython supports, but check rather than assume.
        _alt = {4: "l" if _tc == "i" else "L"}.get(_size, _tc)
        _PACKED[_code] = (_size, _s, _alt, _d)

_INT_RANGES = {
    "int8": (-(1 << 7), (1 << 7) - 1), "uint8": (0, (1 << 8) - 1),
    "int16": (-(1 << 15), (1 << 15) - 1), "uint16": (0, (1 << 16) - 1),
    "int32": (-(1 << 31), (1 << 31) - 1), "uint32": (0, (1 << 32) - 1),
    "int64": (-(1 << 63), (1 << 63) - 1),
}
# The values an enum of each underlying type (a schema entry's "enums", "underlying") holds, as binary holds them and the
# reader gives them: int64, a uint64 enum's values above 2^63 - 1 reinterpreted (so every int64 is one), which save()
# also takes as the unsigned number.
_ENUM_RANGES = dict(_INT_RANGES, uint64=(-(1 << 63), _M64))
_VALUE_SCALARS = {"bool", "char", "float16", "float32", "float64", "decimal", "datetime", "datetimeoffset",
                  "timespan", "guid", "uint64", "date", "time", "int128", "uint128", "bigint",
                  "complex"} | set(_INT_RANGES)
_MAX_DAY_NUMBER = 3652058  # DateOnly.MaxValue.DayNumber (9999-12-31)
_TICKS_PER_DAY = 864_000_000_000
_TICKS_PER_SECOND = 10_000_000
_MAX_TICKS = 3155378975999999999  # DateTime.MaxValue.Ticks (9999-12-31T23:59:59.9999999)
_KINDS = ("unspecified", "utc", "local")
_EPOCH = _dt.datetime(1, 1, 1)


class DateTime(_dt.datetime):
    """A .NET DateTime or DateTimeOffset: a datetime.datetime (microsecond precision) that keeps the exact value.

    ticks: 100 ns units since 0001-01-01 (for a DateTimeOffset: of its local clock time); kind: "unspecified",
    "utc", "local" for a DateTime, "offset" for a DateTimeOffset; offset_minutes: the DateTimeOffset offset (else None).
    A UTC DateTime and a DateTimeOffset carry a tzinfo; unspecified and local DateTimes are naive. The .NET writers
    store a local time as its UTC instant (docs/format.md §6.2), so "local" comes only from files of earlier versions,
    where it is the writer's wall-clock time in a zone the file does not record."""

    ticks = 0
    kind = "unspecified"
    offset_minutes = None

    @classmethod
    def _from_ticks(cls, ticks, kind, offset_minutes=None):
        base = _EPOCH + _dt.timedelta(microseconds=ticks // 10)
        if offset_minutes is not None:
            tz = _dt.timezone(_dt.timedelta(minutes=offset_minutes))
        else:
            tz = _dt.timezone.utc if kind == "utc" else None
        value = cls(base.year, base.month, base.day, base.hour, base.minute, base.second, base.microsecond, tz)
        value.ticks = ticks
        value.kind = kind
        value.offset_minutes = offset_minutes
        return value

    def __repr__(self):
        return "modelgen.DateTime(%s, ticks=%d, kind=%s)" % (self.isoformat(), self.ticks, self.kind)


class TimeSpan(_dt.timedelta):
    """A .NET TimeSpan: a datetime.timedelta (microsecond precision, truncated toward zero) with the exact ticks."""

    ticks = 0

    @classmethod
    def _from_ticks(cls, ticks):
        micro = abs(ticks) // 10
        value = cls(microseconds=micro if ticks >= 0 else -micro)
        value.ticks = ticks
        return value

    def __repr__(self):
        return "modelgen.TimeSpan(%s, ticks=%d)" % (_dt.timedelta.__str__(self), self.ticks)


class Time(_dt.time):
    """A .NET TimeOnly: a datetime.time (microsecond precision, truncated) with the exact ticks since midnight."""

    ticks = 0

    @classmethod
    def _from_ticks(cls, ticks):
        micro = ticks // 10
        value = cls(micro // 3_600_000_000, micro // 60_000_000 % 60, micro // 1_000_000 % 60, micro % 1_000_000)
        value.ticks = ticks
        return value

    def __repr__(self):
        return "modelgen.Time(%s, ticks=%d)" % (self.isoformat(), self.ticks)


Envelope = collections.namedtuple(
    "Envelope", "model_name schema_version fingerprint has_checksum header_length payload_length checksum "
    "format_version schema_table", defaults=(1, None))
Envelope.__doc__ = """The envelope of a file (docs/format.md §1). format_version: 1 or 2; schema_table: for format 2, the
writer's schema table (a SchemaTable: the model types the payload holds, with their members), else None."""


# ---------------------------------------------------------------------------------------------------------------
# Schema documents


def member_key(name):
    """The default binary key of a member name (§3): 16 + FNV-1a-32(UTF-8 name) mod (2^18 - 16)."""
    h = 0x811C9DC5
    for b in name.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return 16 + h % ((1 << 18) - 16)


def fingerprint(entry):
    """The fingerprint of a schema document entry (§5): FNV-1a-64 over "name|key|type|previous,names" lines and, for
    a union base, one "case|tag|model" line per case, sorted by tag."""
    members = sorted(entry["members"], key=lambda m: m["key"])
    text = "\n".join("%s|%d|%s|%s" % (m["name"], m["key"], m["type"], ",".join(m.get("previousNames", [])))
                      for m in members)
    # Ordinal order of the tags, as .NET sorts them: by UTF-16 code units.
    cases = sorted(entry.get("unionCases", []), key=lambda c: c["tag"].encode("utf-16-be"))
    text += "".join("\ncase|%s|%s" % (c["tag"], c["model"]) for c in cases)
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & _M64
    return h


def _split_top(text):
    """The key and value type names of a map<K,V> or keyvalue<K,V>: the first top-level comma divides them."""
    parts = _split_all(text)
    if len(parts) < 2:
        raise SchemaError("map type without a key and a value: map<%s>" % text)
    return parts[0], ",".join(parts[1:])


def _split_all(text):
    """The comma-separated type names of a tuple<...> at the top level (commas inside <> belong to a part)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


# The array suffixes of schema type names (format.md §5), rank 1 to 8 (FormatLimits.MaxArrayRank).
_ARRAY_SUFFIXES = {"[]": 1, "[,]": 2, "[,,]": 3, "[,,,]": 4, "[,,,,]": 5, "[,,,,,]": 6, "[,,,,,,]": 7, "[,,,,,,,]": 8}


def _parse_type(text, enums=None):
    """A member type name (e.g. "map<string,float32[]>?") as a node (kind, nullable, a, b). An enum's node holds, as b,
    its names (an _EnumNames) where enums (short name -> _EnumNames or None, from the schema entry) has them."""
    nullable = text.endswith("?")
    if nullable:
        text = text[:-1]
    if text.endswith("]"):
        start = text.rfind("[")
        rank = _ARRAY_SUFFIXES.get(text[start:])
        if start > 0 and rank is not None:
            return ("array", nullable, _parse_type(text[:start], enums), rank)
    if text.startswith("list<") and text.endswith(">"):
        return ("array", nullable, _parse_type(text[5:-1], enums), 1)
    if text.startswith("set<") and text.endswith(">"):  # a set is a sequence on the wire; read as a list, in saved order
        return ("array", nullable, _parse_type(text[4:-1], enums), 1, "set")  # the writer refuses duplicates
    if text.startswith("map<") and text.endswith(">"):
        k, v = _split_top(text[4:-1])
        return ("map", nullable, _parse_type(k, enums), _parse_type(v, enums))
    # A value tuple: a fixed-arity sequence of its items (format.md §3.1), read as a Python tuple (hashable, so it can
    # be a dict key); a KeyValuePair is the same 2-item sequence, read as (key, value).
    if text.startswith("tuple<") and text.endswith(">"):
        return ("tuple", nullable, [_parse_type(t, enums) for t in _split_all(text[6:-1])], None)
    if text.startswith("keyvalue<") and text.endswith(">"):
        k, v = _split_top(text[9:-1])
        return ("tuple", nullable, [_parse_type(k, enums), _parse_type(v, enums)], None, "keyvalue")
    if text.startswith("enum:"):
        return ("enum", nullable, text[5:], enums.get(text[5:]) if enums else None)
    if text.startswith("model:"):
        return ("model", nullable, text[6:], None)
    return ("scalar", nullable, text, None)


def _frozen(key):
    """A map key read without a schema as a list (a tuple key's sequence) as a tuple, so it can be a dict key."""
    return tuple(_frozen(k) for k in key) if isinstance(key, list) else key


def _key_text(key):
    """A map key as the path names it: a tuple key as its compact JSON text, as .NET writes it ("[3,4]")."""
    if isinstance(key, tuple):
        import json
        return json.dumps(_json_ready(key), separators=(",", ":"))
    return str(key)


def _equality_key(node):
    """A function giving a value of this type node a key that is equal exactly when .NET's default equality (or a sorted
    set's default order) finds two values equal: floats with every NaN one value and -0.0 equal to 0.0 (double.Equals),
    DateTime by its ticks whatever its kind, DateTimeOffset by its UTC instant, TimeSpan and TimeOnly by their ticks,
    tuples item by item; None for types .NET compares by reference (models, arrays, maps), and a Uri."""
    if node[0] == "tuple":
        keys = [_equality_key(e) for e in node[2]]
        return lambda v: None if v is None else tuple(id(x) if k is None else k(x) for k, x in zip(keys, v))
    if node[0] == "enum":
        return lambda v: v
    if node[0] != "scalar" or node[2] == "uri":
        return None
    name = node[2]
    if name in ("float16", "float32", "float64"):
        return lambda v: v if v is None or v == v else "NaN"
    if name == "complex":
        return lambda v: v if v is None else tuple(x if x == x else "NaN" for x in (v.real, v.imag))
    if name == "datetime":
        return lambda v: v if v is None else v.ticks
    if name == "datetimeoffset":
        return lambda v: v if v is None else v.ticks - v.offset_minutes * 60 * _TICKS_PER_SECOND
    if name in ("timespan", "time"):
        return lambda v: v if v is None else v.ticks
    return lambda v: v


def _has_model(node):
    """Whether a type node holds objects (a model, at any depth: in an array, a map, a tuple)."""
    if node[0] == "model":
        return True
    parts = node[2] if node[0] == "tuple" else [node[2], node[3]] if node[0] == "map" else [node[2]] if node[0] == "array" else []
    return any(_has_model(p) for p in parts)


class _MapKey(str):
    """A map key in a member path, written in brackets as .NET writes it ("weights[layer1]")."""


def _json_ready(v):
    return [_json_ready(x) for x in v] if isinstance(v, tuple) else v if isinstance(v, (int, float, str, bool)) or v is None else str(v)


def _may_be_null(node, item):
    """Whether a null marker is valid: nullable types, and (as items) every reference type."""
    if node is None or node[1]:
        return True
    return item and (node[0] in ("array", "map", "model") or node[2] in ("string", "uri", "version"))


class _EnumNames:
    """An enum's names and values, from a schema entry's "enums" (docs/format.md section 3): what reads an enum given by
    name in JSON (a named member's value) as .NET's EnumCodec.FromKey reads it."""

    __slots__ = ("name", "names", "underlying")

    def __init__(self, name, items, underlying=None):
        self.name = name  # the short name, as the schema type enum:Name and .NET's messages give it
        self.names = {}  # value (as binary holds it: int64) -> its names, in declaration order
        for n, v in items:
            self.names.setdefault(v, []).append(n)
        # The underlying type's schema name ("uint8"), whose range a value must be in; None in documents written before
        # it was recorded, which read every int64 as before.
        self.underlying = underlying

    def __eq__(self, other):
        return isinstance(other, _EnumNames) and (self.name, self.names, self.underlying) == (other.name, other.names,
                                                                                            other.underlying)

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "_EnumNames(%r, %r, %r)" % (self.name, self.names, self.underlying)

    def out_of_range(self, value):
        """.NET's reason (EnumCodec.FromInt64) where value is beyond the underlying type's range, else None."""
        if self.underlying is None:
            return None
        lo, hi = _ENUM_RANGES[self.underlying]
        return None if lo <= value <= hi else "value %d is out of range for enum %s" % (value, self.name)

    def read(self, key):
        """The value .NET reads from the name key (a string that is not a number): the value one of whose names equals
        it, else the one value one of whose names equals it ignoring case. Raises ValueError with .NET's reason where
        .NET refuses it. Every name of a value with several (Swish = 8, Silu = 8) reads, as in .NET."""
        for value, names in self.names.items():
            if key in names:
                return value
        folded = _fold_case(key)
        matches = [value for value, names in self.names.items() if any(_fold_case(n) == folded for n in names)]
        if len(matches) > 1:
            raise ValueError("\"%s\" matches more than one member of enum %s when case is ignored; use the exact name"
                             % (key, self.name))
        if not matches:
            raise ValueError("\"%s\" is not a member of enum %s" % (key, self.name))
        return matches[0]


# An integer as .NET's long.TryParse reads it with NumberStyles.Integer and the invariant culture: ASCII white space
# (U+0009 to U+000D, U+0020) around, a sign, ASCII digits, and trailing NULs, which .NET's number parsing ignores.
_ENUM_NUMBER = re.compile(r"[\t-\r ]*([+-]?[0-9]+)[\t-\r ]*\x00*\Z")


class _OutOfRange(ValueError):
    """A number beyond the range of an enum's underlying type (its reason as .NET's)."""


def _enum_from_text(text, names, enum):
    """An enum's value from a string (JSON, a dictionary), as .NET's EnumCodec.FromKey reads it: the number it spells
    (in int64), else by names (an _EnumNames; None where the schema document does not list them). Raises ValueError
    with .NET's reason where .NET refuses it (a number beyond the range of the enum's underlying type, where the
    document gives that type), LookupError where the document lists no names."""
    m = _ENUM_NUMBER.match(text)
    if m is not None and -(1 << 63) <= int(m.group(1)) < (1 << 63):
        value = int(m.group(1))
        refused = names.out_of_range(value) if names is not None else None
        if refused is not None:
            raise _OutOfRange(refused)
        return value
    if names is None:
        raise LookupError("the schema document does not list the names of enum %s (a lock file written by `modelgen "
                          "lock` does)" % enum)
    return names.read(text)


def _type_only(node):
    """A type node without the names of its enums: what its type name says."""
    if node[0] == "enum":
        return node[:3] + (None,)
    if node[0] == "tuple":
        return node[:2] + ([_type_only(e) for e in node[2]],) + node[3:]
    if node[0] == "map":
        return node[:2] + (_type_only(node[2]), _type_only(node[3])) + node[4:]
    if node[0] == "array":
        return node[:2] + (_type_only(node[2]),) + node[3:]
    return node


def _fold_case(text):
    """Text as .NET's ordinal comparison ignoring case compares it: each character upper-cased alone (Python's mapping
    where it gives one character, which is the simple mapping .NET uses for every character but a few Greek ones with
    a subscript iota; a name is ASCII in practice)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


def _enum_tables(raw, entry_name):
    """A schema entry's "enums" as short name -> _EnumNames; None for a short name that two enums share (unknown which
    a member means) unless they agree, or whose values are not all integers in range (a lock file rewritten through a
    double). Each with its underlying type where the document gives it ("underlying", docs/format.md section 3)."""
    if not isinstance(raw, list):
        raise SchemaError('schema entry %r: "enums" must be an array' % entry_name)
    tables = {}
    for en in raw:
        if not isinstance(en, dict) or not isinstance(en.get("name"), str) or not isinstance(en.get("values"), dict):
            raise SchemaError("schema entry %r: an enum needs a name and values" % entry_name)
        # The full name (Ns.Outer.Inner); the schema type names the enum by the part after the last dot.
        short = en["name"].rsplit(".", 1)[-1].lstrip("@")
        underlying = en.get("underlying")
        if underlying is not None and underlying not in _ENUM_RANGES:
            raise SchemaError("schema entry %r: enum %s has the underlying type %r, which is not an integer type of an "
                              "enum (%s)" % (entry_name, en["name"], underlying, ", ".join(_ENUM_RANGES)))
        items = list(en["values"].items())
        exact = all(type(v) is int and -(1 << 63) <= v <= _M64 for _, v in items)
        # Binary holds the value as int64 (a ulong above 2^63 - 1 reinterpreted), which is what a member reads.
        table = _EnumNames(short, [(n, v - (1 << 64) if v >= 1 << 63 else v) for n, v in items],
                           underlying) if exact else None
        tables[short] = table if tables.get(short, table) == table else None
    return tables


class _Entry:
    __slots__ = ("name", "version", "members", "union_cases", "renamed", "names")

    def __init__(self, name, version, members, union_cases=None, renamed=frozenset(), names=None):
        self.name = name
        self.version = version
        self.members = members  # key -> (name, node)
        self.union_cases = union_cases or {}  # union base: tag -> model name
        self.renamed = renamed  # the names of members with previous names
        self.names = names or {}  # current and previous names -> (name, node)

    def by_name(self, name):
        """The member a named member's name reads into, as .NET's generated code finds it (MemberNames.IndexOf): its
        current or a previous name, else the one member whose name matches it loosely (case and separators aside)."""
        member = self.names.get(name)
        if member is not None:
            return member
        loose = _loose(name)
        found = {m[0]: m for n, m in self.names.items() if _loose(n) == loose}
        return next(iter(found.values())) if len(found) == 1 else None


def _loose(name):
    """A name as LooseNames compares it: separators ('_', '-') dropped, letters upper-cased (char.ToUpperInvariant)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in name if c not in "_-")


class _Schemas:
    def __init__(self, doc):
        if isinstance(doc, dict) and "schemas" in doc:
            raw = doc["schemas"]
        elif isinstance(doc, list):
            raw = doc
        else:
            raw = [doc]
        if not isinstance(raw, list):
            raise SchemaError('"schemas" must be an array')
        self.by_name = {}
        candidates = {}
        for e in raw:
            entry = self._entry(e)
            self.by_name.setdefault(entry.name, []).append(entry)
            for key, member in entry.members.items():
                candidates.setdefault(key, set()).add((member[0], repr(_type_only(member[1]))))
        # Keys that name one member (same name and type) across the whole document: used for the members of union
        # cases, whose schema a document does not link to the union base.
        self.global_members = {}
        for e in raw:
            for key, member in self._entry(e).members.items():
                if len(candidates[key]) == 1:
                    self.global_members[key] = member

    @staticmethod
    def _entry(e):
        if not isinstance(e, dict):
            raise SchemaError("a schema entry must be an object")
        try:
            name, version, members = e["name"], e["version"], e["members"]
        except KeyError as missing:
            raise SchemaError("a schema entry has no %s" % missing) from None
        if not isinstance(name, str) or not isinstance(version, int) or not isinstance(members, list):
            raise SchemaError("schema entry %r: name must be a string, version an integer, members an array" % (name,))
        result = {}
        renamed = set()
        names = {}
        enums = _enum_tables(e["enums"], name) if "enums" in e else None
        for m in members:
            try:
                mname, key, mtype = m["name"], m["key"], m["type"]
                previous = m.get("previousNames", [])
            except (KeyError, TypeError, AttributeError):
                raise SchemaError("schema entry %r: a member needs name, key and type" % name) from None
            if not isinstance(mname, str) or not isinstance(key, int) or not isinstance(mtype, str):
                raise SchemaError("schema entry %r: member name, key and type have the wrong JSON types" % name)
            node = _parse_type(mtype, enums)
            for old in previous:
                result.setdefault(member_key(old), (mname, node))
            if previous:
                renamed.add(mname)
            result[key] = (mname, node)
            for n in [mname] + list(previous):
                names.setdefault(n, (mname, node))
        cases = {}
        for case in e.get("unionCases", []):
            if not isinstance(case, dict) or not isinstance(case.get("tag"), str) or not isinstance(case.get("model"), str):
                raise SchemaError("schema entry %r: a union case needs a tag and a model" % name)
            cases[case["tag"]] = case["model"]
        return _Entry(name, version, result, cases, frozenset(renamed), names)

    def find(self, name, version=None):
        entries = self.by_name.get(name)
        if not entries:
            return None
        for e in entries:
            if e.version == version:
                return e
        return max(entries, key=lambda e: e.version)


def _read_schema(schema):
    if isinstance(schema, _Schemas):
        return schema
    if isinstance(schema, (dict, list)):
        return _Schemas(schema)
    try:
        if isinstance(schema, (bytes, bytearray)):
            text = bytes(schema).decode("utf-8")
        elif isinstance(schema, str) and schema.lstrip().startswith(("{", "[")):
            text = schema
        elif isinstance(schema, (str, os.PathLike)):
            with open(schema, "r", encoding="utf-8") as f:
                text = f.read()
        else:
            raise SchemaError("schema must be a schema document (dict, JSON text or a path), not %s" % type(schema).__name__)
        doc = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SchemaError("the schema document is not valid JSON: %s" % e) from None
    return _Schemas(doc)


# ---------------------------------------------------------------------------------------------------------------
# The payload decoder


def _nest(flat, dims):
    """Row-major flat items as nested lists of the given dimensions; an empty array with a non-zero length is its
    shape, {"$shape": dims}, as in ModelGen's JSON and plain forms (no row per leading index)."""
    if len(flat) == 0 and any(dims):
        return {"$shape": list(dims)}
    if len(dims) == 1:
        return list(flat)
    stride = 1
    for d in dims[1:]:
        stride *= d
    return [_nest(flat[i * stride:(i + 1) * stride], dims[1:]) for i in range(dims[0])]


class _Kept:
    """A member the schema does not name (kept from data of a newer version: "#<key>", a named member, a described
    one), as read: the exact bytes of its format-1 field (preceded, for a described member of a format-2 file, by its
    member description), and the value load() gave for it, so that save() can tell it was not replaced."""
    __slots__ = ("field", "described", "value", "_nesting")

    def __init__(self, field, described, value):
        self.field = field
        self.described = described
        self.value = value
        self._nesting = None

    @property
    def nesting(self):
        """How many levels the member's value nests, as a reader of the model that declares it counts them: exact for
        a field (each object and sequence of items a level, a packed array none); for a named member's JSON value an
        upper bound (each object and array a level). A writer checks it where it writes the member again."""
        if self._nesting is None:
            decoder = _Decoder(self.field, 0, len(self.field), None, None, 1 << 30)
            key, wire = decoder.tag()
            if key == 4 and wire == BYTES:
                self._nesting = _json_levels(self.value)
            else:
                decoder.raw(wire)
                self._nesting = decoder.deepest
        return self._nesting


def _json_levels(value):
    if isinstance(value, dict):
        return 1 + max((_json_levels(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_json_levels(v) for v in value), default=0)
    return 0


class Members(dict):
    """An object's members as load() gives them: a dict, which also carries the members the schema does not name
    (`kept`: name -> their bytes as read), so that save() writes them back as they were (docs: interop/python/README.md,
    "Writing"). A plain dict works everywhere a Members does, except that it has no kept members to write back."""
    __slots__ = ("kept",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = {}


def _reserved_first(fields, version):
    """An object's members with "$type" and "$version" (the data's version; default: version) first, kept members
    kept."""
    result = Members()
    result.kept = fields.kept
    if "$type" in fields:
        result["$type"] = fields.pop("$type")
    result["$version"] = fields.pop("$version", version)
    result.update(fields)
    return result


class _Decoder:
    def __init__(self, data, start, end, schemas, np, max_depth):
        self.data = data
        self.pos = start
        self.end = end
        self.schemas = schemas
        self.np = np
        self.max_depth = max_depth
        self.depth = 0
        self.deepest = 0  # the deepest level entered (a kept member's nesting)
        self.path = []
        # What 16 Bytes read into a number are, by the writer's type (wide_type) of the format-2 member being read:
        # "integer", "decimal", "complex", "other" or None (format 1, extension fields, a type naming several):
        # .NET's ModelReader.WriterWideBytes.
        self.wide = None
        self.wide_type = None

    # -- errors and primitives --

    def error(self, reason, offset=None):
        path = ""
        for p in self.path:
            path += ("[%s]" % p) if isinstance(p, (int, _MapKey)) else ("." + p if path else p)
        return FormatError(reason, self.pos if offset is None else offset, path)

    def take(self, n):
        if n > self.end - self.pos:
            raise self.error("unexpected end of data: %d more bytes needed, %d left" % (n, self.end - self.pos))
        start = self.pos
        self.pos += n
        return self.data[start:self.pos]

    def varint(self):
        data, pos, end = self.data, self.pos, self.end
        if pos < end and data[pos] < 0x80:
            self.pos = pos + 1
            return data[pos]
        result = 0
        shift = 0
        while True:
            if pos >= end:
                self.pos = pos
                raise self.error("unexpected end of data inside a varint")
            b = data[pos]
            pos += 1
            if shift == 63 and b > 1:
                self.pos = pos - 1
                raise self.error("varint overflows 64 bits")
            result |= (b & 0x7F) << shift
            if b < 0x80:
                self.pos = pos
                return result
            shift += 7
            if shift > 63:
                self.pos = pos
                raise self.error("varint longer than 10 bytes")

    def zigzag(self):
        v = self.varint()
        return (v >> 1) ^ -(v & 1)

    def length(self, min_bytes_per_unit=1):
        offset = self.pos
        n = self.varint()
        if n * min_bytes_per_unit > self.end - self.pos:
            raise self.error("length %d is larger than the %d bytes that remain" % (n, self.end - self.pos), offset)
        return n

    def dimensions(self, rank):
        """The lengths of an array and their product. Each length need only be a valid array length: an empty array
        such as float[1000, 0] holds no elements, whatever its leading lengths (docs/format.md, section 6)."""
        dims = []
        count = 1
        for _ in range(rank):
            offset = self.pos
            d = self.varint()
            if d > _MAX_ARRAY_LENGTH:
                raise self.error("length %d is larger than the largest array" % d, offset)
            dims.append(d)
            count *= d
        return dims, count

    def tag(self):
        offset = self.pos
        v = self.varint()
        key = v >> 3
        if key > _MAX_KEY:
            raise self.error("field key %d is out of range" % key, offset)
        return key, v & 7

    def item_tag(self):
        offset = self.pos
        key, wire = self.tag()
        if key != 1:
            raise self.error("expected a sequence item (key 1) but found field key %d" % key, offset)
        return wire

    def enter(self):
        self.depth += 1
        if self.depth > self.deepest:
            self.deepest = self.depth
        if self.depth > self.max_depth:
            raise self.error("nesting is deeper than the limit of %d" % self.max_depth)

    def utf8(self, raw, offset):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.error("invalid UTF-8 in a string", offset) from None

    def named(self):
        """A named member's Bytes (field key 4, docs/format.md section 3): a name as in the schema table, then the
        member's JSON value."""
        n = self.length()
        end = self.pos + n
        at = self.pos
        size = self.length()
        if size < 1 or size > _MAX_NAME_BYTES or self.pos + size > end:
            raise self.error("a named member's name of %d bytes (1 to %d, within the field)" % (size, _MAX_NAME_BYTES), at)
        name = self.utf8(self.take(size), at)
        at = self.pos
        text = self.utf8(self.take(end - self.pos), at)
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise self.error("named member %r: malformed JSON: %s" % (name, e), at) from None
        return name, value, text

    def named_declared(self, entry, name, text, at):
        """A named member that the schema entry declares, read into its type as .NET reads it (modelgen/_named.py):
        (its name in the schema, its value); None when the entry does not declare it, or when its value holds an enum
        by name, which only the enum's declaration maps to its value."""
        member = entry.by_name(name) if entry is not None and not name.startswith("$") else None
        if member is None:
            return None
        from . import _named
        try:
            parsed = _named.parse(text)
        except (ValueError, RecursionError) as e:
            raise self.error("named member %r: malformed JSON: %s" % (name, e), at) from None
        self.path.append(member[0])
        try:
            value = _named.convert(self, parsed, member[1])
        except _named.EnumName:
            return None  # an enum by name: kept as it came (the schema document has no enum names)
        finally:
            self.path.pop()
        return member[0], value

    # -- objects --

    def fields(self, entry, union_names=False):
        """The fields of an object up to its end marker. entry: its schema (None: keys as "#key")."""
        result = Members()
        schemas = self.schemas
        # A null for a renamed member that cannot be null, kept as an error until its current name follows: a renamed
        # member keeps its key, and an older build that knew it by its previous name as nullable writes its null under
        # that key, then the newer value it kept by name (as the .NET reader takes it).
        pending = {}
        # A renamed member's value under its current name that an older build kept and wrote back by name.
        copied = {}
        while True:
            offset = self.pos
            key, wire = self.tag()
            if wire == MARKER and key == 0:
                if pending:
                    raise next(iter(pending.values()))
                _resolve_copies(entry, result, copied)
                return result
            if key == 0:
                raise self.error("field key 0 is reserved for the end marker", offset)
            if key == 1:
                self.path.append("$version")
                value = self.raw(wire)
                self.path.pop()
                result["$version"] = value
                if entry is not None and isinstance(value, int) and value != entry.version:
                    entry = schemas.find(entry.name, value) or entry
                continue
            if key == 4 and wire == BYTES:
                # A member an older build kept by name (from JSON or a dictionary): its name and JSON value, read into
                # the member's type where the schema declares it.
                name, value, text = self.named()
                declared = self.named_declared(entry, name, text, offset)
                if declared is not None:
                    if name == declared[0] and declared[0] in entry.renamed:
                        copied[name] = declared[1]  # decided at the end, against the member read by key
                    else:
                        result[declared[0]] = declared[1]
                    pending.pop(declared[0], None)
                    continue
                result[name] = value
                result.kept[name] = _Kept(bytes(self.data[offset:self.pos]), None, value)
                pending.pop(name, None)
                continue
            if key == 2:
                self.path.append("$type")
                value = self.raw(wire)
                self.path.pop()
                result["$type"] = value
                if entry is not None:
                    case = entry.union_cases.get(value) if isinstance(value, str) else None
                    found = schemas.find(case) if case is not None else None
                    if found is not None:
                        entry = found  # the schema document names the union's cases
                    else:
                        entry = self.union_case(entry)
                        union_names = True
                continue
            member = None
            if entry is not None:
                member = entry.members.get(key)
                if member is None and union_names:
                    member = schemas.global_members.get(key)
            if member is None:
                name = "#%d" % key
                self.path.append(name)
                result[name] = self.raw(wire)
                result.kept[name] = _Kept(bytes(self.data[offset:self.pos]), None, result[name])
            else:
                name, node = member
                self.path.append(name)
                if wire == MARKER and name in entry.renamed and not _may_be_null(node, False):
                    pending[name] = self.error("null for a value that cannot be null", offset)
                    self.path.pop()
                    continue
                result[name] = self.typed(wire, node, False)
                pending.pop(name, None)
            self.path.pop()

    def union_case(self, base):
        """The schema of a union case when the document does not list the union's cases (older documents): look ahead
        at the keys of this object and take the entry that has them all and every member of the base."""
        pos, depth, path = self.pos, self.depth, list(self.path)
        probe = self.fields(None)
        self.pos, self.depth, self.path = pos, depth, path
        keys = {int(k[1:]) for k in probe if k.startswith("#")}
        base_keys = set(base.members)
        found = [e for entries in self.schemas.by_name.values() for e in entries
                 if e is not base and base_keys <= set(e.members) and keys <= set(e.members)]
        if found and all(e.members.get(k) == found[0].members.get(k) for e in found for k in keys):
            return found[0]
        return base

    def obj(self, entry):
        self.enter()
        value = self.fields(entry)
        self.depth -= 1
        return value

    def named_object(self, name):
        entry = self.schemas.find(name)
        if entry is None:
            return self.obj(None)
        return _reserved_first(self.obj(entry), 1)

    # -- type-free values (like protoc --decode_raw) --

    def raw(self, wire):
        if wire == VARINT:
            return self.zigzag()
        if wire == FIXED32:
            return _single_value(struct.unpack("<I", self.take(4))[0])
        if wire == FIXED64:
            return struct.unpack("<d", self.take(8))[0]
        if wire == BYTES:
            raw = self.take(self.length())
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw
        if wire == OBJECT:
            return self.obj(None)
        if wire == PACKED:
            return self.packed(None)
        if wire == SEQUENCE:
            return self.sequence(None)
        return None  # MARKER: null

    def packed(self, expected_rank, target=None):
        """A packed array; target: the element type's schema name, into which elements of another type are converted
        as .NET converts them (None: type-free, the elements as the file holds them)."""
        offset = self.pos
        code = self.take(1)[0]
        spec = _PACKED.get(code)
        if spec is None:
            raise self.error("unknown packed element code %d" % code, offset)
        size, scode, typecode, dtype = spec
        rank_offset = self.pos
        rank = self.varint()
        if rank < 1 or rank > _MAX_RANK:
            raise self.error("packed array rank %d is not supported (1 to %d)" % (rank, _MAX_RANK), rank_offset)
        if expected_rank is not None and rank != expected_rank:
            raise self.error("expected an array of rank %d but found rank %d" % (expected_rank, rank), rank_offset)
        dims, count = self.dimensions(rank)
        if count * size > self.end - self.pos:
            raise self.error("packed array of %d elements needs %d bytes, %d left"
                             % (count, count * size, self.end - self.pos))
        start = self.pos
        raw = self.take(count * size)
        np = self.np
        if target is not None and target != _PACKED_NAMES[code]:
            try:
                flat = _convert_packed(code, target, raw, count, np)
            except _Unfit as e:
                raise self.error("element %d (%s) does not fit in %s without loss" % (e.index, _PACKED_NAMES[code], target),
                                 start + e.index * size) from None
            if rank == 1:
                return flat
            return flat.reshape(dims) if np is not None and target != "char" else \
                _nest(flat.tolist() if isinstance(flat, array.array) else flat, dims)
        if code == 12:  # char: one-character strings, as in JSON
            units = struct.unpack("<%dH" % count, raw)
            for i, c in enumerate(units):
                if 0xD800 <= c <= 0xDFFF:  # writers refuse half a surrogate pair as a char (format.md §6.2)
                    raise self.error("UTF-16 surrogate U+%04X as a char of its own (element %d)" % (c, i))
            flat = [chr(c) for c in units]
            return flat if rank == 1 else _nest(flat, dims)
        if np is not None:
            a = np.frombuffer(raw, dtype=dtype)
            a = (a != 0) if code == 1 else a.astype(a.dtype.newbyteorder("="))
            return a if rank == 1 else a.reshape(dims)
        if code == 1:
            flat = [b != 0 for b in raw]
        elif code == 13:
            flat = array.array("f", struct.unpack("<%de" % count, raw))
        else:
            flat = array.array(typecode)
            flat.frombytes(raw)
            if sys.byteorder == "big" and size > 1:
                flat.byteswap()
        return flat if rank == 1 else _nest(flat.tolist() if isinstance(flat, array.array) else flat, dims)

    def sequence(self, node, expected_rank=None):
        """A sequence (rank >= 1) or a map (rank 0); node: the array/list/map type node, or None (type-free)."""
        rank_offset = self.pos
        rank = self.varint()
        if rank > _MAX_RANK:
            raise self.error("sequence rank %d is not supported (at most %d)" % (rank, _MAX_RANK), rank_offset)
        if expected_rank is not None and rank != expected_rank:
            raise self.error("expected %s but found a sequence of rank %d"
                             % ("a map" if expected_rank == 0 else "a sequence of rank %d" % expected_rank, rank),
                             rank_offset)
        if rank == 0:
            count = self.length(2)
            self.enter()
            key_node, value_node = (node[2], node[3]) if node is not None else (None, None)
            result = {}
            for _ in range(count):
                offset = self.pos
                key = _frozen(self.item(key_node, False))
                try:
                    hash(key)
                except TypeError:
                    raise self.error("a map key must be a scalar, not %s" % type(key).__name__, offset) from None
                if key is None:
                    raise self.error("a map key cannot be null", offset)
                if key in result:
                    raise self.error("duplicate map key %r" % (key,), offset)
                self.path.append(_MapKey(_key_text(key)))
                result[key] = self.item(value_node, True)
                self.path.pop()
            self.depth -= 1
            return result
        dims, count = self.dimensions(rank)
        if count > self.end - self.pos:
            raise self.error("sequence of %d items cannot fit in the %d bytes that remain"
                             % (count, self.end - self.pos))
        self.enter()
        element = node[2] if node is not None else None
        items = []
        for i in range(count):
            self.path.append(i)
            items.append(self.item(element, True))
            self.path.pop()
        self.depth -= 1
        return items if rank == 1 else _nest(items, dims)

    def item(self, node, value_position):
        offset = self.pos
        wire = self.item_tag()
        if node is None:
            return self.raw(wire)
        if wire == MARKER and not _may_be_null(node, True):
            raise self.error("null for a value that cannot be null", offset)
        return self.typed(wire, node, True)

    # -- values decoded with their schema type --

    def typed(self, wire, node, item):
        offset = self.pos
        if wire == MARKER:
            if not _may_be_null(node, item):
                raise self.error("null for a value that cannot be null", offset)
            return None
        kind = node[0]
        if kind == "scalar":
            return self.scalar(wire, node[2], offset)
        if kind == "enum":
            self.expect(wire, VARINT, "an enum value", offset)
            value = self.zigzag()
            refused = node[3].out_of_range(value) if node[3] is not None else None
            if refused is not None:
                raise self.error(refused, offset)
            return value
        if kind == "model":
            self.expect(wire, OBJECT, "a %s object" % node[2], offset)
            return self.named_object(node[2])
        if kind == "array":
            element = node[2]
            if wire == PACKED and element[0] == "scalar" and not element[1] and element[2] in _PACKED_CODES:
                value = self.packed(node[3], element[2])
            else:
                # A packed array into an array of any other element type (an enum, a decimal, a nullable number): .NET
                # reads only a sequence there.
                self.expect(wire, SEQUENCE, "an array", offset)
                value = self.sequence(node, node[3])
            if len(node) > 4:
                self.distinct(value, element)
            return value
        if kind == "tuple":
            self.expect(wire, SEQUENCE, "a tuple of %d items" % len(node[2]), offset)
            return self.tuple(node[2])
        self.expect(wire, SEQUENCE, "a map", offset)
        return self.sequence(node, 0)

    def tuple(self, elements):
        """A value tuple or KeyValuePair: a sequence of rank 1 holding exactly one item per element."""
        offset = self.pos
        rank = self.varint()
        if rank != 1:
            raise self.error("expected a tuple of %d items (a sequence of rank 1) but found %s"
                             % (len(elements), "a map" if rank == 0 else "a sequence of rank %d" % rank), offset)
        count = self.varint()
        if count != len(elements):
            raise self.error("a tuple of %d item%s holds %d item%s here (the tuple's arity changed? that is a breaking change)"
                             % (len(elements), "" if len(elements) == 1 else "s", count, "" if count == 1 else "s"), offset)
        self.enter()
        items = []
        for i, element in enumerate(elements):
            self.path.append(i)
            items.append(self.item(element, True))
            self.path.pop()
        self.depth -= 1
        return tuple(items)

    def distinct(self, items, element):
        """A set<T>'s items, each another value by .NET's default comparer (as its reader fills the set): a file whose
        set would lose an item (a duplicate, or two items that one conversion made equal) is an error naming the item,
        at the offset after the set, as .NET reports it. Items compared by reference in .NET (models, arrays, maps) are
        not compared."""
        key = _equality_key(element)
        if key is None:
            return
        seen = set()
        for i, item in enumerate(items.tolist() if hasattr(items, "tolist") else items):
            k = key(item)
            if k in seen:
                self.path.append(i)
                error = self.error("duplicate element: a set holds each value once")
                self.path.pop()
                raise error
            seen.add(k)

    def wide_integer(self, name, offset):
        """An int128 or uint128 (16 bytes, little-endian two's complement) written by a newer version whose integer
        member was widened, read into the integer type `name` when the value fits, as .NET's IntegerCodec reads it;
        shorter or longer bytes (a string) stay an error, and so do Bytes that format 2's table says are another type."""
        if self.wide in ("complex", "other"):
            raise self.error("expected an integer but the data holds a %s (Bytes)" % self.wide_type, offset)
        raw = self.take(self.length())
        if len(raw) != 16:
            raise self.error("expected an integer but found %d bytes" % len(raw), offset)
        v = int.from_bytes(raw, "little", signed=True)
        lo, hi = _INT_RANGES.get(name, (0, _M64))
        if lo <= v <= hi:
            return v
        # A decimal (int32 and int64 widen to decimal, format.md section 4). Format 2's table says which the bytes are
        # (self.wide, the writer's member type); otherwise they tell it as .NET's Numbers.IsDecimalBytes does: a flags
        # word that is a decimal's and not zero (any such Int128 is beyond every integer type), and not Int128's
        # minimum (a decimal's -0 of scale 0, which stays the Int128).
        lo32, mid, hi32, flags = struct.unpack("<4I", raw)
        scale = (flags >> 16) & 0xFF
        valid = not flags & 0x7F00FFFF and scale <= 28
        if self.wide == "decimal" and valid or self.wide is None and valid and flags and not (
                flags == 0x80000000 and not lo32 | mid | hi32):
            d = decimal.Decimal((flags >> 31, tuple(int(c) for c in str((hi32 << 64) | (mid << 32) | lo32)), -scale))
            if d != d.to_integral_value() or not lo <= int(d) <= hi:
                raise self.error("value %s (a decimal) is not a %s" % (d, name), offset)
            return int(d)
        raise self.error("value %d is out of range for %s" % (v, name), offset)

    def expect(self, wire, expected, what, offset):
        if wire != expected:
            raise self.error("expected %s (%s) but found %s" % (what, _WIRE_NAMES[expected], _WIRE_NAMES[wire]), offset)

    def scalar(self, wire, name, offset):
        if name in _INT_RANGES or name == "uint64":
            if wire == BYTES:
                return self.wide_integer(name, offset)
            if wire in (FIXED32, FIXED64):
                # A float64 or float32 written by a newer version whose member was widened (int32→float64): read when
                # its value is an integer that fits, as .NET's IntegerCodec reads it; a fraction, NaN or infinity is an error.
                d = struct.unpack("<f" if wire == FIXED32 else "<d", self.take(4 if wire == FIXED32 else 8))[0]
                lo, hi = _INT_RANGES.get(name, (0, _M64))
                if not math.isfinite(d) or d != int(d) or not lo <= int(d) <= hi:
                    raise self.error("value %r is not a %s" % (d, name), offset)
                return int(d)
            self.expect(wire, VARINT, "an integer", offset)
            v = self.zigzag()
            if name == "uint64":
                return v & _M64
            lo, hi = _INT_RANGES[name]
            if not lo <= v <= hi:
                raise self.error("value %d is out of range for %s" % (v, name), offset)
            return v
        if name in ("float32", "float64", "float16"):
            if wire in (FIXED32, FIXED64):
                # As .NET converts it: a float32 into a float64 member (widened between versions) by its shortest text,
                # into a float16 member (a Half's float, or a member narrowed since) rounded to nearest; a float64 into a
                # float32 or float16 member (narrowed) rounded to nearest; beyond the member's range refused.
                if wire == FIXED32:
                    value = _single_converted(struct.unpack("<I", self.take(4))[0], name)
                else:
                    value = _narrowed(struct.unpack("<d", self.take(8))[0], name)
                if value is None:
                    raise self.error("the value does not fit in %s exactly" % name, offset)
                return value
            if wire == VARINT:
                # An integer member widened into a float (format.md section 4): exactly, as .NET reads it, or refused.
                value = _int_converted(self.zigzag(), name)
                if value is None:
                    raise self.error("the value does not fit in %s exactly" % name, offset)
                return value
            if wire == BYTES:
                # A complex written by a newer version whose member was widened (format.md section 4): read when its
                # imaginary part is zero, the real part converted as .NET converts a double into the member's type
                # (format 2's table says whether it is one).
                if self.wide not in (None, "complex"):
                    raise self.error("expected a number but the data holds a %s (Bytes)" % self.wide_type, offset)
                raw = self.take(self.length())
                if len(raw) != 16:
                    raise self.error("expected a number but found %d bytes" % len(raw), offset)
                re, im = struct.unpack("<dd", raw)
                value = None if im != 0 else _narrowed(re, name)
                if value is None:
                    raise self.error("the value does not fit in %s exactly%s"
                                     % (name, " (a complex whose imaginary part is not zero)" if im != 0 else ""), offset)
                return value
            raise self.error("expected a number but found %s" % _WIRE_NAMES[wire], offset)
        if name == "string":
            self.expect(wire, BYTES, "a string", offset)
            n = self.length()
            return self.utf8(self.take(n), offset)
        if name == "bool":
            self.expect(wire, VARINT, "a boolean", offset)
            v = self.zigzag()
            if v not in (0, 1):
                raise self.error("boolean value %d is neither 0 nor 1" % v, offset)
            return v == 1
        if name == "char":
            if wire == BYTES:  # read as .NET's CharCodec reads it: through its uint16 read
                v = self.wide_integer("uint16", offset)
            else:
                self.expect(wire, VARINT, "a char", offset)
                v = self.zigzag()
            if not 0 <= v <= 0xFFFF:
                raise self.error("value %d is not a UTF-16 code unit" % v, offset)
            if 0xD800 <= v <= 0xDFFF:  # writers refuse half a surrogate pair as a char (format.md §6.2)
                raise self.error("UTF-16 surrogate U+%04X as a char of its own" % v, offset)
            return chr(v)
        if name == "decimal":
            if wire == VARINT:
                return decimal.Decimal(self.zigzag())
            self.expect(wire, BYTES, "a decimal", offset)
            raw = self.take(self.length())
            if len(raw) != 16:
                raise self.error("a decimal has 16 bytes, not %d" % len(raw), offset)
            lo, mid, hi, flags = struct.unpack("<4I", raw)
            scale = (flags >> 16) & 0xFF
            if flags & 0x7F00FFFF or scale > 28:
                raise self.error("invalid decimal (flags 0x%08x)" % flags, offset)
            digits = (hi << 64) | (mid << 32) | lo
            return decimal.Decimal((flags >> 31, tuple(int(c) for c in str(digits)), -scale))
        if name == "guid":
            self.expect(wire, BYTES, "a GUID", offset)
            raw = self.take(self.length())
            if len(raw) != 16:
                raise self.error("a GUID has 16 bytes, not %d" % len(raw), offset)
            return uuid.UUID(bytes_le=bytes(raw))
        if name == "datetime":
            self.expect(wire, FIXED64, "a DateTime", offset)
            v = struct.unpack("<Q", self.take(8))[0]
            ticks, kind = v & ((1 << 62) - 1), v >> 62
            if ticks > _MAX_TICKS or kind > 2:
                raise self.error("invalid DateTime", offset)
            return DateTime._from_ticks(ticks, _KINDS[kind])
        if name == "datetimeoffset":
            self.expect(wire, BYTES, "a DateTimeOffset", offset)
            raw = self.take(self.length())
            if len(raw) != 10:
                raise self.error("a DateTimeOffset has 10 bytes, not %d" % len(raw), offset)
            ticks, minutes = struct.unpack("<qh", raw)
            utc = ticks - minutes * 60 * _TICKS_PER_SECOND
            if not (0 <= ticks <= _MAX_TICKS and -840 <= minutes <= 840 and 0 <= utc <= _MAX_TICKS):
                raise self.error("invalid DateTimeOffset", offset)
            return DateTime._from_ticks(ticks, "offset", minutes)
        if name == "timespan":
            if wire == BYTES:  # read as .NET's TimeSpanCodec reads its ticks: through its int64 read
                return TimeSpan._from_ticks(self.wide_integer("int64", offset))
            self.expect(wire, VARINT, "a TimeSpan", offset)
            return TimeSpan._from_ticks(self.zigzag())
        if name == "date":
            self.expect(wire, VARINT, "a DateOnly", offset)
            day = self.zigzag()
            if not 0 <= day <= _MAX_DAY_NUMBER:
                raise self.error("day number %d is out of range for DateOnly" % day, offset)
            return _dt.date.fromordinal(day + 1)
        if name == "time":
            self.expect(wire, VARINT, "a TimeOnly", offset)
            ticks = self.zigzag()
            if not 0 <= ticks < _TICKS_PER_DAY:
                raise self.error("%d ticks is out of range for TimeOnly" % ticks, offset)
            return Time._from_ticks(ticks)
        if name in ("int128", "uint128", "bigint"):
            if wire == VARINT:  # a narrower integer member widened (format.md §4)
                v = self.zigzag()
                return v & _M64 if name == "uint128" else v
            self.expect(wire, BYTES, "an integer", offset)
            raw = self.take(self.length())
            if name != "bigint" and len(raw) != 16:
                raise self.error("a %s has 16 bytes, not %d" % (name, len(raw)), offset)
            if not raw:
                raise self.error("a BigInteger has at least one byte", offset)
            return int.from_bytes(raw, "little", signed=name != "uint128")
        if name == "complex":
            if wire in (FIXED32, FIXED64, VARINT):  # a float member widened
                return complex(self.scalar(wire, "float64", offset))
            self.expect(wire, BYTES, "a Complex", offset)
            raw = self.take(self.length())
            if len(raw) != 16:
                raise self.error("a Complex has 16 bytes, not %d" % len(raw), offset)
            return complex(*struct.unpack("<dd", raw))
        if name in ("uri", "version"):
            self.expect(wire, BYTES, "a %s string" % name, offset)
            return self.utf8(self.take(self.length()), offset)
        return self.raw(wire)  # a type this reader does not know: decoded without it


# ---------------------------------------------------------------------------------------------------------------
# Format 2 (docs/format.md §9): the schema table in the header, positional objects, extension fields

_MAX_SCHEMA_ENTRIES = 4096   # FormatLimits.MaxSchemaEntries
_MAX_SCHEMA_MEMBERS = 65535  # FormatLimits.MaxSchemaMembers (members or cases per entry)
_MIN_ENTRY_BYTES = 13        # name (2), schema version (1), fingerprint (8), kind (1), count (1)
_MIN_MEMBER_BYTES = 6        # key (1), name (2), type (2), descriptor (1)
_MIN_CASE_BYTES = 3          # tag (2), case entry (1)

TableMember = collections.namedtuple("TableMember", "key name type wire_type nullable model_ref")
TableMember.__doc__ = """A member of a schema table entry: key, name, type (the language-neutral type name), wire_type
(0-6), nullable (a presence byte precedes the value), model_ref (the entry index of its objects, or None)."""
TableEntry = collections.namedtuple("TableEntry", "name schema_version fingerprint members cases")
TableEntry.__doc__ = """An entry of a format-2 schema table: a model (members: a list of TableMember, cases None) or a
union base (cases: a list of (tag, entry index), members None)."""


class SchemaTable(tuple):
    """The schema table of a format-2 file (docs/format.md §9.2): a tuple of TableEntry, entry 0 the root model."""

    __slots__ = ()

    def to_schema_document(self):
        """The table as a schema document ({"schemas": [...]}, the lock file's shape): names, keys and types."""
        schemas = []
        for e in self:
            doc = {"name": e.name, "version": e.schema_version, "fingerprint": "%016x" % e.fingerprint,
                   "members": [{"name": m.name, "key": m.key, "type": m.type} for m in (e.members or [])]}
            if e.cases is not None:
                doc["unionCases"] = [{"tag": tag, "model": self[i].name} for tag, i in e.cases]
            schemas.append(doc)
        return {"schemas": schemas}


def _table_string(t, what):
    offset = t.pos
    n = t.length()
    if n < 1 or n > _MAX_NAME_BYTES:
        raise FormatError("schema table: %s of %d bytes (1 to %d)" % (what, n, _MAX_NAME_BYTES), offset)
    raw = t.take(n)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError("schema table: the %s is not valid UTF-8" % what, offset) from None


def _table_count(t, what, lowest, limit, min_bytes):
    offset = t.pos
    n = t.varint()
    if n < lowest or n > limit:
        raise FormatError("schema table: %s %d is out of range (%d to %d)" % (what, n, lowest, limit), offset)
    if n * min_bytes > t.end - t.pos:
        raise FormatError("schema table: %s %d needs at least %d bytes, %d remain in the table"
                          % (what, n, n * min_bytes, t.end - t.pos), offset)
    return n


def _read_schema_table(header):
    """The schema table after the flags of a format-2 file; every count is checked before anything is allocated."""
    length_offset = header.pos
    length = header.varint()
    if length < 1 or length > header.end - header.pos:
        raise FormatError("schema table length %d is out of range (1 to the %d bytes before the trailer)"
                          % (length, header.end - header.pos), length_offset)
    t = _Decoder(header.data, header.pos, header.pos + length, None, None, 0)
    count = _table_count(t, "entry count", 1, _MAX_SCHEMA_ENTRIES, _MIN_ENTRY_BYTES)
    entries = []
    case_refs = []
    for index in range(count):
        name = _table_string(t, "name of entry %d" % index)
        version_offset = t.pos
        version = t.varint()
        if not 1 <= version <= 0x7FFFFFFF:
            raise FormatError("schema table: schema version %d of %s is out of range" % (version, name), version_offset)
        fp = struct.unpack("<Q", t.take(8))[0]
        kind_offset = t.pos
        kind = t.take(1)[0]
        if kind == 0:
            members = []
            n = _table_count(t, "member count of %s" % name, 0, _MAX_SCHEMA_MEMBERS, _MIN_MEMBER_BYTES)
            keys = set()
            for _ in range(n):
                key_offset = t.pos
                key = t.varint()
                if not 16 <= key <= _MAX_KEY:
                    raise FormatError("schema table: member key %d of %s is out of range (16 to %d)"
                                      % (key, name, _MAX_KEY), key_offset)
                if key in keys:  # members are in the model's schema order, each key once (§9.2)
                    raise FormatError("schema table: member key %d appears twice in %s" % (key, name), key_offset)
                keys.add(key)
                mname = _table_string(t, "member name in %s" % name)
                mtype = _table_string(t, "type of %s.%s" % (name, mname))
                d_offset = t.pos
                d = t.take(1)[0]
                wire, nullable, has_ref = d & 7, bool(d & 8), bool(d & 16)
                what = "descriptor 0x%02x of %s.%s (%s)" % (d, name, mname, mtype)
                if d & 0xE0:
                    raise FormatError("schema table: %s has unknown bits set" % what, d_offset)
                if wire == MARKER:
                    raise FormatError("schema table: %s has wire type 7, never a member's" % what, d_offset)
                if nullable != mtype.endswith("?"):
                    raise FormatError("schema table: %s: the nullable bit disagrees with the type name" % what, d_offset)
                if has_ref != ("model:" in mtype) or (wire == OBJECT and not has_ref) \
                        or (has_ref and wire not in (OBJECT, SEQUENCE)):
                    raise FormatError("schema table: %s: the model-ref bit disagrees with the type or wire type"
                                      % what, d_offset)
                ref = None
                if has_ref:
                    ref_offset = t.pos
                    ref = t.varint()
                    if ref >= count:
                        raise FormatError("schema table: %s.%s refers to entry %d, but the table has %d entries"
                                          % (name, mname, ref, count), ref_offset)
                members.append(TableMember(key, mname, mtype, wire, nullable, ref))
            entries.append(TableEntry(name, version, fp, members, None))
        elif kind == 1:
            cases = []
            n = _table_count(t, "case count of %s" % name, 1, _MAX_SCHEMA_MEMBERS, _MIN_CASE_BYTES)
            tags = set()
            for _ in range(n):
                tag_offset = t.pos
                tag = _table_string(t, "union tag in %s" % name)
                if tag in tags:
                    raise FormatError("schema table: union tag '%s' of %s appears twice" % (tag, name), tag_offset)
                tags.add(tag)
                ref_offset = t.pos
                ref = t.varint()
                if ref >= count:
                    raise FormatError("schema table: case '%s' of %s refers to entry %d, but the table has %d entries"
                                      % (tag, name, ref, count), ref_offset)
                case_refs.append((name, tag, ref, ref_offset))
                cases.append((tag, ref))
            entries.append(TableEntry(name, version, fp, None, cases))
        else:
            raise FormatError("schema table: entry %s has kind %d (0: a model, 1: a union base)" % (name, kind),
                              kind_offset)
    for name, tag, ref, offset in case_refs:
        if entries[ref].cases is not None:
            raise FormatError("schema table: case '%s' of %s is entry %d, a union base, not a model" % (tag, name, ref),
                              offset)
    if t.pos != t.end:
        raise FormatError("schema table: its entries end %d bytes before its length (%d bytes)"
                          % (t.end - t.pos, length), t.pos)
    header.pos = t.end
    return SchemaTable(entries)


def _table_node(type_text):
    try:
        return _parse_type(type_text)
    except SchemaError:
        return None


def _kept_table_member(member, value_bytes, value):
    """A member of a format-2 file's table that the reader's schema document lacks, kept as an older .NET build keeps
    it (docs/format.md section 9.3): a member description (its name and type from the table) and its format-1 field.
    A value that holds no objects is the same bytes in both formats (a null: the wire type 7 marker). One that holds
    objects is not (its positional objects are described by table entries a format-1 field has no place for): .NET
    keeps it as a named member with its JSON value, and so does this where the value has one JSON form (_plain_json);
    else it is kept without a field, and save() refuses to write it rather than write it wrong."""
    field = bytearray()
    if value_bytes is None:
        _varint(field, member.key << 3 | MARKER)
    elif member.model_ref is not None or "model:" in member.type:
        text = _plain_json(value)
        if text is None:
            field = None
        else:
            # A named member (docs/format.md section 3, key 4): its name, then its value as JSON text.
            named = bytearray()
            _string(named, member.name)
            named += text
            _varint(field, 4 << 3 | BYTES)
            _varint(field, len(named))
            field += named
            return _Kept(bytes(field), None, value)
    else:
        _varint(field, member.key << 3 | member.wire_type)
        field += value_bytes
    body = bytearray()
    _string(body, member.name)
    _string(body, member.type)
    described = bytearray()
    _varint(described, 3 << 3 | BYTES)
    _varint(described, len(body))
    described += body
    return _Kept(None if field is None else bytes(field), bytes(described), value)


def _plain_json(value):
    """The compact JSON text (UTF-8) of a decoded value made only of objects, lists, strings, booleans, integers, floats
    (NaN and infinities as the .NET JSON form writes them: "Infinity", "-Infinity", "NaN" for .NET's double.NaN and
    "NaN:" with the 16 hex digits of its bits for any other NaN, such as Python's positive float("nan")), numeric arrays
    and nulls,
    as the .NET JSON form writes such a value; None for a value holding anything whose JSON form depends on its .NET
    type (dates, decimals, guids, bytes, tuples, maps with keys that are not strings)."""
    converted = _dotnet_plain(value)
    if converted is _NOT_PLAIN:
        return None
    return json.dumps(converted, separators=(",", ":"), allow_nan=False).encode("utf-8")


_NOT_PLAIN = object()


def _dotnet_plain(value):
    """The value as json.dumps writes it the way .NET's JSON form does (see _plain_json), or _NOT_PLAIN."""
    class NotPlain(Exception):
        pass

    def plain(v):
        if v is None or isinstance(v, (bool, int, str)):
            return v
        if isinstance(v, float):
            if v != v:
                return _nan_text(v)
            return v if math.isfinite(v) else ("Infinity" if v > 0 else "-Infinity")
        if isinstance(v, array.array) and v.typecode != "u":
            return [plain(i) for i in v]
        if type(v).__name__ == "ndarray" and getattr(v.dtype, "kind", "") in "biuf":
            return plain(v.tolist())
        if isinstance(v, list):
            return [plain(i) for i in v]
        if isinstance(v, dict):
            if not all(isinstance(k, str) for k in v):
                raise NotPlain()
            return {k: plain(i) for k, i in v.items()}
        raise NotPlain()

    try:
        return plain(value)
    except NotPlain:
        return _NOT_PLAIN


def _token_hash(converted):
    """The hash a record of copies ("$previousNames") holds for a value (.NET's CopiedNames.Canonical), the same for every
    form the value takes: XXH3-64 of "s" and the UTF-8 text of a scalar (a string as is, but "true" and "false" in any
    case in lower case; a number as written; true, false), "n" for null, "a" and each item's hash (uint64,
    little-endian) for an array (an empty one as the empty string's scalar), "o" and each member's name (int32 length,
    UTF-8) and hash in the ordinal order of the names for an object, members that are null or empty objects left out.
    converted: as _dotnet_plain gives it."""
    if isinstance(converted, dict):
        members = []
        for name, value in converted.items():
            if value is None:
                continue
            h = _token_hash(value)
            if h != _EMPTY_OBJECT:
                members.append((name.encode("utf-8"), h))
        members.sort()
        out = bytearray(b"o")
        for name, h in members:
            out += struct.pack("<i", len(name)) + name + struct.pack("<Q", h)
        return xxh3_64(bytes(out), use_numpy=False)
    if isinstance(converted, list):
        if not converted:
            return _scalar_hash(b"")
        return xxh3_64(b"a" + b"".join(struct.pack("<Q", _token_hash(x)) for x in converted), use_numpy=False)
    if converted is None:
        return xxh3_64(b"n", use_numpy=False)
    if converted is True or converted is False:
        return _scalar_hash(b"true" if converted else b"false")
    if isinstance(converted, str):
        if converted.isascii() and converted.lower() in ("true", "false"):
            return _scalar_hash(converted.lower().encode("ascii"))
        return _scalar_hash(_canonical_number(converted).encode("utf-8"))
    return _scalar_hash(_canonical_number(_float_text(converted) if isinstance(converted, float) else json.dumps(converted)).encode("ascii"))


def _scalar_hash(text):
    return xxh3_64(b"s" + text, use_numpy=False)


_JSON_NUMBER = re.compile(r"(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?\Z")


def _canonical_number(text):
    """A JSON number's text by its value and scale (.NET's CopiedNames.TryCanonicalNumber): its digits without leading
    and trailing zeros, "e" and its exponent, "s" and the digits after the point written without an exponent ("1E-05",
    "0.00001" and "1.0e-5" are "1e-5s5"; 1.10 is "11e-1s2"; zero "0s0", -0.00 "-0s2"); any other text as it is."""
    m = _JSON_NUMBER.match(text)
    if m is None:
        return text
    sign, whole, fraction, exponent = m.group(1), m.group(2), m.group(3) or "", m.group(4)
    e = min(abs(int(exponent)), 999_999_999) * (-1 if exponent and exponent.startswith("-") else 1) if exponent else 0
    e -= len(fraction)
    scale = max(0, -e)
    digits = (whole + fraction).lstrip("0")
    if not digits:
        return "%s0s%d" % (sign, scale)
    stripped = digits.rstrip("0")
    e += len(digits) - len(stripped)
    return "%s%se%ds%d" % (sign, stripped, e, scale)


def _float_text(value):
    """A float as .NET writes a double (the shortest text that round-trips, no ".0" for an integral value: 1.0 is
    "1"), for the record's hash: json.dumps writes "1.0", whose scale would differ."""
    text = json.dumps(value)
    return text[:-2] if text.endswith(".0") else text


_EMPTY_OBJECT = xxh3_64(b"o", use_numpy=False)


def _copy_changed(entry, record, member, value):
    """Whether the value a renamed member read by key (an older build's own member) no longer matches what the record of
    copies holds for any of the member's names: the older build edited it (.NET's CopiedNames.Changed). A value without
    one JSON form, or a record that is not one, changes nothing."""
    converted = None
    for name, recorded in record.items():
        found = entry.by_name(name) if isinstance(name, str) else None
        if found is None or found[0] != member or not isinstance(recorded, str) or len(recorded) != 16:
            continue
        try:
            expected = int(recorded, 16)
        except ValueError:
            continue
        if converted is None:
            converted = _dotnet_plain(value)
            if converted is _NOT_PLAIN:
                return False
        if _token_hash(converted) != expected:
            return True
    return False


def _resolve_copies(entry, result, deferred):
    """Renamed members' values that an older build kept under the current name and wrote back as named members
    (deferred: member -> value): each wins over the member read by key unless that one no longer matches the record of
    copies (an older build's edit), as the .NET reader decides at the end of an object."""
    record = result.get("$previousNames")
    for member, value in deferred.items():
        if member in result and isinstance(record, dict) and _copy_changed(entry, record, member, result[member]):
            continue
        result[member] = value


# The bits of .NET's double.NaN (negative, quiet, no payload), which .NET's JSON form writes as "NaN".
_DOTNET_NAN_BITS = 0xFFF8000000000000


def _nan_text(v):
    """A NaN as .NET's JSON form writes a double's: "NaN" for double.NaN, else "NaN:" and its bits in 16 lowercase hex
    digits, so that its sign and payload are kept (docs/format.md section 4)."""
    bits = struct.unpack("<Q", struct.pack("<d", v))[0]
    return "NaN" if bits == _DOTNET_NAN_BITS else "NaN:%016x" % bits


# A float32 in a Python float (a double), and back, with a NaN's bits (docs/format.md section 4). struct's "<f" makes a
# signaling NaN quiet before Python 3.14 (the C cast between float and double does), so a NaN is converted by its bits
# here, in every Python: sign kept, payload shifted by 29, quiet bit as stored. A Half scalar is stored as the float32 it
# widens to, its NaN by the same rule (payload shifted by 13), so a float16 member keeps its NaN's bits too.
_F32_EXPONENT, _F32_PAYLOAD, _F32_QUIET = 0x7F800000, 0x007FFFFF, 0x00400000


def _double_of_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _bits_of_double(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def _single_value(bits, member="float32"):
    """The value a member of type float32, float16 or float64 reads from a Fixed32's bits, as the .NET reader reads it:
    a float32 member keeps a NaN's bits (a signaling one as a signaling double); a float16 member takes the Half a NaN
    converts to (exactly, when the low 13 payload bits are zero; else made quiet, its payload's high 10 bits kept), as a
    double with that Half's bits; a float64 member makes a signaling NaN quiet, as .NET's conversion to double does."""
    if bits & _F32_EXPONENT != _F32_EXPONENT or not bits & _F32_PAYLOAD:
        return struct.unpack("<f", struct.pack("<I", bits))[0]
    payload = bits & _F32_PAYLOAD
    if member == "float16":
        payload &= ~0x1FFF
        if bits & 0x1FFF:
            payload |= _F32_QUIET
    elif member == "float64":
        payload |= _F32_QUIET
    return _double_of_bits((bits & 0x80000000) << 32 | 0x7FF0000000000000 | payload << 29)


def _float32_widened(bits):
    """A finite float32 as .NET widens it into a float64 member (a member widened between versions): the value of its
    shortest round-trip decimal text, so 0.1f reads as 0.1, not 0.10000000149011612 (docs/format.md section 4); an
    infinity as it is."""
    f = struct.unpack("<f", struct.pack("<I", bits))[0]
    if f in (float("inf"), float("-inf")):
        return f
    if bits & 0x7FFFFF:
        # The texts that round-trip are those within half an ulp on either side: a text of n + 1 digits is at least as
        # near as one of n, so the fewest digits can be searched for (2 to 4 tries, not up to 9).
        low, high = 1, 9
        while low < high:
            middle = (low + high) // 2
            if _single_of(float("%.*g" % (middle, f))) == f:
                high = middle
            else:
                low = middle + 1
        return float("%.*g" % (low, f))
    for digits in range(1, 10):  # a power of two: half as far below as above, so the search is in order
        text = "%.*g" % (digits, f)
        if _single_of(float(text)) == f:
            return float(text)
    return f


def _singles_widened(raw, count):
    """_single_converted(bits, "float64") of each float32 of a packed array's bytes, in one loop: the same values (the
    search of _float32_widened, each candidate compared by its packed bytes), about twice as fast."""
    pack, out = struct.pack, []
    for bits, f in zip(struct.unpack("<%dI" % count, raw), struct.unpack("<%df" % count, raw)):
        if bits & _F32_EXPONENT == _F32_EXPONENT or not bits & 0x7FFFFF:
            out.append(_single_converted(bits, "float64"))  # an infinity, a NaN, a power of two or zero
            continue
        packed = pack("<f", f)
        low, high = 1, 9
        while low < high:
            middle = (low + high) // 2
            try:
                same = pack("<f", float("%.*g" % (middle, f))) == packed
            except OverflowError:
                same = False
            if same:
                high = middle
            else:
                low = middle + 1
        out.append(float("%.*g" % (low, f)))
    return out


def _single_of(x):
    """A double rounded to float32 as C's conversion does (struct's "<f" refuses a double that rounds to infinity)."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return ctypes.c_float(x).value


def _narrowed(x, member):
    """A double as .NET converts it into a float64, float32 or float16 member: rounded to nearest, None when a finite
    value is beyond the type's range; a NaN made quiet, its sign and its payload's high bits kept (a C cast's result)."""
    if member == "float64":
        return x
    if x != x:
        return _single_value(_single_bits(x, member) | _F32_QUIET, member)
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0] if member == "float32" else struct.unpack("<e", struct.pack("<e", x))[0]
    except OverflowError:
        return None


def _single_converted(bits, member):
    """A float32's bits as .NET converts them into a float32, float64 or float16 member (Numbers.TryFromSingle): a float32
    member as they are; a float64 member by the float32's shortest text (a NaN made quiet); a float16 member rounded to
    nearest (a NaN as _single_value takes it); None beyond a float16's range."""
    value = _single_value(bits, member)
    if value == value and member != "float32":
        value = _float32_widened(bits) if member == "float64" else _narrowed(value, member)
    return value


def _half_widened_bits(h):
    """The float32 bits a Half's bits widen to, as .NET widens a Half element (HalfWidening.ToSingle): a number exactly,
    a NaN with its sign and payload shifted up by 13, a signaling one left signaling."""
    if h & 0x7C00 == 0x7C00 and h & 0x3FF:
        return (h & 0x8000) << 16 | _F32_EXPONENT | (h & 0x3FF) << 13
    return struct.unpack("<I", struct.pack("<f", struct.unpack("<e", struct.pack("<H", h))[0]))[0]


def _half_of(x):
    """A double rounded to the nearest Half (as a Python float), or None beyond the Half's range."""
    try:
        return struct.unpack("<e", struct.pack("<e", x))[0]
    except OverflowError:
        return None


def _half_text(h):
    """The integer that .NET writes an integer-valued Half above 2048 as: its shortest round-trip decimal text (65504 is
    "65500"), the candidate nearest to it among those of the fewest digits."""
    width = len(str(h))
    for digits in range(1, width + 1):
        unit = 10 ** (width - digits)
        low = h // unit * unit
        for candidate in sorted((low, low + unit), key=lambda c: abs(c - h)):
            if _half_of(float(candidate)) == h:
                return candidate
    return h


_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1


def _int_converted(v, member):
    """An integer (int64, or a uint64 element above int64's range) as .NET converts it into a member of another numeric
    type (Numbers.TryFromInt64 and TryFromUInt64), or None where .NET refuses it: into an integer type when in its range;
    into float64 and float32 when exact; into float16 when exact or when it is the Half's shortest text (65500 reads as
    65504, the Half .NET writes as "65500"), never as an infinity. .NET's check converts back with a saturating cast, so
    int64's maximum reads as 2^63 in float64 and float32, and uint64's maximum as 2^64 in float64: matched here."""
    limits = _INT_RANGES.get(member) or ((0, _M64) if member == "uint64" else None)
    if limits is not None:
        return v if limits[0] <= v <= limits[1] else None
    if member == "float64":
        d = float(v)
        return d if int(d) == v or v == _I64_MAX or v == _M64 else None
    if v > _I64_MAX:
        return None  # a uint64 above int64's range converts only into a float64
    if member == "float32":
        m = abs(v)
        return float(v) if m.bit_length() <= 24 or m % (1 << (m.bit_length() - 24)) == 0 or v == _I64_MAX else None
    if member == "float16":
        m = abs(v)
        h = _half_of(float(m)) if m < 65520 else None
        if h is None or (h != m and _half_text(int(h)) != m):
            return None
        return math.copysign(h, v)
    return None


class _Unfit(Exception):
    """A packed element that does not convert into the member's element type: its index in the flat array."""

    def __init__(self, index):
        Exception.__init__(self, index)
        self.index = index


_FLOAT_NAMES = ("float16", "float32", "float64")


def _convert_packed(code, target, raw, count, np):
    """The elements of a packed array of element code `code` converted into the element type `target` (a packed type of
    another code) as .NET's ReadPackedElements converts them (PackedElements.TryConvert): integers into another integer
    type in its range, into a float type exactly (_int_converted); floats into another float type (_single_converted,
    _narrowed; a float16 element as the float32 it widens to), into an integer type when the value is an integer in its
    range (a newer build's List<double> read by an older List<int>); nothing into or out of bool and char. The first
    element that does not convert raises _Unfit. With numpy, a numpy array of the target's dtype; else an array.array of
    the target's typecode (float16: 'f'), a list for bool and char."""
    source = _PACKED_NAMES[code]
    if count and (source in ("bool", "char") or target in ("bool", "char")):
        raise _Unfit(0)
    if count == 0:  # nothing to convert: an empty array of the member's element type
        if target in ("bool", "char"):
            return np.zeros(0, dtype=bool) if np is not None and target == "bool" else []
        if np is not None:
            return np.zeros(0, dtype=np.dtype(_PACKED[_PACKED_CODES[target]][3]).newbyteorder("="))
        return array.array("f" if target == "float16" else _PACKED[_PACKED_CODES[target]][2])
    if source in _FLOAT_NAMES and target not in _FLOAT_NAMES:
        out = []
        for i, x in enumerate(struct.unpack({"float16": "<%de", "float32": "<%df", "float64": "<%dd"}[source] % count, raw)):
            y = _float_integer(x, target)
            if y is None:
                raise _Unfit(i)
            out.append(y)
        if np is not None:
            return np.array(out, dtype=np.dtype(_PACKED[_PACKED_CODES[target]][3]).newbyteorder("="))
        return array.array(_PACKED[_PACKED_CODES[target]][2], out)
    if np is not None:
        return _convert_numpy(np, code, source, target, raw, count)
    if source == "float32" and target == "float64":
        return array.array("d", _singles_widened(raw, count))
    if source == "float32":
        values, convert = struct.unpack("<%dI" % count, raw), _single_converted
    elif source == "float16":
        values, convert = struct.unpack("<%dH" % count, raw), lambda h, t: _single_converted(_half_widened_bits(h), t)
    elif source == "float64":
        values, convert = struct.unpack("<%dd" % count, raw), _narrowed
    else:
        values, convert = struct.unpack("<%d%s" % (count, _PACKED[code][1]), raw), _int_converted
    if convert is _int_converted:
        # Every one in the target's range (into a float type: exactly) is converted by array.array itself.
        lo, hi = _exact_range(target)
        if lo <= min(values) and max(values) <= hi:
            return array.array("f" if target == "float16" else _PACKED[_PACKED_CODES[target]][2], values)
    out = []
    for i, x in enumerate(values):
        y = convert(x, target)
        if y is None:
            raise _Unfit(i)
        out.append(y)
    if target == "float64":
        return array.array("d", out)
    if target in ("float32", "float16"):
        bits = array.array(_PACKED[7][2], [_single_bits(y, target) for y in out])
        result = array.array("f")
        result.frombytes(bits.tobytes())
        return result
    return array.array(_PACKED[_PACKED_CODES[target]][2], out)


def _float_integer(x, target):
    """A float as .NET converts it into an integer type (Numbers.TryFromDouble): the integer when it is one in the
    type's range, else None (a fraction, a NaN, an infinity)."""
    if not math.isfinite(x) or x != int(x):
        return None
    lo, hi = _INT_RANGES.get(target, (0, _M64))
    return int(x) if lo <= int(x) <= hi else None


def _exact_range(target):
    """The integers that convert into the type `target` as they are (into a float type: exactly, every one between)."""
    if target in _FLOAT_NAMES:
        exact = {"float64": 1 << 53, "float32": 1 << 24, "float16": 2048}[target]
        return -exact, exact
    return _INT_RANGES.get(target, (0, _M64))


def _convert_numpy(np, code, source, target, raw, count):
    """_convert_packed with numpy: vectorized where that is exact (integers in range, the float casts, which round to
    nearest as .NET's do), element by element where not (integers beyond a float's exact range, NaNs, whose bits are set
    as .NET's conversions give them); a float32 into float64 by its shortest text, which numpy's shortest repr gives."""
    a = np.frombuffer(raw, dtype=_PACKED[code][3])
    a = a.astype(a.dtype.newbyteorder("="))
    dtype = np.dtype(_PACKED[_PACKED_CODES[target]][3]).newbyteorder("=")
    if source not in _FLOAT_NAMES:
        limits = _exact_range(target)
        if limits[0] <= int(a.min()) and int(a.max()) <= limits[1]:
            return a.astype(dtype)
        out = []
        for i, v in enumerate(a.tolist()):
            y = _int_converted(v, target)
            if y is None:
                raise _Unfit(i)
            out.append(y)
        return np.array(out, dtype=dtype)
    nans = np.flatnonzero(np.isnan(a))
    if source == "float16":
        halves = a.view(np.uint16)
        a = a.astype(np.float32)  # exact for a number; a NaN is set below from its bits
        if target == "float32":
            out = a.view(np.uint32)
            for i in nans:
                out[i] = _half_widened_bits(int(halves[i]))
            return a
        singles = None
    else:
        singles = a.view(np.uint32) if source == "float32" else None
    if target == "float64":  # a float32 (or a float16's float32): the value of its shortest text
        out = np.empty(count, dtype=np.float64)
        finite = np.flatnonzero(np.isfinite(a))
        for at in range(0, len(finite), 65536):
            chunk = finite[at:at + 65536]
            out[chunk] = a[chunk].astype(str).astype(np.float64)
        infinite = np.flatnonzero(np.isinf(a))
        out[infinite] = a[infinite].astype(np.float64)
        bits = out.view(np.uint64)
        for i in nans:
            single = int(singles[i]) if singles is not None else _half_widened_bits(int(halves[i]))
            bits[i] = _bits_of_double(_single_value(single, "float64"))
        return out
    # A float64 into float32 or float16, a float32 into float16: rounded to nearest, refused beyond the range.
    with np.errstate(over="ignore", invalid="ignore"):
        out = a.astype(dtype)
    beyond = np.flatnonzero(np.isinf(out) & np.isfinite(a))
    if len(beyond):
        raise _Unfit(int(beyond[0]))
    bits = out.view(np.uint32 if target == "float32" else np.uint16)
    for i in nans:
        x = _narrowed(float(a[i]), target) if singles is None else _single_converted(int(singles[i]), target)
        b = _single_bits(x, target)
        bits[i] = b if target == "float32" else (b >> 16) & 0x8000 | 0x7C00 | (b >> 13) & 0x3FF
    return out


def _single_bits(x, member="float32"):
    """The Fixed32 bits a Python float is written as in a float32 or float16 member: a number rounded to nearest (struct's
    "<f"); a NaN with its sign and its payload's high 23 bits (10 for a float16 member, shifted up by 13), its quiet bit
    as stored when no payload bit is dropped, else set (as a cast makes it quiet), so a NaN read from a file is written
    back with its bits, a signaling one included."""
    if x == x:
        return struct.unpack("<I", struct.pack("<f", x))[0]
    bits = _bits_of_double(x)
    kept = 42 if member == "float16" else 29
    payload = (bits & 0x000FFFFFFFFFFFFF) >> kept << (kept - 29)
    if bits & ((1 << kept) - 1):
        payload |= _F32_QUIET
    return (bits >> 32) & 0x80000000 | _F32_EXPONENT | payload


def _varint(out, v):
    """Appends v as a varint (the writer's encoder uses it too)."""
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def _string(out, text):
    """Appends a string as the format writes one: its UTF-8 length as a varint, then the bytes."""
    raw = text.encode("utf-8")
    _varint(out, len(raw))
    out += raw


@functools.lru_cache(maxsize=1024)  # called for each member of each object read
def _wide_bytes(type_name):
    """What 16 Bytes inside a member of this table type name are, as .NET's SchemaTable.WideBytesOf says: the one of
    "integer" (int128, uint128), "decimal" and "complex" it names; None when it names several; "other" when none."""
    names = set(re.split(r"[<>,\[\]?]", type_name))
    kinds = [k for k, named in (("integer", bool(names & {"int128", "uint128"})), ("decimal", "decimal" in names),
                                ("complex", "complex" in names)) if named]
    return "other" if not kinds else kinds[0] if len(kinds) == 1 else None


class _Format2Decoder(_Decoder):
    """Positional objects described by the schema table; sequences, items and values as format 1 (shared). Extension
    fields are format-1 fields, decoded with the format-1 code of _Decoder (typed by the schema document if given)."""

    def __init__(self, data, start, end, table, schemas, np, max_depth):
        super().__init__(data, start, end, schemas, np, max_depth)
        self.table = table
        self.ref = None          # the entry of objects inside the member being read (its model-ref)
        self.format1 = 0         # > 0 inside extension fields: format-1 objects
        # Each entry's members as reader nodes, parsed once per file (type names from the table).
        self.nodes = [[_table_node(m.type) for m in e.members] if e.members is not None else None for e in table]

    def root(self):
        return self.object2(0)

    def object2(self, index):
        entry = self.table[index]
        result = Members()
        if entry.cases is not None:
            offset = self.pos
            c = self.varint()
            if c >= len(entry.cases):
                raise self.error("union case %d of %s is out of range (%d cases)" % (c, entry.name, len(entry.cases)),
                                 offset)
            tag, index = entry.cases[c]
            entry = self.table[index]
            result["$type"] = tag
        result["$version"] = entry.schema_version
        doc = self.schemas.find(entry.name, entry.schema_version) if self.schemas is not None else None
        saved = self.ref
        saved_wide = self.wide, self.wide_type  # the caller's member, again the one being read after this object
        for member, node in zip(entry.members, self.nodes[index]):
            self.wide, self.wide_type = _wide_bytes(member.type), member.type
            name = member.name
            if doc is not None:  # the reader's name (renamed members) where the schema document has the key
                known = doc.members.get(member.key)
                if known is not None:
                    name = known[0]
                    # Values in the reader's type, as .NET reads them into its own (a member whose number type
                    # changed between versions: format.md section 4); objects stay the table's, whose entries
                    # describe their positional members.
                    if known[1] != node and node is not None and not _has_model(known[1]) and not _has_model(node):
                        node = known[1]
            # A member of the writer's entry that the given schema document lacks (a newer build's) is kept, so that
            # save() writes it back with the document.
            unknown = doc is not None and member.key not in doc.members
            self.path.append(name)
            if member.nullable:
                offset = self.pos
                present = self.take(1)[0]
                if present > 1:
                    raise self.error("presence byte %d is neither 0 (null) nor 1 (a value follows)" % present, offset)
                if present == 0:
                    result[name] = None
                    self.path.pop()
                    if unknown:
                        result.kept[name] = _kept_table_member(member, None, None)
                    continue
            self.ref = member.model_ref
            start = self.pos
            if node is None:  # a type name this reader cannot parse: decoded by the descriptor's wire type (§9.2)
                result[name] = self.raw(member.wire_type)
            else:
                result[name] = self.typed(member.wire_type, node, False)
            self.path.pop()
            if unknown:
                result.kept[name] = _kept_table_member(member, bytes(self.data[start:self.pos]), result[name])
        self.ref = saved
        self.wide = None
        self.extensions(entry, doc, result)
        self.wide, self.wide_type = saved_wide
        return result

    def extensions(self, entry, doc, result):
        offset = self.pos
        n = self.varint()
        if n * 2 > self.end - self.pos:
            raise self.error("extension count %d is larger than the %d bytes that remain allow"
                             % (n, self.end - self.pos), offset)
        keys = {m.key for m in entry.members}
        seen = set()
        self.format1 += 1
        remaining = n
        copied = {}
        while remaining > 0:
            remaining -= 1
            offset = start = self.pos
            key, wire = self.tag()
            described = None
            if key == 3 and wire == BYTES:
                # A member description names and types the kept member in the next field (docs/format.md section 9.3).
                described = self.description()
                if remaining == 0:
                    raise self.error("a member description must be followed by the member it describes", self.pos)
                remaining -= 1
                offset = self.pos
                key, wire = self.tag()
                if key < 16:
                    raise self.error("a member description is followed by key %d, not a member" % key, offset)
            if key == 4 and wire == BYTES and described is None:
                # A member an older build kept by name (from JSON or a dictionary): its name and JSON value, read into
                # the member's type where the schema document declares it.
                name, value, text = self.named()
                declared = self.named_declared(doc, name, text, start)
                if declared is not None:
                    if name == declared[0] and declared[0] in doc.renamed:
                        copied[name] = declared[1]  # decided at the end, against the member read by key
                    else:
                        result[declared[0]] = declared[1]
                    continue
                result[name] = value
                result.kept[name] = _Kept(bytes(self.data[start:self.pos]), None, value)
                continue
            if key in seen:
                raise self.error("extension field key %d appears twice" % key, offset)
            if key == 1 and wire == VARINT:
                seen.add(key)
                self.path.append("$version")
                version = self.zigzag()
                self.path.pop()
                result["$version"] = version
                continue
            if key < 16:
                raise self.error("extension field key %d (wire type %s) is reserved: only the version (key 1, VarInt), "
                                 "named members (key 4, Bytes) and member keys (16 and up) may be kept"
                                 % (key, _WIRE_NAMES[wire]), offset)
            if key in keys:
                raise self.error("extension field key %d is a member of %s (in the table)" % (key, entry.name), offset)
            seen.add(key)
            member = doc_member = doc.members.get(key) if doc is not None else None
            if member is None and described is not None:
                node = _table_node(described[1])
                # Objects inside have no table entry here: such a value is decoded without types, under its name.
                if node is not None and "model:" not in described[1]:
                    member = (described[0], node)
                else:
                    self.path.append(described[0])
                    result[described[0]] = self.raw(wire)
                    self.path.pop()
                    result.kept[described[0]] = _Kept(bytes(self.data[offset:self.pos]), bytes(self.data[start:offset]),
                                                      result[described[0]])
                    continue
            if member is None:
                name = "#%d" % key
                self.path.append(name)
                result[name] = self.raw(wire)
            else:
                name = member[0]
                self.path.append(name)
                result[name] = self.typed(wire, member[1], False)
            self.path.pop()
            if member is None or described is not None and doc_member is None:
                result.kept[name] = _Kept(bytes(self.data[offset:self.pos]),
                                          bytes(self.data[start:offset]) if described is not None else None, result[name])
        if copied:
            _resolve_copies(doc, result, copied)
        self.format1 -= 1

    def description(self):
        """A member description's Bytes: a name and a type name, each a string as in the schema table."""
        offset = self.pos
        n = self.length()
        end = self.pos + n
        texts = []
        for what in ("member name", "member type"):
            at = self.pos
            size = self.length()
            if size < 1 or size > _MAX_NAME_BYTES or self.pos + size > end:
                raise self.error("a member description's %s of %d bytes (1 to %d, within the description)"
                                 % (what, size, _MAX_NAME_BYTES), at)
            texts.append(self.utf8(self.take(size), at))
        if self.pos != end:
            raise self.error("a member description's name and type do not fill its length", offset)
        return texts[0], texts[1]

    def named_object(self, name):
        if self.format1:
            return super().named_object(name)
        return self.nested(self.ref)

    def obj(self, entry):
        if self.format1:
            return super().obj(entry)
        return self.nested(self.ref)

    def nested(self, index):
        if index is None:  # the descriptor has no model-ref (the table is checked, so only via a type/wire mismatch)
            raise self.error("an object inside a member without a model-ref")
        self.enter()
        saved = self.ref
        value = self.object2(index)
        self.ref = saved
        self.depth -= 1
        return value


# ---------------------------------------------------------------------------------------------------------------
# Entry points


def _read_input(path_or_bytes):
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(path_or_bytes)
    if isinstance(path_or_bytes, (str, os.PathLike)):
        with open(path_or_bytes, "rb") as f:
            return f.read()
    if hasattr(path_or_bytes, "read"):
        return bytes(path_or_bytes.read())
    raise TypeError("load() takes a path, a file object or bytes, not %s" % type(path_or_bytes).__name__)


def _numpy(use_numpy):
    if use_numpy is False:
        return None
    try:
        import numpy
        return numpy
    except ImportError:
        if use_numpy:
            raise
        return None


def _checksum(body, format_version, header_length, use_numpy=None):
    """The checksum of a file's bytes before the trailer (§1, §9.1). Format 1: XXH3-64 of them all. Format 2: XXH3-64
    of the 16 bytes H || P, where H is the XXH3-64 of the header (up to the end of the schema table, header_length
    bytes) and P that of the payload (the rest), each as uint64 little-endian."""
    view = memoryview(body)
    if format_version == 1:
        return xxh3_64(view, use_numpy=use_numpy)
    both = struct.pack("<QQ", xxh3_64(view[:header_length], use_numpy=use_numpy),
                       xxh3_64(view[header_length:], use_numpy=use_numpy))
    return xxh3_64(both, use_numpy=False)


def _verify(data, format_version, header_length, np):
    """Checks the stored checksum of a file whose flag is set; header_length is None for a format-2 file whose table
    length does not delimit a header before the trailer, which is corruption too."""
    stored = struct.unpack_from("<Q", data, len(data) - 8)[0]
    body = memoryview(data)[:len(data) - _TRAILER]
    computed = None if header_length is None else _checksum(body, format_version, header_length, use_numpy=np is not None)
    if computed == stored:
        return
    # A format-2 preview file sealed before the checksum became H || P (§9.1): every byte, as format 1. Checked only
    # when the current rule fails; one whose table then fails to parse raises its own error (the caller's).
    if format_version == 2 and _checksum(body, 1, None, use_numpy=np is not None) == stored:
        return
    if computed is None:
        raise FormatError("checksum mismatch: stored %016x, but the table length at offset 6 does not fit the input, so "
                          "the header and payload it covers cannot be told apart; the data is corrupted" % stored,
                          len(data) - 8)
    raise FormatError("checksum mismatch: stored %016x, computed %016x; the data is corrupted" % (stored, computed),
                      len(data) - 8)


def _header_length2(data):
    """The end of a format-2 header (the table length at offset 6, then the table), or None when the table length is
    not a varint or the header it gives would run into the trailer."""
    limit = len(data) - _TRAILER
    length, shift, at = 0, 0, 6
    while at < limit and shift < 64:
        length |= (data[at] & 0x7F) << shift
        if data[at] < 0x80:
            return at + 1 + length if length <= limit - at - 1 else None
        at, shift = at + 1, shift + 7
    return None


def _envelope(data, verify_checksum, np):
    if len(data) < 6 or data[:4] != _MAGIC:
        raise FormatError("not a ModelGen file: the magic bytes 'MGEN' are missing", 0)
    format_version = data[4]
    if format_version not in _FORMAT_VERSIONS:
        raise FormatError("format version %d is not supported (this reader reads versions %s)"
                          % (format_version, " and ".join(str(v) for v in _FORMAT_VERSIONS)), 4)
    flags = data[5]
    if flags & ~1:
        raise FormatError("unknown envelope flags 0x%02x" % flags, 5)
    header = _Decoder(data, 6, max(6, len(data) - _TRAILER), None, None, 0)
    if format_version == 1:
        try:
            name, version, fp = _header_fields(header)
        except FormatError:
            # A corrupted header is reported as corruption when the checksum says so (§1), as the .NET reader does.
            if flags & 1 and verify_checksum and len(data) >= _TRAILER + 6:
                _verify(data, format_version, 0, np)
            raise
        table = None
    else:  # format 2: the root entry of the schema table names the model (§9.1)
        try:
            table = _read_schema_table(header)
        except FormatError:
            # A corrupted table is reported as corruption when the checksum says so (§1), as the .NET reader does.
            if flags & 1 and verify_checksum:
                _verify(data, format_version, _header_length2(data), np)
            raise
        name, version, fp = table[0].name, table[0].schema_version, table[0].fingerprint
    header_length = header.pos
    if len(data) < header_length + _TRAILER:
        raise FormatError("unexpected end of data: the trailer (payload length and checksum) is missing", len(data))
    payload_length, checksum = struct.unpack_from("<QQ", data, len(data) - _TRAILER)
    actual = len(data) - _TRAILER - header_length
    if payload_length != actual:
        raise FormatError("payload length in the trailer is %d but %d bytes are present: the data is truncated or "
                          "has bytes appended" % (payload_length, actual), len(data) - _TRAILER)
    has_checksum = bool(flags & 1)
    if not has_checksum and checksum != 0 and verify_checksum:
        # Without the flag the field is zero: a checksum whose flag bit was flipped off is corruption (§1).
        raise FormatError("the checksum flag is clear but the trailer holds checksum %016x; the data is corrupted"
                          % checksum, 5)
    if has_checksum and verify_checksum:
        _verify(data, format_version, header_length, np)
    return Envelope(name, version, fp, has_checksum, header_length, actual, checksum, format_version, table)


def _header_fields(header):
    """The model name, schema version and fingerprint of a format-1 header (§1)."""
    name_offset = header.pos
    n = header.length()
    if n > _MAX_NAME_BYTES:
        raise FormatError("model name of %d bytes is longer than the limit of %d" % (n, _MAX_NAME_BYTES), name_offset)
    name = header.utf8(header.take(n), name_offset)
    version_offset = header.pos
    version = header.varint()
    if version > 0x7FFFFFFF:
        raise FormatError("schema version %d is out of range" % version, version_offset)
    fp = struct.unpack("<Q", header.take(8))[0]
    return name, version, fp


def _guarded(action, data):
    try:
        return action()
    except (FormatError, SchemaError):
        raise
    except (IndexError, KeyError, ValueError, TypeError, OverflowError, struct.error, RecursionError,
            MemoryError, decimal.InvalidOperation) as e:
        # A safety net: every check above should have caught malformed input first (the tests assert it never fires).
        error = FormatError("malformed input (%s: %s)" % (type(e).__name__, e), 0)
        error.internal = True
        raise error from e


def read_envelope(path_or_bytes, verify_checksum=True):
    """Reads and checks the envelope (§1; format 2: §9.1, with its schema table): magic, format version, flags,
    header, payload length and checksum."""
    data = _read_input(path_or_bytes)
    return _guarded(lambda: _envelope(data, verify_checksum, _numpy(None)), data)


def load(path_or_bytes, schema=None, *, use_numpy=None, verify_checksum=True, max_depth=64):
    """Reads a ModelGen binary file (a path, a file object or bytes) into plain Python values.

    A format-2 file carries its schema table: members are named and typed from it without a schema document (one
    that is given names renamed members and kept extension fields, and keeps the members it lacks for save()). For
    format 1:
    without a schema, members are keyed like protoc --decode_raw: "#<key>", with "$version" and "$type" for the
    reserved keys. With a schema document (ModelSchema.ToJson() or a ModelSchemas.lock.json lock file; a dict, JSON
    text or a path), members are named and typed: see interop/python/README.md for the value types.
    Packed arrays are numpy arrays when numpy is installed (use_numpy=None) or requested (True), else array.array
    (rank 1) and nested lists. Malformed input raises FormatError, naming the byte offset; nothing else."""
    data = _read_input(path_or_bytes)
    schemas = _read_schema(schema) if schema is not None else None
    np = _numpy(use_numpy)

    def run():
        env = _envelope(data, verify_checksum, np)
        if env.format_version == 2:
            if schemas is not None and schemas.find(env.model_name, env.schema_version) is None:
                raise SchemaError("the schema document does not describe model '%s' (it has: %s)"
                                  % (env.model_name, ", ".join(sorted(schemas.by_name)) or "nothing"))
            decoder = _Format2Decoder(data, env.header_length, len(data) - _TRAILER, env.schema_table, schemas, np,
                                      max_depth)
            result = decoder.root()
            if decoder.pos != decoder.end:
                raise decoder.error("%d bytes after the end of the model" % (decoder.end - decoder.pos))
            return result
        entry = None
        if schemas is not None:
            entry = schemas.find(env.model_name, env.schema_version)
            if entry is None:
                raise SchemaError("the schema document does not describe model '%s' (it has: %s)"
                                  % (env.model_name, ", ".join(sorted(schemas.by_name)) or "nothing"))
        decoder = _Decoder(data, env.header_length, len(data) - _TRAILER, schemas, np, max_depth)
        fields = decoder.fields(entry)
        if decoder.pos != decoder.end:
            raise decoder.error("%d bytes after the end of the model" % (decoder.end - decoder.pos))
        if entry is None:
            return fields
        return _reserved_first(fields, env.schema_version)

    return _guarded(run, data)
