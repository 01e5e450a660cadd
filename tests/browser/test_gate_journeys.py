"""The stage-gate journeys in a real browser: a programme manager writes and submits an OBC;
a CPMO officer approves a submission from the queue with a condition; oversight sees no
buttons it may not press."""

from typing import Any

from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from tests.browser.conftest import Live, expect, sign_in
from tests.support.cases import complete_case
from tests.web.conftest import submitted


def _programme(live: Live, code: str, name: str, manager: str = "pat") -> None:
    from cpmo.users import service as users

    def create(session: Any) -> None:
        actor = users.get_or_raise(session, username=manager)
        portfolios.create_programme(
            session,
            actor=actor,
            programme_in=ProgrammeCreate(code=code, name=name, portfolio="goj-change"),
        )

    live.run(create)


def _submitted(live: Live, code: str, name: str, cost: int = 2_000_000) -> None:
    from cpmo.users import service as users

    _programme(live, code, name)
    live.run(lambda s: submitted(s, users.get_or_raise(s, username="pat"), code, cost=cost))


def test_a_programme_manager_writes_and_submits_an_obc(page: Any, live: Live) -> None:
    _programme(live, "browser-obc", "Browser OBC Programme")
    case = complete_case("obc")
    sign_in(page, "pat")
    page.get_by_role("link", name="Browser OBC Programme").click()
    page.get_by_role("button", name="Write the OBC").click()
    page.get_by_label("Case for change").fill(case["strategic"]["case_for_change"])
    page.get_by_label("Objectives it contributes to").fill("objective:obj-coo-1")
    for index, option in enumerate(case["economic"]["options"]):
        row = page.get_by_role("group", name=f"Option {index + 1}")
        row.get_by_label("Name").fill(option["name"])
        row.get_by_label("Net present value").fill(f"{option['npv']:,}")
    page.get_by_role("group", name="Option 1").get_by_label(
        "This is the business-as-usual or do-minimum option"
    ).check()
    page.get_by_label("Preferred option").fill("Replace with SaaS")
    page.get_by_label("Procurement route").fill("Open tender")
    page.get_by_role("group", name="Lot 1").get_by_label("Name").fill("Software")
    page.get_by_label("Whole-life cost").fill("2,000,000")
    page.get_by_label("Funding source").fill("Government Plan")
    for index, (year, amount) in enumerate([("2026", "1,200,000"), ("2027", "800,000")]):
        row = page.get_by_role("group", name=f"Year {index + 1}")
        row.get_by_label("Year").fill(year)
        row.get_by_label("Amount").fill(amount)
    page.get_by_label("Senior responsible owner").fill("Chief Operating Officer")
    milestone = page.get_by_role("group", name="Milestone 1")
    milestone.get_by_label("Name").fill("Go live")
    milestone.get_by_label("Due date").fill("2027-03-31")
    risk = page.get_by_role("group", name="Risk 1")
    risk.get_by_label("Title").fill("Data migration")
    risk.get_by_label("Likelihood").select_option("3")
    risk.get_by_label("Impact").select_option("4")
    risk.get_by_label("Owner").fill("Head of Finance Systems")
    page.get_by_role("group", name="Benefit 1").get_by_label("Title").fill("Licence savings")

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved (OBC version 1).")).to_be_visible()
    page.get_by_role("button", name="Save and submit for review").click()

    page.wait_for_url("**/programmes/browser-obc")
    expect(page.get_by_text("OBC version 1 submitted for review.")).to_be_visible()
    assert page.locator("p.govuk-body strong.govuk-tag").first.inner_text() == "OBC review"
    expect(page.get_by_role("link", name="OBC version 1")).to_be_visible()


def test_a_cpmo_officer_approves_from_the_queue_with_a_condition(page: Any, live: Live) -> None:
    _submitted(live, "browser-queue", "Browser Queue Programme")
    sign_in(page, "olu")
    page.get_by_role("link", name="Approval queue").click()
    row = page.locator("tr", has_text="Browser Queue Programme")
    expect(row.get_by_text("Within limit")).to_be_visible()
    row.get_by_role("link", name="Approve Browser Queue Programme").click()
    page.get_by_label("Rationale").fill("A sound case, affordable within the Government Plan.")
    page.get_by_label("Conditions (optional)").fill("Appoint a data protection officer")
    page.get_by_role("button", name="Confirm: Approve OBC").click()

    page.wait_for_url("**/programmes/browser-queue")
    expect(page.get_by_text("Approve OBC: decision recorded.")).to_be_visible()
    decisions = page.locator(".cpmo-decision").first
    assert "by olu (CPMO officer)" in decisions.inner_text()
    assert "Appoint a data protection officer" in decisions.inner_text()
    conditions = page.locator(".cpmo-condition", has_text="Appoint a data protection officer")
    assert "Open" in conditions.inner_text()
    page.get_by_role("link", name="Approval queue").click()
    expect(page.get_by_role("heading", name="Approval queue")).to_be_visible()
    expect(page.locator("tr", has_text="Browser Queue Programme")).to_have_count(0)


def test_a_refused_approval_shows_the_reasons_in_an_error_summary(page: Any, live: Live) -> None:
    _submitted(live, "browser-big", "Browser Big Programme", cost=9_000_000)
    sign_in(page, "sam")
    page.goto("/programmes/browser-big/decide/approve_obc")
    page.get_by_label("Rationale").fill("Trying without an endorsement.")
    page.get_by_role("button", name="Confirm: Approve OBC").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert "an oversight group member must endorse the OBC first" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary once its script has run: wait for it
    page.wait_for_function("document.activeElement.closest('.govuk-error-summary') !== null")


def test_oversight_sees_only_its_endorsement_and_no_other_button(page: Any, live: Live) -> None:
    _submitted(live, "browser-endorse", "Browser Endorse Programme", cost=8_000_000)
    sign_in(page, "ola")
    assert page.get_by_role("link", name="Approval queue").count() == 0
    page.goto("/programmes/browser-endorse")
    buttons = page.locator(".cpmo-actions [role=button]").all_inner_texts()
    assert buttons == ["Endorse OBC"]
    page.goto("/programmes/ttp-crm")
    assert page.locator("main .govuk-button").count() == 0  # the header search has its own
