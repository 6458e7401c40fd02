"""Reads ModelGen binary files (docs/format.md) without .NET.

    import modelgen
    model = modelgen.load("model.mgen", schema="ModelSchemas.lock.json")
    weights = model["layers"][0]["weights"]

Standard library only; numpy is used for packed arrays when it is installed (pass use_numpy=False to get
array.array and nested lists instead).
"""

from ._errors import FormatError, SchemaError
from ._reader import DateTime, TimeSpan, Time, Envelope, load, read_envelope, member_key, fingerprint
from ._xxh3 import xxh3_64

__all__ = ["load", "read_envelope", "FormatError", "SchemaError", "DateTime", "TimeSpan", "Time", "Envelope",
           "member_key", "fingerprint", "xxh3_64"]
__version__ = "0.1.0"
