"""`followup agenda` is the command run most, often several times a day: a whole process each
time, most of whose time is start-up. It loads only what printing the agenda needs."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

# Modules the text agenda has no use for, each with what needs it instead.
NOT_LOADED = {
    "json": "only --json prints JSON",
    "tomlkit": "only writing settings keeps the file's layout",
    "holidays": "the agenda reads stored actions; only planning counts business days",
    "followup.domain.playbook": "the rules run after a write, not to read the agenda",
    "difflib": "only a mistyped name needs 'did you mean'",
    "tempfile": "only writing a file whole needs a temporary one",
    "shutil": "the terminal's width comes from os",
    "hashlib": "action ids use blake2b without OpenSSL",
    "base64": "an action id spells its digest in base32 itself",
    "rich": "the agenda is plain text",
    "textwrap": "the agenda fills its lines itself",
    "followup.domain.days": "--now is ISO 8601; only a command that takes a typed date reads one",
}

# The settings (one table, read by every command), the invocation's resources, and two values they hold.
DATACLASSES_ON_THE_AGENDA = {
    "followup.domain.settings.Settings",
    "followup.domain.settings.Timings",
    "followup.domain.settings.Profile",
    "followup.domain.settings.Drafting",
    "followup.domain.settings.Reminders",
    "followup.app.context.Env",
    "followup.store.db.Store",
    "followup.domain.quiet_hours.QuietHours",
    "followup.domain.calendar.BusinessCalendar",
}


def _loaded(tmp_path: Path, *args: str) -> tuple[set[str], set[str]]:
    """The modules `followup ARGS` loads, and the dataclasses among their classes."""
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    base = ["--db", str(tmp_path / "followup.db"), "--config", str(settings)]
    script = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from followup.cli import main\n"
        "try:\n"
        f"    main({[*base, *args]!r})\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "loaded = sorted(set(sys.modules) - before)\n"
        "classes = sorted(f'{name}.{key}' for name in loaded if name.startswith('followup')\n"
        "    for key, value in vars(sys.modules[name]).items()\n"
        "    if isinstance(value, type) and value.__module__ == name and '__dataclass_fields__' in vars(value))\n"
        "sys.stderr.write('\\nLOADED ' + repr((loaded, classes)))\n"
    )
    environment = {**os.environ, "FOLLOWUP_DATABASE_URL": "", "FOLLOWUP_NOW": "", "COLUMNS": "100"}
    setup = [sys.executable, "-m", "followup", *base, "--now", "2026-11-16T10:00:00+01:00"]
    for command in (["app", "add", "ACME Corp", "Data Analyst"], ["agenda"]):
        # A new database's first agenda plans every application once; the daily run is the one after.
        subprocess.run([*setup, *command], check=True, env=environment, capture_output=True)
    # The user's own clock, as when they type `followup agenda`: no --now.
    done = subprocess.run([sys.executable, "-c", script], check=True, env=environment, capture_output=True, text=True)
    assert "ACME Corp" in done.stdout or "Nothing to do" in done.stdout, done.stdout
    modules, dataclasses = ast.literal_eval(done.stderr.rsplit("\nLOADED ", 1)[1])
    return set(modules), set(dataclasses)


def test_the_text_agenda_loads_none_of_what_it_does_not_need(tmp_path):
    loaded, _ = _loaded(tmp_path, "--now", "2026-11-23T09:00:00+01:00", "agenda", "--days", "14")
    needless = {name: why for name, why in NOT_LOADED.items() if name in loaded or f"{name}." in " ".join(loaded)}
    assert not needless, needless


def test_the_agenda_creates_no_dataclass_but_the_settings_and_its_resources(tmp_path):
    # Creating a dataclass compiles its methods with exec (about a millisecond each for the
    # frozen ones), on every run: the agenda's own values (its items, the stored rows, the
    # nudge) are named tuples.
    for command in (["agenda"], ["agenda", "--json"]):
        _, dataclasses = _loaded(tmp_path, *command)
        assert dataclasses <= DATACLASSES_ON_THE_AGENDA, dataclasses - DATACLASSES_ON_THE_AGENDA
