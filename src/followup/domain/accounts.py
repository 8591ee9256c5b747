"""The people of a hosted installation: an account, its role, and what each role may do.

An account is an owner (`Store.owner`): its id scopes every row of its data. A job seeker
keeps their own search; a coach sees the seekers who added them; an administrator runs the
installation and sees aggregate figures only, never anyone's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SEEKER = "seeker"
COACH = "coach"
ADMIN = "admin"
ROLES = (SEEKER, COACH, ADMIN)


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-in person, as the web app puts them in the request (`scope["followup.account"]`)."""

    owner_id: int
    email: str
    name: str
    role: str
    created_at: datetime
    password_set_at: datetime
    disabled_at: datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def is_coach(self) -> bool:
        return self.role == COACH

    @property
    def is_seeker(self) -> bool:
        return self.role == SEEKER

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def shown_name(self) -> str:
        return self.name or self.email


def fold_email(email: str) -> str:
    """The address as stored and compared: trimmed, lower case (mail providers ignore case)."""
    return email.strip().lower()


def email_problem(email: str) -> str | None:
    """What is wrong with an address given for an account, or None."""
    local, at, domain = email.strip().rpartition("@")
    if not at or not local or not domain:
        return "is not an e-mail address (it needs one @ with text on both sides)"
    if any(c.isspace() for c in email.strip()) or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return "is not an e-mail address"
    if len(email) > 254:
        return "is longer than an e-mail address can be (254 characters)"
    return None


MIN_PASSWORD = 10
MAX_PASSWORD = 1000


def password_problem(password: str) -> str | None:
    """What is wrong with a new password, or None: long enough to resist guessing, no other rules."""
    if len(password) < MIN_PASSWORD:
        return f"is too short: use at least {MIN_PASSWORD} characters (a few words make a good one)"
    if len(password) > MAX_PASSWORD:
        return f"is too long: use at most {MAX_PASSWORD} characters"
    if not password.strip():
        return "is only spaces"
    return None
