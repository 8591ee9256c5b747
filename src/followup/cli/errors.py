"""Turning every failure into one clear message and an exit code, in one place."""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Any

import click

from followup.errors import FollowupError

INTERNAL_ERROR = 70  # EX_SOFTWARE


class UserError(click.ClickException):
    """A FollowupError on its way out: click prints it and exits with the error's own code."""

    def __init__(self, error: FollowupError) -> None:
        super().__init__(str(error))
        # click declares exit_code on the class but reads it from the instance.
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.secho(f"Error: {self.message}", err=True, fg="red")


def run_safely(command: click.Command, args: list[str]) -> Any:
    try:
        return command.main(args=args, prog_name="followup", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Cancelled; nothing was changed.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except FollowupError as exc:  # raised while building the context, before any command runs
        UserError(exc).show()
        sys.exit(exc.exit_code)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            click.secho("Error: the database is busy in another followup window.", err=True, fg="red")
            click.echo("  Close it or try again in a moment; nothing was changed.", err=True)
            sys.exit(75)
        return _internal(exc)
    except BrokenPipeError:
        # Output piped into `head` and friends: not an error worth a message.
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        return _internal(exc)


def _internal(exc: Exception) -> None:
    if os.environ.get("FOLLOWUP_DEBUG"):
        raise exc
    click.secho(f"Internal error: {type(exc).__name__}: {exc}", err=True, fg="red")
    click.echo(
        "  This is a bug in followup; nothing was half-written (every change is one transaction).\n"
        "  Run again with FOLLOWUP_DEBUG=1 for the details, and please report it.",
        err=True,
    )
    sys.exit(INTERNAL_ERROR)
