"""Saving the interview capture form: who was there, what was said, who else to know, all at once.

The form says more than `applications.Capture` holds: it can take a person off the
interview, and it gives new people a job title. Those join the same transaction as
the capture itself, so a failed save keeps nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import Interview
from followup.store import records
from followup.store.db import transaction


def save_capture(
    env: Env,
    interview_id: int,
    capture: applications.Capture,
    *,
    present: Collection[int],
    titles: Mapping[str, str],
) -> Interview:
    """Store the capture in one transaction; `present` are the people still on the interview,
    `titles` the job titles of new people by name."""
    interview = records.get_interview(env.store, interview_id)
    with transaction(env.conn):
        if sorted(present) != sorted(interview.participant_ids):
            changes = applications.InterviewChanges(participants=list(present))
            applications.edit_interview(env, interview_id, changes)
        updated = applications.capture_interview(env, interview_id, capture)
        titled = {name.casefold(): title for name, title in titles.items() if title}
        for contact_id in updated.participant_ids:
            person = records.get_contact(env.store, contact_id)
            title = titled.get(person.name.casefold())
            if title and person.title != title:
                applications.edit_contact(env, contact_id, applications.ContactChanges(title=title))
    return records.get_interview(env.store, interview_id)
