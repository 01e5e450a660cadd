"""A business plan journey in a real browser: the plan's owner (a programme manager the CPMO
made its owner) records progress on an action and a KPI actual and sees the RAG. The plan
page passes axe (no serious or critical violations) and fits a 375 px wide screen."""

from typing import Any

from cpmo.plans import owners
from cpmo.users import service as users
from tests.browser.conftest import Live, axe_violations, expect, sign_in

NARROW = {"width": 375, "height": 800}
PLAN = "kcc-hr-2013-14"


def _own(live: Live) -> None:
    def work(session: Any) -> None:
        officer = users.get(session, username="olu")
        owners.set_owners(session, actor=officer, code=PLAN, owner="pat", editors=[])

    live.run(work)


def test_the_plan_owner_records_progress_and_a_kpi_actual_and_sees_the_rag(
    page: Any, live: Live
) -> None:
    _own(live)
    sign_in(page, "pat")
    page.get_by_role("link", name="Plans", exact=True).click()
    expect(page.get_by_role("heading", name="Business plans", level=1)).to_be_visible()
    page.screenshot(path="/tmp/plans-list.png", full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Divisional Business Plan 2013-14 - DRAFT").click()

    action = page.locator("#action-1-1")
    action.locator("summary").click()
    expect(action).to_contain_text("HR Business Partner (Troubled Families)")
    action.get_by_label("At risk").check()
    action.get_by_label("Percent complete").fill("40")
    action.get_by_label("Note").fill("Work stream lead appointed; recruitment slipping")
    action.get_by_role("button", name="Record progress").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Progress recorded on"
    )
    action = page.locator("#action-1-1")
    expect(action.locator(".govuk-tag").first).to_have_text("At risk")

    kpi = page.locator("#kpi-kcc-hr-pi-kent-manager")
    kpi.get_by_label("Period").fill("2013-14 Q4")
    kpi.get_by_label("Actual value").fill("97")
    kpi.get_by_role("button", name="Record the actual").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Actual for 2013-14 Q4 recorded"
    )
    rag = page.locator("#kpi-kcc-hr-pi-kent-manager-rag")
    expect(rag).to_contain_text("Amber")
    expect(page.locator("#kpi-kcc-hr-pi-kent-manager svg[role=img]")).to_be_visible()
    expect(page.locator("#kpi-kcc-hr-pi-kent-manager-actuals")).to_contain_text("97")
    page.screenshot(path="/tmp/plans-plan.png", full_page=False)
    assert axe_violations(page) == []

    page.set_viewport_size(NARROW)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= 375")
    page.locator("#action-1-1 summary").click()
    page.locator("#priorities").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth <= 375")
    page.screenshot(path="/tmp/plans-tree-375.png", full_page=False)
    page.locator("#kpi-kcc-hr-pi-kent-manager").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/plans-plan-375.png", full_page=False)
