"""Mail account settings, secrets, and the `followup mail account` commands."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from followup.cli.context import AppContext
from followup.cli.mail_sync import account as account_group
from followup.errors import SettingsError
from followup.mail import secrets
from followup.mail.accounts import AccountError, MailAccount, add_account, get_account, load_accounts, remove_account
from mail_servers import PASSWORD

SECRET = "s3cr3t-Pa55-word"


def test_defaults_follow_the_security():
    plain = MailAccount("a", "me@x.test", "localhost", imap_security="none", smtp_security="starttls")
    assert (plain.imap_port, plain.smtp_port, plain.imap_user) == (143, 587, "me@x.test")
    tls = MailAccount("b", "me@x.test", "imap.x.test")
    assert (tls.imap_port, tls.smtp_port) == (993, 465)


def test_round_trip_keeps_comments_and_never_writes_a_secret(paths, monkeypatch):
    config = paths["config"]
    with open(config, "a", encoding="utf-8") as fh:
        fh.write("# my own note\n")
    work = MailAccount(
        "work",
        "me@corp.example",
        "imap.corp.example",
        imap_user="me",
        smtp_host="smtp.corp.example",
        smtp_security="starttls",
        password_command="pass show corp",
        folders={"junk": "Spam"},
    )
    home = MailAccount("home", "me@home.example", "imap.home.example", password_env="HOME_PW", auto_apply=True)
    add_account(config, work)
    add_account(config, home)
    with open(config, encoding="utf-8") as fh:
        text = fh.read()
    assert "# my own note" in text
    assert 'timezone = "Europe/Berlin"' in text
    assert load_accounts(config) == [work, home]
    assert get_account(config, "home") == home
    with pytest.raises(SettingsError, match="several mail accounts"):
        get_account(config)
    remove_account(config, "work")
    assert get_account(config) == home
    with pytest.raises(SettingsError, match="already exists"):
        add_account(config, home)


def test_no_account_says_how_to_add_one(paths):
    with pytest.raises(SettingsError) as caught:
        get_account(paths["config"])
    assert "followup mail account add" in str(caught.value)


@pytest.mark.parametrize(
    ("table", "problem", "field"),
    [
        ('email = "me@x.test"', "mail.bad.imap_host is missing", "imap_host"),
        (
            'email = "me@x.test"\nimap_host = "h"\nimap_port = "993"\npassword_env = "V"',
            "imap_port must be a port",
            "imap_port",
        ),
        ('email = "me@x.test"\nimap_host = "h"\nimap_securty = "tls"', "Did you mean 'imap_security'", "imap_securty"),
        ('email = "me@x.test"\nimap_host = "h"', "no way to get the password", "password"),
        ('email = "me"\nimap_host = "h"\npassword_env = "V"', "not an email address", "email"),
        (
            'email = "me@x.test"\nimap_host = "imap.x.test"\nimap_security = "none"\npassword_env = "V"',
            "only allowed",
            "imap_security",
        ),
        (
            'email = "me@x.test"\nimap_host = "h"\npassword_env = "V"\nfolders = { spam = "S" }',
            "not a folder role",
            "folders",
        ),
    ],
)
def test_bad_settings_name_file_key_and_fix(paths, table, problem, field):
    with open(paths["config"], "a", encoding="utf-8") as fh:
        fh.write(f"[mail.bad]\n{table}\n")
    with pytest.raises(AccountError) as caught:
        load_accounts(paths["config"])
    assert problem in str(caught.value)
    assert caught.value.where == paths["config"]
    assert caught.value.hint
    # The field at fault is named, so the Settings page can show the problem next to it.
    assert caught.value.field == field
    assert isinstance(caught.value, SettingsError)


# -- secrets -----------------------------------------------------------------------------------


def test_password_from_env_then_command(monkeypatch):
    monkeypatch.setenv("FU_PW", SECRET)
    command = f"{sys.executable} -c \"print('{SECRET}'); print('second line')\""
    account = MailAccount("a", "me@x.test", "h", password_env="FU_PW", password_command=command)
    assert secrets.password(account) == SECRET
    monkeypatch.delenv("FU_PW")
    assert secrets.password(account) == SECRET  # falls through to the command, first line only


def test_a_typed_password_replaces_every_source_and_is_never_written(tmp_path, monkeypatch):
    # Issue #11, item 2: a password typed for one test on the Settings page; no saved source is read.
    monkeypatch.setenv("FU_PW", SECRET)
    ran = tmp_path / "ran"
    command = f"{sys.executable} -c \"open({str(ran)!r}, 'w')\""
    account = MailAccount("a", "me@x.test", "h", password_env="FU_PW", typed_password="typed")
    assert secrets.password(account) == "typed"
    token = MailAccount("a", "me@x.test", "h", oauth2_command=command, typed_password="typed")
    assert secrets.oauth2_token(token) == "typed"
    assert not ran.exists()
    assert "typed" not in repr(account)
    assert account == MailAccount("a", "me@x.test", "h", password_env="FU_PW")
    assert "typed_password" not in account.to_table()
    with pytest.raises(AccountError) as caught:
        load_accounts_from(tmp_path, '[mail.a]\nemail = "me@x.test"\nimap_host = "h"\ntyped_password = "x"\n')
    assert caught.value.field == "typed_password"


def load_accounts_from(folder, text):
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_accounts(str(path))


def test_oauth2_token_from_command():
    command = f"{sys.executable} -c \"print('tok-{SECRET}')\""
    account = MailAccount("a", "me@x.test", "h", oauth2_command=command)
    assert secrets.oauth2_token(account) == f"tok-{SECRET}"


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        (f"{sys.executable} -c \"import sys; print('{SECRET}'); sys.exit(3)\"", "failed with exit code 3"),
        (
            f"{sys.executable} -c \"import sys; print('{SECRET}'); "
            f"print('bad {SECRET}', file=sys.stderr); sys.exit(1)\"",
            "bad ***",
        ),
        (f"{sys.executable} -c \"print('')\"", "printed nothing"),
        (f"no-such-program-xyz {SECRET}", "program 'no-such-program-xyz' not found"),
    ],
)
def test_secret_errors_never_contain_the_secret(command, problem):
    account = MailAccount("a", "me@x.test", "h", password_command=command)
    with pytest.raises(SettingsError) as caught:
        secrets.password(account)
    assert problem in str(caught.value)
    assert SECRET not in str(caught.value)


def test_missing_env_var_is_named(monkeypatch):
    monkeypatch.delenv("FU_MISSING", raising=False)
    with pytest.raises(SettingsError, match="FU_MISSING is not set"):
        secrets.password(MailAccount("a", "me@x.test", "h", password_env="FU_MISSING"))


def test_command_timeout(monkeypatch):
    monkeypatch.setattr(secrets, "COMMAND_TIMEOUT", 0.5)
    account = MailAccount("a", "me@x.test", "h", password_command=f'{sys.executable} -c "import time; time.sleep(5)"')
    with pytest.raises(SettingsError, match="did not finish"):
        secrets.password(account)


def test_keyring_missing_says_what_to_do(monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # makes `import keyring` fail
    with pytest.raises(SettingsError, match="pip install keyring"):
        secrets.password(MailAccount("a", "me@x.test", "h", password_keyring=True))


# -- the commands --------------------------------------------------------------------------------


def invoke(paths, *args):
    return CliRunner().invoke(account_group, list(args), obj=AppContext(paths["db"], paths["config"]))


def test_cli_add_list_test_remove(paths, imap_server, monkeypatch):
    user = imap_server.new_user()
    monkeypatch.setenv("FU_IMAP_PW", PASSWORD)
    added = invoke(
        paths, "add", "dev", "--email", f"{user}@example.test", "--imap-host", imap_server.host,
        "--imap-port", str(imap_server.port), "--imap-security", "none", "--user", user,
        "--password-env", "FU_IMAP_PW",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = invoke(paths, "list", "--json")
    assert json.loads(listed.output)[0]["password_env"] == "FU_IMAP_PW"
    with open(paths["config"], encoding="utf-8") as fh:
        assert PASSWORD not in listed.output + fh.read()
    tested = invoke(paths, "test", "dev")
    assert tested.exit_code == 0, tested.output
    assert "junk    Junk" in tested.output
    assert "The account works." in tested.output
    monkeypatch.setenv("FU_IMAP_PW", "not-the-password")
    refused = invoke(paths, "test")
    assert refused.exit_code != 0
    assert "refused the login" in str(refused.exception)
    assert "not-the-password" not in str(refused.exception)
    assert invoke(paths, "remove", "dev").exit_code == 0
    assert "No mail account yet" in invoke(paths, "list").output


def test_cli_add_needs_exactly_one_password_source(paths):
    result = invoke(paths, "add", "x", "--email", "me@x.test", "--imap-host", "imap.x.test")
    assert result.exit_code != 0
    assert "how to get the password" in str(result.exception)
