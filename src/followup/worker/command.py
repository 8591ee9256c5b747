"""`followup worker`: one worker process of a hosted installation (loaded lazily by the CLI, by name)."""

from __future__ import annotations

import os
import socket
import sys

import click

# worker.jobs.QUEUES, named here too so that `followup worker --help` does not load Procrastinate.
QUEUE_NAMES = ("schedule", "reminders", "mail", "send", "plan")


def _queues(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in QUEUE_NAMES]
    if unknown or not names:
        raise click.BadParameter(
            f"{', '.join(unknown) or value!r} is not a queue; the queues are {', '.join(QUEUE_NAMES)}",
            param_hint="--queues",
        )
    return names


@click.command()
@click.option(
    "--concurrency",
    type=click.IntRange(1, 100),
    default=1,
    show_default=True,
    help="How many jobs this worker runs at once (a mail sync mostly waits on the network: 4 to 10 per core).",
)
@click.option(
    "--connections",
    type=click.IntRange(1, 1000),
    envvar="FOLLOWUP_WORKER_CONNECTIONS",
    metavar="N",
    help="Database connections the jobs share, kept open between jobs (default: --concurrency; "
    "env FOLLOWUP_WORKER_CONNECTIONS). Fewer than --concurrency: jobs wait their turn for one.",
)
@click.option(
    "--queues",
    metavar="LIST",
    callback=_queues,
    help=f"Take jobs only from these queues, comma-separated: {', '.join(QUEUE_NAMES)} (default: all).",
)
@click.option("--once", is_flag=True, help="Run what is due now, then stop (for cron, or to try a setup).")
@click.option(
    "--stalled-after",
    type=click.FloatRange(1, 3600),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="A worker silent this long is taken for dead; its jobs are run again by another.",
)
@click.option("--name", metavar="NAME", help="How this worker is named in the logs (default: host and process id).")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object a line on stderr, for journald, Docker or a log collector.",
)
@click.pass_context
def worker(
    ctx: click.Context,
    concurrency: int,
    connections: int | None,
    queues: list[str] | None,
    once: bool,
    stalled_after: float,
    name: str | None,
    log_format: str,
) -> None:
    """Run the jobs of a hosted installation: mail syncs, sends, reminders, digests, re-plans.

    Start any number, on any number of machines, against one PostgreSQL database (--db URL or
    FOLLOWUP_DATABASE_URL). SIGTERM or Ctrl-C finishes the jobs in hand, then exits.
    """
    from followup.app import mail_connection
    from followup.app.hosted_jobs import database_url
    from followup.worker import process
    from followup.worker.jobs import Where

    # A half-done mail provider stops the start with an error naming the variable, not every sync later.
    mail_connection.from_environment()

    root = ctx.find_root()
    fixed_now = getattr(root.obj, "fixed_now", None)
    where = Where(
        database_url=database_url(root.params.get("db_path"), root.params.get("config_path")),
        config_path=root.params.get("config_path"),
        clock=(lambda: fixed_now) if fixed_now else None,
    )
    name = name or f"{socket.gethostname()}-{os.getpid()}"
    sys.exit(process.run(where, name=name, queues=queues, concurrency=concurrency, connections=connections,
                         once=once, stalled_after=stalled_after, log_format=log_format))  # fmt: skip
