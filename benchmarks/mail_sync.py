"""Mailbox sync against a real Dovecot: first sync vs. a bare header fetch, and a no-change sync.

Usage:
    .venv/bin/python benchmarks/mail_sync.py [--messages 10000] [--known 300] [--runs 5]

It starts a private Dovecot (the test suite's configuration, tests/mail_servers.py),
fills one mailbox's INBOX with --messages messages, --known of them from a contact
of a known application (replies of the labelled development set, tests/data/mail/dev,
re-addressed; the rest short newsletters), by MULTIAPPEND in batches of 500, then,
--runs times each:

    bare    imaplib: LOGIN, SELECT INBOX, one UID FETCH 1:* of the same header fields
            and INTERNALDATE that sync reads, LOGOUT (the floor for reading them at all)
    first   the first sync's reading step, followup.app.mail_sync.read, on an empty database:
            LOGIN, LIST, STATUS and SELECT of INBOX, Junk and Sent, the header fields of
            every message, matching, the full text of the matched ones, queued with the
            folder state in one commit per batch, LOGOUT
    noting  the first sync's second step, followup.app.mail_pending.note_pending: each
            matched message parsed, classified, recorded as a touchpoint with its
            suggestion, plans refreshed (work a bare fetch has no counterpart for)
    whole   first + noting, which is what `followup mail sync` does
    nochange a second sync: its IMAP commands are counted

and prints medians, the first/bare ratio (goal <= 1.5), the noting rate, and the
no-change command count and time (goals: <= 3 commands after LOGIN,
< 200 ms). The bare fetch and the sync alternate within each run, so both see the
same load on a shared machine.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import imaplib
import os
import statistics
import sys
import tempfile
import time
from email.message import EmailMessage
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "src"), os.path.join(HERE, "..", "tests")]


def raw(i: int, sender: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "me@example.test", f"Message {i}"
    m["Message-ID"], m["Date"] = f"<bench{i}@example.test>", "Tue, 17 Nov 2026 09:30:00 +0100"
    m.set_content(f"Body of message {i}.\n" * 20)
    return m.as_bytes()


def replies() -> list[bytes]:
    """The labelled development set: real-looking replies (quoted threads, signatures, four languages)."""
    folder = os.path.join(HERE, "..", "tests", "data", "mail", "dev")
    return [
        open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder)) if name.endswith(".eml")
    ]


def reply(i: int, template: bytes) -> bytes:
    """A development-set reply as if Ann Lee of a known application had sent it."""
    m = email.message_from_bytes(template, policy=email.policy.default)
    for name in ("From", "To", "Cc", "Message-ID", "Date", "In-Reply-To", "References"):
        del m[name]
    m["From"], m["To"] = "Ann Lee <ann.lee@acme.example>", "me@example.test"
    m["Message-ID"], m["Date"] = f"<bench{i}@example.test>", "Tue, 17 Nov 2026 09:30:00 +0100"
    return m.as_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--known", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from imapclient import IMAPClient

    import mail_servers

    server_cm = mail_servers.imap_server._get_wrapped_function()()  # the fixture as a generator
    server = next(server_cm)
    try:
        user = server.new_user()
        known_every = max(1, args.messages // max(1, args.known))
        templates = replies()
        t0 = time.perf_counter()
        with IMAPClient(server.host, port=server.port, ssl=False, timeout=60) as client:
            client.login(user, mail_servers.PASSWORD)
            for start in range(0, args.messages, 500):
                batch = [
                    reply(i, templates[(i // known_every) % len(templates)])
                    if i % known_every == 0
                    else raw(i, f"n{i}@news.example")
                    for i in range(start, min(start + 500, args.messages))
                ]
                client.multiappend("INBOX", batch)
        print(f"filled {args.messages} messages in {time.perf_counter() - t0:.1f} s")
        results = measure(server, user, args.runs)
    finally:
        next(server_cm, None)
    for name, values in results.items():
        if name not in ("commands", "noted"):
            print(f"{name:>9}: median {statistics.median(values) * 1000:8.1f} ms  (min {min(values) * 1000:.1f})")
    ratios = [f / b for f, b in zip(results["first"], results["bare"], strict=True)]
    ratio = statistics.median(results["first"]) / statistics.median(results["bare"])
    per_run = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"first sync (reading) / bare fetch: {ratio:.2f} of the medians; per run {per_run}")
    whole = [f + n for f, n in zip(results["first"], results["noting"], strict=True)]
    print(f"whole first sync / bare fetch: {statistics.median(whole) / statistics.median(results['bare']):.2f}")
    rate = results["noted"][0] / statistics.median(results["noting"])
    print(f"noting: {results['noted'][0]} matched messages, {rate:.0f} messages/s")
    print(f"no-change commands after LOGIN: {results['commands'][0]}, LOGOUT included (goal: at most 3)")


def measure(server: Any, user: str, runs: int) -> dict[str, Any]:
    from followup.app.context import bootstrap
    from followup.app.mail_pending import note_pending
    from followup.app.mail_sync import read, sync
    from followup.mail.mailbox import HEADER_FIELDS
    from mail_servers import PASSWORD
    from test_mail_sync import CountingConnect, account_for, known_people

    class Env:
        def setenv(self, key: str, value: str) -> None:
            os.environ[key] = value

    account = account_for(server, user, Env())  # type: ignore[arg-type]
    out: dict[str, Any] = {"bare": [], "first": [], "noting": [], "nochange": [], "commands": [], "noted": []}
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "settings.toml")
        with open(config, "w") as fh:
            fh.write('timezone = "Europe/Berlin"\ncountry = "DE"\n')
        for run in range(runs):
            t0 = time.perf_counter()
            bare = imaplib.IMAP4(server.host, server.port)
            bare.login(user, PASSWORD)
            bare.select("INBOX", readonly=True)
            bare.uid("FETCH", "1:*", f"({HEADER_FIELDS} INTERNALDATE)")
            bare.logout()
            out["bare"].append(time.perf_counter() - t0)

            env = bootstrap(os.path.join(tmp, f"run{run}.db"), config)
            known_people(env)
            t0 = time.perf_counter()
            read(env, account)
            out["first"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            noted = note_pending(env, auto_apply={account.name: account.auto_apply})
            out["noting"].append(time.perf_counter() - t0)
            out["noted"].append(len(noted))
            counting = CountingConnect()
            t0 = time.perf_counter()
            sync(env, account, client_factory=counting)
            out["nochange"].append(time.perf_counter() - t0)
            out["commands"].append(len(counting.commands))
            env.close()
    return out


if __name__ == "__main__":
    main()
