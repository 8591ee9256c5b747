"""The follow-up playbook as a pure function: facts about one application → due actions.

Each rule of `shared/playbook.md` is one function below, named after its rule id.
`plan()` depends only on the facts and the settings, so its result can be kept
in the database and queried by date; `due_actions()` adds `now` to drop what
has expired. Neither reads the clock.

How the chase works within one round (the latest interview): a status check,
then a follow-up call, then moving on, each at most once. Replies from the
employer or recruiter stop the chase; a reply that promises a date restarts
it from that date with the next step not yet taken. A skipped step counts as
taken, unanswered, at its due time, so skipping never makes a step reappear.

Before any interview the application itself is chased the same way, more
gently: a note, one more note, then moving on; any answer, an interview or
closing the application stops it for good.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from followup.domain.calendar import BusinessCalendar, add_days, add_hours
from followup.domain.ids import action_id
from followup.domain.labels import short_day
from followup.domain.model import (
    Action,
    ActionChannel,
    ActionKind,
    ApplicationState,
    ApplicationStatus,
    CompanyStyle,
    Contact,
    ContactRole,
    DecisionState,
    Direction,
    Interview,
    InterviewKind,
    Outcome,
    PreferredChannel,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.pipeline import PipelineSummary, keep_searching_id, keep_searching_nudge
from followup.domain.promises import promises_news
from followup.domain.settings import Settings
from followup.domain.zones import agreed_time, beside

__all__ = ["PipelineSummary", "action_id", "due_actions", "keep_searching", "keep_searching_id", "plan"]

TERMINAL_REPLIES = frozenset({Outcome.REJECTION, Outcome.OFFER})
# How an application can end; one still open (or not yet applied for) has not ended.
ENDED = frozenset(
    {
        ApplicationStatus.OFFER,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.CLOSED_NO_RESPONSE,
    }
)
REPLIES_NEEDING_ANSWER = frozenset({Outcome.INFO_REQUEST, Outcome.NEXT_ROUND, Outcome.OFFER})
_KIND_WORDS = {
    InterviewKind.PHONE: "phone ",
    InterviewKind.VIDEO: "video ",
    InterviewKind.ONSITE: "on-site ",
    InterviewKind.PANEL: "panel ",
    InterviewKind.TECHNICAL: "technical ",
}


def plan(state: ApplicationState, settings: Settings, calendar: BusinessCalendar) -> list[Action]:
    """Every action the playbook still asks for, with user decisions applied; sorted by due."""
    ctx = _Context(state, settings, calendar)
    actions = list(ctx.rules())
    kept: list[Action] = []
    for action in actions:
        decision = state.decisions.get(action.id)
        if decision is not None and decision.state is not DecisionState.SNOOZED:
            continue
        if decision is not None and decision.until is not None and decision.until > action.due:
            action = replace(action, due=decision.until)
        kept.append(action)
    return sorted(kept, key=lambda a: (a.due, a.id))


def due_actions(state: ApplicationState, settings: Settings, calendar: BusinessCalendar, now: datetime) -> list[Action]:
    """What the user should see at `now`: the plan minus what has expired."""
    return [a for a in plan(state, settings, calendar) if a.expires is None or a.expires > now]


@dataclass
class _Chase:
    """Where the chase of one round stands after reading its touchpoints in order.

    `anchor` is the last moment the employer spoke (the interview's end at first)
    and `promise` the date they last said news would come by, if any.
    """

    anchor: datetime
    promise: date | None
    status_check: Touchpoint | None = None
    # When the employer last spoke (a reply, or a call that reached them).
    heard_at: datetime | None = None
    call: Touchpoint | None = None
    awaiting_user: bool = False
    evasive_at: datetime | None = None
    ended: bool = False

    def replied_since(self, moment: datetime) -> bool:
        return self.anchor > moment or (self.heard_at is not None and self.heard_at >= moment)

    def heard(self, t: Touchpoint) -> None:
        """The employer spoke: that replaces any earlier evasion."""
        self.heard_at, self.evasive_at = t.occurred_at, None


class _Context:
    def __init__(self, state: ApplicationState, settings: Settings, calendar: BusinessCalendar):
        self.state = state
        self.app = state.application
        self.timings = settings.timings
        self.cal = calendar
        self.interviews = sorted(state.interviews, key=lambda i: i.starts_at)
        self.touchpoints = sorted(state.touchpoints, key=lambda t: (t.occurred_at, t.id))

    # -- helpers -------------------------------------------------------------------------

    def contact(self, contact_id: int | None) -> Contact | None:
        return self.state.contacts.get(contact_id) if contact_id is not None else None

    def name(self, contact_id: int | None, fallback: str) -> str:
        contact = self.contact(contact_id)
        return contact.name if contact else fallback

    def day(self, moment: datetime | date) -> str:
        value = self.cal.local_date(moment) if isinstance(moment, datetime) else moment
        return short_day(value)

    def sent(self, since: datetime | None = None) -> Iterable[Touchpoint]:
        for t in self.touchpoints:
            if t.direction is Direction.SENT and (since is None or t.occurred_at >= since):
                yield t

    def interviewers(self, interview: Interview) -> list[Contact]:
        people = [self.contact(cid) for cid in interview.participant_ids]
        return [c for c in people if c is not None and c.role.is_employer_side]

    def next_interview(self, interview: Interview) -> Interview | None:
        later = [i for i in self.interviews if i.starts_at > interview.starts_at]
        return later[0] if later else None

    def act(self, kind: ActionKind, key: Iterable[object], due: datetime, reason: str, **kw: object) -> Action:
        return Action(
            id=action_id(self.app.id, kind.value, *key),
            kind=kind,
            due=due,
            reason=reason,
            application_id=self.app.id,
            **kw,  # type: ignore[arg-type]
        )

    def label(self) -> str:
        return f"{self.app.role} at {self.app.company}"

    def entered(self) -> datetime:
        """When the application was entered: an import dates it the day it was applied."""
        return max(self.app.created_at, self.app.entered_at or self.app.created_at)

    @staticmethod
    def interview_day(interview: Interview) -> str:
        """The interview's day as agreed, on its own clock, as the drafts say it (`domain/zones.py`)."""
        return short_day(agreed_time(interview))

    @staticmethod
    def entered_after(interview: Interview, moment: datetime | None) -> bool:
        """Whether the interview was entered only after `moment` (an action's deadline, or when
        it leaves the list): what was due then is not shown as late for weeks (see docs/playbook.md)."""
        return moment is not None and interview.recorded_at is not None and interview.recorded_at > moment

    @staticmethod
    def gone_when_entered(interview: Interview, expires: datetime | None) -> bool:
        """Whether what an interview asks for would already have left the list when it was entered."""
        return expires is not None and interview.recorded_at is not None and interview.recorded_at >= expires

    # -- the rules ---------------------------------------------------------------------

    def rules(self) -> Iterable[Action]:
        yield from self.respond()
        yield from self.thank_recruiter()
        if self.app.status is not ApplicationStatus.ACTIVE:
            return
        for interview in self.interviews:
            yield from self.prepare(interview)
            yield from self.recruiter_debrief(interview)
            yield from self.thank_you(interview)
            yield from self.capture_details(interview)
        yield from self.reference_heads_up()
        if self.interviews:
            yield from self.chase(self.interviews[-1])
        elif self.app.undated_interview:
            yield from self.add_interview()
        else:
            yield from self.application_check()

    def prepare(self, interview: Interview) -> Iterable[Action]:
        recorded = interview.recorded_at
        if recorded is not None and recorded >= interview.starts_at:
            return
        # Calendar days in the user's zone, whatever zone the instant was stored in.
        due = add_days(self.cal.local(interview.starts_at), -self.timings.prepare_days_before)
        if recorded is not None:
            due = max(due, recorded)
        # The day and time as agreed, on the interview's own clock (yours beside it when that differs).
        when = agreed_time(interview)
        yield self.act(
            ActionKind.PREPARE,
            [interview.id],
            due,
            f"Your {_KIND_WORDS.get(interview.kind, '')}interview for {self.label()} is on "
            f"{short_day(when)} at {when:%H:%M}{beside(when, self.cal.timezone)}: research the company, "
            "prepare answers and questions, "
            "and plan to ask about next steps, how they like to be followed up, and for a business card.",
            deadline=interview.starts_at,
            expires=interview.starts_at,
            interview_id=interview.id,
        )

    def recruiter_debrief(self, interview: Interview) -> Iterable[Action]:
        if self.app.source is not Source.RECRUITER:
            return
        recruiter = self.app.recruiter_id
        for t in self.sent(interview.starts_at):
            if t.kind is TouchpointKind.RECRUITER_DEBRIEF or (recruiter and t.contact_id == recruiter):
                return
        following = self.next_interview(interview)
        end = interview.ends_at
        deadline = add_hours(end, self.timings.recruiter_debrief_hours)
        if self.entered_after(interview, deadline) or self.gone_when_entered(
            interview, following.starts_at if following else None
        ):
            # Its point, acting for you before they decide, had passed before the interview was entered.
            return
        yield self.act(
            ActionKind.RECRUITER_DEBRIEF,
            [interview.id],
            end,
            f"You came to {self.app.company} through {self.name(recruiter, 'a recruiter')}: "
            "call right after the interview to say how it went and raise any concern, "
            "so they can act for you.",
            contact_id=recruiter,
            channel=ActionChannel.PHONE,
            deadline=deadline,
            expires=following.starts_at if following else None,
            interview_id=interview.id,
        )

    def thank_you_channel(self, contact: Contact | None) -> ActionChannel:
        if contact is not None and contact.preferred_channel is PreferredChannel.LETTER:
            return ActionChannel.LETTER
        if self.app.company_style is CompanyStyle.TRADITIONAL:
            return ActionChannel.LETTER
        return ActionChannel.EMAIL

    def thank_you(self, interview: Interview) -> Iterable[Action]:
        following = self.next_interview(interview)
        end = interview.ends_at
        # A thank-you a week late reads oddly, and the status check thanks them anyway: past
        # that point it leaves the list instead of staying overdue for ever.
        stale = add_days(self.cal.local(end), self.timings.thank_you_stale_days)
        people: list[Contact | None] = list(self.interviewers(interview)) or [None]
        for person in people:
            pid = person.id if person else None
            thanked = any(
                t.kind is TouchpointKind.THANK_YOU and (pid is None or t.contact_id == pid)
                for t in self.sent(interview.starts_at)
            )
            if thanked:
                continue
            channel = self.thank_you_channel(person)
            who = person.name if person else "everyone who interviewed you"
            if channel is ActionChannel.LETTER:
                deadline = self.cal.add_business_days_at(end, self.timings.thank_you_letter_business_days)
                why = (
                    f"{self.app.company} comes across as traditional"
                    if self.app.company_style is CompanyStyle.TRADITIONAL
                    else f"{who} prefers letters"
                )
                expires = max(stale, deadline)
                reason = (
                    f"Mail {who} a thank-you letter for the interview on {self.interview_day(interview)}; {why}, "
                    f"so a letter within {self.timings.thank_you_letter_business_days} "
                    f"business days fits best (after {self.day(expires)} it leaves your list)."
                )
            else:
                deadline = add_hours(end, self.timings.thank_you_email_hours)
                expires = max(stale, deadline)
                reason = (
                    f"Email {who} a thank-you for the interview on {self.interview_day(interview)} within "
                    f"{self.timings.thank_you_email_hours} hours; thanking them is the whole point "
                    f"(after {self.day(expires)} it leaves your list)."
                )
            if following is not None:
                expires = min(expires, following.starts_at)
            due: datetime | None = end
            late: datetime | None = deadline
            if self.gone_when_entered(interview, expires):
                continue  # entered after it would have left the list: it would read oddly now
            if self.entered_after(interview, deadline):
                # Entered after its deadline: due now, not late; it leaves the list as usual.
                due, late = interview.recorded_at, None
                reason = (
                    f"{'Mail' if channel is ActionChannel.LETTER else 'Email'} {who} a thank-you "
                    f"{'letter ' if channel is ActionChannel.LETTER else ''}for the interview on "
                    f"{self.interview_day(interview)}: "
                    f"a few days on, thanking them still counts (after {self.day(expires)} it leaves your list)."
                )
            assert due is not None
            yield self.act(
                ActionKind.THANK_YOU,
                [interview.id, pid],
                due,
                reason,
                contact_id=pid,
                channel=channel,
                deadline=late,
                expires=expires,
                interview_id=interview.id,
            )

    def missing_details(self, interview: Interview) -> list[str]:
        missing = []
        if not interview.timeline_known:
            missing.append("the next steps and when to expect news")
        people = self.interviewers(interview)
        if not people:
            missing.append("who interviewed you")
        for person in people:
            first = person.name
            if person.preferred_channel is PreferredChannel.UNKNOWN:
                missing.append(f"how {first} prefers to be followed up")
            channel = self.thank_you_channel(person)
            if channel is ActionChannel.EMAIL and not person.email:
                missing.append(f"{first}'s email address")
            if channel is ActionChannel.LETTER and not person.postal_address:
                missing.append(f"{first}'s postal address")
            if person.preferred_channel is PreferredChannel.PHONE and not person.phone:
                missing.append(f"{first}'s phone number")
        return missing

    def capture_details(self, interview: Interview) -> Iterable[Action]:
        missing = self.missing_details(interview)
        if not missing:
            return
        following = self.next_interview(interview)
        end = interview.ends_at
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        due: datetime | None = end
        deadline: datetime | None = add_days(self.cal.local(end), self.timings.capture_details_days)
        if self.gone_when_entered(interview, following.starts_at if following else None):
            return  # entered after the next round began: that round's details are asked for instead
        if self.entered_after(interview, deadline):
            # Entered after its deadline: asked once, from when it was entered, and never late.
            due, deadline = interview.recorded_at, None
        assert due is not None
        yield self.act(
            ActionKind.CAPTURE_DETAILS,
            [interview.id],
            due,
            f"Note down what is still missing from the interview on {self.interview_day(interview)} "
            f"(ask them, or check the business card): {listed}.",
            deadline=deadline,
            expires=following.starts_at if following else None,
            interview_id=interview.id,
        )

    def add_interview(self) -> Iterable[Action]:
        """Another tracker had it at an interview stage but gave no date: ask once for the interview.

        Past applying, so no note about the application; until the interview is added, nothing
        after it (thank-you, status check) can be planned.
        """
        yield self.act(
            ActionKind.CAPTURE_DETAILS,
            ["undated_interview"],
            self.entered(),
            f"Your application to {self.app.company} was at '{self.app.undated_interview}' in the tracker "
            "you imported it from, with no date: add the interview on its page, so that the thank-you "
            "and the status check can be planned.",
        )

    def reference_heads_up(self) -> Iterable[Action]:
        by_id = {i.id: i for i in self.interviews}
        for ref in self.state.references:
            if any(t.contact_id == ref.contact_id for t in self.sent()):
                continue
            interview = by_id.get(ref.interview_id) if ref.interview_id is not None else None
            due = interview.ends_at if interview else ref.named_at
            yield self.act(
                ActionKind.REFERENCE_HEADS_UP,
                [ref.contact_id],
                due,
                f"You named {self.name(ref.contact_id, 'a reference')} as a reference: "
                f"tell them {self.app.company} may get in touch about the {self.app.role} role.",
                contact_id=ref.contact_id,
                channel=ActionChannel.EMAIL,
                deadline=self.cal.add_business_days_at(due, self.timings.reference_heads_up_business_days),
                interview_id=interview.id if interview else None,
            )

    def respond(self) -> Iterable[Action]:
        if self.app.status not in (ApplicationStatus.ACTIVE, ApplicationStatus.OFFER):
            return
        for reply in self.touchpoints:
            if reply.direction is not Direction.RECEIVED or reply.outcome not in REPLIES_NEEDING_ANSWER:
                continue
            answered = any(t.occurred_at >= reply.occurred_at for t in self.sent())
            answered = answered or any(
                i.recorded_at is not None and i.recorded_at >= reply.occurred_at
                for i in self.interviews
                if reply.outcome is Outcome.NEXT_ROUND
            )
            if answered:
                continue
            what = {
                Outcome.INFO_REQUEST: "asked you for something",
                Outcome.NEXT_ROUND: "invited you to a next round",
                Outcome.OFFER: "made you an offer",
            }[reply.outcome]
            who = self.name(reply.contact_id, self.app.company)
            yield self.act(
                ActionKind.RESPOND,
                [reply.id],
                reply.occurred_at,
                f"{who} {what} on {self.day(reply.occurred_at)}: answer within "
                f"{self.timings.respond_business_days} business day"
                f"{'s' if self.timings.respond_business_days != 1 else ''}.",
                contact_id=reply.contact_id,
                channel=ActionChannel.EMAIL,
                deadline=self.cal.add_business_days_at(reply.occurred_at, self.timings.respond_business_days),
            )

    def thank_recruiter(self) -> Iterable[Action]:
        if self.app.source is not Source.RECRUITER or self.app.status not in ENDED:
            return
        closed = self.app.closed_at
        if closed is None:
            return
        recruiter = self.app.recruiter_id
        for t in self.sent():
            if t.kind is TouchpointKind.THANK_RECRUITER or (
                recruiter is not None and t.contact_id == recruiter and t.occurred_at >= closed
            ):
                return
        contact = self.contact(recruiter)
        phone = contact is not None and contact.preferred_channel is PreferredChannel.PHONE
        yield self.act(
            ActionKind.THANK_RECRUITER,
            [],
            closed,
            f"Your application at {self.app.company} has ended ({self.app.status.label}): "
            f"thank {self.name(recruiter, 'your recruiter')} for their help; you may work together again.",
            contact_id=recruiter,
            channel=ActionChannel.PHONE if phone else ActionChannel.EMAIL,
            deadline=self.cal.add_business_days_at(closed, self.timings.thank_recruiter_business_days),
        )

    # -- before any interview: asking after the application -----------------------------------

    def application_contact(self, notes: list[Touchpoint]) -> Contact | None:
        """Who hears about the application: whoever got the last note, else the recruiter
        the application came through, else its recruiter or hiring manager (the oldest first)."""
        contacts = self.state.contacts
        for t in reversed(notes):
            if t.contact_id in contacts and contacts[t.contact_id].role is not ContactRole.REFERENCE:
                return contacts[t.contact_id]
        recruiter = self.contact(self.app.recruiter_id)
        if self.app.source is Source.RECRUITER and recruiter is not None:
            return recruiter
        people = sorted(contacts.values(), key=lambda c: c.id)
        for role in (ContactRole.RECRUITER, ContactRole.HIRING_MANAGER):
            for person in people:
                if person.role is role:
                    return person
        return None

    def application_check(self) -> Iterable[Action]:
        """A note on the 7th business day without an answer, one more 7 business days later, then move on.

        Only while no interview is recorded (the chase of a round takes over then) and nobody
        has answered: any reply but an automatic one stops it for good. An out-of-office with
        a return date holds the next step until the business day after it.
        """
        t = self.timings
        # A reference writing to the user is no answer from the employer.
        received = [
            tp
            for tp in self.touchpoints
            if tp.direction is Direction.RECEIVED
            and not (
                tp.contact_id in self.state.contacts
                and self.state.contacts[tp.contact_id].role is ContactRole.REFERENCE
            )
        ]
        if any(tp.outcome is not Outcome.AUTO_REPLY for tp in received):
            return
        back = max((tp.promised_date for tp in received if tp.promised_date), default=None)
        ids = [action_id(self.app.id, ActionKind.APPLICATION_CHECK.value, n) for n in (1, 2)]
        chasing = (TouchpointKind.STATUS_CHECK, TouchpointKind.FOLLOW_UP_CALL)
        notes = [tp for tp in self.sent() if tp.kind in chasing or tp.action_id in ids]
        applied = self.app.applied_on or self.cal.local_date(self.app.created_at)
        clock = t.application_check_time
        person = self.application_contact(notes)
        # Notes sent from the agenda name their step; notes logged by hand fill the steps in order.
        done = {tp.action_id: tp for tp in notes if tp.action_id in ids}
        by_hand = [tp for tp in notes if tp.action_id not in ids]
        previous: datetime | None = None
        for number, check_id in enumerate(ids, start=1):
            if previous is None:
                day = self.cal.add_business_days(applied, t.application_check_business_days)
            else:
                day = self.cal.add_business_days(self.cal.local_date(previous), t.application_check_again_business_days)
            if back is not None:
                day = max(day, self.cal.first_after(back))
            # Never due before it was entered: an application imported weeks after it was sent
            # starts its follow-up then, instead of weeks overdue.
            due = self.not_before(self.cal.at(day, clock), previous or self.entered())
            if check_id in done:
                previous = done[check_id].occurred_at
                continue
            decision = self.state.decisions.get(check_id)
            if decision is not None and decision.state is DecisionState.SKIPPED:
                # Counts as sent, unanswered, at its due time, so the ladder goes on.
                previous = due
                continue
            if by_hand:
                previous = by_hand.pop(0).occurred_at
                continue
            yield self.act(
                ActionKind.APPLICATION_CHECK,
                [number],
                due,
                self.application_check_reason(number, applied, previous, due, person),
                contact_id=person.id if person else None,
                channel=ActionChannel.EMAIL,
                deadline=self.cal.add_business_days_at(due, t.application_check_grace_business_days),
            )
            return
        assert previous is not None
        # A third note sent by hand restarts the wait: moving on counts from the last one.
        previous = max([previous, *(tp.occurred_at for tp in by_hand)])
        due = self.cal.add_business_days_at(previous, t.application_move_on_business_days)
        if back is not None:
            due = max(due, self.cal.at(self.cal.first_after(back), clock))
        yield Action(
            id=action_id(self.app.id, ActionKind.MOVE_ON.value, "applied"),
            kind=ActionKind.MOVE_ON,
            due=due,
            reason=f"Your two notes about your application to {self.app.company} got no answer either: "
            "it is most likely over, so close it as 'no response', without bitterness, "
            "and put your energy into the next ones.",
            application_id=self.app.id,
        )

    def application_check_reason(
        self, number: int, applied: date, previous: datetime | None, due: datetime, person: Contact | None
    ) -> str:
        who = person.name if person else "the recruiter or hiring manager"
        if person is None:
            missing = (
                " (you have no contact there yet: look for a name in the job posting, on the company's "
                "careers page or on LinkedIn, and add them to the application)"
            )
        elif not person.email:
            missing = " (add their email address to the application first)"
        else:
            missing = ""
        if number == 1 or previous is None:
            return (
                f"You applied for the {self.app.role} role at {self.app.company} on {self.day(applied)}: "
                f"if nothing has come by {self.day(due)}, email {who} a short note that restates your "
                f"interest{missing}."
            )
        return (
            f"Your note of {self.day(previous)} about the {self.app.role} role at {self.app.company} "
            f"got no answer: if nothing has come by {self.day(due)}, send {who} one more short note{missing}."
        )

    # -- the chase of the latest round -----------------------------------------------------

    def follow_up_contact(self, interview: Interview) -> tuple[Contact | None, str]:
        """Who the status check, the call and the move-on of a round are about, and why them.

        Chosen from what the employer's side did and what the chase itself sent, never from
        thank-yous: thanking one interviewer first must not move the status check to them.
        """
        people = self.interviewers(interview)
        if not people:
            return None, ""
        by_id = {p.id: p for p in people}
        chased = (TouchpointKind.STATUS_CHECK, TouchpointKind.FOLLOW_UP_CALL)
        for t in reversed(self.touchpoints):
            if t.occurred_at < interview.starts_at or t.contact_id not in by_id:
                continue
            if t.direction is Direction.SENT and t.kind in chased:
                # Keep chasing the person already asked, in the same thread.
                return by_id[t.contact_id], "whom you already asked"
            if t.direction is Direction.RECEIVED and t.outcome is not Outcome.AUTO_REPLY:
                return by_id[t.contact_id], f"who last wrote to you, on {self.day(t.occurred_at)}"
        if len(people) == 1:
            return people[0], ""
        for person in people:
            if person.role is ContactRole.HIRING_MANAGER:
                return person, "the hiring manager"
        return people[0], f"the first of the {len(people)} people who interviewed you"

    def read_chase(self, interview: Interview, sc_id: str, call_id: str) -> _Chase:
        chase = _Chase(anchor=interview.ends_at, promise=interview.decision_date)
        for t in self.touchpoints:
            if t.occurred_at < interview.starts_at:
                continue
            if t.direction is Direction.SENT:
                self._read_sent(chase, t, sc_id, call_id)
            elif t.outcome is Outcome.AUTO_REPLY:
                # An out-of-office that says when they are back moves the chase; nothing else does.
                if t.promised_date and (chase.promise is None or t.promised_date > chase.promise):
                    chase.promise = t.promised_date
            elif t.outcome in TERMINAL_REPLIES or t.outcome is Outcome.NEXT_ROUND:
                # Closed, or the next interview will start a new round.
                chase.ended = True
            elif t.outcome is Outcome.INFO_REQUEST:
                # Their deadline for you ("send them by Friday") is no promise of news: the promise stands.
                chase.anchor, chase.awaiting_user = t.occurred_at, True
                self.keep_promise(chase, t)
                chase.heard(t)
            else:
                chase.anchor = t.occurred_at
                self.keep_promise(chase, t)
                chase.heard(t)
        return chase

    def keep_promise(self, chase: _Chase, t: Touchpoint) -> None:
        """The promise after `t`: replaced only by a later promise of news (from whoever on the employer's
        side); a message without one leaves it standing, unless it comes once the promised day is reached,
        when the date has had its use and the usual wait counts from that message."""
        if promises_news(t):
            chase.promise = t.promised_date
        elif chase.promise is not None and chase.promise <= self.cal.local_date(t.occurred_at):
            chase.promise = None

    def _read_sent(self, chase: _Chase, t: Touchpoint, sc_id: str, call_id: str) -> None:
        is_call = t.channel.is_call
        if chase.awaiting_user:
            # Any message after their request answers it: wait again, counting from the answer (or
            # until the date they promised news by, which answering them does not change).
            chase.anchor, chase.awaiting_user = t.occurred_at, False
            self.keep_promise(chase, t)
        if t.kind is TouchpointKind.STATUS_CHECK or t.action_id == sc_id:
            chase.status_check = chase.status_check or t
            if is_call:
                chase.call = chase.call or t
        elif t.kind is TouchpointKind.FOLLOW_UP_CALL or t.action_id == call_id:
            chase.call = chase.call or t
        else:
            return
        if is_call and t.outcome is Outcome.EVASIVE:
            chase.evasive_at = t.occurred_at
        elif is_call and t.outcome is Outcome.REACHED:
            chase.anchor = t.occurred_at
            self.keep_promise(chase, t)
            chase.heard(t)

    def resume_day(self, chase: _Chase, interview: Interview) -> date:
        """The day to act again after the employer last spoke, per their promise or the default wait.

        A promise is followed up on the first business day after it, but never sooner than
        `status_check_min_business_days` after the interview itself.
        """
        t = self.timings
        if chase.promise is not None:
            return max(
                self.cal.first_after(chase.promise),
                self.cal.add_business_days(self.cal.local_date(interview.ends_at), t.status_check_min_business_days),
            )
        anchor_day = self.cal.local_date(chase.anchor)
        return self.cal.on_or_after(anchor_day + timedelta(days=t.status_check_default_days))

    def after_promise(self, day: date, chase: _Chase) -> date:
        return max(day, self.cal.first_after(chase.promise)) if chase.promise else day

    def chase(self, interview: Interview) -> Iterable[Action]:
        sc_id = action_id(self.app.id, ActionKind.STATUS_CHECK.value, interview.id)
        call_id = action_id(self.app.id, ActionKind.FOLLOW_UP_CALL.value, interview.id)
        move_id = action_id(self.app.id, ActionKind.MOVE_ON.value, interview.id)
        chase = self.read_chase(interview, sc_id, call_id)
        if chase.ended or chase.awaiting_user:
            return
        if chase.evasive_at is not None:
            yield self.move_on(
                interview,
                move_id,
                chase.evasive_at,
                "Your contact would not give a definite answer",
            )
            return
        t = self.timings
        decisions = self.state.decisions
        person, why_them = self.follow_up_contact(interview)
        pid = person.id if person else None
        who = person.name if person else f"your contact at {self.app.company}"
        if why_them:
            who = f"{who} ({why_them})"
        end = interview.ends_at
        min_call_day = self.cal.on_or_after(self.cal.local_date(end) + timedelta(days=t.follow_up_call_min_days))

        # Never due before the interview was entered: one entered weeks after it starts its chase then.
        entered = max(chase.anchor, interview.recorded_at or chase.anchor)
        sc_due = self.not_before(self.cal.at(self.resume_day(chase, interview), t.status_check_time), entered)
        sc_skipped = sc_id in decisions and decisions[sc_id].state is DecisionState.SKIPPED
        phone = person is not None and person.preferred_channel is PreferredChannel.PHONE
        if chase.status_check is None and not sc_skipped:
            # Worded as a condition: the action is shown before it is due, and a reply removes it.
            if chase.promise is not None:
                why = f"{self.app.company} said you would hear by {self.day(chase.promise)}: if nothing has come"
            elif chase.anchor > end:
                why = f"{self.app.company} last wrote, on {self.day(chase.anchor)}: if nothing follows within a week"
            else:
                why = f"Your interview was on {self.interview_day(interview)}: if there is no news a week later"
            yield self.act(
                ActionKind.STATUS_CHECK,
                [interview.id],
                sc_due,
                f"{why}, {'call' if phone else 'email'} {who} to ask politely for an update"
                f"{'' if phone else ', replying in your last thread'}.",
                contact_id=pid,
                channel=ActionChannel.PHONE if phone else ActionChannel.EMAIL,
                deadline=self.cal.add_business_days_at(sc_due, t.status_check_grace_business_days),
                interview_id=interview.id,
            )
            return

        sc_at = chase.status_check.occurred_at if chase.status_check else sc_due
        # A skipped status check that was to be a call counts as that call, made unanswered.
        skipped_call = chase.status_check is None and phone
        call_clock = t.follow_up_call_time
        if chase.replied_since(sc_at) and chase.promise is not None:
            # They answered the status check with a date: the call waits for that date, and comes
            # the first business morning after it, like the status check it stands in for.
            call_day, call_clock = self.resume_day(chase, interview), t.status_check_time
            because = f"{self.app.company} said you would hear by {self.day(chase.promise)}: if nothing has come"
        elif chase.replied_since(sc_at):
            call_day = max(self.resume_day(chase, interview), min_call_day)
            because = f"If nothing follows what {self.app.company} wrote on {self.day(chase.anchor)}"
        else:
            sc_day = self.cal.local_date(sc_at)
            call_day = max(
                self.cal.add_business_days(sc_day, t.follow_up_call_after_business_days),
                min_call_day,
            )
            call_day = self.after_promise(call_day, chase)
            because = f"If your status check of {self.day(sc_at)} stays unanswered"
        call_due = self.not_before(self.cal.at(call_day, call_clock), max(sc_at, chase.anchor))
        call_skipped = call_id in decisions and decisions[call_id].state is DecisionState.SKIPPED
        if chase.call is None and not call_skipped and not skipped_call:
            yield self.act(
                ActionKind.FOLLOW_UP_CALL,
                [interview.id],
                call_due,
                f"{because}, call {who}, recall your interview on {self.interview_day(interview)} and your email, and "
                "ask for an update without pressure (if it goes to voicemail, leave a short message).",
                contact_id=pid,
                channel=ActionChannel.PHONE,
                deadline=self.cal.add_business_days_at(call_due, t.follow_up_call_grace_business_days),
                interview_id=interview.id,
            )
            return

        call_at = chase.call.occurred_at if chase.call else (sc_at if skipped_call else call_due)
        if chase.replied_since(call_at):
            due = self.cal.at(self.resume_day(chase, interview), t.status_check_time)
            because = (
                f"Even after {self.app.company} last got back to you on {self.day(chase.anchor)}, no decision came"
            )
        else:
            due = self.cal.add_business_days_at(call_at, t.move_on_after_business_days)
            if chase.promise and chase.promise >= self.cal.local_date(call_at):
                due = max(due, self.cal.at(self.cal.first_after(chase.promise), t.status_check_time))
            because = f"Your call on {self.day(call_at)} got no answer either"
        yield self.move_on(interview, move_id, self.not_before(due, max(call_at, chase.anchor)), because)

    def not_before(self, due: datetime, floor: datetime) -> datetime:
        """Move `due` to the same clock time on a later business day if it falls before `floor`."""
        if due >= floor:
            return due
        clock = self.cal.local(due).time()
        day = self.cal.on_or_after(self.cal.local_date(floor))
        moved = self.cal.at(day, clock)
        return moved if moved >= floor else self.cal.at(self.cal.first_after(day), clock)

    def move_on(self, interview: Interview, move_id: str, due: datetime, because: str) -> Action:
        return Action(
            id=move_id,
            kind=ActionKind.MOVE_ON,
            due=due,
            reason=f"{because}: this application is most likely over, so close it as "
            "'no response', without bitterness, and put your energy into the next ones.",
            application_id=self.app.id,
            interview_id=interview.id,
        )


def keep_searching(summary: PipelineSummary, settings: Settings, calendar: BusinessCalendar) -> Action | None:
    """The pipeline nudge as an action (see `followup.domain.pipeline`)."""
    nudge = keep_searching_nudge(summary, settings, calendar.timezone)
    if nudge is None:
        return None
    return Action(id=nudge.id, kind=ActionKind.KEEP_SEARCHING, due=nudge.due, reason=nudge.reason)
