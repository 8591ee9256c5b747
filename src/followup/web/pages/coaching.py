"""A coach's pages in a hosted installation: the job seekers who added them, one seeker's
applications and follow-ups, and notes left for them (app/coaching.py decides what a coach sees)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.app import coaching
from followup.domain.accounts import Account
from followup.errors import InvalidInput, NotFound
from followup.web import rendering
from followup.web.app import env_of
from followup.web.security import ACCOUNT_KEY

router = APIRouter(include_in_schema=False)
STATUS_WORDS = {"overdue": "Overdue", "due": "Due", "upcoming": "Upcoming"}


def _coach(request: Request) -> Account:
    account: Account | None = request.scope.get(ACCOUNT_KEY)
    if account is None or not account.is_coach:
        # Not a coach (or the local app): these pages are not there.
        raise NotFound("there is nothing at this address", hint="Start from Today.")
    return account


def _seeker_page(request: Request, seeker_id: int, status: int = 200, **form: Any) -> Response:
    coach = _coach(request)
    env = env_of(request)
    view = coaching.seeker_view(env, coach, seeker_id)
    context = {
        "view": view,
        "now": env.now(),
        "status_words": STATUS_WORDS,
        "note_text": form.get("note_text", ""),
        "note_error": form.get("note_error"),
        "chosen_application": form.get("chosen_application"),
    }
    return rendering.page(
        request, "coach_seeker.html", context, active="coach", title=view.account.shown_name, status=status
    )


@router.get("/coach")
async def coach_home(request: Request) -> Response:
    coach = _coach(request)
    seekers = coaching.seekers(env_of(request), coach)
    return rendering.page(
        request, "coach_home.html", {"seekers": seekers, "me": coach}, active="coach", title="Your job seekers"
    )


@router.get("/coach/{seeker_id}")
async def coach_seeker(request: Request, seeker_id: int) -> Response:
    return _seeker_page(request, seeker_id)


@router.post("/coach/{seeker_id}/notes")
async def coach_note(
    request: Request, seeker_id: int, body: str = Form(""), application_id: str = Form("")
) -> Response:
    coach = _coach(request)
    about = int(application_id) if application_id.strip().isdigit() else None
    try:
        coaching.leave_note(env_of(request), coach, seeker_id, body, about)
    except InvalidInput as exc:
        return _seeker_page(
            request,
            seeker_id,
            422,
            note_text=body,
            note_error=exc.message[:1].upper() + exc.message[1:] + ".",
            chosen_application=about,
        )
    response = RedirectResponse(f"/coach/{seeker_id}", status_code=303)
    rendering.set_flash(response, "Note left. They see it on their Today page, and on the application's page.")
    return response
