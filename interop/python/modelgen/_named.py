"""A named member's JSON value (field key 4, docs/format.md section 3) read into the type its schema document declares,
as the .NET reader reads it: through the member's dictionary-form conversion of the JSON element (PlainValue and each
codec's FromPlain, src/ModelGen/Plain/PlainValue.cs and src/ModelGen/Codecs), which reads what the JSON form writes.
The value is the one this reader gives for the same member read from its ordinary binary field."""

import array
import base64
import binascii
import datetime as _dt
import decimal
import fractions
import json
import math
import re
import struct
import uuid

from . import _reader as r


class _Number(str):
    """A JSON number's text (the conversion needs it: "-0", a decimal's digits and scale, a float32's shortest text)."""


class EnumName(Exception):
    """An enum given by name that this reader cannot map as .NET does: the schema document does not list the enum's
    names (only the generator's document, the lock file, lists them: docs/format.md section 3). The member is kept as
    it came (its name and JSON value), as a member the schema lacks is."""


class _Refused(Exception):
    """Why a value does not convert, and the path below the member where (indices, map keys)."""

    def __init__(self, reason, path=()):
        Exception.__init__(self, reason)
        self.reason = reason
        self.path = list(path)


def _constant(name):
    raise ValueError("%s is not valid JSON" % name)  # .NET's JSON reader refuses NaN and Infinity literals


def parse(text):
    """The JSON value with its numbers as their text (_Number)."""
    return json.loads(text, parse_int=_Number, parse_float=_Number, parse_constant=_constant)


def convert(decoder, value, node):
    """value (parsed by parse()) read as the member whose type node is node; errors name decoder.path plus the place
    inside the value, at offset."""
    try:
        return _Converter(decoder).member(value, node)
    except _Refused as e:
        decoder.path.extend(r._MapKey(p) if isinstance(p, str) and not isinstance(p, _Member) else p for p in e.path)
        error = decoder.error(e.reason)  # at the end of the named member's field, as .NET reports it
        del decoder.path[len(decoder.path) - len(e.path):]
        raise error from None


_INT_TEXT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_FLOATS = ("float16", "float32", "float64")
_NET_NAMES = {"float16": "Half", "float32": "Single", "float64": "Double", "int8": "SByte", "uint8": "Byte",
              "int16": "Int16", "uint16": "UInt16", "int32": "Int32", "uint32": "UInt32", "int64": "Int64",
              "uint64": "UInt64", "decimal": "Decimal", "int128": "Int128", "uint128": "UInt128",
              "bigint": "BigInteger"}


def _describe(v):
    if v is None:
        return "a JSON null"
    if isinstance(v, _Number):
        return "a JSON number"
    if isinstance(v, str):
        return "a JSON string"
    if isinstance(v, bool):
        return "a JSON %s" % ("true" if v else "false")
    return "a JSON %s" % ("array" if isinstance(v, list) else "object")


def _mismatch(v, expected):
    return _Refused("expected %s but found %s" % (expected, _describe(v)))


def _surrogates(s):
    for i, c in enumerate(s):
        if 0xD800 <= ord(c) <= 0xDFFF:
            raise _Refused("unpaired UTF-16 surrogate U+%04X at index %d of the text" % (ord(c), i))
    return s


class _Converter:
    def __init__(self, decoder):
        self.decoder = decoder
        self.np = decoder.np
        self.depth = decoder.depth

    def member(self, v, node):
        if v is None:
            if not node[1]:
                raise _Refused("null for a value that cannot be null")
            return None
        return self.value(v, node)

    def item(self, v, node, at):
        try:
            if v is None:
                if not r._may_be_null(node, True):
                    raise _Refused("null for a value that cannot be null")
                return None
            return self.value(v, node)
        except _Refused as e:
            e.path.insert(0, at)
            raise

    def enter(self):
        self.depth += 1
        if self.depth > self.decoder.max_depth:
            raise _Refused("nesting is deeper than the limit of %d" % self.decoder.max_depth)

    def value(self, v, node):
        kind = node[0]
        if kind == "scalar":
            return self.scalar(v, node[2])
        if kind == "enum":
            # A number is the underlying value, as in binary; a string is read as EnumCodec.FromKey reads it.
            if isinstance(v, str) and not isinstance(v, _Number):
                return self.enum_key(v, node)
            value = self.integer(v, "int64")
            refused = node[3].out_of_range(value) if node[3] is not None else None
            if refused is not None:
                raise _Refused(refused)
            return value
        if kind == "model":
            return self.model(v, node[2])
        if kind == "array":
            return self.array(v, node)
        if kind == "tuple":
            return self.tuple(v, node)
        return self.map(v, node)

    def enum_key(self, text, node):
        """An enum's JSON string: its number, else a name, read by the enum's names from the schema document
        (_reader._enum_from_text)."""
        try:
            return r._enum_from_text(text, node[3], node[2])
        except ValueError as e:
            raise _Refused(str(e)) from None
        except LookupError:
            raise EnumName() from None

    # -- scalars --

    def integer(self, v, name):
        lo, hi = r._INT_RANGES.get(name, (0, r._M64))
        if not isinstance(v, _Number):
            self.not_a_float(v, name)
            raise _mismatch(v, "a number (%s)" % _NET_NAMES[name])
        exact = _exact_decimal(v)
        if _INT_TEXT.match(v) and -(1 << 63) <= int(v) <= r._M64:
            n = int(v)
        elif exact is not None:
            # As .NET reads it: exactly as a decimal where it is one (a newer decimal member's 9223372036854775807.00,
            # beyond a float64's precision; 2**62 + 0.5 is a fraction), a zero only when the number is one.
            if exact != exact.to_integral_value():
                raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))
            n = int(exact)
        else:
            d = float(v)
            if d != d or d in (float("inf"), float("-inf")) or d != int(d):
                raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))
            n = int(d)
        if not lo <= n <= hi:
            raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))
        return n

    def not_a_float(self, v, name):
        """A non-finite float's spelling for an integer or decimal member, refused as .NET refuses it (PlainValue)."""
        if not isinstance(v, str) or isinstance(v, _Number):
            return
        if v.startswith("NaN:"):
            self.non_finite(v, "float64")  # malformed bits first
            raise _Refused("the string \"%s\" is not a NaN's bits: %s has no NaN" % (v, _NET_NAMES[name]))
        if v in ("NaN", "Infinity", "-Infinity"):  # a number .NET parses, which does not fit
            raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))

    def floating(self, v, name):
        if isinstance(v, str) and not isinstance(v, _Number):
            return self.non_finite(v, name)
        if not isinstance(v, _Number):
            raise _mismatch(v, "a number (%s)" % _NET_NAMES[name])
        if _INT_TEXT.match(v) and -(1 << 63) <= int(v) <= r._M64:
            n = int(v)
            if n == 0 and v.startswith("-"):
                return -0.0
            result = r._int_converted(n, name)
        else:
            d = float(v)
            if d in (float("inf"), float("-inf")):
                raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))
            # Rounded to nearest, as binary narrows a float64 (Numbers.TryFromDouble); refused beyond the type's range.
            # Where the text read as a float32 rounds otherwise, a float32's own shortest text stands for that float
            # (.NET's JsonFloats).
            result = _narrowed_text(v, d, name)
            if result in (float("inf"), float("-inf")):
                result = None
        if result is None:
            raise _Refused("the value %s does not fit in %s exactly" % (v, _NET_NAMES[name]))
        return result

    def non_finite(self, s, name):
        """The JSON form's spellings of the non-finite floats (docs/format.md section 4)."""
        if s == "Infinity":
            return float("inf")
        if s == "-Infinity":
            return float("-inf")
        if s == "NaN":  # the type's own NaN: double.NaN's bits, float.NaN and Half.NaN widen to them
            return r._double_of_bits(r._DOTNET_NAN_BITS)
        if not s.startswith("NaN:"):
            raise _mismatch(s, "a number (%s)" % _NET_NAMES[name])
        digits = s[4:]
        bits = int(digits, 16) if digits and re.match(r"[0-9a-fA-F]+\Z", digits) else None
        if len(digits) not in (4, 8, 16):
            raise _Refused("the string \"%s\" is not a NaN's bits: a NaN's bits are 4 (Half), 8 (float) or 16 (double) hex digits" % s)
        if bits is None:
            raise _Refused("the string \"%s\" is not a NaN's bits: a NaN's bits are hex digits" % s)
        width = {16: (0x7FF0000000000000, 0xFFFFFFFFFFFFF, "Double"), 8: (0x7F800000, 0x7FFFFF, "Single"),
                 4: (0x7C00, 0x3FF, "Half")}[len(digits)]
        if bits & width[0] != width[0] or not bits & width[1]:
            raise _Refused("the string \"%s\" is not a NaN's bits: the bits are not a NaN of %s (a number or an infinity "
                           "is written as one)" % (s, width[2]))
        if len(digits) == 16:
            x = r._double_of_bits(bits)
            return x if name == "float64" else r._narrowed(x, name)
        single = bits if len(digits) == 8 else r._half_widened_bits(bits)
        if name == "float16" and len(digits) == 4:
            return r._single_value(single, "float16")  # the Half's own bits
        return r._single_converted(single, name)

    def scalar(self, v, name):
        if name in r._INT_RANGES or name == "uint64":
            return self.integer(v, name)
        if name in _FLOATS:
            return self.floating(v, name)
        if name == "bool":
            if isinstance(v, bool):
                return v
            raise _mismatch(v, "a boolean")
        if name == "complex":
            return self.complex(v)
        if name in ("int128", "uint128", "bigint"):
            if not isinstance(v, str):
                raise _mismatch(v, "an integer (%s)" % _NET_NAMES[name])
            if not re.match(r"[+-]?[0-9]+\Z", v):
                raise _Refused("\"%s\" is not a %s (an integer in range)" % (v[:40], _NET_NAMES[name]))
            n = int(v)
            bits = 128 if name != "bigint" else None
            if bits and not (0 if name == "uint128" else -(1 << 127)) <= n < (1 << (128 if name == "uint128" else 127)):
                raise _Refused("\"%s\" is not a %s (an integer in range)" % (v[:40], _NET_NAMES[name]))
            return n
        if name == "decimal":
            return self.decimal(v)
        if not isinstance(v, str) or isinstance(v, _Number):
            raise _mismatch(v, {"guid": "a string", "char": "a string"}.get(name, "a string"))
        if name == "string":
            return _surrogates(v)
        if name == "char":
            units = len(v.encode("utf-16-le")) // 2
            if units != 1:
                raise _Refused("expected one character but found \"%s\"" % v)
            if 0xD800 <= ord(v) <= 0xDFFF:
                raise _Refused("UTF-16 surrogate U+%04X as a char of its own" % ord(v))
            return v
        if name == "guid":
            return self.guid(v)
        if name == "datetime":
            return self.datetime(v, offset=False)
        if name == "datetimeoffset":
            return self.datetime(v, offset=True)
        if name == "timespan":
            ticks = _timespan_ticks(v, constant=False)
            if ticks is None:
                raise _Refused("\"%s\" is not a time span" % v)
            return r.TimeSpan._from_ticks(ticks)
        if name == "time":
            ticks = _timespan_ticks(v, constant=True)
            if ticks is None or not 0 <= ticks < r._TICKS_PER_DAY:
                raise _Refused("\"%s\" is not a time of day (HH:mm:ss[.fffffff])" % v)
            return r.Time._from_ticks(ticks)
        if name == "date":
            m = re.match(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z", v)
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except (AttributeError, ValueError):
                raise _Refused("\"%s\" is not a date (yyyy-MM-dd)" % v) from None
        if name == "version":
            parts = v.split(".")
            if not 2 <= len(parts) <= 4 or not all(re.match(r"\s*\+?[0-9]+\s*\Z", p) and int(p) < (1 << 31) for p in parts):
                raise _Refused("\"%s\" is not a version (2 to 4 numbers)" % v[:40])
            return ".".join(str(int(p)) for p in parts)  # the text .NET's Version writes in binary
        if name == "uri":
            return _surrogates(v)
        return v  # a type this reader does not know: its JSON value

    def decimal(self, v):
        if not isinstance(v, _Number):
            self.not_a_float(v, "decimal")
            raise _mismatch(v, "a number (Decimal)")
        try:
            d = decimal.Decimal(v)
        except decimal.InvalidOperation:
            raise _Refused("the value %s does not fit in Decimal exactly" % v) from None
        sign, digits, exponent = d.as_tuple()
        if exponent > 0:  # 1E+2: a .NET decimal has no positive exponent
            digits, exponent = digits + (0,) * exponent, 0
        coefficient = int("".join(map(str, digits)) or "0")
        if coefficient >= 1 << 96 or -exponent > 28:
            raise _Refused("the value %s does not fit in Decimal exactly" % v)
        return decimal.Decimal((sign, tuple(int(c) for c in str(coefficient)), exponent))

    def complex(self, v):
        if isinstance(v, list):
            if len(v) != 2 or v[0] is None or v[1] is None:
                raise _mismatch(v, "a Complex ([real, imaginary])")
            return complex(self.floating(v[0], "float64"), self.floating(v[1], "float64"))
        if isinstance(v, dict) and "Real" in v and "Imaginary" in v:
            return complex(self.floating(v["Real"], "float64"), self.floating(v["Imaginary"], "float64"))
        return complex(self.floating(v, "float64"))

    def guid(self, v):
        text = v.strip()
        if len(text) == 38 and (text[0], text[-1]) in (("{", "}"), ("(", ")")):
            text = text[1:-1]
        if re.match(r"[0-9a-fA-F]{32}\Z", text) or re.match(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\Z", text):
            return uuid.UUID(text)
        raise _Refused("\"%s\" is not a GUID" % v)

    def datetime(self, v, offset):
        m = re.match(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,7}))?)?)?"
                     r"(Z|[+-][0-9]{2}:[0-9]{2})?\Z", v.strip())
        what = "an ISO 8601 date"
        if m is None:
            raise _mismatch(v, what)
        year, month, day, hour, minute, second = (int(g or 0) for g in m.groups()[:6])
        try:
            days = _dt.date(year, month, day).toordinal() - 1
        except ValueError:
            raise _mismatch(v, what) from None
        if hour > 23 or minute > 59 or second > 59:
            raise _mismatch(v, what)
        ticks = ((days * 24 + hour) * 60 + minute) * 60 * r._TICKS_PER_SECOND + second * r._TICKS_PER_SECOND
        ticks += int((m.group(7) or "").ljust(7, "0"))
        zone = m.group(8)
        minutes = None
        if zone is not None:
            minutes = 0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[4:6])) * (-1 if zone[0] == "-" else 1)
            if abs(minutes) > 14 * 60:
                raise _mismatch(v, what)
        if offset:
            if minutes is None:  # .NET takes the local time zone of the reading machine
                try:
                    local = _dt.datetime(year, month, day, hour, minute, second).astimezone().utcoffset()
                except (ValueError, OverflowError, OSError):  # beyond the platform's time functions: today's offset
                    local = _dt.datetime.now().astimezone().utcoffset()
                minutes = int(local.total_seconds() // 60)
            utc = ticks - minutes * 60 * r._TICKS_PER_SECOND
            if not 0 <= utc <= r._MAX_TICKS:
                raise _mismatch(v, what)
            return r.DateTime._from_ticks(ticks, "offset", minutes)
        if minutes is None:
            return r.DateTime._from_ticks(ticks, "unspecified")
        ticks -= minutes * 60 * r._TICKS_PER_SECOND  # adjusted to UTC
        if not 0 <= ticks <= r._MAX_TICKS:
            raise _mismatch(v, what)
        return r.DateTime._from_ticks(ticks, "utc")

    # -- composites --

    def array(self, v, node):
        element, rank = node[2], node[3]
        name = element[2] if element[0] == "scalar" and not element[1] else None
        if name == "uint8" and rank == 1 and isinstance(v, str) and not isinstance(v, _Number):
            # Bytes are base64 text in JSON.
            try:
                if len(v) % 4:
                    raise binascii.Error()
                raw = base64.b64decode(v, validate=True)
            except (binascii.Error, ValueError):
                raise _Refused("invalid base64") from None
            return self.np.frombuffer(raw, dtype="u1").copy() if self.np is not None else array.array("B", raw)
        if rank > 1 and isinstance(v, dict):
            return self.shape(v, rank, name)
        if not isinstance(v, list):
            raise _mismatch(v, "a sequence")
        packed = name in r._PACKED_CODES
        if not packed:
            self.enter()
        dims = [-1] * rank
        flat = []
        self.level(v, element, flat, dims, 0)
        if not packed:
            self.depth -= 1
        if len(node) > 4:
            seen = set()
            key = r._equality_key(element)
            for i, item in enumerate(flat):
                k = key(item) if key is not None else id(item)
                if k in seen:
                    raise _Refused("duplicate element: a set holds each value once", [i])
                seen.add(k)
        if packed:
            return self.packed(flat, dims, name)
        return flat if rank == 1 else r._nest(flat, dims)

    def level(self, v, element, flat, dims, level):
        if not isinstance(v, list):
            raise _mismatch(v, "a sequence")
        if dims[level] == -1:
            dims[level] = len(v)
        elif dims[level] != len(v):
            raise _Refused("the array is not rectangular: %d items where an earlier row had %d" % (len(v), dims[level]))
        if not v:
            for l in range(level + 1, len(dims)):
                if dims[l] == -1:
                    dims[l] = 0
        for i, item in enumerate(v):
            if level == len(dims) - 1:
                flat.append(self.item(item, element, i))
            else:
                if item is None:
                    raise _Refused("null row in a rectangular array", [i])
                try:
                    self.level(item, element, flat, dims, level + 1)
                except _Refused as e:
                    e.path.insert(0, i)
                    raise

    def shape(self, v, rank, name):
        if list(v) != ["$shape"] or v["$shape"] is None or not isinstance(v["$shape"], list):
            raise _Refused("expected a nested array of rank %d or '$shape'" % rank)
        dims = [self.integer(d, "int64") if d is not None else None for d in v["$shape"]]
        if len(dims) != rank or any(d is None or not 0 <= d <= r._MAX_ARRAY_LENGTH for d in dims):
            raise _Refused("expected %d lengths in the shape of an empty array" % rank)
        if all(dims):
            raise _Refused("the shape of an empty array has a zero length")
        if name in r._PACKED_CODES:
            return self.packed([], dims, name)
        return r._nest([], dims)

    def packed(self, flat, dims, name):
        """The items of a packable element type as the binary reader gives a packed array of them."""
        np, rank = self.np, len(dims)
        if name in ("bool", "char"):
            if np is not None and name == "bool":
                a = np.array(flat, dtype=bool)
                return a if rank == 1 else a.reshape(dims)
            return flat if rank == 1 else r._nest(flat, dims)
        code = r._PACKED_CODES[name]
        size, scode, typecode, dtype = r._PACKED[code]
        if name in ("float32", "float16"):
            # By the bits of each element (a NaN's payload kept, a signaling one too), as a packed array's bytes are.
            singles = [r._single_bits(x, name) for x in flat]
            if name == "float32":
                raw = struct.pack("<%dI" % len(singles), *singles)
            else:
                raw = struct.pack("<%dH" % len(singles), *(
                    ((b >> 16) & 0x8000 | 0x7C00 | (b >> 13) & 0x3FF) if b & 0x7F800000 == 0x7F800000
                    else struct.unpack("<H", struct.pack("<e", struct.unpack("<f", struct.pack("<I", b))[0]))[0]
                    for b in singles))
            if np is not None:
                a = np.frombuffer(raw, dtype=dtype)
                a = a.astype(a.dtype.newbyteorder("="))
                return a if rank == 1 else a.reshape(dims)
            if name == "float16":
                a = array.array("f", struct.unpack("<%de" % len(singles), raw))
            else:
                a = array.array("f")
                a.frombytes(raw)
                if r.sys.byteorder == "big":
                    a.byteswap()
        elif np is not None:
            a = np.array(flat, dtype=dtype.lstrip("<")) if flat else np.zeros(0, dtype=dtype.lstrip("<"))
            return a if rank == 1 else a.reshape(dims)
        else:
            a = array.array(typecode, flat)
        return a if rank == 1 else r._nest(a.tolist(), dims)

    def tuple(self, v, node):
        elements = node[2]
        if len(node) > 4:  # a KeyValuePair: {"Key": k, "Value": v} in JSON
            if not isinstance(v, dict):
                raise _mismatch(v, "an object (a string-keyed dictionary)")
            items = [v.get("Key"), v.get("Value")]
        else:
            if not isinstance(v, list):
                raise _mismatch(v, "a sequence")
            items = v
            if len(items) != len(elements):
                raise _Refused("a tuple of %d item%s holds %d item%s here (the tuple's arity changed? that is a breaking "
                               "change)" % (len(elements), "" if len(elements) == 1 else "s", len(items),
                                            "" if len(items) == 1 else "s"))
        self.enter()
        result = tuple(self.item(x, e, i) for i, (x, e) in enumerate(zip(items, elements)))
        self.depth -= 1
        return result

    def key(self, text, node):
        """A map key from its JSON property name, as each key codec's FromKey reads it."""
        kind = node[0]
        if kind == "tuple":
            try:
                items = parse(text)
            except ValueError:
                raise _Refused("\"%s\" is not a tuple key" % text) from None
            return self.tuple(items, node)
        if kind == "enum":
            return self.value(text, node)
        name = node[2]
        if name in r._INT_RANGES or name == "uint64":
            t = text.strip()
            n = int(t) if re.match(r"[+-]?[0-9]+\Z", t) else None
            lo, hi = r._INT_RANGES.get(name, (0, r._M64))
            if n is None or not lo <= n <= hi:
                raise _Refused("dictionary key \"%s\" is not a %s" % (text, _NET_NAMES[name]))
            return n
        if name in ("int128", "uint128", "bigint"):
            return self.scalar(_Number(text) if re.match(r"[+-]?[0-9]+\Z", text) else text, name)
        return self.scalar(text, name)

    def map(self, v, node):
        if not isinstance(v, dict):
            raise _mismatch(v, "an object (a string-keyed dictionary)")
        entries = list(v.items())
        self.enter()
        result = {}
        for text, x in entries:
            try:
                key = self.key(text, node[2])
                value = self.item(x, node[3], text)
            except _Refused as e:
                if not e.path or e.path[0] != text:
                    e.path.insert(0, text)
                raise
            k = r._equality_key(node[2])
            if any((k(key) if k else key) == (k(o) if k else o) for o in result):
                raise _Refused("duplicate key", [text])
            result[key] = value
        self.depth -= 1
        return result

    def model(self, v, name):
        if not isinstance(v, dict):
            raise _mismatch(v, "an object (a string-keyed dictionary)")
        entry = self.decoder.schemas.find(name)
        self.enter()
        if entry is None:
            result = _plain(v)
        else:
            tag = v.get("$type")
            if isinstance(tag, str) and tag in entry.union_cases:
                entry = self.decoder.schemas.find(entry.union_cases[tag]) or entry
            result = r.Members()
            if "$type" in v:
                result["$type"] = _plain(tag)
            version = v.get("$version")
            result["$version"] = self.integer(version, "int32") if version is not None else 1
            for key, x in v.items():
                if key in ("$type", "$version"):
                    continue
                member = entry.by_name(key) if not key.startswith("$") else None
                if member is None:
                    # Kept by name, as the model's .NET reader keeps a member it does not declare: save() writes it
                    # back as a named member.
                    result[key] = _plain(x)
                    result.kept[key] = r._Kept(_named_field(key, result[key]), None, result[key])
                    continue
                try:
                    result[member[0]] = self.member(x, member[1])
                except _Refused as e:
                    e.path.insert(0, _Member(member[0]))
                    raise
        self.depth -= 1
        return result


class _Member(str):
    """A member name inside a converted value's path (a dot, not brackets)."""


def _named_field(name, value):
    """A named member's field (key 4, Bytes): its name, then its compact JSON text."""
    body = bytearray()
    r._string(body, name)
    body += r._plain_json(value)
    field = bytearray()
    r._varint(field, 4 << 3 | r.BYTES)
    r._varint(field, len(body))
    return bytes(field + body)


def _plain(v):
    """A parsed value as json.loads gives it (numbers as int or float)."""
    if isinstance(v, _Number):
        return json.loads(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _timespan_ticks(text, constant):
    """The ticks of a TimeSpan's text: [-][d.]hh:mm[:ss[.fffffff]] or whole days (TimeSpan.TryParse, invariant); with
    constant, the "c" format only ([-][d.]hh:mm:ss[.fffffff])."""
    t = text if constant else text.strip()
    if constant:
        # TimeOnly's key: the "c" format without a sign or days (HH:mm:ss[.fffffff]).
        m = re.match(r"()()([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,7}))?\Z", t)
    else:
        m = re.match(r"(-)?(?:([0-9]+)\.)?([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.([0-9]{1,7}))?)?\Z", t)
        if m is None:
            d = re.match(r"(-)?([0-9]+)\Z", t)
            if d is None:
                return None
            ticks = int(d.group(2)) * r._TICKS_PER_DAY
            ticks = -ticks if d.group(1) else ticks
            return ticks if -(1 << 63) <= ticks < (1 << 63) else None
    if m is None:
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in m.groups()[1:5])
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    ticks = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * r._TICKS_PER_SECOND
    ticks += int((m.group(6) or "").ljust(7, "0"))
    ticks = -ticks if m.group(1) else ticks
    return ticks if -(1 << 63) <= ticks < (1 << 63) else None


def _exact_decimal(text):
    """A JSON number's value as a decimal.Decimal where a .NET decimal holds it exactly (at most 28 significant digits
    and decimal places, below 2**96), and it is no tiny number a decimal rounds to zero; else None."""
    try:
        d = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None
    if not d.is_finite():
        return None
    sign, digits, exponent = d.as_tuple()
    while len(digits) > 1 and digits[-1] == 0:  # trailing zeros are not significant (normalize() would round)
        digits, exponent = digits[:-1], exponent + 1
    if d and (len(digits) > 28 or -exponent > 28 or abs(d) >= 1 << 96):
        return None
    if not d and float(text) != 0:
        return None
    return d


def _narrowed_text(text, d, name):
    """A JSON number (its text, and the float64 d it denotes) as .NET's JsonFloats reads it into a float64, float32 or
    float16 member: d narrowed as binary narrows it, except where reading the text as a float32 first gives another
    value (d lies exactly on a tie between two float32s; into a float16, the float32 between them rounds otherwise)
    and the text is that float32's own shortest text: a float32 written by a float32 member is that float32."""
    narrowed = r._narrowed(d, name)
    if name == "float64" or narrowed is None:
        return narrowed
    single = _nearest_single(text, d)
    if single is None:
        return narrowed
    other = single if name == "float32" else r._narrowed(single, "float16")
    if other is not None and struct.pack("<d", other) != struct.pack("<d", narrowed) and _is_shortest_text(single, text):
        return other
    return narrowed


def _nearest_single(text, d):
    """The float32 nearest to a number's text, ties to even: the float32 d narrows to, unless d lies exactly halfway
    between two float32s, where the text's exact value decides; None beyond the float32 range."""
    f = r._narrowed(d, "float32")
    if f is None or not _is_single_tie(d):
        return f
    exact, tie = fractions.Fraction(text), fractions.Fraction(d)
    if exact == tie:
        return f
    return r._narrowed(math.nextafter(d, -math.inf if exact < tie else math.inf), "float32")


def _is_single_tie(d):
    """Whether a float64 lies exactly halfway between two adjacent float32s (.NET's JsonFloats.IsSingleTie)."""
    bits = struct.unpack("<Q", struct.pack("<d", d))[0] & 0x7FFFFFFFFFFFFFFF
    biased = bits >> 52
    if biased in (0, 0x7FF):
        return False
    exponent = biased - 1023
    dropped = 29 if exponent >= -126 else 29 + (-126 - exponent)
    if dropped > 53:
        return False
    significand = bits & ((1 << 52) - 1) | 1 << 52
    return significand & ((1 << dropped) - 1) == 1 << (dropped - 1)


def _is_shortest_text(single, text):
    """Whether a number's text is the shortest text that reads back as the float32 `single` (as .NET writes it), in
    any spelling of the same number."""
    for digits in range(1, 10):
        candidate = "%.*e" % (digits - 1, single)
        if _nearest_single(candidate, float(candidate)) == single:
            return decimal.Decimal(candidate) == decimal.Decimal(text)
    return False
