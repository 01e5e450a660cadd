"""A workshop from start to finish in a real browser, in pages only (issue 18's Done-when): a
facilitator creates it, adds candidates by form and by spreadsheet, sets the criteria, invites
two scorers and opens it for scoring, then sets AHP weights; both scorers score; the
facilitator closes it, reads the ranking, sensitivity and selection, saves two scenarios,
compares them and downloads the XLSX."""

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from cpmo.users import service as users
from cpmo.workshops import service as workshops
from cpmo.workshops.read_models import workshop_view
from tests.browser.conftest import PASSWORD, Live, axe_violations, expect, sign_in

CODE = "harbour-and-schools-2027"


def _field(page: Any, field_id: str) -> Any:
    return page.locator(f"[id='{field_id}']")


def _check(page: Any, name: str) -> None:
    assert axe_violations(page) == [], name
    page.screenshot(path=f"/tmp/wsetup-{name}.png", full_page=True)


def _narrow(page: Any, name: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 376).slice(0, 5).map(e => e.tagName)"
    )
    page.screenshot(path=f"/tmp/wsetup-{name}-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 375, f"{name}: {width}px wide at 375px: {wide}"


def _sheet(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidates"
    sheet.append(["name", "sponsors", "2027", "2028"])
    sheet.append(["Harbour wall", "Director, Infrastructure", 900_000, None])
    sheet.append(["School kitchens", None, 250_000, None])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "candidates.xlsx"
    path.write_bytes(out.getvalue())
    return path


def test_a_facilitator_sets_a_workshop_up_and_opens_it_for_scoring(
    page: Any, live: Live, tmp_path: Path
) -> None:
    def second_scorer(session: Any) -> None:
        if users.get(session, username="sue") is None:
            users.create(session, username="sue", role="scorer", password=PASSWORD)

    live.run(second_scorer)
    sign_in(page, "fay", "/workshops")
    page.get_by_role("button", name="Create a workshop").click()
    page.get_by_label("Workshop name").fill("Harbour and schools 2027")
    page.get_by_label("Portfolio").select_option(label="Government of Jersey Change Portfolio")
    _field(page, "budget:0:year").fill("2027")
    _field(page, "budget:0:amount").fill("2,000,000")
    _check(page, "create")
    _narrow(page, "create")
    page.get_by_role("button", name="Create the workshop").click()
    expect(page.get_by_text("Workshop created")).to_be_visible()
    expect(page.locator("#set-up")).to_contain_text("Missing")
    assert page.get_by_role("button", name="Open for scoring").count() == 0
    _check(page, "tasks-missing")
    _narrow(page, "tasks-missing")

    page.get_by_role("link", name="Add the candidates").click()
    page.get_by_label("Candidate name").fill("Cyber uplift")
    page.get_by_label("Linked programme (optional)").select_option(label="Cyber Security")
    _field(page, "cost:0:year").fill("2027")
    _field(page, "cost:0:amount").fill("600,000")
    _field(page, "cost:0:amount").press("Enter")  # Enter adds it (not another year's row)
    expect(page.get_by_text("Candidate “Cyber uplift” added")).to_be_visible()
    page.get_by_label("Spreadsheet").set_input_files(str(_sheet(tmp_path)))
    page.get_by_role("button", name="Upload the spreadsheet").click()
    expect(page.get_by_text("2 candidates added from the spreadsheet")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download a spreadsheet to fill in (.csv)").click()
    assert download.value.path().read_text().startswith("name,sponsors,programme,description,2027")
    _check(page, "candidates")
    _narrow(page, "candidates")

    page.get_by_role("link", name="Back to the workshop set-up").click()
    page.get_by_role("link", name="Set the criteria and their weights").click()
    _field(page, "criterion:0:name").fill("Islander benefit")
    _field(page, "criterion:0:weight").fill("3")
    _field(page, "criterion:1:name").fill("Deliverability")
    _field(page, "criterion:1:weight").fill("1")
    page.get_by_role("button", name="Save criteria").click()
    expect(page.get_by_text("Criteria saved")).to_be_visible()

    page.get_by_role("link", name="Invite the scorers").click()
    page.get_by_label("sid").check()
    page.get_by_label("sue").check()
    _check(page, "scorers")
    page.get_by_role("button", name="Save scorers").click()
    expect(page.get_by_text("Scorers saved")).to_be_visible()
    expect(page.locator("#set-up")).not_to_contain_text("Missing")
    _check(page, "tasks-ready")
    _narrow(page, "tasks-ready")
    page.get_by_role("button", name="Open for scoring").click()
    expect(page.get_by_text("The workshop is now scoring")).to_be_visible()

    def read(session: Any) -> dict[str, Any]:
        return workshop_view(session, workshop=workshops.get_or_raise(session, code=CODE))

    w = live.run(read)
    assert w["status"] == "scoring"
    assert [c["key"] for c in w["candidates"]] == [
        "cyber-uplift",
        "harbour-wall",
        "school-kitchens",
    ]
    assert [c["key"] for c in w["criteria"]] == ["islander-benefit", "deliverability"]
    assert sorted(s["username"] for s in w["scorers"]) == ["sid", "sue"]

    _weights_scores_and_results(page)


SCORES = {
    "sid": {"Cyber uplift": (5, 4), "Harbour wall": (3, 2), "School kitchens": (4, 5)},
    "sue": {"Cyber uplift": (4, 4), "Harbour wall": (2, 3), "School kitchens": (5, 4)},
}


def _weights_scores_and_results(page: Any) -> None:
    """AHP weights, two scorers' scores, the close, and the results acted on."""
    page.goto(f"/workshops/{CODE}/weights")
    page.get_by_label("Islander benefit compared with Deliverability").select_option("3")
    page.get_by_role("button", name="Save AHP weights").click()
    expect(page.get_by_text("Weights saved.")).to_be_visible()
    _check(page, "weights")

    for scorer, rows in SCORES.items():
        page.context.clear_cookies()
        sign_in(page, scorer, f"/workshops/{CODE}/score")
        for candidate, values in rows.items():
            for criterion, value in zip(
                ("Islander benefit", "Deliverability"), values, strict=True
            ):
                page.get_by_label(f"{candidate}: {criterion}", exact=True).fill(str(value))
        _check(page, f"scores-{scorer}")
        page.get_by_role("button", name="Save scores").click()
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "fay", f"/workshops/{CODE}")
    page.get_by_role("button", name="Close and publish the results").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.goto(f"/workshops/{CODE}/results")
    ranking = page.get_by_role("table", name="Candidates by weighted score")
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("School kitchens")
    expect(ranking).to_contain_text("Islander benefit: ")  # criteria by name, not by key
    expect(page.get_by_role("heading", name="Selection within the budgets")).to_be_visible()
    expect(
        page.get_by_role("table", name="How stable each candidate's rank and selection")
    ).to_contain_text("In the selection")
    _check(page, "results")
    _narrow(page, "results")

    page.get_by_label("Name", exact=True).fill("As set")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Scenario “As set” saved.")
    page.get_by_label("Name", exact=True).fill("Half of 2027")
    page.get_by_label("2027 (£2,000,000)").fill("50")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("table", name="Saved scenarios")).to_contain_text("Half of 2027")
    page.get_by_label("First scenario").select_option("As set")
    page.get_by_label("Second scenario").select_option("Half of 2027")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Compare scenarios")).to_be_visible()
    expect(page.locator("#changes")).to_contain_text("leaves")
    _check(page, "compare")
    _narrow(page, "compare")

    page.goto(f"/workshops/{CODE}/results")
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel workbook (.xlsx)").click()
    with open(info.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    assert "Ranking" in book.sheetnames
