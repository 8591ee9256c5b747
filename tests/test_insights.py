"""The Insights figures (pure) and the chart geometry drawn from them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from followup.app.insights import started_at
from followup.domain.insights import (
    GRACE,
    ApplicationFacts,
    InterviewFact,
    MessageFact,
    Party,
    Rate,
    active_weekly,
    answers,
    delays_by_channel,
    delays_by_stage,
    followups_weekly,
    funnel,
    heard_back,
    heard_back_after_interview,
    median,
    summarize,
    week_starts,
)
from followup.domain.model import ApplicationStatus, Channel, Direction, Outcome, TouchpointKind
from followup.store.insights import ApplicationRow
from followup.web.views import charts

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=BERLIN)
DAY = timedelta(days=1)


def received(at: datetime, channel: Channel = Channel.EMAIL, outcome: Outcome | None = None) -> MessageFact:
    return MessageFact(at, Direction.RECEIVED, channel, TouchpointKind.REPLY, outcome)


def sent(
    at: datetime, channel: Channel = Channel.EMAIL, kind: TouchpointKind = TouchpointKind.STATUS_CHECK, outcome=None
) -> MessageFact:
    return MessageFact(at, Direction.SENT, channel, kind, outcome)


def interview(starts: datetime, recorded: datetime | None = None) -> InterviewFact:
    return InterviewFact(starts, starts + timedelta(hours=1), recorded)


# -- what counts as an answer -----------------------------------------------------------------------


def test_automatic_replies_are_not_answers_but_calls_that_reached_someone_are():
    start = NOW - 30 * DAY
    app = ApplicationFacts(
        start,
        messages=(
            received(start + DAY, outcome=Outcome.AUTO_REPLY),
            sent(start + 2 * DAY, Channel.PHONE, TouchpointKind.FOLLOW_UP_CALL, Outcome.VOICEMAIL),
            sent(start + 3 * DAY, Channel.PHONE, TouchpointKind.FOLLOW_UP_CALL, Outcome.REACHED),
        ),
    )
    assert answers(app) == [start + 3 * DAY]


def test_an_interview_is_an_invitation_dated_when_recorded_or_at_its_start_at_the_latest():
    start = NOW - 30 * DAY
    invited = interview(start + 10 * DAY, recorded=start + 4 * DAY)
    logged_late = interview(start + 12 * DAY, recorded=start + 13 * DAY)
    assert answers(ApplicationFacts(start, interviews=(invited, logged_late))) == [start + 4 * DAY, start + 12 * DAY]
    # Recorded only after it took place, it still shows they answered: heard back, and the delay counts it.
    late_only = ApplicationFacts(start, interviews=(logged_late,))
    assert heard_back([late_only], NOW) == Rate(hits=1, total=1)
    assert delays_by_stage([late_only], NOW)[0].days == (12.0,)


def test_a_rejection_or_offer_without_a_logged_message_still_answered():
    start = NOW - 30 * DAY
    app = ApplicationFacts(start, ApplicationStatus.REJECTED, closed_at=start + 9 * DAY)
    assert answers(app) == [start + 9 * DAY]
    assert answers(ApplicationFacts(start, ApplicationStatus.WITHDRAWN, closed_at=start + 9 * DAY)) == []


def test_an_imported_offer_rejection_or_interview_heard_back_on_a_day_unknown():
    # A tracker file says where each application stands, not when the employer answered.
    start = NOW - 60 * DAY
    apps = [
        ApplicationFacts(start, ApplicationStatus.OFFER),
        ApplicationFacts(start, ApplicationStatus.OFFER),
        ApplicationFacts(start, ApplicationStatus.REJECTED),
        ApplicationFacts(start, undated_interview=True),
        ApplicationFacts(start, ApplicationStatus.WITHDRAWN),
        ApplicationFacts(start, ApplicationStatus.CLOSED_NO_RESPONSE),
        ApplicationFacts(start),
    ]
    figures = summarize(apps, NOW)
    # Not "0 of 7 heard back" next to two offers: an offer, a rejection, an interview are answers.
    assert figures.heard_back == Rate(hits=4, total=7)
    applied, interviewed, offered = figures.funnel
    assert (applied.count, interviewed.count, offered.count) == (7, 3, 2)
    # How fast they answered is unknown for these: left out of the delays, and counted as left out.
    after_applying = figures.delay_by_stage[0]
    assert (after_applying.days, after_applying.undated) == ((), 4)
    assert figures.answers == 0


def test_the_delay_note_says_the_undated_answers_were_left_out():
    start = NOW - 60 * DAY
    dated = [ApplicationFacts(start, messages=(received(start + n * DAY),)) for n in (2, 4, 6)]
    undated = [ApplicationFacts(start, ApplicationStatus.OFFER), ApplicationFacts(start, ApplicationStatus.REJECTED)]
    figures = summarize([*dated, *undated], NOW)
    assert figures.heard_back == Rate(hits=5, total=5)
    chart = charts.delay_chart("chart-delay-stage", "By stage", figures.delay_by_stage)
    assert chart.table.rows[0] == ("After applying", "4 days", "3")
    assert "After applying: 4 days (from 3 applications with a dated answer)" in chart.desc
    only_undated = charts.delay_chart("c", "By stage", summarize(undated, NOW).delay_by_stage)
    assert "After applying: – (No dated answers yet)" in only_undated.desc


def test_an_interview_with_an_outcome_on_a_day_unknown_heard_back_after_it():
    start = NOW - 60 * DAY
    app = ApplicationFacts(start, ApplicationStatus.REJECTED, interviews=(interview(start + 5 * DAY),))
    assert heard_back_after_interview([app], NOW) == Rate(hits=1, total=1)


# -- rates ------------------------------------------------------------------------------------------


def test_recent_applications_wait_answered_or_not_instead_of_counting():
    answered = ApplicationFacts(NOW - 20 * DAY, messages=(received(NOW - 18 * DAY),))
    silent = ApplicationFacts(NOW - 20 * DAY)
    fresh = ApplicationFacts(NOW - 2 * DAY)
    fresh_answered = ApplicationFacts(NOW - 2 * DAY, messages=(received(NOW - DAY),))
    # An early answer alone would make 100%: the young ones wait until their silence could count too.
    assert heard_back([answered, silent, fresh, fresh_answered], NOW) == Rate(hits=1, total=2, waiting=2)


def test_on_the_first_day_there_is_no_rate_even_with_an_interview_already():
    an_hour_ago = NOW - timedelta(hours=1)
    invited = ApplicationFacts(an_hour_ago, interviews=(interview(NOW + 3 * DAY, recorded=NOW),))
    others = [ApplicationFacts(an_hour_ago), ApplicationFacts(an_hour_ago)]
    figures = summarize([invited, *others], NOW)
    assert figures.heard_back == Rate(hits=0, total=0, waiting=3)
    assert figures.heard_back.value is None  # not 100%
    assert charts.percent(figures.heard_back.value) == "–"


def test_a_call_to_your_own_recruiter_is_not_an_answer_from_the_employer():
    start = NOW - 30 * DAY
    debrief = MessageFact(
        start + DAY,
        Direction.SENT,
        Channel.PHONE,
        TouchpointKind.RECRUITER_DEBRIEF,
        Outcome.REACHED,
        Party.OWN_RECRUITER,
    )
    to_recruiter = MessageFact(
        start + 2 * DAY, Direction.SENT, Channel.PHONE, TouchpointKind.OTHER, Outcome.REACHED, Party.OWN_RECRUITER
    )
    heads_up = MessageFact(
        start + 3 * DAY,
        Direction.SENT,
        Channel.PHONE,
        TouchpointKind.REFERENCE_HEADS_UP,
        Outcome.REACHED,
        Party.REFERENCE,
    )
    reference_reply = MessageFact(start + 4 * DAY, Direction.RECEIVED, Channel.EMAIL, party=Party.REFERENCE)
    app = ApplicationFacts(start, messages=(debrief, to_recruiter, heads_up, reference_reply))
    assert answers(app) == []
    figures = summarize([app], NOW)
    assert figures.heard_back == Rate(hits=0, total=1)
    assert figures.answers == 0
    assert all(not d.days for d in (*figures.delay_by_stage, *figures.delay_by_channel))


def test_news_passed_on_by_your_recruiter_and_a_call_that_reached_the_employer_are_answers():
    start = NOW - 30 * DAY
    relayed = MessageFact(
        start + 5 * DAY,
        Direction.RECEIVED,
        Channel.EMAIL,
        TouchpointKind.REPLY,
        Outcome.NEXT_ROUND,
        Party.OWN_RECRUITER,
    )
    call = sent(start + 9 * DAY, Channel.PHONE, TouchpointKind.FOLLOW_UP_CALL, Outcome.REACHED)
    assert answers(ApplicationFacts(start, messages=(relayed, call))) == [start + 5 * DAY, start + 9 * DAY]


def test_heard_back_and_the_delay_after_applying_count_the_same_applications():
    start = NOW - 30 * DAY
    apps = [
        ApplicationFacts(start, messages=(received(start + 2 * DAY),)),
        ApplicationFacts(start, interviews=(interview(start + 9 * DAY, recorded=start + 4 * DAY),)),
        ApplicationFacts(start, interviews=(interview(start + 10 * DAY, recorded=start + 11 * DAY),)),  # logged late
        ApplicationFacts(start, ApplicationStatus.REJECTED, start + 6 * DAY),
        ApplicationFacts(start),
    ]
    figures = summarize(apps, NOW)
    assert figures.heard_back == Rate(hits=4, total=5)
    assert figures.delay_by_stage[0].count == 4
    assert figures.delay_by_stage[0].days == (2.0, 4.0, 10.0, 6.0)


def test_a_next_round_counts_as_hearing_back_after_an_interview():
    start = NOW - 60 * DAY
    two_rounds = ApplicationFacts(start, interviews=(interview(start + 10 * DAY), interview(start + 20 * DAY)))
    silent = ApplicationFacts(start, interviews=(interview(start + 10 * DAY),))
    just_now = ApplicationFacts(start, interviews=(interview(NOW - 2 * DAY),))
    upcoming = ApplicationFacts(start, interviews=(interview(NOW + 2 * DAY),))
    rate = heard_back_after_interview([two_rounds, silent, just_now, upcoming], NOW)
    assert rate == Rate(hits=1, total=2, waiting=1)
    assert rate.value == 0.5


def test_no_applications_means_no_rate_rather_than_zero():
    assert heard_back([], NOW).value is None


# -- delays -----------------------------------------------------------------------------------------


def test_days_to_an_answer_by_stage():
    start = NOW - 60 * DAY
    first = interview(start + 10 * DAY, recorded=start + 4 * DAY)
    app = ApplicationFacts(
        start,
        interviews=(first,),
        messages=(sent(first.ends_at + 7 * DAY), received(first.ends_at + 9 * DAY)),
    )
    applying, after_interview, chasing = delays_by_stage([app], NOW)
    assert applying.days == (4.0,)
    assert after_interview.days == (9.0,)
    assert chasing.days == (2.0,)
    assert chasing.median == 2.0


def test_an_answer_is_credited_to_the_last_thing_sent_before_it():
    start = NOW - 60 * DAY
    app = ApplicationFacts(
        start,
        messages=(
            sent(start + DAY, Channel.EMAIL),
            sent(start + 3 * DAY, Channel.LETTER),
            received(start + 8 * DAY),
            received(start + 9 * DAY),  # nothing new was sent: credited to nobody
            sent(start + 10 * DAY, Channel.PHONE, TouchpointKind.FOLLOW_UP_CALL, Outcome.REACHED),
        ),
    )
    by_channel = {d.key: d.days for d in delays_by_channel([app])}
    assert by_channel == {"email": (), "letter": (5.0,), "phone": (0.0,)}


# -- funnel and weeks -------------------------------------------------------------------------------


def test_the_funnel_counts_each_application_at_its_furthest_step():
    start = NOW - 60 * DAY
    apps = [
        ApplicationFacts(start, ApplicationStatus.REJECTED, start + DAY),
        ApplicationFacts(start, interviews=(interview(start + 5 * DAY),)),
        ApplicationFacts(start, ApplicationStatus.OFFER, start + 9 * DAY, interviews=(interview(start + 5 * DAY),)),
        # Declined an offer: still got one.
        ApplicationFacts(
            start,
            ApplicationStatus.WITHDRAWN,
            start + 9 * DAY,
            messages=(received(start + 8 * DAY, outcome=Outcome.OFFER),),
        ),
    ]
    applied, interviewed, offered = funnel(apps)
    assert (applied.count, interviewed.count, offered.count) == (4, 3, 2)
    assert applied.stopped == {ApplicationStatus.REJECTED: 1}
    assert interviewed.stopped == {ApplicationStatus.ACTIVE: 1}
    assert offered.stopped == {ApplicationStatus.OFFER: 1, ApplicationStatus.WITHDRAWN: 1}


def test_weeks_start_on_monday_in_the_users_zone_and_end_with_this_one():
    mondays = week_starts(NOW, 3)
    assert mondays == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    # Sunday 23:30 in Berlin is still last week, though it is Sunday 22:30 UTC.
    late_sunday = datetime(2026, 11, 15, 23, 30, tzinfo=BERLIN)
    apps = [ApplicationFacts(NOW - 60 * DAY, messages=(sent(late_sunday.astimezone(UTC)),))]
    assert [w.count for w in followups_weekly(apps, NOW, 3)] == [0, 1, 0]


def test_the_weekly_series_begin_when_the_search_did():
    apps = [ApplicationFacts(NOW - 20 * DAY)]
    assert len(summarize(apps, NOW).active_weekly) == 8  # at least two months, for a readable chart
    apps = [ApplicationFacts(NOW - 100 * DAY)]
    assert len(summarize(apps, NOW).active_weekly) == 16  # since Monday 3 Aug
    apps = [ApplicationFacts(NOW - 900 * DAY)]
    assert len(summarize(apps, NOW).followups_weekly) == 26


def test_the_day_applied_counts_when_it_is_before_the_application_was_added():
    added = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    row = ApplicationRow(1, "active", date(2026, 11, 2), added, None)
    assert started_at(row, BERLIN) == datetime(2026, 11, 2, 12, 0, tzinfo=BERLIN)
    assert started_at(ApplicationRow(1, "active", date(2026, 11, 10), added, None), BERLIN) == added
    assert started_at(ApplicationRow(1, "active", None, added, None), BERLIN) == added


# -- properties -------------------------------------------------------------------------------------

offsets = st.integers(min_value=-200 * 24, max_value=10 * 24).map(lambda hours: NOW + timedelta(hours=hours))
messages = st.builds(
    MessageFact,
    at=offsets,
    direction=st.sampled_from(Direction),
    channel=st.sampled_from(Channel),
    kind=st.sampled_from(TouchpointKind),
    outcome=st.none() | st.sampled_from(Outcome),
    party=st.sampled_from(Party),
)
interviews = st.builds(
    lambda start, minutes, recorded: InterviewFact(start, start + timedelta(minutes=minutes), recorded),
    offsets,
    st.integers(min_value=15, max_value=240),
    st.none() | offsets,
)
applications = st.builds(
    ApplicationFacts,
    started_at=offsets,
    status=st.sampled_from(ApplicationStatus),
    closed_at=st.none() | offsets,
    interviews=st.lists(interviews, max_size=3).map(tuple),
    messages=st.lists(messages, max_size=6).map(tuple),
    undated_interview=st.booleans(),
)
searches = st.lists(applications, max_size=12)


def brute_median(values: list[float]) -> float:
    """By counting, not sorting: the k-th smallest has fewer than k values below it and k or more at or below it."""

    def kth(k: int) -> float:
        return next(x for x in values if sum(v < x for v in values) < k <= sum(v <= x for v in values))

    n = len(values)
    return kth((n + 1) // 2) if n % 2 else (kth(n // 2) + kth(n // 2 + 1)) / 2


@given(st.lists(st.integers(min_value=-1000, max_value=1000).map(float), min_size=1, max_size=25))
def test_the_median_agrees_with_a_brute_force_search(values):
    assert median(values) == brute_median(values)
    assert median(values) == median(list(reversed(values)))


@given(searches)
def test_rates_are_proportions(apps):
    figures = summarize(apps, NOW)
    for rate in (figures.heard_back, figures.after_interview):
        assert 0 <= rate.hits <= rate.total
        assert rate.value is None or 0.0 <= rate.value <= 1.0
    assert figures.heard_back.total + figures.heard_back.waiting == figures.applications


@given(searches)
def test_every_application_that_heard_back_has_a_delay_after_applying(apps):
    old_enough = [app for app in apps if NOW - app.started_at >= GRACE]
    figures = summarize(old_enough, NOW)
    assert figures.heard_back.waiting == 0
    # Those answered on a day nobody recorded (an offer brought in from another tracker) are counted apart.
    assert figures.heard_back.hits == figures.delay_by_stage[0].count + figures.delay_by_stage[0].undated


@given(searches)
def test_the_funnel_never_widens_and_every_application_stops_somewhere(apps):
    steps = summarize(apps, NOW).funnel
    counts = [step.count for step in steps]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == sum(app.started_at <= NOW and app.status is not ApplicationStatus.WISHLIST for app in apps)
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        assert sum(step.stopped.values()) == step.count - (following.count if following else 0)


@given(searches)
def test_delays_are_never_negative_and_medians_lie_within_them(apps):
    figures = summarize(apps, NOW)
    for delay in (*figures.delay_by_stage, *figures.delay_by_channel):
        assert all(d >= 0 for d in delay.days)
        if delay.days:
            assert delay.median is not None
            assert min(delay.days) <= delay.median <= max(delay.days)
        else:
            assert delay.median is None


@given(searches)
def test_weekly_counts_stay_within_the_search(apps):
    figures = summarize(apps, NOW)
    started = [app for app in apps if app.started_at <= NOW and app.status is not ApplicationStatus.WISHLIST]
    assert all(0 <= week.count <= len(started) for week in figures.active_weekly)
    assert figures.active_weekly[-1].count == figures.active
    assert len(figures.active_weekly) == len(figures.followups_weekly)
    first = figures.followups_weekly[0].start
    in_window = sum(
        m.direction is Direction.SENT
        and m.kind is not TouchpointKind.APPLICATION
        and m.at <= NOW
        and m.at.astimezone(BERLIN).date() >= first
        for app in started
        for m in app.messages
    )
    assert sum(week.count for week in figures.followups_weekly) == in_window


@given(searches, messages, interviews)
def test_what_has_not_happened_yet_changes_nothing(apps, message, meeting):
    later = timedelta(days=1, hours=1)
    future_message = MessageFact(NOW + later, message.direction, message.channel, message.kind, message.outcome)
    future_interview = InterviewFact(NOW + later, NOW + 2 * later, NOW + later)
    grown = [
        ApplicationFacts(
            app.started_at,
            app.status,
            app.closed_at,
            (*app.interviews, future_interview),
            (*app.messages, future_message),
            app.undated_interview,
        )
        for app in apps
    ]
    before, after = summarize(apps, NOW), summarize(grown, NOW)
    assert after.heard_back == before.heard_back
    assert after.delay_by_stage == before.delay_by_stage
    assert after.delay_by_channel == before.delay_by_channel
    assert after.followups_weekly == before.followups_weekly


@given(searches)
def test_active_weekly_matches_a_count_at_each_week_end(apps):
    weekly = active_weekly(apps, NOW, 5)
    for week in weekly:
        end = min(datetime.combine(week.start + timedelta(days=7), datetime.min.time(), tzinfo=BERLIN), NOW)
        assert week.count == sum(
            app.started_at <= end
            and (app.status is ApplicationStatus.ACTIVE or (app.closed_at or app.started_at) > end)
            for app in apps
        )


# -- chart geometry ---------------------------------------------------------------------------------


def test_words_for_numbers():
    assert charts.percent(0.456) == "46%"
    assert charts.percent(None) == "–"
    assert charts.days(0.3) == "under a day"
    assert charts.days(1.0) == "1 day"
    assert charts.days(6.5) == "6.5 days"
    assert charts.days(7.0) == "7 days"


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_the_axis_top_is_round_and_covers_the_data(value):
    top, step = charts.nice_top(value)
    assert top >= value
    assert step >= 1
    assert top / step == int(top / step)
    assert top / step <= 5 or value <= 1


@given(searches)
def test_charts_stay_inside_their_boxes(apps):
    figures = summarize(apps, NOW)
    funnel_chart = charts.funnel_chart(figures.funnel)
    widths = [step.width for step in funnel_chart.steps]
    assert widths == sorted(widths, reverse=True)
    assert all(step.x >= 0 and step.x + step.width <= 100.0001 for step in funnel_chart.steps)
    for bars in (
        charts.response_chart(figures.heard_back, figures.after_interview),
        charts.delay_chart("x", "x", figures.delay_by_stage),
    ):
        assert all(0 <= row.width <= 100 for row in bars.rows)
    for weekly in (charts.active_chart(figures.active_weekly), charts.followups_chart(figures.followups_weekly)):
        assert all(weekly.top - 0.01 <= tick.y <= weekly.bottom for tick in weekly.ticks)
        assert all(c.x >= 0 and c.x + c.width <= 100.0001 and c.y >= weekly.top - 0.01 for c in weekly.columns)
        assert all(weekly.top - 0.01 <= p.y <= weekly.bottom for p in weekly.points)
        assert len(weekly.table.rows) == len(figures.active_weekly)
