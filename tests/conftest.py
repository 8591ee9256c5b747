"""Shared fixtures: a real SQLite database and settings file in a temp dir, and an injectable clock."""

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


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return {"db": str(tmp_path / "followup.db"), "config": str(config)}


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


# Real IMAP and SMTP servers for the mail tests (started only by tests that ask for them).
from mail_servers import imap_oauth_server, imap_server, imap_tls_server, smtp_server  # noqa: E402, F401
