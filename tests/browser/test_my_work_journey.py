"""My work in a real browser: a programme manager signs in, lands on My work, sees what the
new programme needs and follows the item to the business case form; an oversight member sees
the endorsement waiting and the count in the navigation; the reading room shows the whole
report in a frame grown to its content. axe finds no serious or critical violations and every
page fits a 375 px wide screen."""

from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _programme, _submitted

NARROW = {"width": 375, "height": 800}
WIDE = {"width": 1280, "height": 900}


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def _narrow(page: Any, shot: str) -> None:
    page.set_viewport_size(NARROW)
    page.reload()
    assert _fits(page)
    page.screenshot(path=f"/tmp/mywork-{shot}-375.png", full_page=True)
    page.set_viewport_size(WIDE)
    page.reload()


def test_a_programme_manager_lands_on_my_work_and_follows_an_item(page: Any, live: Live) -> None:
    name = "Browser My Work Programme"
    _programme(live, "browser-my-work", name)
    sign_in(page, "pat", then=None)
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="My work (")).to_be_visible()
    expect(page.get_by_role("heading", name=name, level=2)).to_be_visible()
    page.screenshot(path="/tmp/mywork-manager.png", full_page=True)
    assert axe_violations(page) == []
    _narrow(page, "manager")

    item = page.locator(".govuk-task-list__item", has_text=name).filter(
        has_text="Write the outline business case"
    )
    expect(item).to_contain_text("Action needed")
    item.get_by_role("link").click()
    page.wait_for_url("**/programmes/browser-my-work/business-cases/obc/edit")
    expect(page.get_by_label("Case for change")).to_be_visible()


def test_an_oversight_member_sees_the_endorsement_waiting(page: Any, live: Live) -> None:
    name = "Browser My Work Endorsement"
    _submitted(live, "browser-my-work-endorse", name, cost=8_000_000)
    sign_in(page, "ola", then=None)
    item = page.locator(".govuk-task-list__item", has_text="Endorse the outline business case")
    expect(item.filter(has_text=name)).to_have_count(1)
    expect(item.filter(has_text=name)).to_contain_text("Action needed")
    expect(page.get_by_role("link", name="Read the latest board pack")).to_be_visible()
    page.screenshot(path="/tmp/mywork-oversight.png", full_page=True)
    assert axe_violations(page) == []
    _narrow(page, "oversight")
    item.filter(has_text=name).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Endorsements", level=1)).to_be_visible()


def test_the_reading_room_shows_the_whole_report(page: Any, live: Live) -> None:
    sign_in(page, "ola", then="/reports")
    expect(page.get_by_role("link", name="Open the report in full")).to_be_visible()
    frame = page.frame_locator("iframe.cpmo-report")
    expect(frame.locator("h1")).to_contain_text("Government of Jersey")
    fitted = (
        "() => { const f = document.querySelector('iframe.cpmo-report');"
        " return f.getBoundingClientRect().height"
        " >= f.contentDocument.documentElement.scrollHeight; }"
    )
    page.wait_for_function(fitted)
    assert (
        page.evaluate("document.querySelector('iframe.cpmo-report').getBoundingClientRect().height")
        > 900
    )  # taller than the screen: the report is not cut to a short window
    page.screenshot(path="/tmp/mywork-reading-room.png")
    assert axe_violations(page) == []
    page.set_viewport_size(NARROW)
    page.reload()
    page.wait_for_function(fitted)
    assert _fits(page)
    page.screenshot(path="/tmp/mywork-reading-room-375.png")
    page.get_by_role("link", name="Open the report in full").click()
    page.wait_for_url("**/reports/goj-change/oversight.html")
