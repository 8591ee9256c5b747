"""Action ids: short, typeable, and the same for as long as the action is pending."""

from __future__ import annotations

import base64
import hashlib


def action_id(*parts: object) -> str:
    """Derived from what the action is about (application, rule, interview, person), never from time."""
    digest = hashlib.blake2b("/".join(map(str, parts)).encode(), digest_size=7).digest()
    return base64.b32encode(digest).decode()[:10].lower()
