"""The app's secret and the tokens derived from it (CSRF, API, calendar feed, sign-in session).

One random secret lives in the data folder (mode 0600), so tokens survive a
restart and the calendar URL a user pasted into their calendar app keeps working.
Every token is an HMAC of the secret, so none of them is stored anywhere. The API
and calendar tokens also mix in a random salt kept in `web-tokens.json` (0600):
rotating one writes a new salt, and the old token stops working at once, in a
running server too (it notices the file changed).

A session cookie is `id.issued.seen.mac`: it ends after SESSION_IDLE without a
request or SESSION_MAX after signing in, whichever comes first, and when the
password changes (the MAC covers a fingerprint of the password, its generation).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass

from followup.errors import StorageError
from followup.files import write_atomically

SECRET_FILE = "web-secret.key"
TOKENS_FILE = "web-tokens.json"
ROTATABLE = ("api", "calendar")
SESSION_IDLE = 12 * 3600  # a session not used for this long ends
SESSION_MAX = 7 * 86400  # and every session ends this long after signing in
SESSION_RENEW = 300  # how often a session in use gets a fresh `seen` time (a new cookie)


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


@dataclass(frozen=True)
class SessionCheck:
    ok: bool
    renew: bool = False  # valid, and old enough that the browser should get a fresh cookie
    sid: str = ""


class Keys:
    def __init__(self, secret: bytes, data_dir: str | None = None) -> None:
        self._secret = secret
        self._tokens_path = os.path.join(data_dir, TOKENS_FILE) if data_dir else None
        self._salts: dict[str, str] = {}
        self._salts_stamp: tuple[int, int] | None = None

    def _mac(self, purpose: str, value: str = "") -> str:
        return hmac.new(self._secret, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def csrf_token(self, nonce: str) -> str:
        """The form token for one browser, bound to its nonce cookie (signed double submit)."""
        return self._mac("csrf", nonce)[:40]

    def csrf_ok(self, nonce: str | None, token: str | None) -> bool:
        return bool(nonce and token) and hmac.compare_digest(self.csrf_token(nonce or ""), token or "")

    # -- API and calendar tokens, rotatable ----------------------------------------------------

    def _salt(self, kind: str) -> str:
        path = self._tokens_path
        if path is None:
            return ""
        try:
            info = os.stat(path)
            stamp = (info.st_mtime_ns, info.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._salts_stamp:
            self._salts = _read_salts(path) if stamp else {}
            self._salts_stamp = stamp
        return self._salts.get(kind, "")

    def rotate(self, kind: str) -> None:
        """A new API or calendar token; the old one stops working at once."""
        if kind not in ROTATABLE or self._tokens_path is None:
            raise ValueError(f"cannot rotate {kind!r}")
        salts = _read_salts(self._tokens_path) | {kind: secrets.token_hex(16)}
        try:
            write_atomically(self._tokens_path, json.dumps(salts).encode(), private=True, create_folder=True)
        except OSError as exc:
            raise StorageError(f"cannot write the web app's tokens: {exc.strerror}", where=self._tokens_path) from None
        self._salts_stamp = None

    @property
    def api_token(self) -> str:
        return self._mac("api", self._salt("api"))[:40]

    def api_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.api_token, token or "")

    @property
    def calendar_token(self) -> str:
        return self._mac("calendar", self._salt("calendar"))[:32]

    def calendar_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.calendar_token, token or "")

    # -- values the browser keeps for us -------------------------------------------------------

    def signed(self, purpose: str, value: str) -> str:
        """`value` (text without a ".") with its MAC, for a cookie the browser must give back unchanged."""
        return f"{value}.{self._mac(purpose, value)}"

    def unsigned(self, purpose: str, signed: str | None) -> str | None:
        """The value `signed` made for `purpose`, or None when it was changed, forged or made for another purpose."""
        value, _, mac = (signed or "").rpartition(".")
        if not value or not hmac.compare_digest(self._mac(purpose, value), mac):
            return None
        return value

    # -- sessions ----------------------------------------------------------------------------

    def password_generation(self, password: str | None) -> str:
        """A fingerprint of the password that sessions carry: a new password ends every session."""
        return self._mac("password", password)[:16] if password else ""

    def session(self, generation: str = "", now: float | None = None, sid: str | None = None, issued: int = 0) -> str:
        moment = int(now if now is not None else time.time())
        sid = sid or secrets.token_urlsafe(12)
        issued = issued or moment
        return f"{sid}.{issued}.{moment}.{self._session_mac(sid, issued, moment, generation)}"

    def _session_mac(self, sid: str, issued: int, seen: int, generation: str) -> str:
        return self._mac("session", f"{sid}.{issued}.{seen}.{generation}")[:40]

    def check_session(self, value: str | None, generation: str = "", now: float | None = None) -> SessionCheck:
        parts = (value or "").split(".")
        if len(parts) != 4 or not parts[1].isdecimal() or not parts[2].isdecimal() or len(parts[1]) > 12:
            return SessionCheck(False)
        sid, issued_text, seen_text, mac = parts
        issued, seen = int(issued_text), int(seen_text)
        if not hmac.compare_digest(self._session_mac(sid, issued, seen, generation), mac):
            return SessionCheck(False)
        moment = now if now is not None else time.time()
        if moment - seen > SESSION_IDLE or moment - issued > SESSION_MAX:
            return SessionCheck(False)
        return SessionCheck(True, renew=moment - seen > SESSION_RENEW, sid=sid)

    def renewed(self, value: str, generation: str = "", now: float | None = None) -> str:
        sid, issued, _seen, _mac = value.split(".")
        return self.session(generation, now, sid=sid, issued=int(issued))


def _read_salts(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot read the web app's tokens: {exc}", where=path) from None
    return {kind: str(data[kind]) for kind in ROTATABLE if isinstance(data, dict) and kind in data}


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"{salt.hex()}:{digest.hex()}"


def password_ok(stored: str, attempt: str) -> bool:
    salt, _, digest = stored.partition(":")
    return hmac.compare_digest(hash_password(attempt, bytes.fromhex(salt)), f"{salt}:{digest}")
