"""`followup contact ...`: the people on the other side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

if TYPE_CHECKING:
    from followup.domain.model import Contact

ROLES = ["interviewer", "hiring_manager", "recruiter", "reference"]
CHANNELS = ["email", "phone", "letter", "unknown"]
SALUTATIONS = ["first", "title", "full", "default"]
# "none": not set, so drafts greet in their own language (English).
LANGUAGES = ["en", "de", "fr", "es", "none"]


@click.group()
def contact() -> None:
    """Add, list and change the people you deal with."""


def _contact_options(f: Any) -> Any:
    for option in reversed(
        [
            click.option("--title", help="Their job title."),
            click.option(
                "--honorific",
                metavar="TITLE",
                help="The title you greet them with (Dr, Prof., Ms, Mr, Frau, Herr, Mme, M., Sra.); never guessed.",
            ),
            click.option(
                "--salutation",
                type=click.Choice(SALUTATIONS),
                help="Greet them by first name (Dear Zoë), title and surname (Dear Dr Weiß; "
                "the full name when no title is given) or full name (Dear Zoë Weiß); "
                "default: as the company's style has it (traditional: title, modern: first name).",
            ),
            click.option(
                "--language",
                type=click.Choice(LANGUAGES),
                help="Greet them in English, German, French or Spanish (Sehr geehrte Frau Dr. Weiß,); "
                "none: the draft's own language.",
            ),
            click.option("--email", help="Email address."),
            click.option("--phone", help="Phone number."),
            click.option("--address", "postal_address", help="Postal address (for letters)."),
            click.option(
                "--prefers",
                "preferred_channel",
                type=click.Choice(CHANNELS),
                help="How they like follow-ups.",
            ),
            click.option("--organisation", help="Company or agency."),
            click.option("--notes", help="Anything worth keeping."),
        ]
    ):
        f = option(f)
    return f


@contact.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="interviewer", show_default=True)
@click.option("--app", "app_ref", metavar="APP", help="The application they belong to.")
@_contact_options
@output_options
@pass_app
def add(app_ctx: AppContext, name: str, role: str, app_ref: str | None, **values: Any) -> None:
    """Add a contact called NAME (spelled as they spell it)."""
    from followup.app import applications, shapes
    from followup.domain.model import ContactRole

    env = app_ctx.env
    app_id = applications.resolve_application(env, app_ref).id if app_ref else None
    values = _typed({k: v for k, v in values.items() if v is not None})
    person = applications.add_contact(
        env, applications.NewContact(name=name, role=ContactRole(role), **values), application_id=app_id
    )
    if app_ctx.json:
        emit_json(shapes.contact(person))
    else:
        click.echo(f"Added contact {person.id}: {person.name} ({role.replace('_', ' ')}).")
        _say_greeting(person)


@contact.command("edit")
@click.argument("ref", metavar="CONTACT")
@click.option("--name", help="New name.")
@click.option("--role", type=click.Choice(ROLES))
@_contact_options
@output_options
@pass_app
def edit(app_ctx: AppContext, ref: str, **values: Any) -> None:
    """Change a contact (CONTACT is their id or name)."""
    from followup.app import applications, shapes

    env = app_ctx.env
    person = applications.resolve_contact(env, ref)
    values = _typed({k: v for k, v in values.items() if v is not None})
    if not values:
        raise click.UsageError("nothing to change; give at least one option, e.g. --email")
    person = applications.edit_contact(env, person.id, applications.ContactChanges(**values))
    if app_ctx.json:
        emit_json(shapes.contact(person))
    else:
        click.echo(f"Updated contact {person.id}: {person.name}.")
        if {"honorific", "salutation", "language", "name"} & values.keys():
            _say_greeting(person)


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    """The options as the commands take them: `--language none` clears the language."""
    if values.get("language") == "none":
        values["language"] = None
    return values


def _say_greeting(person: Contact) -> None:
    """How drafts will greet them, so a title or language typed wrong shows at once."""
    from followup.domain import salutations
    from followup.domain.model import Salutation

    if person.salutation is Salutation.DEFAULT:
        forms = salutations.previews(person.name, person.honorific, person.language)
        click.echo(
            f"Drafts greet them as the company's style has it: “{forms[Salutation.TITLE]}” if traditional, "
            f"“{forms[Salutation.FIRST_NAME]}” if modern."
        )
    else:
        line = salutations.greeting(person.name, person.honorific, person.salutation, person.language)
        click.echo(f"Drafts greet them: “{line}”")


@contact.command("link")
@click.argument("ref", metavar="CONTACT")
@click.argument("app_ref", metavar="APP")
@pass_app
def link(app_ctx: AppContext, ref: str, app_ref: str) -> None:
    """Attach a contact (e.g. a recruiter) to another application."""
    from followup.app import applications

    env = app_ctx.env
    person = applications.resolve_contact(env, ref)
    target = applications.resolve_application(env, app_ref)
    applications.link_contact(env, target.id, person.id)
    click.echo(f"{person.name} is now linked to {target.role} at {target.company}.")


@contact.command("list")
@click.option("--app", "app_ref", metavar="APP", help="Only the people of this application.")
@click.option("--search", metavar="TEXT", help="Only names or emails containing TEXT.")
@output_options
@pass_app
def list_(app_ctx: AppContext, app_ref: str | None, search: str | None) -> None:
    """List your contacts."""
    from followup.app import applications, lookups, shapes

    env = app_ctx.env
    app_id = applications.resolve_application(env, app_ref).id if app_ref else None
    people = lookups.list_contacts(env, application_id=app_id, search=search)
    if app_ctx.json:
        emit_json([shapes.contact(p) for p in people])
        return
    if not people:
        click.echo("No contacts yet. They are added when you record an interview, or with `followup contact add`.")
        return
    from followup.cli.render import table

    table(
        ("id", "name", "role", "title", "email", "phone", "prefers"),
        [
            (
                str(p.id),
                p.name,
                p.role.value.replace("_", " "),
                p.title or "",
                p.email or "",
                p.phone or "",
                p.preferred_channel.value,
            )
            for p in people
        ],
    )
