"""Hosted mode's accounts, rule by rule: invitations, sign-in and its throttle, sessions, passwords,
resets by mail (through a real SMTP server), disabling, coaches, and what an administrator sees.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

import email
import re
from email.policy import default as default_policy

import pytest

from conftest import Clock
from followup.app import accounts
from followup.app.context import Env
from followup.errors import Conflict, InvalidInput, NotAllowed, NotFound, SignInRefused, TooManyTries

PASSWORD = "correct horse battery"
OTHER = "another long password"


@pytest.fixture
def admin(env: Env) -> accounts.Account:
    return accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada", password=PASSWORD)


def join(env: Env, address: str, role: str = "seeker", name: str = "Sam") -> accounts.Account:
    made = accounts.invite(env, None, address, role)
    return accounts.accept_invitation(env, made.token, name, PASSWORD)


# -- hosted mode --------------------------------------------------------------------------------


def test_a_new_database_is_not_hosted_until_server_init(env: Env) -> None:
    assert not accounts.is_hosted(env)
    accounts.init_server(env, admin_email="boss@example.org", admin_name="", password=PASSWORD)
    assert accounts.is_hosted(env)
    with pytest.raises(Conflict, match="already a hosted installation"):
        accounts.init_server(env, admin_email="x@example.org", admin_name="", password=PASSWORD)


def test_the_password_is_stored_as_an_argon2_hash(env: Env, admin: accounts.Account) -> None:
    stored = env.conn.execute("SELECT password_hash FROM account").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


# -- invitations --------------------------------------------------------------------------------


def test_an_invitation_works_once_and_only_its_hash_is_stored(env: Env, admin: accounts.Account) -> None:
    made = accounts.invite(env, admin, "Sam@Example.org", "seeker")
    assert made.token not in str(env.conn.execute("SELECT * FROM invitation").fetchall())
    sam = accounts.accept_invitation(env, made.token, "Sam", PASSWORD)
    assert (sam.email, sam.role, sam.name) == ("sam@example.org", "seeker", "Sam")
    assert sam.owner_id not in (1, admin.owner_id)
    with pytest.raises(SignInRefused, match="expired or was already used"):
        accounts.accept_invitation(env, made.token, "Mallory", PASSWORD)


def test_an_invitation_expires_after_seven_days(env: Env, admin: accounts.Account, clock: Clock) -> None:
    made = accounts.invite(env, admin, "sam@example.org", "coach")
    clock.advance(days=7)
    with pytest.raises(SignInRefused, match="expired"):
        accounts.accept_invitation(env, made.token, "Sam", PASSWORD)


def test_inviting_again_replaces_the_first_link(env: Env, admin: accounts.Account) -> None:
    first = accounts.invite(env, admin, "sam@example.org", "seeker")
    second = accounts.invite(env, admin, "sam@example.org", "coach")
    with pytest.raises(SignInRefused):
        accounts.invitation_for(env, first.token)
    assert accounts.accept_invitation(env, second.token, "Sam", PASSWORD).role == "coach"


def test_only_an_administrator_invites(env: Env, admin: accounts.Account) -> None:
    coach = join(env, "coach@example.org", "coach")
    with pytest.raises(NotAllowed):
        accounts.invite(env, coach, "sam@example.org", "seeker")
    with pytest.raises(InvalidInput, match="'boss' is not a role"):
        accounts.invite(env, admin, "sam@example.org", "boss")
    with pytest.raises(InvalidInput, match="is not an e-mail address"):
        accounts.invite(env, admin, "sam at example", "seeker")


def test_a_weak_password_is_refused_when_joining(env: Env, admin: accounts.Account) -> None:
    made = accounts.invite(env, admin, "sam@example.org", "seeker")
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        accounts.accept_invitation(env, made.token, "Sam", "short")
    accounts.accept_invitation(env, made.token, "Sam", PASSWORD)  # the link was not used up


# -- signing in ---------------------------------------------------------------------------------


def test_sign_in_gives_a_session_whose_hash_alone_is_stored(env: Env, admin: accounts.Account) -> None:
    signed = accounts.sign_in(env, "  BOSS@example.org ", PASSWORD, "203.0.113.5")
    assert signed.account == admin
    assert signed.token not in str(env.conn.execute("SELECT * FROM account_session").fetchall())
    assert accounts.account_of_session(env, signed.token) == admin
    assert accounts.account_of_session(env, signed.token + "x") is None
    assert accounts.account_of_session(env, None) is None


def test_an_unknown_address_gets_the_same_answer_as_a_wrong_password(env: Env, admin: accounts.Account) -> None:
    with pytest.raises(SignInRefused) as wrong:
        accounts.sign_in(env, "boss@example.org", OTHER, "203.0.113.5")
    with pytest.raises(SignInRefused) as unknown:
        accounts.sign_in(env, "nobody@example.org", OTHER, "203.0.113.5")
    assert str(wrong.value) == str(unknown.value)
    assert type(wrong.value) is type(unknown.value)


@pytest.mark.parametrize("address", ["boss@example.org", "nobody@example.org"])
def test_five_failures_in_fifteen_minutes_throttle_the_address(
    env: Env, admin: accounts.Account, clock: Clock, address: str
) -> None:
    for n in range(5):
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in(env, address, OTHER, f"198.51.100.{n}")
        assert not isinstance(refused.value, TooManyTries)
        clock.advance(minutes=1)
    # Even the right password is not checked now: the same answer for a known and an unknown address.
    with pytest.raises(TooManyTries) as throttled:
        accounts.sign_in(env, address, PASSWORD, "198.51.100.99")
    assert throttled.value.message == "Too many failed sign-ins. Try again in 10 minutes."
    assert throttled.value.retry_after == 10 * 60
    clock.advance(minutes=10)  # the first failure leaves the window
    if address == "boss@example.org":
        assert accounts.sign_in(env, address, PASSWORD, "198.51.100.99").account == admin
    else:
        with pytest.raises(SignInRefused) as again:
            accounts.sign_in(env, address, PASSWORD, "198.51.100.99")
        assert not isinstance(again.value, TooManyTries)


def test_a_client_trying_many_addresses_is_throttled(env: Env, admin: accounts.Account) -> None:
    for n in range(accounts.FAILURES_PER_CLIENT):
        with pytest.raises(SignInRefused):
            accounts.sign_in(env, f"guess{n}@example.org", OTHER, "192.0.2.7")
    with pytest.raises(TooManyTries, match="Try again in 15 minutes"):
        accounts.sign_in(env, "boss@example.org", PASSWORD, "192.0.2.7")
    assert accounts.sign_in(env, "boss@example.org", PASSWORD, "192.0.2.8").account == admin


def test_the_throttle_holds_across_processes(env: Env, admin: accounts.Account, paths: dict[str, str]) -> None:
    from followup.app.context import bootstrap

    for n in range(5):
        with pytest.raises(SignInRefused):
            accounts.sign_in(env, "boss@example.org", OTHER, f"198.51.100.{n}")
    other = bootstrap(paths["db"], paths["config"], clock=env.clock)  # another web process's connection
    try:
        with pytest.raises(TooManyTries):
            accounts.sign_in(other, "boss@example.org", PASSWORD, "198.51.100.50")
    finally:
        other.close()


def test_a_success_forgets_the_addresss_failures(env: Env, admin: accounts.Account) -> None:
    for _ in range(4):
        with pytest.raises(SignInRefused):
            accounts.sign_in(env, "boss@example.org", OTHER, "198.51.100.1")
    accounts.sign_in(env, "boss@example.org", PASSWORD, "198.51.100.1")
    for _ in range(4):
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in(env, "boss@example.org", OTHER, "198.51.100.1")
        assert not isinstance(refused.value, TooManyTries)


@pytest.mark.real_password_hashing
def test_a_hash_made_with_older_parameters_is_renewed_at_sign_in(env: Env, admin: accounts.Account) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    env.conn.execute("UPDATE account SET password_hash = ?", (weak,))
    accounts.sign_in(env, "boss@example.org", PASSWORD, "198.51.100.1")
    renewed = env.conn.execute("SELECT password_hash FROM account").fetchone()[0]
    assert renewed != weak
    assert not PasswordHasher().check_needs_rehash(renewed)
    assert accounts.sign_in(env, "boss@example.org", PASSWORD, "198.51.100.1").account == admin


# -- sessions -----------------------------------------------------------------------------------


def test_a_session_ends_when_idle_for_three_days(env: Env, admin: accounts.Account, clock: Clock) -> None:
    token = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    clock.advance(days=2, hours=23)
    assert accounts.account_of_session(env, token) == admin  # used: idle time starts again
    clock.advance(days=2, hours=23)
    assert accounts.account_of_session(env, token) == admin
    clock.advance(days=3)
    assert accounts.account_of_session(env, token) is None


def test_a_session_ends_after_thirty_days_however_much_it_is_used(
    env: Env, admin: accounts.Account, clock: Clock
) -> None:
    token = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    for _ in range(29):
        clock.advance(days=1)
        assert accounts.account_of_session(env, token) == admin
    clock.advance(days=1)
    assert accounts.account_of_session(env, token) is None


def test_sign_out_ends_that_session_only(env: Env, admin: accounts.Account) -> None:
    first = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    second = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    accounts.sign_out(env, first)
    assert accounts.account_of_session(env, first) is None
    assert accounts.account_of_session(env, second) == admin


def test_changing_the_password_ends_every_other_session(env: Env, admin: accounts.Account) -> None:
    here = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    elsewhere = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    with pytest.raises(InvalidInput, match="current password is not right"):
        accounts.change_password(env, admin, OTHER, OTHER)
    fresh = accounts.change_password(env, admin, PASSWORD, OTHER, confirm=OTHER)
    assert accounts.account_of_session(env, elsewhere) is None
    assert accounts.account_of_session(env, here) is None  # the old token of this browser too
    assert accounts.account_of_session(env, fresh) is not None
    with pytest.raises(SignInRefused):
        accounts.sign_in(env, "boss@example.org", PASSWORD, "c")
    accounts.sign_in(env, "boss@example.org", OTHER, "c")


def test_disabling_an_account_ends_its_sessions_and_refuses_sign_in(env: Env, admin: accounts.Account) -> None:
    sam = join(env, "sam@example.org")
    token = accounts.sign_in(env, "sam@example.org", PASSWORD, "c").token
    accounts.disable(env, admin, "sam@example.org")
    assert accounts.account_of_session(env, token) is None
    with pytest.raises(SignInRefused, match="disabled"):
        accounts.sign_in(env, "sam@example.org", PASSWORD, "c")
    with pytest.raises(NotAllowed):
        accounts.disable(env, sam, "boss@example.org")
    with pytest.raises(Conflict, match="your own account"):
        accounts.disable(env, admin, "boss@example.org")
    accounts.enable(env, admin, "sam@example.org")
    assert accounts.sign_in(env, "sam@example.org", PASSWORD, "c").account.email == "sam@example.org"


# -- password reset by mail ---------------------------------------------------------------------


def _link(message: accounts.ResetMail) -> str:
    found = re.search(r"https://jobs\.example/reset\?token=(\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_reset_link_works_once_and_ends_every_session(env: Env, admin: accounts.Account) -> None:
    sent: list[accounts.ResetMail] = []
    session = accounts.sign_in(env, "boss@example.org", PASSWORD, "c").token
    accounts.request_reset(env, "Boss@Example.org", "https://jobs.example/", sent.append)
    assert [message.to for message in sent] == ["boss@example.org"]
    token = _link(sent[0])
    assert token not in str(env.conn.execute("SELECT * FROM password_reset").fetchall())
    assert accounts.reset_is_open(env, token)
    accounts.reset_password(env, token, OTHER)
    assert accounts.account_of_session(env, session) is None
    assert not accounts.reset_is_open(env, token)
    with pytest.raises(SignInRefused, match="expired or was already used"):
        accounts.reset_password(env, token, "a third long password")
    accounts.sign_in(env, "boss@example.org", OTHER, "c")


def test_a_reset_link_expires_after_an_hour(env: Env, admin: accounts.Account, clock: Clock) -> None:
    sent: list[accounts.ResetMail] = []
    accounts.request_reset(env, "boss@example.org", "https://jobs.example", sent.append)
    clock.advance(minutes=60)
    with pytest.raises(SignInRefused, match="expired"):
        accounts.reset_password(env, _link(sent[0]), OTHER)


def test_a_reset_for_an_unknown_or_disabled_address_sends_nothing_and_says_the_same(
    env: Env, admin: accounts.Account
) -> None:
    join(env, "sam@example.org")
    accounts.disable(env, admin, "sam@example.org")
    sent: list[accounts.ResetMail] = []
    accounts.request_reset(env, "nobody@example.org", "https://jobs.example", sent.append)
    accounts.request_reset(env, "sam@example.org", "https://jobs.example", sent.append)
    assert sent == []


def test_a_reset_mail_goes_through_the_servers_smtp(
    env: Env, admin: accounts.Account, smtp_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://alice:testpw@{smtp_server.host}:{smtp_server.port}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "Careers service <no-reply@jobs.example>")
    accounts.request_reset(env, "boss@example.org", "https://jobs.example")
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["boss@example.org"]
    message = email.message_from_bytes(envelope.content, policy=default_policy)
    assert message["From"] == "Careers service <no-reply@jobs.example>"
    assert message["Subject"] == "Set a new followup password"
    body = message.get_content()
    token = re.search(r"https://jobs\.example/reset\?token=(\S+)", body)
    assert token
    accounts.reset_password(env, token.group(1), OTHER)
    accounts.sign_in(env, "boss@example.org", OTHER, "c")


def test_without_outgoing_mail_a_reset_says_so_for_every_address(
    env: Env, admin: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.errors import SettingsError

    monkeypatch.delenv("FOLLOWUP_SERVER_SMTP_URL", raising=False)
    for address in ("boss@example.org", "nobody@example.org"):
        with pytest.raises(SettingsError, match="FOLLOWUP_SERVER_SMTP_URL is not set"):
            accounts.request_reset(env, address, "https://jobs.example")


def test_a_smtp_server_that_fails_does_not_tell_the_address_exists(
    env: Env, admin: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mail_servers import free_port

    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # nobody listens
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@jobs.example")
    accounts.request_reset(env, "boss@example.org", "https://jobs.example")  # no error: the same as for anyone
    assert env.conn.execute("SELECT count(*) FROM password_reset").fetchone()[0] == 1


# -- coaches ------------------------------------------------------------------------------------


def test_a_seeker_adds_and_removes_a_coach_by_address(env: Env, admin: accounts.Account) -> None:
    sam = join(env, "sam@example.org")
    coach = join(env, "coach@example.org", "coach", "Kim")
    assert accounts.add_coach(env, sam, "Coach@Example.org") == coach
    accounts.add_coach(env, sam, "coach@example.org")  # twice is once
    assert accounts.coaches(env, sam) == [coach]
    assert accounts.seekers(env, coach) == [sam]
    accounts.remove_coach(env, sam, "coach@example.org")
    assert accounts.coaches(env, sam) == []
    with pytest.raises(NotFound, match="not one of your coaches"):
        accounts.remove_coach(env, sam, "coach@example.org")


def test_a_coach_link_goes_only_to_a_coachs_account(env: Env, admin: accounts.Account) -> None:
    sam = join(env, "sam@example.org")
    join(env, "lee@example.org", "seeker", "Lee")
    for address in ("lee@example.org", "boss@example.org", "nobody@example.org"):
        with pytest.raises(NotFound, match="is not a coach's account here"):
            accounts.add_coach(env, sam, address)
    assert accounts.coaches(env, sam) == []
    coach = join(env, "coach@example.org", "coach")
    with pytest.raises(NotAllowed):
        accounts.add_coach(env, coach, "coach@example.org")


# -- administration -----------------------------------------------------------------------------


def test_an_administrator_sees_counts_only(env: Env, admin: accounts.Account) -> None:
    from dataclasses import replace

    from followup.app import applications

    sam = join(env, "sam@example.org")
    join(env, "coach@example.org", "coach")
    join(env, "lee@example.org")
    accounts.disable(env, admin, "lee@example.org")
    sams = replace(env, store=replace(env.store, owner=sam.owner_id))
    applications.add_application(sams, applications.NewApplication(company="Acme", role="Engineer"))
    applications.add_application(env, applications.NewApplication(company="Local", role="Not an account's"))
    assert accounts.figures(env, admin) == {"seekers": 1, "coaches": 1, "admins": 1, "disabled": 1, "applications": 1}
    assert [item.email for item in accounts.list_accounts(env, admin)] == [
        "boss@example.org",
        "coach@example.org",
        "lee@example.org",
        "sam@example.org",
    ]
    with pytest.raises(NotAllowed):
        accounts.figures(env, sam)
    with pytest.raises(NotAllowed):
        accounts.list_accounts(env, sam)
