"""Accounts under PostgreSQL's row-level security, connected as an ordinary role as a deployment is
(a superuser, which the other tests use, passes row security): a coach link is written and read as its
seeker and its coach, and an administrator's figures count every account's applications."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followup.app import accounts
from followup.app.applications import NewApplication, add_application
from followup.app.context import Env, bootstrap, env_for
from test_row_security import app_url  # noqa: F401

PASSWORD = "correct horse battery"


@pytest.fixture
def hosted(app_url: str, tmp_path: Path) -> Iterator[Env]:  # noqa: F811
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    env = bootstrap(app_url, str(config))
    accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada", password=PASSWORD)
    yield env
    env.close()


def join(env: Env, address: str, role: str) -> accounts.Account:
    made = accounts.invite(env, None, address, role)
    return accounts.accept_invitation(env, made.token, address.partition("@")[0], PASSWORD)


def test_coach_links_and_figures_work_as_an_ordinary_role(hosted: Env) -> None:
    admin = accounts.sign_in(hosted, "boss@example.org", PASSWORD, "c").account
    sam = join(hosted, "sam@example.org", "seeker")
    kim = join(hosted, "kim@example.org", "coach")
    add_application(env_for(hosted, sam.owner_id), NewApplication(company="Acme", role="Engineer"))
    accounts.add_coach(hosted, sam, "kim@example.org")
    assert accounts.coaches(hosted, sam) == [kim]
    assert accounts.seekers(hosted, kim) == [sam]
    assert accounts.figures(hosted, admin)["applications"] == 1
    accounts.remove_coach(hosted, sam, "kim@example.org")
    assert accounts.seekers(hosted, kim) == []
