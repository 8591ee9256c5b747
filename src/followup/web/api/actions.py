"""`/api/v1/actions`: the agenda in pages, what you did about each action, and its draft.

GET /actions is the API's most used read: each page is one short indexed range query,
serialised straight to JSON bytes (no response model to validate on the way out).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from followup.app import actions, agenda_pages, applications, drafts, shapes
from followup.app.agenda import AgendaItem
from followup.app.context import Env
from followup.domain.model import Outcome
from followup.drafting.model import DraftKind, Finding, Tone
from followup.errors import InvalidInput
from followup.web.api import draft_models, models
from followup.web.api.common import (
    DEFAULT_LIMIT,
    MAX_ID,
    READ,
    ActionId,
    Cursor,
    Limit,
    decode_cursor,
    encode_cursor,
    errors,
)
from followup.web.app import env_of

router = APIRouter(prefix="/actions", tags=["actions"])

MAX_DAYS = 366
CLOCK_SLACK = timedelta(minutes=5)  # a script's clock may run a little ahead of this one
JSON = "application/json"


def _next(env: Env, item: AgendaItem) -> list[dict[str, Any]]:
    # What `followup done/snooze/skip --json` report as next: the application's first two.
    if item.application_id is None:
        return []
    return [n.to_json() for n in applications.show(env, item.application_id).upcoming[:2]]


@router.get(
    "",
    response_model=None,
    response_class=JSONResponse,
    responses={200: {"model": models.ActionPage, "description": "One page of the agenda."}, **errors()},
    openapi_extra=READ,
)
async def list_actions(
    request: Request,
    days: Annotated[int, Query(ge=0, le=MAX_DAYS, description="Include what comes up in the next N days.")] = 7,
    status: Annotated[
        list[models.AgendaStatus] | None, Query(description="Only these (repeat for several); default all.")
    ] = None,
    application_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this application's.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """What to do now and soon, earliest first: `followup agenda --days N --json`, a page at a time.

    Overdue, due and upcoming items in one list ordered by (due, id); `status`
    picks some of them. Follow `next_cursor` for the next page: the order is
    stable, so no item is skipped or repeated while you page.
    """
    env = env_of(request)
    after = decode_cursor(cursor, str, str) if cursor else None
    statuses = frozenset(status) if status else None

    page = agenda_pages.page(
        env,
        days=days,
        limit=limit,
        after=(after[0], after[1]) if after else None,
        statuses=statuses,
        application_id=application_id,
    )
    body = {
        "items": [item.to_json() for item in page.items],
        "total": page.total,
        "counts": page.counts,
        "limit": limit,
        "next_cursor": encode_cursor(*page.next_key) if page.next_key else None,
    }
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), media_type=JSON)


@router.get("/{action_id}", response_model=models.AgendaItemOut, responses=errors(404, 409), openapi_extra=READ)
async def get_action(request: Request, action_id: ActionId) -> dict[str, Any]:
    """One pending action (409 when it is already done, skipped or snoozed)."""
    return actions.find_action(env_of(request), action_id).to_json()


@router.post("/{action_id}/done", response_model=models.DoneOut, responses=errors(400, 404, 409))
async def mark_done(request: Request, action_id: ActionId, body: models.DoneIn | None = None) -> dict[str, Any]:
    """Record that you did it; a message or call is logged, and the next step follows from it."""
    env = env_of(request)
    body = body or models.DoneIn()
    if body.at is not None and body.at > env.now() + CLOCK_SLACK:
        raise InvalidInput(
            "`at` is in the future", where="body.at", hint="Mark it done once you have done it, or leave `at` out."
        )
    result = actions.mark_done(
        env,
        action_id,
        at=body.at,
        outcome=Outcome(body.outcome) if body.outcome else None,
        promised_date=body.promised_date,
        channel=body.channel,
        subject=body.subject,
        message_id=body.message_id,
        note=body.note,
    )
    return {
        "action": result.action.to_json(),
        "touchpoint_id": result.touchpoint_id,
        "consequences": result.consequences,
        "next": _next(env, result.action),
    }


@router.post("/{action_id}/snooze", response_model=models.SnoozedOut, responses=errors(400, 404, 409))
async def snooze(request: Request, action_id: ActionId, body: models.SnoozeIn) -> dict[str, Any]:
    """Put it off until `until`; it comes back then."""
    env = env_of(request)
    item = actions.snooze(env, action_id, body.until)
    return {"action": item.to_json(), "until": body.until.isoformat(timespec="seconds"), "next": _next(env, item)}


@router.post("/{action_id}/skip", response_model=models.SkippedOut, responses=errors(400, 404, 409))
async def skip(request: Request, action_id: ActionId, body: models.SkipIn | None = None) -> dict[str, Any]:
    """Decide not to do it; the playbook moves on without it."""
    env = env_of(request)
    item = actions.skip(env, action_id, body.note if body else None)
    return {"action": item.to_json(), "next": _next(env, item)}


@router.post("/{action_id}/undo", response_model=models.UndoneOut, responses=errors(404, 409))
async def undo(request: Request, action_id: ActionId) -> dict[str, Any]:
    """Take back done, snooze or skip (a message logged by done is removed too)."""
    message = actions.undo(env_of(request), action_id)
    return {"undone": action_id, "message": message}


@router.get("/{action_id}/draft", response_model=models.DraftOut, responses=errors(404, 409), openapi_extra=READ)
async def draft(
    request: Request,
    action_id: ActionId,
    tone: Annotated[Tone | None, Query(description="Default: follows the company's style.")] = None,
    kind: Annotated[
        DraftKind | None, Query(description="Another draft for the same action, e.g. the voicemail.")
    ] = None,
) -> shapes.DraftShape:
    """The message this action asks for, ready to send, with what the checks found (`followup draft ID --json`).

    422 when the action has nothing to draft, or when your name (to sign it) is not set yet.
    """
    return shapes.checked_draft(drafts.for_action(env_of(request), action_id, kind=kind, tone=tone))


@router.put("/{action_id}/draft", response_model=models.DraftOut, responses=errors(400, 404, 409))
async def save_draft(request: Request, action_id: ActionId, body: draft_models.DraftEditIn) -> shapes.DraftShape:
    """Keep your own text of the draft (`followup draft ID --edit`): the draft page, downloads and sending use it.

    Answers the draft as GET does, checked, with `edited` true (false when the text is the template's
    own, word for word: the draft then keeps following the template). 422 for an empty or too long text.
    """
    env = env_of(request)
    try:
        saved = drafts.save_draft_edit(env, action_id, body.subject, body.body, kind=body.kind)
    except InvalidInput as error:
        raise _in_body(error) from None
    return shapes.checked_draft(saved)


@router.delete("/{action_id}/draft", response_model=models.DraftOut, responses=errors(404, 409))
async def reset_draft(
    request: Request,
    action_id: ActionId,
    kind: Annotated[
        DraftKind | None, Query(description="Another draft for the same action, e.g. the voicemail.")
    ] = None,
) -> shapes.DraftShape:
    """Go back to the template's text (`followup draft ID --reset`); answers the template's draft.

    Only that draft: the action's other one (the voicemail beside the call script) keeps its edit."""
    env = env_of(request)
    drafts.reset_draft(env, action_id, kind=kind)
    return shapes.checked_draft(drafts.for_action(env, action_id, kind=kind))


@router.post("/{action_id}/draft/check", response_model=draft_models.EditCheckOut, responses=errors(400, 404, 409))
async def check_draft_edit(request: Request, action_id: ActionId, body: draft_models.DraftEditIn) -> dict[str, Any]:
    """Check a text for this action's draft before saving it: the checks the saved text would get.

    Each finding says which field it is in and where (offsets count in that field), with a one-step
    `fix` where there is one. Nothing is saved; the draft page calls this as you type.
    """
    env = env_of(request)
    try:
        checked = drafts.check_edit(env, action_id, body.subject, body.body, kind=body.kind)
    except InvalidInput as error:
        raise _in_body(error) from None
    subject = checked.draft.subject
    return {
        "findings": [_edit_finding(subject, finding) for finding in checked.findings],
        "errors": sum(1 for f in checked.findings if f.severity.value == "error"),
    }


def _edit_finding(subject: str, finding: Finding) -> dict[str, Any]:
    field, start, end = drafts.field_span(subject, finding.start, finding.end)
    fix = None
    if finding.fix is not None:
        fix_field, fix_start, fix_end = drafts.field_span(subject, finding.fix.start, finding.fix.end)
        fix = {
            "kind": finding.fix.kind.value,
            "label": finding.fix.label,
            "field": fix_field,
            "start": fix_start,
            "end": fix_end,
            "replacement": finding.fix.replacement,
            "word": finding.fix.word,
        }
    return {
        "id": finding.id,
        "severity": finding.severity.value,
        "message": finding.message,
        "field": field,
        "start": start,
        "end": end,
        "fix": fix,
    }


# The use case names the form's fields ("Text"); the API names the body's.
_BODY_FIELDS = {"Text": "body.body", "Subject": "body.subject"}


def _in_body(error: InvalidInput) -> InvalidInput:
    where = _BODY_FIELDS.get(error.where or "", error.where)
    return InvalidInput(error.message, where=where, hint=error.hint)
