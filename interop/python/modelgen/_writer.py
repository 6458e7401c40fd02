"""The encoder: writes ModelGen binary files, format version 1 (docs/format.md), from plain Python values and a schema
document. What it writes is what the .NET writer writes for the same value: every member, in the order of the value's
keys, with the checksum.

Standard library only; numpy arrays and torch tensors are accepted for arrays of primitives."""

import array
import datetime as _dt
import decimal
import json
import math
import os
import stat
import struct
import sys
import tempfile
import uuid

from ._errors import SchemaError
from ._reader import fingerprint, member_key, _checksum, _enum_from_text, _enum_tables, _OutOfRange, _parse_type, _single_bits, _string, _varint

_MAX_DEPTH = 64
_MAX_RANK_WRITTEN = 8  # FormatLimits.MaxArrayRank

VARINT, FIXED64, BYTES, OBJECT, PACKED, FIXED32, SEQUENCE, MARKER = range(8)

# Packed element codes (§2.1) by schema scalar name: code, struct code, size, numpy dtype.
_PACKED = {
    "bool": (1, "?", 1, "?"), "uint8": (2, "B", 1, "u1"), "int8": (3, "b", 1, "i1"), "int16": (4, "h", 2, "<i2"),
    "uint16": (5, "H", 2, "<u2"), "int32": (6, "i", 4, "<i4"), "uint32": (7, "I", 4, "<u4"), "int64": (8, "q", 8, "<i8"),
    "uint64": (9, "Q", 8, "<u8"), "float32": (10, "f", 4, "<f4"), "float64": (11, "d", 8, "<f8"),
    "char": (12, "H", 2, "<u2"), "float16": (13, "e", 2, "<f2"),
}
_INT_RANGES = {
    "int8": (-(1 << 7), (1 << 7) - 1), "uint8": (0, (1 << 8) - 1), "int16": (-(1 << 15), (1 << 15) - 1),
    "uint16": (0, (1 << 16) - 1), "int32": (-(1 << 31), (1 << 31) - 1), "uint32": (0, (1 << 32) - 1),
    "int64": (-(1 << 63), (1 << 63) - 1), "uint64": (0, (1 << 64) - 1),
}
_TICKS_PER_SECOND = 10_000_000
_MAX_TICKS = 3155378975999999999
_EPOCH = _dt.datetime(1, 1, 1)
_UTC = _dt.timezone.utc


class WriteError(ValueError):
    """A value that the schema's type cannot hold (or that ModelGen refuses to write). path: the member path."""

    def __init__(self, reason, path=""):
        super().__init__("%s: %s" % (path or "<root>", reason))
        self.reason = reason
        self.path = path


# ---------------------------------------------------------------------------------------------------------------
# Schema documents (kept as written: the writer needs each entry's members in full and its fingerprint)


class _Document:
    def __init__(self, schema):
        doc = schema
        if isinstance(schema, (bytes, bytearray)):
            schema = bytes(schema).decode("utf-8")
        if isinstance(schema, str) and schema.lstrip().startswith(("{", "[")):
            doc = json.loads(schema)
        elif isinstance(schema, (str, os.PathLike)):
            with open(schema, "r", encoding="utf-8") as f:
                doc = json.load(f)
        if isinstance(doc, dict) and "schemas" in doc:
            doc = doc["schemas"]
        elif isinstance(doc, dict):
            doc = [doc]
        if not isinstance(doc, list) or not all(isinstance(e, dict) and "name" in e and "members" in e for e in doc):
            raise SchemaError("schema must be a schema document (ModelSchema.ToJson()) or a lock file, as a dict, "
                              "JSON text or a path")
        self.by_name = {}
        for e in doc:
            self.by_name.setdefault(e["name"], []).append(e)

    def entry(self, name, version=None, path=""):
        entries = self.by_name.get(name)
        if not entries:
            raise SchemaError("%s: the schema document does not describe model '%s' (it has: %s)"
                              % (path or "<root>", name, ", ".join(sorted(self.by_name))))
        for e in entries:
            if version is not None and e.get("version") == version:
                return e
        return max(entries, key=lambda e: e.get("version", 1))

    def root(self, value, model):
        if model is not None:
            return self.entry(model, value.get("$version") if isinstance(value, dict) else None)
        if len(self.by_name) == 1:
            name = next(iter(self.by_name))
            return self.entry(name, value.get("$version") if isinstance(value, dict) else None)
        # A lock file of several models: the one whose members are exactly the value's keys.
        keys = {k for k in value if not k.startswith("$")} if isinstance(value, dict) else set()
        matches = [n for n, es in self.by_name.items() if any({m["name"] for m in e["members"]} == keys for e in es)]
        if len(matches) != 1:
            raise SchemaError("the schema document describes %d models (%s): name the one to write with model=..."
                              % (len(self.by_name), ", ".join(sorted(self.by_name))))
        return self.entry(matches[0], value.get("$version"))


# ---------------------------------------------------------------------------------------------------------------
# The payload encoder


def _zigzag(v):
    return ((v << 1) ^ (v >> 63)) & ((1 << 64) - 1)


def _tag(out, key, wire):
    if key is not None:  # None: a member value of a format-2 object, which has no tag (docs/format.md §9.3)
        _varint(out, (key << 3) | wire)


def _numpy():
    return sys.modules.get("numpy")


def _as_array_source(value):
    """A torch tensor as numpy (sharing its memory on the CPU); other values as they are."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):
        return value.detach().cpu().numpy()
    return value


class _Encoder:
    def __init__(self, document, table=None):
        self.document = document
        self.depth = 0
        self.table = table  # format 2: the _Table whose entries describe the objects written
        self.enums = {}  # id(entry) -> the names of the enums its members use (None: the entry lists none)

    def node(self, entry, member):
        """A member's type node, its enums' names from the entry's "enums" (docs/format.md section 3)."""
        if id(entry) not in self.enums:
            self.enums[id(entry)] = _enum_tables(entry["enums"], entry["name"]) if "enums" in entry else None
        return _parse_type(member["type"], self.enums[id(entry)])

    def enter(self, path):
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise WriteError("the value nests deeper than %d levels (ModelSerializerOptions.MaxDepth)" % _MAX_DEPTH, path)

    def fields(self, out, entry, value, path):
        if self.table is not None:
            self.positional(out, entry, value, path)
            return
        members = {m["name"]: m for m in entry["members"]}
        version = _checked_version(entry, members, value, path)
        # The version field (key 1) whenever the version is not 1: nested objects carry their own, and the .NET writer
        # writes it for the root too (what a reader takes as the data's version: a value an older build re-saved
        # records the newer version there, docs/versioning.md "Rollback").
        if version != 1:
            _tag(out, 1, VARINT)
            _varint(out, _zigzag(version))
        # The value's order (dicts keep insertion order; the reader gives the file's order), then nothing else.
        for name in value:
            if name.startswith("$"):
                continue
            if name not in members:  # a kept member (checked by _checked_version): its format-1 field as read
                kept = value.kept[name]
                if kept.described is not None:
                    raise WriteError("%r was kept from a format-2 file, where a member description names it; format 1 "
                                     "has no place for that name: write format_version=2 to keep it" % name,
                                     path + "." + name if path else name)
                self.check_kept(kept, name, path)
                out += kept.field
                continue
            m = members[name]
            key = m["key"]
            if not isinstance(key, int) or not 16 <= key <= (1 << 28) - 1:
                raise SchemaError("%s.%s: key %r is outside 16 to 2^28 - 1" % (entry["name"], name, key))
            self.member(out, key, self.node(entry, m), value[name], path + "." + name if path else name)
        out.append(0x07)

    def positional(self, out, entry, value, path):
        """A format-2 object (§9.3): every member in the table's (the schema's) order without tags (a presence byte before a nullable one),
        then the extension count: 0, or 1 and the version field when the value's version is not the entry's."""
        members = entry["members"]  # the schema's (declaration) order, as the table lists them
        version = _checked_version(entry, [m["name"] for m in members], value, path)
        for m in members:
            node = self.node(entry, m)
            v = value[m["name"]]
            member_path = path + "." + m["name"] if path else m["name"]
            if node[1]:
                out.append(0 if v is None else 1)
                if v is None:
                    continue
            elif v is None:
                raise WriteError("null for a member of type %s, which is not nullable" % _type_text(node), member_path)
            self.value(out, None, node, v, member_path, item=False)
        # Extension fields (§9.3): the version when it is not the entry's, then the kept members as read (format-1
        # fields, a described one after its description, which counts as a field of its own).
        names = {m["name"] for m in members}
        kept = [value.kept[k] for k in value if not k.startswith("$") and k not in names]
        for k in value:
            if not k.startswith("$") and k not in names:
                self.check_kept(value.kept[k], k, path)
        _varint(out, (version != entry.get("version", 1)) + sum(2 if k.described is not None else 1 for k in kept))
        if version != entry.get("version", 1):
            _tag(out, 1, VARINT)
            _varint(out, _zigzag(version))
        for k in kept:
            if k.described is not None:
                out += k.described
            out += k.field

    def check_kept(self, kept, name, path):
        """A kept member was read where it fit below the depth limit; the dict holding it may since have been placed
        deeper in another value, where a reader would refuse the file."""
        if kept.field is None:
            raise WriteError("%r, a member of a newer version read from a format-2 file's table, holds objects of models "
                             "the schema document does not describe, and the Python writer cannot write it back (.NET "
                             "writes it as a named member with its JSON value): write with a schema document that "
                             "declares it" % name, path + "." + name if path else name)
        if self.depth + kept.nesting > _MAX_DEPTH:
            raise WriteError("%r, kept from data of a newer version, nests %d levels: here, %d levels deep, that is deeper "
                             "than %d (ModelSerializerOptions.MaxDepth), and a reader would refuse the file"
                             % (name, kept.nesting, self.depth, _MAX_DEPTH), path + "." + name if path else name)

    def member(self, out, key, node, value, path):
        if value is None:
            if not node[1]:
                raise WriteError("null for a member of type %s, which is not nullable" % _type_text(node), path)
            _tag(out, key, MARKER)
            return
        self.value(out, key, node, value, path, item=False)

    def item(self, out, node, value, path):
        if value is None:
            if not (node[1] or node[0] in ("array", "map", "model") or (node[0] == "scalar" and node[2] in ("string", "uri", "version"))):
                raise WriteError("null item of type %s, which is not nullable" % _type_text(node), path)
            out.append(0x0F)
            return
        self.value(out, 1, node, value, path, item=True)

    def value(self, out, key, node, value, path, item):
        kind = node[0]
        if kind == "model":
            self.model(out, key, node[2], value, path)
        elif kind == "map":
            self.map(out, key, node, value, path)
        elif kind == "array":
            self.array(out, key, node, value, path)
        elif kind == "tuple":
            self.tuple(out, key, node, value, path)
        elif kind == "enum":
            value = _enum_value(value, node, path)
            if isinstance(value, bool) or not isinstance(value, int):
                raise WriteError("an enum (%s) is written as its underlying integer, not %r" % (node[2], value), path)
            if not -(1 << 63) <= value <= (1 << 64) - 1:
                raise WriteError("enum value %d is outside int64 and uint64" % value, path)
            # Where the schema document gives the underlying type, a value beyond its range, which .NET's reader
            # refuses (a uint64 enum takes its values as the unsigned number or as the int64 the reader gives).
            refused = node[3].out_of_range(value) if node[3] is not None else None
            if refused is not None:
                raise WriteError(refused, path)
            _tag(out, key, VARINT)
            _varint(out, _zigzag(value - (1 << 64) if value >= 1 << 63 else value))
        else:
            _scalar(out, key, node[2], value, path)

    def model(self, out, key, name, value, path):
        if not isinstance(value, dict):
            raise WriteError("a model:%s must be a dict, not %s" % (name, type(value).__name__), path)
        if self.table is not None:  # format 2: the table's entry (one per model name) describes the object
            entry = self.table.entry(name)
        else:
            entry = self.document.entry(name, value.get("$version"), path)
        cases = {c["tag"]: c["model"] for c in entry.get("unionCases", [])}
        self.enter(path)
        _tag(out, key, OBJECT)
        if cases:
            tag = value.get("$type")
            if tag not in cases:
                raise WriteError("a %s union value needs \"$type\", one of %s (got %r)" % (name, sorted(cases), tag), path)
            if self.table is not None:  # format 2: the case number of the base's table entry, no tag field
                case = self.table.entry(cases[tag])
                _varint(out, [c["tag"] for c in entry["unionCases"]].index(tag))
                self.fields(out, case, value, path)
                self.depth -= 1
                return
            case = self.document.entry(cases[tag], value.get("$version"), path)
            _tag(out, 2, BYTES)
            raw = tag.encode("utf-8")
            _varint(out, len(raw))
            out += raw
            self.fields(out, case, value, path)
        else:
            self.fields(out, entry, value, path)
        self.depth -= 1

    def map(self, out, key, node, value, path):
        if not isinstance(value, dict):
            raise WriteError("a %s must be a dict, not %s" % (_type_text(node), type(value).__name__), path)
        self.enter(path)
        _tag(out, key, SEQUENCE)
        _varint(out, 0)
        _varint(out, len(value))
        keys = set()
        for k, v in value.items():
            if k is None:
                raise WriteError("a map key is never null", path)
            if node[2][0] == "enum":  # two names (or a name and a number) of one value are one key
                n = _enum_value(k, node[2], "%s[%s]" % (path, k))
                if n in keys:
                    raise WriteError("a duplicate key: another key names the same value (the .NET reader refuses the "
                                     "file)", "%s[%s]" % (path, k))
                keys.add(n)
            self.item(out, node[2], k, "%s[%s]" % (path, k))
            self.item(out, node[3], v, "%s[%s]" % (path, k))
        self.depth -= 1

    def tuple(self, out, key, node, value, path):
        """A value tuple or KeyValuePair (format.md §3.1): a sequence of rank 1 of exactly one item per element, from a
        Python tuple or list (a KeyValuePair also from a {"Key": k, "Value": v} dict)."""
        elements = node[2]
        if len(node) > 4 and isinstance(value, dict):
            if set(value) != {"Key", "Value"}:
                raise WriteError("a %s dict holds \"Key\" and \"Value\", not %s" % (_type_text(node), sorted(value)), path)
            value = (value["Key"], value["Value"])
        if not isinstance(value, (tuple, list)):
            raise WriteError("a %s must be a tuple or a list, not %s" % (_type_text(node), type(value).__name__), path)
        if len(value) != len(elements):
            raise WriteError("a %s holds %d items, not %d" % (_type_text(node), len(elements), len(value)), path)
        self.enter(path)
        _tag(out, key, SEQUENCE)
        _varint(out, 1)
        _varint(out, len(elements))
        for i, (element, v) in enumerate(zip(elements, value)):
            self.item(out, element, v, "%s[%d]" % (path, i))
        self.depth -= 1

    def array(self, out, key, node, value, path):
        element, rank = node[2], node[3]
        if len(node) > 4:  # set<T>
            value = _unique(value, element, path)
        value = _as_array_source(value)
        if (element[0] == "scalar" and not element[1] and element[2] in _PACKED) or \
                (element[0] == "scalar" and element[2] == "uint8" and isinstance(value, (bytes, bytearray, memoryview))):
            self.packed(out, key, element[2], rank, value, path)
            return
        dims, flat = _shape(value, rank, path)
        self.enter(path)
        _tag(out, key, SEQUENCE)
        _varint(out, rank)
        for d in dims:
            _varint(out, d)
        for i, v in enumerate(flat):
            self.item(out, element, v, "%s[%d]" % (path, i))
        self.depth -= 1

    def packed(self, out, key, name, rank, value, path):
        code, scode, size, dtype = _PACKED[name]
        np = _numpy()
        if isinstance(value, (bytes, bytearray, memoryview)):
            if name != "uint8" or rank != 1:
                raise WriteError("bytes hold a uint8[], not a %s[%s]" % (name, "," * (rank - 1)), path)
            dims, raw = [len(value)], bytes(value)
        elif np is not None and isinstance(value, np.ndarray):
            if value.ndim != rank:
                raise WriteError("a %s[%s] needs an array of rank %d, got shape %s" % (name, "," * (rank - 1), rank, value.shape), path)
            dims = list(value.shape)
            raw = self.numpy_bytes(np, value, name, dtype, path)
        else:
            dims, flat = _shape(value, rank, path)
            raw = _pack(flat, name, scode, path)
        _tag(out, key, PACKED)
        out.append(code)
        _varint(out, rank)
        for d in dims:
            _varint(out, d)
        out += raw

    @staticmethod
    def numpy_bytes(np, value, name, dtype, path):
        target = np.dtype(dtype)
        if name == "char":
            raise WriteError("a char array is a list of one-character strings, not a numpy array", path)
        if value.dtype != target:
            if value.dtype.kind == "f" and target.kind in "iub":
                raise WriteError("%s values cannot be written as %s exactly" % (value.dtype, name), path)
            converted = value.astype(target)
            if target.kind in "iub" and not np.array_equal(converted.astype(value.dtype), value):
                raise WriteError("values out of range for %s" % name, path)
            if target.kind == "f" and value.dtype.kind == "f" and np.isinf(converted).any() and not np.isinf(value).any():
                raise WriteError("values too large for %s" % name, path)
            value = converted
        return np.ascontiguousarray(value).tobytes()


def _unique(value, element, path):
    """The items of a set<T> as a list, refusing two that .NET's default comparer would take as one (the .NET reader
    rejects such a file): equal strings or numbers, floats equal once rounded to the element type, two NaNs. Sets of
    models or collections compare by reference in .NET, so they are never duplicates."""
    np = _numpy()
    if np is not None and isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (set, frozenset, array.array)):
        value = list(value)
    if not isinstance(value, (list, tuple)):
        raise WriteError("a set is a list, tuple, set or array, not %s" % type(value).__name__, path)
    if element[0] not in ("scalar", "enum"):
        return list(value)
    seen = {}
    for i, v in enumerate(value):
        k = _enum_value(v, element, "%s[%d]" % (path, i)) if element[0] == "enum" else v
        if isinstance(v, float):
            if v != v:
                k = ("nan",)
            elif element[2] in ("float32", "float16"):
                code = "<f" if element[2] == "float32" else "<e"
                try:
                    k = struct.unpack(code, struct.pack(code, v))[0]
                except (OverflowError, struct.error):
                    k = v  # out of range: the item writer names the error
        try:
            first = seen.setdefault(k, i)
        except TypeError:
            continue  # not hashable: the item writer names the error
        if first != i:
            raise WriteError("a duplicate of item %d in a set (the .NET reader refuses the file)" % first, "%s[%d]" % (path, i))
    return list(value)


def _enum_value(value, node, path):
    """An enum's value: an integer, or a string read as .NET's dictionary form reads it (EnumCodec.FromKey): a number's
    text, or a name where the schema document lists the enum's names (docs/format.md section 3)."""
    if not isinstance(value, str):
        return value
    try:
        return _enum_from_text(value, node[3], node[2])
    except _OutOfRange as e:
        raise WriteError(str(e), path) from None
    except (ValueError, LookupError) as e:
        raise WriteError("%s: give the enum's underlying integer" % e.args[0], path) from None


def _type_text(node):
    kind, nullable = node[0], node[1]
    if kind == "array" and len(node) > 4:
        text = "set<%s>" % _type_text(node[2])
    elif kind == "array":
        text = _type_text(node[2]) + "[" + "," * (node[3] - 1) + "]"
    elif kind == "map":
        text = "map<%s,%s>" % (_type_text(node[2]), _type_text(node[3]))
    elif kind == "tuple":
        text = ("keyvalue<%s>" if len(node) > 4 else "tuple<%s>") % ",".join(_type_text(e) for e in node[2])
    elif kind in ("enum", "model"):
        text = kind + ":" + node[2]
    else:
        text = node[2]
    return text + ("?" if nullable else "")


def _shape(value, rank, path):
    """Nested lists (or array.array for rank 1) as dims and row-major items."""
    if isinstance(value, dict) and isinstance(value.get("$shape"), list) and len(value["$shape"]) == rank:
        # An empty array with a non-zero length, as load() and ModelGen's JSON give it: {"$shape": [0, 3]}.
        if not any(d == 0 for d in value["$shape"]):
            raise WriteError("{\"$shape\": ...} stands for an empty array only", path)
        return list(value["$shape"]), []
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
        raise WriteError("expected a list of rank %d, not %s" % (rank, type(value).__name__), path)
    np = _numpy()
    if np is not None and isinstance(value, np.ndarray):
        if value.ndim != rank:
            raise WriteError("expected rank %d, got shape %s" % (rank, value.shape), path)
        return list(value.shape), value.reshape(-1).tolist()
    if rank == 1:
        return [len(value)], list(value)
    dims = [len(value)]
    rows = list(value)
    if not rows:  # no rows: every dimension 0 (an empty array with other dimensions is {"$shape": [0, 3]})
        return [0] * rank, []
    sub = [_shape(r, rank - 1, "%s[%d]" % (path, i)) for i, r in enumerate(rows)]
    if any(s[0] != sub[0][0] for s in sub):
        raise WriteError("rows of different lengths: a rectangular array needs equal rows", path)
    return dims + sub[0][0], [x for s in sub for x in s[1]]


def _pack(flat, name, scode, path):
    if name == "bool":
        if any(not isinstance(x, bool) for x in flat):
            raise WriteError("a bool array holds True and False only", path)
        return bytes(1 if x else 0 for x in flat)
    if name == "char":
        units = []
        for i, c in enumerate(flat):
            if not isinstance(c, str) or len(c) != 1 or ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF:
                raise WriteError("a char is one UTF-16 code unit that is not a surrogate, got %r" % (c,), "%s[%d]" % (path, i))
            units.append(ord(c))
        return struct.pack("<%dH" % len(units), *units)
    if name in _INT_RANGES:
        lo, hi = _INT_RANGES[name]
        for i, x in enumerate(flat):
            if isinstance(x, bool) or not isinstance(x, int) or not lo <= x <= hi:
                raise WriteError("%r is not a %s" % (x, name), "%s[%d]" % (path, i))
    else:
        flat = [_float(x, name, "%s[%d]" % (path, i)) for i, x in enumerate(flat)]
    if isinstance(flat, array.array):
        flat = flat.tolist()
    try:
        return struct.pack("<%d%s" % (len(flat), scode), *flat)
    except (struct.error, OverflowError) as e:
        raise WriteError("cannot write as %s: %s" % (name, e), path) from None


def _float(x, name, path):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise WriteError("%r is not a number" % (x,), path)
    x = float(x)
    if name == "float16" and not math.isnan(x) and struct.unpack("<e", struct.pack("<e", x))[0] != x:
        raise WriteError("%r is not a float16 exactly" % x, path)
    if name == "float32" and math.isfinite(x) and abs(x) > 3.4028234663852886e38:
        raise WriteError("%r is too large for float32" % x, path)
    return x


def _ticks_of(value, path):
    """(ticks, kind) of a datetime: the exact ticks of a modelgen.DateTime, else microseconds × 10."""
    if getattr(value, "kind", None) in ("unspecified", "utc", "local"):
        return value.ticks, ("unspecified", "utc", "local").index(value.kind)
    if not isinstance(value, _dt.datetime):
        raise WriteError("a datetime must be a datetime.datetime, not %s" % type(value).__name__, path)
    if value.tzinfo is not None:
        # An aware datetime is the instant it names: written as UTC (as .NET writes a local time, format §6.2).
        value = value.astimezone(_UTC).replace(tzinfo=None)
        kind = 1
    else:
        kind = 0
    delta = value - _EPOCH
    return (delta.days * 86400 + delta.seconds) * _TICKS_PER_SECOND + delta.microseconds * 10, kind


def _decimal_bytes(value, path):
    if isinstance(value, bool) or not isinstance(value, (decimal.Decimal, int)):
        raise WriteError("a decimal must be a decimal.Decimal or an int, not %s" % type(value).__name__, path)
    sign, digits, exponent = decimal.Decimal(value).as_tuple()
    if not isinstance(exponent, int):
        raise WriteError("a .NET decimal has no NaN or infinity: %s" % value, path)
    mantissa = int("".join(map(str, digits)) or "0")
    scale = -exponent
    if scale < 0:
        mantissa *= 10 ** (-scale)
        scale = 0
    if scale > 28 or mantissa >= 1 << 96:
        raise WriteError("%s is outside the .NET decimal (96-bit mantissa, scale 0 to 28)" % value, path)
    flags = (scale << 16) | (0x80000000 if sign else 0)
    return struct.pack("<IIII", mantissa & 0xFFFFFFFF, (mantissa >> 32) & 0xFFFFFFFF, mantissa >> 64, flags)


def _scalar(out, key, name, value, path):
    if name == "bool":
        if not isinstance(value, bool):
            raise WriteError("a bool must be True or False, not %r" % (value,), path)
        _tag(out, key, VARINT)
        out.append(2 if value else 0)
    elif name in _INT_RANGES:
        lo, hi = _INT_RANGES[name]
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise WriteError("%r is not a %s" % (value, name), path)
        _tag(out, key, VARINT)
        _varint(out, _zigzag(value - (1 << 64) if value >= 1 << 63 else value))
    elif name == "char":
        if not isinstance(value, str) or len(value) != 1 or ord(value) > 0xFFFF or 0xD800 <= ord(value) <= 0xDFFF:
            raise WriteError("a char is one UTF-16 code unit that is not a surrogate, got %r" % (value,), path)
        _tag(out, key, VARINT)
        _varint(out, _zigzag(ord(value)))
    elif name in ("float32", "float16"):
        _tag(out, key, FIXED32)
        out += struct.pack("<I", _single_bits(_float(value, name, path), name))
    elif name == "float64":
        _tag(out, key, FIXED64)
        out += struct.pack("<d", _float(value, name, path))
    elif name == "string":
        if not isinstance(value, str):
            raise WriteError("a string must be a str, not %s" % type(value).__name__, path)
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise WriteError("unpaired UTF-16 surrogate at index %d" % e.start, path) from None
        _tag(out, key, BYTES)
        _varint(out, len(raw))
        out += raw
    elif name == "guid":
        if not isinstance(value, uuid.UUID):
            raise WriteError("a guid must be a uuid.UUID, not %s" % type(value).__name__, path)
        _tag(out, key, BYTES)
        out.append(16)
        out += value.bytes_le
    elif name == "decimal":
        _tag(out, key, BYTES)
        out.append(16)
        out += _decimal_bytes(value, path)
    elif name == "datetime":
        ticks, kind = _ticks_of(value, path)
        if not 0 <= ticks <= _MAX_TICKS:
            raise WriteError("%r is outside the .NET DateTime range" % (value,), path)
        _tag(out, key, FIXED64)
        out += struct.pack("<Q", ticks | (kind << 62))
    elif name == "datetimeoffset":
        if getattr(value, "kind", None) == "offset":
            ticks, minutes = value.ticks, value.offset_minutes
        elif isinstance(value, _dt.datetime) and value.utcoffset() is not None:
            offset = value.utcoffset()
            minutes = offset.days * 1440 + offset.seconds // 60
            ticks, _ = _ticks_of(value.replace(tzinfo=None), path)
        else:
            raise WriteError("a datetimeoffset must be an aware datetime.datetime", path)
        utc = ticks - minutes * 600_000_000
        if not -840 <= minutes <= 840 or not 0 <= ticks <= _MAX_TICKS or not 0 <= utc <= _MAX_TICKS:
            raise WriteError("%r is outside the .NET DateTimeOffset range" % (value,), path)
        _tag(out, key, BYTES)
        out.append(10)
        out += struct.pack("<qh", ticks, minutes)
    elif name == "timespan":
        if getattr(value, "ticks", None) is not None and isinstance(value, _dt.timedelta):
            ticks = value.ticks
        elif isinstance(value, _dt.timedelta):
            ticks = (value.days * 86400 + value.seconds) * _TICKS_PER_SECOND + value.microseconds * 10
        else:
            raise WriteError("a timespan must be a datetime.timedelta, not %s" % type(value).__name__, path)
        _tag(out, key, VARINT)
        _varint(out, _zigzag(ticks))
    elif name == "date":
        if getattr(value, "__class__", None) is _dt.datetime or not isinstance(value, _dt.date):
            raise WriteError("a date must be a datetime.date, not %s" % type(value).__name__, path)
        _tag(out, key, VARINT)
        _varint(out, _zigzag(value.toordinal() - 1))
    elif name == "time":
        if not isinstance(value, _dt.time):
            raise WriteError("a time must be a datetime.time, not %s" % type(value).__name__, path)
        ticks = getattr(value, "ticks", None)
        if ticks is None:
            ticks = ((value.hour * 60 + value.minute) * 60 + value.second) * _TICKS_PER_SECOND + value.microsecond * 10
        _tag(out, key, VARINT)
        _varint(out, _zigzag(ticks))
    elif name in ("int128", "uint128", "bigint"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise WriteError("%r is not a %s" % (value, name), path)
        if name == "bigint":
            raw = value.to_bytes(max(1, (value + (value < 0)).bit_length() // 8 + 1), "little", signed=True)
        else:
            try:
                raw = value.to_bytes(16, "little", signed=name == "int128")
            except OverflowError:
                raise WriteError("%d is out of range for %s" % (value, name), path) from None
        _tag(out, key, BYTES)
        _varint(out, len(raw))
        out += raw
    elif name == "complex":
        if isinstance(value, bool) or not isinstance(value, (complex, float, int)):
            raise WriteError("a complex must be a complex number, not %s" % type(value).__name__, path)
        value = complex(value)
        _tag(out, key, BYTES)
        out.append(16)
        out += struct.pack("<dd", value.real, value.imag)
    elif name in ("uri", "version"):
        _scalar(out, key, "string", value, path)
    else:
        raise SchemaError("%s: unknown scalar type %r in the schema document" % (path, name))


# ---------------------------------------------------------------------------------------------------------------
# Format 2: the schema table (docs/format.md §9.2)

_BYTES_SCALARS = {"string", "guid", "decimal", "datetimeoffset", "int128", "uint128", "bigint", "complex", "uri", "version"}


def _wire_of(node):
    """The wire type of a member of this type (§2, §3, §4): what the table's descriptor says."""
    kind = node[0]
    if kind == "model":
        return OBJECT
    if kind in ("map", "tuple"):
        return SEQUENCE
    if kind == "array":
        element = node[2]
        return PACKED if element[0] == "scalar" and not element[1] and element[2] in _PACKED else SEQUENCE
    if kind == "enum":
        return VARINT
    name = node[2]
    if name in ("float32", "float16"):
        return FIXED32
    if name in ("float64", "datetime"):
        return FIXED64
    if name in _BYTES_SCALARS:
        return BYTES
    return VARINT


def _checked_version(entry, names, value, path):
    """Checks an object value against its entry in either format (a dict holding every member and nothing else) and
    returns the version it is written with."""
    if not isinstance(value, dict):
        raise WriteError("a %s must be a dict of its members, not %s" % (entry["name"], type(value).__name__), path)
    kept = getattr(value, "kept", None) or {}
    unknown = [k for k in value if k not in names and k not in ("$version", "$type") and k not in kept]
    for k in value:
        if k in kept and k not in names and value[k] is not kept[k].value:
            raise WriteError("%r was kept from data of a newer version and is written back as it was read; it cannot be "
                             "replaced (the schema does not describe its type)" % k, path + "." + k if path else k)
    if unknown:
        raise WriteError("%s has no member %s (members: %s)"
                         % (entry["name"], ", ".join(map(repr, sorted(unknown))), ", ".join(sorted(names))), path)
    missing = [n for n in names if n not in value]
    if missing:
        raise WriteError("%s: missing member%s %s (every member is written, as the .NET writer does)"
                         % (entry["name"], "s" if len(missing) > 1 else "", ", ".join(sorted(missing))), path)
    version = value.get("$version", entry.get("version", 1))
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 0x7FFFFFFF:
        raise WriteError("$version must be an integer from 1 to 2^31 - 1, not %r" % (version,), path)
    return version


def _model_name(type_text):
    """The model a member type names (format 2 allows one per member), or None."""
    at = type_text.find("model:")
    if at < 0:
        return None
    end = at + 6
    while end < len(type_text) and type_text[end] not in ",>?[":
        end += 1
    return type_text[at + 6:end]


class _Table:
    """The schema table of a root entry, as the .NET writer builds it (SchemaTableBuilder): entry 0 the root, then for
    each entry the models its members name (in the schema's member order) and then its union cases (in the schema's
    order), each added once, depth first."""

    def __init__(self, document, root):
        self.document = document
        self.index = {}
        self.entries = []
        self.add(root)

    def add(self, entry):
        name = entry["name"]
        if name in self.index:
            return self.index[name]
        index = len(self.entries)
        self.index[name] = index
        self.entries.append((entry, None))
        refs = []
        for m in entry["members"]:
            model = _model_name(m["type"])
            refs.append(self.add(self.document.entry(model, None, name)) if model is not None else None)
        cases = [self.add(self.document.entry(c["model"], None, name)) for c in entry.get("unionCases", [])]
        self.entries[index] = (entry, cases if entry.get("unionCases") else refs)
        return index

    def entry(self, name):
        return self.entries[self.index[name]][0]

    def bytes(self):
        out = bytearray()
        _varint(out, len(self.entries))
        for entry, refs in self.entries:
            _string(out, entry["name"])
            _varint(out, entry.get("version", 1))
            fp = int(entry["fingerprint"], 16) if isinstance(entry.get("fingerprint"), str) else fingerprint(entry)
            out += struct.pack("<Q", fp)
            if entry.get("unionCases"):
                out.append(1)
                _varint(out, len(entry["unionCases"]))
                for case, ref in zip(entry["unionCases"], refs):
                    _string(out, case["tag"])
                    _varint(out, ref)
                continue
            out.append(0)
            members = entry["members"]
            _varint(out, len(members))
            for m, ref in zip(members, refs):
                key = m["key"]
                if not isinstance(key, int) or not 16 <= key <= (1 << 28) - 1:
                    raise SchemaError("%s.%s: key %r is outside 16 to 2^28 - 1" % (entry["name"], m["name"], key))
                _varint(out, key)
                _string(out, m["name"])
                _string(out, m["type"])
                node = _parse_type(m["type"])
                out.append(_wire_of(node) | (8 if node[1] else 0) | (16 if ref is not None else 0))
                if ref is not None:
                    _varint(out, ref)
        return bytes(out)


# ---------------------------------------------------------------------------------------------------------------
# Entry points


# What dumps() and save() write unless told: the .NET writer's default (ModelSerializerOptions.FormatVersion), so a
# file written here loads in any .NET build that reads what .NET writes; both change together.
FORMAT_VERSION = 1


def dumps(value, schema, *, model=None, checksum=True, format_version=FORMAT_VERSION):
    """The bytes of a ModelGen binary file holding value, a dict of the model's members by their JSON names (as load()
    gives them), typed by a schema document (T.Schema.ToJson() or a ModelSchemas.lock.json lock file; a dict, JSON
    text or a path). model names the model in a document of several (else: the single one, or the one whose members
    are the value's keys). format_version: 1 (the default, as the .NET writer's) or 2 (the schema table and positional
    objects, docs/format.md §9)."""
    if format_version not in (1, 2):
        raise ValueError("format_version must be 1 or 2, not %r" % (format_version,))
    document = schema if isinstance(schema, _Document) else _Document(schema)
    entry = document.root(value, model)
    body = bytearray(b"MGEN")
    body.append(format_version)
    body.append(1 if checksum else 0)
    cases = {c["tag"]: c["model"] for c in entry.get("unionCases", [])}
    if cases:
        raise WriteError("the root of a file is a model, not the union base %s: write the case's model" % entry["name"])
    table = None
    if format_version == 1:
        raw_name = entry["name"].encode("utf-8")
        _varint(body, len(raw_name))
        body += raw_name
        _varint(body, entry.get("version", 1))
        fp = int(entry["fingerprint"], 16) if isinstance(entry.get("fingerprint"), str) else fingerprint(entry)
        body += struct.pack("<Q", fp)
    else:
        table = _Table(document, entry)
        raw_table = table.bytes()
        _varint(body, len(raw_table))
        body += raw_table
    header_length = len(body)
    _Encoder(document, table).fields(body, entry, value, "")
    payload_length = len(body) - header_length
    digest = _checksum(body, format_version, header_length) if checksum else 0
    body += struct.pack("<QQ", payload_length, digest)
    return bytes(body)


def save(path, value, schema, *, model=None, checksum=True, format_version=FORMAT_VERSION):
    """Writes value as a ModelGen binary file that ModelFile.Load / ModelSerializer.Deserialize read: see dumps().
    path: a path, replaced atomically as ModelFile.Save replaces it, or a binary file object."""
    data = dumps(value, schema, model=model, checksum=checksum, format_version=format_version)
    if hasattr(path, "write"):
        path.write(data)
    else:
        _replace(os.fspath(path), data)
    return len(data)


def _replace(path, data):
    """Writes data over path as ModelFile.Save does: a temporary file next to it, flushed to disk, then renamed over it
    with the permissions of the file it replaces. An error or a crash leaves the old file whole (a file rewritten in
    place is truncated first, and a reader meanwhile finds half a model); a reader never sees a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)  # mkstemp creates 0600; a new file gets the mode open() would give it
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


__all__ = ["save", "dumps", "WriteError", "member_key"]
