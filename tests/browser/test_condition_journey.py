"""The conditions journey in a real browser: the programme manager discharges a condition
with evidence (after a missing-evidence error), a CPMO officer signs in and accepts it. The
programme page passes axe (no serious or critical violations) and fits a 375 px screen."""

from typing import Any

from cpmo.portfolios import service as portfolios
from cpmo.workflows import service as workflow
from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _submitted
from tests.web.conftest import LIMITS

NARROW = {"width": 375, "height": 800}
CONDITION = "Appoint a data protection officer before the FBC is written"


def _approved_with_condition(live: Live, code: str, name: str) -> None:
    from cpmo.users import service as users

    _submitted(live, code, name)

    def approve(session: Any) -> None:
        version = portfolios.get_programme_or_raise(session, code=code).version
        workflow.fire_event(
            session,
            actor=users.get_or_raise(session, username="sam"),
            code=code,
            event="approve_obc",
            version=version,
            limits=LIMITS,
            rationale="Strong case.",
            conditions_before_submission=[CONDITION],
        )

    live.run(approve)


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def test_the_manager_discharges_a_condition_and_a_cpmo_officer_accepts_it(
    page: Any, live: Live
) -> None:
    _approved_with_condition(live, "browser-cond", "Browser Conditions Programme")
    sign_in(page, "pat")
    page.get_by_role("link", name="Browser Conditions Programme").first.click()
    section = page.locator(".cpmo-condition", has_text=CONDITION)
    expect(section).to_contain_text("Open")
    expect(section).to_contain_text("Before the FBC is submitted")

    section.get_by_role("button", name="Discharge").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the evidence that the condition has been met"
    )
    assert axe_violations(page) == []
    page.locator(".govuk-error-summary a").click()
    page.get_by_label("Evidence that this condition has been met").fill(
        "Jo Bloggs appointed on 1 May; the appointment letter is in the programme file"
    )
    page.locator(".cpmo-condition", has_text=CONDITION).get_by_role(
        "button", name="Discharge"
    ).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Condition discharged, awaiting acceptance by the CPMO"
    )
    section = page.locator(".cpmo-condition", has_text=CONDITION)
    expect(section).to_contain_text("Discharged, awaiting acceptance")
    expect(section).to_contain_text("Jo Bloggs appointed on 1 May")
    page.screenshot(path="/tmp/conditions-manager.png", full_page=True)
    section.screenshot(path="/tmp/conditions-manager-section.png")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "olu")
    page.goto("/programmes/browser-cond")
    section = page.locator(".cpmo-condition", has_text=CONDITION)
    section.get_by_role("button", name="Accept discharge").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Discharge accepted"
    )
    section = page.locator(".cpmo-condition", has_text=CONDITION)
    expect(section).to_contain_text("Accepted")
    expect(section).to_contain_text("By olu")
    page.screenshot(path="/tmp/conditions-cpmo.png", full_page=True)
    assert axe_violations(page) == []

    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.locator("#conditions").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/conditions-375.png", full_page=True)
    page.locator(".cpmo-condition", has_text=CONDITION).screenshot(
        path="/tmp/conditions-375-section.png"
    )
