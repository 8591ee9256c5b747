"""Builds what a command or a web request needs: paths, settings, database, clock, calendar.

Nothing is built at import time. The holiday calendar is built on first use,
because the agenda reads precomputed actions and never needs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from followup import config
from followup.domain.calendar import BusinessCalendar
from followup.domain.settings import Settings
from followup.errors import SettingsError
from followup.store import db

if TYPE_CHECKING:
    from followup.store.postgresql import Pool

APP_NAME = "followup"
T = TypeVar("T")


def _user_dir(kind: str) -> str:
    # On Linux the XDG rules are two lines; platformdirs (which pulls in pathlib and
    # tempfile, ~12 ms) is only needed for macOS and Windows conventions.
    if sys.platform.startswith("linux"):
        variable, fallback = {"data": ("XDG_DATA_HOME", ".local/share"), "config": ("XDG_CONFIG_HOME", ".config")}[kind]
        base = os.environ.get(variable) or os.path.join(os.path.expanduser("~"), fallback)
        return os.path.join(base, APP_NAME)
    import platformdirs

    finder = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
    return finder(APP_NAME, appauthor=False)


def default_db_path() -> str:
    return os.path.join(_user_dir("data"), "followup.db")


def default_config_path() -> str:
    return os.path.join(_user_dir("config"), "settings.toml")


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Env:
    """One invocation's resources; `close()` releases them."""

    db_path: str
    config_path: str
    settings: Settings
    store: db.Store
    clock: Callable[[], datetime]
    _calendar: BusinessCalendar | None = field(default=None, repr=False)
    # A hosted account's view keeps the installation's folder (its settings are no file to be beside).
    _data_folder: str | None = field(default=None, repr=False)

    @property
    def conn(self) -> db.Connection:
        return self.store.conn

    @property
    def owner(self) -> int:
        return self.store.owner

    @property
    def data_folder(self) -> str:
        """Where the files beside the database live (the web app's secret, the spelling dictionary):
        the SQLite file's folder; with a PostgreSQL database, the settings file's folder."""
        if self._data_folder is not None:
            return self._data_folder
        if db.is_database_url(self.db_path):
            return os.path.dirname(os.path.abspath(self.config_path))
        return os.path.dirname(os.path.abspath(self.db_path))

    @property
    def own_folder(self) -> str | None:
        """Where a hosted account's own files are (its template edits, its spelling dictionary), apart
        from everyone else's; None for the local user, whose files are where they always were."""
        if self.owner == db.LOCAL_OWNER:
            return None
        return os.path.join(self.data_folder, "accounts", str(self.owner))

    @property
    def database_shown(self) -> str:
        """The database as shown to the user: the SQLite file's path as given, or the URL without its password."""
        if db.is_database_url(self.db_path):
            return db.url_without_password(self.db_path)
        return self.db_path

    def now(self) -> datetime:
        return self.clock().astimezone(self.tz)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    @property
    def calendar(self) -> BusinessCalendar:
        if self._calendar is None:
            self._calendar = build_calendar(self.settings, self.config_path)
        return self._calendar

    def reload_settings(self) -> None:
        self.settings = config.load(self.config_path)
        self._calendar = None

    def close(self) -> None:
        self.conn.close()


def build_calendar(settings: Settings, where: str = "settings") -> BusinessCalendar:
    import holidays

    try:
        days = holidays.country_holidays(settings.country, subdiv=settings.subdivision)
    except NotImplementedError:
        raise SettingsError(
            f"country {settings.country!r} has no holiday calendar",
            where=where,
            hint="Set a supported one, e.g. `followup config set country GB`.",
        ) from None
    except Exception as exc:  # the holidays package reports bad subdivisions as various errors
        raise SettingsError(
            f"cannot build the holiday calendar for {settings.country}/{settings.subdivision}: {exc}",
            where=where,
            hint="Check `subdivision`, or remove it with `followup config unset subdivision`.",
        ) from None
    return BusinessCalendar(timezone=ZoneInfo(settings.timezone), holidays=days)


def bootstrap(
    db_path: str | None = None,
    config_path: str | None = None,
    clock: Callable[[], datetime] | None = None,
    *,
    owner: int = db.LOCAL_OWNER,
    connections: Pool | None = None,
) -> Env:
    """`connections`: a pool of the database's connections to borrow one from (`close()` gives it back)
    instead of opening one, for a process that runs many short jobs (a worker)."""
    if connections is not None:
        db_path = connections.url
    # A PostgreSQL URL (the hosted store) in the environment comes before the SQLite file's.
    db_path = db_path or os.environ.get("FOLLOWUP_DATABASE_URL") or os.environ.get("FOLLOWUP_DB") or default_db_path()
    config_path = config_path or os.environ.get("FOLLOWUP_CONFIG") or default_config_path()
    clock = clock or system_clock

    def connect() -> db.Connection:
        if connections is not None:
            return connections.borrow()
        return db.open_database(db_path, now_iso=_utc_iso(clock))

    if owner != db.LOCAL_OWNER:
        # A hosted account's settings are in the database: the file is not read.
        conn = connect()
        base = Env(
            db_path=db_path, config_path=config_path, settings=config.defaults(), store=db.Store(conn), clock=clock
        )
        return env_for(base, owner)
    settings = config.load(config_path)
    conn = connect()
    return Env(db_path=db_path, config_path=config_path, settings=settings, store=db.Store(conn), clock=clock)


def _utc_iso(clock: Callable[[], datetime]) -> str:
    return clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def env_for(env: Env, owner: int) -> Env:
    """`env` as account `owner` sees it: their rows, and their settings.

    The local user (owner 1) keeps their settings in the settings file; every account of a
    hosted installation keeps its own in the database (`store.owner_settings`), in the same
    TOML form, so that everything which reads or changes settings serves both. The new Env
    shares `env`'s connection: close `env`, not this one.
    """
    if owner == env.owner:
        return env
    store = replace(env.store, owner=owner)
    if owner == db.LOCAL_OWNER:
        return replace(env, store=store, settings=config.load(env.config_path), _calendar=None)
    from followup.store import owner_settings

    def write(document: str) -> None:
        with store.transaction():
            owner_settings.write(store, document, _utc_iso(env.clock))

    place = config.StoredSettings("your settings", read=lambda: owner_settings.read(store), write=write)
    return Env(
        db_path=env.db_path,
        config_path=place,
        settings=config.load(place),
        store=store,
        clock=env.clock,
        _data_folder=env.data_folder,
    )


def in_own_env(env: Env, work: Callable[[Env], T]) -> T:
    """Run `work` with its own database connection (for a worker thread: mail is slow)."""
    own = bootstrap(env.db_path, env.config_path, clock=env.clock, owner=env.owner)
    try:
        return work(own)
    finally:
        own.close()
