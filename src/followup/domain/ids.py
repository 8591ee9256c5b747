"""Action ids: short, typeable, and the same for as long as the action is pending."""

from __future__ import annotations

try:
    # The BLAKE2 module alone: `hashlib` would also load OpenSSL (~3 ms on every agenda run).
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it; other interpreters may not
    from hashlib import blake2b

# Base32's letters (RFC 4648), in lower case: no 0, 1 or 8, which read like o, l and b.
_LETTERS = "abcdefghijklmnopqrstuvwxyz234567"


def action_id(*parts: object) -> str:
    """Derived from what the action is about (application, rule, interview, person), never from time."""
    digest = blake2b("/".join(map(str, parts)).encode(), digest_size=7).digest()
    # The digest's first 50 bits as ten base32 letters, as `base64.b32encode(digest)[:10].lower()`
    # spells them, without loading base64 on every agenda run for one id.
    bits = int.from_bytes(digest, "big") >> 6
    return "".join(_LETTERS[(bits >> shift) & 31] for shift in range(45, -1, -5))
