"""Workshops and reports in a real browser: a scorer scores in a workshop (saved as they go);
a facilitator sees the live consistency ratio; an oversight member reads the report and
sees no action button."""

from typing import Any

from cpmo.workshops import scorers, scoring_service
from cpmo.workshops import service as workshops
from cpmo.workshops.read_models import workshop_view
from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.support.workshops import runner

WORKSHOP = "ttp-prioritisation"


def _add_scorer(live: Live, username: str) -> None:
    def add(session: Any) -> None:
        view = workshop_view(session, workshop=workshops.get_or_raise(session, code=WORKSHOP))
        names = [{"name": s["name"]} for s in view["scorers"] if not s["username"]]
        accounts = [{"username": s["username"]} for s in view["scorers"] if s["username"]]
        if {"username": username} not in accounts:
            accounts.append({"username": username})
        scorers.replace_scorers(
            session, actor=runner(session), code=WORKSHOP, scorers=names + accounts
        )

    live.run(add)


def _my_scores(live: Live, username: str) -> dict[tuple[str, str], float]:
    from cpmo.users import service as users

    def read(session: Any) -> dict[tuple[str, str], float]:
        actor = users.get_or_raise(session, username=username)
        rows = scoring_service.visible_scores(session, actor=actor, code=WORKSHOP)
        return {(r.candidate_key, r.criterion_key): r.value for r in rows}

    return live.run(read)


def test_a_scorer_scores_in_a_workshop_and_each_score_is_saved_as_they_go(
    page: Any, live: Live
) -> None:
    _add_scorer(live, "sid")
    sign_in(page, "sid")
    page.get_by_role("link", name="Workshops").click()
    page.get_by_role("link", name="Technology Transformation Programme prioritisation").click()
    page.get_by_role("button", name="Score the candidates").click()
    expect(page.get_by_role("heading", name="Score the candidates")).to_be_visible()
    assert axe_violations(page) == []

    first = page.get_by_label("MS Foundation: Alignment to CSP priorities")
    first.fill("4")
    page.keyboard.press("Tab")
    expect(page.locator("#save-status")).to_contain_text("Saved: MS Foundation")
    page.keyboard.type("5")
    page.keyboard.press("Enter")  # saves, and moves down the column
    expect(page.locator("#save-status")).to_contain_text("Islander benefit = 5")
    focused = page.evaluate("document.activeElement.id")
    assert (
        page.locator(f"label[for='{focused}']").inner_text() == "Cyber Security: Islander benefit"
    )
    page.keyboard.type("9")
    page.keyboard.press("Tab")
    expect(page.locator("#save-status")).to_contain_text("outside the scale")

    scores = _my_scores(live, "sid")
    assert scores[("ttp-ms-foundation", "csp-alignment")] == 4
    assert scores[("ttp-ms-foundation", "islander-benefit")] == 5
    assert ("ttp-cyber", "islander-benefit") not in scores


def test_the_facilitator_sees_the_consistency_ratio_change_as_they_compare(
    page: Any, live: Live
) -> None:
    sign_in(page, "fay")
    page.goto(f"/workshops/{WORKSHOP}/weights")
    result = page.locator("#ahp-result")
    page.get_by_label("Alignment to CSP priorities compared with Islander benefit").select_option(
        "9"
    )
    expect(result).to_contain_text("Consistency ratio")
    page.get_by_label("Islander benefit compared with Efficiency savings").select_option("9")
    page.get_by_label("Alignment to CSP priorities compared with Efficiency savings").select_option(
        "1/9"
    )
    expect(result).to_contain_text("too inconsistent")
    assert axe_violations(page) == []


def test_an_oversight_member_opens_the_report_and_sees_no_action_button(
    page: Any, live: Live
) -> None:
    sign_in(page, "ola")
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Oversight reports")).to_be_visible()
    frame = page.frame_locator("iframe.cpmo-report")
    # the report is built on request: give it time on a loaded machine
    expect(frame.locator("h1")).to_contain_text("Government of Jersey", timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the board pack (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    main = page.locator("main")
    assert main.locator("button, .govuk-button, [role=button]").count() == 0
    assert main.locator("form[method=post]").count() == 0
    assert axe_violations(page) == []
