"""The import page: the column-mapping step, the rows already here, and a help text that says what it does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

from followup.app.context import Env
from followup.domain.model import ApplicationStatus
from followup.store import records
from web.web_support import DESKTOP, PHONE, SCREENSHOTS, WebClient, assert_accessible, shoot, text_of

DATA = Path(__file__).parent.parent / "data"
ODD = (DATA / "odd_columns.csv").read_bytes()


def upload(client: WebClient, data: bytes, name: str = "jobs.csv") -> Any:
    form = {"csrf_token": client.token(), "step": "check"}
    return client.http.post("/applications/import", data=form, files={"file": (name, data, "text/csv")})


def form_of(soup: BeautifulSoup) -> dict[str, str]:
    """What the preview's form sends as it stands: its inputs and each select's chosen option."""
    form = soup.select_one(".import-preview form")
    assert form is not None
    fields = {str(i["name"]): str(i["value"]) for i in form.select("input") if i.get("name") != "csrf_token"}
    for select in form.select("select"):
        chosen = select.select_one("option[selected]") or select.select_one("option")
        assert chosen is not None
        fields[str(select["name"])] = str(chosen["value"])
    return fields


def read_as(soup: BeautifulSoup) -> dict[str, str]:
    """Each column's label and the option chosen for it."""
    found = {}
    for field in soup.select(".column-map .field"):
        label, chosen = field.select_one("label"), field.select_one("option[selected]")
        assert label is not None
        assert chosen is not None
        found[label.get_text(strip=True)] = chosen.get_text(strip=True)
    return found


def summary_of(step: Tag) -> str:
    """The mapping step's one line, as read."""
    summary = step.select_one("summary")
    assert summary is not None
    return " ".join(summary.get_text(" ", strip=True).split())


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def test_the_preview_shows_what_each_column_is_read_as_and_asks_for_the_missing_role(client: WebClient) -> None:
    response = upload(client, ODD, "odd.csv")
    assert response.status_code == 422
    soup = soup_of(response)
    assert read_as(soup) == {
        "Firm": "Company",
        "Gig": "Keep in notes",
        "Where": "Keep in notes",
        "€": "Keep in notes",
        "When?": "Keep in notes",
        "Result": "Keep in notes",
        "Why I want it": "Keep in notes",
        "Column 8": "Keep in notes",
        "Interview on": "Interview date",
    }
    assert text_of(soup, "#column-1-hint") == "For example: Backend Developer · Full-stack Developer"
    problems = [li.get_text(" ", strip=True) for li in soup.select(".import-problems li")]
    assert problems == [
        "Header (row 1) : no column is read as the role: choose it under “Read as” above, or name one "
        '"Role" (or Position, Job Title, Title)'
    ]
    assert soup.select_one("button[value=confirm]") is None
    options = [o.get_text(strip=True) for o in soup.select("#column-1 option")]
    assert options[:3] == ["Company", "Role", "Status"]
    assert options[-2:] == ["Keep in notes", "Leave out"]


def test_a_mapping_chosen_on_the_page_imports_and_is_remembered_for_the_same_header(
    client: WebClient, env: Env
) -> None:
    fields = form_of(soup_of(upload(client, ODD, "odd.csv")))
    fields |= {"column-1": "role", "column-4": "applied_on", "column-5": "status", "step": "check"}
    soup = soup_of(client.post("/applications/import", fields))
    assert read_as(soup)["Gig"] == "Role"
    assert "importing it would add 4 applications and 1 interview" in text_of(soup, ".import-preview")
    assert records.list_applications(env.store) == []
    confirm = form_of(soup) | {"step": "confirm"}
    response = client.post("/applications/import", confirm)
    assert response.status_code == 303
    apps = {a.company: a for a in records.list_applications(env.store)}
    assert apps["Pied Piper"].role == "Backend Developer"
    assert apps["Aviato"].status is ApplicationStatus.REJECTED
    assert "Where: Palo Alto" in (apps["Pied Piper"].notes or "")
    # The next file with the same header starts from the choice, and says so.
    soup = soup_of(upload(client, ODD, "odd-again.csv"))
    assert read_as(soup)["Gig"] == "Role"
    assert "Read as you chose for this header last time." in text_of(soup, ".import-preview")
    # Nothing in it needs a look now: the step starts folded, and says why in one line.
    step = soup.select_one("details.column-step")
    assert step is not None
    assert not step.has_attr("open")
    assert summary_of(step) == "All 9 columns read as you chose last time · Change what a column is read as"


def test_the_mapping_step_starts_folded_only_when_every_column_is_recognised(client: WebClient) -> None:
    def step_of(sheet: bytes) -> tuple[bool, str]:
        step = soup_of(upload(client, sheet)).select_one("details.column-step")
        assert step is not None
        return step.has_attr("open"), summary_of(step)

    assert step_of((DATA / "teal_export.csv").read_bytes()) == (
        False,
        "All 14 columns recognised (Teal export) · Change what a column is read as",
    )
    assert step_of(b"Company,Role,Status,Link\nACME,Analyst,Applied,\n") == (
        False,
        "All 4 columns recognised · Change what a column is read as",
    )
    assert step_of(b"Company,Role,Mood\nACME,Analyst,keen\n") == (
        True,
        "1 of 3 columns not recognised · Choose what each is read as",
    )
    # A file that cannot be imported as read shows the step open, whatever its names.
    assert step_of(b"Company,Role,Applied\nACME,Analyst,2026-13-40\n")[0]


def test_a_mapping_changed_without_checking_again_is_previewed_not_imported(client: WebClient, env: Env) -> None:
    sheet = b"Company,Role,Where\nACME,Analyst,Paris\n"
    fields = form_of(soup_of(upload(client, sheet)))
    fields |= {"column-2": "location", "step": "confirm"}
    response = client.post("/applications/import", fields)
    assert response.status_code == 200
    soup = soup_of(response)
    assert "You changed how the file is read" in text_of(soup, ".import-preview")
    assert records.list_applications(env.store) == []
    response = client.post("/applications/import", form_of(soup) | {"step": "confirm"})
    assert response.status_code == 303
    [app] = records.list_applications(env.store)
    assert (app.location, app.notes) == ("Paris", None)


def test_rows_already_here_are_offered_as_leave_out_or_update(client: WebClient, env: Env) -> None:
    first = b"Company,Role,Status,Link\nACME,Analyst,Applied,https://acme.example/1\nGlobex,Engineer,Applied,\n"
    client.post("/applications/import", form_of(soup_of(upload(client, first))) | {"step": "confirm"})
    later = first.replace(b"Applied,https", b"Rejected,https") + b"Initech,Analyst,Applied,\n"
    soup = soup_of(upload(client, later))
    assert [li.select_one("label").get_text(" ", strip=True) for li in soup.select(".duplicates li")] == [  # type: ignore[union-attr]
        "Row 2: ACME, Analyst (the same posting link as an application you have)",
        "Row 3: Globex, Engineer (the same company, role and date as an application you have)",
    ]
    assert [s.select_one("option[selected]")["value"] for s in soup.select(".duplicates select")] == ["skip", "skip"]  # type: ignore[index]
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select(".preview-table tbody tr")]
    assert [row[-1] for row in rows] == ["Left out: already here", "Left out: already here", "Added"]
    assert text_of(soup, "button[value=confirm]") == "Import 1 application"
    response = client.post("/applications/import", form_of(soup) | {"row-2": "update", "step": "confirm"})
    assert response.status_code == 303
    apps = {a.company: a for a in records.list_applications(env.store)}
    assert sorted(apps) == ["ACME", "Globex", "Initech"]
    assert apps["ACME"].status is ApplicationStatus.REJECTED


def test_the_same_file_again_adds_nothing_and_says_so(client: WebClient, env: Env) -> None:
    sheet = b"Company,Role\nACME,Analyst\n"
    client.post("/applications/import", form_of(soup_of(upload(client, sheet))) | {"step": "confirm"})
    soup = soup_of(upload(client, sheet))
    assert "Everything in this file is here already." in text_of(soup, ".import-preview")
    assert "would add nothing (1 row already here would be left out)" in text_of(soup, ".import-preview")
    assert text_of(soup, "button[value=confirm]") == "Update the rows chosen"
    assert len(records.list_applications(env.store)) == 1


def test_the_help_text_says_what_the_import_does(client: WebClient, env: Env) -> None:
    help_text = text_of(client.soup("/applications/import"), "details.help")
    # Each promise of the help, and the import keeping it.
    assert "Wishlist, Saved or Bookmarked go on the wishlist" in help_text
    assert "kept in the notes, never dropped" in help_text
    assert "without one the application goes to Interviewing without a day, with the stage in its notes" in help_text
    assert "importing the same file twice adds nothing" in help_text
    assert "skipped" not in help_text
    assert "left out, and you are told" not in help_text
    sheet = b"Company,Role,Status,Mood\nA,Analyst,Saved,keen\nB,Analyst,Interview,\nC,Analyst,Ghosted,\n"
    for _ in range(2):
        client.post("/applications/import", form_of(soup_of(upload(client, sheet))) | {"step": "confirm"})
    apps = {a.company: a for a in records.list_applications(env.store)}
    assert len(apps) == 3
    assert apps["A"].status is ApplicationStatus.WISHLIST
    assert apps["A"].notes == "Mood: keen"
    assert (apps["B"].status, apps["B"].notes) == (ApplicationStatus.ACTIVE, "Stage in the file: Interview")
    assert apps["C"].status is ApplicationStatus.CLOSED_NO_RESPONSE


# -- in a real browser ----------------------------------------------------------------------


def test_map_the_columns_of_an_odd_sheet_in_the_browser(live: Any, page: Any, env: Env, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    sheet = tmp_path / "my-odd-sheet.csv"
    sheet.write_bytes(ODD)
    page.goto(f"{live.url}/applications/import")
    page.get_by_label("Spreadsheet or backup file").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".import-problems")).to_contain_text("no column is read as the role")
    page.get_by_label("Gig", exact=True).select_option("role")
    page.get_by_label("When?").select_option("applied_on")
    page.get_by_label("Result").select_option("status")
    page.get_by_role("button", name="Check again with these columns").click()
    expect(page.get_by_role("heading", name="Ready to import my-odd-sheet.csv")).to_be_visible()
    expect(page.get_by_label("Gig", exact=True)).to_have_value("role")
    assert_accessible(page)
    shoot(page, "import-mapping")
    # For the README: one phone screen of the step itself, from the preview's heading.
    page.set_viewport_size(PHONE)
    page.evaluate(
        "const bar = document.querySelector('body > header')?.getBoundingClientRect().height || 0;"
        "window.scrollBy(0, document.querySelector('.import-preview').getBoundingClientRect().top - bar - 8)"
    )
    page.screenshot(path=str(SCREENSHOTS / "import-mapping-phone-screen.png"))
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Import 4 applications").click()
    expect(page.locator("#messages")).to_contain_text("Imported 4 applications and 1 interview.")
    assert len(records.list_applications(env.store)) == 4


def test_choose_to_update_a_row_already_here_in_the_browser(live: Any, page: Any, env: Env, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Role,Status,Link\nACME,Analyst,Applied,https://acme.example/1\n", encoding="utf-8")
    for status in ("Applied", "Offer"):
        sheet.write_text(f"Company,Role,Status,Link\nACME,Analyst,{status},https://acme.example/1\n", encoding="utf-8")
        page.goto(f"{live.url}/applications/import")
        page.get_by_label("Spreadsheet or backup file").set_input_files(str(sheet))
        page.get_by_role("button", name="Check the file").click()
        if status == "Applied":
            page.get_by_role("button", name="Import 1 application").click()
            expect(page.locator("#messages")).to_contain_text("Imported 1 application.")
    expect(page.get_by_role("heading", name="Already here")).to_be_visible()
    choice = page.get_by_label("Row 2: ACME, Analyst")
    expect(choice).to_have_value("skip")
    choice.select_option("update")
    assert_accessible(page)
    page.get_by_role("button", name="Update the rows chosen").click()
    expect(page.locator("#messages")).to_contain_text("Imported nothing and updated 1 application.")
    [app] = records.list_applications(env.store)
    assert app.status is ApplicationStatus.OFFER


def test_a_backup_imported_where_it_came_from_adds_nothing(client: WebClient, env: Env) -> None:
    client.post(
        "/applications/import", form_of(soup_of(upload(client, b"Company,Role\nACME,Analyst\n"))) | {"step": "confirm"}
    )
    backup = client.get("/applications/export.json").content
    soup = soup_of(upload(client, backup, name="followup.json"))
    assert "would add nothing (1 application already here would be left out)" in text_of(soup, ".import-preview")
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select(".preview-table tbody tr")]
    assert rows == [["ACME", "Analyst", "Open", "Left out: already here"]]
    assert "Everything in this file is here already." in text_of(soup, ".import-preview")
    client.post("/applications/import", form_of(soup) | {"step": "confirm"})
    assert len(records.list_applications(env.store)) == 1


def test_a_known_trackers_columns_start_folded_and_an_odd_sheets_open_in_the_browser(
    live: Any, page: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    def check(name: str) -> None:
        page.set_viewport_size(PHONE)
        page.goto(f"{live.url}/applications/import")
        page.get_by_label("Spreadsheet or backup file").set_input_files(str(DATA / name))
        page.get_by_role("button", name="Check the file").click()
        expect(page.locator(".import-preview")).to_be_visible()

    check("teal_export.csv")
    step = page.locator("details.column-step")
    expect(step).not_to_have_attribute("open", "")
    expect(step.locator("summary")).to_have_text(
        "All 14 columns recognised (Teal export) · Change what a column is read as"
    )
    expect(page.get_by_label("Job Position", exact=True)).to_be_hidden()
    # Fourteen columns and nine rows fit in little more than three phone screens (each column
    # took a heading, an example and a select, and each row five labelled lines, before).
    assert page.evaluate("document.documentElement.scrollHeight") < 3000
    # A row is a short card: company — role on one line, each label on the line of its value.
    card = page.locator(".preview-table tbody tr").nth(2)
    expect(card).to_have_accessible_name(re.compile("^Quanta Labs — Senior Product Designer On the board: Applied"))
    company, role = card.locator("td").nth(0).bounding_box(), card.locator("td").nth(1).bounding_box()
    assert abs(company["y"] - role["y"]) < 4
    board, outcome = card.locator("td[data-label='On the board']"), card.locator("td[data-label='On import']")
    for cell in (board, outcome):
        assert cell.bounding_box()["height"] < 30
    step.locator("summary").click()
    expect(page.get_by_label("Job Position", exact=True)).to_have_value("role")
    assert_accessible(page)

    check("odd_columns.csv")
    step = page.locator("details.column-step")
    expect(step).to_have_attribute("open", "")
    expect(step.locator("summary")).to_have_text("7 of 9 columns not recognised · Choose what each is read as")
    # On a phone a column is one compact row: its name beside its select, the example under them.
    name, select = page.get_by_text("Why I want it", exact=True), page.get_by_label("Why I want it")
    name_box, select_box = name.bounding_box(), select.bounding_box()
    assert abs((name_box["y"] + name_box["height"] / 2) - (select_box["y"] + select_box["height"] / 2)) < 8
    assert name_box["x"] + name_box["width"] <= select_box["x"]
    # The button has room above what follows it.
    button = page.get_by_role("button", name="Check again with these columns").bounding_box()
    after = page.locator(".import-preview .import-problems").bounding_box()
    assert after["y"] - (button["y"] + button["height"]) >= 16
    page.get_by_label("Gig", exact=True).select_option("role")
    page.get_by_role("button", name="Check again with these columns").click()
    # Asked to check again, the step stays open to show what was chosen.
    expect(page.locator("details.column-step")).to_have_attribute("open", "")
    expect(page.get_by_label("Gig", exact=True)).to_have_value("role")
