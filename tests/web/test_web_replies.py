"""The Replies page: matched messages, what they mean, and acting on them; parsed HTML and a real browser."""

from __future__ import annotations

import re
import time
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st

from conftest import Clock
from followup.app import agenda, applications, replies
from followup.app.context import Env
from followup.app.mail_import import import_mail
from followup.domain.model import ApplicationStatus, ContactRole
from followup.mail.accounts import MailAccount, add_account
from followup.store import records
from mail_servers import PASSWORD
from web.web_support import WebClient, assert_accessible, shoot, text_of

MAIL = Path(__file__).parent.parent / "data" / "mail" / "dev"
SAMPLES = {
    "rejection": "001_rejection",
    "next_round": "024_next_round",
    "offer": "043_offer",
    "info_request": "056_info_request",
    "still_deciding": "074_still_deciding",
    "auto_reply": "097_auto_reply",
}


@pytest.fixture
def apps(env: Env, clock: Clock) -> dict[str, int]:
    """Two applications; Ann Lee of ACME interviewed the user on 10 November. Now: Monday 16 Nov, noon."""
    with Path(env.config_path).open("a", encoding="utf-8") as fh:
        fh.write('[profile]\nname = "Alex Morgan"\nemail = "alex.morgan@example.net"\n')
    env.reload_settings()
    acme = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    beta = applications.add_application(env, applications.NewApplication(company="Beta GmbH", role="BI Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=acme.id,
    )
    applications.add_interview(
        env,
        acme.id,
        applications.NewInterview(starts_at=datetime.fromisoformat("2026-11-10T14:00:00+01:00"), participants=[ann.id]),
    )
    clock.set("2026-11-16T12:00:00+01:00")
    return {"acme": acme.id, "beta": beta.id}


def deliver(env: Env, *labels: str) -> dict[str, int]:
    """Import sample messages as `followup mail import` would; their mail ids by label."""
    ids = {}
    for label in labels:
        report = import_mail(env, MAIL / f"{SAMPLES[label]}.eml")
        ids[label] = report.messages[0].mail_id
    return ids


def card(soup: BeautifulSoup, mail_id: int) -> str:
    return text_of(soup, f"#reply-{mail_id}")


def flash(client: WebClient) -> str:
    return unquote(client.http.cookies.get("followup_flash") or "").partition(":")[2]


def el(soup: Tag, selector: str) -> Tag:
    """The one element `selector` finds (the test fails clearly when there is none)."""
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(soup: Tag, selector: str, name: str) -> str:
    value = el(soup, selector).get(name)
    assert isinstance(value, str), f"{selector} has no {name}"
    return value


def agenda_kinds(env: Env, app_id: int) -> set[str]:
    return {item.kind for item in agenda.agenda(env, days=30) if item.application_id == app_id}


# -- the list -------------------------------------------------------------------------------


def test_without_replies_the_page_explains_how_to_get_them(client: WebClient, apps: dict[str, int]) -> None:
    soup = client.soup("/replies")
    assert text_of(soup, "h1") == "Replies"
    assert el(soup, "nav a[aria-current=page]").get_text() == "Replies"
    assert "No replies yet" in text_of(soup, ".replies-empty")
    assert el(soup, ".replies-empty a[href^='/settings']").get_text() == "Set up your mail account"
    assert soup.find("button", string=re.compile("Check mail now")) is None  # no account yet
    assert attr(soup, "form[action='/replies/import']", "enctype") == "multipart/form-data"
    assert soup.find("label", {"for": "mailfile"}) is not None
    assert el(soup, "form[action='/replies/import'] input[name=csrf_token]") is not None


def test_each_reply_shows_its_meaning_evidence_and_suggestion(
    client: WebClient, env: Env, apps: dict[str, int]
) -> None:
    ids = deliver(env, *SAMPLES)
    soup = client.soup("/replies")
    expected = {
        "rejection": ("Rejection", "Close this application as rejected", "Close as rejected"),
        "offer": ("Offer", "Mark this application as an offer", "Mark as offer"),
        "next_round": ("Next round", "add the next interview", "Confirm"),
        "info_request": ("Asks for something", "answering within a business day", "Confirm"),
        "still_deciding": ("Still deciding", "status check now waits until after Fri 20 Nov", "Confirm"),
        "auto_reply": ("Automatic reply", "now waits until after Mon 30 Nov", "Confirm"),
    }
    for label, (badge, consequence, button) in expected.items():
        text = card(soup, ids[label])
        assert text_of(soup, f"#reply-{ids[label]} .badge") == badge
        assert consequence in text, label
        assert "From Ann Lee <ann.lee@acme.example>" in text
        assert "About Data Analyst at ACME Corp" in text
        assert "Matched because it is from Ann Lee (ann.lee@acme.example)." in text
        confirm = el(soup, f"form[action='/replies/{ids[label]}/confirm'] button")
        assert confirm.get_text(" ", strip=True).startswith(button)
    # The evidence is the phrase the classification rests on, as the classifier found it.
    row = env.conn.execute("SELECT evidence FROM mail_message WHERE id = ?", (ids["rejection"],)).fetchone()
    assert f"Key words “{row[0]}”" == text_of(soup, f"#reply-{ids['rejection']} .evidence")
    assert "News promised by Fri 20 Nov 2026" in card(soup, ids["still_deciding"])
    assert soup.select_one(f"#reply-{ids['next_round']} a[href='/applications/{apps['acme']}/interviews/new']")
    assert text_of(soup, "#confirm-heading") == "To confirm 6"


def test_confirming_a_rejection_closes_the_application(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "rejection")
    assert "thank_you" in agenda_kinds(env, apps["acme"])
    response = client.post(f"/replies/{ids['rejection']}/confirm", {"next": "/replies"})
    assert response.status_code == 303
    assert response.headers["location"] == "/replies"
    assert flash(client) == "Closed Data Analyst at ACME Corp as rejected. Its follow-ups have stopped."
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.REJECTED
    assert agenda_kinds(env, apps["acme"]) == set()
    soup = client.soup("/replies")
    assert soup.find(id="confirm-heading") is None
    assert text_of(soup, "#earlier-heading") == "All caught up"
    text = card(soup, ids["rejection"])
    assert "Confirmed" in text
    assert "Rejected" in text
    assert soup.select_one(f"form[action='/replies/{ids['rejection']}/confirm']") is None


def test_ignoring_a_suggestion_leaves_the_application_open(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "rejection")
    assert client.post(f"/replies/{ids['rejection']}/dismiss").status_code == 303
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.ACTIVE
    soup = client.soup("/replies")
    assert "Ignored" in card(soup, ids["rejection"])
    # Confirming it afterwards is refused kindly, and changes nothing.
    assert client.post(f"/replies/{ids['rejection']}/confirm").status_code == 303
    assert flash(client) == "That suggestion was already taken care of."
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.ACTIVE


def test_moving_a_reply_moves_what_it_asks_for(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "info_request")
    assert "respond" in agenda_kinds(env, apps["acme"])
    soup = client.soup("/replies")
    choices = [o["value"] for o in soup.select(f"#move-{ids['info_request']} option")]
    assert choices == [str(apps["beta"])]  # not the application it already belongs to
    response = client.post(f"/replies/{ids['info_request']}/move", {"application_id": str(apps["beta"])})
    assert response.status_code == 303
    assert flash(client) == "Moved the message to BI Analyst at Beta GmbH."
    assert "respond" not in agenda_kinds(env, apps["acme"])
    assert "respond" in agenda_kinds(env, apps["beta"])
    text = card(client.soup("/replies"), ids["info_request"])
    assert "About BI Analyst at Beta GmbH" in text
    assert "Attached by hand to BI Analyst at Beta GmbH." in text


def test_moving_an_applied_rejection_reopens_the_first_application(
    client: WebClient, env: Env, apps: dict[str, int]
) -> None:
    ids = deliver(env, "rejection")
    client.post(f"/replies/{ids['rejection']}/confirm")
    client.post(f"/replies/{ids['rejection']}/move", {"application_id": str(apps["beta"])})
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.ACTIVE
    assert records.get_application(env.store, apps["beta"]).status is ApplicationStatus.REJECTED


def test_not_about_an_application_forgets_it(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "info_request", "still_deciding")
    response = client.post(f"/replies/{ids['info_request']}/unmatch")
    assert response.status_code == 303
    assert flash(client).startswith("Forgot that message")
    assert "respond" not in agenda_kinds(env, apps["acme"])
    soup = client.soup("/replies")
    assert soup.find(id=f"reply-{ids['info_request']}") is None
    assert soup.find(id=f"reply-{ids['still_deciding']}") is not None
    client.soup(f"/replies/{ids['info_request']}", status=404)
    # Importing the same file again does not bring it back.
    report = import_mail(env, MAIL / f"{SAMPLES['info_request']}.eml")
    assert (report.matched, report.skipped) == (0, 1)


def test_with_htmx_the_list_is_swapped_in_place_with_a_message(
    client: WebClient, env: Env, apps: dict[str, int]
) -> None:
    ids = deliver(env, "rejection", "still_deciding")
    soup = client.soup("/replies")
    form = f"form[action='/replies/{ids['rejection']}/confirm']"
    assert attr(soup, form, "hx-post") == f"/replies/{ids['rejection']}/confirm"
    assert attr(soup, form, "hx-target") == "#replies-list"
    response = client.http.post(
        f"/replies/{ids['rejection']}/confirm",
        headers={"HX-Request": "true", "HX-Target": "replies-list", "X-CSRF-Token": client.token()},
    )
    assert response.status_code == 200
    part = BeautifulSoup(response.text, "html.parser")
    assert part.find("html") is None
    assert text_of(part, "#confirm-heading") == "To confirm 1"
    assert "Confirmed" in card(part, ids["rejection"])
    assert attr(part, "#messages", "hx-swap-oob") == "innerHTML"
    assert "Closed Data Analyst at ACME Corp as rejected" in text_of(part, "#messages")


def test_a_move_without_a_target_is_explained(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "info_request")
    response = client.post(f"/replies/{ids['info_request']}/move", {})
    assert response.status_code == 422
    assert "choose the application this message belongs to" in response.text


# -- one message ----------------------------------------------------------------------------


def test_one_message_shows_its_text_with_the_quoted_thread_folded(
    client: WebClient, env: Env, apps: dict[str, int]
) -> None:
    ids = deliver(env, "info_request", "rejection")
    soup = client.soup(f"/replies/{ids['rejection']}")
    assert text_of(soup, "h1") == "Re: Data Analyst interview"
    assert attr(soup, ".page-head a", "href") == f"/applications/{apps['acme']}"
    own = el(soup, ".message > .mail-text").get_text()
    assert own.startswith("Hi Alex,")
    assert "move forward with another candidate" in own
    assert "wrote:" not in own
    quoted = el(soup, "details.quoted .mail-text").get_text()
    assert quoted.startswith("On Mon, Nov 9, 2026 at 4:02 PM Alex Morgan")
    assert "> Dear Ms Lee," in quoted
    facts = text_of(soup, "dl.facts")
    assert "From Ann Lee <ann.lee@acme.example>" in facts
    assert "To alex.morgan@example.net" in facts

    request = client.soup(f"/replies/{ids['info_request']}")
    steps = text_of(request, "section[aria-labelledby=next-heading]")
    assert "Reply to them (email) to Ann Lee" in steps
    respond = next(i for i in agenda.agenda(env) if i.kind == "respond")
    assert request.select_one(f"a[href='/drafts/{respond.id}']") is not None


def test_confirming_from_the_message_returns_to_it(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    ids = deliver(env, "offer")
    page = client.soup(f"/replies/{ids['offer']}")
    back = attr(page, f"form[action='/replies/{ids['offer']}/confirm'] input[name=next]", "value")
    response = client.post(f"/replies/{ids['offer']}/confirm", {"next": back})
    assert response.headers["location"] == f"/replies/{ids['offer']}"
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.OFFER
    # Only this app's own pages are followed back to.
    ids2 = deliver(env, "info_request")
    response = client.post(f"/replies/{ids2['info_request']}/confirm", {"next": "https://evil.example/"})
    assert response.headers["location"] == "/replies"


def test_messages_are_shown_as_text_never_as_markup(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    message = EmailMessage()
    message["From"] = '"Ann <b>Lee</b>" <ann.lee@acme.example>'
    message["To"] = "alex.morgan@example.net"
    message["Subject"] = "<script>alert('subject')</script>"
    message["Date"] = format_datetime(datetime.fromisoformat("2026-11-16T09:00:00+01:00"))
    message["Message-ID"] = "<evil@acme.example>"
    message.set_content("Unfortunately we decided not to move forward. <img src=x onerror=alert(1)>")
    mail_id = replies.import_upload(env, "evil.eml", message.as_bytes()).messages[0].mail_id
    for url in ("/replies", f"/replies/{mail_id}"):
        soup = client.soup(url)
        assert not soup.select("main script, main img, main b")
        assert "<script>alert('subject')</script>" in soup.get_text()
    assert "<img src=x onerror=alert(1)>" in text_of(client.soup(f"/replies/{mail_id}"), ".mail-text")


# -- importing a file -----------------------------------------------------------------------


def test_importing_a_saved_message(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    raw = (MAIL / f"{SAMPLES['still_deciding']}.eml").read_bytes()
    files = {"mailfile": ("decision.eml", raw, "message/rfc822")}
    response = client.http.post("/replies/import", data={"csrf_token": client.token()}, files=files)
    assert response.status_code == 303
    assert flash(client) == "Read 1 message from decision.eml: 1 about your applications, 1 new reply."
    soup = client.soup("/replies")
    assert "Still deciding" in text_of(soup, "#replies-list")
    # The same file again records nothing twice.
    client.http.post("/replies/import", data={"csrf_token": client.token()}, files=files)
    assert flash(client).endswith("1 about your applications, 0 new replies.")
    assert len(client.soup("/replies").select(".reply")) == 1


def test_an_unrelated_file_keeps_nothing(client: WebClient, env: Env, apps: dict[str, int]) -> None:
    message = EmailMessage()
    message["From"] = "friend@example.org"
    message["Subject"] = "dinner"
    message.set_content("see you at 8")
    files = {"mailfile": ("friend.eml", message.as_bytes(), "message/rfc822")}
    client.http.post("/replies/import", data={"csrf_token": client.token()}, files=files)
    assert flash(client) == "Read 1 message from friend.eml; none was about your applications, so nothing was kept."
    assert env.conn.execute("SELECT count(*) FROM mail_message").fetchone() == (0,)


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({}, "Choose a mail file first"),
        ({"mailfile": ("cv.pdf", b"%PDF-1.4 binary", "application/pdf")}, "The file cv.pdf is not a saved email"),
        ({"mailfile": ("notes.eml", b"just some words", "message/rfc822")}, "does not look like an email"),
        # The file's name as it is written, not "Empty.eml".
        ({"mailfile": ("empty.eml", b"", "message/rfc822")}, "empty.eml: the file is empty. Choose an .eml"),
    ],
)
def test_a_bad_upload_is_explained_next_to_the_field(
    client: WebClient, apps: dict[str, int], files: dict[str, tuple[str, bytes, str]], problem: str
) -> None:
    data = {"csrf_token": client.token()}
    response = client.http.post("/replies/import", data=data, files=files or {"other": ("x", b"", "text/plain")})
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert problem in text_of(soup, "#mailfile-error")
    assert attr(soup, "#mailfile", "aria-invalid") == "true"


# -- checking the mailbox (a real IMAP server) ----------------------------------------------


def mailbox_with_a_reply(env: Env, imap_server, monkeypatch) -> None:
    """A mail account on the real Dovecot server, whose INBOX holds Ann's "still deciding" reply."""
    monkeypatch.setenv("FOLLOWUP_TEST_IMAP_PASSWORD", PASSWORD)
    user = imap_server.new_user()
    account = MailAccount(
        name="work",
        email="alex.morgan@example.net",
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security="none",
        imap_user=user,
        password_env="FOLLOWUP_TEST_IMAP_PASSWORD",
    )
    add_account(env.config_path, account)
    imap_server.deliver(user, (MAIL / f"{SAMPLES['still_deciding']}.eml").read_bytes())


def test_check_mail_now_reads_the_mailbox_in_the_background(
    client: WebClient, env: Env, apps: dict[str, int], imap_server, monkeypatch
) -> None:
    mailbox_with_a_reply(env, imap_server, monkeypatch)

    soup = client.soup("/replies")
    assert el(soup, "#mail-check button").get_text(strip=True) == "Check mail now"
    assert "Press Check mail now" in text_of(soup, ".replies-empty")
    started = client.htmx("POST", "/replies/check")
    assert started.status_code == 200
    assert BeautifulSoup(started.text, "html.parser").select_one("#mail-check") is not None

    deadline = time.monotonic() + 30
    while True:
        poll = client.htmx("GET", "/replies/check")
        if poll.headers.get("HX-Refresh") == "true":
            break
        status = BeautifulSoup(poll.text, "html.parser")
        assert attr(status, "#mail-check", "hx-trigger") == "every 1s"  # keeps polling while it runs
        assert time.monotonic() < deadline, poll.text
        time.sleep(0.2)

    soup = client.soup("/replies")
    assert text_of(soup, ".mail-check-status") == "Checked your mail: 1 new reply, 1 new message in all."
    assert "Still deciding" in text_of(soup, "#replies-list")
    # The result is shown once.
    assert text_of(client.soup("/replies"), ".mail-check-status") == ""


def test_a_failing_mail_check_says_why(client: WebClient, env: Env, apps: dict[str, int], monkeypatch) -> None:
    monkeypatch.delenv("FOLLOWUP_TEST_IMAP_PASSWORD", raising=False)
    account = MailAccount(
        name="work",
        email="alex.morgan@example.net",
        imap_host="127.0.0.1",
        imap_port=1,
        imap_security="none",
        password_env="FOLLOWUP_TEST_IMAP_PASSWORD",
    )
    add_account(env.config_path, account)
    response = client.post("/replies/check")
    assert response.status_code == 303
    deadline = time.monotonic() + 20
    while client.app.app.state.mail_checks[env.owner].running:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    status = text_of(client.soup("/replies"), ".mail-check-status")
    assert status.startswith("Could not check your mail:")


# -- the quoted-text split ------------------------------------------------------------------


def test_the_split_finds_outlook_headers_and_quote_marks() -> None:
    outlook = "Thanks, see below.\n\nFrom: Ann Lee\nSent: Monday\nTo: Alex\nSubject: Re\n\nolder text"
    assert replies.split_quoted(outlook) == replies.Body(
        "Thanks, see below.", "From: Ann Lee\nSent: Monday\nTo: Alex\nSubject: Re\n\nolder text"
    )
    assert replies.split_quoted("> only a quote").quoted == ""
    assert replies.split_quoted("Yes.\r\n> Did you?\r\n").own == "Yes."


@given(st.lists(st.sampled_from(["Hello", "> quoted", "", "On Mon, Ann wrote:", "-- ", "Thanks!", "  "]), max_size=12))
def test_the_split_loses_nothing_and_keeps_quotes_out_of_the_own_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    body = replies.split_quoted(text)
    assert "".join((body.own + body.quoted).split()) == "".join(text.split())
    if body.quoted:
        assert not any(line.startswith(">") for line in body.own.split("\n"))
        assert body.own.strip()


# -- in a real browser ----------------------------------------------------------------------


def test_replies_empty_in_a_browser(live, page, apps: dict[str, int]) -> None:
    page.goto(f"{live.url}/replies")
    assert_accessible(page)
    shoot(page, "replies-empty")


def test_confirming_a_reply_in_a_browser(live, page, env: Env, apps: dict[str, int]) -> None:
    from playwright.sync_api import expect

    ids = deliver(env, "rejection", "still_deciding", "next_round")
    page.goto(f"{live.url}/replies")
    expect(page.get_by_role("heading", name="To confirm 3")).to_be_visible()
    assert_accessible(page)
    shoot(page, "replies")
    page.locator(f"#reply-{ids['rejection']}").get_by_role("button", name=re.compile("^Close as rejected")).click()
    expect(page.locator("#messages")).to_have_text(
        "Closed Data Analyst at ACME Corp as rejected. Its follow-ups have stopped."
    )
    expect(page.get_by_role("heading", name="To confirm 2")).to_be_visible()
    expect(page.locator(f"#reply-{ids['rejection']}")).to_contain_text("Confirmed")
    assert records.get_application(env.store, apps["acme"]).status is ApplicationStatus.REJECTED
    assert_accessible(page)


def test_one_reply_in_a_browser(live, page, env: Env, apps: dict[str, int]) -> None:
    from playwright.sync_api import expect

    ids = deliver(env, "still_deciding")
    page.goto(f"{live.url}/replies")
    page.get_by_role("link", name="Re: Follow-up on Data Analyst interview").click()
    expect(page).to_have_url(f"{live.url}/replies/{ids['still_deciding']}")
    quoted = page.locator("details.quoted .mail-text")
    expect(quoted).to_be_hidden()
    page.get_by_text("Show the earlier messages quoted below it").click()
    expect(quoted).to_be_visible()
    assert_accessible(page)
    shoot(page, "reply")


def test_check_mail_now_in_a_browser(live, page, env: Env, apps: dict[str, int], imap_server, monkeypatch) -> None:
    from playwright.sync_api import expect

    mailbox_with_a_reply(env, imap_server, monkeypatch)
    page.goto(f"{live.url}/replies")
    page.get_by_role("button", name="Check mail now").click()
    # The page polls while the worker thread reads the mailbox, then reloads by itself.
    expect(page.locator(".mail-check-status")).to_have_text(
        "Checked your mail: 1 new reply, 1 new message in all.", timeout=30_000
    )
    expect(page.get_by_role("heading", name="To confirm 1")).to_be_visible()
    assert_accessible(page)
