"""Settings: defaults, `followup config`, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup import config
from followup.errors import SettingsError


def test_missing_file_means_defaults(tmp_path: Path):
    settings = config.load(str(tmp_path / "none.toml"))
    assert settings.timings.status_check_default_days == 7
    assert settings.active_applications_wanted == 3


def test_set_keeps_comments_and_validates(tmp_path: Path):
    path = tmp_path / "s.toml"
    path.write_text('# my own note\ntimezone = "Europe/Berlin"\n')
    config.set_value(str(path), "timings.status_check_time", "08:30")
    config.set_value(str(path), "profile.phone", "+49 30 1234567")
    text = path.read_text()
    assert "# my own note" in text
    settings = config.load(str(path))
    assert settings.timings.status_check_time.strftime("%H:%M") == "08:30"
    assert settings.profile.phone == "+49 30 1234567"
    config.set_value(str(path), "timings.status_check_time", None)
    assert config.load(str(path)).timings.status_check_time.strftime("%H:%M") == "09:00"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("timezone", "Mars/Olympus", "not a known time zone"),
        ("country", "Germany", "two-letter country code"),
        ("country", "XX", "no holiday calendar"),
        ("timings.status_check_default_days", "-3", "between 0 and 3650"),
        ("timings.status_check_default_days", "soon", "whole number"),
        ("timings.follow_up_call_time", "ten", "time of day"),
        ("active_applications_wanted", "0", "between 1 and 3650"),
        ("timings.status_check_days", "7", "unknown setting"),
    ],
)
def test_bad_values_are_refused_and_the_file_is_unchanged(tmp_path: Path, key, value, message):
    path = tmp_path / "s.toml"
    path.write_text('timezone = "Europe/Berlin"\n')
    with pytest.raises(SettingsError, match=message):
        config.set_value(str(path), key, value)
    assert path.read_text() == 'timezone = "Europe/Berlin"\n'


def test_a_typo_in_the_file_names_the_file_key_and_suggests_the_fix(tmp_path: Path):
    path = tmp_path / "s.toml"
    path.write_text("[timings]\nstatus_check_defualt_days = 5\n")
    with pytest.raises(SettingsError) as info:
        config.load(str(path))
    assert str(path) in str(info.value)
    assert "timings.status_check_defualt_days" in str(info.value)
    assert "timings.status_check_default_days" in str(info.value)


def test_a_settings_file_that_is_not_text_is_reported_not_a_crash(tmp_path: Path):
    # `followup --config` pointed at a database file once ended in "Internal error: UnicodeDecodeError".
    path = tmp_path / "followup.db"
    path.write_bytes(b"SQLite format 3\x00\xff\xfe\x80")
    with pytest.raises(SettingsError, match="not UTF-8 text"):
        config.load(str(path))


def test_broken_toml_is_reported_with_the_file(tmp_path: Path):
    path = tmp_path / "s.toml"
    path.write_text("timezone = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        config.load(str(path))


def test_config_cli_show_set_and_recompute(run):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann", now="2026-11-16T10:00:00+01:00")
    shown = run.json("config", "show")
    assert shown["timings.status_check_default_days"] == 7
    out = run.ok("config", "set", "timings.status_check_default_days", "10")
    assert "Recomputed the follow-ups of 1 application" in out
    check = [i for i in run.json("agenda", "--days", "30", now="2026-11-18T16:00:00+01:00")
             if i["kind"] == "status_check"]  # fmt: skip
    assert check[0]["due"] == "2026-11-30T09:00:00+01:00"  # 28 Nov is a Saturday
    bad = run("config", "set", "timezone", "Nowhere/Land")
    assert bad.exit_code == 8
    assert "not a known time zone" in bad.output
    assert run.ok("config", "get", "timezone").strip() == "Europe/Berlin"


def test_a_hand_edited_settings_file_is_picked_up(run, paths):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann", now="2026-11-16T10:00:00+01:00")
    Path(paths["config"]).write_text(
        'timezone = "Europe/Berlin"\ncountry = "DE"\n[timings]\nstatus_check_time = "11:00"\n'
    )
    check = [i for i in run.json("agenda", "--days", "30", now="2026-11-18T16:00:00+01:00")
             if i["kind"] == "status_check"]  # fmt: skip
    assert check[0]["due"] == "2026-11-25T11:00:00+01:00"


def test_default_locations_follow_xdg_on_linux(monkeypatch, tmp_path):
    import sys

    from followup.app import context

    if not sys.platform.startswith("linux"):
        return
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    assert context.default_db_path() == str(tmp_path / "data" / "followup" / "followup.db")
    assert context.default_config_path() == str(tmp_path / "conf" / "followup" / "settings.toml")
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert context.default_db_path() == str(tmp_path / ".local" / "share" / "followup" / "followup.db")


def test_every_setting_is_described_once_in_the_table():
    from dataclasses import fields, is_dataclass

    from followup.domain.settings import BY_KEY, SECTIONS, SETTINGS, Settings

    # Every value field of the settings dataclasses has its row, and the table has no other row.
    declared = {
        f"{section}.{item.name}" if section else item.name
        for section, holder in SECTIONS
        for item in fields(holder)
        if not is_dataclass(item.type) and item.name not in {"timings", "profile", "drafting", "reminders"}
    }
    assert declared == set(BY_KEY)
    assert len(SETTINGS) == len(BY_KEY)
    defaults = Settings()
    for setting in SETTINGS:
        assert setting.spec.help, setting.key
        assert setting.value_in(defaults) == setting.default, setting.key
        # The default is itself a valid value, as the file would write it.
        if setting.default is not None:
            assert config.parse_value(setting.key, config.shown(setting.default)) == setting.default
    assert list(config.current_values(defaults)) == [s.key for s in SETTINGS]
