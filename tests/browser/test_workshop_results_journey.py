"""Results people can act on, in a real browser: a facilitator reads the ranking, how often
each candidate stays in the selection, why the others were left out, saves two scenarios,
compares them and downloads the workbook; the page passes axe and fits a 375 px screen."""

import io
from typing import Any

from openpyxl import load_workbook

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.support.workshops import HAND_SCORES, build_workshop

CODE = "wresults-journey"


def _closed_workshop(live: Live) -> None:
    from sqlmodel import select

    from cpmo.workshops.models import Workshop

    def build(session: Any) -> None:
        if session.exec(select(Workshop).where(Workshop.code == CODE)).first() is None:
            build_workshop(session, code=CODE, status="closed", scores=HAND_SCORES)

    live.run(build)


def test_a_facilitator_reads_the_results_saves_and_compares_scenarios_and_downloads(
    page: Any, live: Live
) -> None:
    _closed_workshop(live)
    sign_in(page, "fay", then=f"/workshops/{CODE}/results")
    expect(page.get_by_role("heading", name="Ranking and selection")).to_be_visible()
    ranking = page.get_by_role("table", name="Candidates by weighted score")
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("92.5")
    stability = page.get_by_role("table", name="How stable each candidate's rank and selection")
    expect(stability).to_contain_text("In the selection")
    expect(stability.get_by_role("row", name="A 1", exact=False).first).to_contain_text(
        "100% of runs"
    )
    expect(page.locator("#stability-meaning")).to_contain_text("share of those runs")
    dropped = page.get_by_role("table", name="Why each candidate was left out")
    expect(dropped.get_by_role("row").nth(1)).to_contain_text("break the 2020 budget by £50")
    expect(dropped.get_by_role("row").nth(1)).to_contain_text("weighted score points")
    expect(page.locator("svg.cpmo-chart")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/wresults-results.png", full_page=True)

    page.get_by_label("Name", exact=True).fill("As set")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Scenario “As set” saved.")
    page.get_by_label("Name", exact=True).fill("Lean 2020")
    page.get_by_label("2020 (£100)").fill("60")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("table", name="Saved scenarios")).to_contain_text("Lean 2020")

    page.get_by_label("First scenario").select_option("As set")
    page.get_by_label("Second scenario").select_option("Lean 2020")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Compare scenarios")).to_be_visible()
    comparison = page.get_by_role("table", name="The two scenarios side by side")
    expect(comparison).to_contain_text("165.0")
    expect(page.locator("#changes")).to_contain_text("leaves")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/wresults-compare.png", full_page=True)

    page.goto(f"/workshops/{CODE}/results")
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel workbook (.xlsx)").click()
    download = info.value
    assert download.suggested_filename == f"{CODE}-ranking.xlsx"
    with open(download.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    assert "Ranking" in book.sheetnames

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path="/tmp/wresults-375.png", full_page=True)
