"""`/api/v1/contacts`: the people on the other side, and linking them to applications."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response

from followup.app import applications, lookups, shapes
from followup.web.api import models
from followup.web.api.common import (
    DEFAULT_LIMIT,
    MAX_ID,
    READ,
    AppId,
    ContactId,
    Cursor,
    Limit,
    Offset,
    Search,
    created,
    created_doc,
    decode_cursor,
    encode_cursor,
    errors,
    existing,
)
from followup.web.app import env_of

router = APIRouter(tags=["contacts"])


def _page(
    request: Request,
    application_id: int | None,
    q: str | None,
    limit: int,
    offset: int,
    cursor: str | None,
) -> dict[str, Any]:
    env = env_of(request)
    after = decode_cursor(cursor, str, int) if cursor else None
    found, total, key = lookups.contact_page(
        env,
        application_id=application_id,
        search=q,
        limit=limit,
        offset=offset,
        after=(after[0], after[1]) if after else None,
    )
    return {
        "items": [shapes.contact(c) for c in found],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_cursor": encode_cursor(*key) if key else None,
    }


@router.get("/contacts", response_model=models.ContactPage, responses=errors(), openapi_extra=READ)
async def list_contacts(
    request: Request,
    application_id: int | None = Query(default=None, ge=1, le=MAX_ID, description="Only this application's."),
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Your contacts by name; `q` looks in names and email addresses."""
    return _page(request, application_id, q, limit, offset, cursor)


@router.get(
    "/applications/{app_id}/contacts", response_model=models.ContactPage, responses=errors(404), openapi_extra=READ
)
async def list_application_contacts(
    request: Request,
    app_id: AppId,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """The people of one application, by name."""
    env = env_of(request)
    lookups.application(env, app_id)
    return _page(request, app_id, q, limit, offset, cursor)


@router.post("/contacts", status_code=201, response_model=models.ContactOut, responses=created_doc("contact", 400))
async def add_contact(request: Request, response: Response, body: models.ContactIn) -> shapes.ContactShape:
    """Add a contact, linked to an application when `application_id` is given."""
    env = env_of(request)
    values = body.model_dump(exclude={"name", "role", "application_id"}, exclude_none=True)
    if body.application_id is not None:
        app_id = body.application_id
        existing(lambda: lookups.application(env, app_id), "body.application_id")
    person = applications.add_contact(
        env, applications.NewContact(name=body.name, role=body.role, **values), application_id=body.application_id
    )
    created(response, f"/api/v1/contacts/{person.id}")
    return shapes.contact(person)


@router.get("/contacts/{contact_id}", response_model=models.ContactOut, responses=errors(404), openapi_extra=READ)
async def get_contact(request: Request, contact_id: ContactId) -> shapes.ContactShape:
    env = env_of(request)
    return shapes.contact(lookups.contact(env, contact_id))


@router.patch("/contacts/{contact_id}", response_model=models.ContactOut, responses=errors(400, 404))
async def edit_contact(request: Request, contact_id: ContactId, body: models.ContactPatch) -> shapes.ContactShape:
    """Change the fields sent; `null` clears an optional one."""
    env = env_of(request)
    lookups.contact(env, contact_id)
    return shapes.contact(applications.edit_contact(env, contact_id, applications.ContactChanges(**body.changes())))


@router.put(
    "/applications/{app_id}/contacts/{contact_id}", status_code=204, response_class=Response, responses=errors(404)
)
async def link_contact(request: Request, app_id: AppId, contact_id: ContactId) -> Response:
    """Link a contact (e.g. a recruiter) to an application; linking twice changes nothing."""
    env = env_of(request)
    lookups.application(env, app_id)
    lookups.contact(env, contact_id)
    applications.link_contact(env, app_id, contact_id)
    return Response(status_code=204)
