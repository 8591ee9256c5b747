"""A coach sees the pipeline and agenda of the seekers who added them, and leaves notes; nothing more."""

from __future__ import annotations

from datetime import timedelta

import pytest

from followup.app import accounts, coaching
from followup.app.applications import NewApplication, NewInterview, add_application, add_interview
from followup.app.context import Env, env_for
from followup.domain.accounts import Account
from followup.errors import InvalidInput, NotAllowed, NotFound

PASSWORD = "a long enough passphrase"


def join(env: Env, email: str, name: str, role: str) -> Account:
    invitation = accounts.invite(env, None, email, role)
    return accounts.accept_invitation(env, invitation.token, name, PASSWORD)


@pytest.fixture
def people(env: Env) -> tuple[Account, Account, Account, Account]:
    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada", password=PASSWORD)
    ann = join(env, "ann@uni.example", "Ann Lee", "seeker")
    bob = join(env, "bob@uni.example", "Bob Roe", "seeker")
    coach = join(env, "coach@uni.example", "Cora Coach", "coach")
    other = join(env, "other@uni.example", "Otto Other", "coach")
    accounts.add_coach(env_for(env, ann.owner_id), ann, "coach@uni.example")
    as_ann = env_for(env, ann.owner_id)
    anvil = add_application(as_ann, NewApplication(company="Anvil AG", role="Smith", notes="salary: secret"))
    add_interview(as_ann, anvil.id, NewInterview(starts_at=as_ann.now() - timedelta(days=1)))
    add_application(env_for(env, bob.owner_id), NewApplication(company="Boatyard Ltd", role="Rigger"))
    return ann, bob, coach, other


def test_a_coach_sees_the_seekers_who_added_them_and_what_is_due(env: Env, people: tuple[Account, ...]) -> None:
    ann, _, coach, other = people
    as_coach = env_for(env, coach.owner_id)
    summaries = coaching.seekers(as_coach, coach)
    assert [(s.account.email, s.active) for s in summaries] == [("ann@uni.example", 1)]
    assert summaries[0].overdue == 0
    assert coaching.seekers(env_for(env, other.owner_id), other) == []

    view = coaching.seeker_view(as_coach, coach, ann.owner_id)
    assert [(row.company, row.role, row.stage) for row in view.pipeline] == [("Anvil AG", "Smith", "Waiting")]
    assert view.pipeline[0].next_follow_up is not None
    assert any(item.title.startswith("Thank-you") for item in view.agenda)
    # Nothing of the seeker's own words: the view has no field for notes, mail or drafts.
    assert "secret" not in repr(view)


def test_a_seeker_who_did_not_add_the_coach_does_not_exist_for_them(env: Env, people: tuple[Account, ...]) -> None:
    ann, bob, coach, other = people
    with pytest.raises(NotFound):
        coaching.seeker_view(env_for(env, coach.owner_id), coach, bob.owner_id)
    with pytest.raises(NotFound):
        coaching.seeker_view(env_for(env, other.owner_id), other, ann.owner_id)
    with pytest.raises(NotFound):
        coaching.leave_note(env_for(env, other.owner_id), other, ann.owner_id, "Hello")
    # Only coaches have seekers to look after.
    with pytest.raises(NotAllowed):
        coaching.seeker_view(env_for(env, bob.owner_id), bob, ann.owner_id)


def test_a_coachs_note_reaches_the_seeker_and_no_one_else(env: Env, people: tuple[Account, ...]) -> None:
    ann, bob, coach, _ = people
    as_coach = env_for(env, coach.owner_id)
    anvil = coaching.seeker_view(as_coach, coach, ann.owner_id).pipeline[0].application_id
    coaching.leave_note(as_coach, coach, ann.owner_id, "  Chase Anvil on Friday.  ", anvil)
    coaching.leave_note(as_coach, coach, ann.owner_id, "Two applications a week, please.")

    mine = coaching.notes_for_me(env_for(env, ann.owner_id))
    assert [(n.body, n.company, n.coach_name) for n in mine] == [
        ("Two applications a week, please.", None, "Cora Coach"),
        ("Chase Anvil on Friday.", "Anvil AG", "Cora Coach"),
    ]
    assert [n.body for n in coaching.notes_for_me(env_for(env, ann.owner_id), anvil)] == ["Chase Anvil on Friday."]
    assert coaching.notes_for_me(env_for(env, bob.owner_id)) == []
    assert [n.body for n in coaching.seeker_view(as_coach, coach, ann.owner_id).notes] == [n.body for n in mine]


def test_a_note_on_someone_elses_application_or_an_empty_note_is_refused(env: Env, people: tuple[Account, ...]) -> None:
    ann, bob, coach, _ = people
    as_coach = env_for(env, coach.owner_id)
    bobs = env_for(env, bob.owner_id).conn.execute("SELECT id FROM application WHERE company = 'Boatyard Ltd'")
    with pytest.raises(NotFound):
        coaching.leave_note(as_coach, coach, ann.owner_id, "Sneaky", bobs.fetchone()[0])
    with pytest.raises(InvalidInput, match="empty"):
        coaching.leave_note(as_coach, coach, ann.owner_id, "   ")
    assert coaching.notes_for_me(env_for(env, ann.owner_id)) == []
