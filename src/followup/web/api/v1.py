"""`/api/v1`: followup's JSON API, for scripts and other apps (see docs/api.md).

Every resource module has its own router; this one puts them under the prefix
and declares how callers prove who they are. The checking itself happens in
security.py for every request: a script sends `Authorization: Bearer <token>`
(the API token from Settings); the app's own pages send their CSRF token in
`X-CSRF-Token`. Reads need neither on the loopback address without a password.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPBearer
from starlette.responses import Response

from followup.web.api import actions, applications, checks, contacts, interviews, touchpoints

# auto_error=False: these only document the schemes; security.py enforces them.
api_token = HTTPBearer(
    scheme_name="apiToken",
    bearerFormat="40 hex characters",
    description="The API token from Settings: `Authorization: Bearer <token>`. Needed for every change.",
    auto_error=False,
)
csrf_token = APIKeyHeader(
    name="X-CSRF-Token",
    scheme_name="csrfToken",
    description="For the app's own pages: the page's CSRF token, with the browser's cookies.",
    auto_error=False,
)

router = APIRouter(prefix="/api/v1", dependencies=[Security(api_token), Security(csrf_token)])
# The agenda first: it is the hot path, and routes are tried in order.
for module in (actions, applications, contacts, interviews, touchpoints, checks):
    router.include_router(module.router)

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def _allowed(request: Request) -> list[str]:
    """The methods the OpenAPI document lists for this address."""
    paths: dict[str, dict[str, Any]] = request.app.openapi()["paths"]
    for template, operations in paths.items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}/]+\}", template))
        if re.fullmatch(pattern, request.url.path):
            return sorted(method.upper() for method in operations if method.upper() in ALL_METHODS)
    return []


@router.api_route("/{rest:path}", methods=ALL_METHODS, include_in_schema=False)
async def not_in_api(request: Request, rest: str) -> Response:
    """Last in line: 405 naming every method the address takes (the router names one route's), else 404."""
    allowed = _allowed(request)
    if allowed:
        raise HTTPException(405, "This address does not take that method.", headers={"Allow": ", ".join(allowed)})
    raise HTTPException(404, "There is nothing at this address in the API; see /api/v1/openapi.json.")
