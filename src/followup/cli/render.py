"""Output: JSON for scripts through one function, Rich for people (imported only when used)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from followup.domain.labels import long_day, short_day

if TYPE_CHECKING:
    from rich.console import Console


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default))
    sys.stdout.write("\n")


_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False)
    return _console


def day(moment: datetime | date | None) -> str:
    if moment is None:
        return "—"
    return long_day(moment)


def when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return f"{short_day(moment)} {moment:%H:%M}"


def esc(text: object) -> str:
    """User text inside Rich markup: a company called '[bold]' must print as written."""
    from rich.markup import escape

    return escape(str(text))
