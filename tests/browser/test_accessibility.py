"""axe-core (vendored from npm) finds no serious or critical violation on the main pages."""

from typing import Any

import pytest

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _programme

PAGES = {
    "dashboard": "/",
    "programme page": "/programmes/ttp-ms-foundation",
    "business case form": "/programmes/browser-axe/business-cases/obc/edit",
    "approval queue": "/approvals",
    "decision form": "/programmes/ttp-crm/decide/pause",
    "search results": "/search?q=cyber",
}


@pytest.fixture(scope="module")
def axe_programme(live: Live) -> str:
    _programme(live, "browser-axe", "Browser Accessibility Programme")
    return "browser-axe"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violations(
    page: Any, live: Live, axe_programme: str, name: str
) -> None:
    sign_in(page, "pat" if name == "business case form" else "olu")
    page.goto(PAGES[name])
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_an_error_summary_passes_axe_too(page: Any, live: Live, axe_programme: str) -> None:
    sign_in(page, "pat")
    page.goto(PAGES["business case form"])
    page.get_by_label("Whole-life cost").fill("lots")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
