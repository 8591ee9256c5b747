"""The password form, shown only when the app listens beyond this computer."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.web import rendering
from followup.web.app import web_state
from followup.web.keys import password_ok
from followup.web.security import SESSION_COOKIE

router = APIRouter(include_in_schema=False)


@router.get("/login")
async def login_form(request: Request, next: str | None = None) -> Response:
    if not web_state(request).guard.password_hash:
        return RedirectResponse(rendering.local_path(next), status_code=303)
    return rendering.page(request, "login.html", {"next": rendering.local_path(next), "failed": False}, title="Log in")


@router.post("/login")
async def login(request: Request, password: str = Form(""), next: str = Form("/")) -> Response:
    state = web_state(request)
    stored = state.guard.password_hash
    if stored and not password_ok(stored, password):
        context = {"next": rendering.local_path(next), "failed": True}
        return rendering.page(request, "login.html", context, title="Log in", status=401)
    response = RedirectResponse(rendering.local_path(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, state.keys.session(), httponly=True, samesite="strict", path="/")
    return response
