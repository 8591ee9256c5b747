"""The command line's paged agenda reads in full only the actions it shows, and shows exactly
what the whole agenda's first actions of each status are, the keep-searching nudge in its place."""

from __future__ import annotations

from datetime import datetime

from followup.app import agenda as agenda_module
from followup.app.agenda import STATUSES, agenda, by_status, item_from_row
from followup.app.context import bootstrap

# Applications spread over three weeks, a few with interviews: overdue, due and coming-up
# actions at many times, and a nudge (nothing added for over a week) among them.
APPLIED = [f"2026-11-{day:02d}" for day in (2, 3, 3, 4, 5, 6, 9, 10, 10, 11, 12, 13)]
MOMENTS = [
    "2026-11-16T10:00:00+01:00",
    "2026-11-20T09:00:00+01:00",  # due times on the hour: the same instant as now counts as due
    "2026-11-20T09:00:00.5+01:00",  # half a second later: a deadline of 09:00 has passed
    "2026-11-23T17:45:00+01:00",
    "2026-11-27T08:59:59+01:00",
    "2026-12-02T12:00:00+01:00",
]


def _seeker(run) -> None:
    for n, applied in enumerate(APPLIED):
        run.ok("app", "add", f"Company {n}", "Analyst", "--applied", applied, now="2026-11-13T18:00:00+01:00")
    for app_id, day in ((1, 17), (4, 18), (7, 19)):
        run.ok("interview", "add", str(app_id), "--at", f"2026-11-{day} 14:00", now="2026-11-13T18:00:00+01:00")


def test_each_page_is_the_whole_agendas_first_actions_of_each_status(run, paths, clock):
    _seeker(run)
    nudge_on_a_page = False
    env = bootstrap(paths["db"], paths["config"], clock=clock)
    try:
        for moment in MOMENTS:
            clock.set(moment)
            for days in (0, 3, 14):
                everything = agenda(env, days)
                for first in (1, 2, 3, 5, 25):
                    page = by_status(env, days, first=first)
                    for status in STATUSES:
                        whole = [item for item in everything if item.status == status]
                        assert page.items[status] == whole[:first], (moment, days, first, status)
                        assert page.totals[status] == len(whole)
                        shown = page.items[status]
                        nudge_on_a_page |= any(item.kind == "keep_searching" for item in shown[1:])
                assert by_status(env, days, first=None) == by_status(env, days, first=len(everything) + 1)
    finally:
        env.close()
    # The nudge was placed among other actions on some page, not only first or alone.
    assert nudge_on_a_page


def test_the_page_reads_in_full_only_the_actions_it_shows(run, paths, monkeypatch):
    _seeker(run)
    now = datetime.fromisoformat("2026-11-23T17:45:00+01:00")
    env = bootstrap(paths["db"], paths["config"], clock=lambda: now)
    try:
        whole = len(agenda(env, 14))
        made: list[str] = []

        def counted(*args, **kwargs):
            item = item_from_row(*args, **kwargs)
            made.append(item.id)
            return item

        monkeypatch.setattr(agenda_module, "item_from_row", counted)
        page = by_status(env, 14, first=2)
        assert whole > 6
        assert sum(page.totals.values()) == whole
        assert len(made) <= 6
    finally:
        env.close()
