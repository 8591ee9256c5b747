"""The operator's reads and writes across every account hold under PostgreSQL's row security: key rotation
re-encrypts everyone's secrets and /metrics counts everyone's mailboxes, connected as an ordinary role
(a superuser, which the other PostgreSQL tests use, passes row security by design)."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet

from followup.app import operations, stored_secrets
from followup.app.context import bootstrap, env_for
from followup.store.actions import set_meta
from test_row_security import app_url  # noqa: F401  (the fixture: a database owned by an ordinary role)

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_rotation_and_figures_see_every_account(app_url: str, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, OLD)
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    base = bootstrap(app_url, str(config))
    try:
        with base.store.transaction() as conn:
            set_meta(base.store, "hosted", "1")
            for name in ("ann", "bob"):
                conn.execute("INSERT INTO owner (name, created_at) VALUES (?, '2026-12-06T09:00:00Z')", (name,))
        ids = [row[0] for row in base.conn.execute("SELECT id FROM owner WHERE name <> '' ORDER BY id")]
        people = [env_for(base, owner) for owner in ids]
        for person in people:
            stored_secrets.keep(person, stored_secrets.MAIL_PASSWORD, "me", f"password of {person.owner}")
            with person.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO mail_folder (owner_id, account, folder, role, uidvalidity, synced_at) "
                    "VALUES (?, 'work', 'INBOX', 'inbox', 1, '2026-12-06T08:00:00Z')",
                    (person.owner,),
                )
        assert base.conn.execute("SELECT count(*) FROM owner_secret").fetchone() == (0,)  # the wall holds

        monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, f"{NEW},{OLD}")
        assert stored_secrets.rotate(base) == 2
        monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, NEW)
        for person in people:
            assert stored_secrets.read(person, stored_secrets.MAIL_PASSWORD, "me") == f"password of {person.owner}"
        assert operations.figures(base).mailboxes == 2
    finally:
        base.close()


def test_readiness_warns_when_the_role_would_pass_row_security(
    app_url: str,  # noqa: F811
    postgresql_url: str,
    tmp_path: Path,
    monkeypatch,
) -> None:
    monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, OLD)
    config = tmp_path / "settings.toml"
    for url, warned in ((app_url, False), (postgresql_url, True)):  # an ordinary role; the superuser
        env = bootstrap(url, str(config))
        try:
            with env.store.transaction():
                set_meta(env.store, "hosted", "1")
            found = operations.readiness(env)
            assert found.ready  # it serves either way
            assert bool(found.warnings) is warned
            assert not warned or "BYPASSRLS" in found.warnings[0]
        finally:
            env.close()
