"""The browser's trip to an OpenID Connect provider and back, as both of its uses take it: signing in
with the organisation's provider (`pages/organisation_sign_in.py`) and connecting a mailbox
(`pages/mail_connection.py`).

Leaving is a page that forwards to the provider, not a redirect: the page that posted the form
allows forms to post only to this site (CSP form-action 'self'), and browsers hold a redirect after
a form to that too. What the browser must keep until it comes back (the flow's `Pending`, as text)
is one cookie, signed with the app's key for this flow's purpose, HttpOnly, SameSite=Lax (the way
back is a navigation from the provider's site, which a Strict cookie would miss), sent to the way
back's path only, for as long as the flow allows, and removed on the way back whatever happens:
a trip finishes once.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request
from starlette.responses import Response

from followup.web import rendering
from followup.web.app import over_https, web_state


@dataclass(frozen=True)
class Trip:
    cookie: str  # the cookie's name
    path: str  # where the provider sends the browser back: the only path the cookie goes to
    purpose: str  # what the signature is for: a cookie of one flow is worth nothing to another
    life: timedelta

    def leave(self, request: Request, url: str, pending: str, *, label: str, heading: str) -> Response:
        """The page that forwards the browser to `url`, keeping `pending` (text) in the cookie."""
        context = {"url": url, "label": label, "heading": heading}
        response = rendering.page(request, "accounts_to_provider.html", context, title=heading)
        response.headers["Cache-Control"] = "no-store"
        text = base64.urlsafe_b64encode(pending.encode()).decode().rstrip("=")
        value = web_state(request).keys.signed(self.purpose, text)
        response.headers.append("set-cookie", self._cookie(request, value, int(self.life.total_seconds())))
        return response

    def pending(self, request: Request) -> str | None:
        """What the browser kept, when it is this flow's, signed by this app; None otherwise."""
        text = web_state(request).keys.unsigned(self.purpose, request.cookies.get(self.cookie))
        if text is None:
            return None
        try:
            return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        except ValueError:
            return None

    def over(self, request: Request, response: Response) -> Response:
        """`response`, with the cookie removed: used or refused, the trip opens nothing a second time."""
        response.headers.append("set-cookie", self._cookie(request, "", 0))
        return response

    def _cookie(self, request: Request, value: str, max_age: int) -> str:
        secure = "; Secure" if over_https(request) else ""
        return f"{self.cookie}={value}; Path={self.path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
