"""A programme manager keeps a programme's delivery records in Chromium: records a lot's
supplier in supplier selection; in delivery, marks a milestone complete (a future date is
refused first) and rescores a risk with a rationale. Each page passes axe and fits 375 px."""

from datetime import date, timedelta
from typing import Any

from cpmo.users import service as users
from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.support.delivery import to_delivery, to_supplier_selection

CODE = "browser-deliv"
NARROW = {"width": 375, "height": 800}
WIDE = {"width": 1280, "height": 900}


def _fits(page: Any, shot: str) -> None:
    """Axe finds nothing serious, and the page fits a 375 px screen (screenshots kept)."""
    assert axe_violations(page) == []
    page.screenshot(path=f"/tmp/delivery-{shot}.png", full_page=True)
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth <= 375"), f"{shot} fits 375 px"
    page.screenshot(path=f"/tmp/delivery-{shot}-375.png", full_page=True)
    page.set_viewport_size(WIDE)


def _people(session: Any) -> tuple[Any, Any]:
    return users.get_or_raise(session, username="pat"), users.get_or_raise(session, username="olu")


def test_a_manager_records_a_supplier_completes_a_milestone_and_rescores_a_risk(
    page: Any, live: Live
) -> None:
    def selecting(session: Any) -> None:
        pat, olu = _people(session)
        to_supplier_selection(session, manager=pat, officer=olu, code=CODE, name="Browser ERP")

    live.run(selecting)
    sign_in(page, "pat")
    page.goto(f"{live.url}/programmes/{CODE}")
    page.get_by_role(
        "link", name="Supplier lots, milestones, the benefits realisation plan"
    ).click()
    page.wait_for_url(f"**/programmes/{CODE}/delivery")
    expect(page.locator("h1")).to_have_text("Suppliers, milestones, benefits plan and risks")

    software = page.locator("form", has_text="Record the supplier for “Software”")
    software.get_by_label("Supplier").fill("Acme Software Ltd")
    software.get_by_label("Contract value").fill("1,400,000")
    software.get_by_role("button", name="Save supplier for Software").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Software: supplier and contract value recorded."
    )
    expect(page.locator("#lots-table")).to_contain_text("Acme Software Ltd")
    expect(page.locator("#lots-table")).to_contain_text("£1,400,000")
    _fits(page, "lots")

    def delivering(session: Any) -> None:
        pat, olu = _people(session)
        to_delivery(session, manager=pat, officer=olu, code=CODE)

    live.run(delivering)
    page.reload()
    go_live = page.locator("form", has_text="Mark “Go live” complete")
    when = go_live.get_by_role("group", name="Date completed")
    tomorrow = date.today() + timedelta(days=1)
    when.get_by_label("Day").fill(str(tomorrow.day))
    when.get_by_label("Month").fill(str(tomorrow.month))
    when.get_by_label("Year").fill(str(tomorrow.year))
    go_live.get_by_role("button", name="Mark complete").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The completion date must be today or in the past")
    assert page.title().startswith("Error: ")
    _fits(page, "milestone-error")

    summary.get_by_role("link", name="The completion date must be today or in the past").click()
    go_live = page.locator("form", has_text="Mark “Go live” complete")
    when = go_live.get_by_role("group", name="Date completed")
    when.get_by_label("Day").fill("1")
    when.get_by_label("Month").fill("4")
    when.get_by_label("Year").fill("2022")
    go_live.get_by_role("button", name="Mark complete").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Go live: completed on 1 April 2022."
    )
    expect(page.locator("#milestones-table")).to_contain_text("1 April 2022")

    page.locator("#risks-table").get_by_role("link", name="Data migration fails").click()
    page.wait_for_url(f"**/programmes/{CODE}/risks/{CODE}-migration")
    _fits(page, "risk")
    page.get_by_role("group", name="Likelihood").get_by_label("4 – high").check()
    page.get_by_role("group", name="Impact").get_by_label("5 – very high").check()
    page.get_by_role("button", name="Rescore the risk").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the risk is rescored")
    page.get_by_label("Why it is rescored").fill("The supplier has lost its migration lead")
    page.get_by_role("button", name="Rescore the risk").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Data migration fails: rescored to 20."
    )
    expect(page.locator("#risks-table")).to_contain_text("Escalated")
    _fits(page, "risks")
    page.locator("#risks-table").get_by_role("link", name="Data migration fails").click()
    expect(page.locator("#history ~ table")).to_contain_text("12 → 20")
