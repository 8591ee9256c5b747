"""`followup classify [FILE|-]`: what one employer reply means, without any account or database."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.errors import InvalidInput


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@output_options
@pass_app
def classify(app: AppContext, source: str) -> None:
    """Classify one email (RFC 5322, or a pasted body): rejection, next round, offer, ...

    Reads FILE, or standard input when FILE is - or missing. Prints the label, the date
    the employer promised news by (relative to the message's Date), a confidence
    between 0 and 1 and the phrase the label rests on.
    """
    from datetime import datetime

    from followup.app.classify import read_reply

    raw = _read(source)
    today = (app.fixed_now or datetime.now().astimezone()).date()
    result = read_reply(raw, today=today, config_path=app.config_path)
    data: dict[str, Any] = {
        "label": result.label,
        "promised_by": result.promised_by.isoformat() if result.promised_by else None,
        "confidence": result.confidence,
        "evidence": result.evidence,
        "promised_from": result.promised_from or None,
    }
    if app.json:
        from followup.cli.render import emit_json

        emit_json(data)
        return
    from followup.cli.render import day

    click.echo(f"Label:        {result.label.replace('_', ' ')}")
    click.echo(f"Promised by:  {day(result.promised_by)}")
    if result.promised_from:
        click.echo(f"  read from   {result.promised_from}")
    click.echo(f"Confidence:   {result.confidence:.2f}")
    click.echo(f"Evidence:     {'“' + result.evidence + '”' if result.evidence else '(nothing matched)'}")


def _read(source: str) -> bytes:
    if source == "-":
        import sys

        return sys.stdin.buffer.read()
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InvalidInput(
            f"cannot read {source}: {exc.strerror or exc}",
            hint="Give the path of a saved email (.eml), or - for stdin.",
        ) from None
