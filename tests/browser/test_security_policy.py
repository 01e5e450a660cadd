"""The Content-Security-Policy lets the pages that browsers display work, and nothing more:
Swagger UI renders the API document, the reading room shows the framed report (issue 14,
item 14). These contexts do not bypass CSP."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Live, expect, sign_in


@pytest.fixture
def strict_page(browser: Any, live: Live) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    violations: list[str] = []
    tab.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield tab, violations
    context.close()


def test_the_docs_page_renders_the_api_under_its_policy(strict_page) -> None:  # type: ignore[no-untyped-def]
    page, violations = strict_page
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("cpmo")
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations == []


def test_the_reading_room_shows_the_framed_report_under_its_policy(strict_page) -> None:  # type: ignore[no-untyped-def]
    page, violations = strict_page
    sign_in(page, "ola")
    page.goto("/reports")
    frame = page.frame_locator("iframe.cpmo-report")
    expect(frame.locator("h1")).to_contain_text("Government of Jersey")
    assert violations == []
