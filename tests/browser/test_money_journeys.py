"""Money journeys in a real browser: a programme manager records spend and a forecast and
sees the variance update; an oversight reader opens the portfolio finance page. Both pages
pass axe (no serious or critical violations) and fit a 375 px wide screen."""

from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _programme

NARROW = {"width": 375, "height": 800}


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def test_a_programme_manager_records_spend_and_a_forecast_and_sees_the_variance(
    page: Any, live: Live
) -> None:
    _programme(live, "browser-money", "Browser Money Programme")
    sign_in(page, "pat")
    page.get_by_role("link", name="Browser Money Programme").click()
    expect(page.get_by_role("heading", name="Money", exact=True)).to_be_visible()

    page.get_by_label("Month", exact=True).fill("13")
    page.get_by_label("Year", exact=True).first.fill("2020")
    page.get_by_label("Amount spent").fill("120,000")
    page.get_by_role("button", name="Record spend").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The month of the spend must be a month from 1 to 12")
    assert axe_violations(page) == []

    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_role("button", name="Record spend").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Actual spend for May 2020 recorded."
    )
    table = page.locator("#money-by-year")
    expect(table).to_contain_text("2020")
    expect(table).to_contain_text("£120,000")

    row = page.get_by_role("group", name="Row 1")
    row.get_by_label("Year").fill("2027")
    row.get_by_label("Forecast").fill("2,500,000")
    page.get_by_label("Rationale").fill("Supplier quote received in April")
    page.get_by_role("button", name="Set forecast").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Forecast updated.")
    forecast_row = page.locator("#money-by-year tr", has_text="2027")
    expect(forecast_row).to_contain_text("£2,500,000")
    expect(forecast_row).to_contain_text("Forecast set for the year")
    # 2020 is over, so its outturn is its actual; 2027 is as forecast; no baseline yet
    whole_life = page.locator("#whole-life")
    expect(whole_life.locator(".govuk-summary-list__row", has_text="Variance")).to_contain_text(
        "£2,620,000"
    )
    expect(page.locator("#decisions ~ p").first).to_have_text("No decisions yet.")
    page.screenshot(path="/tmp/money-programme.png", full_page=True)
    assert axe_violations(page) == []

    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.screenshot(path="/tmp/money-programme-375.png", full_page=True)


def test_an_oversight_reader_opens_the_portfolio_finance_page(page: Any, live: Live) -> None:
    sign_in(page, "ola")
    page.get_by_role("link", name="Portfolio finance: budget, actual and forecast").click()
    expect(page.get_by_role("heading", name="Portfolio finance", level=1)).to_be_visible()
    chart = page.locator("svg[role=img]")
    expect(chart).to_be_visible()
    assert "allocation, baseline, actual and forecast" in (
        chart.locator("title").first.text_content() or ""
    )
    expect(page.locator("#finance-by-year")).to_contain_text("£15,870,000")
    expect(page.locator("#programme-variance")).to_contain_text("Technology Transformation")
    page.screenshot(path="/tmp/money-portfolio.png", full_page=True)
    assert axe_violations(page) == []

    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.screenshot(path="/tmp/money-portfolio-375.png", full_page=True)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Technology Transformation Programme").click()
    benefits = page.locator("#benefits ~ .cpmo-benefit")
    expect(benefits.first).to_contain_text("Owner")
    expect(page.get_by_role("button", name="Record benefit actual")).to_have_count(0)
    assert _fits(page)
    page.screenshot(path="/tmp/money-benefits-375.png", full_page=True)
    assert axe_violations(page) == []
