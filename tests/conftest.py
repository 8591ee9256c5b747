"""Shared fixtures: a real SQLite database and settings file in a temp dir, and an injectable clock.

`pytest --store=postgresql` runs the same tests against PostgreSQL: the `paths` fixture's
database (and so `env` and `run`) is then a fresh PostgreSQL database per test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

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


def pytest_configure(config: pytest.Config) -> None:
    database_servers.STORE = config.getoption("--store")


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
