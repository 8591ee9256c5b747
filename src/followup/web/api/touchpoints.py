"""`/api/v1/.../touchpoints`: messages, letters, calls and replies, sent or received."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from followup.app import applications, lookups, shapes
from followup.app.context import Env
from followup.web.api import models
from followup.web.api.common import READ, AppId, TouchpointId, created, created_doc, errors, existing
from followup.web.app import env_of

router = APIRouter(tags=["touchpoints"])


def _check_contact(env: Env, contact_id: int | None) -> None:
    if contact_id is not None:
        existing(lambda: lookups.contact(env, contact_id), "body.contact_id")


@router.get(
    "/applications/{app_id}/touchpoints",
    response_model=models.TouchpointList,
    responses=errors(404),
    openapi_extra=READ,
)
async def list_touchpoints(request: Request, app_id: AppId) -> dict[str, Any]:
    """Everything sent and received for one application, oldest first."""
    env = env_of(request)
    lookups.application(env, app_id)
    return {"items": [shapes.touchpoint(t, env.tz) for t in lookups.touchpoints(env, app_id)]}


@router.post(
    "/applications/{app_id}/touchpoints",
    status_code=201,
    response_model=models.LoggedOut,
    responses=created_doc("touchpoint", 400, 404),
)
async def log_touchpoint(
    request: Request, response: Response, app_id: AppId, body: models.TouchpointIn
) -> dict[str, Any]:
    """Log a message, letter, call or reply (`followup log`); a reply that settles it closes the application."""
    env = env_of(request)
    lookups.application(env, app_id)
    _check_contact(env, body.contact_id)
    values = body.model_dump(exclude={"direction", "channel", "kind", "occurred_at"}, exclude_none=True)
    logged = applications.log_touchpoint(
        env,
        app_id,
        applications.NewTouchpoint(
            direction=body.direction, channel=body.channel, kind=body.kind, occurred_at=body.occurred_at, **values
        ),
    )
    created(response, f"/api/v1/touchpoints/{logged.touchpoint.id}")
    return {"touchpoint": shapes.touchpoint(logged.touchpoint, env.tz), "consequences": logged.consequences}


@router.get(
    "/touchpoints/{touchpoint_id}", response_model=models.TouchpointOut, responses=errors(404), openapi_extra=READ
)
async def get_touchpoint(request: Request, touchpoint_id: TouchpointId) -> shapes.TouchpointShape:
    env = env_of(request)
    return shapes.touchpoint(lookups.touchpoint(env, touchpoint_id), env.tz)


@router.patch("/touchpoints/{touchpoint_id}", response_model=models.TouchpointOut, responses=errors(400, 404))
async def edit_touchpoint(
    request: Request, touchpoint_id: TouchpointId, body: models.TouchpointPatch
) -> shapes.TouchpointShape:
    """Correct a touchpoint; the follow-ups adjust at once."""
    env = env_of(request)
    lookups.touchpoint(env, touchpoint_id)
    changes = body.changes()
    _check_contact(env, changes.get("contact_id"))
    return shapes.touchpoint(
        applications.edit_touchpoint(env, touchpoint_id, applications.TouchpointChanges(**changes)), env.tz
    )


@router.delete("/touchpoints/{touchpoint_id}", status_code=204, response_class=Response, responses=errors(404))
async def delete_touchpoint(request: Request, touchpoint_id: TouchpointId) -> Response:
    """Remove a touchpoint recorded by mistake; the follow-ups are recomputed."""
    applications.delete_touchpoint(env_of(request), touchpoint_id)
    return Response(status_code=204)
