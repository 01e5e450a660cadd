"""The endorsement journey in a real browser: an oversight member opens the endorsement queue
from the navigation, is told to give a rationale, endorses with one, sees the case leave the
queue, and the programme page no longer offers the endorsement. The queue passes axe (no
serious or critical violations) and fits a 375 px wide screen."""

from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _submitted

NARROW = {"width": 375, "height": 800}
WIDE = {"width": 1280, "height": 900}
NAME = "Browser Endorsement Journey"


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def test_an_oversight_member_endorses_from_the_queue(page: Any, live: Live) -> None:
    _submitted(live, "browser-endorse-journey", NAME, cost=9_000_000)
    sign_in(page, "ola")
    page.get_by_role("link", name="Endorsements (").click()
    expect(page.get_by_role("heading", name="Endorsements", level=1)).to_be_visible()
    card = page.locator('[data-programme="browser-endorse-journey"]')
    expect(card).to_contain_text("£9,000,000")
    expect(card).to_contain_text("Outline business case, version 1")
    page.screenshot(path="/tmp/endorse-queue.png", full_page=True)
    assert axe_violations(page) == []
    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.screenshot(path="/tmp/endorse-queue-item-375.png", full_page=True)
    page.set_viewport_size(WIDE)
    page.reload()

    card.get_by_role("button", name=f"Endorse {NAME}").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the rationale for this endorsement")
    # GOV.UK Frontend moves focus to the summary once its script has run: wait for it
    page.wait_for_function("document.activeElement.closest('.govuk-error-summary') !== null")
    page.screenshot(path="/tmp/endorse-error.png", full_page=True)
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Enter the rationale for this endorsement").click()
    field = page.get_by_label(f"Rationale for endorsing {NAME}")
    expect(field).to_be_focused()
    field.fill("The group backs the platform: it is a manifesto commitment.")
    card.get_by_role("button", name=f"Endorse {NAME}").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Endorsement recorded for {NAME}"
    )
    expect(page.locator('[data-programme="browser-endorse-journey"]')).to_have_count(0)
    page.screenshot(path="/tmp/endorse-done.png", full_page=True)

    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.screenshot(path="/tmp/endorse-queue-375.png", full_page=True)

    page.goto("/programmes/browser-endorse-journey")
    assert page.locator(".cpmo-actions [role=button]").all_inner_texts() == []
    expect(page.get_by_text("The group backs the platform").first).to_be_visible()
    assert _fits(page)
    page.screenshot(path="/tmp/endorse-programme-375.png", full_page=True)
