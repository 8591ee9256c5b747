"""Mail passwords from the OS keyring, read through a real keyring backend and checked against a real Dovecot.

The backend is chosen per test the way the keyring package documents it, with
PYTHON_KEYRING_BACKEND: keyrings.alt's PlaintextKeyring, a file under
$XDG_DATA_HOME/python_keyring (here a folder in tmp_path), or keyring's own
failing backend. The keyring of whoever runs the tests is never read or written.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.core
import pytest

import database_servers
from followup.errors import SettingsError
from followup.mail import imap
from followup.mail.accounts import MailAccount, add_account
from followup.mail.secrets import KEYRING_SERVICE
from followup.store import db
from mail_servers import PASSWORD, ImapServer

PLAINTEXT = "keyrings.alt.file.PlaintextKeyring"
FAILING = "keyring.backends.fail.Keyring"


@pytest.fixture
def select_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Call with a backend's dotted name; returns the folder where a file backend keeps its file."""

    def select(backend: str) -> Path:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # no keyringrc.cfg of the user's
        # keyring settles on a backend once per process (from that variable, on first use): choose it
        # now for this process too; a command run as a child process reads the variable itself.
        keyring.set_keyring(keyring.core.load_keyring(backend))
        return tmp_path / "xdg-data" / "python_keyring"

    yield select
    # After the test, no backend that could reach the keyring of whoever runs the tests.
    keyring.set_keyring(keyring.core.load_keyring(FAILING))


def keyring_account(server: ImapServer, user: str) -> MailAccount:
    return MailAccount(
        name="kr",
        email=f"{user}@example.test",
        imap_host=server.host,
        imap_port=server.port,
        imap_security="none",
        imap_user=user,
        password_keyring=True,
    )


def test_a_password_in_the_keyring_logs_in(imap_server, select_keyring):
    store = select_keyring(PLAINTEXT)
    user = imap_server.new_user()
    keyring.set_password(KEYRING_SERVICE, user, PASSWORD)
    assert (store / "keyring_pass.cfg").is_file()  # the test's own keyring, not the user's
    client = imap.connect(keyring_account(imap_server, user))
    try:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
    finally:
        imap.close(client)


def test_no_password_in_the_keyring_says_where_and_how_and_the_hint_works(run, paths, imap_server, select_keyring):
    select_keyring(PLAINTEXT)
    user = imap_server.new_user()
    add_account(paths["config"], keyring_account(imap_server, user))
    missing = run("mail", "account", "test")
    assert missing.exit_code == SettingsError.exit_code, missing.output
    assert f"Error: no password in the OS keyring for {user} (service {KEYRING_SERVICE})" in missing.output
    assert "Traceback" not in missing.output
    hint = re.search(r"Store it with `keyring set (\S+) (\S+)`\.", missing.output)
    assert hint is not None, missing.output
    assert hint.groups() == (KEYRING_SERVICE, user)
    # Do what the hint says, with keyring's own command (it reads a piped password from stdin).
    subprocess.run(
        [sys.executable, "-m", "keyring", "set", *hint.groups()], input=f"{PASSWORD}\n", text=True, check=True
    )
    works = run("mail", "account", "test")
    assert works.exit_code == 0, works.output
    assert f"Logged in as {user}." in works.output
    assert "The account works." in works.output


def test_a_failing_keyring_is_a_could_not_be_read_error(run, paths, imap_server, select_keyring):
    select_keyring(FAILING)
    account = keyring_account(imap_server, imap_server.new_user())
    with pytest.raises(SettingsError) as caught:
        imap.connect(account)  # fails before connecting: the secret is fetched first
    assert str(caught.value) == (
        "the OS keyring could not be read: NoKeyringError\n"
        "  Is the keyring unlocked? Or use password_env / password_command instead."
    )
    add_account(paths["config"], account)
    result = run("mail", "account", "test")
    assert result.exit_code == SettingsError.exit_code
    assert "Error: the OS keyring could not be read: NoKeyringError" in result.output
    assert "Traceback" not in result.output


def test_the_password_is_never_stored_or_logged(run, paths, tmp_path, imap_server, select_keyring, caplog):
    store = select_keyring(PLAINTEXT)
    user = imap_server.new_user()
    raw = f"From: Ann Lee <ann@acme.example>\r\nTo: {user}@example.test\r\nSubject: Hello\r\n"
    imap_server.deliver(user, (raw + "Message-ID: <k1@test>\r\n\r\nHi\r\n").encode())
    keyring.set_password(KEYRING_SERVICE, user, PASSWORD)
    add_account(paths["config"], keyring_account(imap_server, user))
    caplog.set_level(logging.DEBUG)
    outputs = [run.ok("mail", "sync"), run.ok("mail", "account", "test")]
    assert "INBOX: 1 new" in outputs[0]
    assert "password_keyring = true" in Path(paths["config"]).read_text(encoding="utf-8")
    written = [p for p in tmp_path.rglob("*") if p.is_file() and store not in p.parents]
    assert Path(paths["config"]) in written
    if db.is_database_url(paths["db"]):  # PostgreSQL: the database is no file here, its rows are read instead
        with database_servers.connect(paths["db"]) as conn:
            assert PASSWORD not in database_servers.dump(conn)
    else:
        assert Path(paths["db"]) in written
    for path in written:  # the database (and any -wal/-journal beside it), the settings file, anything else
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert caplog.records  # imapclient logs the connection and the login at DEBUG: there was something to read
    assert PASSWORD not in caplog.text
    assert all(PASSWORD not in output for output in outputs)
