"""Action ids: short, typeable, and the same for as long as the action is pending."""

from __future__ import annotations

import base64

try:
    # The BLAKE2 module alone: `hashlib` would also load OpenSSL (~3 ms on every agenda run).
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it; other interpreters may not
    from hashlib import blake2b


def action_id(*parts: object) -> str:
    """Derived from what the action is about (application, rule, interview, person), never from time."""
    digest = blake2b("/".join(map(str, parts)).encode(), digest_size=7).digest()
    return base64.b32encode(digest).decode()[:10].lower()
