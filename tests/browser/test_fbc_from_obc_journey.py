"""The FBC journey in a real browser: the programme manager starts the FBC from the approved
OBC, changes its cost and a milestone, saves the draft and opens what changed. The changes
page passes axe (no serious or critical violations) and fits a 375 px wide screen."""

from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_condition_journey import _approved_with_condition

NARROW = {"width": 375, "height": 800}
NAME = "Browser FBC Programme"


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def test_the_manager_starts_the_fbc_from_the_obc_and_sees_what_changed(
    page: Any, live: Live
) -> None:
    _approved_with_condition(live, "browser-fbc", NAME)
    sign_in(page, "pat")
    page.get_by_role("link", name=NAME).first.click()
    page.get_by_role("button", name="Write the FBC").click()
    page.get_by_role("button", name="Start the FBC from the approved OBC").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "FBC version 1 started from the approved OBC (version 1)"
    )
    cost = page.get_by_label("Whole-life cost")
    expect(cost).to_have_value("2000000")
    cost.fill("2400000")
    page.locator("#financial-profile-1-amount").fill("1400000")
    page.locator("#management-milestones-0-due").fill("2022-06-30")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Draft saved (FBC version 1)"
    )

    page.get_by_role("link", name="See what this draft changes from the approved OBC").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "What FBC version 1 changed from the approved OBC"
    )
    financial = page.locator("table", has_text="Whole-life cost")
    expect(financial).to_contain_text("Approved OBC (version 1)")
    expect(financial).to_contain_text("£2,000,000")
    expect(financial).to_contain_text("£2,400,000")
    expect(financial).to_contain_text("Spend in 2022")
    milestones = page.locator("table", has_text="Milestone “Go live”: due date")
    expect(milestones).to_contain_text("31 March 2022")
    expect(milestones).to_contain_text("30 June 2022")
    expect(page.get_by_text("Legacy switched off")).to_have_count(0)
    page.screenshot(path="/tmp/fbc-changes.png", full_page=True)
    assert axe_violations(page) == []

    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/fbc-changes-375.png", full_page=True)
