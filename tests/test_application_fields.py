"""What trackers keep about an application (location, salary, excitement, tags, description) and
the wishlist before Applied: held to the same rules from every door, searchable, and never followed up."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from followup.app import applications, lookups
from followup.app.applications import ApplicationChanges, NewApplication, NewInterview, NewTouchpoint
from followup.app.context import Env
from followup.domain.fields import DESCRIPTION_LENGTH
from followup.domain.model import ApplicationStatus, Channel, Direction, Outcome
from followup.errors import InvalidInput

DESCRIPTION = "We build payment rails.\r\nYou will:\r\n\t- own the ledger\r\n- mentor two juniors\n"


def _add(env: Env, **values) -> int:
    app = applications.add_application(env, NewApplication(company="ACME Corp", role="Data Analyst", **values))
    return app.id


def _pending(env: Env, app_id: int) -> int:
    row = env.conn.execute("SELECT count(*) FROM pending_action WHERE application_id = ?", (app_id,)).fetchone()
    count: int = row[0]
    return count


def test_the_tracker_fields_are_kept_as_the_user_means_them(env: Env):
    app_id = _add(
        env,
        location="  Berlin (hybrid) ",
        salary="€55–65k",
        excitement="4",  # as a form sends it
        tags=" remote, #FinTech,, fintech , Python ",
        description=DESCRIPTION,
    )
    app = lookups.application(env, app_id)
    assert (app.location, app.salary, app.excitement) == ("Berlin (hybrid)", "€55–65k", 4)
    assert app.tags == ("remote", "FinTech", "Python")
    assert app.description == "We build payment rails.\nYou will:\n\t- own the ledger\n- mentor two juniors"


def test_an_edit_changes_or_clears_each_field(env: Env):
    app_id = _add(env, location="Paris", excitement=2, tags=["a", "b"], description="Long text")
    edited = applications.edit_application(env, app_id, ApplicationChanges(excitement=5, tags=["c"]))
    assert (edited.location, edited.excitement, edited.tags, edited.description) == ("Paris", 5, ("c",), "Long text")
    cleared = applications.edit_application(
        env, app_id, ApplicationChanges(location="", excitement=None, tags=(), description="  ")
    )
    assert (cleared.location, cleared.excitement, cleared.tags, cleared.description) == (None, None, (), None)
    stored = env.conn.execute("SELECT location, tags, description FROM application WHERE id = ?", (app_id,)).fetchone()
    assert stored == (None, None, None), "nothing left behind as empty text"


@pytest.mark.parametrize(
    ("values", "where", "words"),
    [
        ({"excitement": 0}, "excitement", "from 1 to 5"),
        ({"excitement": 6}, "excitement", "from 1 to 5"),
        ({"excitement": "lots"}, "excitement", "from 1 to 5"),
        ({"location": "Berlin\r\nBcc: x@evil.example"}, "location", "line break"),
        ({"salary": "x" * 201}, "salary", "longer than 200"),
        ({"tags": ["a" * 41]}, "tags", "longer than 40"),
        ({"tags": [f"t{n}" for n in range(21)]}, "tags", "at most 20"),
        ({"description": "x" * (DESCRIPTION_LENGTH + 1)}, "description", "longer than 50,000"),
    ],
)
def test_values_outside_the_rules_are_refused_by_the_command(env: Env, values, where, words):
    for make in (
        lambda: NewApplication(company="ACME", role="Analyst", **values),
        lambda: ApplicationChanges(**values),
    ):
        with pytest.raises(InvalidInput, match=words) as info:
            make()
        assert info.value.where == where


def test_search_finds_the_location_tags_and_description_but_names_stay_names(env: Env):
    berlin = _add(env, location="München", tags=["remote"], description="Kotlin and Postgres")
    other = applications.add_application(env, NewApplication(company="Globex", role="Engineer")).id
    for words in ("munchen", "REMOTE", "postgres", "acme"):
        assert [a.id for a in lookups.list_applications(env, search=words)] == [berlin], words
    assert [a.id for a in lookups.list_applications(env, search="engineer")] == [other]
    # An application is found by its name: "kotlin" in a description names nothing.
    with pytest.raises(Exception, match="no application matches"):
        applications.resolve_application(env, "kotlin")


# -- the wishlist ---------------------------------------------------------------------------


def test_a_wishlist_application_is_open_undated_and_never_followed_up(env: Env, clock):
    app_id = _add(env, status=ApplicationStatus.WISHLIST)
    app = lookups.application(env, app_id)
    assert (app.status, app.applied_on, app.closed_at) == (ApplicationStatus.WISHLIST, None, None)
    assert not app.status.is_open
    clock.advance(days=30)
    applications.edit_application(env, app_id, ApplicationChanges(notes="Still want it"))
    assert _pending(env, app_id) == 0


def test_applying_dates_it_today_and_starts_the_follow_ups(env: Env, clock):
    app_id = _add(env, status=ApplicationStatus.WISHLIST)
    clock.advance(days=3)
    applied = applications.edit_application(env, app_id, ApplicationChanges(status=ApplicationStatus.ACTIVE))
    assert (applied.applied_on, applied.closed_at) == (clock.now.date(), None)
    assert _pending(env, app_id) > 0, "the application check is now planned"
    # A day the user gives wins.
    other = _add(env, status=ApplicationStatus.WISHLIST)
    given = applications.edit_application(
        env, other, ApplicationChanges(status=ApplicationStatus.ACTIVE, applied_on=date(2026, 11, 12))
    )
    assert given.applied_on == date(2026, 11, 12)


def test_back_to_the_wishlist_while_nothing_happened_and_never_after(env: Env):
    app_id = _add(env, applied_on=date(2026, 11, 16))
    back = applications.edit_application(env, app_id, ApplicationChanges(status=ApplicationStatus.WISHLIST))
    assert (back.status, back.applied_on, back.closed_at) == (ApplicationStatus.WISHLIST, None, None)
    assert _pending(env, app_id) == 0
    applications.edit_application(env, app_id, ApplicationChanges(status=ApplicationStatus.ACTIVE))
    applications.log_touchpoint(env, app_id, NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL))
    with pytest.raises(InvalidInput, match="cannot go back to the wishlist: messages or calls are logged"):
        applications.edit_application(env, app_id, ApplicationChanges(status=ApplicationStatus.WISHLIST))
    assert lookups.application(env, app_id).status is ApplicationStatus.ACTIVE


def test_an_interview_or_a_reply_on_a_wishlist_application_puts_it_under_way(env: Env, clock):
    interviewed = _add(env, status=ApplicationStatus.WISHLIST)
    when = clock.now + timedelta(days=2)
    applications.add_interview(env, interviewed, NewInterview(starts_at=when))
    app = lookups.application(env, interviewed)
    assert (app.status, app.applied_on) == (ApplicationStatus.ACTIVE, clock.now.date())
    assert _pending(env, interviewed) > 0

    turned_down = _add(env, status=ApplicationStatus.WISHLIST)
    yesterday = clock.now - timedelta(days=1)
    logged = applications.log_touchpoint(
        env,
        turned_down,
        NewTouchpoint(
            direction=Direction.RECEIVED, channel=Channel.EMAIL, outcome=Outcome.REJECTION, occurred_at=yesterday
        ),
    )
    app = lookups.application(env, turned_down)
    assert (app.status, app.applied_on) == (ApplicationStatus.REJECTED, yesterday.date())
    assert logged.consequences == ["The application is now marked rejected."]


def test_a_wishlist_application_closed_unapplied_gets_a_closing_time(env: Env):
    app_id = _add(env, status=ApplicationStatus.WISHLIST)
    closed = applications.edit_application(env, app_id, ApplicationChanges(status=ApplicationStatus.WITHDRAWN))
    assert closed.closed_at is not None
    assert closed.applied_on is None
    assert isinstance(closed.closed_at, datetime)
