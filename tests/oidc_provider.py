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
- `cancel`: the person presses Cancel at the provider (error=access_denied).
`seen` records what the provider received, to show what the relying party sent.
"""

from __future__ import annotations

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
        self.codes: dict[str, dict[str, Any]] = {}
        self.seen: list[dict[str, str]] = []
        self.thread: threading.Thread | None = None
        self.server: Any = None

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
        if not self._client_ok(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
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
        return JSONResponse(
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self._signed(claims),
            }
        )

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
