"""The first visit: one short screen that asks the user's name and time zone, before Today.

Today (`GET /`) sends a new user here while `followup.app.settings.first_run_due` says
so: no name, no application, and the screen neither saved nor skipped. The name signs
every draft; the zone is the clock interviews are entered on. The zone is pre-selected
with the server's guess (this computer's zone) and, with JavaScript, the browser's own
(`static/js/welcome.js`). "Skip for now" is remembered, so the screen does not come back.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from followup.app import settings as settings_use_cases
from followup.app.context import Env
from followup.web import rendering
from followup.web.app import env_of
from followup.web.security import ACCOUNT_KEY

router = APIRouter(include_in_schema=False)


def _context(env: Env, values: dict[str, str], errors: dict[str, str] | None = None) -> dict[str, Any]:
    now = env.now()
    detected = settings_use_cases.detected_timezone()
    groups = [
        (region, [(zone, settings_use_cases.zone_label(zone, now)) for zone in zones])
        for region, zones in settings_use_cases.zone_groups(values["timezone"], detected)
    ]
    return {"values": values, "errors": errors or {}, "zone_groups": groups, "submitted": errors is not None}


@router.get("/welcome")
async def welcome_page(request: Request) -> Response:
    env = env_of(request)
    values = settings_use_cases.first_run_values(env)
    account = request.scope.get(ACCOUNT_KEY)
    if account is not None and not values["name"]:
        values["name"] = account.name  # a hosted account's name, given when they joined, as a start
    context = _context(env, values)
    return rendering.page(request, "welcome.html", context, title="Welcome")


@router.post("/welcome")
async def welcome_save(request: Request) -> Response:
    env = env_of(request)
    data = await request.form()
    form = {key: value for key, value in data.items() if isinstance(value, str)}
    try:
        settings_use_cases.save_first_run(env, form)
    except settings_use_cases.FieldErrors as exc:
        values = {"name": form.get("name", ""), "timezone": form.get("timezone", "")}
        return rendering.page(request, "welcome.html", _context(env, values, exc.errors), title="Welcome", status=422)
    response = RedirectResponse("/", status_code=303)
    settings = env.settings
    rendering.set_flash(
        response, f"Saved. Drafts are signed “{settings.profile.name}”; times are in {settings.timezone}."
    )
    return response


@router.post("/welcome/skip")
async def welcome_skip(request: Request) -> Response:
    settings_use_cases.skip_first_run(env_of(request))
    response = RedirectResponse("/", status_code=303)
    rendering.set_flash(response, "Skipped. Add your name and time zone in Settings whenever you like.", "info")
    return response
