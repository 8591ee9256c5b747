"""`/calendar.ics`: the interviews and due follow-ups, for a calendar app to subscribe to.

Calendar apps cannot log in, so the feed is outside the password (see
`security.PUBLIC_PREFIXES`) and guarded by its own secret token instead. A
missing or wrong token gets the same bare 404 as an address that does not
exist, so nobody learns the feed is there. In a hosted installation the token
is an account's own (`app/account_tokens.py`) and the feed is that account's.
"""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from followup.app import calendar
from followup.app.context import env_for
from followup.web.app import web_state

router = APIRouter(include_in_schema=False)
MEDIA_TYPE = "text/calendar; charset=utf-8"


@router.api_route("/calendar.ics", methods=["GET", "HEAD"])
async def calendar_feed(request: Request, token: str | None = None) -> Response:
    state = web_state(request)
    if state.hosted:
        # Each account's own token opens its own feed; the installation's token is no one's schedule.
        from followup.app import account_tokens

        account = account_tokens.account_of(state.env, account_tokens.CALENDAR, token)
        if account is None:
            return PlainTextResponse("Not found", status_code=404)
        env = env_for(state.env, account.owner_id)
    elif state.keys.calendar_ok(token):
        env = state.env
    else:
        return PlainTextResponse("Not found", status_code=404)
    feed = calendar.feed(env, link_base=str(request.base_url).rstrip("/"))
    body = feed.text.encode("utf-8")
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {
        "ETag": etag,
        # Private: it is one person's schedule; apps poll, so a short reuse is enough.
        "Cache-Control": "private, max-age=300",
        "Content-Disposition": 'inline; filename="followup.ics"',
    }
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA_TYPE, headers=headers)
