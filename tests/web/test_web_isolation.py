"""In a hosted installation no one reaches anyone else's data, through any route of the web app.

The routes are read from the app itself, every page and API route with every method, so a new
route is tested the day it is added: one whose path names an object this test does not know
fails until the object is added below. Signed in as Ann, each route is called with Bob's object
in its path (and a body that passes the route's own validation): every one answers 404, and
afterwards Bob's rows are exactly as they were. The pages and API lists Ann can open show
nothing of Bob's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from followup.app import account_tokens, accounts, agenda, coaching
from followup.app.applications import (
    NewApplication,
    NewContact,
    NewInterview,
    NewTouchpoint,
    add_application,
    add_contact,
    add_interview,
    log_touchpoint,
)
from followup.app.context import Env, env_for
from followup.app.mail_account import add_account
from followup.app.mail_import import import_mail
from followup.domain.model import Channel, ContactRole, Direction
from followup.store import db
from followup.web.server import build

PASSWORD = "correct horse battery staple"
SECRET_KEY = "4bV3VHTQ3ox6Qtme5ZA3VH1h4h8D5cR0ZqVgZcl0wkM="  # the server's key, for the accounts' own tokens
# What only Bob's data contains: none of it may appear on a page Ann can open.
BOBS_WORDS = ("Blauwal", "Zebulon", "zebulon@blauwal.example", "Harpoon Engineer")
# Route parameters that are no one's object: the values a route of each kind takes.
NOT_OBJECTS = {"panel": "done", "kind": "thank_you", "tone": "warm", "rest": "nowhere"}
# Bob's rows are compared before and after in every table that holds someone's rows.
OWNED_TABLES = (
    "application", "contact", "interview", "touchpoint", "action_decision", "pending_action", "mail_message",
    "outbox", "mail_pending", "draft_edit", "coach_note", "owner_settings", "owner_secret",
)  # fmt: skip


@dataclass
class Hosted:
    env: Env
    http: TestClient
    app: Any
    ann: accounts.Account
    bob: accounts.Account
    objects: dict[str, str]  # route parameter -> Bob's object

    def csrf(self) -> str:
        if "followup_nonce" not in self.http.cookies:
            self.http.get("/healthz")
        return str(self.app.app.state.web.keys.csrf_token(self.http.cookies["followup_nonce"]))


def _join(env: Env, email: str, name: str, role: str) -> accounts.Account:
    invitation = accounts.invite(env, None, email, role)
    return accounts.accept_invitation(env, invitation.token, name, PASSWORD)


def _bobs_things(env: Env, bob: accounts.Account, tmp_path: Path) -> dict[str, str]:
    as_bob = env_for(env, bob.owner_id)
    application = add_application(as_bob, NewApplication(company="Blauwal GmbH", role="Harpoon Engineer"))
    person = add_contact(
        as_bob,
        NewContact(name="Zebulon Wal", role=ContactRole.RECRUITER, email="zebulon@blauwal.example"),
        application_id=application.id,
    )
    interview = add_interview(
        as_bob, application.id, NewInterview(starts_at=as_bob.now() - timedelta(days=1), participants=[person.id])
    )
    logged = log_touchpoint(
        as_bob, application.id, NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL, subject="Zebulon?")
    )
    message = tmp_path / "from-blauwal.eml"
    message.write_bytes(
        b"From: Zebulon Wal <zebulon@blauwal.example>\r\nTo: bob@uni.example\r\n"
        b"Subject: Your application at Blauwal\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\n"
        b"Message-ID: <z1@blauwal.example>\r\n\r\nDear Bob, we will decide by Friday. Zebulon\r\n"
    )
    import_mail(as_bob, message)
    mail_id = as_bob.conn.execute("SELECT id FROM mail_message WHERE owner_id = ?", (bob.owner_id,)).fetchone()[0]
    action = agenda.agenda(as_bob, days=30)[0]
    return {
        "app_id": str(application.id),
        "contact_id": str(person.id),
        "interview_id": str(interview.id),
        "touchpoint_id": str(logged.touchpoint.id),
        "mail_id": str(mail_id),
        "action_id": action.id,
        "seeker_id": str(bob.owner_id),
    }


@pytest.fixture
def hosted(env: Env, tmp_path: Path) -> Hosted:
    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada Admin", password=PASSWORD)
    ann = _join(env, "ann@uni.example", "Ann Lee", "seeker")
    bob = _join(env, "bob@uni.example", "Bob Roe", "seeker")
    objects = _bobs_things(env, bob, tmp_path)
    as_ann = env_for(env, ann.owner_id)
    add_application(as_ann, NewApplication(company="Anvil AG", role="Smith"))
    # With a mail account of her own, Ann's sends and saves get as far as looking for the follow-up.
    add_account(
        as_ann.config_path,
        "work",
        user="ann@uni.example",
        settings={
            "email": "ann@uni.example",
            "imap_host": "127.0.0.1",
            "imap_port": 9,
            "imap_security": "none",
            "smtp_host": "127.0.0.1",
            "smtp_port": 9,
            "smtp_security": "none",
            "password_env": "ANN_PW",
        },
    )
    app = build(env, "127.0.0.1", 8765)
    http = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    signed_in = accounts.sign_in(env, "ann@uni.example", PASSWORD, "testclient")
    http.cookies.set("followup_account", signed_in.token)
    return Hosted(env, http, app, ann, bob, objects)


def _routes(app: Any) -> list[tuple[str, str, Any]]:
    """(method, path, route) for every route of the app, through included routers."""
    found: list[tuple[str, str, Any]] = []

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if type(route).__name__ == "_IncludedRouter":
                walk(route.original_router.routes, prefix + (route.include_context.prefix or ""))
            elif getattr(route, "methods", None):
                found.extend((method, prefix + route.path, route) for method in sorted(route.methods))

    walk(app.app.router.routes, "")
    return found


def _path_for(path: str, objects: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1).partition(":")[0]
        if name in objects:
            return objects[name]
        if name in NOT_OBJECTS:
            return NOT_OBJECTS[name]
        raise AssertionError(
            f"route {path} has a parameter {{{name}}} this test does not know: give Bob such an object in "
            "_bobs_things (or, if it is no one's object, a value in NOT_OBJECTS)"
        )

    return re.sub(r"\{([^}]+)\}", value, path)


def _snapshot(env: Env, owner: int) -> dict[str, list[tuple[Any, ...]]]:
    everyone = db.Store(env.conn, owner=db.INSTALLATION)
    return {
        table: sorted(map(tuple, everyone.conn.execute(f"SELECT * FROM {table} WHERE owner_id = ?", (owner,))))
        for table in OWNED_TABLES
    }


# Form fields a route could refuse before it looks for the object, with values it takes; sent with
# every form, as routes that read their form themselves declare no fields to read them from.
FORM_VALUES = {
    "to": "waiting", "until": "tomorrow", "kind": "thank_you_email", "tone": "warm", "body": "Hello",
    "subject": "Hello", "word": "Frobnicate", "application_id": "1", "name": "Someone", "note": "x", "start": "0",
    "end": "0", "account": "work",
}  # fmt: skip


def _form_for(route: Any) -> dict[str, Any]:
    """Form fields that pass the route's own validation, so that it is the owner check that answers."""
    dependant = getattr(route, "dependant", None)
    params = getattr(dependant, "body_params", []) if dependant else []
    return FORM_VALUES | {param.alias: FORM_VALUES.get(param.alias, "") for param in params}


def _example(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A value of the JSON schema `schema`: the first choice of a union or enum, else a plain value."""
    if "$ref" in schema:
        return _example(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    for union in ("anyOf", "oneOf", "allOf"):
        if union in schema:
            return _example(next(s for s in schema[union] if s.get("type") != "null"), defs)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("format") == "date":
        return "2026-12-10"
    if schema.get("format") == "date-time":
        return "2026-12-10T10:00:00+01:00"
    plain = {"string": "x", "integer": 1, "number": 1, "boolean": False, "array": [], "object": {}}
    return plain.get(schema.get("type", "string"), "x")


def _json_for(route: Any) -> Any:
    """A JSON body with every required field of the route's model, or None for a route without one."""
    field = getattr(route, "body_field", None)
    if field is None:
        return None
    model = next(
        (
            t
            for t in (field.field_info.annotation, *getattr(field.field_info.annotation, "__args__", ()))
            if hasattr(t, "model_json_schema")
        ),
        None,
    )
    if model is None:
        return None
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    return {name: _example(schema["properties"][name], defs) for name in schema.get("required", [])}


@pytest.mark.parametrize("signed_in_by", ["session", "api token"])
def test_every_route_answers_404_for_someone_elses_object(
    hosted: Hosted, signed_in_by: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if signed_in_by == "api token":
        # Ann's own API token instead of her session: the API acts as Ann, and only as Ann.
        monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", SECRET_KEY)
        token = account_tokens.make_new(env_for(hosted.env, hosted.ann.owner_id), account_tokens.API)
        hosted.http.cookies.delete("followup_account")
    before = _snapshot(hosted.env, hosted.bob.owner_id)
    answers: dict[str, int] = {}
    for method, path, route in _routes(hosted.app):
        if "{" not in path or path.startswith("/static"):
            continue
        if signed_in_by == "api token" and not path.startswith("/api/"):
            continue  # the token signs in to the API only (test_an_api_token_opens_no_page)
        url = _path_for(path, hosted.objects)
        headers = {"X-CSRF-Token": hosted.csrf()}
        if signed_in_by == "api token":
            headers = {"Authorization": f"Bearer {token}"}
        if path.startswith("/api/"):
            response = hosted.http.request(method, url, json=_json_for(route), headers=headers)
        else:
            response = hosted.http.request(method, url, data=_form_for(route), headers=headers)
        answers[f"{method} {path}"] = response.status_code
        if response.status_code != 404:
            print(
                method,
                path,
                response.status_code,
                response.headers.get("location"),
                response.headers.get("set-cookie", "")[:300],
                response.text[:300],
            )
    wrong = {route: status for route, status in answers.items() if status != 404}
    assert not wrong, f"answered other than 404 with Bob's objects: {wrong}"
    assert len(answers) >= (60 if signed_in_by == "session" else 10)  # the route table was really walked
    assert _snapshot(hosted.env, hosted.bob.owner_id) == before


def test_no_page_or_list_ann_can_open_shows_anything_of_bobs(hosted: Hosted) -> None:
    opened = 0
    for method, path, _ in _routes(hosted.app):
        if method != "GET" or "{" in path or path.startswith(("/static", "/logout")):
            continue
        response = hosted.http.get(path)
        opened += 1
        for word in BOBS_WORDS:
            assert word not in response.text, f"{path} shows {word!r} of Bob's"
    assert opened >= 15
    # And Ann's own data is there: she is signed in, not refused.
    assert "Anvil AG" in hosted.http.get("/applications?view=list").text


def test_a_coach_sees_only_the_seekers_who_added_them(hosted: Hosted) -> None:
    coach = _join(hosted.env, "coach@uni.example", "Cora Coach", "coach")
    accounts.add_coach(env_for(hosted.env, hosted.ann.owner_id), hosted.ann, "coach@uni.example")
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, coach.email, PASSWORD, "t").token)
    assert hosted.http.get(f"/coach/{hosted.ann.owner_id}").status_code == 200
    assert "Anvil AG" in hosted.http.get(f"/coach/{hosted.ann.owner_id}").text
    assert hosted.http.get(f"/coach/{hosted.bob.owner_id}").status_code == 404
    note = hosted.http.post(
        f"/coach/{hosted.bob.owner_id}/notes", data={"body": "hello"}, headers={"X-CSRF-Token": hosted.csrf()}
    )
    assert note.status_code == 404
    assert coaching.notes_for_me(env_for(hosted.env, hosted.bob.owner_id)) == []
    # A coach has no pipeline of their own to reach Ann's through: her application is not found.
    ann_app = hosted.env.conn.execute(
        "SELECT id FROM application WHERE company = 'Anvil AG'"
    )  # as the local owner, on SQLite: no row security there
    assert hosted.http.get(f"/applications/{ann_app.fetchone()[0]}").status_code == 404


def test_the_installations_own_keys_and_files_are_no_accounts(hosted: Hosted) -> None:
    keys = hosted.app.app.state.web.keys
    settings = hosted.http.get("/settings").text
    assert keys.api_token not in settings
    assert keys.calendar_token not in settings
    assert hosted.env.data_folder not in settings
    assert hosted.http.get(f"/calendar.ics?token={keys.calendar_token}").status_code == 404
    hosted.http.cookies.delete("followup_account")
    assert (
        hosted.http.get("/api/v1/applications", headers={"Authorization": f"Bearer {keys.api_token}"}).status_code
        == 401
    )


# -- each account's own calendar address and API token ----------------------------------------------


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens(hosted: Hosted, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    """Ann's and Bob's own tokens, each made as its account makes them; no session cookie is sent."""
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", SECRET_KEY)
    as_ann = env_for(hosted.env, hosted.ann.owner_id)
    add_interview(
        as_ann,
        as_ann.conn.execute("SELECT id FROM application WHERE owner_id = ?", (hosted.ann.owner_id,)).fetchone()[0],
        NewInterview(starts_at=as_ann.now() + timedelta(days=2)),
    )
    made = {
        who: {
            kind: account_tokens.make_new(env_for(hosted.env, account.owner_id), kind) for kind in account_tokens.KINDS
        }
        for who, account in (("ann", hosted.ann), ("bob", hosted.bob))
    }
    hosted.http.cookies.delete("followup_account")
    return made


def test_an_api_token_reads_its_own_accounts_data_and_nothing_of_anyone_elses(
    hosted: Hosted, tokens: dict[str, dict[str, str]]
) -> None:
    listed = 0
    for method, path, _ in _routes(hosted.app):
        if method != "GET" or "{" in path or not path.startswith("/api/"):
            continue
        response = hosted.http.get(path, headers=_bearer(tokens["ann"]["api"]))
        assert response.status_code != 401, path
        listed += 1
        for word in BOBS_WORDS:
            assert word not in response.text, f"{path} shows {word!r} of Bob's to Ann's token"
    assert listed >= 3
    anns = hosted.http.get("/api/v1/applications", headers=_bearer(tokens["ann"]["api"]))
    assert [item["company"] for item in anns.json()["items"]] == ["Anvil AG"]
    bobs = hosted.http.get("/api/v1/applications", headers=_bearer(tokens["bob"]["api"]))
    assert [item["company"] for item in bobs.json()["items"]] == ["Blauwal GmbH"]


def test_an_api_token_writes_as_its_account_without_a_csrf_token(
    hosted: Hosted, tokens: dict[str, dict[str, str]]
) -> None:
    made = hosted.http.post(
        "/api/v1/applications",
        json={"company": "Carillon SA", "role": "Bell founder"},
        headers=_bearer(tokens["ann"]["api"]),
    )
    assert made.status_code == 201, made.text
    owners = hosted.env.conn.execute("SELECT owner_id FROM application WHERE company = 'Carillon SA'").fetchall()
    assert [row[0] for row in owners] == [hosted.ann.owner_id]


def test_a_wrong_or_borrowed_api_token_signs_nobody_in(hosted: Hosted, tokens: dict[str, dict[str, str]]) -> None:
    bobs_secret = tokens["bob"]["api"].partition(".")[2]
    for wrong in (
        f"{hosted.ann.owner_id}.{bobs_secret}",  # Bob's secret under Ann's number
        tokens["ann"]["calendar"],  # a calendar token is no API token
        "x" * 40,
        f"{hosted.ann.owner_id}.",
        "",
    ):
        answer = hosted.http.get("/api/v1/applications", headers=_bearer(wrong))
        assert answer.status_code == 401, wrong
        assert answer.json()["error"]["code"] == "NotSignedIn"
    # Beside Ann's session, a wrong token is still refused: the token sent is the one that counts.
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, "ann@uni.example", PASSWORD, "t").token)
    assert hosted.http.get("/api/v1/applications", headers=_bearer("x" * 40)).status_code == 401
    # A proxy's Basic sign-in in front of the installation is no token: the session answers.
    behind_basic = {"Authorization": "Basic c3RhZmY6c3RhZ2luZw=="}
    assert hosted.http.get("/api/v1/applications", headers=behind_basic).status_code == 200


def test_an_api_token_opens_no_page(hosted: Hosted, tokens: dict[str, dict[str, str]]) -> None:
    for path in ("/", "/applications", "/settings"):
        answer = hosted.http.get(path, headers=_bearer(tokens["ann"]["api"]))
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login")


def test_a_calendar_address_shows_only_its_own_accounts_events(
    hosted: Hosted, tokens: dict[str, dict[str, str]]
) -> None:
    anns = hosted.http.get(f"/calendar.ics?token={tokens['ann']['calendar']}")
    assert anns.status_code == 200
    assert anns.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "Anvil AG" in anns.text
    for word in BOBS_WORDS:
        assert word not in anns.text
    bobs = hosted.http.get(f"/calendar.ics?token={tokens['bob']['calendar']}")
    assert "Blauwal" in bobs.text
    assert "Anvil AG" not in bobs.text
    bobs_secret = tokens["bob"]["calendar"].partition(".")[2]
    for wrong in (f"{hosted.ann.owner_id}.{bobs_secret}", tokens["ann"]["api"], "", "1.x"):
        assert hosted.http.get(f"/calendar.ics?token={wrong}").status_code == 404, wrong


def test_a_disabled_accounts_tokens_stop_working_at_once(hosted: Hosted, tokens: dict[str, dict[str, str]]) -> None:
    feed, api = f"/calendar.ics?token={tokens['ann']['calendar']}", tokens["ann"]["api"]
    assert hosted.http.get(feed).status_code == 200
    assert hosted.http.get("/api/v1/applications", headers=_bearer(api)).status_code == 200
    accounts.disable(hosted.env, None, "ann@uni.example")
    assert hosted.http.get(feed).status_code == 404
    assert hosted.http.get("/api/v1/applications", headers=_bearer(api)).status_code == 401
    accounts.enable(hosted.env, None, "ann@uni.example")
    assert hosted.http.get(feed).status_code == 200
    assert hosted.http.get("/api/v1/applications", headers=_bearer(api)).status_code == 200


def test_tokens_are_stored_encrypted_and_never_logged(
    hosted: Hosted, tokens: dict[str, dict[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    everyone = db.Store(hosted.env.conn, owner=db.INSTALLATION)
    stored = " ".join(str(row[0]) for row in everyone.conn.execute("SELECT ciphertext FROM owner_secret"))
    with caplog.at_level("DEBUG"):
        hosted.http.get(f"/calendar.ics?token={tokens['ann']['calendar']}")
        hosted.http.get("/api/v1/applications", headers=_bearer(tokens["ann"]["api"]))
        hosted.http.get("/api/v1/applications", headers=_bearer(tokens["ann"]["api"] + "x"))
    # followup's own log lines (the test client logs each address it asks for, as a browser's history would).
    logged = " ".join(record.getMessage() for record in caplog.records if record.name.startswith("followup"))
    for account in tokens.values():
        for token in account.values():
            assert token.partition(".")[2] not in stored
            assert token.partition(".")[2] not in logged


def test_on_settings_an_account_makes_its_own_address_and_token_and_a_new_one_ends_the_old(
    hosted: Hosted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", SECRET_KEY)
    page = hosted.http.get("/settings")
    assert "Connections for other apps" in page.text
    assert "You have no calendar address yet." in page.text
    assert "You have no API token yet." in page.text
    for kind in ("calendar", "api"):
        made = hosted.http.post(
            "/settings/connections/rotate", data={"kind": kind}, headers={"X-CSRF-Token": hosted.csrf()}
        )
        assert made.status_code == 303
        assert made.headers["location"] == f"/settings?saved=made-{kind}#connections"
    as_ann = env_for(hosted.env, hosted.ann.owner_id)
    calendar_token = account_tokens.current(as_ann, "calendar")
    api_token = account_tokens.current(as_ann, "api")
    assert calendar_token is not None
    assert api_token is not None
    assert calendar_token.startswith(f"{hosted.ann.owner_id}.")
    page = hosted.http.get("/settings?saved=made-calendar#connections")
    assert f'value="http://127.0.0.1:8765/calendar.ics?token={calendar_token}"' in page.text
    assert f'value="{api_token}"' in page.text
    assert "Made your calendar address." in page.text
    # Bob's page has his own, none yet: nothing of Ann's.
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, "bob@uni.example", PASSWORD, "t").token)
    bobs = hosted.http.get("/settings").text
    assert calendar_token not in bobs
    assert api_token not in bobs
    assert "You have no API token yet." in bobs
    # A new one: the old stops at once.
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, "ann@uni.example", PASSWORD, "t").token)
    again = hosted.http.post(
        "/settings/connections/rotate", data={"kind": "api"}, headers={"X-CSRF-Token": hosted.csrf()}
    )
    assert again.headers["location"] == "/settings?saved=rotated-api#connections"
    hosted.http.cookies.delete("followup_account")
    assert hosted.http.get("/api/v1/applications", headers=_bearer(api_token)).status_code == 401
    newest = account_tokens.current(as_ann, "api")
    assert newest is not None
    assert hosted.http.get("/api/v1/applications", headers=_bearer(newest)).status_code == 200


def test_the_tokens_outlive_a_rotation_of_the_server_key(
    hosted: Hosted, tokens: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.app import stored_secrets

    newer = "kq0pW0fPj5Yp9a3Tn9b0kQ1m5s7ZlY2cH8vXr4uJd6E="
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", f"{newer},{SECRET_KEY}")
    assert stored_secrets.rotate(hosted.env) >= 4
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", newer)  # the old key gone: everything was re-encrypted
    assert hosted.http.get("/api/v1/applications", headers=_bearer(tokens["ann"]["api"])).status_code == 200
    assert hosted.http.get(f"/calendar.ics?token={tokens['bob']['calendar']}").status_code == 200


def test_without_the_server_key_settings_says_so_and_no_token_signs_in(
    hosted: Hosted, tokens: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOLLOWUP_SECRET_KEYS")
    monkeypatch.delenv("FOLLOWUP_SECRET_KEYS_FILE", raising=False)
    assert hosted.http.get("/api/v1/applications", headers=_bearer(tokens["ann"]["api"])).status_code == 401
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, "ann@uni.example", PASSWORD, "t").token)
    page = hosted.http.get("/settings")
    assert page.status_code == 200
    assert "FOLLOWUP_SECRET_KEYS is not set" in page.text


def test_each_account_is_welcomed_once_with_its_own_questions(hosted: Hosted) -> None:
    cleo = _join(hosted.env, "cleo@uni.example", "Cleo Park", "seeker")
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, cleo.email, PASSWORD, "t").token)
    first = hosted.http.get("/")
    assert first.status_code == 303
    assert first.headers["location"] == "/welcome"
    assert 'value="Cleo Park"' in hosted.http.get("/welcome").text  # the name she joined with, to confirm
    saved = hosted.http.post(
        "/welcome", data={"name": "Cleo Park", "timezone": "America/Chicago"}, headers={"X-CSRF-Token": hosted.csrf()}
    )
    assert saved.status_code == 303
    assert hosted.http.get("/").status_code == 200
    assert env_for(hosted.env, cleo.owner_id).settings.timezone == "America/Chicago"
    # Bob has not answered: his settings are his own, and the local user's are untouched.
    assert env_for(hosted.env, hosted.bob.owner_id).settings.profile.name == ""
    assert hosted.env.settings.timezone == "Europe/Berlin"


def test_a_coachs_note_reaches_the_seekers_today_and_application_pages(hosted: Hosted) -> None:
    coach = _join(hosted.env, "coach@uni.example", "Cora Coach", "coach")
    accounts.add_coach(env_for(hosted.env, hosted.ann.owner_id), hosted.ann, "coach@uni.example")
    as_ann = env_for(hosted.env, hosted.ann.owner_id)
    anvil = as_ann.conn.execute("SELECT id FROM application WHERE owner_id = ?", (hosted.ann.owner_id,)).fetchone()[0]
    ann_cookie = hosted.http.cookies["followup_account"]
    hosted.http.cookies.set("followup_account", accounts.sign_in(hosted.env, coach.email, PASSWORD, "t").token)
    assert hosted.http.get("/").headers["location"] == "/coach"  # a coach starts from their seekers
    left = hosted.http.post(
        f"/coach/{hosted.ann.owner_id}/notes",
        data={"body": "Chase Anvil on Friday.", "application_id": str(anvil)},
        headers={"X-CSRF-Token": hosted.csrf()},
    )
    assert left.status_code == 303
    empty = hosted.http.post(
        f"/coach/{hosted.ann.owner_id}/notes", data={"body": "  "}, headers={"X-CSRF-Token": hosted.csrf()}
    )
    assert empty.status_code == 422
    assert "The note is empty" in empty.text

    hosted.http.cookies.set("followup_account", ann_cookie)
    assert "Chase Anvil on Friday." in hosted.http.get("/").text
    assert "Chase Anvil on Friday." in hosted.http.get(f"/applications/{anvil}").text


def test_in_a_browser_an_account_makes_its_calendar_address_and_api_token(
    hosted: Hosted, clock: Any, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from web.web_support import DESKTOP, LiveServer, assert_accessible, shoot

    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", SECRET_KEY)
    server = LiveServer(hosted.env, clock)
    server.start()
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Berlin")
    try:
        context.set_default_timeout(10_000)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{server.url}/login?next=/settings%23connections")
        page.fill("#email", "ann@uni.example")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{server.url}/settings#connections")
        assert "You have no calendar address yet." in page.inner_text("#connections")
        assert_accessible(page)
        page.click("#connections-make-calendar")
        page.goto(f"{server.url}/settings#connections")
        page.click("#connections-make-api")
        page.goto(f"{server.url}/settings#connections")
        address = page.input_value("#connections-calendar-url")
        assert address.startswith(f"{server.url}/calendar.ics?token={hosted.ann.owner_id}.")
        page.click("text=Show the API token")
        token = page.input_value("#connections-api-token")
        assert token == account_tokens.current(env_for(hosted.env, hosted.ann.owner_id), account_tokens.API)
        assert_accessible(page)
        shoot(page, "hosted-settings-connections")
        feed = page.request.get(address)
        assert feed.status == 200
        assert "Anvil AG" in feed.text()
        assert not problems, problems
    finally:
        context.close()
        server.stop()
