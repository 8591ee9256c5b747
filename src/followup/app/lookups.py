"""Reading what is stored, as it is stored: lists and single records for the doors to show.

Nothing here writes or recomputes the agenda. Finding a record from what the user
typed (an id or part of a name) is `applications.resolve_application` and
`resolve_contact`; one application with its next steps is `applications.show`.
The API's lists come a page at a time (`application_page`, `contact_page`), keyed
so that paging never skips or repeats an item.
"""

from __future__ import annotations

from followup.app.context import Env
from followup.domain.model import Application, Contact, Interview, Touchpoint
from followup.store import api_pages, records


def list_applications(env: Env, *, status: str | None = None, search: str | None = None) -> list[Application]:
    """Newest first; `search` matches part of the company, role, location, tags or description."""
    return records.list_applications(env.store, status=status, search=search)


def list_contacts(env: Env, *, application_id: int | None = None, search: str | None = None) -> list[Contact]:
    """Everyone, or the people of one application; `search` matches part of a name or an email."""
    return records.list_contacts(env.store, application_id=application_id, search=search)


def application(env: Env, application_id: int) -> Application:
    return records.get_application(env.store, application_id)


def contact(env: Env, contact_id: int) -> Contact:
    return records.get_contact(env.store, contact_id)


def interview(env: Env, interview_id: int) -> Interview:
    return records.get_interview(env.store, interview_id)


def interviews(env: Env, application_id: int) -> list[Interview]:
    """One application's interviews, earliest first."""
    return records.interviews_of(env.store, application_id)


def touchpoint(env: Env, touchpoint_id: int) -> Touchpoint:
    application_id = records.touchpoint_application(env.store, touchpoint_id)
    return next(t for t in records.touchpoints_of(env.store, application_id) if t.id == touchpoint_id)


def touchpoints(env: Env, application_id: int) -> list[Touchpoint]:
    """Everything sent and received for one application, oldest first."""
    return records.touchpoints_of(env.store, application_id)


# Where the next page starts: (created_at as stored, id) for applications, (name, id) for contacts.
PageKey = tuple[str, int]


def application_page(
    env: Env,
    *,
    status: str | None = None,
    search: str | None = None,
    limit: int,
    offset: int = 0,
    before: PageKey | None = None,
) -> tuple[list[Application], int, PageKey | None]:
    """Up to `limit` applications, newest first, older than `before`; how many match; the next page's key."""
    found, total = api_pages.application_page(
        env.store, status=status, search=search, limit=limit + 1, offset=offset, before=before
    )
    more = len(found) > limit
    found = found[:limit]
    return found, total, api_pages.created_key(env.store, found[-1].id) if more else None


def contact_page(
    env: Env,
    *,
    application_id: int | None = None,
    search: str | None = None,
    limit: int,
    offset: int = 0,
    after: PageKey | None = None,
) -> tuple[list[Contact], int, PageKey | None]:
    """Up to `limit` contacts by name after `after`; how many match; the next page's key."""
    found, total = api_pages.contact_page(
        env.store, application_id=application_id, search=search, limit=limit + 1, offset=offset, after=after
    )
    more = len(found) > limit
    found = found[:limit]
    return found, total, (found[-1].name, found[-1].id) if more else None
