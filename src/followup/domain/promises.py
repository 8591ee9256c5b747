"""Promises of news: which recorded dates are the employer's word on when they will decide, and who gave it.

A promise is the date given at the interview, a reply that says when news will come, or what
someone said on a call that reached them. Only a later promise from the employer's side replaces
it: a message that promises nothing (a request for references from the careers address, a
colleague's "thanks, received") leaves it standing. A date in a request is a deadline the employer
sets for the candidate, an out-of-office's date is when someone is back, an invitation's is the next
interview: none of them is a promise of news, and a draft must never say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from followup.domain.model import Direction, Interview, Outcome, Touchpoint

# Replies that can carry a date that is not news about the decision (see the module's docstring).
NOT_NEWS = frozenset({Outcome.INFO_REQUEST, Outcome.AUTO_REPLY, Outcome.NEXT_ROUND, Outcome.REJECTION, Outcome.OFFER})


@dataclass(frozen=True, slots=True)
class Promise:
    """A date the employer said news would come by, and who said it."""

    day: date
    said_at: datetime
    # The person who made it; None for the company's side without a name (a careers address, or the
    # interview as the user noted it).
    contact_id: int | None = None
    touchpoint_id: int | None = None  # None: said at the interview


def promises_news(t: Touchpoint) -> bool:
    """Whether the touchpoint holds the employer's promise of news (a reply, or a call that reached them)."""
    if t.promised_date is None:
        return False
    if t.direction is Direction.RECEIVED:
        return t.outcome not in NOT_NEWS
    return t.channel.is_call and t.outcome is Outcome.REACHED


def promise_of(t: Touchpoint) -> Promise:
    assert t.promised_date is not None
    return Promise(t.promised_date, t.occurred_at, t.contact_id, t.id)


def latest_promise(interview: Interview | None, touchpoints: Iterable[Touchpoint]) -> Promise | None:
    """The promise in force for the round of `interview` (or the whole application without one):
    the latest promise of news since the interview began, else the date given at the interview."""
    since = interview.starts_at if interview is not None else None
    said = [t for t in touchpoints if promises_news(t) and (since is None or t.occurred_at >= since)]
    if said:
        return promise_of(max(said, key=lambda t: (t.occurred_at, t.id)))
    if interview is not None and interview.decision_date is not None:
        return Promise(interview.decision_date, interview.ends_at)
    return None
