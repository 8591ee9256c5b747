"""The authorization code flow with PKCE against one OpenID Connect provider, as its relying party.

What is checked, and why (OpenID Connect Core 1.0, §3.1.3.7; Discovery 1.0, §4.3):
- The provider's endpoints come from its discovery document, whose `issuer` must be the
  configured issuer exactly: a document that names another issuer is someone else's.
- Every address of the provider is HTTPS (plain HTTP only on this computer's loopback, for a
  provider run beside the app): the code, the client secret and the keys travel through them.
- The code is exchanged with the PKCE verifier (S256), so a code caught on its way back
  through the browser is worth nothing without the verifier, which never went to the provider.
- The id_token's signature is checked against the provider's published keys (its JWKS, read
  again once when a token names a key not seen yet, as after the provider rotated its keys),
  with an asymmetric algorithm the provider announced: never `none`, never a shared-secret HS*.
- `iss` is the issuer, `aud` is this client and no one else, `exp` is still ahead and `iat` not
  ahead (a minute's leeway either way for clocks), `nonce` is the one this browser sent, and
  `at_hash`, when present, matches the access token.

`state` is the caller's to check: it holds the browser's copy. Which account an identity may
open is the caller's too (`app/organisation_sign_in.py`): this module only says whom the
provider vouches for.

A mailbox connected through the provider (`app/mail_connection.py`) also needs the tokens that
come with the identity (`exchange`), a fresh access token when the last one expired (`refresh`,
RFC 6749 §6) and, on disconnecting, to tell the provider the tokens are no longer wanted
(`revoke`, RFC 7009, where the discovery document names a revocation endpoint). Tokens are in
no repr and no message. Authlib, joserfc and requests are imported inside the functions, so that
importing this module costs nothing.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any, Self
from urllib.parse import urlsplit

from followup.errors import SettingsError

TIMEOUT = 10.0  # seconds for each request to the provider
METADATA_LIFE = 3600.0  # seconds a discovery document and a key set are reused
SCOPE = "openid email profile"
# Asymmetric algorithms only: with HS256 the key would be the client secret, and `none` is no signature.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
LEEWAY = 60  # seconds of clock difference tolerated on exp and iat


class ProviderUnreachable(Exception):
    """The provider did not answer, or not as the protocol says (network, HTTP error, not JSON)."""


class ProviderRefused(Exception):
    """The token endpoint answered with an OAuth error: `error` is its code (invalid_grant, invalid_client, ...)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class TokenRejected(Exception):
    """The id_token failed a check; the message says which, for the log (it holds no secret)."""


@dataclass(frozen=True)
class Client:
    """This installation as the provider knows it. The secret is never in a repr, a log or a page."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    timeout: float = TIMEOUT


@dataclass(frozen=True)
class Endpoints:
    """What the discovery document says, as far as this flow needs it."""

    issuer: str
    authorization: str
    token: str
    keys: str
    algorithms: tuple[str, ...]
    client_auth: str  # client_secret_basic, or client_secret_post where the provider takes only that
    revocation: str | None = None  # RFC 7009's endpoint, when the provider announces one


@dataclass(frozen=True)
class Tokens:
    """What the token endpoint granted: never in a repr, a log or a page."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)  # None: the provider sent none (kept the one before)
    expires_in: int | None  # seconds, as the provider said; None when it did not say


@dataclass(frozen=True)
class Identity:
    """Whom the provider vouches for: `subject` is its stable id for the person, unique within `issuer`."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    name: str


def address_problem(url: str) -> str | None:
    """Why `url` cannot be a provider's address, or None: HTTPS, or HTTP on loopback only."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "is not a URL"
    if parts.scheme == "https" and host:
        return None
    if parts.scheme == "http" and host:
        if host == "localhost":
            return None
        try:
            if ipaddress.ip_address(host).is_loopback:
                return None
        except ValueError:
            pass
        return "must start with https:// (plain http only for a provider on this computer)"
    return "is not an https:// URL"


_cache: dict[tuple[str, str], tuple[float, Any]] = {}
_cache_lock = threading.Lock()


def _cached(kind: str, key: str) -> Any:
    with _cache_lock:
        found = _cache.get((kind, key))
    if found is None or found[0] < time.monotonic():
        return None
    return found[1]


def _keep(kind: str, key: str, value: Any) -> None:
    with _cache_lock:
        _cache[(kind, key)] = (time.monotonic() + METADATA_LIFE, value)


def _get_json(url: str, timeout: float) -> dict[str, Any]:
    import requests

    try:
        response = requests.get(url, timeout=timeout, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise ProviderUnreachable(f"{url} did not answer ({type(exc).__name__})") from None
    if response.status_code != 200:
        raise ProviderUnreachable(f"{url} answered HTTP {response.status_code}")
    try:
        document = response.json()
    except ValueError:
        raise ProviderUnreachable(f"{url} did not answer with JSON") from None
    if not isinstance(document, dict):
        raise ProviderUnreachable(f"{url} did not answer with a JSON object")
    return document


def endpoints(client: Client) -> Endpoints:
    """The provider's endpoints from its discovery document (kept for an hour)."""
    found: Endpoints | None = _cached("endpoints", client.issuer)
    if found is not None:
        return found
    url = client.issuer.rstrip("/") + "/.well-known/openid-configuration"
    document = _get_json(url, client.timeout)
    if document.get("issuer") != client.issuer:
        raise ProviderUnreachable(f"{url} is the discovery document of {document.get('issuer')!r}, not of this issuer")
    addresses = {}
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(name)
        if not isinstance(value, str) or address_problem(value):
            raise ProviderUnreachable(f"{url}: {name} is missing or not an https:// URL")
        addresses[name] = value
    announced = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = tuple(name for name in ALGORITHMS if name in announced)
    if not algorithms:
        raise ProviderUnreachable(f"{url}: the provider signs id_tokens with none of {', '.join(ALGORITHMS)}")
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_basic" in methods:
        client_auth = "client_secret_basic"
    elif "client_secret_post" in methods:
        client_auth = "client_secret_post"
    else:
        raise ProviderUnreachable(f"{url}: the token endpoint takes neither client_secret_basic nor client_secret_post")
    revocation = document.get("revocation_endpoint")
    if not isinstance(revocation, str) or address_problem(revocation):
        revocation = None  # revoking is a courtesy: without a usable endpoint the tokens are only forgotten
    found = Endpoints(
        issuer=client.issuer,
        authorization=addresses["authorization_endpoint"],
        token=addresses["token_endpoint"],
        keys=addresses["jwks_uri"],
        algorithms=algorithms,
        client_auth=client_auth,
        revocation=revocation,
    )
    _keep("endpoints", client.issuer, found)
    return found


def new_secret() -> str:
    """A random value for state, nonce or the PKCE verifier (48 letters and digits: RFC 7636 allows 43 to 128)."""
    from authlib.common.security import generate_token

    value: str = generate_token(48)
    return value


@dataclass(frozen=True)
class Pending:
    """What the browser keeps between leaving for the provider and coming back (the web layer signs
    it into a cookie): the state it must bring back, the nonce the id_token must carry, the PKCE
    verifier, where it comes back to, and when it left. A flow adds what it needs to finish."""

    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    started_at: str  # ISO UTC

    @classmethod
    def leaving(cls, *, redirect_uri: str, now: datetime, **more: str) -> Self:
        return cls(
            state=new_secret(),
            nonce=new_secret(),
            verifier=new_secret(),
            redirect_uri=redirect_uri,
            started_at=now.astimezone(UTC).isoformat(timespec="seconds"),
            **more,
        )

    def too_old(self, now: datetime, life: timedelta) -> bool:
        return now.astimezone(UTC) - datetime.fromisoformat(self.started_at) > life

    def as_text(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> Self | None:
        try:
            found = json.loads(text)
            return cls(**{one.name: str(found[one.name]) for one in fields(cls)})
        except (ValueError, TypeError, KeyError):
            return None


def client_secret(values: Mapping[str, str], variable: str, file_variable: str, *, whose: str = "the") -> str:
    """The client's secret from `variable`, or from the file `file_variable` names (one of the two);
    SettingsError naming the variable when it is missing, empty or unreadable. `whose`: "the mail
    provider's" and the like, where an installation is the client of more than one provider."""
    inline = values.get(variable, "").strip()
    path = values.get(file_variable, "").strip()
    if inline and path:
        raise SettingsError(f"both {variable} and {file_variable} are set", where=variable, hint="Keep one of them.")
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                inline = handle.read().strip()
        except OSError as exc:
            raise SettingsError(
                f"cannot read {whose} client secret: {exc.strerror}",
                where=path,
                hint="Check the path and its permissions.",
            ) from None
        if not inline:
            raise SettingsError(f"{whose} client secret file is empty", where=path)
    if not inline:
        raise SettingsError(
            f"{whose} client secret is missing",
            where=file_variable,
            hint=f"Put the provider's secret in a file only followup can read, and name it in {file_variable}.",
        )
    return inline


def authorization_url(
    client: Client,
    found: Endpoints,
    *,
    redirect_uri: str,
    state: str,
    nonce: str,
    verifier: str,
    scope: str = SCOPE,
    extra: Mapping[str, str] | None = None,
) -> str:
    """Where to send the browser: the provider's sign-in, which comes back to `redirect_uri`.
    `extra`: parameters a provider wants besides the standard ones (Google's access_type=offline)."""
    from authlib.integrations.requests_client import OAuth2Session

    with OAuth2Session(
        client.client_id, scope=scope, redirect_uri=redirect_uri, code_challenge_method="S256"
    ) as session:
        url, _state = session.create_authorization_url(
            found.authorization, state=state, code_verifier=verifier, nonce=nonce, **dict(extra or {})
        )
    return str(url)


def identity(
    client: Client, found: Endpoints, *, redirect_uri: str, code: str, verifier: str, nonce: str, now: datetime
) -> Identity:
    """Exchange the code the browser brought back, and check the id_token that comes with it."""
    return exchange(client, found, redirect_uri=redirect_uri, code=code, verifier=verifier, nonce=nonce, now=now)[0]


def _session(client: Client, found: Endpoints, **more: Any) -> Any:
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(
        client.client_id,
        client.client_secret,
        token_endpoint_auth_method=found.client_auth,
        revocation_endpoint_auth_method=found.client_auth,
        default_timeout=client.timeout,
        **more,
    )


def _token_request(found: Endpoints, call: Callable[[], Any]) -> dict[str, Any]:
    """The token endpoint's answer, or ProviderRefused with its OAuth error code, or ProviderUnreachable."""
    import requests
    from authlib.integrations.base_client import OAuthError

    try:
        token = call()
    except OAuthError as exc:
        raise ProviderRefused(str(exc.error)) from None
    except requests.RequestException as exc:
        raise ProviderUnreachable(f"{found.token} did not answer ({type(exc).__name__})") from None
    except ValueError:
        raise ProviderUnreachable(f"{found.token} did not answer with a JSON object") from None
    if not isinstance(token, Mapping):
        raise ProviderUnreachable(f"{found.token} did not answer with a JSON object")
    return dict(token)


def _tokens(found: Endpoints, token: Mapping[str, Any]) -> Tokens:
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise ProviderUnreachable(f"{found.token} granted no access_token")
    refresh = token.get("refresh_token")
    expires = token.get("expires_in")
    try:
        seconds = int(expires) if expires is not None else None
    except (TypeError, ValueError):
        seconds = None
    return Tokens(access, refresh if isinstance(refresh, str) and refresh else None, seconds)


def exchange(
    client: Client, found: Endpoints, *, redirect_uri: str, code: str, verifier: str, nonce: str, now: datetime
) -> tuple[Identity, Tokens]:
    """`identity`, and the tokens granted with it (a connected mailbox keeps them)."""
    with _session(client, found, redirect_uri=redirect_uri) as session:
        token = _token_request(
            found,
            lambda: session.fetch_token(
                found.token, grant_type="authorization_code", code=code, code_verifier=verifier
            ),
        )
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise TokenRejected("the token endpoint sent no id_token")
    access_token = token.get("access_token")
    claims = _checked_claims(
        client, found, id_token, nonce, access_token if isinstance(access_token, str) else None, now
    )
    email = claims.get("email")
    name = claims.get("name")
    found_identity = Identity(
        issuer=client.issuer,
        subject=str(claims["sub"]),
        email=email if isinstance(email, str) else "",
        # Some providers send "true" as a string: only the JSON true counts.
        email_verified=claims.get("email_verified") is True,
        name=name if isinstance(name, str) else "",
    )
    return found_identity, _tokens(found, token)


def refresh(client: Client, found: Endpoints, refresh_token: str) -> Tokens:
    """A new access token for `refresh_token` (RFC 6749 §6). The provider may send a new refresh
    token with it (rotation): the caller keeps that one instead. ProviderRefused("invalid_grant")
    when the refresh token is no longer good (revoked, expired, or already rotated away)."""
    with _session(client, found) as session:
        token = _token_request(found, lambda: session.refresh_token(found.token, refresh_token=refresh_token))
    return _tokens(found, token)


def revoke(client: Client, found: Endpoints, token: str, hint: str = "refresh_token") -> bool:
    """Tell the provider `token` is no longer wanted (RFC 7009); False when it offers no revocation.
    Revoking a refresh token ends the access tokens granted with it, at providers that say so."""
    if found.revocation is None:
        return False
    import requests

    with _session(client, found) as session:
        try:
            answer = session.revoke_token(found.revocation, token, token_type_hint=hint)
        except requests.RequestException as exc:
            raise ProviderUnreachable(f"{found.revocation} did not answer ({type(exc).__name__})") from None
    if answer.status_code != 200:  # RFC 7009 §2.2: 200 also for a token already invalid
        raise ProviderUnreachable(f"{found.revocation} answered HTTP {answer.status_code}")
    return True


def _key_set(client: Client, found: Endpoints, *, again: bool) -> Any:
    from joserfc.jwk import KeySet

    document = None if again else _cached(f"keys:{client.issuer}", found.keys)
    if document is None:
        document = _get_json(found.keys, client.timeout)
        _keep(f"keys:{client.issuer}", found.keys, document)
    try:
        return KeySet.import_key_set(document)  # type: ignore[arg-type]  # its shape is what this checks
    except Exception as exc:  # joserfc raises several kinds for a malformed set
        raise ProviderUnreachable(f"{found.keys} is not a usable key set ({type(exc).__name__})") from None


def _checked_claims(
    client: Client, found: Endpoints, id_token: str, nonce: str, access_token: str | None, now: datetime
) -> dict[str, Any]:
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.errors import ClaimError, ExpiredTokenError, InvalidKeyIdError, JoseError, MissingClaimError
    from joserfc.jws import JWSRegistry

    registry = JWSRegistry(algorithms=list(found.algorithms), strict_check_header=False)
    try:
        try:
            decoded = jwt.decode(id_token, _key_set(client, found, again=False), registry=registry)
        except InvalidKeyIdError:  # a key not seen yet: the provider may have rotated its keys
            decoded = jwt.decode(id_token, _key_set(client, found, again=True), registry=registry)
    except JoseError as exc:
        raise TokenRejected(f"the id_token's signature does not check out ({exc.error})") from None
    except ValueError:
        raise TokenRejected("the id_token is not a signed JWT") from None
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "value": client.issuer},
            "aud": {"essential": True, "value": client.client_id},
            "sub": {"essential": True},
            "nonce": {"essential": True},
        },
        {"nonce": nonce, "client_id": client.client_id, "access_token": access_token},
    )
    try:
        claims.validate(now=int(now.timestamp()), leeway=LEEWAY)
    except ExpiredTokenError:
        raise TokenRejected("the id_token has expired") from None
    except MissingClaimError as exc:
        raise TokenRejected(f"the id_token has no {exc.claim} claim") from None
    except ClaimError as exc:
        raise TokenRejected(f"the id_token's {exc.claim} claim is not the expected one") from None
    except JoseError as exc:
        raise TokenRejected(f"the id_token failed a check ({exc.error})") from None
    audience = decoded.claims.get("aud")
    if isinstance(audience, list) and any(other != client.client_id for other in audience):
        # Core §3.1.3.7 (3): a token also meant for parties this client does not trust is refused.
        raise TokenRejected("the id_token is also meant for another audience")
    return dict(decoded.claims)
