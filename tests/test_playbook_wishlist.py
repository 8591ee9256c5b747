"""A wishlist entry is a job not applied to yet: nothing is planned for it, and the keep-searching
nudge counts neither it as active nor saving it as adding an application."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hypothesis import given

from followup.app import agenda
from followup.app.applications import ApplicationChanges, NewApplication, add_application, edit_application
from followup.domain.model import ActionKind, ApplicationState, ApplicationStatus
from followup.domain.pipeline import added_at
from playbook_fixtures import BERLIN, application, interview, plan_of, received, state
from test_playbook_properties import PROPERTY, application_states, calendars, plan_for

WISHLIST = application(status=ApplicationStatus.WISHLIST, created="2026-03-01 09:00")


def test_nothing_is_planned_for_a_wishlist_entry_however_long_it_waits() -> None:
    assert plan_of(state(app=WISHLIST)) == []


@PROPERTY
@given(application_states(), calendars)
def test_a_wishlist_entry_gets_no_action_whatever_its_facts(facts: ApplicationState, where: str) -> None:
    on_wishlist = replace(facts, application=replace(facts.application, status=ApplicationStatus.WISHLIST))
    assert plan_for(on_wishlist, where) == []


def test_the_same_facts_once_applied_are_followed_up() -> None:
    applied = replace(WISHLIST, status=ApplicationStatus.ACTIVE)
    assert [a.kind for a in plan_of(state(app=applied))] == [ActionKind.APPLICATION_CHECK]
    assert (
        plan_of(state(app=WISHLIST, interviews=[interview()], touchpoints=[received("2026-06-02 10:00", None)])) == []
    )


def test_an_application_moved_off_the_wishlist_counts_as_added_on_the_day_it_was_applied() -> None:
    saved = datetime.fromisoformat("2026-11-02T10:00:00+01:00")
    assert added_at(saved, None, BERLIN) == saved
    assert added_at(saved, saved.date().replace(day=16), BERLIN) == datetime(2026, 11, 16, tzinfo=BERLIN)
    # A day of application before the day it was entered does not move "added" back.
    assert added_at(saved, saved.date().replace(day=1), BERLIN) == saved
    assert added_at(None, None, BERLIN) is None


def _wish(env, company: str) -> int:
    return add_application(env, NewApplication(company=company, role="Analyst", status=ApplicationStatus.WISHLIST)).id


def test_wishlist_entries_are_not_active_applications(env, clock) -> None:
    for company in ("ACME", "Globex", "Initech"):
        _wish(env, company)
    nudge = agenda.keep_searching(env)
    assert nudge is not None
    assert nudge.reason.startswith("No application is active")
    assert nudge.due <= clock.now
    assert [i for i in agenda.agenda(env, 30) if i.kind != "keep_searching"] == []


def test_saving_a_job_to_the_wishlist_is_not_adding_an_application(env, clock) -> None:
    for company in ("ACME", "Globex", "Initech"):
        add_application(env, NewApplication(company=company, role="Analyst"))
    clock.advance(days=5)
    _wish(env, "Umbrella")
    clock.advance(days=3)
    # A week since the last application was added: saving a job two days before does not count.
    nudge = agenda.keep_searching(env)
    assert nudge is not None
    assert nudge.reason.startswith("You have not added an application in 7 days")
    assert nudge.due.isoformat() == "2026-11-23T10:00:00+01:00"


def test_applying_to_a_wishlist_entry_counts_as_adding_and_starts_its_follow_up(env, clock) -> None:
    wish = _wish(env, "ACME")
    clock.advance(days=14)  # Monday 30 November
    edit_application(env, wish, ApplicationChanges(status=ApplicationStatus.ACTIVE))
    for company in ("Globex", "Initech"):
        add_application(env, NewApplication(company=company, role="Analyst", applied_on=clock.now.date()))
    # Three active applications, all added today: the idle nudge is a week away, from today.
    nudge = agenda.keep_searching(env)
    assert nudge is not None
    assert nudge.due.date().isoformat() == "2026-12-07"
    checks = [i for i in agenda.agenda(env, 30) if i.kind == "application_check" and i.application_id == wish]
    # The 7th business day after the day it was applied (30 Nov), not after the day it was saved.
    assert [i.due.isoformat() for i in checks] == ["2026-12-09T09:00:00+01:00"]
