"""The app's secret and the tokens derived from it (CSRF, API, calendar feed, login session).

One random secret lives in the data folder (mode 0600), so tokens survive a
restart and the calendar URL a user pasted into their calendar app keeps working.
Every token is an HMAC of the secret, so none of them is stored anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time

from followup.errors import StorageError
from followup.files import write_atomically

SECRET_FILE = "web-secret.key"


def load_or_create_secret(data_dir: str) -> bytes:
    path = os.path.join(data_dir, SECRET_FILE)
    try:
        with open(path, "rb") as handle:
            value = handle.read().strip()
        if len(value) >= 32:
            return value
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"cannot read the web app's key: {exc.strerror}", where=path) from None
    value = secrets.token_hex(32).encode()
    try:
        write_atomically(path, value, private=True, create_folder=True)
    except OSError as exc:
        raise StorageError(f"cannot write the web app's key: {exc.strerror}", where=path) from None
    return value


class Keys:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, purpose: str, value: str = "") -> str:
        return hmac.new(self._secret, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def csrf_token(self, nonce: str) -> str:
        """The form token for one browser, bound to its nonce cookie (signed double submit)."""
        return self._mac("csrf", nonce)[:40]

    def csrf_ok(self, nonce: str | None, token: str | None) -> bool:
        return bool(nonce and token) and hmac.compare_digest(self.csrf_token(nonce or ""), token or "")

    @property
    def api_token(self) -> str:
        return self._mac("api")[:40]

    def api_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.api_token, token or "")

    @property
    def calendar_token(self) -> str:
        return self._mac("calendar")[:32]

    def calendar_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.calendar_token, token or "")

    def session(self, lifetime: float = 30 * 86400, now: float | None = None) -> str:
        expires = str(int((now or time.time()) + lifetime))
        return f"{expires}.{self._mac('session', expires)[:40]}"

    def session_ok(self, value: str | None, now: float | None = None) -> bool:
        if not value or "." not in value:
            return False
        expires, mac = value.split(".", 1)
        if not expires.isdigit() or int(expires) < (now or time.time()):
            return False
        return hmac.compare_digest(self._mac("session", expires)[:40], mac)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"{salt.hex()}:{digest.hex()}"


def password_ok(stored: str, attempt: str) -> bool:
    salt, _, digest = stored.partition(":")
    return hmac.compare_digest(hash_password(attempt, bytes.fromhex(salt)), f"{salt}:{digest}")
