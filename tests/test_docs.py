"""The README documents every command, and its examples use commands that exist."""

from __future__ import annotations

import re
from pathlib import Path

from followup.cli import COMMANDS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    missing = [name for name in COMMANDS if f"followup {name}" not in README]
    assert missing == []


def test_readme_examples_use_existing_commands():
    used = set(re.findall(r"^\$ followup (\w+)", README, flags=re.MULTILINE))
    assert used
    assert used <= set(COMMANDS)


def test_the_readme_shows_the_two_setup_commands():
    assert "pip install -e . && .venv/bin/followup" in README
    assert "scripts/test" in README
