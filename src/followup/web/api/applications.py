"""`/api/v1/applications`: list, read, add, change and delete applications."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from followup.app import applications, lookups, shapes
from followup.domain.model import ApplicationStatus, Source
from followup.web.api import models
from followup.web.api.common import (
    DEFAULT_LIMIT,
    READ,
    AppId,
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

router = APIRouter(prefix="/applications", tags=["applications"])


def _check_recruiter(request: Request, values: dict[str, Any]) -> None:
    env = env_of(request)
    if values.get("recruiter_id") is not None:
        existing(lambda: lookups.contact(env, values["recruiter_id"]), "body.recruiter_id")


@router.get("", response_model=models.ApplicationPage, responses=errors(), openapi_extra=READ)
async def list_applications(
    request: Request,
    status: Annotated[ApplicationStatus | None, Query(description="Only those with this status.")] = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Your applications, newest first; `q` looks in the company and the role."""
    env = env_of(request)
    before = decode_cursor(cursor, str, int) if cursor else None
    found, total, key = lookups.application_page(
        env,
        status=status.value if status else None,
        search=q,
        limit=limit,
        offset=offset,
        before=(before[0], before[1]) if before else None,
    )
    next_cursor = encode_cursor(*key) if key else None
    return {
        "items": [shapes.application(a, env.tz) for a in found],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_cursor": next_cursor,
    }


@router.post("", status_code=201, response_model=models.ApplicationOut, responses=created_doc("application", 400))
async def add_application(request: Request, response: Response, body: models.ApplicationIn) -> shapes.ApplicationShape:
    """Add an application. Answers 201 with its address in `Location`."""
    env = env_of(request)
    values = body.model_dump(exclude={"company", "role"}, exclude_none=True)
    _check_recruiter(request, values)
    if values.get("recruiter_id") is not None:
        values.setdefault("source", Source.RECRUITER)
    app = applications.add_application(env, applications.NewApplication(company=body.company, role=body.role, **values))
    created(response, f"/api/v1/applications/{app.id}")
    return shapes.application(app, env.tz)


@router.get("/{app_id}", response_model=models.ApplicationOut, responses=errors(404), openapi_extra=READ)
async def get_application(request: Request, app_id: AppId) -> shapes.ApplicationShape:
    env = env_of(request)
    return shapes.application(lookups.application(env, app_id), env.tz)


@router.patch("/{app_id}", response_model=models.ApplicationOut, responses=errors(400, 404))
async def edit_application(request: Request, app_id: AppId, body: models.ApplicationPatch) -> shapes.ApplicationShape:
    """Change the fields sent; closing it (any status but active) stops the follow-ups."""
    env = env_of(request)
    changes = body.changes()
    lookups.application(env, app_id)
    _check_recruiter(request, changes)
    if changes.get("recruiter_id") is not None:
        changes.setdefault("source", Source.RECRUITER)
    return shapes.application(
        applications.edit_application(env, app_id, applications.ApplicationChanges(**changes)), env.tz
    )


@router.delete("/{app_id}", status_code=204, response_class=Response, responses=errors(404))
async def delete_application(request: Request, app_id: AppId) -> Response:
    """Delete it with its interviews, touchpoints and pending actions."""
    applications.delete_application(env_of(request), app_id)
    return Response(status_code=204)


@router.get("/{app_id}/overview", response_model=models.OverviewOut, responses=errors(404), openapi_extra=READ)
async def application_overview(request: Request, app_id: AppId) -> dict[str, Any]:
    """Everything about one application, as `followup show APP --json` prints it."""
    env = env_of(request)
    view = applications.show(env, app_id)
    state = view.state
    return {
        "application": shapes.application(state.application, env.tz),
        "contacts": [shapes.contact(c) for c in state.contacts.values()],
        "interviews": [shapes.interview(i) for i in state.interviews],
        "touchpoints": [shapes.touchpoint(t, env.tz) for t in state.touchpoints],
        "references": [{"contact_id": r.contact_id, "interview_id": r.interview_id} for r in state.references],
        "next": [item.to_json() for item in view.upcoming],
    }
