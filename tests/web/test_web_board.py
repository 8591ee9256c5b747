"""Moving a card on the board: no column chosen by default, room for the choice, an Undo, head counts that follow."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from playwright.sync_api import expect

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ApplicationStatus
from web.test_web_applications import seed, status_of
from web.web_support import DESKTOP, PHONE, WebClient, assert_accessible, shoot, text_of


def test_move_to_starts_with_no_column_chosen_and_an_empty_choice_moves_nothing(client: WebClient, env: Env) -> None:
    apps = seed(env)
    soup = client.soup("/applications")
    select = soup.select_one(f"#card-{apps['waiting'].id} select[name=to]")
    assert select is not None
    chosen = select.select_one("option[selected]")
    assert chosen is not None
    assert chosen["value"] == ""
    assert chosen.get_text() == "Move to…"
    assert select.has_attr("required")  # the browser asks for a choice, even without JavaScript
    # Pressing Move without a choice (a browser that ignores `required`) is refused: nothing moves backwards.
    response = client.post(f"/applications/{apps['waiting'].id}/move", {"to": ""})
    assert response.status_code == 422
    assert "choose the column" in response.text
    assert status_of(env, apps["waiting"]) is ApplicationStatus.ACTIVE
    page = client.soup(f"/applications/{apps['waiting'].id}")
    assert page.select_one("#app-move option[selected]")["value"] == ""  # type: ignore[index]


def test_a_move_with_htmx_brings_the_head_counts_along(client: WebClient, env: Env) -> None:
    apps = seed(env)
    assert "1 offer" in text_of(client.soup("/applications"), "#board-summary")
    response = client.htmx("POST", f"/applications/{apps['waiting'].id}/move", {"to": "offer"})

    soup = BeautifulSoup(response.text, "html.parser")
    summary = soup.select_one('#board-summary[hx-swap-oob="true"]')
    assert summary is not None
    assert "2 offers" in summary.get_text()
    undo = soup.select_one("#messages form")
    assert undo is not None
    assert undo.select_one("input[name=to]")["value"] == "waiting"  # type: ignore[index]


def _select_fits(page: Any) -> list[str]:
    """Each card's Move to list and button inside the card, and the list wide enough for its longest choice."""
    problems: list[str] = page.evaluate(
        """() => {
          const problems = [];
          const canvas = document.createElement("canvas").getContext("2d");
          for (const card of document.querySelectorAll(".board-card")) {
            const box = card.getBoundingClientRect();
            const select = card.querySelector("select[name=to]");
            const button = card.querySelector("form.move-form button");
            for (const part of [select, button]) {
              const r = part.getBoundingClientRect();
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5) problems.push(card.id + " overflows");
            }
            const style = getComputedStyle(select);
            canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const widest = Math.max(...[...select.options].map((o) => canvas.measureText(o.text).width));
            // the text, the padding and the arrow
            if (widest + 28 > select.clientWidth) problems.push(`${card.id}: ${select.clientWidth}px for ${widest}px`);
          }
          return problems;
        }"""
    )
    return problems


def test_move_to_has_room_in_narrow_columns_and_on_a_phone(live: Any, page: Any, env: Env) -> None:
    seed(env)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live.url}/applications")
    assert _select_fits(page) == []
    page.set_viewport_size(PHONE)
    assert _select_fits(page) == []
    shoot(page, "applications-board-moves")


def test_move_waits_for_a_choice_and_a_drag_to_offer_can_be_undone(live: Any, page: Any, env: Env) -> None:
    apps = seed(env)
    waiting = apps["waiting"]
    page.goto(f"{live.url}/applications")
    button = page.get_by_role("button", name="Move Initech")
    expect(button).to_be_disabled()
    page.locator(f"#move-{waiting.id}").select_option("offer")
    expect(button).to_be_enabled()

    expect(page.locator("#board-summary")).to_have_text("3 open applications, 1 offer, 1 closed.")
    page.drag_and_drop(f"#card-{waiting.id} h3", 'section.board-column[data-stage="offer"]')
    expect(page.locator("#messages")).to_contain_text("Initech moved to Offer")
    expect(page.locator("#board-summary")).to_have_text("2 open applications, 2 offers, 1 closed.")
    assert status_of(env, waiting) is ApplicationStatus.OFFER
    assert_accessible(page)
    shoot(page, "applications-board-undo")

    page.locator("#messages").get_by_role("button", name="Undo").click()
    expect(page.locator('section.board-column[data-stage="waiting"]')).to_contain_text("Initech")
    expect(page.locator("#board-summary")).to_have_text("3 open applications, 1 offer, 1 closed.")
    expect(page.locator("#messages")).to_contain_text("back in Waiting")
    expect(page.locator("#messages").get_by_role("button", name="Undo")).to_have_count(0)
    assert status_of(env, waiting) is ApplicationStatus.ACTIVE


def test_closing_from_the_board_can_be_undone_with_its_reason_kept(live: Any, page: Any, env: Env) -> None:
    apps = seed(env)
    page.goto(f"{live.url}/applications")
    page.drag_and_drop(f"#card-{apps['closed'].id} h3", 'section.board-column[data-stage="offer"]')
    expect(page.locator("#messages")).to_contain_text("Umbrella")
    assert status_of(env, apps["closed"]) is ApplicationStatus.OFFER
    page.locator("#messages").get_by_role("button", name="Undo").click()
    expect(page.locator('section.board-column[data-stage="closed"]')).to_contain_text("Umbrella")
    assert status_of(env, apps["closed"]) is ApplicationStatus.REJECTED


def test_a_plain_move_comes_back_with_an_undo_that_works_without_javascript(client: WebClient, env: Env) -> None:
    apps = seed(env)
    waiting = apps["waiting"]
    page_url = f"/applications/{waiting.id}"
    moved = client.post(f"{page_url}/move", {"to": "offer", "next": page_url})
    assert moved.headers["location"] == page_url
    soup = client.soup(page_url)
    assert "Initech moved to Offer" in text_of(soup, "#messages")
    undo = soup.select_one("#messages form")
    assert undo is not None
    assert undo["action"] == f"{page_url}/move"
    fields = {str(i["name"]): str(i["value"]) for i in undo.select("input") if i["name"] != "csrf_token"}
    assert fields == {"to": "waiting", "undo": "1", "next": page_url}
    assert status_of(env, waiting) is ApplicationStatus.OFFER

    back = client.post(undo["action"], fields)
    soup = client.soup(back.headers["location"])
    assert "back in Waiting" in text_of(soup, "#messages")
    assert soup.select_one("#messages form") is None  # taking back a move is not offered to be taken back
    assert status_of(env, waiting) is ApplicationStatus.ACTIVE
    assert client.soup(page_url).select_one("#messages form") is None  # shown once


def test_a_forged_undo_in_the_message_cookie_is_ignored(client: WebClient, env: Env) -> None:
    from urllib.parse import quote

    seed(env)
    client.http.cookies.set("followup_flash", quote("ok:Moved."), path="/")
    forged = quote('{"path": "https://evil.example/x", "fields": {"a": "b"}}')
    client.http.cookies.set("followup_flash_undo", forged, path="/")
    soup = client.soup("/applications")
    assert "Moved." in text_of(soup, "#messages")
    assert soup.select_one("#messages form") is None


def _marked(env: Env) -> dict[str, Any]:
    """The seed, with stars and tags on two open applications (one with more tags than a card shows)."""
    apps = seed(env)
    applications.edit_application(
        env, apps["applied"].id, applications.ApplicationChanges(excitement=4, tags="remote, fintech, python, sql, dbt")
    )
    applications.edit_application(env, apps["waiting"].id, applications.ApplicationChanges(excitement=2))
    return apps


def test_a_card_shows_its_stars_and_up_to_three_tags(client: WebClient, env: Env) -> None:
    apps = _marked(env)
    soup = client.soup("/applications")
    card = soup.select_one(f"#card-{apps['applied'].id}")
    assert card is not None
    stars = card.select_one(".card-stars")
    assert stars is not None
    assert stars.get_text() == "★★★★"
    assert stars["role"] == "img"
    assert stars["aria-label"] == "Excitement 4 of 5"
    assert [chip.get_text(" ", strip=True) for chip in card.select(".card-tags .chip")] == [
        "remote",
        "fintech",
        "python",
        "+2 more",
    ]
    tags = card.select_one(".card-tags")
    assert tags is not None
    assert tags.get_text(" ", strip=True) == "Tags: remote , fintech , python +2 more"
    waiting = soup.select_one(f"#card-{apps['waiting'].id}")
    assert waiting is not None
    stars = waiting.select_one(".card-stars")
    assert stars is not None
    assert stars.get_text() == "★★"
    assert waiting.select_one(".card-tags") is None  # no tags, no empty line
    plain = soup.select_one(f"#card-{apps['interviewing'].id}")
    assert plain is not None
    assert plain.select_one(".card-stars") is None


def test_stars_and_tags_cost_a_card_at_most_one_line_on_a_phone(live: Any, page: Any, env: Env) -> None:
    apps = _marked(env)
    plain = applications.add_application(env, applications.NewApplication(company="Plain Co", role="Data Analyst"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/applications")

    def height(app_id: int) -> float:
        box = page.locator(f"#card-{app_id}").bounding_box()
        assert box is not None
        return float(box["height"])

    # Same column, same kind of role: the stars sit on the role's line, the tags on one line of their own.
    extra = height(apps["applied"].id) - height(plain.id)
    assert 0 < extra <= 26, f"stars and tags make a card {extra}px taller on a phone"
    expect(page.locator(f"#card-{apps['applied'].id} .card-stars")).to_have_accessible_name("Excitement 4 of 5")
    # In the narrow columns of a desktop board each tag is shown whole (the chips wrap instead).
    page.set_viewport_size(DESKTOP)
    cut = page.eval_on_selector_all(
        f"#card-{apps['applied'].id} .card-tags .chip",
        "chips => chips.filter((c) => c.scrollWidth > c.clientWidth + 1).length",
    )
    assert cut == 0, "a tag is cut short in a desktop column"
    assert_accessible(page)
    shoot(page, "applications-board-marks")
