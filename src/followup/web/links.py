"""The links a page builds from stored data: mailto:, tel: and web addresses.

Data reaches a link only through here, checked and percent-encoded, so a stored value can
never add to the link what the user did not see: "ann@acme.example?bcc=spy%40evil.example"
is no email address (so it stays text), and were it one, its "?" and "&" would be encoded
and read as part of the address, never as a Bcc field. Jinja's autoescaping then keeps
the link inside its attribute. The rules are the domain's (followup.domain.fields), the
same ones every door applies when the value is saved.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from followup.domain.fields import FieldError, email_address, web_address


def mail_link(address: str | None) -> str | None:
    """mailto:address for a valid email address, encoded (RFC 6068); None otherwise."""
    if not address:
        return None
    try:
        checked = email_address(address)
    except FieldError:
        return None
    return "mailto:" + quote(checked, safe="@")


def phone_link(number: str | None) -> str | None:
    """tel:+4930123456 from what the user wrote: digits and a leading + only; None with too few digits."""
    digits = re.sub(r"[^0-9]", "", number or "")
    if len(digits) < 3:
        return None
    return f"tel:{'+' if (number or '').strip().startswith('+') else ''}{digits}"


def web_link(url: str | None) -> str | None:
    """An http(s) address that passes the domain's check; a stored `javascript:` link stays text."""
    if not url:
        return None
    try:
        return web_address(url)
    except FieldError:
        return None
