"""The board's stages: derived from the facts and `now` alone, one per application, and moves that keep their word."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.model import (
    Application,
    ApplicationStatus,
    Channel,
    Direction,
    Interview,
    Outcome,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.stages import CLOSED_STATUSES, STAGES, MoveKind, Stage, place, plan_move

PROPERTY = settings(deadline=None, max_examples=150, database=None)
ZONES = [ZoneInfo(name) for name in ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")]
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
HOUR = 60


def moment(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


offsets = st.integers(min_value=-40 * 24 * HOUR, max_value=40 * 24 * HOUR)
statuses = st.sampled_from(list(ApplicationStatus))


@st.composite
def applications(draw: st.DrawFn, status: st.SearchStrategy[ApplicationStatus] = statuses) -> Application:
    return Application(
        id=draw(st.integers(1, 10_000)),
        company=draw(st.text(min_size=1, max_size=20)),
        role=draw(st.text(min_size=1, max_size=20)),
        created_at=moment(draw(offsets)),
        status=draw(status),
        notes=draw(st.none() | st.text(max_size=20)),
    )


@st.composite
def interviews(draw: st.DrawFn) -> list[Interview]:
    zone = draw(st.sampled_from(ZONES))
    starts = draw(st.lists(offsets, max_size=4))
    return [
        Interview(id=n + 1, application_id=1, starts_at=moment(m).astimezone(zone), timezone=zone.key, round=n + 1)
        for n, m in enumerate(starts)
    ]


@st.composite
def touchpoints(draw: st.DrawFn) -> list[Touchpoint]:
    found = []
    for n in range(draw(st.integers(0, 4))):
        found.append(
            Touchpoint(
                id=n + 1,
                application_id=1,
                direction=draw(st.sampled_from(list(Direction))),
                channel=draw(st.sampled_from(list(Channel))),
                occurred_at=moment(draw(offsets)),
                kind=draw(st.sampled_from(list(TouchpointKind))),
                outcome=draw(st.none() | st.sampled_from(list(Outcome))),
                notes=draw(st.none() | st.text(max_size=10)),
            )
        )
    return found


nows = st.builds(lambda m, zone: moment(m).astimezone(zone), offsets, st.sampled_from(ZONES))


@PROPERTY
@given(applications(), interviews(), touchpoints(), nows)
def test_every_application_has_exactly_one_stage(app, its_interviews, its_touchpoints, now) -> None:
    placed = place(app, its_interviews, its_touchpoints, now)
    assert [stage for stage in STAGES if stage is placed.stage] == [placed.stage]
    assert placed.why  # always a sentence saying why


@PROPERTY
@given(applications(st.sampled_from(sorted(CLOSED_STATUSES))), interviews(), touchpoints(), nows)
def test_closed_statuses_are_always_closed(app, its_interviews, its_touchpoints, now) -> None:
    assert place(app, its_interviews, its_touchpoints, now).stage is Stage.CLOSED


@PROPERTY
@given(applications(st.just(ApplicationStatus.OFFER)), interviews(), touchpoints(), nows)
def test_an_offer_is_an_offer_whatever_else_happened(app, its_interviews, its_touchpoints, now) -> None:
    assert place(app, its_interviews, its_touchpoints, now).stage is Stage.OFFER


@PROPERTY
@given(applications(), applications(), interviews(), touchpoints(), nows, st.randoms(use_true_random=False))
def test_stage_depends_only_on_the_facts_and_now(app, other, its_interviews, its_touchpoints, now, rnd) -> None:
    placed = place(app, its_interviews, its_touchpoints, now)
    # Another application with the same status: names, ids, notes and dates of creation do not matter.
    twin = replace(other, status=app.status)
    shuffled_interviews = rnd.sample(its_interviews, len(its_interviews))
    shuffled_touchpoints = rnd.sample(its_touchpoints, len(its_touchpoints))
    renotes = [replace(t, id=t.id + 100, notes="changed", subject="other") for t in shuffled_touchpoints]
    assert place(twin, shuffled_interviews, renotes, now) == placed
    # The same facts, asked again (as tuples this time): the same answer.
    assert place(app, tuple(its_interviews), tuple(its_touchpoints), now) == placed


@PROPERTY
@given(applications(st.just(ApplicationStatus.ACTIVE)), interviews(), nows, st.integers(1, 60 * 24 * HOUR))
def test_without_new_facts_time_only_moves_a_card_forward(app, its_interviews, now, later) -> None:
    before = place(app, its_interviews, [], now).stage
    after = place(app, its_interviews, [], now + timedelta(minutes=later)).stage
    assert STAGES.index(after) >= STAGES.index(before)
    if its_interviews:
        assert after in (Stage.INTERVIEWING, Stage.WAITING)
    else:
        assert before is after is Stage.APPLIED


@PROPERTY
@given(
    applications(),
    interviews(),
    touchpoints(),
    nows,
    st.sampled_from(STAGES),
    st.none() | st.sampled_from(sorted(CLOSED_STATUSES)),
)
def test_a_move_lands_where_it_says_or_changes_nothing(
    app, its_interviews, its_touchpoints, now, target, reason
) -> None:
    here = place(app, its_interviews, its_touchpoints, now).stage
    planned = plan_move(app, its_interviews, its_touchpoints, now, target, reason)
    assert planned.message
    if planned.kind is MoveKind.SET_STATUS:
        assert planned.status is not None
        moved = replace(app, status=planned.status)
        assert place(moved, its_interviews, its_touchpoints, now).stage is target
    elif planned.kind in (MoveKind.STAY, MoveKind.REFUSE, MoveKind.ASK_REASON):
        assert planned.status is None
    if target is here and (target is not Stage.CLOSED or reason in (None, app.status)):
        assert planned.kind is MoveKind.STAY
    if target is Stage.OFFER and here is not Stage.OFFER:
        assert (planned.kind, planned.status) == (MoveKind.SET_STATUS, ApplicationStatus.OFFER)
    if target is Stage.CLOSED and here is not Stage.CLOSED:
        assert planned.kind is (MoveKind.ASK_REASON if reason is None else MoveKind.SET_STATUS)


def test_an_interview_later_today_or_ahead_is_interviewing_and_one_past_is_waiting() -> None:
    app = Application(id=1, company="ACME", role="Analyst", created_at=NOW - timedelta(days=9))
    tomorrow = Interview(id=1, application_id=1, starts_at=NOW + timedelta(days=1), timezone="Europe/Berlin")
    this_morning = replace(tomorrow, starts_at=NOW - timedelta(hours=2))
    last_week = replace(tomorrow, starts_at=NOW - timedelta(days=7))
    assert place(app, [], [], NOW).stage is Stage.APPLIED
    assert place(app, [tomorrow], [], NOW).why == "Interview on Tue 17 Nov at 10:00."
    assert place(app, [this_morning], [], NOW).stage is Stage.INTERVIEWING
    waiting = place(app, [last_week], [], NOW)
    assert (waiting.stage, waiting.why) == (Stage.WAITING, "Interviewed on Mon 9 Nov; waiting for their answer.")


def test_an_invitation_to_a_round_not_yet_added_counts_as_interviewing() -> None:
    app = Application(id=1, company="ACME", role="Analyst", created_at=NOW - timedelta(days=9))
    past = Interview(id=1, application_id=1, starts_at=NOW - timedelta(days=7), timezone="Europe/Berlin")
    invite = Touchpoint(
        id=1,
        application_id=1,
        direction=Direction.RECEIVED,
        channel=Channel.EMAIL,
        occurred_at=NOW - timedelta(days=1),
        outcome=Outcome.NEXT_ROUND,
    )
    placed = place(app, [past], [invite], NOW)
    assert placed.stage is Stage.INTERVIEWING
    assert placed.invited
    # An invitation before the last interview was that interview's.
    assert place(app, [past], [replace(invite, occurred_at=NOW - timedelta(days=8))], NOW).stage is Stage.WAITING


def test_an_import_at_an_interview_stage_without_a_day_is_interviewing_until_the_interview_is_added() -> None:
    app = Application(
        id=1, company="Orbit", role="Design Lead", created_at=NOW - timedelta(days=60), undated_interview="Interviewing"
    )
    placed = place(app, [], [], NOW)
    assert (placed.stage, placed.invited) == (Stage.INTERVIEWING, True)
    assert placed.why.startswith("“Interviewing” in the tracker you imported it from, with no date")
    # Moving it to Interviewing asks for the interview, as for an invitation; once added, its day decides.
    assert plan_move(app, [], [], NOW, Stage.INTERVIEWING).kind is MoveKind.STAY
    held = Interview(id=1, application_id=1, starts_at=NOW - timedelta(days=3), timezone="Europe/Berlin")
    assert place(app, [held], [], NOW).stage is Stage.WAITING


def test_refusals_say_why_and_what_to_do() -> None:
    app = Application(id=1, company="ACME", role="Analyst", created_at=NOW - timedelta(days=9))
    refused = plan_move(app, [], [], NOW, Stage.WAITING)
    assert refused.kind is MoveKind.REFUSE
    assert "no interview is recorded" in refused.message
    assert "Add the interview" in refused.message
    past = Interview(id=1, application_id=1, starts_at=NOW - timedelta(days=7), timezone="Europe/Berlin")
    back = plan_move(app, [past], [], NOW, Stage.APPLIED)
    assert back.kind is MoveKind.REFUSE
    assert "Mon 9 Nov" in back.message
    reopened = plan_move(replace(app, status=ApplicationStatus.REJECTED), [past], [], NOW, Stage.APPLIED)
    assert reopened.kind is MoveKind.REFUSE
    assert "would be in Waiting" in reopened.message
    assert plan_move(app, [], [], NOW, Stage.INTERVIEWING).kind is MoveKind.ADD_INTERVIEW


@PROPERTY
@given(nows)
def test_the_now_passed_in_is_the_only_clock(now) -> None:
    app = Application(id=1, company="ACME", role="Analyst", created_at=datetime(2020, 1, 1, tzinfo=UTC))
    interview = Interview(id=1, application_id=1, starts_at=NOW, timezone="Europe/Berlin")
    expected = Stage.INTERVIEWING if NOW.astimezone(now.tzinfo).date() >= now.date() else Stage.WAITING
    assert place(app, [interview], [], now).stage is expected


# -- the wishlist ---------------------------------------------------------------------------


def _wish(**changes) -> Application:
    app = Application(
        id=1, company="ACME", role="Analyst", created_at=NOW - timedelta(days=2), status=ApplicationStatus.WISHLIST
    )
    return replace(app, **changes)


def test_a_wishlist_application_sits_before_applied_whatever_the_clock() -> None:
    assert STAGES.index(Stage.WISHLIST) < STAGES.index(Stage.APPLIED)
    placed = place(_wish(), [], [], NOW)
    assert (placed.stage, placed.stage.label) == (Stage.WISHLIST, "Wishlist")
    assert "no follow-ups" in placed.why
    assert place(_wish(), [], [], NOW + timedelta(days=90)).stage is Stage.WISHLIST


def test_moving_from_the_wishlist_to_applied_says_it_is_dated_today() -> None:
    moved = plan_move(_wish(), [], [], NOW, Stage.APPLIED)
    assert (moved.kind, moved.status) == (MoveKind.SET_STATUS, ApplicationStatus.ACTIVE)
    assert moved.message == "ACME moved to Applied, dated today (Mon 16 Nov)."
    known = plan_move(_wish(applied_on=NOW.date()), [], [], NOW, Stage.APPLIED)
    assert known.message == "ACME moved to Applied."
    to_interview = plan_move(_wish(), [], [], NOW, Stage.INTERVIEWING)
    assert (to_interview.kind, to_interview.status) == (MoveKind.ADD_INTERVIEW, ApplicationStatus.ACTIVE)
    waiting = plan_move(_wish(), [], [], NOW, Stage.WAITING)
    assert waiting.kind is MoveKind.REFUSE
    assert "Move it to Applied once you have applied" in waiting.message


def test_back_to_the_wishlist_only_while_nothing_happened() -> None:
    applied = _wish(status=ApplicationStatus.ACTIVE)
    back = plan_move(applied, [], [], NOW, Stage.WISHLIST)
    assert (back.kind, back.status) == (MoveKind.SET_STATUS, ApplicationStatus.WISHLIST)
    assert back.message == "ACME is back on your wishlist: no follow-ups until you apply."
    past = Interview(id=1, application_id=1, starts_at=NOW - timedelta(days=7), timezone="Europe/Berlin")
    refused = plan_move(applied, [past], [], NOW, Stage.WISHLIST)
    assert refused.kind is MoveKind.REFUSE
    assert "an interview is recorded" in refused.message
    sent = Touchpoint(
        id=1, application_id=1, direction=Direction.SENT, channel=Channel.EMAIL, occurred_at=NOW - timedelta(days=1)
    )
    refused = plan_move(applied, [], [sent], NOW, Stage.WISHLIST)
    assert refused.kind is MoveKind.REFUSE
    assert "messages or calls are logged" in refused.message
    # A closed application nobody answered can go back to the wishlist, to try again later.
    closed = plan_move(replace(applied, status=ApplicationStatus.WITHDRAWN), [], [], NOW, Stage.WISHLIST)
    assert closed.status is ApplicationStatus.WISHLIST


@PROPERTY
@given(applications(), interviews(), touchpoints(), nows)
def test_nothing_that_happened_is_ever_hidden_on_the_wishlist(app, its_interviews, its_touchpoints, now) -> None:
    planned = plan_move(app, its_interviews, its_touchpoints, now, Stage.WISHLIST)
    if planned.kind is MoveKind.SET_STATUS:
        assert its_interviews == []
        assert its_touchpoints == []
