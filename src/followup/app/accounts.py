"""Accounts of a hosted installation: the first administrator, invitations, signing in and out,
sessions, passwords and their reset by mail, disabling, and a seeker's coaches.

Hosted mode is a property of the database (meta 'hosted' = '1', set by `followup server init`):
the single-user app never calls this module, and argon2 is imported only when a password is
hashed or checked, so that the local app never loads it.

The rules that keep accounts safe, each enforced here and nowhere else:
- Secrets are stored as hashes: passwords with argon2 (rehashed when the parameters change),
  session, invitation and reset tokens with SHA-256. A copy of the database lets nobody in.
- A wrong password, an unknown address and a throttled address all look alike from outside:
  the same message, and an unknown address still costs an argon2 check.
- Failed sign-ins are counted in the database, per address and per client, so that the limit
  holds across all web processes.
- A session ends when idle too long, at its absolute end, on sign-out, when the account is
  disabled, and (for every browser of the account) when its password is changed or reset.
- Invitation and reset links work once, and only until they expire.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from followup.app.context import Env
from followup.domain.accounts import (
    ADMIN,
    COACH,
    ROLES,
    SEEKER,
    Account,
    email_problem,
    fold_email,
    password_problem,
)
from followup.errors import (
    Conflict,
    FollowupError,
    InvalidInput,
    NotAllowed,
    NotFound,
    SignInRefused,
    TooManyTries,
)
from followup.store import accounts as rows
from followup.store import db
from followup.store.actions import get_meta, set_meta

if TYPE_CHECKING:
    from argon2 import PasswordHasher

__all__ = ["ADMIN", "COACH", "ROLES", "SEEKER", "Account"]

log = logging.getLogger("followup.accounts")

HOSTED_KEY = "hosted"
INVITATION_LIFE = timedelta(days=7)
RESET_LIFE = timedelta(hours=1)
SESSION_IDLE = timedelta(days=3)
SESSION_LIFE = timedelta(days=30)
# seen_at is written at most this often: a page view should not be a write each time.
SEEN_EVERY = timedelta(minutes=5)
# Failed sign-ins: at most this many within the window, per address and per client. A client
# is allowed more, because a careers office may put all its computers behind one address.
FAILURE_WINDOW = timedelta(minutes=15)
FAILURES_PER_ADDRESS = 5
FAILURES_PER_CLIENT = 20
WRONG = "That e-mail address and password do not match an account."
OPERATOR = 1  # invited_by for an invitation made on the command line: the local owner, nobody's account


# -- hashing ----------------------------------------------------------------------------------------

_hasher: PasswordHasher | None = None


def _passwords() -> PasswordHasher:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


def hash_password(password: str) -> str:
    return _passwords().hash(password)


def _password_matches(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _passwords().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASH: str | None = None


def _spend_a_check(password: str) -> None:
    """An argon2 check against nothing: an unknown address takes as long as a wrong password."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    _password_matches(_DUMMY_HASH, password)


def _as(env: Env, owner: int) -> db.Store:
    """The store working on `owner`'s rows: on PostgreSQL, row security then lets it see them
    (a coach link is seen by its seeker and its coach; the installation, owner 0, sees all)."""
    return replace(env.store, owner=owner)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _now(env: Env) -> datetime:
    # Stored times are whole seconds: compare in whole seconds too.
    return env.clock().astimezone(UTC).replace(microsecond=0)


# -- hosted mode ------------------------------------------------------------------------------------


def is_hosted(env: Env) -> bool:
    """Whether this database is a hosted installation (`followup server init` ran on it)."""
    return get_meta(env.store, HOSTED_KEY) == "1"


def _require_hosted(env: Env) -> None:
    if not is_hosted(env):
        raise Conflict(
            "this database is not a hosted installation",
            hint="Run `followup server init --admin-email ADDRESS` on it first (see docs/hosting.md).",
        )


def _valid_email(email: str, where: str = "e-mail") -> str:
    problem = email_problem(email)
    if problem:
        raise InvalidInput(f"{email.strip()!r} {problem}", where=where)
    return fold_email(email)


def _valid_password(password: str, where: str = "password") -> None:
    problem = password_problem(password)
    if problem:
        raise InvalidInput(f"the password {problem}", where=where)


def _valid_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"{role!r} is not a role", where="role", hint="Choose seeker, coach or admin.")
    return role


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > 200:
        raise InvalidInput("the name is longer than 200 characters", where="name")
    return name


def check_can_init(env: Env) -> None:
    """Refuse a second `server init`, or one on the single-user app's own data, before a password is asked for."""
    if is_hosted(env):
        raise Conflict(
            "this database is already a hosted installation",
            hint="Invite more people with `followup account invite ADDRESS --role admin`.",
        )
    local = rows.local_applications(env.store)
    if local:
        # Made hosted, the single-user app would ask for an account and its data would belong to nobody.
        raise Conflict(
            f"this database holds the single-user app's data ({local} application{'s' if local != 1 else ''})",
            where=env.database_shown,
            hint="A hosted installation starts from an empty database: name one with "
            "--db postgresql://... or FOLLOWUP_DATABASE_URL.",
        )


def init_server(env: Env, *, admin_email: str, admin_name: str, password: str) -> Account:
    """Make this database a hosted installation with its first administrator; refused a second time."""
    check_can_init(env)
    email = _valid_email(admin_email, "--admin-email")
    name = _valid_name(admin_name)
    _valid_password(password)
    hashed = hash_password(password)
    with env.store.transaction():
        if is_hosted(env):  # another `server init` won the race while the password was hashed
            raise Conflict("this database is already a hosted installation")
        account = rows.add_account(env.store, email=email, name=name, role=ADMIN, password_hash=hashed, now=_now(env))
        set_meta(env.store, HOSTED_KEY, "1")
    return account


# -- invitations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    email: str
    role: str
    token: str  # in clear only here, once: the database keeps its hash
    expires_at: datetime


def invite(env: Env, by: Account | None, email: str, role: str) -> Invitation:
    """An invitation link's token for `email` with `role`; `by` None is the operator on the command line."""
    _require_hosted(env)
    if by is not None and not by.is_admin:
        raise NotAllowed("only an administrator can invite people")
    folded = _valid_email(email)
    role = _valid_role(role)
    now = _now(env)
    token, hashed = _new_token()
    with env.store.transaction():
        if rows.account_by_email(env.store, folded) is not None:
            raise Conflict(f"{folded} already has an account", hint="They can sign in, or reset their password.")
        expires = now + INVITATION_LIFE
        rows.add_invitation(
            env.store,
            hashed,
            email=folded,
            role=role,
            invited_by=by.owner_id if by else OPERATOR,
            now=now,
            expires_at=expires,
        )
    return Invitation(folded, role, token, expires)


# -- invitations by mail ----------------------------------------------------------------------------

ROLE_WORDS = {SEEKER: "a job seeker", COACH: "a coach", ADMIN: "an administrator"}


@dataclass(frozen=True)
class InvitationMail:
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class Delivery:
    """Whether an invitation went out by mail; when not, why, in words for the administrator."""

    sent: bool
    problem: str | None = None


def join_link(base_url: str, made: Invitation) -> str:
    return f"{base_url.rstrip('/')}/join?token={made.token}"


# One line on what followup is, in the invited person's own terms: a coach has no applications of
# their own, an administrator sees neither.
WHAT_FOLLOWUP_DOES = {
    "seeker": "followup keeps track of your job applications and tells you when to follow up, and with what.",
    "coach": "followup keeps track of job seekers' applications; you see the progress of those who add you as "
    "their coach, and can leave them notes.",
    "admin": "followup keeps track of job seekers' applications; as an administrator you invite people and see "
    "figures across the installation, never anyone's applications.",
}


def invitation_mail(by: Account | None, made: Invitation, base_url: str) -> InvitationMail:
    """The plain, friendly message that carries the join link: who invited, what followup is, until when."""
    inviter = by.email if by is not None else "Your careers service"  # None: the operator, on the command line
    if by is not None and by.name:
        inviter = f"{by.name} ({by.email})"
    site = base_url.rstrip("/")
    body = (
        "Hello,\n\n"
        f"{inviter} invited you to followup at {site}, as {ROLE_WORDS[made.role]}.\n"
        f"{WHAT_FOLLOWUP_DOES[made.role]}\n\n"
        "Open this link to choose your password and join:\n\n"
        f"{join_link(site, made)}\n\n"
        f"The link works once, until {made.expires_at:%A %d %B %Y, %H:%M} UTC.\n"
        "If you did not expect this invitation, ignore this message: nothing happens without the link.\n"
    )
    return InvitationMail(made.email, "You are invited to followup", body)


def mail_invitation(
    by: Account | None, made: Invitation, base_url: str, send: Callable[[InvitationMail], None] | None = None
) -> Delivery:
    """Mail the invitation through the server's outgoing mail (`mail.server_mail`) when it is set up.

    Never raises for a missing setting or a failed send: the invitation exists either way, and the
    administrator then passes the link on by hand, told why it was not mailed. Touches no database,
    so the web app may run it in a worker thread while the SMTP server takes its time.
    """
    message = invitation_mail(by, made, base_url)
    try:
        deliver = send or _server_mail_sender()
        deliver(message)
    except FollowupError as exc:  # SettingsError (no outgoing mail) or MailError (the server said no)
        where = f" ({exc.where})" if exc.where else ""
        # Said to whoever invited; the web app also logs it (the command line has said it already).
        return Delivery(False, f"{exc.message}{where}." + (f" {exc.hint}" if exc.hint else ""))
    return Delivery(True)


def resend_invitation(env: Env, by: Account | None, email: str) -> Invitation:
    """A new link for an invitation not yet accepted, with the same role; the earlier link stops working.

    The database keeps only a hash of each link, so "send again" cannot send the same one."""
    _require_hosted(env)
    _require_admin(by)
    folded = fold_email(email)
    open_roles = [
        role for address, role, _expires in rows.pending_invitations(env.store, _now(env)) if address == folded
    ]
    if not open_roles:
        raise NotFound(
            f"no invitation for {folded} is waiting to be accepted",
            hint="It was accepted or has expired: invite the address again.",
        )
    return invite(env, by, folded, open_roles[0])


def invitation_for(env: Env, token: str) -> tuple[str, str]:
    """(email, role) of an open invitation, or SignInRefused."""
    found = rows.invitation(env.store, token_hash(token))
    if found is None or found[3] is not None or found[2] <= _now(env):
        raise SignInRefused(
            "this invitation link has expired or was already used",
            hint="Ask your careers service for a new invitation.",
        )
    return found[0], found[1]


def accept_invitation(env: Env, token: str, name: str, password: str) -> Account:
    """Create the invited person's account; the link works once."""
    _valid_password(password)
    name = _valid_name(name)
    email, role = invitation_for(env, token)
    hashed = hash_password(password)
    with env.store.transaction():
        if not rows.invitation_accepted(env.store, token_hash(token), _now(env)):
            raise SignInRefused("this invitation link was already used", hint="Sign in instead.")
        if rows.account_by_email(env.store, email) is not None:
            raise Conflict(f"{email} already has an account", hint="Sign in instead.")
        return rows.add_account(env.store, email=email, name=name, role=role, password_hash=hashed, now=_now(env))


def pending_invitations(env: Env, by: Account | None) -> list[tuple[str, str, datetime]]:
    _require_admin(by)
    return rows.pending_invitations(env.store, _now(env))


# -- signing in -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedIn:
    account: Account
    token: str  # the session cookie's value; the database keeps its hash


def _throttle(env: Env, email: str, client: str, now: datetime) -> None:
    since = now - FAILURE_WINDOW
    waits = []
    for about, most in ((f"address:{email}", FAILURES_PER_ADDRESS), (f"client:{client}", FAILURES_PER_CLIENT)):
        failures = rows.failures_since(env.store, about, since)
        if len(failures) >= most:
            # Free again when the oldest failure that counts leaves the window.
            waits.append((failures[len(failures) - most] + FAILURE_WINDOW - now).total_seconds())
    if waits:
        seconds = max(1, math.ceil(max(waits)))
        minutes = math.ceil(seconds / 60)
        raise TooManyTries(
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
            retry_after=seconds,
            hint="If you forgot your password, use “Forgot your password?”.",
        )


def _failed(env: Env, email: str, client: str, now: datetime) -> None:
    with env.store.transaction():
        for about in (f"address:{email}", f"client:{client}"):
            rows.add_failure(env.store, about, now, forget_before=now - FAILURE_WINDOW)


def sign_in(env: Env, email: str, password: str, client: str) -> SignedIn:
    """A new session for the account, or SignInRefused with one message for every kind of wrong."""
    _require_hosted(env)
    folded = fold_email(email)
    now = _now(env)
    _throttle(env, folded, client, now)
    account = rows.account_by_email(env.store, folded)
    stored = rows.password_hash_of(env.store, account.owner_id) if account else None
    if account is None or stored is None:
        _spend_a_check(password)
        _failed(env, folded, client, now)
        raise SignInRefused(WRONG, hint="Check the address, or use “Forgot your password?”.")
    if not _password_matches(stored, password):
        _failed(env, folded, client, now)
        raise SignInRefused(WRONG, hint="Check the address, or use “Forgot your password?”.")
    if account.disabled:
        raise SignInRefused("This account is disabled.", hint="Ask your careers service if you need it again.")
    with env.store.transaction():
        if _passwords().check_needs_rehash(stored):
            rows.set_password_hash(env.store, account.owner_id, hash_password(password), None)
        rows.forget_failures(env.store, f"address:{folded}")
        token = _start_session(env, account.owner_id, now)
    return SignedIn(account, token)


def _start_session(env: Env, owner_id: int, now: datetime) -> str:
    rows.end_expired_sessions(env.store, now, now - SESSION_IDLE)
    token, hashed = _new_token()
    rows.add_session(env.store, hashed, owner_id, now, now + SESSION_LIFE)
    return token


def start_session(env: Env, owner_id: int) -> str:
    """A session for an account signed in another way (`app/organisation_sign_in.py`), in the caller's transaction."""
    return _start_session(env, owner_id, _now(env))


def account_of_session(env: Env, token: str | None) -> Account | None:
    """The account a session cookie signs in, or None (unknown, expired, idle, or disabled)."""
    if not token or len(token) > 200:
        return None
    hashed = token_hash(token)
    found = rows.session(env.store, hashed)
    if found is None:
        return None
    owner_id, seen_at, expires_at = found
    now = _now(env)
    if expires_at <= now or seen_at + SESSION_IDLE <= now:
        with env.store.transaction():
            rows.end_session(env.store, hashed)
        return None
    account = rows.account_by_owner(env.store, owner_id)
    if account is None or account.disabled:
        return None
    if now - seen_at >= SEEN_EVERY:
        with env.store.transaction():
            rows.session_seen(env.store, hashed, now)
    return account


def sign_out(env: Env, token: str | None) -> None:
    if token:
        with env.store.transaction():
            rows.end_session(env.store, token_hash(token))


# -- passwords --------------------------------------------------------------------------------------


def change_password(env: Env, account: Account, current: str, new: str, *, confirm: str | None = None) -> str:
    """Set a new password; every other session of the account ends. The token of a fresh session."""
    stored = rows.password_hash_of(env.store, account.owner_id)
    if stored is None or not _password_matches(stored, current):
        raise InvalidInput("the current password is not right", where="current password")
    if confirm is not None and confirm != new:
        raise InvalidInput("the two new passwords differ", where="new password", hint="Type the same one twice.")
    _valid_password(new, "new password")
    hashed = hash_password(new)
    now = _now(env)
    with env.store.transaction():
        rows.set_password_hash(env.store, account.owner_id, hashed, now)
        rows.end_sessions_of(env.store, account.owner_id)
        rows.end_resets_of(env.store, account.owner_id, now)
        return _start_session(env, account.owner_id, now)


@dataclass(frozen=True)
class ResetMail:
    to: str
    subject: str
    body: str


def request_reset(env: Env, email: str, base_url: str, send: Callable[[ResetMail], None] | None = None) -> None:
    """Mail a one-hour reset link if `email` has an enabled account; the answer is the same either way.

    `send(ResetMail)` delivers it; by default the server's outgoing mail (`mail.server_mail`),
    whose settings are checked first, for every address alike, so that a missing setting
    shows whether or not the address has an account.
    """
    _require_hosted(env)
    deliver = send or _server_mail_sender()
    folded = fold_email(email)
    account = rows.account_by_email(env.store, folded)
    if account is None or account.disabled:
        return
    now = _now(env)
    token, hashed = _new_token()
    with env.store.transaction():
        rows.add_reset(env.store, hashed, account.owner_id, now, now + RESET_LIFE)
    link = f"{base_url.rstrip('/')}/reset?token={token}"
    body = (
        f"Hello {account.shown_name},\n\n"
        "someone (we hope you) asked to set a new password for your followup account.\n"
        f"Open this link within an hour to choose one:\n\n{link}\n\n"
        "If it was not you, ignore this message: your password stays as it is.\n"
    )
    try:
        deliver(ResetMail(account.email, "Set a new followup password", body))
    except Exception:  # the answer must not tell that this address has an account
        log.exception("the password reset mail to an account could not be sent")


def _server_mail_sender() -> Callable[[ResetMail | InvitationMail], None]:
    from followup.mail import server_mail

    config = server_mail.from_environment()

    def deliver(message: ResetMail | InvitationMail) -> None:
        server_mail.send(config, message.to, message.subject, message.body)

    return deliver


def reset_is_open(env: Env, token: str) -> bool:
    found = rows.reset(env.store, token_hash(token))
    return found is not None and found[2] is None and found[1] > _now(env)


def reset_password(env: Env, token: str, new: str) -> Account:
    """Set the password a reset link is for; the link works once, and every session of the account ends."""
    _valid_password(new)
    hashed_token = token_hash(token)
    found = rows.reset(env.store, hashed_token)
    now = _now(env)
    if found is None or found[2] is not None or found[1] <= now:
        raise SignInRefused(
            "this password reset link has expired or was already used",
            hint="Ask for a new one with “Forgot your password?”.",
        )
    hashed = hash_password(new)
    with env.store.transaction():
        if not rows.reset_used(env.store, hashed_token, now):
            raise SignInRefused("this password reset link was already used")
        owner_id = found[0]
        rows.set_password_hash(env.store, owner_id, hashed, now)
        rows.end_sessions_of(env.store, owner_id)
        rows.end_resets_of(env.store, owner_id, now)
        account = rows.account_by_owner(env.store, owner_id)
        assert account is not None  # the reset row's owner has an account (ON DELETE CASCADE)
        rows.forget_failures(env.store, f"address:{account.email}")
    return account


# -- administration ---------------------------------------------------------------------------------


def _require_admin(by: Account | None) -> None:
    if by is not None and not by.is_admin:
        raise NotAllowed("only an administrator can do this")


def list_accounts(env: Env, by: Account | None) -> list[Account]:
    _require_hosted(env)
    _require_admin(by)
    return rows.all_accounts(env.store)


def figures(env: Env, by: Account | None) -> dict[str, int]:
    """Counts only: accounts per role, disabled accounts, applications in total."""
    _require_hosted(env)
    _require_admin(by)
    everyone = _as(env, db.INSTALLATION)
    found = {SEEKER: 0, COACH: 0, ADMIN: 0, "disabled": 0, **rows.figures(everyone)}
    return {
        "seekers": found[SEEKER],
        "coaches": found[COACH],
        "admins": found[ADMIN],
        "disabled": found["disabled"],
        "applications": found["applications"],
    }


def disable(env: Env, by: Account | None, email: str) -> Account:
    """Disable an account: it can no longer sign in, and its sessions end now."""
    _require_hosted(env)
    _require_admin(by)
    folded = fold_email(email)
    now = _now(env)
    with env.store.transaction():
        account = rows.account_by_email(env.store, folded)
        if account is None:
            raise NotFound(f"no account has the address {folded}", hint="See `followup account list`.")
        if by is not None and by.owner_id == account.owner_id:
            raise Conflict("you cannot disable your own account", hint="Ask another administrator.")
        if account.disabled:
            return account
        if account.is_admin and rows.count_active_admins(env.store) <= 1:
            raise Conflict(
                "this is the last administrator", hint="Invite another administrator first, so someone can manage."
            )
        rows.set_disabled(env.store, account.owner_id, now)
        rows.end_sessions_of(env.store, account.owner_id)
        disabled = rows.account_by_owner(env.store, account.owner_id)
    assert disabled is not None
    return disabled


def enable(env: Env, by: Account | None, email: str) -> Account:
    _require_hosted(env)
    _require_admin(by)
    folded = fold_email(email)
    with env.store.transaction():
        account = rows.account_by_email(env.store, folded)
        if account is None:
            raise NotFound(f"no account has the address {folded}", hint="See `followup account list`.")
        rows.set_disabled(env.store, account.owner_id, None)
        enabled = rows.account_by_owner(env.store, account.owner_id)
    assert enabled is not None
    return enabled


# -- coaches ----------------------------------------------------------------------------------------


def coaches(env: Env, seeker: Account) -> list[Account]:
    return rows.coaches_of(_as(env, seeker.owner_id), seeker.owner_id)


def seekers(env: Env, coach: Account) -> list[Account]:
    """The job seekers who added this coach (for the lead's coach views)."""
    return rows.seekers_of(_as(env, coach.owner_id), coach.owner_id)


def add_coach(env: Env, seeker: Account, coach_email: str) -> Account:
    """Let the coach with this address see the seeker's pipeline and agenda."""
    if not seeker.is_seeker:
        raise NotAllowed("only a job seeker's account can add a coach")
    folded = _valid_email(coach_email, "coach's e-mail")
    with env.store.transaction():
        coach = rows.account_by_email(env.store, folded)
        if coach is None or not coach.is_coach or coach.disabled:
            raise NotFound(
                f"{folded} is not a coach's account here",
                hint="Ask your coach which address they sign in with; your careers service invites coaches.",
            )
        rows.add_coach_link(_as(env, seeker.owner_id), seeker.owner_id, coach.owner_id, _now(env))
    return coach


def remove_coach(env: Env, seeker: Account, coach_email: str) -> None:
    folded = fold_email(coach_email)
    with env.store.transaction():
        coach = rows.account_by_email(env.store, folded)
        if coach is None or not rows.remove_coach_link(_as(env, seeker.owner_id), seeker.owner_id, coach.owner_id):
            raise NotFound(f"{folded} is not one of your coaches")
