"""`followup app ...` and `followup show`: the applications themselves."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

STATUSES = ["wishlist", "active", "offer", "rejected", "withdrawn", "closed_no_response"]
STYLES = ["traditional", "modern", "unknown"]


@click.group()
def app() -> None:
    """Add, list and change your applications."""


def _common_options(f: Any) -> Any:
    for option in reversed(
        [
            click.option("--url", "job_url", metavar="URL", help="Link to the job posting."),
            click.option("--via", "source", type=click.Choice(["direct", "recruiter"]), help="How it came about."),
            click.option("--recruiter", metavar="NAME", help="The recruiter, as 'Name' or 'Name <email>'."),
            click.option(
                "--style",
                "company_style",
                type=click.Choice(STYLES),
                help="Company style (letters suit traditional ones).",
            ),
            click.option("--status", type=click.Choice(STATUSES), help="Where it stands."),
            click.option(
                "--wishlist",
                is_flag=True,
                default=None,
                help="Not applied yet: keep it on the wishlist, with no follow-ups (same as --status wishlist).",
            ),
            click.option(
                "--applied",
                "applied_text",
                metavar="DATE",
                help="When you applied: 2026-11-28, 28.11.2026, 'yesterday', 'monday'.",
            ),
            click.option("--notes", help="Anything worth keeping."),
            click.option("--location", metavar="TEXT", help="Where the job is, e.g. 'Berlin (hybrid)'."),
            click.option("--salary", metavar="TEXT", help="The pay as written, e.g. '€55–65k'."),
            click.option(
                "--excitement", metavar="1-5", help="How much you want it, 1 (a little) to 5 (very); '' clears it."
            ),
            click.option(
                "--tag",
                "tag_words",
                metavar="TAG",
                multiple=True,
                help="A tag, e.g. --tag remote --tag fintech (or 'remote, fintech').",
            ),
            click.option("--description", metavar="TEXT", help="The job description."),
            click.option(
                "--description-file",
                type=click.File("r", encoding="utf-8"),
                help="Read the job description from a file ('-' reads what you paste, up to Ctrl-D).",
            ),
        ]
    ):
        f = option(f)
    return f


def _values(app_ctx: AppContext, **options: Any) -> dict[str, Any]:
    from followup.app import applications
    from followup.cli.parse import name_and_email, order, parse_day
    from followup.domain.model import ContactRole

    env = app_ctx.env
    own = ("applied_text", "recruiter", "wishlist", "tag_words", "untag_words", "description_file")
    values = {k: v for k, v in options.items() if v is not None and k not in own}
    if options.get("wishlist"):
        if options.get("status") not in (None, "wishlist"):
            raise click.UsageError(f"--wishlist and --status {options['status']} say different things; give one")
        values["status"] = "wishlist"
    if values.get("status") == "wishlist" and options.get("applied_text"):
        raise click.UsageError("a job on the wishlist is not applied to yet: leave out --applied")
    if options.get("description_file") is not None:
        if options.get("description") is not None:
            raise click.UsageError("give the description as --description or --description-file, not both")
        values["description"] = options["description_file"].read()
    if options.get("tag_words"):
        values["tags"] = list(options["tag_words"])
    if options.get("applied_text"):
        values["applied_on"] = parse_day(options["applied_text"], env.now().date(), "--applied", order(env), past=True)
    if options.get("recruiter"):
        name, email = name_and_email(options["recruiter"])
        person = applications.contact_by_name_or_new(env, name, email, ContactRole.RECRUITER)
        values["recruiter_id"] = person.id
        values.setdefault("source", "recruiter")
    return values


@app.command("add")
@click.argument("company")
@click.argument("role")
@_common_options
@output_options
@pass_app
def add(app_ctx: AppContext, company: str, role: str, **options: Any) -> None:
    """Add an application: COMPANY and ROLE, e.g. followup app add "ACME Corp" "Data Analyst"."""
    from followup.app import applications, shapes
    from followup.domain.model import ApplicationStatus

    created = applications.add_application(
        app_ctx.env, applications.NewApplication(company=company, role=role, **_values(app_ctx, **options))
    )
    if app_ctx.json:
        emit_json(shapes.application(created, app_ctx.env.tz))
        return
    if created.status is ApplicationStatus.WISHLIST:
        click.echo(f"Added {created.role} at {created.company} to your wishlist (application {created.id}).")
        click.echo(f"When you have applied: followup app edit {created.id} --status active")
        return
    click.echo(f"Added application {created.id}: {created.role} at {created.company}.")
    click.echo(f"When you have an interview: followup interview add {created.id} --at 'YYYY-MM-DD HH:MM'")


@app.command("edit")
@click.argument("ref", metavar="APP")
@click.option("--company", help="New company name.")
@click.option("--role", help="New role.")
@_common_options
@click.option("--untag", "untag_words", metavar="TAG", multiple=True, help="Remove a tag (--tag adds one).")
@output_options
@pass_app
def edit(app_ctx: AppContext, ref: str, **options: Any) -> None:
    """Change an application (APP is its id or part of its name)."""
    from followup.app import applications, shapes

    target = applications.resolve_application(app_ctx.env, ref)
    values = _values(app_ctx, **options)
    if options.get("tag_words") or options.get("untag_words"):
        values["tags"] = _retagged(target.tags, options.get("tag_words", ()), options.get("untag_words", ()))
    if not values:
        raise click.UsageError("nothing to change; give at least one option, e.g. --status rejected")
    changed = applications.edit_application(app_ctx.env, target.id, applications.ApplicationChanges(**values))
    if app_ctx.json:
        emit_json(shapes.application(changed, app_ctx.env.tz))
    else:
        click.echo(f"Updated application {changed.id}: {changed.role} at {changed.company} ({changed.status.label}).")


def _retagged(tags: tuple[str, ...], added: tuple[str, ...], removed: tuple[str, ...]) -> list[str]:
    """The tags after `--tag` and `--untag`: tags are compared ignoring case, as they are kept."""
    from followup.domain.fields import FieldError, tag_list
    from followup.errors import InvalidInput

    try:
        gone = {t.casefold() for t in tag_list(removed)}
        return [t for t in [*tags, *tag_list(added)] if t.casefold() not in gone]
    except FieldError as exc:
        raise InvalidInput(str(exc), where="--tag") from None


@app.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only those with this status.")
@click.option(
    "--search", metavar="TEXT", help="Only those whose company, role, location, tags or description contains TEXT."
)
@output_options
@pass_app
def list_(app_ctx: AppContext, status: str | None, search: str | None) -> None:
    """List your applications, newest first."""
    from followup.app import lookups, shapes

    env = app_ctx.env
    found = lookups.list_applications(env, status=status, search=search)
    if app_ctx.json:
        emit_json([shapes.application(a, env.tz) for a in found])
        return
    from followup.cli.render import day, table

    if not found:
        click.echo('No applications yet. Add one: followup app add "Company" "Role"')
        return
    table(
        ("id", "company", "role", "status", "via", "added"),
        [
            (str(a.id), a.company, a.role, a.status.label, a.source.value, day(a.created_at.astimezone(env.tz)))
            for a in found
        ],
    )


@app.command("delete")
@click.argument("ref", metavar="APP")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def delete(app_ctx: AppContext, ref: str, yes: bool) -> None:
    """Delete an application with its interviews and touchpoints."""
    from followup.app import applications

    target = applications.resolve_application(app_ctx.env, ref)
    if not yes:
        click.confirm(f"Delete {target.role} at {target.company} and everything recorded about it?", abort=True)
    applications.delete_application(app_ctx.env, target.id)
    click.echo(f"Deleted application {target.id}.")


@click.command()
@click.argument("ref", metavar="APP")
@output_options
@pass_app
def show(app_ctx: AppContext, ref: str) -> None:
    """One application: its people, its timeline, and what comes next and why."""
    from followup.app import applications, shapes

    env = app_ctx.env
    view = applications.show(env, applications.resolve_application(env, ref).id)
    state = view.state
    if app_ctx.json:
        emit_json(
            {
                "application": shapes.application(state.application, env.tz),
                "contacts": [shapes.contact(c) for c in state.contacts.values()],
                "interviews": [shapes.interview(i) for i in state.interviews],
                "touchpoints": [shapes.touchpoint(t, env.tz) for t in state.touchpoints],
                "references": [{"contact_id": r.contact_id, "interview_id": r.interview_id} for r in state.references],
                "next": [item.to_json() for item in view.upcoming],
            }
        )
        return
    from followup.cli.timeline_view import print_application

    print_application(env, view)
