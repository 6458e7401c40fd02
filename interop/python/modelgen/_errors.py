"""The exceptions of the reader."""


class FormatError(ValueError):
    """The input is not a valid ModelGen file: malformed, truncated, corrupted or beyond a limit.

    offset: the byte offset in the input where the problem was found; path: the member path ("layers[0].weights")
    when the problem is inside the payload, else ""."""

    def __init__(self, reason, offset, path=""):
        self.reason = reason
        self.offset = offset
        self.path = path
        where = " in %s" % path if path else ""
        super().__init__("%s at byte offset %d%s" % (reason, offset, where))


class SchemaError(ValueError):
    """The schema document passed to load() is not a valid schema document or does not describe the data."""
