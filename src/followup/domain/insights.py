"""How the job search is going, in figures: who answers, how fast, and how far applications get.

Pure: plain facts in (one `ApplicationFacts` per application), figures out,
with `now` passed in. An *answer* is anything that shows the employer responded
(`answers`): a reply from them or a recruiter passing on their news that is not
an automatic one, a call in which the user reached someone at the employer, an
interview (an invitation: dated when it was recorded, or at its start when it
was recorded afterwards), or the application being turned down or offered. What
passes between the user and their own recruiter or a reference is not an
answer from the employer. An application has *heard back* when it has at least
one answer, so the rates and the delays count the same things. Facts dated
after `now` are ignored.

An application imported from another tracker may say only where it stands: an
offer, a rejection or an interview with no day (`undated_interview`). The
employer certainly answered it, so it has heard back and got that far, but the
day of the answer is unknown: the delays leave it out and say how many they left
out (`Delay.undated`).

A rate counts only applications (and interviews) old enough to expect an answer,
answered or not: counting the early answers but not the early silences would
show 100% on the first day.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from followup.domain.model import ApplicationStatus, Channel, Direction, Outcome, TouchpointKind

DAY = timedelta(days=1)
# Applications and interviews younger than this, with no answer yet, are not counted in the rates:
# it is too early to call them unanswered.
GRACE = timedelta(days=7)
WEEKS = 26
FEWEST_WEEKS = 8
# The channels a follow-up can go by, as the user thinks of them.
CHANNEL_GROUPS = {
    Channel.EMAIL: "email",
    Channel.PHONE: "phone",
    Channel.VOICEMAIL: "phone",
    Channel.LETTER: "letter",
    Channel.FAX: "letter",
}
CHANNEL_LABELS = {"email": "Email", "phone": "Phone", "letter": "Letter"}
CHASING = frozenset({TouchpointKind.STATUS_CHECK, TouchpointKind.FOLLOW_UP_CALL})
# What the user sends to their own side (their recruiter, a reference): never a conversation with the employer.
OWN_SIDE = frozenset(
    {TouchpointKind.RECRUITER_DEBRIEF, TouchpointKind.THANK_RECRUITER, TouchpointKind.REFERENCE_HEADS_UP}
)
CONVERSATION = frozenset({Outcome.REACHED, Outcome.EVASIVE})
ANSWERED_STATUSES = frozenset({ApplicationStatus.OFFER, ApplicationStatus.REJECTED})
OUTCOME_ORDER = (
    ApplicationStatus.ACTIVE,
    ApplicationStatus.OFFER,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
    ApplicationStatus.CLOSED_NO_RESPONSE,
)


@dataclass(frozen=True, slots=True)
class InterviewFact:
    starts_at: datetime
    ends_at: datetime
    recorded_at: datetime | None = None


class Party(StrEnum):
    """Who was on the other end of a message or call."""

    EMPLOYER = "employer"  # someone at the company, or not noted
    OWN_RECRUITER = "own_recruiter"  # the recruiter the user applied through
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class MessageFact:
    """One touchpoint: a message, letter or call, either way."""

    at: datetime
    direction: Direction
    channel: Channel
    kind: TouchpointKind = TouchpointKind.OTHER
    outcome: Outcome | None = None
    party: Party = Party.EMPLOYER


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    started_at: datetime  # when the user applied (or, if unknown, added it)
    status: ApplicationStatus = ApplicationStatus.ACTIVE
    closed_at: datetime | None = None
    interviews: tuple[InterviewFact, ...] = ()
    messages: tuple[MessageFact, ...] = ()
    # Another tracker had it at an interview stage without saying when: invited, on a day unknown.
    undated_interview: bool = False


@dataclass(frozen=True, slots=True)
class Rate:
    """`hits` of `total`; `waiting` more are too recent to count yet."""

    hits: int
    total: int
    waiting: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Delay:
    """Days until an answer, one value per case, and their median; `undated` more cases were
    answered on a day nobody recorded, so they have no value here."""

    key: str
    label: str
    days: tuple[float, ...] = ()
    undated: int = 0

    @property
    def median(self) -> float | None:
        return median(self.days)

    @property
    def count(self) -> int:
        return len(self.days)


@dataclass(frozen=True, slots=True)
class FunnelStep:
    """How many applications got at least this far, and how the ones that got no further stand."""

    key: str
    label: str
    count: int
    stopped: dict[ApplicationStatus, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WeekCount:
    start: date  # the Monday
    count: int


@dataclass(frozen=True, slots=True)
class Insights:
    applications: int
    active: int
    interviews_held: int
    offers: int
    answers: int
    heard_back: Rate  # applications that got any answer
    after_interview: Rate  # applications that heard back after their first interview
    delay_by_stage: tuple[Delay, ...]
    delay_by_channel: tuple[Delay, ...]
    funnel: tuple[FunnelStep, ...]
    active_weekly: tuple[WeekCount, ...]
    followups_weekly: tuple[WeekCount, ...]


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None for none."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def days_between(start: datetime, end: datetime) -> float:
    return (end - start) / DAY


def _past(app: ApplicationFacts, now: datetime) -> ApplicationFacts:
    """The application as it stood at `now`: nothing that has not happened yet."""
    return ApplicationFacts(
        started_at=app.started_at,
        status=app.status,
        # A closed application is closed now, whatever later moment its record claims.
        closed_at=app.closed_at if app.closed_at is None else min(app.closed_at, now),
        interviews=tuple(
            # Known since it was recorded; without a record of when, it is known by now at the latest.
            i if i.recorded_at is not None else replace(i, recorded_at=min(i.starts_at, now))
            for i in app.interviews
            if i.recorded_at is None or i.recorded_at <= now
        ),
        messages=tuple(sorted((m for m in app.messages if m.at <= now), key=lambda m: m.at)),
        undated_interview=app.undated_interview,
    )


def is_answer(message: MessageFact) -> bool:
    """Whether a message or call shows the employer responded.

    A reply counts unless it is automatic or from a reference (a recruiter passes on the
    employer's news); a call counts when the user reached someone at the employer, not
    when they called their own recruiter or a reference.
    """
    if message.direction is Direction.RECEIVED:
        return message.outcome is not Outcome.AUTO_REPLY and message.party is not Party.REFERENCE
    return message.outcome in CONVERSATION and message.party is Party.EMPLOYER and message.kind not in OWN_SIDE


def invited_at(interview: InterviewFact) -> datetime:
    """When the invitation to an interview came: when it was recorded, or at its start at the
    latest when it was recorded afterwards."""
    if interview.recorded_at is not None and interview.recorded_at < interview.starts_at:
        return interview.recorded_at
    return interview.starts_at


def answers(app: ApplicationFacts) -> list[datetime]:
    """Every moment the employer showed they responded, earliest first."""
    found = [m.at for m in app.messages if is_answer(m)]
    found += [invited_at(i) for i in app.interviews]
    if app.status in ANSWERED_STATUSES and app.closed_at is not None:
        found.append(app.closed_at)
    return sorted(found)


def has_heard_back(app: ApplicationFacts) -> bool:
    """Whether the employer answered at all: a dated answer, or a status or stage that can only
    follow one (an offer, a rejection, an interview) when the day it came is unknown."""
    return bool(answers(app)) or app.status in ANSWERED_STATUSES or app.undated_interview


def _first_after(moments: Sequence[datetime], start: datetime, *, inclusive: bool = False) -> datetime | None:
    index = bisect.bisect_left(moments, start) if inclusive else bisect.bisect_right(moments, start)
    return moments[index] if index < len(moments) else None


def _ended(app: ApplicationFacts, now: datetime) -> list[InterviewFact]:
    return sorted((i for i in app.interviews if i.ends_at <= now), key=lambda i: i.ends_at)


def heard_back(apps: Iterable[ApplicationFacts], now: datetime, grace: timedelta = GRACE) -> Rate:
    """Applications that got any answer, of those sent at least `grace` ago; the younger ones wait,
    answered or not, so that a few early answers never make a rate of their own."""
    hits = total = waiting = 0
    for app in apps:
        if now - app.started_at < grace:
            waiting += 1
            continue
        total += 1
        hits += has_heard_back(app)
    return Rate(hits, total, waiting)


def heard_back_after_interview(apps: Iterable[ApplicationFacts], now: datetime, grace: timedelta = GRACE) -> Rate:
    """Of the applications whose first interview ended at least `grace` ago, those that got an answer
    after it; those interviewed more recently wait, answered or not."""
    hits = total = waiting = 0
    for app in apps:
        ended = _ended(app, now)
        if not ended:
            continue
        first = ended[0]
        if now - first.ends_at < grace:
            waiting += 1
            continue
        later_interview = any(i.starts_at > first.starts_at for i in app.interviews)
        # An offer or a rejection with no day recorded came after the interview that led to it.
        undated_outcome = app.status in ANSWERED_STATUSES and app.closed_at is None
        answered = later_interview or undated_outcome or _first_after(answers(app), first.ends_at) is not None
        total += 1
        hits += answered
    return Rate(hits, total, waiting)


def delays_by_stage(apps: Iterable[ApplicationFacts], now: datetime) -> tuple[Delay, ...]:
    """Days from applying to the first answer (one per application that heard back), from each
    interview's end, and from each status check or call, to the next answer."""
    applying: list[float] = []
    undated = 0
    interviewing: list[float] = []
    chasing: list[float] = []
    for app in apps:
        moments = answers(app)
        if moments:
            # An answer logged a little before the moment taken as the day applied came at once.
            applying.append(max(0.0, days_between(app.started_at, moments[0])))
        elif has_heard_back(app):
            undated += 1
        for interview in _ended(app, now):
            answer = _first_after(moments, interview.ends_at)
            if answer is not None:
                interviewing.append(days_between(interview.ends_at, answer))
        for message in app.messages:
            if message.direction is Direction.SENT and message.kind in CHASING:
                if is_answer(message):
                    chasing.append(0.0)
                    continue
                answer = _first_after(moments, message.at)
                if answer is not None:
                    chasing.append(days_between(message.at, answer))
    return (
        Delay("applying", "After applying", tuple(applying), undated),
        Delay("interview", "After an interview", tuple(interviewing)),
        Delay("chasing", "After a status check or call", tuple(chasing)),
    )


def delays_by_channel(apps: Iterable[ApplicationFacts]) -> tuple[Delay, ...]:
    """Days from the last thing the user sent to the answer that followed, by how they sent it.

    Each answer is credited to the latest message, letter or call sent since
    the answer before it (a call in which they were reached answers itself).
    """
    found: dict[str, list[float]] = {group: [] for group in CHANNEL_LABELS}
    for app in apps:
        sent = sorted((m for m in app.messages if m.direction is Direction.SENT), key=lambda m: m.at)
        previous: datetime | None = None
        for moment in sorted(set(answers(app))):
            calls = [m for m in sent if m.at == moment and is_answer(m)]
            since = [m for m in sent if (previous is None or m.at > previous) and m.at <= moment]
            last = calls[-1] if calls else since[-1] if since else None
            group = CHANNEL_GROUPS.get(last.channel) if last is not None else None
            if last is not None and group is not None:
                found[group].append(days_between(last.at, moment))
            previous = moment
    return tuple(Delay(group, label, tuple(found[group])) for group, label in CHANNEL_LABELS.items())


def funnel(apps: Iterable[ApplicationFacts]) -> tuple[FunnelStep, ...]:
    """Applied, then got an interview, then got an offer: each step counts those that got at least that far."""
    counts = [0, 0, 0]
    stopped: list[dict[ApplicationStatus, int]] = [{}, {}, {}]
    for app in apps:
        offer = app.status is ApplicationStatus.OFFER or any(
            m.direction is Direction.RECEIVED and m.outcome is Outcome.OFFER for m in app.messages
        )
        furthest = 2 if offer else 1 if app.interviews or app.undated_interview else 0
        for step in range(furthest + 1):
            counts[step] += 1
        stopped[furthest][app.status] = stopped[furthest].get(app.status, 0) + 1
    labels = (("applied", "Applied"), ("interviewed", "Got an interview"), ("offer", "Got an offer"))
    return tuple(
        FunnelStep(key, label, counts[n], {s: stopped[n][s] for s in OUTCOME_ORDER if stopped[n].get(s)})
        for n, (key, label) in enumerate(labels)
    )


def week_starts(now: datetime, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, the current one last."""
    monday = now.date() - timedelta(days=now.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _week_end(monday: date, now: datetime) -> datetime:
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=now.tzinfo)
    return min(end, now)


def _closed_at(app: ApplicationFacts) -> datetime | None:
    if app.status is ApplicationStatus.ACTIVE:
        return None
    # Closed without a recorded moment: it never counted as active.
    return app.closed_at or app.started_at


def is_active_at(app: ApplicationFacts, moment: datetime) -> bool:
    closed = _closed_at(app)
    return app.started_at <= moment and (closed is None or closed > moment)


def active_weekly(apps: Sequence[ApplicationFacts], now: datetime, weeks: int = WEEKS) -> tuple[WeekCount, ...]:
    """How many applications were active at the end of each week (for the current week: now)."""
    return tuple(
        WeekCount(monday, sum(is_active_at(app, _week_end(monday, now)) for app in apps))
        for monday in week_starts(now, weeks)
    )


def followups_weekly(apps: Iterable[ApplicationFacts], now: datetime, weeks: int = WEEKS) -> tuple[WeekCount, ...]:
    """Messages, letters and calls the user sent each week (applications themselves aside)."""
    mondays = week_starts(now, weeks)
    counts = dict.fromkeys(mondays, 0)
    for app in apps:
        for message in app.messages:
            if message.direction is Direction.SENT and message.kind is not TouchpointKind.APPLICATION:
                day = message.at.astimezone(now.tzinfo).date()
                monday = day - timedelta(days=day.weekday())
                if monday in counts:
                    counts[monday] += 1
    return tuple(WeekCount(monday, counts[monday]) for monday in mondays)


def weeks_to_show(apps: Sequence[ApplicationFacts], now: datetime, most: int = WEEKS, least: int = FEWEST_WEEKS) -> int:
    """From the week the search began (at least `least` weeks, at most `most`): no empty months before it."""
    if not apps:
        return least
    first = min(app.started_at for app in apps).astimezone(now.tzinfo).date()
    this_week = now.date() - timedelta(days=now.weekday())
    since = (this_week - (first - timedelta(days=first.weekday()))).days // 7 + 1
    return max(least, min(most, since))


def summarize(apps: Iterable[ApplicationFacts], now: datetime, weeks: int = WEEKS) -> Insights:
    """Every figure at once; the weekly series cover at most `weeks` weeks.

    Applications on the wishlist are not counted: nobody has been asked anything yet.
    """
    past = [_past(app, now) for app in apps if app.started_at <= now and app.status is not ApplicationStatus.WISHLIST]
    weeks = weeks_to_show(past, now, weeks)
    return Insights(
        applications=len(past),
        active=sum(app.status is ApplicationStatus.ACTIVE for app in past),
        interviews_held=sum(len(_ended(app, now)) for app in past),
        offers=funnel(past)[2].count,
        answers=sum(len(set(answers(app))) for app in past),
        heard_back=heard_back(past, now),
        after_interview=heard_back_after_interview(past, now),
        delay_by_stage=delays_by_stage(past, now),
        delay_by_channel=delays_by_channel(past),
        funnel=funnel(past),
        active_weekly=active_weekly(past, now, weeks),
        followups_weekly=followups_weekly(past, now, weeks),
    )
