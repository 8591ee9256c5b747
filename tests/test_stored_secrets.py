"""Secrets at rest in hosted mode: encrypted with the server's key, rotated, never readable from a dump.

Runs on SQLite and, with `--store=postgresql`, on PostgreSQL (the `env` fixture's database).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from typing import Any

import pytest
from cryptography.fernet import Fernet

import database_servers
from followup.app import stored_secrets
from followup.app.context import Env, env_for
from followup.app.mail_sync import sync
from followup.errors import SettingsError
from followup.mail.accounts import MailAccount
from followup.mail.imap import MailError
from followup.store import db
from followup.store.actions import set_meta
from mail_servers import PASSWORD

KEY_1 = Fernet.generate_key().decode()
KEY_2 = Fernet.generate_key().decode()
SECRET = "hunter2-correct-horse"


def hosted_account(env: Env, name: str = "seeker") -> Env:
    """Mark the database hosted (as `followup server init` does) and make one more account; its Env."""
    with env.store.transaction():
        set_meta(env.store, "hosted", "1")
        env.conn.execute("INSERT INTO owner (name, created_at) VALUES (?, ?)", (name, "2026-11-16T09:00:00Z"))
        owner = env.conn.execute("SELECT max(id) FROM owner").fetchone()[0]
    return env_for(env, int(owner))


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(stored_secrets.KEYS_FILE_VARIABLE, raising=False)
    monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, KEY_1)
    return monkeypatch


def test_a_secret_reads_back_and_the_database_holds_no_clear_text(env, keys):
    ann = hosted_account(env)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test", SECRET)
    stored_secrets.keep_push_url(ann, "ntfy://ntfy.sh/ann-secret-topic")

    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test") == SECRET
    assert stored_secrets.read(ann, stored_secrets.PUSH, stored_secrets.PUSH_NAME) == "ntfy://ntfy.sh/ann-secret-topic"
    assert stored_secrets.saved(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test")
    dump = database_servers.dump(env.conn)
    assert "ann@example.test" in dump  # the row is there, under its name...
    assert SECRET not in dump  # ...but neither secret is
    assert "ann-secret-topic" not in dump
    # Saved again: one row, the new secret.
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test", "another one")
    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test") == "another one"
    assert stored_secrets.forget(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test")
    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann@example.test") is None


def test_each_account_reads_only_its_own(env, keys):
    ann, bob = hosted_account(env, "ann"), hosted_account(env, "bob")
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "shared-user", SECRET)
    assert stored_secrets.read(bob, stored_secrets.MAIL_PASSWORD, "shared-user") is None
    # A row copied into another account (by someone who can write to the database) is refused there.
    everyone = db.Store(env.conn, owner=db.INSTALLATION)
    with everyone.transaction():
        everyone.conn.execute(
            "INSERT INTO owner_secret (owner_id, service, name, ciphertext, updated_at) "
            "SELECT ?, service, name, ciphertext, updated_at FROM owner_secret WHERE owner_id = ?",
            (bob.owner, ann.owner),
        )
    with pytest.raises(SettingsError, match="written for another account") as refused:
        stored_secrets.read(bob, stored_secrets.MAIL_PASSWORD, "shared-user")
    assert SECRET not in str(refused.value.message) + str(refused.value.hint)


def test_rotation_re_encrypts_everything_so_the_old_key_can_go(env, keys):
    ann, bob = hosted_account(env, "ann"), hosted_account(env, "bob")
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann", "ann's password")
    stored_secrets.keep(bob, stored_secrets.MAIL_OAUTH2, "bob", "bob's token")
    stored_secrets.keep(bob, stored_secrets.PUSH, stored_secrets.PUSH_NAME, "ntfy://ntfy.sh/bob")
    before = database_servers.dump(env.conn)

    keys.setenv(stored_secrets.KEYS_VARIABLE, f"{KEY_2},{KEY_1}")  # the new key first
    assert stored_secrets.rotate(env) == 3
    keys.setenv(stored_secrets.KEYS_VARIABLE, KEY_2)  # the old key removed

    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann") == "ann's password"
    assert stored_secrets.read(bob, stored_secrets.MAIL_OAUTH2, "bob") == "bob's token"
    assert stored_secrets.read(bob, stored_secrets.PUSH, stored_secrets.PUSH_NAME) == "ntfy://ntfy.sh/bob"
    assert database_servers.dump(env.conn) != before
    keys.setenv(stored_secrets.KEYS_VARIABLE, KEY_1)  # the old key alone no longer reads them
    with pytest.raises(SettingsError, match="cannot be decrypted with the keys in FOLLOWUP_SECRET_KEYS"):
        stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann")


def test_a_rotation_missing_a_key_changes_nothing(env, keys):
    ann = hosted_account(env)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "a", "first")
    keys.setenv(stored_secrets.KEYS_VARIABLE, KEY_2)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "b", "second")
    before = database_servers.dump(env.conn)

    keys.setenv(stored_secrets.KEYS_VARIABLE, KEY_2)  # KEY_1, which wrote "a", is missing
    with pytest.raises(SettingsError, match="nothing was re-encrypted"):
        stored_secrets.rotate(env)
    assert database_servers.dump(env.conn) == before
    assert not env.conn.in_transaction


def test_a_missing_or_wrong_key_is_a_clear_error_naming_the_variable(env, keys, tmp_path):
    ann = hosted_account(env)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann", SECRET)

    keys.delenv(stored_secrets.KEYS_VARIABLE)
    with pytest.raises(SettingsError) as missing:
        stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann")
    assert missing.value.message.startswith("FOLLOWUP_SECRET_KEYS is not set")
    assert "followup server new-key" in str(missing.value.hint)

    keys.setenv(stored_secrets.KEYS_VARIABLE, Fernet.generate_key().decode())  # a key, but not the one
    with pytest.raises(SettingsError) as wrong:
        stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann")
    assert "FOLLOWUP_SECRET_KEYS" in wrong.value.message

    keys.setenv(stored_secrets.KEYS_VARIABLE, f"{KEY_1}, not-a-key-at-all")
    with pytest.raises(SettingsError) as malformed:
        stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann")
    assert malformed.value.message == (
        "FOLLOWUP_SECRET_KEYS: key 2 of 2 is not a Fernet key (32 bytes in URL-safe base64)"
    )
    for error in (missing.value, wrong.value, malformed.value):
        said = f"{error.message} {error.hint} {error.where}"
        assert SECRET not in said
        assert KEY_1 not in said
        assert "not-a-key-at-all" not in said

    keys.delenv(stored_secrets.KEYS_VARIABLE)
    keys.setenv(stored_secrets.KEYS_FILE_VARIABLE, str(tmp_path / "absent"))
    with pytest.raises(SettingsError, match="the file named by FOLLOWUP_SECRET_KEYS_FILE cannot be read"):
        stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann")


def test_the_keys_may_come_from_a_file(env, keys, tmp_path):
    ann = hosted_account(env)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann", SECRET)
    keys.delenv(stored_secrets.KEYS_VARIABLE)
    key_file = tmp_path / "secret-keys"
    key_file.write_text(f"{KEY_2}\n{KEY_1}\n", encoding="utf-8")  # one a line, newest first
    keys.setenv(stored_secrets.KEYS_FILE_VARIABLE, str(key_file))
    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann") == SECRET


def test_new_keys_are_fresh_fernet_keys():
    first, second = stored_secrets.new_key(), stored_secrets.new_key()
    assert first != second
    assert stored_secrets.server_keys({stored_secrets.KEYS_VARIABLE: f"{first},{second}"})


def test_the_single_user_app_is_untouched_and_never_loads_cryptography(env, tmp_path):
    account = MailAccount(name="work", email="me@example.test", imap_host="127.0.0.1", password_keyring=True)
    assert stored_secrets.for_connection(env, account) is account  # the OS keyring, as before
    if db.is_database_url(env.db_path):
        return
    script = (
        "import sys\n"
        "from followup.cli import main\n"
        "try:\n"
        f"    main(['--db', {env.db_path!r}, '--config', {env.config_path!r}, 'agenda'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert not [m for m in sys.modules if m.startswith('cryptography')], 'cryptography was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, timeout=60)


def test_hosted_mode_never_reads_the_servers_own_keyring(env, keys):
    ann = hosted_account(env)
    account = MailAccount(name="work", email="ann@example.test", imap_host="127.0.0.1", password_keyring=True)
    with pytest.raises(SettingsError, match="no password is saved for mail account 'work'"):
        stored_secrets.for_connection(ann, account)
    stored_secrets.keep_mail_password(ann, account, SECRET)
    assert stored_secrets.for_connection(ann, account).typed_password == SECRET
    oauth = replace(account, password_keyring=False, oauth2_command="print-token")
    with pytest.raises(SettingsError, match="no command runs on the server"):
        stored_secrets.for_connection(ann, oauth)


def test_a_hosted_account_syncs_with_its_stored_password(env, keys, imap_server):
    """End to end: the password kept encrypted in the database logs in to a real Dovecot."""
    ann = hosted_account(env)
    user = imap_server.new_user()
    account = MailAccount(
        name="work",
        email=f"{user}@example.test",
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security="none",
        imap_user=user,
        password_keyring=True,
    )
    stored_secrets.keep_mail_password(ann, account, PASSWORD)
    report = sync(ann, account)
    assert report.account == "work"
    assert {folder.role for folder in report.folders} >= {"inbox"}

    stored_secrets.keep_mail_password(ann, account, "not the password")
    with pytest.raises(MailError) as refused:  # the stored password is the one that was sent
        sync(ann, account)
    assert "not the password" not in f"{refused.value.message} {refused.value.hint}"


def test_the_operator_makes_a_key_and_rotates_from_the_command_line(env, keys, run):
    ann = hosted_account(env)
    stored_secrets.keep(ann, stored_secrets.MAIL_PASSWORD, "ann", SECRET)

    fresh = run.ok("server", "new-key").strip()
    Fernet(fresh)  # a real key
    keys.setenv(stored_secrets.KEYS_VARIABLE, f"{fresh},{KEY_1}")
    assert run.json("server", "rotate-key") == {"reencrypted": 1}
    keys.setenv(stored_secrets.KEYS_VARIABLE, fresh)
    assert stored_secrets.read(ann, stored_secrets.MAIL_PASSWORD, "ann") == SECRET

    keys.setenv(stored_secrets.KEYS_VARIABLE, KEY_2)  # not the key it was written with
    failed = run("server", "rotate-key")
    assert failed.exit_code == 8
    assert "cannot be decrypted with the keys in FOLLOWUP_SECRET_KEYS; nothing was re-encrypted" in failed.output
    assert "Traceback" not in failed.output
    assert SECRET not in failed.output
    assert KEY_2 not in failed.output


def test_a_pasted_push_address_is_kept_encrypted_and_used_by_the_reminders(env, keys):
    from followup.app import reminders
    from followup.app.settings import change_settings

    ann = hosted_account(env)
    change_settings(ann, {"reminders.push_url": "ntfy://ntfy.sh/ann-private-topic"})

    assert ann.settings.reminders.push_url == "keyring"  # where it is, never what it is
    assert "ann-private-topic" not in database_servers.dump(env.conn)
    assert reminders._push_url(ann) == "ntfy://ntfy.sh/ann-private-topic"


def test_hosted_mode_never_hands_the_installations_own_variables_to_a_mail_server(env, keys):
    ann = hosted_account(env)
    keys.setenv("FOLLOWUP_DATABASE_URL", "postgresql://app:db-password@db.example/followup")
    installation = ["FOLLOWUP_DATABASE_URL", "FOLLOWUP_SECRET_KEYS", "FOLLOWUP_METRICS_TOKEN"]
    installation.append("FOLLOWUP_SERVER_SMTP_URL")  # its URL holds the server's mail password
    installation.append("FOLLOWUP_OIDC_CLIENT_SECRET")  # the organisation's sign-in client
    for variable in installation:
        account = MailAccount(name="work", email="ann@example.test", imap_host="evil.example", password_env=variable)
        with pytest.raises(SettingsError, match="no password is saved for mail account 'work'"):
            stored_secrets.for_connection(ann, account)
    from followup.app.mail_account import installation_variable

    assert all(installation_variable(variable) for variable in installation)
    assert not installation_variable("FOLLOWUP_MAIL_PASSWORD")


def test_a_hosted_account_never_reads_a_server_variable_or_runs_a_command(env, keys, tmp_path):
    """An attack that worked: settings naming a variable of the server that was not on the list of
    its own (FOLLOWUP_OIDC_CLIENT_SECRET) as the mail password sent the organisation's sign-in secret
    to the account's own mail server. Now a hosted account logs in with its saved password or not at all."""
    ann = hosted_account(env)
    keys.setenv("FOLLOWUP_OIDC_CLIENT_SECRET", "the-organisations-client-secret")
    ran = tmp_path / "ran"
    named: list[dict[str, Any]] = [
        {"password_env": "FOLLOWUP_OIDC_CLIENT_SECRET"},
        {"password_env": "HOME"},
        {"password_command": f"touch {ran}"},
        {"oauth2_command": f"touch {ran}"},
        {"password_keyring": True},
    ]
    for sources in named:
        account = MailAccount(name="work", email="ann@example.test", imap_host="127.0.0.1", **sources)
        with pytest.raises(SettingsError) as refused:
            sync(ann, account)  # refused before any connection: nothing to log in with
        assert "client-secret" not in f"{refused.value.message} {refused.value.hint}"
    assert not ran.exists()

    stored_secrets.keep_mail_password(ann, replace(account, password_keyring=True), SECRET)
    leaky = MailAccount(
        name="work", email="ann@example.test", imap_host="127.0.0.1", password_env="FOLLOWUP_OIDC_CLIENT_SECRET"
    )
    handed = stored_secrets.for_connection(ann, leaky)
    assert (handed.typed_password, handed.password_env) == (SECRET, None)
