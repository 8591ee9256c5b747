"""Shared fixtures: a real SQLite database and settings file in a temp dir, and an injectable clock.

`pytest --store=postgresql` runs the tests that use the database against PostgreSQL: the `paths`
fixture's database (and so `env`, `run`, `client`, `live`) and the `new_database` fixture's are then
fresh PostgreSQL databases. Which tests those are is read from the fixtures each one asks for, so a
new test joins the PostgreSQL run by using them; the tests that use neither already ran on SQLite
and are left out. A test of SQLite itself (its file, its locks) is marked `sqlite_only`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from followup.app.context import Env, bootstrap
from followup.cli import cli

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

START = datetime.fromisoformat("2026-11-16T10:00:00+01:00")


class Clock:
    """A clock the test moves by hand; the product reads time only through it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the database the env, run and paths fixtures use: an SQLite file (default) or PostgreSQL",
    )


# The fixtures through which a test opens the store: a test asking for one of them (directly or
# through another fixture, as `env` and `run` ask for `paths`) runs on both stores.
STORE_FIXTURES = {"paths", "new_database"}


def uses_the_store(item: pytest.Item) -> bool:
    return bool(STORE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_configure(config: pytest.Config) -> None:
    database_servers.STORE = config.getoption("--store")
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): tests SQLite itself (its file, its locks); --store=postgresql skips it, saying why",
    )
    config.addinivalue_line(
        "markers", "real_password_hashing: argon2 at the product's own cost (the test shows the cost itself)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if database_servers.STORE != "postgresql":
        return
    kept = [item for item in items if uses_the_store(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not uses_the_store(item)])
        items[:] = kept
    for item in kept:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            assert reason, f"{item.nodeid}: sqlite_only needs a reason"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(autouse=True)
def _quick_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at the product's cost (64 MiB, three passes: a tenth of a second a hash, more to check)
    for every account a test makes and every sign-in was minutes of each pass: in this process, tests
    hash with argon2's least cost. A test of the cost itself (the parameters a hash is renewed to,
    logins that keep both cores busy) is marked `real_password_hashing`; `followup` processes that
    tests start hash as shipped."""
    if request.node.get_closest_marker("real_password_hashing"):
        return
    from argon2 import PasswordHasher

    from followup.app import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # database_for() refuses a test that opens the store without the fixtures above: on SQLite it
    # would pass, and --store=postgresql would silently leave it out.
    database_servers.IN_STORE_TEST = uses_the_store(item)


def pytest_sessionfinish(session: pytest.Session) -> None:
    database_servers.stop_server()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return {"db": database_servers.database_for(tmp_path, "followup"), "config": str(config)}


class NewDatabase(Protocol):
    def __call__(self, name: str, folder: str | Path | None = None) -> str: ...


@pytest.fixture
def new_database(tmp_path: Path) -> NewDatabase:
    """For a test with more than one database (an export and the import it goes into): `new_database(name)`
    is what `bootstrap` opens, the SQLite file `name.db` in the test's folder (or in `folder`, for a
    property test's example) or a new PostgreSQL database."""

    def new(name: str, folder: str | Path | None = None) -> str:
        return database_servers.database_for(folder or tmp_path, name)

    return new


@pytest.fixture
def env(paths: dict[str, str], clock: Clock) -> Iterator[Env]:
    environment = bootstrap(paths["db"], paths["config"], clock=clock)
    yield environment
    environment.close()


class Cli:
    """Runs `followup` in-process against the test's database, like a user at a terminal."""

    def __init__(self, paths: dict[str, str]) -> None:
        self.paths = paths
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, now: str | None = None) -> Result:
        base = ["--db", self.paths["db"], "--config", self.paths["config"]]
        if now:
            base += ["--now", now]
        return self.runner.invoke(cli, [*base, *args], input=input, catch_exceptions=False)

    def ok(self, *args: str, now: str | None = None) -> str:
        result = self(*args, now=now)
        assert result.exit_code == 0, result.output
        return result.output

    def json(self, *args: str, now: str | None = None) -> Any:
        return json.loads(self.ok(*args, "--json", now=now))


@pytest.fixture
def run(paths: dict[str, str]) -> Cli:
    return Cli(paths)


# Real servers, started only by the tests that ask for them: IMAP and SMTP for the mail tests,
# PostgreSQL for the hosted store's (and for every test with --store=postgresql).
import database_servers  # noqa: E402
from database_servers import (  # noqa: E402, F401
    _drop_test_databases,
    empty_postgresql_url,
    postgresql_server,
    postgresql_url,
)
from mail_servers import imap_oauth_server, imap_server, imap_tls_server, smtp_server  # noqa: E402, F401
