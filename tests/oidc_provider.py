"""A small but real OpenID Connect provider for the tests, on loopback.

No packaged provider installs from the registries this project uses without a JVM or a Go
build, so this one speaks the protocol itself, as a provider does, over real HTTP (uvicorn in a
thread): discovery at /.well-known/openid-configuration, its public keys at /jwks, /authorize
(which signs in the person the test names, with no form to fill), and /token, which checks the
client's secret (Basic or in the form), takes each code once, checks the redirect URI and the
PKCE verifier against the S256 challenge, and answers with an id_token signed RS256 by a fresh
2048-bit key.

To play an attacker or a broken provider a test sets, before the sign-in:
- `claims`: claims to change in the next id_tokens (another `aud`, an `exp` in the past, ...);
- `signing`: "forged" signs with another key under the same key id, "hs256" with the client
  secret as a shared key (the classic algorithm confusion);
- `cancel`: the person presses Cancel at the provider (error=access_denied);
- `down`: the token endpoint answers HTTP 503, as a provider having a bad day.

For a mailbox connected through it (a mail provider, as Google's and Microsoft's), it also grants
what mail servers and the app need past the sign-in: with `offline` a refresh token beside the
id_token, the refresh_token grant (a new refresh token each time with `rotate_refresh`, the one
before then stopping; answered `refresh_delay` seconds late), access tokens that live `access_life`
seconds of the test's clock, token introspection (RFC 7662, at /introspect, which the test's Dovecot
and SMTP server ask about each XOAUTH2 login) and revocation (RFC 7009, at /revoke; `revoke_person` plays the person
revoking the app's access from their provider's account page).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mail_servers import free_port

CLIENT_ID = "followup-careers"
CLIENT_SECRET = "the-client-secret-3f9c1b"  # a test's: found in no log, no page


class OpenIDProvider:
    def __init__(
        self,
        clock: Callable[[], datetime],
        *,
        host: str = "127.0.0.1",
        client_id: str = CLIENT_ID,
        secret: str = CLIENT_SECRET,
    ):
        """`host`: the name in the issuer URL ("localhost" puts the provider on another site than 127.0.0.1's app)."""
        self.clock = clock
        self.client_id = client_id
        self.secret = secret
        self.port = free_port()
        self.issuer = f"http://{host}:{self.port}"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "key-1", "use": "sig"}, private=True)
        self.person: dict[str, Any] = {}
        self.claims: dict[str, Any] = {}
        self.signing = "rs256"
        self.cancel = False
        self.down = False
        self.offline = True
        self.rotate_refresh = False
        self.access_life = 300
        self.refresh_delay = 0.0
        self.access_tokens: dict[str, dict[str, Any]] = {}  # token -> {"username", "exp", "refresh"}
        self.refresh_tokens: dict[str, dict[str, Any]] = {}  # token -> {"person"}
        self.codes: dict[str, dict[str, Any]] = {}
        self.seen: list[dict[str, str]] = []
        self.thread: threading.Thread | None = None
        self.server: Any = None

    def as_mail_provider(self, imap_port: int, smtp_port: int | None = None) -> dict[str, str]:
        """The operator's FOLLOWUP_SERVER_MAIL_OAUTH_* for this provider as "Uni Mail", its mail servers
        on loopback (without `smtp_port`, connected mailboxes do not send)."""
        values = {
            "ISSUER": self.issuer,
            "CLIENT_ID": self.client_id,
            "CLIENT_SECRET": self.secret,
            "LABEL": "Uni Mail",
            "SCOPE": "openid email mail",
            "IMAP": f"127.0.0.1:{imap_port}",
            "IMAP_SECURITY": "none",
        }
        if smtp_port is not None:
            values |= {"SMTP": f"127.0.0.1:{smtp_port}", "SMTP_SECURITY": "none"}
        return {f"FOLLOWUP_SERVER_MAIL_OAUTH_{name}": value for name, value in values.items()}

    def as_person(self, email: str, *, sub: str | None = None, verified: bool = True, name: str = "") -> None:
        """Who is signed in at the provider from now on."""
        self.person = {"sub": sub or f"sub-{email}", "email": email, "email_verified": verified, "name": name}

    # -- the protocol -------------------------------------------------------------------------------

    async def discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "introspection_endpoint": f"{self.issuer}/introspect",
                "revocation_endpoint": f"{self.issuer}/revoke",
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid", "email", "profile"],
            }
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def authorize(self, request: Request) -> Response:
        asked = dict(request.query_params)
        self.seen.append({"at": "authorize", **asked})
        redirect_uri = asked.get("redirect_uri", "")
        if asked.get("client_id") != self.client_id or not redirect_uri.startswith("http://127.0.0.1:"):
            return Response("unknown client or redirect URI", status_code=400)

        def back(**params: str) -> Response:
            return RedirectResponse(f"{redirect_uri}?{urlencode({**params, 'state': asked.get('state', '')})}", 302)

        if asked.get("response_type") != "code" or "openid" not in asked.get("scope", "").split():
            return back(error="invalid_request")
        if asked.get("code_challenge_method") != "S256" or not asked.get("code_challenge"):
            return back(error="invalid_request", error_description="PKCE is required")
        if self.cancel:
            return back(error="access_denied")
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "nonce": asked.get("nonce"),
            "challenge": asked["code_challenge"],
            "redirect_uri": redirect_uri,
            "person": dict(self.person),
        }
        return back(code=code)

    def _client_ok(self, request: Request, form: dict[str, str]) -> bool:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            from urllib.parse import unquote_plus

            return (unquote_plus(user), unquote_plus(password)) == (self.client_id, self.secret)
        return (form.get("client_id"), form.get("client_secret")) == (self.client_id, self.secret)

    async def token(self, request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        self.seen.append({"at": "token", **{k: v for k, v in form.items() if k != "client_secret"}})
        if self.down:
            return Response("down for maintenance", status_code=503)
        if not self._client_ok(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if form.get("grant_type") == "refresh_token":
            if self.refresh_delay:  # a provider slow to answer: two refreshes at once overlap
                await asyncio.sleep(self.refresh_delay)
            return self._refreshed(form.get("refresh_token", ""))
        if form.get("grant_type") != "authorization_code":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        issued = self.codes.pop(form.get("code", ""), None)  # a code works once
        if issued is None or issued["redirect_uri"] != form.get("redirect_uri"):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != issued["challenge"]:
            return JSONResponse({"error": "invalid_grant", "error_description": "PKCE verifier"}, status_code=400)
        now = int(self.clock().timestamp())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": issued["nonce"],
            **issued["person"],
            **self.claims,
        }
        refresh = self._new_refresh(issued["person"]) if self.offline else None
        answer = {**self._access(issued["person"], refresh), "id_token": self._signed(claims)}
        if refresh:
            answer["refresh_token"] = refresh
        return JSONResponse(answer)

    # -- tokens for a mailbox ------------------------------------------------------------------------

    def _new_refresh(self, person: dict[str, Any]) -> str:
        token = "rt-" + secrets.token_urlsafe(24)
        self.refresh_tokens[token] = {"person": dict(person)}
        return token

    def _access(self, person: dict[str, Any], refresh: str | None) -> dict[str, Any]:
        token = "at-" + secrets.token_urlsafe(24)
        expires = int(self.clock().timestamp()) + self.access_life
        self.access_tokens[token] = {"username": person.get("email", ""), "exp": expires, "refresh": refresh}
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.access_life}

    def _refreshed(self, refresh: str) -> Response:
        granted = self.refresh_tokens.get(refresh)
        if granted is None:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if self.rotate_refresh:
            del self.refresh_tokens[refresh]
            refresh = self._new_refresh(granted["person"])
            return JSONResponse({**self._access(granted["person"], refresh), "refresh_token": refresh})
        return JSONResponse(self._access(granted["person"], refresh))

    def active(self, token: str) -> dict[str, Any] | None:
        """What introspection says of an access token: its holder while it lives and its grant stands."""
        found = self.access_tokens.get(token)
        if found is None or found["exp"] <= self.clock().timestamp():
            return None
        if found["refresh"] is not None and found["refresh"] not in self.refresh_tokens:
            return None  # revoked with the refresh token it was granted with
        return found

    async def introspect(self, request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        self.seen.append({"at": "introspect"})
        found = self.active(form.get("token", ""))
        if found is None:
            return JSONResponse({"active": False})
        return JSONResponse(
            {"active": True, "username": found["username"], "exp": found["exp"], "client_id": self.client_id}
        )

    async def revoke(self, request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        self.seen.append({"at": "revoke", "token_type_hint": form.get("token_type_hint", "")})
        if not self._client_ok(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        token = form.get("token", "")
        self.refresh_tokens.pop(token, None)
        self.access_tokens.pop(token, None)
        return Response(status_code=200)  # RFC 7009 §2.2: also for a token unknown or already revoked

    def revoke_person(self, email: str) -> None:
        """The person removes the app's access at their provider: every refresh token of theirs stops working."""
        for token, granted in list(self.refresh_tokens.items()):
            if granted["person"].get("email") == email:
                del self.refresh_tokens[token]

    def _signed(self, claims: dict[str, Any]) -> str:
        if self.signing == "forged":
            kid = str(self.key.kid)
            other = RSAKey.generate_key(2048, parameters={"kid": kid}, private=True)
            return jwt.encode({"alg": "RS256", "kid": kid}, claims, other)
        if self.signing == "hs256":
            shared = OctKey.import_key(self.secret.encode())
            return jwt.encode({"alg": "HS256"}, claims, shared, algorithms=["HS256"])
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)

    def rotate_keys(self) -> None:
        """A new signing key under a new key id, as providers do from time to time; the old one is withdrawn."""
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": f"key-{secrets.token_hex(4)}", "use": "sig"}, private=True
        )

    # -- running ------------------------------------------------------------------------------------

    def start(self) -> OpenIDProvider:
        import uvicorn

        app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/jwks", self.jwks),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/introspect", self.introspect, methods=["POST"]),
                Route("/revoke", self.revoke, methods=["POST"]),
            ]
        )
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the OpenID Connect provider did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=10)
