"""Reading single values out of an import file, noting each problem at its JSON path.

The reader runs even when the schema check failed, so that one pass reports
everything: each getter returns a fallback for a value of the wrong shape
(the schema check has already reported it) and only adds the problems a
schema cannot see, such as 30 February or an unknown time zone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from followup.domain.fields import FieldError
from followup.transfer.schema import Problem, json_path, show

E = TypeVar("E", bound=StrEnum)
Path = Sequence[str | int]
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class Fields:
    """Typed access to one JSON object of the file, at `path`."""

    def __init__(self, problems: list[Problem], path: Path, obj: Any) -> None:
        self.problems = problems
        self.path = list(path)
        self.obj: Mapping[str, Any] = obj if isinstance(obj, dict) else {}

    def at(self, *more: str | int) -> list[str | int]:
        return [*self.path, *more]

    def where(self) -> str:
        return json_path(self.path)

    def child(self, name: str) -> Fields:
        return Fields(self.problems, self.at(name), self.obj.get(name))

    def problem(self, where: str | tuple[str | int, ...], message: str) -> None:
        """Note a problem at a field of this object, e.g. "round" or ("participant_ids", 2)."""
        parts = (where,) if isinstance(where, str) else where
        self.problems.append((json_path(self.at(*parts)), message))

    def children(self, name: str) -> list[Fields]:
        items = self.obj.get(name)
        if not isinstance(items, list):
            return []
        return [Fields(self.problems, self.at(name, n), item) for n, item in enumerate(items)]

    def text(self, name: str) -> str | None:
        value = self.obj.get(name)
        return value if isinstance(value, str) else None

    def checked(self, name: str, check: Callable[[str], str]) -> str | None:
        """A text field that must pass the same check as at every other door (an email address,
        a phone number, a link, a name): a file is typed by hand or by another program too."""
        value = self.text(name)
        if not value:
            return value
        try:
            return check(value)
        except FieldError as error:
            self.problem(name, str(error))
            return value

    def number(self, name: str) -> int | None:
        value = self.obj.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def numbers(self, name: str) -> list[tuple[int, int]]:
        """The whole numbers of a list field, each with its position (for the problem's path)."""
        items = self.obj.get(name)
        if not isinstance(items, list):
            return []
        return [(n, v) for n, v in enumerate(items) if isinstance(v, int) and not isinstance(v, bool)]

    def choice(self, name: str, kind: type[E], default: E) -> E:
        return self.maybe_choice(name, kind) or default

    def maybe_choice(self, name: str, kind: type[E]) -> E | None:
        value = self.text(name)
        return kind(value) if value in {member.value for member in kind} else None

    def instant(self, name: str) -> datetime | None:
        value = self.text(name)
        if value is None or not _INSTANT.fullmatch(value):
            return None  # absent, null, or already reported by the schema check
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            self.problem(name, f"{show(value)} is not a real date and time ({exc}): check the day, month and hour")
            return None

    def day(self, name: str) -> date | None:
        value = self.text(name)
        if value is None or not _DATE.fullmatch(value):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            self.problem(name, f"{show(value)} is not a real date ({exc}): check the day and month")
            return None

    def zone(self, name: str) -> tzinfo | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            close = difflib.get_close_matches(value, sorted(available_timezones()), n=1)
            hint = f"did you mean {show(close[0])}?" if close else "use an IANA name such as Europe/Paris"
            self.problem(name, f"{show(value)} is not a known time zone: {hint}")
            return None

    def claim_id(self, seen: dict[int, str], what: str) -> int | None:
        """This object's `id`, noting a problem if an earlier object of the same kind has it."""
        value = self.number("id")
        if value is None:
            return None
        if value in seen:
            self.problem("id", f"{what} {value} is already used by {seen[value]}: give each {what} its own id")
        else:
            seen[value] = self.where()
        return value

    def reference(
        self, where: str | tuple[str | int, ...], value: int | None, known: Mapping[int, Any], what: str
    ) -> None:
        """Note a problem if `value` names no known row; `what` says where such rows are listed."""
        if value is not None and value not in known:
            listed = ", ".join(map(str, sorted(known)[:12])) or "none"
            self.problem(where, f"{value} is not the id of any {what} (they are: {listed}): use one of those")
