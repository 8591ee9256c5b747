"""Turning every failure into one clear message and an exit code, in one place."""

from __future__ import annotations

import errno
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


# Ids are SQLite integers; a bigger number names nothing, and SQLite cannot even take it.
LARGEST_ID = 2**63 - 1
DISK_FULL = 7  # StorageError's code: the data could not be written


def run_safely(command: click.Command, args: list[str]) -> Any:
    unusable = _not_text(args)
    if unusable:
        click.secho(f"Error: {unusable}", err=True, fg="red")
        sys.exit(2)
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
        if "disk is full" in str(exc):
            return _disk_full("the database")
        return _internal(exc)
    except OverflowError as exc:
        # A number SQLite cannot store, or a date at the end of the calendar: the command's
        # own checks name most of them; this names the argument for the rest.
        huge = [a for a in args if a.strip().isdecimal() and int(a) > LARGEST_ID]
        what = f"argument {huge[0]!r}" if huge else "a number or date in the command"
        click.secho(f"Error: {what} is out of range ({exc}).", err=True, fg="red")
        click.echo(f"  Ids are whole numbers up to {LARGEST_ID}; nothing was changed.", err=True)
        sys.exit(2)
    except BrokenPipeError:
        # Output piped into `head` and friends: not an error worth a message.
        sys.stderr.close()
        sys.exit(0)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            return _disk_full(exc.filename or "the disk")
        return _internal(exc)
    except Exception as exc:
        return _internal(exc)


def _not_text(args: list[str]) -> str | None:
    """What is wrong with an argument that is not text, or None.

    Arguments arrive decoded from bytes; bytes that are not UTF-8 become lone surrogates,
    which SQLite and every output refuse. A file name may hold such bytes, so an
    argument naming an existing file is let through. A NUL cannot be in any argument
    a shell passes; it comes from a program, and would cut a name short in C code.
    """
    for arg in args:
        if "\0" in arg:
            return f"argument {_shown(arg)} contains a NUL character"
        if any("\udc80" <= c <= "\udcff" for c in arg) and not os.path.exists(arg):
            return f"argument {_shown(arg)} is not valid UTF-8 text: check the terminal's encoding"
    return None


def _shown(arg: str) -> str:
    """The argument quoted, its undecodable bytes and control characters written as \\xNN."""
    text = os.fsencode(arg).decode("utf-8", "backslashreplace")
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)
    return f"'{text}'" if len(text) <= 60 else f"'{text[:60]}...'"


def _disk_full(where: str) -> None:
    click.secho(f"Error: the disk is full: {where} could not be written.", err=True, fg="red")
    click.echo("  Free some space and try again; nothing was changed.", err=True)
    sys.exit(DISK_FULL)


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
