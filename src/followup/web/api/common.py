"""What every `/api/v1` module shares: documented errors, paging, cursors, ids, and existence checks."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query
from starlette.responses import Response

from followup.errors import InvalidInput, NotFound
from followup.web.api.models import MAX_ID as MAX_ID
from followup.web.api.models import ErrorResponse

T = TypeVar("T")

ERROR_TEXT = {
    400: "The body is not JSON text in UTF-8.",
    404: "Not found: no such thing (or not yours).",
    409: "Conflict: the request contradicts what is stored (e.g. the action is already done), or matches several.",
    422: "Invalid input: `error.problems` lists each field with what is wrong.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses; every error has the same JSON shape."""
    return {code: {"model": ErrorResponse, "description": ERROR_TEXT[code]} for code in (422, *codes)}


def created_doc(what: str, *codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a create: 201 with the new thing's address in `Location`, and the errors."""
    location = {"description": f"The new {what}'s address in this API.", "schema": {"type": "string"}}
    return {201: {"description": f"The {what} was added.", "headers": {"Location": location}}, **errors(*codes)}


# GETs answer without a token on the loopback address when no password is set.
READ: dict[str, Any] = {"security": [{}]}

DEFAULT_LIMIT, MAX_LIMIT = 50, 500
MAX_OFFSET = 1_000_000

AppId = Annotated[int, Path(ge=1, le=MAX_ID, description="An application id.")]
ContactId = Annotated[int, Path(ge=1, le=MAX_ID, description="A contact id.")]
InterviewId = Annotated[int, Path(ge=1, le=MAX_ID, description="An interview id.")]
TouchpointId = Annotated[int, Path(ge=1, le=MAX_ID, description="A touchpoint id.")]
ActionId = Annotated[
    str,
    Path(
        min_length=4,
        max_length=10,
        pattern=r"^[A-Za-z2-7]+$",
        description="An action id from GET /actions (or its first 4 or more characters).",
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many to skip (after the cursor, if any).")]
Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=2000,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="`next_cursor` from the previous page; stable while items are added or removed.",
    ),
]
Search = Annotated[str | None, Query(min_length=1, max_length=200, description="Text to look for (not a pattern).")]


def created(response: Response, location: str) -> None:
    response.status_code = 201
    response.headers["Location"] = location


def encode_cursor(*key: str | int) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str, *types: type) -> tuple[Any, ...]:
    """The key a cursor holds, checked to be what `encode_cursor` wrote for this list."""
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        key = None
    if (
        not isinstance(key, list)
        or len(key) != len(types)
        or not all(type(part) is kind for part, kind in zip(key, types, strict=True))
        or any(isinstance(part, int) and not 0 <= part <= MAX_ID for part in key)
    ):
        raise InvalidInput(
            "this cursor is not one this list gave out",
            where="query.cursor",
            hint="Pass on `next_cursor` from the previous page as it is, or start again without a cursor.",
        )
    return tuple(key)


def existing(lookup: Callable[[], T], where: str) -> T:
    """`lookup()`, with a missing thing named in the request body reported as invalid input (422)."""
    try:
        return lookup()
    except NotFound as exc:
        raise InvalidInput(exc.message, where=where, hint=exc.hint) from None
