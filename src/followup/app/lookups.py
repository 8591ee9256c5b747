"""Reading what is stored, as it is stored: lists and single records for the doors to show.

Nothing here writes or recomputes the agenda. Finding a record from what the user
typed (an id or part of a name) is `applications.resolve_application` and
`resolve_contact`; one application with its next steps is `applications.show`.
"""

from __future__ import annotations

from followup.app.context import Env
from followup.domain.model import Application, Contact, Interview, Touchpoint
from followup.store import records


def list_applications(env: Env, *, status: str | None = None, search: str | None = None) -> list[Application]:
    """Newest first; `search` matches part of the company or the role."""
    return records.list_applications(env.store, status=status, search=search)


def list_contacts(env: Env, *, application_id: int | None = None, search: str | None = None) -> list[Contact]:
    """Everyone, or the people of one application; `search` matches part of a name or an email."""
    return records.list_contacts(env.store, application_id=application_id, search=search)


def contact(env: Env, contact_id: int) -> Contact:
    return records.get_contact(env.store, contact_id)


def interview(env: Env, interview_id: int) -> Interview:
    return records.get_interview(env.store, interview_id)


def touchpoints(env: Env, application_id: int) -> list[Touchpoint]:
    """Everything sent and received for one application, oldest first."""
    return records.touchpoints_of(env.store, application_id)
