"""One reader for the day news is promised by, in replies and in the user's own notes (docs/dates.md)."""

from followup.reading.when.reader import Promise, month_first, read_promise

__all__ = ["Promise", "month_first", "read_promise"]
