"""Reading the mailbox against a real Dovecot: first sync, incremental sync, no-change cost,
resumption after an interruption at every step, UIDVALIDITY changes."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Any

import pytest
from imapclient import IMAPClient

import database_servers
from followup.app import applications
from followup.app import mail_pending as pending_module
from followup.app import mail_sync as sync_module
from followup.app.context import Env, bootstrap
from followup.app.mail_sync import STEPS, sync
from followup.domain.model import ContactRole
from followup.mail import imap
from followup.mail import mailbox as mailbox_module
from followup.mail.accounts import MailAccount
from followup.store import db
from mail_servers import PASSWORD

PW_VAR = "FOLLOWUP_TEST_IMAP_PASSWORD"


# -- helpers -----------------------------------------------------------------------------------


def message(sender: str, to: str, subject: str, mid: str, reply_to: str | None = None) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = sender, to, subject, f"<{mid}@test>"
    m["Date"] = "Tue, 17 Nov 2026 09:30:00 +0100"
    if reply_to:
        m["In-Reply-To"] = f"<{reply_to}@test>"
    m.set_content(f"{subject}\n\nBest,\nsomeone\n")
    return m.as_bytes()


def account_for(server: Any, user: str, monkeypatch: pytest.MonkeyPatch) -> MailAccount:
    monkeypatch.setenv(PW_VAR, PASSWORD)
    return MailAccount(
        name="test",
        email=f"{user}@example.test",
        imap_host=server.host,
        imap_port=server.port,
        imap_security="none",
        imap_user=user,
        password_env=PW_VAR,
    )


def known_people(env: Env) -> None:
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )


def fill(server: Any, user: str, prefix: str = "m") -> None:
    """Per folder: messages about the application and messages about nothing."""
    me = f"{user}@example.test"
    deliver = server.deliver
    deliver(user, message("Ann Lee <ann.lee@acme.example>", me, "Next steps", f"{prefix}1"))
    deliver(user, message("Shop <news@shop.example>", me, "50% off", f"{prefix}2"))
    deliver(user, message("Ann Lee <ann.lee@acme.example>", me, "Your references", f"{prefix}3"))
    deliver(user, message("Friend <friend@example.org>", me, "Dinner?", f"{prefix}4"))
    deliver(user, message("Ann Lee <ann.lee@acme.example>", me, "Re: availability", f"{prefix}5"), "Junk")
    deliver(user, message("Prince <prince@lottery.example>", me, "You won", f"{prefix}6"), "Junk")
    deliver(user, message(me, "Ann Lee <ann.lee@acme.example>", "Thank you", f"{prefix}7"), "Sent")
    deliver(user, message(me, "friend@example.org", "Sure", f"{prefix}8"), "Sent")


def state(conn: db.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a sync writes, without ids and clocks, to compare two runs."""
    return {
        "folders": conn.execute(
            "SELECT account, folder, role, uidvalidity, uidnext, highestmodseq FROM mail_folder ORDER BY folder"
        ).fetchall(),
        "seen": conn.execute(
            "SELECT account, folder, uidvalidity, uid, matched FROM mail_seen ORDER BY 2, 4"
        ).fetchall(),
        "messages": conn.execute(
            "SELECT account, folder, uidvalidity, uid, message_id, direction, application_id, contact_id, "
            "match_reason, label, touchpoint_id FROM mail_message ORDER BY folder, uid"
        ).fetchall(),
        "touchpoints": conn.execute("SELECT COUNT(*) FROM touchpoint").fetchall(),
        "pending": conn.execute("SELECT COUNT(*) FROM mail_pending").fetchall(),
    }


class CountingConnect:
    """A client factory that records every IMAP command sent after LOGIN."""

    def __init__(self) -> None:
        self.commands: list[str] = []

    def __call__(self, account: MailAccount) -> IMAPClient:
        client = imap.connect(account)
        raw = client._imap
        send = raw.send

        def counting_send(data: bytes) -> None:
            # A new tagged command (imaplib's tags, or the Z tags of followup.mail.fetch), not a literal.
            if data.startswith(raw.tagpre) or re.match(rb"Z\d+ ", data):
                words = data.decode().upper().split()
                self.commands.append(" ".join(words[1:3]) if words[1] == "UID" else words[1])
            send(data)

        raw.send = counting_send
        return client


def fresh_env(tmp_path: Any, paths: dict[str, str], clock: Any, name: str) -> Env:
    environment = bootstrap(str(tmp_path / f"{name}.db"), paths["config"], clock=clock)
    known_people(environment)
    return environment


# -- tests -------------------------------------------------------------------------------------


def test_first_sync_keeps_only_matched_messages(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    report = sync(env, account_for(imap_server, user, monkeypatch))
    by_folder = {f.folder: f for f in report.folders}
    assert {name: (f.seen, f.matched) for name, f in by_folder.items()} == {
        "INBOX": (4, 2),
        "Junk": (2, 1),
        "Sent": (2, 1),
    }
    rows = env.conn.execute("SELECT folder, message_id, direction FROM mail_message ORDER BY folder, uid").fetchall()
    assert rows == [
        ("INBOX", "<m1@test>", "received"),
        ("INBOX", "<m3@test>", "received"),
        ("Junk", "<m5@test>", "received"),
        ("Sent", "<m7@test>", "sent"),
    ]
    seen = env.conn.execute("SELECT folder, uid, matched FROM mail_seen ORDER BY folder, uid").fetchall()
    assert seen == [("INBOX", 1, 1), ("INBOX", 3, 1), ("Junk", 1, 1), ("Sent", 1, 1)]
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,), "everything read was noted"
    # Privacy: nothing of an unmatched message is stored, not even its UID: UIDNEXT says it was read.
    dump = database_servers.dump(env.conn)
    for secret in ("50% off", "shop.example", "Dinner?", "lottery", "Sure", "<m2@test>", "<m8@test>"):
        assert secret not in dump
    assert len(report.new_mail_ids) == 4
    roles = dict(env.conn.execute("SELECT role, folder FROM mail_folder").fetchall())
    assert roles == {"inbox": "INBOX", "junk": "Junk", "sent": "Sent", "drafts": "Drafts"}


def test_incremental_sync_reads_only_new_mail(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    sync(env, account)
    imap_server.deliver(user, message("Ann Lee <ann.lee@acme.example>", "me@x.test", "Offer", "new1"))
    imap_server.deliver(user, message("Other <o@elsewhere.example>", "me@x.test", "Hi", "new2"))
    counting = CountingConnect()
    report = sync(env, account, client_factory=counting)
    summary = {f.folder: (f.seen, f.matched, f.skipped) for f in report.folders}
    assert summary == {"INBOX": (2, 1, False), "Junk": (0, 0, True), "Sent": (0, 0, True)}
    # Only INBOX changed: EXAMINE, the header FETCH of the new UIDs (a range: no SEARCH needed)
    # and the body FETCH of the one that matched.
    assert counting.commands == ["LIST", "EXAMINE", "UID FETCH", "UID FETCH", "LOGOUT"]
    assert env.conn.execute("SELECT COUNT(*) FROM mail_message").fetchone()[0] == 5
    assert env.conn.execute("SELECT COUNT(*) FROM mail_seen").fetchone()[0] == 5


def test_no_change_sync_costs_one_command(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    sync(env, account)
    before = state(env.conn)
    counting = CountingConnect()
    report = sync(env, account, client_factory=counting)
    # The documented cost of an unchanged mailbox, after LOGIN: the state of all three folders
    # in one LIST-STATUS command, then LOGOUT.
    assert counting.commands == ["LIST", "LOGOUT"]
    assert all(f.skipped for f in report.folders)
    assert state(env.conn) == before


class WithoutListStatus(CountingConnect):
    """Dovecot as a server without LIST-STATUS (RFC 5819) would be: the capability is not announced."""

    def __call__(self, account: MailAccount) -> IMAPClient:
        client = super().__call__(account)
        client._cached_capabilities = tuple(c for c in client.capabilities() if c != b"LIST-STATUS")
        return client


def test_without_list_status_each_folder_is_asked_on_its_own(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    first = sync(env, account, client_factory=WithoutListStatus())
    assert sum(f.matched for f in first.folders) == 4
    imap_server.deliver(user, message("Ann Lee <ann.lee@acme.example>", "me@x.test", "Offer", "new1"))
    counting = WithoutListStatus()
    sync(env, account, client_factory=counting)
    assert counting.commands == ["STATUS", "STATUS", "EXAMINE", "UID FETCH", "UID FETCH", "STATUS", "LOGOUT"]
    counting = WithoutListStatus()
    sync(env, account, client_factory=counting)
    assert counting.commands == ["STATUS", "STATUS", "STATUS", "LOGOUT"]


@pytest.mark.parametrize("step", STEPS)
def test_interruption_at_any_step_then_resume_gives_the_same_state(
    step, env, imap_server, monkeypatch, tmp_path, paths, clock
):
    # Small batches, so that an interruption can also fall between two batches of one folder.
    monkeypatch.setattr(mailbox_module, "BATCH", 2)
    monkeypatch.setattr(pending_module, "BATCH", 2)
    user = imap_server.new_user()
    fill(imap_server, user)
    account = account_for(imap_server, user, monkeypatch)
    known_people(env)
    sync(env, account)
    expected = state(env.conn)
    occurrence = 0
    while True:
        occurrence += 1
        target = fresh_env(tmp_path, paths, clock, f"{step}-{occurrence}")
        calls = 0

        def crash(name: str, occurrence: int = occurrence) -> None:
            nonlocal calls
            if name == step:
                calls += 1
                if calls == occurrence:
                    raise KeyboardInterrupt(f"interrupted at {name} #{occurrence}")

        try:
            sync(target, account, hooks=crash)
        except KeyboardInterrupt:
            sync(target, account)
            assert state(target.conn) == expected, f"after an interruption at {step} #{occurrence}"
            target.close()
            continue
        target.close()
        break
    assert occurrence > 1, f"the step {step!r} was never reached"


def test_uidvalidity_change_rescans_without_duplicates(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    sync(env, account)
    before = env.conn.execute("SELECT COUNT(*) FROM mail_message").fetchone()[0]
    old = env.conn.execute("SELECT uidvalidity FROM mail_folder WHERE folder = 'Junk'").fetchone()[0]
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as client:
        client.login(user, PASSWORD)
        client.select_folder("Junk")
        raws = [d[b"RFC822"] for _uid, d in sorted(client.fetch(client.search(), ["RFC822"]).items())]
        client.close_folder()
        client.delete_folder("Junk")
        client.create_folder("Junk")
        for raw in raws:
            client.append("Junk", raw)
        new = client.folder_status("Junk", ["UIDVALIDITY"])[b"UIDVALIDITY"]
    assert new != old
    report = sync(env, account)
    junk = next(f for f in report.folders if f.folder == "Junk")
    assert (junk.rescanned, junk.seen, junk.matched) == (True, 2, 1)
    assert env.conn.execute("SELECT COUNT(*) FROM mail_message").fetchone()[0] == before
    validities = {v for (v,) in env.conn.execute("SELECT uidvalidity FROM mail_seen WHERE folder = 'Junk'")}
    assert validities == {new}


def test_stored_folder_gone_is_found_again(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    sync(env, account)
    # Pretend the Sent folder was renamed on the server since the last sync.
    env.conn.execute("UPDATE mail_folder SET folder = 'Old Sent' WHERE folder = 'Sent'")
    report = sync(env, account)
    assert [f.folder for f in report.folders] == ["Sent", "INBOX", "Junk"]


def test_bad_password_is_a_clear_mail_error(imap_server, monkeypatch):
    user = imap_server.new_user()
    account = account_for(imap_server, user, monkeypatch)
    monkeypatch.setenv(PW_VAR, "wrong-Secret-42")
    with pytest.raises(imap.MailError) as caught:
        imap.connect(account)
    text = str(caught.value)
    assert f"refused the login of {user} at {imap_server.host}:{imap_server.port}" in text
    assert "app password" in text
    assert "wrong-Secret-42" not in text
    assert caught.value.exit_code == 10


def test_nothing_listening_is_a_clear_mail_error(monkeypatch):
    from mail_servers import free_port

    monkeypatch.setenv(PW_VAR, "x")
    port = free_port()
    account = MailAccount("t", "me@x.test", "127.0.0.1", imap_port=port, imap_security="none", password_env=PW_VAR)
    with pytest.raises(imap.MailError, match=f"nothing answers at 127.0.0.1:{port}"):
        imap.connect(account, timeout=5)


def test_cli_sync_prints_folders_and_new_replies(env, paths, imap_server, monkeypatch):
    from click.testing import CliRunner

    from followup.cli.context import AppContext
    from followup.cli.mail_sync import sync as sync_command
    from followup.mail.accounts import add_account

    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    add_account(paths["config"], account_for(imap_server, user, monkeypatch))
    app = AppContext(paths["db"], paths["config"])
    first = CliRunner().invoke(sync_command, [], obj=app)
    assert first.exit_code == 0, first.output
    assert "INBOX: 4 new, 2 about your applications" in first.output
    assert "Next steps" in first.output
    assert "50% off" not in first.output
    assert re.search(r"Done in [\d.]+ s: reading the mailbox [\d.]+ s, noting 4 messages [\d.]+ s\.", first.output)
    again = CliRunner().invoke(sync_command, ["--json"], obj=AppContext(paths["db"], paths["config"]))
    shown = json.loads(again.output)
    assert sorted(shown) == ["account", "duration_s", "folders", "reading_s"]
    assert [f["skipped"] for f in shown["folders"]] == [True, True, True]
    assert shown["folders"][0] == {
        "folder": "Sent", "role": "sent", "seen": 0, "matched": 0, "new_touchpoints": 0,
        "skipped": True, "rescanned": False, "new_mail_ids": [],
    }  # fmt: skip


def test_a_reply_from_an_unknown_address_threads_onto_mail_of_the_same_sync(env, imap_server, monkeypatch):
    # The user wrote to Ann; the answer comes from the company's applicant-tracking system,
    # an address nobody knows. Both are new in the first sync: the thread still ties them.
    user = imap_server.new_user()
    me = f"{user}@example.test"
    imap_server.deliver(user, message(me, "Ann Lee <ann.lee@acme.example>", "Thank you", "sent1"), "Sent")
    imap_server.deliver(user, message("Hiring <noreply@ats.example>", me, "Re: Thank you", "ats1", reply_to="sent1"))
    imap_server.deliver(user, message("Hiring <noreply@ats.example>", me, "Your account", "ats2"))
    known_people(env)
    report = sync(env, account_for(imap_server, user, monkeypatch))
    assert report.to_json()["folders"][0]["folder"] == "Sent"
    assert sum(f.matched for f in report.folders) == 2  # the sent message and the reply, not the unrelated one


def test_a_reply_in_the_same_batch_to_a_message_just_matched_is_found(env, imap_server, monkeypatch):
    # One INBOX batch: Ann's message, then the tracking system's answer to it from an unknown
    # address. The answer names nothing known until Ann's message has matched.
    user = imap_server.new_user()
    me = f"{user}@example.test"
    imap_server.deliver(user, message("Ann Lee <ann.lee@acme.example>", me, "Schedule", "ann1"))
    imap_server.deliver(user, message("Hiring <noreply@ats.example>", me, "Re: Schedule", "ats1", reply_to="ann1"))
    imap_server.deliver(user, message("Hiring <noreply@ats.example>", me, "Newsletter", "ats2"))
    known_people(env)
    report = sync(env, account_for(imap_server, user, monkeypatch))
    assert [(f.folder, f.matched) for f in report.folders if f.folder == "INBOX"] == [("INBOX", 2)]
    reasons = env.conn.execute("SELECT message_id, match_reason FROM mail_message ORDER BY uid").fetchall()
    assert reasons == [("<ann1@test>", "contact"), ("<ats1@test>", "thread")]


def test_matched_mail_read_but_not_yet_noted_is_noted_by_the_next_sync(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    sync_module.read(env, account)  # as if stopped between reading and noting
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (4,)
    assert env.conn.execute("SELECT COUNT(*) FROM mail_message").fetchone() == (0,)
    # A reply to a message still waiting to be noted threads onto it, from an unknown address.
    imap_server.deliver(user, message("Bot <bot@ats.example>", "me@x.test", "Re: Next steps", "bot1", reply_to="m1"))
    counting = CountingConnect()
    report = sync(env, account, client_factory=counting)
    assert counting.commands == ["LIST", "EXAMINE", "UID FETCH", "UID FETCH", "LOGOUT"]
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,)
    rows = env.conn.execute("SELECT message_id, match_reason FROM mail_message ORDER BY folder, uid").fetchall()
    assert ("<bot1@test>", "thread") in rows
    assert len(rows) == 5
    assert len(report.new_mail_ids) == 5  # the four from before count as new: the user has not seen them


def test_a_message_that_cannot_be_noted_waits_without_holding_up_the_rest(env, imap_server, monkeypatch, caplog):
    import followup.reading.classify as classify_module

    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)
    account = account_for(imap_server, user, monkeypatch)
    real = classify_module.classify

    def broken_on_references(parsed, **kwargs):
        if parsed.subject == "Your references":
            raise RuntimeError("a bug in the classifier")
        return real(parsed, **kwargs)

    monkeypatch.setattr(classify_module, "classify", broken_on_references)
    report = sync(env, account)
    assert len(report.new_mail_ids) == 3
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (1,)
    assert "could not note message 3 in INBOX" in caplog.text
    monkeypatch.setattr(classify_module, "classify", real)
    report = sync(env, account)
    assert len(report.new_mail_ids) == 1
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,)


def test_a_message_without_a_date_header_is_dated_by_its_arrival(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    raw = message("Ann Lee <ann.lee@acme.example>", "me@x.test", "No date", "nodate1").replace(
        b"Date: Tue, 17 Nov 2026 09:30:00 +0100\n", b""
    )
    assert b"Date:" not in raw
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False) as client:
        client.login(user, PASSWORD)
        arrival = datetime(2026, 11, 18, 14, 5, tzinfo=timezone(timedelta(hours=-5)))
        client.append("INBOX", raw, msg_time=arrival)
    known_people(env)
    sync(env, account_for(imap_server, user, monkeypatch))
    (occurred,) = env.conn.execute("SELECT occurred_at FROM touchpoint WHERE message_id = '<nodate1@test>'").fetchone()
    assert occurred == "2026-11-18T19:05:00Z"


def test_an_empty_folder_is_not_opened_and_sparse_uids_are_searched(env, imap_server, monkeypatch):
    monkeypatch.setattr(mailbox_module, "BATCH", 2)
    user = imap_server.new_user()
    me = f"{user}@example.test"
    for i in range(6):
        imap_server.deliver(user, message("Ann Lee <ann.lee@acme.example>", me, f"Note {i}", f"n{i}"))
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False) as client:
        client.login(user, PASSWORD)
        client.select_folder("INBOX")
        client.delete_messages([1, 2, 3, 4])
        client.expunge()
        client.create_folder("Junk")
        client.create_folder("Sent")
    known_people(env)
    counting = CountingConnect()
    report = sync(env, account_for(imap_server, user, monkeypatch), client_factory=counting)
    # Junk and Sent are empty: their STATUS says so, and they are not opened. INBOX has 2 messages
    # spread over 6 UIDs: a SEARCH finds them in fewer commands than fetching 3 ranges would.
    assert counting.commands.count("EXAMINE") == 1
    assert counting.commands.count("UID SEARCH") == 1
    assert counting.commands.count("UID FETCH") == 2  # the headers, then the two bodies
    assert [(f.folder, f.seen, f.matched) for f in report.folders if f.folder == "INBOX"] == [("INBOX", 2, 2)]
    subjects = [s for (s,) in env.conn.execute("SELECT subject FROM mail_message ORDER BY uid")]
    assert subjects == ["Note 4", "Note 5"]


def test_when_the_connection_breaks_what_was_read_is_noted_at_once(env, imap_server, monkeypatch):
    monkeypatch.setattr(mailbox_module, "BATCH", 2)
    user = imap_server.new_user()
    fill(imap_server, user)
    known_people(env)

    def break_after_sent(step: str) -> None:
        if step == "committed" and env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone()[0]:
            raise imap.MailError("the connection to the test server failed while reading headers in INBOX")

    with pytest.raises(imap.MailError):
        sync(env, account_for(imap_server, user, monkeypatch), hooks=break_after_sent)
    # Sent was read before the break: its message is noted (a touchpoint), nothing waits.
    assert env.conn.execute("SELECT folder, message_id FROM mail_message").fetchall() == [("Sent", "<m7@test>")]
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,)


def test_a_reply_with_a_raw_utf8_subject_is_noted(env, imap_server, monkeypatch):
    user = imap_server.new_user()
    raw = (
        "From: Ann Lee <ann.lee@acme.example>\r\nTo: me@x.test\r\nSubject: Rückmeldung zum Gespräch\r\n"
        "Message-ID: <umlaut1@test>\r\nDate: Tue, 17 Nov 2026 09:30:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "Leider haben wir uns für eine andere Kandidatin entschieden.\r\n"
    ).encode()
    imap_server.deliver(user, raw)
    known_people(env)
    report = sync(env, account_for(imap_server, user, monkeypatch))
    assert len(report.new_mail_ids) == 1
    assert env.conn.execute("SELECT COUNT(*) FROM mail_pending").fetchone() == (0,)
    subject, label = env.conn.execute("SELECT subject, label FROM mail_message").fetchone()
    assert (subject, label) == ("Rückmeldung zum Gespräch", "rejection")
