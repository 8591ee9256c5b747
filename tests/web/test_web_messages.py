"""The one-line message after an action ("Marked done: …"): shown once, on the page it leads to, then gone."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from followup.app.context import Env
from web.test_web_today import find, interviewed
from web.web_support import WebClient


def test_a_message_is_shown_once_and_its_page_is_not_kept_for_back(env: Env, clock: Any, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    done = client.post(f"/actions/{thank_you.id}/done")
    shown = client.get(done.headers["location"])
    assert "Marked done" in shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert "Changed your mind?" in shown.text
    again = client.get(done.headers["location"])  # a reload
    assert "Marked done" not in again.text
    assert "Changed your mind?" not in again.text  # nor an Undo for something decided long ago


def test_going_back_to_a_page_does_not_bring_its_old_message_back(env: Env, clock: Any, live: Any, page: Any) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    page.goto(live.url + "/")
    # The plain form, as without JavaScript: a page load, and the message on the page it leads to.
    page.locator(f"#item-{thank_you.id} form.done-form").evaluate("form => form.submit()")
    expect(page.locator("#messages")).to_contain_text("Marked done: Thank-you (email) for Ann Lee.")
    page.get_by_role("link", name="Applications").first.click()
    expect(page.locator("h1")).to_have_text("Applications")
    expect(page.locator("#messages")).to_have_text("")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Today")
    expect(page.locator("#messages")).to_have_text("")
    expect(page.locator(".undo-bar")).to_have_count(0)


def test_the_next_action_on_the_page_takes_the_last_message_away(env: Env, clock: Any, live: Any, page: Any) -> None:
    first = interviewed(env)
    second = interviewed(env, "Nordwind GmbH", "Product Manager", person="Lea Kraus", email="lea@nordwind.example")
    clock.set("2026-11-18T16:00:00+01:00")
    one, other = find(env, "thank_you", first), find(env, "thank_you", second)
    page.goto(live.url + "/")
    page.locator(f"#item-{one.id} form.done-form").evaluate("form => form.submit()")
    expect(page.locator("#messages")).to_contain_text("Marked done: Thank-you (email) for Ann Lee.")
    page.locator(f"#item-{other.id}").get_by_role("button", name="Mark done").click()
    expect(page.locator(f"#item-{other.id}")).to_contain_text("Marked done: Thank-you (email) for Lea Kraus.")
    expect(page.locator("#messages")).not_to_contain_text("Ann Lee")
