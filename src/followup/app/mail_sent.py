"""What a message the user sent from their own mail program was: which open action it answers.

A thank-you written in the user's mail app and found in Sent must count as the thank-you,
or the action stays overdue. A sent message is read against the open actions of its
application (`playbook.plan`, decisions applied), by whom it went to, when, and, only to
tell a thank-you from a status check, a few words:

- a thank-you: to the interviewer of an open thank-you (or to anyone there, when the
  interview has no interviewer on record), after that interview began, saying thanks
  (in English, German, French or Spanish);
- a status check (after an interview) or a note about the application (before any, on
  a later day than the application): to anyone at the company, after the interview
  ended, asking for news; within a day of the interview a message with thanks in it is
  the thank-you, whatever else it says;
- an answer to a request, an invitation or an offer: to whoever sent it, or in its
  thread, after it came;
- the heads-up to a reference, and the thanks to the recruiter at the end: to them.

Anything else stays other mail. The action is then done as if marked done by hand, with
the message as its touchpoint, so `followup undo` takes it back like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.app.context import Env
from followup.domain.labels import short_day
from followup.domain.model import Action, ActionKind, ApplicationState, Direction, Interview
from followup.mail.match import message_ids
from followup.mail.parse import ParsedMessage
from followup.reading.quoting import strip_quoted
from followup.store import actions as action_store

_THANKS = re.compile(
    r"\b(?:thank|thanks|grateful|appreciated?|danke\w*|dank|bedanke\w*|merci|remercie\w*|gracias|agradec\w*)\b",
    re.I,
)
_ASKS_FOR_NEWS = re.compile(
    r"\b(?:update|status|any news|news on|decision|decided|hear back|heard back|timeline|where things stand|"
    r"follow(?:ing)? up|checking in|check in|"
    r"neuigkeiten|stand der dinge|zwischenstand|entscheidung|rückmeldung|nachfragen|"
    r"nouvelles|décision|où en est|suivi|"
    r"novedades|noticias|decisión|estado del proceso|seguimiento)\b",
    re.I,
)
# A thank-you is written within hours of the interview; a status check days later.
_THANK_YOU_SOON = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Answered:
    action: Action
    why: str  # in the user's words, shown next to the message
    contact_id: int | None  # whom it went to, of the application's contacts


def answered_actions(env: Env, parsed: ParsedMessage, app_id: int) -> list[Answered]:
    """The open actions this sent message does, the first being the one it is recorded as; [] if none."""
    from followup.domain import playbook

    state = action_store.load_state(env.store, app_id)
    sent_at = parsed.date or env.now()
    recipients = _recipients(state, parsed)
    actions = playbook.plan(state, env.settings, env.calendar)
    text = f"{parsed.subject}\n{strip_quoted(parsed.text)}"
    thanks, asks = bool(_THANKS.search(text)), bool(_ASKS_FOR_NEWS.search(text))
    interviews = {i.id: i for i in state.interviews}
    day = env.calendar

    thank_yous = [
        a
        for a in actions
        if a.kind is ActionKind.THANK_YOU
        and (a.contact_id in recipients or a.contact_id is None)
        and _after(interviews.get(a.interview_id or -1), sent_at, ends=False)
    ]
    if thank_yous:  # for the latest interview before it only: an earlier one's thank-you is stale by then
        latest = max(interviews[a.interview_id or -1].starts_at for a in thank_yous)
        thank_yous = [a for a in thank_yous if interviews[a.interview_id or -1].starts_at == latest]
    soon = any(
        sent_at <= interviews[a.interview_id].ends_at + _THANK_YOU_SOON
        for a in thank_yous
        if a.interview_id in interviews
    )
    if thank_yous and thanks and (soon or not asks):
        return [Answered(a, f"your thank-you{_to(state, a)}", a.contact_id) for a in thank_yous]

    replied_to = {key for field in (parsed.in_reply_to, *parsed.references) for key in message_ids(field)}
    received = [t for t in state.touchpoints if t.direction is Direction.RECEIVED]
    for a in actions:
        if a.kind is not ActionKind.RESPOND or sent_at < a.due:
            continue
        # The message it answers is the reply that opened it: received then, from that person.
        asked = [t for t in received if t.occurred_at == a.due and t.contact_id == a.contact_id]
        in_thread = any(set(message_ids(t.message_id)) & replied_to for t in asked)
        if in_thread or a.contact_id in recipients:
            on = short_day(day.local_date(a.due))
            return [Answered(a, f"your answer{_to(state, a)} to what they wrote on {on}", a.contact_id)]

    # Asking after the application goes to whoever the user chose, not only to the person the plan suggests.
    to = min(recipients) if recipients else None
    if asks:
        # Not the application itself ("I look forward to your decision"): a note about it comes days later.
        app = state.application
        applied = app.applied_on or day.local_date(app.created_at)
        for a in actions:
            if a.kind is ActionKind.STATUS_CHECK and _after(interviews.get(a.interview_id or -1), sent_at, ends=True):
                return [Answered(a, f"your status check{_to(state, to)}", to)]
            if a.kind is ActionKind.APPLICATION_CHECK and day.local_date(sent_at) > applied:
                return [Answered(a, f"your note asking after the application{_to(state, to)}", to)]

    for a in actions:
        if a.contact_id is None or a.contact_id not in recipients:
            continue
        if a.kind is ActionKind.REFERENCE_HEADS_UP:
            return [Answered(a, f"your heads-up{_to(state, a)} that they may be contacted", a.contact_id)]
        if a.kind is ActionKind.THANK_RECRUITER and sent_at >= a.due:
            return [Answered(a, f"your thanks{_to(state, a)} at the end of the process", a.contact_id)]
    return []


def _recipients(state: ApplicationState, parsed: ParsedMessage) -> set[int]:
    """The application's contacts the message went to (To and Cc)."""
    addresses = {a.strip().lower() for a in (*parsed.to_addrs, *parsed.cc_addrs)}
    return {c.id for c in state.contacts.values() if c.email and c.email.strip().lower() in addresses}


def _after(interview: Interview | None, moment: datetime, *, ends: bool) -> bool:
    """Sent after the interview began (a thank-you may be written in the lift) or, with `ends`, ended."""
    if interview is None:
        return False
    return moment >= (interview.ends_at if ends else interview.starts_at)


def _to(state: ApplicationState, whom: Action | int | None) -> str:
    contact_id = whom.contact_id if isinstance(whom, Action) else whom
    who = state.contacts.get(contact_id) if contact_id is not None else None
    return f" to {who.name}" if who is not None else ""
