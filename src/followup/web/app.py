"""Builds the web app: routes from every page module, the API, static files, error pages, security.

Handlers are `async def` and call the synchronous services directly: SQLite
answers in well under a millisecond, and running every request on the event
loop's thread means one connection serves them all without locking. Anything
slow (mail sync, sending) goes to a worker thread with its own connection.
When another program holds the write lock, `followup.web.busy` waits for it without
blocking the loop, and answers 503 "busy, try again" if it lasts.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response
from starlette.staticfiles import StaticFiles

from followup import __version__
from followup.app.context import Env, env_for
from followup.errors import FollowupError
from followup.web import busy, rendering
from followup.web.keys import Keys
from followup.web.security import ACCOUNT_KEY, Guard, SecurityMiddleware

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")
# Where `env_of` keeps the signed-in account's Env for the rest of the request.
_ENV_KEY = "followup.env"
T = TypeVar("T")
# The import page answers /applications/import before the application pages read "import" as an id.
PAGE_MODULES = (
    "today",
    "imports",
    "applications",
    "application",
    "capture",
    "drafts",
    "replies",
    "insights",
    "settings",
    "welcome",
)
API_MODULES = (
    "followup.web.api.v1",
    "followup.web.calendar_feed",
    "followup.web.pages.login",
    "followup.web.operations",  # /readyz and /metrics, for the operator of a hosted installation
)


@dataclass
class WebState:
    """What every request may use: the environment, the keys, and a counter of writes."""

    env: Env
    keys: Keys
    guard: Guard
    # Bumped after every state-changing request; `cached` compares it.
    generation: int = 0
    # A hosted installation (accounts sign in), set once at start-up.
    hosted: bool = False
    cache: dict[Any, Any] = field(default_factory=dict)
    # (inode, mtime_ns, size) of the settings file last read: followup replaces the file whole on
    # every save, so a new inode tells a save even within the file system's clock tick.
    settings_file: tuple[int, int, int] | None = None

    def follow_the_settings_file(self) -> None:
        """Read the settings again when the file changed since: `followup config set` in a terminal
        while the app (or the background service) runs must not wait for a restart."""
        try:
            stat = os.stat(self.env.config_path)
            seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:  # no file yet: the defaults, as read
            seen = (0, 0, 0)
        if seen != self.settings_file:
            self.settings_file = seen
            self.env.reload_settings()
            self.wrote()

    def now(self) -> datetime:
        return self.env.now()

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`'s result, reused until anything may have been written or the minute turns.

        Only for figures read from the whole history (Insights), not for pages: any write
        here, or by the CLI (SQLite's data version), makes them fresh again.
        """
        if not isinstance(self.env.conn, sqlite3.Connection):
            # PostgreSQL has no data version to tell another process's writes: nothing is kept.
            return build()
        external = self.env.conn.execute("PRAGMA data_version").fetchone()[0]
        full_key = (key, self.generation, external, self.now().replace(second=0, microsecond=0))
        # Callers put the owner in `key`: one web process serves every account of a hosted installation.
        try:
            value: T = self.cache[full_key]
        except KeyError:
            value = build()
            self.cache.clear()
            self.cache[full_key] = value
        return value

    def wrote(self) -> None:
        self.generation += 1
        self.cache.clear()


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def base_url(request: Request) -> str:
    """The installation's address, for links in mail and for a provider to send the browser back to
    (the one registered there): FOLLOWUP_BASE_URL, else the one this request came to (its Host header
    already passed the middleware's check)."""
    return (os.environ.get("FOLLOWUP_BASE_URL") or str(request.base_url)).rstrip("/")


def over_https(request: Request) -> bool:
    """Whether the browser reached the app over HTTPS (its cookies are then Secure). Behind a reverse
    proxy that ends TLS the app sees plain HTTP: the installation's address says."""
    return request.url.scheme == "https" or os.environ.get("FOLLOWUP_BASE_URL", "").startswith("https://")


def env_of(request: Request) -> Env:
    """What this request works with: in a hosted installation, the signed-in account's rows and
    settings (built once per request); in the local app, the one user's."""
    state = web_state(request)
    account = request.scope.get(ACCOUNT_KEY)
    if account is None:
        state.follow_the_settings_file()
        return state.env
    env: Env | None = request.scope.get(_ENV_KEY)
    if env is None:
        env = request.scope[_ENV_KEY] = env_for(state.env, account.owner_id)
    return env


def create_app(
    env: Env,
    *,
    keys: Keys,
    guard: Guard,
) -> Any:
    """The ASGI app: FastAPI wrapped in the security middleware."""
    app = FastAPI(
        title="followup",
        version=__version__,
        summary="Everything after the job interview: what to send, to whom, and when.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    state = WebState(env=env, keys=keys, guard=guard)
    app.state.web = state

    # First, so that the trivial endpoint the benchmark compares against is not slowed by route matching.
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> Response:
        return Response("ok", media_type="text/plain")

    app.mount(f"/static/{__version__}", StaticFiles(directory=STATIC_DIR), name="static")
    from followup.app import accounts

    # A hosted installation signs people in with accounts: its pages (and its /login and
    # /logout, which come first and so answer instead of the local app's) are only there.
    hosted = state.hosted = accounts.is_hosted(env)
    if hosted:
        # Read once: a half-done provider setting stops the start with a clear error, not a sign-in later.
        from followup.app import organisation_sign_in

        app.state.organisation_sign_in = organisation_sign_in.from_environment()
        if app.state.organisation_sign_in is not None:
            app.include_router(importlib.import_module("followup.web.pages.organisation_sign_in").router)
        # The same for the provider of "Connect your mailbox" (app/mail_connection.py).
        from followup.app import mail_connection

        app.state.mail_connection = mail_connection.from_environment()
        if app.state.mail_connection is not None:
            app.include_router(importlib.import_module("followup.web.pages.mail_connection").router)
        app.include_router(importlib.import_module("followup.web.pages.accounts").router)
        app.include_router(importlib.import_module("followup.web.pages.coaching").router)
    # Routes are matched in order: the two most used (Today, the agenda API) come first.
    app.include_router(importlib.import_module("followup.web.pages.today").router)
    app.include_router(importlib.import_module("followup.web.api.v1").router)
    for name in PAGE_MODULES[1:]:
        app.include_router(importlib.import_module(f"followup.web.pages.{name}").router)
    for module in API_MODULES[1:]:
        app.include_router(importlib.import_module(module).router)
    _error_handlers(app)
    # The CLI or a mail sync may hold SQLite's write lock for seconds: never wait for it on the event loop.
    if isinstance(env.conn, sqlite3.Connection):
        env.conn.execute(f"PRAGMA busy_timeout = {int(busy.BUSY_WAIT * 1000)}")
    app.add_middleware(busy.BusyMiddleware, writes=lambda: env.conn.total_changes, undo=lambda: _roll_back(env))

    if not hosted:
        return SecurityMiddleware(app, guard, on_write=state.wrote)
    from followup.app import account_tokens

    return SecurityMiddleware(
        app,
        guard,
        on_write=state.wrote,
        account_of=lambda token: accounts.account_of_session(env, token),
        account_of_api_token=lambda token: account_tokens.account_of(env, account_tokens.API, token),
    )


def _roll_back(env: Env) -> None:
    # A request stopped by the busy database inside a transaction leaves nothing half done.
    if env.conn.in_transaction:
        env.conn.execute("ROLLBACK")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def error_body(exc: FollowupError) -> dict[str, Any]:
    body: dict[str, Any] = {"code": type(exc).__name__, "message": exc.message, "where": exc.where, "hint": exc.hint}
    problems = getattr(exc, "problems", None)
    if problems:
        body["problems"] = [{"where": where, "problem": problem} for where, problem in problems]
    return {"error": body}


def _error_handlers(app: FastAPI) -> None:
    def error_page(request: Request, status: int, title: str, message: str, hint: str | None, **extra: Any) -> Response:
        context = {"status": status, "heading": title, "message": message, "hint": hint, "problems": [], **extra}
        if rendering.is_htmx(request):
            # Shown in the page's message area, whatever the request was aiming at.
            response = rendering.partial(request, "_error.html", context, status=status)
            response.headers["HX-Retarget"] = "#messages"
            response.headers["HX-Reswap"] = "innerHTML"
            return response
        return rendering.page(request, "error.html", context, title=title, status=status)

    @app.exception_handler(FollowupError)
    async def followup_error(request: Request, exc: FollowupError) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(exc), status_code=exc.http_status)
        problems = getattr(exc, "problems", None) or []
        where = f"{exc.where}: " if exc.where else ""
        return error_page(
            request, exc.http_status, "That did not work", where + exc.message, exc.hint, problems=problems
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [(".".join(str(part) for part in error["loc"]), str(error["msg"])) for error in exc.errors()]
        if _wants_json(request):
            body = {
                "error": {
                    "code": "InvalidInput",
                    "message": "the request has invalid fields",
                    "where": None,
                    "hint": "See `problems` for each field, and the OpenAPI document at /api/v1/openapi.json.",
                    "problems": [{"where": where, "problem": problem} for where, problem in problems],
                }
            }
            return JSONResponse(body, status_code=422)
        return error_page(
            request, 422, "Some fields need a look", "The form has invalid fields.", None, problems=problems
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            code = "NotFound" if exc.status_code == 404 else "HTTPError"
            body = {"error": {"code": code, "message": str(exc.detail), "where": None, "hint": None}}
            return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 404:
            return error_page(request, 404, "Page not found", "There is nothing at this address.", "Start from Today.")
        return error_page(request, exc.status_code, "That did not work", str(exc.detail), None)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        # A bug, not the user's doing: log it for a report, show no traceback.
        import logging

        logging.getLogger("followup.web").error("unhandled error on %s", request.url.path, exc_info=exc)
        message = "Something went wrong inside followup. Nothing was changed."
        hint = "Try again; if it keeps happening, please report it with the terminal output."
        if _wants_json(request):
            body = {"error": {"code": "InternalError", "message": message, "where": None, "hint": hint}}
            return JSONResponse(body, status_code=500)
        return error_page(request, 500, "Sorry, that is our fault", message, hint)
