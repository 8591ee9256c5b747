"""Mail sync by `followup worker` processes: mailboxes per minute and CPU seconds per mailbox.

Usage:
    .venv/bin/python benchmarks/mail_workers.py [--mailboxes 40] [--messages 200] [--known 10]
        [--workers 1 2] [--concurrency 4] [--connections N] [--idle-accounts 100000]

The issue's size is `--mailboxes 1000 --messages 200` (200,000 messages: filling Dovecot takes a
few minutes, and the first sync by one worker some more).

It starts a PostgreSQL and a Dovecot of its own (the test suite's, tests/database_servers.py and
tests/mail_servers.py), makes a hosted database with --mailboxes job seekers, each with one
application and one mailbox of --messages messages, --known of them replies from that
application's contact (the rest newsletters), then for each number of workers in --workers:

    first     a fresh copy of the database; one sync of every mailbox queued (as the minute's
              rounds queue them); that many `followup worker --once --queues mail` processes
              started together, each with --concurrency threads; the time until the last one
              exits, and the CPU time of the worker processes (user + system)
    nochange  the same again on the database the first sync left: every mailbox read again,
              nothing new in any

and, for the first number of workers, `round`: one round of every account (the reminder pass with
nothing due, its mailbox's sync found queued already), what an account costs when it is due. During
each run, the most connections the workers held at once (`pg_stat_activity`): their jobs' pools
(`--connections`, default one per job at once) and the queue's own.

Last, with --idle-accounts N (100,000 by default; 0 skips it): N more accounts, each noted by its
last round with nothing due before tomorrow, and the minute's query (`served.owners_due`) timed
over them: what idle accounts cost now that rounds are queued only when due.

From each: mailboxes (or rounds) per minute (wall time less a worker's start-up and shutdown, measured alone
with an empty queue) and worker CPU seconds per mailbox (less each worker's start-up CPU, measured
the same way). PostgreSQL's and Dovecot's own CPU is
not counted (they are other processes: see `top` while it runs). Figures are printed, not written
anywhere: BENCHMARKS.md is updated by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "src"), os.path.join(HERE, "..", "tests")]

CREATED = "2026-11-16T09:00:00Z"
TEMPLATE = "bench_workers"


def message(i: int, to: str, sender: str, known: bool) -> bytes:
    m = EmailMessage()
    m["From"], m["To"] = (f"Ann Lee <{sender}>" if known else f"News <n{i}@news.example>"), to
    m["Subject"] = f"Re: your application ({i})" if known else f"This week's offers ({i})"
    m["Message-ID"], m["Date"] = f"<bench-{i}-{to}>", "Tue, 17 Nov 2026 09:30:00 +0100"
    body = "Thank you for your patience. We will be in touch next week.\n" if known else "Offers of the week.\n" * 20
    m.set_content(body)
    return m.as_bytes()


def fill(server: Any, url: str, config: str, mailboxes: int, messages: int, known: int) -> None:
    """The hosted database (owners, accounts, settings, one application and contact each) and the mailboxes."""
    from imapclient import IMAPClient

    import database_servers
    from followup.app import applications, stored_secrets
    from followup.app.context import bootstrap, env_for
    from followup.domain.model import ContactRole
    from mail_servers import PASSWORD
    from worker_support import server_key, settings_of

    users: dict[int, str] = {}
    conn = database_servers.connect(url)
    with conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('hosted', '1')")
        for _ in range(mailboxes):
            user = server.new_user()
            owner = conn.execute(
                "INSERT INTO owner (name, created_at) VALUES (?, ?) RETURNING id", (user, CREATED)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at) "
                "VALUES (?, ?, ?, 'seeker', 'unused', ?, ?)",
                (owner, f"{user}@example.test", user, CREATED, CREATED),
            )
            conn.execute(
                "INSERT INTO owner_settings (owner_id, document, updated_at) VALUES (?, ?, ?)",
                (owner, settings_of(user, server), CREATED),
            )
            users[owner] = user
    conn.close()  # a database copied as a template must have no one connected
    base = bootstrap(url, config)
    every = max(1, messages // max(1, known))
    os.environ.setdefault(stored_secrets.KEYS_VARIABLE, server_key())
    try:
        for owner, user in users.items():
            env = env_for(base, owner)
            stored_secrets.keep(env, stored_secrets.MAIL_PASSWORD, user, PASSWORD)  # as Settings → Mail saves it
            added = applications.add_application(env, applications.NewApplication(company="ACME", role="Analyst"))
            contact = f"ann.{user}@acme.example"
            applications.add_contact(
                env,
                applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email=contact),
                application_id=added.id,
            )
            to = f"{user}@example.test"
            batch = [message(i, to, contact, i % every == 0 and i // every < known) for i in range(messages)]
            with IMAPClient(server.host, port=server.port, ssl=False, timeout=120) as client:
                client.login(user, PASSWORD)
                for start in range(0, len(batch), 500):
                    client.multiappend("INBOX", batch[start : start + 500])
    finally:
        base.close()


def queue_every_mailbox(url: str, config: str) -> int:
    """One sync of every mailbox queued; mailbox syncs queued earlier (their next runs) taken away first."""
    import database_servers
    from followup.app.job_queue import queue_mail
    from followup.worker.jobs import Where, build
    from followup.worker.process import ensure_schema

    async def tables() -> None:
        app = build(Where(url, config))
        async with app.open_async():
            await ensure_schema(app)

    asyncio.run(tables())
    conn = database_servers.connect(url)
    with conn:
        conn.execute("DELETE FROM procrastinate_jobs WHERE status = 'todo'")
        owners = [row[0] for row in conn.execute("SELECT owner_id FROM account ORDER BY owner_id").fetchall()]
    conn.close()
    app = build(Where(url, config))
    with app.open():
        for owner in owners:
            queue_mail(app, owner, "box")
    return len(owners)


def queue_every_round(url: str, config: str) -> int:
    """One round of every account queued (what the minute does), its plan already fresh."""
    import database_servers
    from followup.app import hosted_jobs
    from followup.app.context import bootstrap, env_for
    from followup.app.job_queue import queue_rounds
    from followup.worker.jobs import Where, build

    base = bootstrap(url, config)
    try:
        owners = hosted_jobs.served_owners(base)
        for owner in owners:
            hosted_jobs.replan(env_for(base, owner))
    finally:
        base.close()
    conn = database_servers.connect(url)
    with conn:
        conn.execute("DELETE FROM procrastinate_jobs WHERE status = 'todo' AND task_name = 'round'")
    conn.close()
    app = build(Where(url, config))
    with app.open():
        return queue_rounds(app, owners)


class Connections:
    """The most database connections the worker processes held at once, sampled from pg_stat_activity
    while they run: those their jobs borrow, and the queue's own (Procrastinate's pool and LISTEN)."""

    def __init__(self, url: str) -> None:
        import threading

        self.url = url
        self.jobs = self.queue = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import database_servers

        conn = database_servers.connect(self.url)
        try:
            while not self._stop.is_set():
                rows = conn.execute(
                    "SELECT application_name LIKE '%(queue)', count(*) FROM pg_stat_activity "
                    "WHERE application_name LIKE 'followup worker %' GROUP BY 1"
                ).fetchall()
                held = {bool(queue): int(count) for queue, count in rows}
                self.jobs, self.queue = max(self.jobs, held.get(False, 0)), max(self.queue, held.get(True, 0))
                time.sleep(0.05)
        finally:
            conn.close()

    def __enter__(self) -> Connections:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def idle_accounts_cost(postgres: Any, config: str, accounts: int) -> None:
    """The minute's query (`served.owners_due`) over `accounts` idle accounts (each noted by its last
    round, nothing due until tomorrow): how long it takes, and how many rounds it queues (none)."""
    import database_servers
    from followup.app import hosted_jobs
    from followup.app.context import bootstrap

    name = "bench_idle"
    postgres.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    url = postgres.url(name)
    try:
        conn = database_servers.connect(url)
        with conn:
            conn.execute(
                "INSERT INTO owner (name, created_at) SELECT 'idle' || n, ? FROM generate_series(1, ?) AS n",
                (CREATED, accounts),
            )
            conn.execute(
                "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at) "
                "SELECT id, name || '@example.test', name, 'seeker', 'unused', ?, ? FROM owner "
                "WHERE name LIKE 'idle%'",
                (CREATED, CREATED),
            )
            conn.execute(
                "INSERT INTO owner_settings (owner_id, document, updated_at) "
                "SELECT id, 'timezone = \"Europe/Berlin\"', ? FROM owner WHERE name LIKE 'idle%'",
                (CREATED,),
            )
            # Every account noted by its last round: nothing due before tomorrow morning.
            conn.execute(
                "INSERT INTO meta (key, value) SELECT 'round_next:' || account.owner_id, ? FROM account "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                ("2026-12-02T07:00:00Z 2026-12-01T09:00:00Z 7",),
            )
            conn.execute("ANALYZE")
        conn.close()
        from datetime import UTC, datetime

        base = bootstrap(url, config, clock=lambda: datetime(2026, 12, 1, 10, tzinfo=UTC))
        try:
            times, due = [], []
            for _ in range(5):
                started = time.perf_counter()
                due = hosted_jobs.due_owners(base)
                times.append(time.perf_counter() - started)
        finally:
            base.close()
        print(
            f"the minute's query over {accounts} idle accounts: {statistics.median(times) * 1000:.0f} ms "
            f"(median of 5), {len(due)} rounds due"
        )
    finally:
        postgres.admin(f"DROP DATABASE {name} WITH (FORCE)")


def run_workers(
    url: str, config: str, count: int, concurrency: int, folder: str, queue: str = "mail", connections: int = 0
) -> tuple[float, float]:
    """`count` workers with --once until the last exits: (wall seconds, their CPU seconds). `connections`:
    each worker's --connections (0: its default, one per job at once)."""
    from worker_support import ENTRY, server_key

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    processes = []
    for number in range(count):
        command = [sys.executable, "-c", ENTRY, "--db", url, "--config", config, "worker", "--once"]
        command += ["--queues", queue, "--concurrency", str(concurrency), "--name", f"bench-{number}"]
        command += ["--connections", str(connections)] if connections else []
        log = open(os.path.join(folder, f"worker-{number}.log"), "ab")  # noqa: SIM115 (closed below)
        environment = {**os.environ, "FOLLOWUP_SECRET_KEYS": server_key()}  # the seekers' passwords are saved
        processes.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=environment), log))
    for process, log in processes:
        if process.wait() != 0:
            raise SystemExit(f"a worker failed: see {log.name}")
        log.close()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mailboxes", type=int, default=40)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--known", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--connections", type=int, default=0, help="each worker's --connections (default: its own)")
    parser.add_argument("--idle-accounts", type=int, default=100_000, help="accounts for the minute's query (0: skip)")
    args = parser.parse_args()

    import database_servers
    import mail_servers

    dovecot = mail_servers.imap_server._get_wrapped_function()()  # the fixture as a generator
    imap = next(dovecot)
    pg_bin = database_servers._bin_dir()
    if pg_bin is None:
        raise SystemExit("PostgreSQL is not installed")
    postgres = database_servers.PostgresServer(pg_bin)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-workers-") as folder:
            config = os.path.join(folder, "settings.toml")
            with open(config, "w", encoding="utf-8") as out:
                out.write('timezone = "Europe/Berlin"\ncountry = "DE"\n')
            postgres.admin(f"CREATE DATABASE {TEMPLATE} TEMPLATE followup_template")
            t0 = time.perf_counter()
            fill(imap, postgres.url(TEMPLATE), config, args.mailboxes, args.messages, args.known)
            print(f"filled {args.mailboxes} mailboxes of {args.messages} messages in {time.perf_counter() - t0:.1f} s")
            measure(postgres, config, folder, args)
    finally:
        postgres.stop()
        next(dovecot, None)


def measure(postgres: Any, config: str, folder: str, args: argparse.Namespace) -> None:
    # A worker's start-up and shutdown, with nothing to do: taken off the wall times below.
    empty = postgres.url(TEMPLATE)
    queue_every_mailbox(empty, config)  # the queue's tables, in the template the runs below copy
    import database_servers

    conn = database_servers.connect(empty)
    with conn:
        conn.execute("DELETE FROM procrastinate_jobs")
    conn.close()
    alone = [run_workers(empty, config, 1, args.concurrency, folder) for _ in range(3)]
    idle = statistics.median(wall for wall, _cpu in alone)
    idle_cpu = statistics.median(cpu for _wall, cpu in alone)
    print(f"a worker's start-up and shutdown with an empty queue: {idle:.2f} s, {idle_cpu:.2f} CPU s (taken off below)")
    print(f"{'workers':>7} {'sync':>9} {'wall s':>7} {'mailboxes/min':>14} {'CPU s/mailbox':>14} {'connections':>12}")
    for count in args.workers:
        name = f"bench_{count}"
        postgres.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        url = postgres.url(name)
        for kind in ("first", "nochange"):
            mailboxes = queue_every_mailbox(url, config)
            with Connections(url) as held:
                wall, cpu = run_workers(url, config, count, args.concurrency, folder, connections=args.connections)
            net = max(wall - idle, 1e-6)
            net_cpu = max(cpu - count * idle_cpu, 0.0)
            shown = f"{held.jobs} + {held.queue}"
            print(
                f"{count:>7} {kind:>9} {wall:7.2f} {mailboxes / net * 60:14.0f} {net_cpu / mailboxes:14.4f} {shown:>12}"
            )
        if count == args.workers[0]:
            # Each account's minute: the reminder pass (nothing due) and its mailbox's sync found queued.
            rounds = queue_every_round(url, config)
            wall, cpu = run_workers(url, config, count, args.concurrency, folder, queue="reminders")
            net, net_cpu = max(wall - idle, 1e-6), max(cpu - count * idle_cpu, 0.0)
            print(f"{count:>7} {'round':>9} {wall:7.2f} {rounds / net * 60:14.0f} {net_cpu / rounds:14.4f}  (rounds)")
        postgres.admin(f"DROP DATABASE {name} WITH (FORCE)")
    print("connections: the most held at once by all the workers' jobs + by their queues (pool and LISTEN)")
    if args.idle_accounts:
        idle_accounts_cost(postgres, config, args.idle_accounts)


if __name__ == "__main__":
    main()
