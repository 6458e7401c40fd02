"""Reads and writes ModelGen binary files (docs/format.md) without .NET.

    import modelgen
    model = modelgen.load("model.mgen", schema="ModelSchemas.lock.json")
    weights = model["layers"][0]["weights"]
    modelgen.save("copy.mgen", model, schema="ModelSchemas.lock.json")   # format 1, as ModelFile.Save writes it

Standard library only; numpy is used for packed arrays when it is installed (pass use_numpy=False to get
array.array and nested lists instead).
"""

from ._errors import FormatError, SchemaError
from ._reader import (DateTime, TimeSpan, Time, Envelope, SchemaTable, TableEntry, TableMember, load, read_envelope,
                      member_key, fingerprint)
from ._torch import set_parameters, tensor
from ._writer import WriteError, dumps, save
from ._xxh3 import xxh3_64

__all__ = ["load", "read_envelope", "save", "dumps", "WriteError", "tensor", "set_parameters", "FormatError", "SchemaError", "DateTime", "TimeSpan", "Time", "Envelope", "SchemaTable", "TableEntry", "TableMember",
           "member_key", "fingerprint", "xxh3_64"]
__version__ = "0.1.0"
