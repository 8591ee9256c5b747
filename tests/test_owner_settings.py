"""Each account of a hosted installation keeps its own settings, in the database; the local user keeps the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup import config
from followup.app import settings as app_settings
from followup.app.context import Env, bootstrap, env_for, in_own_env
from followup.app.mail_account import add_account, all_accounts
from followup.errors import SettingsError
from followup.store import db


def new_owner(env: Env) -> int:
    with env.store.transaction() as conn:
        conn.execute("INSERT INTO owner (name, created_at) VALUES ('', '2026-12-06T09:00:00Z')")
        row = conn.execute("SELECT max(id) FROM owner").fetchone()
    return int(row[0])


def test_an_account_starts_from_the_defaults_and_keeps_its_own_settings(env: Env, paths: dict[str, str]) -> None:
    file_before = Path(paths["config"]).read_text(encoding="utf-8")
    ann, bob = new_owner(env), new_owner(env)
    as_ann = env_for(env, ann)
    assert as_ann.owner == ann
    assert as_ann.settings == config.defaults()

    app_settings.change_settings(as_ann, {"timezone": "America/Chicago", "country": "US", "profile.name": "Ann Lee"})

    assert (as_ann.settings.timezone, as_ann.settings.profile.name) == ("America/Chicago", "Ann Lee")
    again = env_for(env, ann)
    assert (again.settings.timezone, again.settings.country) == ("America/Chicago", "US")
    assert env_for(env, bob).settings == config.defaults()
    # The local user's file and settings are untouched.
    assert Path(paths["config"]).read_text(encoding="utf-8") == file_before
    assert env.settings.timezone == "Europe/Berlin"
    assert env_for(env, db.LOCAL_OWNER) is env


def test_a_bad_value_is_refused_and_nothing_is_written(env: Env) -> None:
    as_ann = env_for(env, new_owner(env))
    app_settings.change_settings(as_ann, {"timezone": "Europe/Paris"})
    with pytest.raises(SettingsError, match="Mars/Olympus"):
        app_settings.change_settings(as_ann, {"country": "FR", "timezone": "Mars/Olympus"})
    stored = env_for(env, as_ann.owner).settings
    assert (stored.timezone, stored.country) == ("Europe/Paris", config.defaults().country)


def test_an_accounts_mail_accounts_are_its_own(env: Env) -> None:
    ann, bob = new_owner(env), new_owner(env)
    add_account(
        env_for(env, ann).config_path,
        "work",
        user="ann@example.org",
        settings={
            "email": "ann@example.org",
            "imap_host": "imap.example.org",
            "smtp_host": "smtp.example.org",
            "password_env": "ANN_PW",
        },
    )
    assert [a.name for a in all_accounts(env_for(env, ann).config_path)] == ["work"]
    assert all_accounts(env_for(env, bob).config_path) == []
    assert all_accounts(env.config_path) == []


def test_a_worker_thread_gets_its_own_connection_and_the_same_account(
    env: Env, paths: dict[str, str], tmp_path: Path
) -> None:
    ann = new_owner(env)
    as_ann = env_for(env, ann)
    app_settings.change_settings(as_ann, {"profile.name": "Ann Lee"})

    def look(own: Env) -> tuple[int, str, bool]:
        return own.owner, own.settings.profile.name, own.conn is env.conn

    assert in_own_env(as_ann, look) == (ann, "Ann Lee", False)
    opened = bootstrap(paths["db"], str(tmp_path / "no-such-file.toml"), owner=ann)
    try:
        assert opened.settings.profile.name == "Ann Lee"
    finally:
        opened.close()


def test_an_accounts_dictionary_and_template_edits_are_its_own(env: Env, tmp_path: Path) -> None:
    from followup.app.drafts import dictionary_path, learn_word, templates_dir

    ann, bob = env_for(env, new_owner(env)), env_for(env, new_owner(env))
    learn_word(ann, "Frobnicate")
    assert "Frobnicate" in Path(dictionary_path(ann)).read_text(encoding="utf-8")
    assert not Path(dictionary_path(bob)).exists()
    assert not Path(dictionary_path(env)).exists()
    assert dictionary_path(env) == str(Path(env.data_folder) / "dictionary.txt")  # the local user's, as before
    # A hosted account's settings may not point the templates into the server's files.
    app_settings.change_settings(ann, {"drafting.templates_dir": str(tmp_path)})
    assert templates_dir(ann) == str(Path(env.data_folder) / "accounts" / str(ann.owner) / "templates")
    assert templates_dir(bob) != templates_dir(ann)
