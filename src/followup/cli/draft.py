"""`followup draft`: the message a due action asks for, ready to send, with its check report."""

from __future__ import annotations

import os
import shlex
from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.drafting.model import DraftKind

KINDS = [kind.value for kind in DraftKind]
TONES = ["formal", "warm", "brief"]


@click.command()
@click.argument("action_id", metavar="[ACTION]", required=False)
@click.option(
    "--kind", type=click.Choice(KINDS), help="Which draft (for ACTION: e.g. the voicemail instead of the call)."
)
@click.option("--app", "app_ref", metavar="APP", help="Draft for this application, without a due action.")
@click.option("--contact", "contact_ref", metavar="NAME", help="Who it is for (with --app).")
@click.option("--tone", type=click.Choice(TONES), help="Formal, warm or brief (default: follows the company style).")
@click.option("--out", "out_path", metavar="FILE", help="Write it to FILE: .eml (email), .pdf (letter) or .txt.")
@click.option("--edit", is_flag=True, help="Edit ACTION's draft in $VISUAL or $EDITOR; your text is kept and used.")
@click.option("--reset", is_flag=True, help="Forget your edit of ACTION's draft and go back to the template.")
@click.option("--yes", is_flag=True, help="Reset without asking (required when not in a terminal).")
@output_options
@pass_app
def draft(
    app_ctx: AppContext,
    action_id: str | None,
    kind: str | None,
    app_ref: str | None,
    contact_ref: str | None,
    tone: str | None,
    out_path: str | None,
    edit: bool,
    reset: bool,
    yes: bool,
) -> None:
    """Write the draft for ACTION (from `followup agenda`), or any draft with --kind and --app.

    With --edit the draft opens in your editor as "Subject: …", a blank line, then the body
    (a call script has no subject line); what you save is kept for ACTION and used from then on by
    this command, `followup mail draft/send`, the .eml and the PDF letter, and the web app.
    """
    from followup.app import drafts
    from followup.drafting.model import DraftKind, Tone

    env = app_ctx.env
    _ask_for_profile(app_ctx)
    chosen_tone = Tone(tone) if tone else None
    if (edit or reset) and not action_id:
        raise click.UsageError("--edit and --reset work on a due action: give its ACTION id from `followup agenda`")
    if edit and reset:
        raise click.UsageError("use --edit or --reset, not both")
    if reset:
        _reset(app_ctx, action_id or "", yes, DraftKind(kind) if kind else None)
    if action_id:
        result = drafts.for_action(env, action_id, kind=DraftKind(kind) if kind else None, tone=chosen_tone)
        if edit:
            result = _edit(app_ctx, action_id, result)
    elif kind and app_ref:
        result = drafts.on_demand(env, DraftKind(kind), app_ref, contact_ref=contact_ref, tone=chosen_tone)
    else:
        raise click.UsageError("give an ACTION id from `followup agenda`, or --kind KIND and --app APP")
    written = _write(app_ctx, result, out_path) if out_path else None
    if app_ctx.json:
        emit_json(_as_json(result, written))
    else:
        _print(result, written)
        _say_if_tone_does_not_apply(result, chosen_tone)
    if result.has_errors:
        raise SystemExit(1)


def _say_if_tone_does_not_apply(result: Any, tone: Any) -> None:
    from followup.app.mail_sending import tone_note

    note = tone_note(result, tone)
    if note:
        click.secho(f"Note: {note}", fg="yellow", err=True)


# The file the editor opens: the subject on the first line, a blank line, then the body.
SUBJECT_PREFIX = "Subject: "


def as_editable(subject: str, body: str) -> str:
    return f"{SUBJECT_PREFIX}{subject}\n\n{body}\n" if subject else f"{body}\n"


def from_editable(text: str) -> tuple[str, str]:
    """The subject and body in what the editor gave back (see `as_editable`); without a
    "Subject:" first line the whole text is the body and the subject is empty."""
    first, _, rest = text.partition("\n")
    if not first.lower().startswith(SUBJECT_PREFIX.strip().lower()):
        return "", text.strip("\n").rstrip()
    subject = first[len(SUBJECT_PREFIX.strip()) :].strip()
    return subject, rest.strip("\n").rstrip()


def _edit(app_ctx: AppContext, action_id: str, result: Any) -> Any:
    """Open the draft in the user's editor and keep what comes back; unchanged or not saved, nothing is kept."""
    from followup.app import drafts

    draft = result.draft
    before = as_editable(draft.subject, draft.body)
    after = click.edit(before, extension=".txt", require_save=True)
    if after is None or after == before:
        click.echo("No change: the draft is as it was.", err=True)
        return result
    subject, body = from_editable(after)
    if draft.subject and not subject:
        raise click.UsageError(f"the first line should be '{SUBJECT_PREFIX}…' (an email needs one); nothing was saved")
    edited = drafts.save_draft_edit(app_ctx.env, action_id, subject, body, kind=draft.kind)
    if edited.edited:
        click.echo("Saved your text; `followup draft ACTION --reset` goes back to the template.", err=True)
    else:
        click.echo("That is the template's text: the draft follows the template again.", err=True)
    return edited


def _reset(app_ctx: AppContext, action_id: str, yes: bool, kind: DraftKind | None) -> None:
    from followup.app import drafts

    if not yes:
        if not app_ctx.interactive:
            raise click.UsageError("resetting loses your edit: add --yes to do it without a terminal")
        click.confirm("Go back to the template and lose your edit of this draft?", abort=True)
    # Only the draft asked for (--kind): the action's other draft keeps its edit.
    if drafts.reset_draft(app_ctx.env, action_id, kind=kind):
        click.echo("Back to the template's text.", err=True)
    else:
        click.echo("This draft was not edited: it is the template's text.", err=True)


def _ask_for_profile(app_ctx: AppContext) -> None:
    """On first use, ask who the user is (in a terminal), so drafts can be signed; elsewhere say how to set it."""
    say_how_to_set_once(app_ctx, name=True, zone=True)


def say_how_to_set_once(app_ctx: AppContext, *, name: bool, zone: bool) -> None:
    """The first time a command needs the name or the time zone and it was never set: in a terminal
    the name is asked; the zone, guessed from this computer, is named with the way to change it, on
    stderr. Once per data folder, not on every command; never with --json, whose reader is a program.
    (Without a terminal a draft without a name is refused, with the way to set it, every time.)"""
    from followup.app import settings

    if app_ctx.json:
        return
    env = app_ctx.env
    hints = settings.how_to_set_once(env, name=name and app_ctx.interactive, zone=zone)
    if "profile.name" in hints and app_ctx.interactive:
        del hints["profile.name"]
        click.echo("Drafts are signed with your details; this is asked only once (change them with `followup config`).")
        questions = (("name", "Your full name"), ("email", "Your email address"), ("phone", "Your phone number"))
        for key, question in questions:
            _ask_one(app_ctx, key, question)
        settings.reload(env)
    for text in hints.values():
        click.echo(text, err=True)


# A mistyped answer is asked again, with the reason; after this many tries the question is left
# for `followup config`, so a draft is never held up by one field.
TRIES = 3


def _ask_one(app_ctx: AppContext, key: str, question: str) -> None:
    """Ask one profile question until the answer is usable, empty (not now), or TRIES are used."""
    from followup.app import settings
    from followup.errors import InvalidInput

    for _try in range(TRIES):
        answer = click.prompt(question, default="", show_default=False).strip()
        if not answer:
            return
        try:
            settings.write_setting(app_ctx.env, f"profile.{key}", answer)
        except InvalidInput as exc:
            reason = exc.message[:1].upper() + exc.message[1:]
            click.echo(f"{reason}. Type it again, or press Enter to leave it empty.", err=True)
        else:
            return
    click.echo(f"Left it empty; set it later with: followup config set profile.{key} VALUE", err=True)


def _write(app_ctx: AppContext, result: Any, path: str) -> str:
    from followup.app import drafts
    from followup.drafting.model import DraftKind

    env = app_ctx.env
    draft = result.draft
    extension = os.path.splitext(path)[1].lower()
    if extension == ".pdf":
        if draft.kind is not DraftKind.THANK_YOU_LETTER:
            raise click.UsageError("only letters are written as PDF; use .eml or .txt for this draft")
        data = drafts.letter_bytes(env, draft)
    elif extension == ".eml":
        if draft.kind.medium != "email":
            raise click.UsageError(f"a {draft.kind.value.replace('_', ' ')} is not an email; use .txt (or .pdf)")
        data = drafts.email_bytes(env, draft)
    else:
        text = f"Subject: {draft.subject}\n\n{draft.body}\n" if draft.subject else f"{draft.body}\n"
        data = text.encode("utf-8")
    _atomic_write(path, data)
    return path


def _atomic_write(path: str, data: bytes) -> None:
    from followup.files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        from followup.errors import InvalidInput

        raise InvalidInput(f"cannot write {path}: {exc.strerror}", hint="Choose another --out path.") from None


def _as_json(result: Any, written: str | None) -> dict[str, Any]:
    from followup.app import shapes

    return {**shapes.checked_draft(result), "file": written}


def _print(result: Any, written: str | None) -> None:
    from rich.rule import Rule

    from followup.cli.check import print_findings
    from followup.cli.render import console, esc, wrap

    out = console()
    draft = result.draft
    title = draft.kind.value.replace("_", " ")
    edited = " · edited by you" if getattr(result, "edited", False) else ""
    tone = "" if edited else f" · {draft.tone.value}"  # your own text has no template tone
    out.print(Rule(f"{title}{tone}{edited}", align="left"))
    if draft.to:
        out.print(f"[dim]To:[/] {esc(', '.join(f'{p.name} <{p.email}>' if p.email else p.name for p in draft.to))}")
        for person in draft.to:
            if draft.kind.medium == "email" and not person.email:
                out.print(
                    f"[yellow]No email address is recorded for {esc(person.name)}:[/] "
                    f"followup contact edit {esc(repr(person.name))} --email ADDRESS"
                )
    elif draft.kind.medium == "email":
        # Say so rather than leave the line out: the note needs someone to go to.
        app = shlex.quote(draft.facts.company)
        out.print(
            "[dim]To:[/] [yellow]nobody yet[/] (add the recruiter or hiring manager: "
            f"followup contact add NAME --role recruiter --app {esc(app)} --email ADDRESS)"
        )
    if draft.subject:
        out.print(f"[dim]Subject:[/] {esc(draft.subject)}")
        out.print()
    # Wrapped here between words (a terminal's own wrapping cuts them: "a/nd"); the file written
    # by --out and the JSON keep the text as it is.
    out.print(esc("\n".join(wrap(draft.body, out.width))), soft_wrap=True)
    out.print(Rule(style="dim"))
    if draft.notes_to_weave:
        out.print("[bold]From your notes, to write in yourself:[/]")
        for note in draft.notes_to_weave:
            out.print(f"  • {esc(note)}", soft_wrap=True)
    text = f"{draft.subject}\n\n{draft.body}" if draft.subject else draft.body
    print_findings(text, result.findings)
    if result.alternatives:
        others = ", ".join(k.value for k in result.alternatives)
        out.print(f"[dim]Also available: --kind {others}[/]")
    if written:
        out.print(f"Written to {esc(written)}.")
