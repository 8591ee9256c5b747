"""Short names for actions and statuses, in the job seeker's words (shared by CLI and web)."""

from __future__ import annotations

from datetime import date

ACTION_TITLES = {
    "prepare": "Prepare for the interview",
    "recruiter_debrief": "Call the recruiter",
    "thank_you": "Thank-you",
    "capture_details": "Fill in the interview details",
    "reference_heads_up": "Tell your reference",
    "status_check": "Status check",
    "follow_up_call": "Follow-up call",
    "move_on": "Move on",
    "thank_recruiter": "Thank the recruiter",
    "respond": "Reply to them",
    "application_check": "Ask about your application",
    "keep_searching": "Keep searching",
}

CHANNEL_WORDS = {"email": "email", "letter": "letter", "phone": "call"}


def action_title(kind: str, channel: str | None) -> str:
    title = ACTION_TITLES.get(kind, kind.replace("_", " ").capitalize())
    if (
        kind in ("thank_you", "status_check", "application_check", "thank_recruiter", "reference_heads_up", "respond")
        and channel
    ):
        return f"{title} ({CHANNEL_WORDS.get(channel, channel)})"
    return title


# The button to a draft, for kinds whose draft is neither a message to write nor a call to make.
DRAFT_BUTTONS = {"prepare": "How to prepare", "move_on": "What now", "keep_searching": "What now"}
_CALLS = {"recruiter_debrief", "follow_up_call"}
# The actions whose title already says who they are with: the name follows in brackets.
_NAMED_IN_TITLE = {"recruiter_debrief"}
_WITH = {"prepare", "capture_details", "follow_up_call"}


def draft_button(kind: str, channel: str | None) -> str:
    """The button that opens an action's draft, named for what it is: a call script, a letter, an email."""
    if kind in DRAFT_BUTTONS:
        return DRAFT_BUTTONS[kind]
    if channel == "phone" or kind in _CALLS:
        return "Open the call script"
    if channel == "letter":
        return "Write the letter"
    return "Write the email"


def with_whom(kind: str, channel: str | None, contact: str) -> str:
    """What follows an action's title to say who it is for: "to Ann", a call "with Ann",
    and "(Jürgen)" after "Call the recruiter", which would otherwise read "to Jürgen"."""
    if kind in _NAMED_IN_TITLE:
        return f"({contact})"
    if channel == "phone" or kind in _WITH | _CALLS:
        return f"with {contact}"
    return f"to {contact}"


def short_day(value: date) -> str:
    """'Wed 18 Nov': a day in a sentence, where the year goes without saying. A datetime is read
    as its own date, in its own zone: callers convert to the user's zone first."""
    return f"{value:%a} {value.day} {value:%b}"


def long_day(value: date) -> str:
    """'Wed 18 Nov 2026': a day on its own, as in a list or a heading."""
    return f"{short_day(value)} {value:%Y}"


# An application's excitement, 1 to 5, in words (the stars say it at a glance).
EXCITEMENT_WORDS = {1: "Not very", 2: "Somewhat", 3: "Keen", 4: "Very keen", 5: "Dream job"}


def excitement_stars(level: int) -> str:
    """ "★★★★☆" for 4: filled stars for the level, hollow ones up to five."""
    return "★" * level + "☆" * (5 - level)
