"""One context object per invocation: settings, database and clock are built once, on first use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import update_wrapper
from typing import Any, TypeVar

import click

from followup.app.context import Env
from followup.errors import InvalidInput

F = TypeVar("F", bound=Callable[..., Any])
DayOrMoment = TypeVar("DayOrMoment", date, datetime)
# The years a date typed here may fall in: far enough for any job search, and far
# from the ends of Python's calendar (0001, 9999), where adding a day or a time
# zone overflows. Here rather than with the date parser (parse.py): every command's
# --now is checked against them, and most commands parse no other date.
YEARS = (1900, 2999)


class AppContext:
    def __init__(self, db_path: str | None = None, config_path: str | None = None) -> None:
        self.db_path = db_path
        self.config_path = config_path
        self.fixed_now: datetime | None = None
        self.json = False
        self._env: Env | None = None

    @property
    def env(self) -> Env:
        if self._env is None:
            from followup.app.context import bootstrap

            fixed = self.fixed_now
            self._env = bootstrap(self.db_path, self.config_path, clock=(lambda: fixed) if fixed else None)
        return self._env

    @property
    def interactive(self) -> bool:
        import sys

        return sys.stdin.isatty() and not self.json

    def close(self) -> None:
        if self._env is not None:
            self._env.close()
            self._env = None


def parse_now_option(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"--now {text!r} is not an ISO 8601 moment", hint="For example --now 2026-11-23T09:00:00+01:00."
        ) from None
    if moment.tzinfo is None:
        raise InvalidInput(
            f"--now {text!r} has no UTC offset",
            hint="Add one, e.g. 2026-11-23T09:00:00+01:00 or ...Z for UTC.",
        )
    return within_years(moment, text, "--now")


def within_years(value: DayOrMoment, text: str, option: str) -> DayOrMoment:
    """`value` itself, or InvalidInput when its year is outside YEARS."""
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise InvalidInput(
            f"{option} {text!r} is out of range", hint=f"Give a date between the years {YEARS[0]} and {YEARS[1]}."
        )
    return value


def pass_app(f: F) -> F:
    """Give a command the AppContext as its first argument."""

    @click.pass_context
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(f, ctx.ensure_object(AppContext), *args, **kwargs)

    return update_wrapper(wrapper, f)  # type: ignore[return-value]


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(AppContext).json = True
    return value


def _set_now(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.ensure_object(AppContext).fixed_now = parse_now_option(value)


def output_options(f: F) -> F:
    """--json and --now, declared once for every command that prints data."""
    f = click.option(
        "--now",
        "now_text",
        metavar="ISO-8601",
        expose_value=False,
        callback=_set_now,
        is_eager=True,
        help="Act as if it were this moment (ISO 8601 with offset).",
    )(f)
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        expose_value=False,
        callback=_set_json,
        is_eager=True,
        help="Print machine-readable JSON.",
    )(f)
