"""Atomic writes: the whole new file or the old one, with the right permissions, no debris."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from followup.files import write_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_replaces_the_file_with_private_or_usual_permissions(tmp_path: Path):
    target = tmp_path / "settings.toml"
    target.write_text("old")
    write_atomically(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    shared = tmp_path / "letter.txt"
    write_atomically(str(shared), b"Dear", private=False)
    umask = os.umask(0)
    os.umask(umask)
    assert mode(shared) == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "settings.toml"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomically(str(target), "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_creates_the_folder_only_when_asked(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        write_atomically(str(tmp_path / "missing" / "x"), b"x")
    write_atomically(str(tmp_path / "made" / "x"), b"x", create_folder=True)
    assert (tmp_path / "made" / "x").read_bytes() == b"x"
