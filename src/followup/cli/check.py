"""`followup check`: what is wrong with a draft, and exactly where (see followup.drafting.checks)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from followup.app import shapes
from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.drafting.model import DraftKind

if TYPE_CHECKING:
    from followup.drafting.model import CheckContext, Finding, Fix

KINDS = [kind.value for kind in DraftKind]
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WINDOW = 100  # longest excerpt shown, in characters, so that carets stay under their words


@click.command()
@click.argument("path", metavar="FILE|-", required=False)
@click.option("--kind", type=click.Choice(KINDS), help="What the draft is, for the checks that depend on it.")
@click.option("--app", "app_ref", metavar="APP", help="Check names, role and dates against this application.")
@click.option("--to", "to_name", metavar="NAME", help="Who the draft is for (checks the greeting and the spelling).")
@click.option("--learn", metavar="WORD", multiple=True, help="Add WORD to your personal dictionary (repeatable).")
@output_options
@pass_app
def check(
    app: AppContext,
    path: str | None,
    kind: str | None,
    app_ref: str | None,
    to_name: str | None,
    learn: tuple[str, ...],
) -> None:
    """Check the draft in FILE (plain text or .eml; - reads standard input) before you send it.

    Prints each problem with the line it is on; exits with 1 when any is an error,
    so scripts can rely on it. Positions count characters; for an .eml they count in
    its subject and plain-text body joined by a blank line.
    """
    from followup.app import drafts

    if path is None and not learn:
        raise click.UsageError("give the FILE to check (or - for standard input), or --learn WORD")
    learned = _learn(app, learn) if learn else []
    if path is None:
        _report_learned(app, learned, to_stderr=False)
        return
    _report_learned(app, learned, to_stderr=True)
    source = drafts.read_draft_file(path, _stdin_bytes() if path == "-" else None)
    findings = drafts.check_file(source, _context(app, kind, app_ref, to_name))
    if app.json:
        emit_json([shapes.finding(f) for f in findings])
    else:
        print_findings(source.text, findings, name=None if path == "-" else path)
    if any(f.severity.value == "error" for f in findings):
        click.get_current_context().exit(1)


def _stdin_bytes() -> bytes:
    # Bytes, so that an .eml piped in is parsed with its own charset (click's get_binary_stream is deprecated).
    buffer = getattr(sys.stdin, "buffer", None)
    return bytes(buffer.read()) if buffer is not None else sys.stdin.read().encode("utf-8")


def print_findings(text: str, findings: Sequence[Finding], *, name: str | None = None) -> None:
    """Each finding with its line of text and the problem underlined, then a count."""
    from followup.cli.render import console, esc

    out = console()
    lines = text.split("\n")
    gutter = len(str(max((f.line for f in findings), default=1)))
    for finding in findings:
        style = STYLES.get(finding.severity.value, "bold")
        where = f"{name}:" if name else ""
        out.print(
            f"[dim]{esc(where)}{finding.line}:{finding.column}[/] [{style}]{finding.severity.value}[/] "
            f"[bold]{finding.id}[/]",
            soft_wrap=True,  # one line an editor can jump to, however long the path
        )
        for part in textwrap.wrap(finding.message, max(40, out.width - 2)):
            out.print(f"  {esc(part)}", soft_wrap=True)
        if finding.fix is not None:
            out.print(f"  [dim]fix:[/] {esc(_fix_text(finding.fix))}", soft_wrap=True)
        shown, caret_at, caret_width = _excerpt(lines[finding.line - 1], finding)
        out.print(f"  [dim]{finding.line:>{gutter}} │[/] {esc(shown)}", soft_wrap=True)
        out.print(f"  [dim]{'':>{gutter}} │[/] {' ' * caret_at}[{style}]{'^' * caret_width}[/]", soft_wrap=True)
    out.print(_summary(findings))


def _fix_text(fix: Fix) -> str:
    """The check's one-step fix, said as the command line does it."""
    if fix.kind.value == "learn":
        return f"followup check --learn {fix.word}"
    if not fix.replacement:
        return "delete it"
    return f"replace it with “{fix.replacement}”"


def _excerpt(line: str, finding: Finding) -> tuple[str, int, int]:
    """The line as shown (control characters blanked, long lines cut around the problem), where the
    carets start and how many, in terminal cells."""
    from rich.cells import cell_len

    line = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in line)
    start = finding.column - 1
    stop = min(len(line), start + max(1, finding.end - finding.start))
    left = max(0, start - 30) if len(line) > _WINDOW else 0
    right = min(len(line), left + _WINDOW)
    stop = min(stop, right)
    prefix, suffix = ("…" if left else ""), ("…" if right < len(line) else "")
    shown = prefix + line[left:right] + suffix
    caret_at = cell_len(prefix + line[left:start])
    return shown, caret_at, max(1, cell_len(line[start:stop]))


def _summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "[green]No problems found.[/]"
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    nouns = {"error": "error", "warning": "warning", "info": "note"}
    parts = [f"{n} {nouns[s]}{'' if n == 1 else 's'}" for s, n in counts.items() if n]
    style = "bold red" if counts["error"] else "yellow"
    return f"[{style}]{', '.join(parts)}.[/]"


def _context(app: AppContext, kind: str | None, app_ref: str | None, to_name: str | None) -> CheckContext:
    """What the checks know: the application's stored names and dates, the sender, the clock."""
    from followup.app import applications, drafts
    from followup.drafting.model import DraftKind

    env = app.env
    application_id = applications.resolve_application(env, app_ref).id if app_ref else None
    recipient = to_name.strip() if to_name else None
    return drafts.context_for_check(env, application_id, DraftKind(kind) if kind else None, recipient)


def _learn(app: AppContext, words: tuple[str, ...]) -> list[tuple[str, bool]]:
    from followup.app import drafts

    return [(word, drafts.learn_word(app.env, word)) for word in words]


def _report_learned(app: AppContext, learned: list[tuple[str, bool]], *, to_stderr: bool) -> None:
    if not learned:
        return
    if app.json and not to_stderr:
        emit_json({"learned": [w for w, added in learned if added], "known": [w for w, added in learned if not added]})
        return
    for word, added in learned:
        note = "Added “{}” to your dictionary." if added else "“{}” is already in your dictionary."
        click.echo(note.format(word), err=to_stderr)
