"""`followup mail draft` and `followup mail send`: a checked follow-up into Drafts, or out once.

Drafting is the default way: the message waits in the account's Drafts folder and
the user sends it from their own mail program. `send` always shows the draft and
asks first (unless --yes), and never sends a draft with error-level findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.drafting.model import DraftKind

if TYPE_CHECKING:
    from followup.app.context import Env
    from followup.app.drafts import CheckedDraft
    from followup.app.mail_sending import MaybeSent, Outcome, Prepared

KINDS = [kind.value for kind in DraftKind if kind.medium == "email"]
TONES = ["formal", "warm", "brief"]


@click.command()
@click.argument("action_id", metavar="ACTION")
@click.option("--kind", type=click.Choice(KINDS), help="Which draft, when the action has more than one.")
@click.option("--tone", type=click.Choice(TONES), help="Formal, warm or brief (default: follows the company style).")
@click.option("--account", "account_name", metavar="NAME", help="The mail account (needed when there are several).")
@click.option(
    "--to",
    "to",
    metavar="ADDRESS|CONTACT",
    help="Whom it goes to: an email address or a contact (default: whom the draft is for).",
)
@output_options
@pass_app
def draft(
    app_ctx: AppContext, action_id: str, kind: str | None, tone: str | None, account_name: str | None, to: str | None
) -> None:
    """Put the checked draft for ACTION into your Drafts folder, to review and send yourself.

    It replies in your last thread with them (In-Reply-To, References, "Re:" subject).
    An answer to a request from a generic address (careers@) goes back to that address;
    --to sends it to someone else. A draft is not a sent message: the agenda moves on
    when you send it.
    """
    from followup.app import mail_account, mail_sending
    from followup.cli.draft import say_how_to_set_once
    from followup.drafting.model import Tone

    env = app_ctx.env
    say_how_to_set_once(app_ctx, name=True, zone=True)
    account = mail_account.get_account(env.config_path, account_name)
    prepared = mail_sending.prepare(
        env,
        action_id,
        "draft",
        account,
        kind=DraftKind(kind) if kind else None,
        tone=Tone(tone) if tone else None,
        to=to,
    )
    outcome = None
    if not prepared.already:
        outcome = mail_sending.save_draft_in_mailbox(env, prepared.item, account, replace=prepared.changed)
    note = mail_sending.tone_note(prepared.checked, Tone(tone) if tone else None)
    if app_ctx.json:
        emit_json(_as_json(prepared, outcome) | ({"note": note} if note else {}))
        return
    if prepared.checked is not None:
        _show(prepared.checked)
    if note:
        click.secho(f"Note: {note}", fg="yellow", err=True)
    item = outcome.item if outcome is not None else prepared.item
    if item.state == "sent":
        click.echo(f"Already sent on {_local(env, item.updated_at)} as {item.message_id}; not put in Drafts.")
        return
    if prepared.already or (outcome is not None and outcome.already):
        click.echo(f"Already in your Drafts folder since {_local(env, item.updated_at)}; nothing was added again.")
        return
    replaced = outcome is not None and outcome.replaced
    saved = "This text replaced the earlier one in" if replaced else "Saved in"
    click.echo(f"{saved} the Drafts folder of {account.email}. Review it there and send it from your mail program.")
    click.echo(
        "Nothing is recorded as sent yet: once it is out, run "
        f"`followup done {prepared.item.action_id}` (or `followup mail send {prepared.item.action_id}`)."
    )


@click.command()
@click.argument("action_id", metavar="ACTION")
@click.option("--account", "account_name", metavar="NAME", help="The mail account (needed when there are several).")
@click.option("--yes", is_flag=True, help="Send without asking (required when not in a terminal).")
@click.option("--resend", is_flag=True, help="After an interrupted send that may have gone out: send it again anyway.")
@click.option(
    "--to",
    "to",
    metavar="ADDRESS|CONTACT",
    help="Whom it goes to: an email address or a contact (default: whom the draft is for).",
)
@output_options
@pass_app
def send(
    app_ctx: AppContext, action_id: str, account_name: str | None, yes: bool, resend: bool, to: str | None
) -> None:
    """Send the checked draft for ACTION now, over SMTP, after showing it to you.

    Refuses while the checks find errors (exit code 1). A follow-up is sent at most
    once: running this again reports it, and an interrupted send is finished without
    sending twice when its copy is in your Sent folder. When nothing can tell whether
    an interrupted send reached the server, it is not sent again unless you say so
    (asked in a terminal, or --resend; exit code 5 otherwise).
    """
    from followup.app import mail_account
    from followup.app import mail_sending as sending

    if not yes and not app_ctx.interactive:
        raise click.UsageError("sending needs a confirmation: add --yes (nothing was sent)")
    env = app_ctx.env
    account = mail_account.get_account(env.config_path, account_name)
    try:
        prepared = sending.prepare(env, action_id, "send", account, to=to)
    except sending.DraftHasErrors as exc:
        if app_ctx.json:
            emit_json({"state": "refused", "error": exc.message, **_draft_json(exc.checked)})
        else:
            _show(exc.checked)
            click.secho("Not sent: fix the errors above first.", fg="red", err=True)
        raise SystemExit(1) from None
    item = prepared.item
    if prepared.already:
        if app_ctx.json:
            emit_json(_as_json(prepared, None))
        else:
            click.echo(f"Already sent on {_local(env, item.updated_at)} as {item.message_id}; nothing was sent again.")
        return
    if not app_ctx.json:
        if prepared.checked is not None:
            _show(prepared.checked)
        if prepared.resumed:
            click.echo("An earlier send of this message was interrupted; your Sent folder is checked first.")
    if not yes:
        people = ", ".join(f"{name} <{address}>" if name else address for name, address in item.recipients())
        if not click.confirm(f"Send this to {people}?", default=False):
            click.echo("Not sent.")
            return
    # Only a person at a terminal who did not say --yes is asked; otherwise MaybeSent ends the command (exit code 5).
    ask = None if yes or app_ctx.json or not app_ctx.interactive else _ask_to_resend
    outcome = sending.send_from_account(env, item, account, resend=resend, ask_to_resend=ask)
    if outcome is None:
        click.echo("Not sent.")
        return
    if app_ctx.json:
        emit_json(_as_json(prepared, outcome))
        return
    if outcome.already:
        click.echo("Already sent; nothing was sent again.")
    elif outcome.recovered:
        click.echo(f"It had already gone out (found in your Sent folder as {item.message_id}): recorded, not resent.")
    else:
        click.echo(f"Sent as {item.message_id}.")
    if outcome.filed == "copied":
        click.echo("A copy is in your Sent folder.")
    for warning in outcome.warnings:
        click.secho(f"Note: {warning}", fg="yellow", err=True)
    if outcome.touchpoint_id is not None:
        click.echo("Recorded in the application's history; `followup agenda` shows what comes next.")


def _ask_to_resend(doubt: MaybeSent) -> bool:
    click.secho(f"Careful: {doubt.message}.", fg="yellow")
    return click.confirm("Send it again anyway?", default=False)


def _local(env: Env, stored: str) -> str:
    """A stored UTC time as the user reads it, e.g. 'Wed 18 Nov 15:30'."""
    from datetime import datetime

    from followup.cli.render import when

    return when(datetime.fromisoformat(stored.replace("Z", "+00:00")).astimezone(env.tz))


def _show(checked: CheckedDraft) -> None:
    from followup.cli.check import print_findings
    from followup.cli.render import console, esc

    out = console()
    draft = checked.draft
    out.print(f"[dim]To:[/] {esc(', '.join(f'{p.name} <{p.email}>' if p.email else p.name for p in draft.to))}")
    out.print(f"[dim]Subject:[/] {esc(draft.subject)}")
    if draft.in_reply_to:
        out.print(f"[dim]In reply to:[/] {esc(draft.in_reply_to)}")
    out.print()
    out.print(esc(draft.body), soft_wrap=True)
    out.print()
    print_findings(f"{draft.subject}\n\n{draft.body}", checked.findings)


def _draft_json(checked: CheckedDraft) -> dict[str, Any]:
    from followup.app import shapes

    draft = checked.draft
    return {
        "kind": draft.kind.value,
        "subject": draft.subject,
        "body": draft.body,
        "recipients": [{"name": p.name, "email": p.email} for p in draft.to],
        "in_reply_to": draft.in_reply_to,
        "references": list(draft.references),
        "checks": [shapes.finding(f) for f in checked.findings],
    }


def _as_json(prepared: Prepared, outcome: Outcome | None) -> dict[str, Any]:
    item = outcome.item if outcome is not None else prepared.item
    data: dict[str, Any] = {
        "action": item.action_id,
        "account": item.account,
        "message_id": item.message_id,
        "state": item.state,
        "already": prepared.already or (outcome is not None and outcome.already),
        "recovered": outcome.recovered if outcome is not None else False,
        "replaced": outcome.replaced if outcome is not None else False,
        "filed": outcome.filed if outcome is not None else "",
        "touchpoint_id": item.touchpoint_id,
        "warnings": outcome.warnings if outcome is not None else [],
    }
    if prepared.checked is not None:
        data.update(_draft_json(prepared.checked))
    return data
