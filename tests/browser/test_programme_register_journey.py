"""A programme manager registers a programme in Chromium: a bad date is refused first, then
put right; the form and the new programme's page pass axe and fit a 375 px screen."""

from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in

NARROW = {"width": 375, "height": 800}


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= 375"))


def test_a_programme_manager_registers_a_programme(page: Any, live: Live) -> None:
    sign_in(page, "pat")
    page.get_by_role("button", name="Register a programme").click()
    page.wait_for_url("**/programmes/new")
    assert axe_violations(page) == []

    page.get_by_label("Code").fill("browser-permits")
    page.get_by_label("Name", exact=True).fill("Browser digital permits")
    page.get_by_label("Portfolio").select_option(label="Government of Jersey Change Portfolio")
    page.get_by_label("Department (optional)").select_option(label="Chief Operating Office")
    page.get_by_label("Senior responsible owner (optional)").fill("Chief Operating Officer")
    page.get_by_label("Whole-life cost (optional)").fill("2,500,000")
    start = page.get_by_role("group", name="Planned start date (optional)")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2026")
    end = page.get_by_role("group", name="Planned end date (optional)")
    end.get_by_label("Day").fill("31")
    end.get_by_label("Month").fill("2")
    end.get_by_label("Year").fill("2028")
    page.get_by_role("button", name="Register the programme").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Planned end date must be a real date")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/register-error.png", full_page=True)
    page.set_viewport_size(NARROW)
    assert _fits(page), "the form with its errors fits a 375 px screen"
    page.screenshot(path="/tmp/register-error-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    summary.get_by_role("link", name="Planned end date must be a real date").click()
    end.get_by_label("Day").fill("31")
    end.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Register the programme").click()

    page.wait_for_url("**/programmes/browser-permits")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Browser digital permits registered"
    )
    expect(page.locator("h1")).to_have_text("Browser digital permits")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("31 March 2028")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Chief Operating Office")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/register-programme.png", full_page=True)
    page.set_viewport_size(NARROW)
    assert _fits(page), "the programme page fits a 375 px screen"
    page.screenshot(path="/tmp/register-programme-375.png", full_page=True)


def test_the_manager_sets_delivery_confidence_with_commentary(page: Any, live: Live) -> None:
    sign_in(page, "pat")
    page.goto("/programmes/new")
    page.get_by_label("Code").fill("browser-confidence")
    page.get_by_label("Name", exact=True).fill("Browser confidence")
    page.get_by_label("Portfolio").select_option(label="Government of Jersey Change Portfolio")
    page.get_by_role("button", name="Register the programme").click()
    page.wait_for_url("**/programmes/browser-confidence")
    page.get_by_role("button", name="Update delivery confidence").click()
    assert axe_violations(page) == []
    page.get_by_label("Amber/red").check()
    page.get_by_role("button", name="Save delivery confidence").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the commentary")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/register-confidence-error.png", full_page=True)
    page.get_by_label("Commentary").fill("Supplier late on the design")
    page.get_by_role("button", name="Save delivery confidence").click()
    page.wait_for_url("**/programmes/browser-confidence")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Supplier late on the design")
    page.goto("/programmes/browser-confidence/edit")
    assert axe_violations(page) == []
    page.set_viewport_size(NARROW)
    assert _fits(page), "the edit form fits a 375 px screen"
    page.screenshot(path="/tmp/register-edit-375.png", full_page=True)
