"""What the operator of a hosted installation watches: readiness (`/readyz`) and the figures that
`/metrics` exposes. Counts and ages of the whole installation only: nothing about one person.

Readiness says whether this process can serve: the database answers, it is at the schema this
program knows, and in hosted mode the server key for the stored secrets is there. It never
raises: whatever is wrong becomes a sentence for the operator, without a secret in it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from followup.app.context import Env
from followup.errors import FollowupError
from followup.store import db
from followup.store import operations as store

METRICS_TOKEN_VARIABLE = "FOLLOWUP_METRICS_TOKEN"


@dataclass(frozen=True)
class Readiness:
    problems: list[str]
    schema: int | None = None
    # What serves, but not as it should: said to the operator, without failing the check.
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems


def readiness(env: Env) -> Readiness:
    try:
        version = store.schema_version(env.conn)
    except FollowupError as exc:  # the store's own words: "the database cannot be reached: ..."
        return Readiness([exc.message])
    except Exception as exc:  # a health check answers; it does not fail with the database
        return Readiness([f"the database did not answer ({type(exc).__name__})"])
    if version != db.SCHEMA_VERSION:
        older = version < db.SCHEMA_VERSION
        return Readiness(
            [
                f"the database is at schema {version}, this program needs {db.SCHEMA_VERSION}: "
                + ("it upgrades the database when it starts" if older else "upgrade followup on this machine")
            ],
            version,
        )
    problems: list[str] = []
    warnings: list[str] = []
    try:
        from followup.app import stored_secrets

        if stored_secrets.hosted(env):
            stored_secrets.server_keys()
            if store.bypasses_row_security(env.conn):
                warnings.append(
                    "the database role is a superuser or has BYPASSRLS: row-level security, the second wall "
                    "between accounts, does not apply; connect as the database's owner, an ordinary role"
                )
    except FollowupError as exc:
        problems.append(exc.message)
    except Exception as exc:
        problems.append(f"the database did not answer ({type(exc).__name__})")
    return Readiness(problems, version, warnings)


@dataclass(frozen=True)
class Figures:
    """The installation's figures at one moment, as `/metrics` shows them."""

    schema: int
    jobs: list[tuple[str, str, int]] | None  # (queue, status, count); None without the job queue
    mailboxes: int
    mailboxes_never_read: int
    oldest_read_age: float | None  # seconds since the least recently read mailbox was read
    outbox: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, bool, int]] = field(default_factory=list)  # (role, disabled, count)


def figures(env: Env) -> Figures:
    everyone = db.Store(env.conn, owner=db.INSTALLATION)
    mailboxes, never, oldest = store.mailbox_syncs(everyone)
    age = None
    if oldest is not None:
        read_at = datetime.strptime(oldest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        age = max(0.0, (env.clock().astimezone(UTC) - read_at).total_seconds())
    return Figures(
        schema=store.schema_version(env.conn),
        jobs=store.jobs(everyone),
        mailboxes=mailboxes,
        mailboxes_never_read=never,
        oldest_read_age=age,
        outbox=store.outbox(everyone),
        accounts=store.accounts(everyone),
    )


def metrics_token() -> str | None:
    """The token `/metrics` asks for; None (the endpoint is not there) when it is not set."""
    return os.environ.get(METRICS_TOKEN_VARIABLE) or None
