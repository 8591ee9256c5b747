"""Hostile or absurd input through the CLI: a clear message, an exit code that is not 70, nothing half-done.

Each test performs one attack from the adversarial review (issue #11, item 11) through
`run_safely`, the way the installed `followup` command runs: before the fix each one
ended in "Internal error ... This is a bug in followup" (exit 70).
"""

from __future__ import annotations

import errno
import mailbox
import sqlite3

import pytest
from click.testing import CliRunner

from followup.cli import cli
from followup.cli.errors import INTERNAL_ERROR, run_safely


def followup(paths: dict[str, str], *args: str) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) of `followup ARGS` against the test's files."""
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            run_safely(cli, ["--db", paths["db"], "--config", paths["config"], *args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        text = out.getvalue() + (err.getvalue() if err is not None else b"")
    return code, text.decode("utf-8", "replace")


def refused(paths: dict[str, str], *args: str, code: int, says: str) -> str:
    got, text = followup(paths, *args)
    assert got == code, text
    assert got != INTERNAL_ERROR
    assert says in text, text
    assert "Traceback" not in text, text
    assert "Internal error" not in text, text
    return text


@pytest.fixture
def acme(paths):
    assert followup(paths, "app", "add", "ACME", "Analyst")[0] == 0


def test_a_csv_cell_over_the_field_limit(paths, tmp_path):
    sheet = tmp_path / "big.csv"
    sheet.write_text("Company,Role,Notes\nACME,Analyst," + "x" * 140_000 + "\n", encoding="utf-8")
    refused(paths, "import", str(sheet), code=6, says="line 2: field larger than field limit")


def test_a_json_number_of_100000_digits(paths, tmp_path):
    document = tmp_path / "num.json"
    document.write_text('{"format": "followup-export", "version": 1, "applications": [{"id": ' + "9" * 100_000 + "}]}")
    refused(paths, "import", str(document), code=6, says="has 100,000 digits")


def test_json_nested_100000_deep(paths, tmp_path):
    document = tmp_path / "deep.json"
    document.write_text("[" * 100_000 + "]" * 100_000)
    refused(paths, "import", str(document), code=6, says="nested thousands of levels deep")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["app", "add", "AC\udcffME", "Analyst"], "argument 'AC\\xffME' is not valid UTF-8"),
        (["show", "\udcff"], "argument '\\xff' is not valid UTF-8"),
        (["app", "add", "AC\0ME", "Analyst"], "argument 'AC\\x00ME' contains a NUL character"),
    ],
)
def test_arguments_that_are_not_text(paths, acme, args, says):
    refused(paths, *args, code=2, says=says)


@pytest.mark.parametrize(
    "args",
    [
        ["show", str(2**63)],
        ["show", str(2**70)],
        ["interview", "edit", str(2**64), "--length", "30"],
        ["touchpoint", "delete", str(2**80)],
        ["mail", "matches", "apply", str(2**63)],
    ],
)
def test_huge_ids(paths, acme, args):
    refused(paths, *args, code=2, says="is out of range")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["snooze", "abcd", "--for", "99999999999999d"], "--for '99999999999999d' is too long"),
        (["snooze", "abcd", "--for", "9" * 5000 + "d"], "is too long"),
        (["--now", "9999-12-31T23:00:00+00:00", "agenda"], "--now '9999-12-31T23:00:00+00:00' is out of range"),
        (["--now", "0001-01-01T00:30:00+01:00", "agenda"], "is out of range"),
        (["interview", "add", "1", "--at", "9999-12-31 23:00"], "--at '9999-12-31 23:00' is out of range"),
        (["interview", "add", "1", "--at", "0001-01-01 00:00"], "is out of range"),
        (["app", "edit", "1", "--applied", "9999-12-31"], "--applied '9999-12-31' is out of range"),
        (["app", "edit", "1", "--applied", "0001-01-01"], "is out of range"),
    ],
)
def test_spans_and_years_out_of_range(paths, acme, args, says):
    refused(paths, *args, code=2, says=says)


def forged(date: str, n: int) -> bytes:
    return (
        f"From: Ann <ann@acme.example>\r\nTo: me@example.org\r\nSubject: Analyst\r\nDate: {date}\r\n"
        f"Message-ID: <m{n}@acme.example>\r\n\r\nThanks for your time.\r\n"
    ).encode()


def test_a_mail_dated_9999_with_zone_minus_2359_does_not_stop_an_import(paths, tmp_path, acme):
    assert followup(paths, "contact", "add", "Ann", "--email", "ann@acme.example", "--app", "1")[0] == 0
    box = mailbox.mbox(tmp_path / "in.mbox")
    box.add(forged("Fri, 31 Dec 9999 23:59:59 -2359", 1))
    box.add(forged("Mon, 01 Jan 0001 00:00:00 +2359", 2))
    box.add(forged("Tue, 17 Nov 2026 09:30:00 +0100", 3))
    box.flush()
    code, text = followup(paths, "mail", "import", str(tmp_path / "in.mbox"))
    assert code == 0, text
    assert "Read 3 messages" in text, text
    assert "3 about your applications" in text, text


def test_a_message_that_cannot_be_recorded_is_set_aside_and_the_others_are_kept(paths, tmp_path, acme, monkeypatch):
    from followup.app import mail_intake

    assert followup(paths, "contact", "add", "Ann", "--email", "ann@acme.example", "--app", "1")[0] == 0
    box = mailbox.mbox(tmp_path / "in.mbox")
    for n in (1, 2, 3):
        box.add(forged(f"Tue, 17 Nov 2026 0{n}:30:00 +0100", n))
    box.flush()
    record = mail_intake.record

    def breaks_on_the_second(env, parsed, **kwargs):
        if parsed.message_id == "<m2@acme.example>":
            raise ValueError("a case nobody foresaw")
        return record(env, parsed, **kwargs)

    monkeypatch.setattr(mail_intake, "record", breaks_on_the_second)
    code, text = followup(paths, "mail", "import", str(tmp_path / "in.mbox"))
    assert code == 0, text
    assert "2 about your applications" in text
    assert "Left out, could not be recorded: <m2@acme.example> (Analyst): ValueError: a case nobody foresaw" in text
    assert text.count("matched because") == 2


@pytest.mark.parametrize(
    "failure",
    [
        sqlite3.OperationalError("database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
)
def test_a_full_disk_is_said_so(paths, acme, monkeypatch, failure):
    from followup.app import applications

    def full(*args, **kwargs):
        raise failure

    monkeypatch.setattr(applications, "add_application", full)
    text = refused(paths, "app", "add", "Initech", "Analyst", code=7, says="the disk is full")
    assert "nothing was changed" in text


def test_a_full_disk_while_exporting_names_the_file(paths, acme, tmp_path, monkeypatch):
    from followup import files

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(files, "write_atomically", full)
    out = str(tmp_path / "all.json")
    code, text = followup(paths, "export", "--out", out)
    assert code not in (0, INTERNAL_ERROR), text
    assert "No space left on device" in text or "the disk is full" in text
    assert "Traceback" not in text
    assert "Internal error" not in text


@pytest.mark.parametrize(
    "args", [["show", "²"], ["app", "delete", "²", "--yes"], ["contact", "edit", "²", "--title", "x"]]
)
def test_a_digit_that_is_not_a_number(paths, acme, args):
    # Found by the fuzz test: "²".isdigit() is true, but int("²") fails.
    refused(paths, *args, code=3, says="matches")


def test_a_mail_dated_9999_is_noted_by_the_sync_and_leaves_nothing_queued(env, imap_server, monkeypatch):
    # Before: the message failed to be noted on every sync, with a traceback in the log each time.
    from followup.app import applications
    from followup.app.mail_sync import sync
    from followup.domain.model import ContactRole
    from followup.mail.accounts import MailAccount
    from mail_servers import PASSWORD

    app = applications.add_application(env, applications.NewApplication(company="ACME", role="Analyst"))
    applications.add_contact(
        env, applications.NewContact(name="Ann", role=ContactRole.INTERVIEWER, email="ann@acme.example"), app.id
    )
    user = imap_server.new_user()
    imap_server.deliver(user, forged("Fri, 31 Dec 9999 23:59:59 -2359", 1))
    imap_server.deliver(user, forged("Tue, 17 Nov 2026 09:30:00 +0100", 2))
    monkeypatch.setenv("FOLLOWUP_TEST_IMAP_PASSWORD", PASSWORD)
    account = MailAccount(
        name="test",
        email=f"{user}@example.test",
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security="none",
        imap_user=user,
        password_env="FOLLOWUP_TEST_IMAP_PASSWORD",
    )
    report = sync(env, account)
    assert len(report.new_mail_ids) == 2
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,)
