"""Errors a user can act on. Each carries an exit code and a hint on how to fix it.

The CLI turns them into a message in one place; the web layer maps the same
classes to HTTP statuses. Anything else escaping is a bug.
"""

from __future__ import annotations


class FollowupError(Exception):
    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text}\n  {self.hint}" if self.hint else text


class InvalidInput(FollowupError):
    """A value the user gave is not usable (bad date, unknown status, ...)."""

    exit_code = 2
    http_status = 422


class NotFound(FollowupError):
    exit_code = 3
    http_status = 404


class Ambiguous(FollowupError):
    """A name or id prefix matches more than one thing."""

    exit_code = 4
    http_status = 409


class Conflict(FollowupError):
    """The request contradicts what is stored (e.g. marking a finished action done)."""

    exit_code = 5
    http_status = 409


class ImportFailed(FollowupError):
    """An import file has problems; nothing was written."""

    exit_code = 6
    http_status = 422

    def __init__(self, message: str, problems: list[tuple[str, str]], *, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.problems = problems

    def __str__(self) -> str:
        lines = [self.message]
        lines += [f"  {path}: {problem}" for path, problem in self.problems]
        if self.hint:
            lines.append(f"  {self.hint}")
        return "\n".join(lines)


class StorageError(FollowupError):
    """The database cannot be opened, is from a newer version, or is damaged."""

    exit_code = 7
    http_status = 500


class SettingsError(FollowupError):
    """The settings file has a bad value or cannot be read."""

    exit_code = 8
    http_status = 500


class NotAllowed(FollowupError):
    """The signed-in account's role may not do this (hosted mode)."""

    exit_code = 11
    http_status = 403


class SignInRefused(FollowupError):
    """A sign-in, invitation or reset link that does not open (hosted mode).

    The message never tells whether an address has an account.
    """

    exit_code = 12
    http_status = 401


class TooManyTries(SignInRefused):
    """Too many failed sign-ins for an address or from a client: wait `retry_after` seconds."""

    http_status = 429

    def __init__(self, message: str, *, retry_after: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after
