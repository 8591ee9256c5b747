"""`/api/v1/.../interviews`: record interviews, and capture what you learned right after one."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from typing import Any, TypeVar
from zoneinfo import available_timezones

from fastapi import APIRouter, Request, Response

from followup.app import applications, lookups, shapes
from followup.app.context import Env
from followup.app.promises import parse_timeline
from followup.domain.model import ContactRole
from followup.errors import InvalidInput
from followup.web.api import models
from followup.web.api.common import READ, AppId, InterviewId, created, created_doc, errors, existing
from followup.web.app import env_of

T = TypeVar("T")

router = APIRouter(tags=["interviews"])


def _participants(env: Env, app_id: int, ids: list[int], people: Sequence[models.PersonIn] = ()) -> list[int]:
    """Existing contacts (each checked) and new interviewers (found by name or email, or added)."""
    for index, contact_id in enumerate(ids):
        existing(partial(lookups.contact, env, contact_id), f"body.participant_ids.{index}")
    added = [
        applications.contact_by_name_or_new(env, p.name, p.email, ContactRole.INTERVIEWER, app_id).id for p in people
    ]
    return list(dict.fromkeys([*ids, *added]))


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_zone(name: str | None) -> None:
    if name is not None and name not in _zones():
        raise InvalidInput(
            f"no time zone is called {name!r}", where="body.timezone", hint="Use an IANA name, e.g. 'Europe/Berlin'."
        )


@router.get(
    "/applications/{app_id}/interviews", response_model=models.InterviewList, responses=errors(404), openapi_extra=READ
)
async def list_interviews(request: Request, app_id: AppId) -> dict[str, Any]:
    """The interviews of one application, earliest first."""
    env = env_of(request)
    lookups.application(env, app_id)
    return {"items": [shapes.interview(i) for i in lookups.interviews(env, app_id)]}


@router.post(
    "/applications/{app_id}/interviews",
    status_code=201,
    response_model=models.InterviewOut,
    responses=created_doc("interview", 400, 404),
)
async def add_interview(
    request: Request, response: Response, app_id: AppId, body: models.InterviewIn
) -> shapes.InterviewShape:
    """Record an interview; the preparation, thank-yous and follow-ups are planned from it."""
    env = env_of(request)
    lookups.application(env, app_id)
    _check_zone(body.timezone)
    values = body.model_dump(include={"timezone", "duration_minutes", "kind", "round"}, exclude_none=True)
    participants = _participants(env, app_id, body.participant_ids, body.new_participants)
    interview = applications.add_interview(
        env, app_id, applications.NewInterview(starts_at=body.starts_at, participants=participants, **values)
    )
    created(response, f"/api/v1/interviews/{interview.id}")
    return shapes.interview(interview)


@router.get("/interviews/{interview_id}", response_model=models.InterviewOut, responses=errors(404), openapi_extra=READ)
async def get_interview(request: Request, interview_id: InterviewId) -> shapes.InterviewShape:
    env = env_of(request)
    return shapes.interview(lookups.interview(env, interview_id))


@router.patch("/interviews/{interview_id}", response_model=models.InterviewOut, responses=errors(400, 404))
async def edit_interview(
    request: Request, interview_id: InterviewId, body: models.InterviewPatch
) -> shapes.InterviewShape:
    """Change the fields sent; `participant_ids` replaces who was in it."""
    env = env_of(request)
    current = lookups.interview(env, interview_id)
    changes = body.changes()
    _check_zone(changes.get("timezone"))
    participants = changes.pop("participant_ids", None)
    if participants is not None:
        changes["participants"] = _participants(env, current.application_id, participants)
    return shapes.interview(applications.edit_interview(env, interview_id, applications.InterviewChanges(**changes)))


@router.delete("/interviews/{interview_id}", status_code=204, response_class=Response, responses=errors(404))
async def delete_interview(request: Request, interview_id: InterviewId) -> Response:
    """Remove an interview recorded by mistake, with what was captured about it."""
    applications.delete_interview(env_of(request), interview_id)
    return Response(status_code=204)


@router.post("/interviews/{interview_id}/capture", response_model=models.CaptureOut, responses=errors(400, 404))
async def capture_interview(request: Request, interview_id: InterviewId, body: models.CaptureIn) -> dict[str, Any]:
    """What you learned in the interview, stored at once (or, on any error, not at all).

    Like `followup interview capture`: a `timeline_text` naming a day ("by Friday")
    sets `decision_date` unless you send one.
    """
    env = env_of(request)
    interview = lookups.interview(env, interview_id)
    capture = applications.Capture()
    capture.new_people = [(p.name, p.email, p.preferred_channel) for p in body.new_people]
    for index, change in enumerate(body.contact_changes):
        if change.contact_id not in interview.participant_ids:
            raise InvalidInput(
                f"contact {change.contact_id} was not in this interview",
                where=f"body.contact_changes.{index}.contact_id",
                hint="Add new interviewers under new_people instead.",
            )
        # Several changes to one person add up; a later one wins for the same field.
        before = capture.contact_changes.get(change.contact_id, applications.ContactChanges())
        capture.contact_changes[change.contact_id] = applications.ContactChanges(
            preferred_channel=_sent(change.preferred_channel, before.preferred_channel),
            email=_sent(change.email, before.email),
            title=_sent(change.title, before.title),
        )
    decision_date = body.decision_date
    if body.timeline_text and decision_date is None:
        parsed = parse_timeline(body.timeline_text, interview.ends_at.astimezone(env.tz).date(), env.calendar)
        if parsed is not None:
            decision_date = parsed.date
    capture.interview_changes = applications.InterviewChanges(
        next_steps=_sent(body.next_steps),
        timeline_text=_sent(body.timeline_text),
        decision_date=_sent(decision_date),
        main_points=_sent(body.main_points),
        forgot_to_mention=_sent(body.forgot_to_mention),
        to_clarify=_sent(body.to_clarify),
    )
    capture.references = [(p.name, p.email) for p in body.references]
    updated = applications.capture_interview(env, interview_id, capture)
    view = applications.show(env, updated.application_id)
    return {"interview": shapes.interview(updated), "next": [i.to_json() for i in view.upcoming]}


def _sent(
    value: T | None, otherwise: T | applications.Unchanged = applications.UNCHANGED
) -> T | applications.Unchanged:
    """A field of the request body, or when it is left out (None), `otherwise`: unchanged, or what an
    earlier change to the same person set."""
    return otherwise if value is None else value
