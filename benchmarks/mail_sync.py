"""Mailbox sync against a real Dovecot: first sync vs. a bare header fetch, and a no-change sync.

Usage:
    .venv/bin/python benchmarks/mail_sync.py [--messages 10000] [--known 300] [--runs 5]

It starts a private Dovecot (the test suite's configuration, tests/mail_servers.py),
fills one mailbox's INBOX with --messages messages, --known of them from a contact
of a known application (MULTIAPPEND, batches of 500), then, --runs times each:

    bare    imaplib: LOGIN, SELECT INBOX, one UID FETCH 1:* of the same header fields
            and INTERNALDATE that sync reads, LOGOUT (the floor for reading them at all)
    first   followup.mail.sync.sync on an empty database (headers, matching, bodies of
            the matched ones, intake, batch commits)
    nochange a second sync: its IMAP commands are counted

and prints medians, the first/bare ratio (goal <= 1.5), how much of the first sync
was spent in intake.record for the matched messages (classification, touchpoint,
plan refresh: work a bare fetch does not do), and the no-change command
count and time (goals: <= 3 commands after LOGIN besides LOGOUT, < 200 ms).
"""

from __future__ import annotations

import argparse
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
        t0 = time.perf_counter()
        with IMAPClient(server.host, port=server.port, ssl=False, timeout=60) as client:
            client.login(user, mail_servers.PASSWORD)
            for start in range(0, args.messages, 500):
                batch = [
                    raw(i, "Ann Lee <ann.lee@acme.example>" if i % known_every == 0 else f"n{i}@news.example")
                    for i in range(start, min(start + 500, args.messages))
                ]
                client.multiappend("INBOX", batch)
        print(f"filled {args.messages} messages in {time.perf_counter() - t0:.1f} s")
        results = measure(server, user, args.runs)
    finally:
        next(server_cm, None)
    for name, values in results.items():
        if name != "commands":
            print(f"{name:>9}: median {statistics.median(values) * 1000:8.1f} ms  (min {min(values) * 1000:.1f})")
    ratio = statistics.median(results["first"]) / statistics.median(results["bare"])
    print(f"first sync / bare fetch: {ratio:.2f} (goal <= 1.5)")
    without = statistics.median(f - i for f, i in zip(results["first"], results["intake"], strict=True))
    print(f"first sync without intake.record / bare fetch: {without / statistics.median(results['bare']):.2f}")
    print(f"no-change commands after LOGIN: {results['commands'][0]} (goal: STATUS x3 + LOGOUT)")


def measure(server: Any, user: str, runs: int) -> dict[str, Any]:
    from followup.bootstrap import bootstrap
    from followup.mail.sync import HEADER_FIELDS, sync
    from mail_servers import PASSWORD
    from test_mail_sync import CountingConnect, account_for, known_people

    class Env:
        def setenv(self, key: str, value: str) -> None:
            os.environ[key] = value

    account = account_for(server, user, Env())  # type: ignore[arg-type]
    import followup.mail.intake as intake

    out: dict[str, Any] = {"bare": [], "first": [], "intake": [], "nochange": [], "commands": []}
    record, spent = intake.record, [0.0]

    def timed_record(*args: Any, **kwargs: Any) -> int:
        t = time.perf_counter()
        try:
            return record(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    intake.record = timed_record
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
            t0, spent[0] = time.perf_counter(), 0.0
            sync(env, account)
            out["first"].append(time.perf_counter() - t0)
            out["intake"].append(spent[0])
            counting = CountingConnect()
            t0 = time.perf_counter()
            sync(env, account, client_factory=counting)
            out["nochange"].append(time.perf_counter() - t0)
            out["commands"].append(len(counting.commands))
            env.close()
    return out


if __name__ == "__main__":
    main()
