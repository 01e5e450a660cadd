"""The documents journey in a real browser: the programme manager adds a document on the
programme page (after a no-file error), sees it listed with its SHA-256, downloads it and gets
the same bytes. The page passes axe (no serious or critical violations) and fits 375 px."""

import hashlib
from pathlib import Path
from typing import Any

from tests.browser.conftest import Live, axe_violations, expect, sign_in
from tests.browser.test_gate_journeys import _programme

NARROW = {"width": 375, "height": 800}
MINUTES = b"Board minutes, 1 May: the data protection officer was appointed.\n"


def _fits(page: Any, width: int = 375) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


def test_the_manager_adds_a_document_sees_it_listed_and_downloads_the_same_bytes(
    page: Any, live: Live
) -> None:
    _programme(live, "browser-docs", "Browser Documents Programme")
    sign_in(page, "pat")
    page.goto("/programmes/browser-docs")
    page.get_by_role("button", name="Add document").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a document to add")
    assert axe_violations(page) == []
    page.locator(".govuk-error-summary a").click()

    page.get_by_label("Add a document").set_input_files(
        {"name": "board minutes.txt", "mimeType": "text/plain", "buffer": MINUTES}
    )
    page.get_by_role("button", name="Add document").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Document added: board minutes.txt."
    )
    table = page.locator("#documents-table")
    digest = hashlib.sha256(MINUTES).hexdigest()
    expect(table).to_contain_text("board minutes.txt")
    expect(table).to_contain_text("The programme")
    expect(table).to_contain_text(f"{digest[:12]}…")
    table.get_by_text(f"{digest[:12]}…").click()  # the full SHA-256 opens
    expect(table.locator(".cpmo-hash")).to_have_text(digest)
    page.locator("#documents").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/docs-listed.png", full_page=True)
    page.locator(".cpmo-documents").screenshot(path="/tmp/docs-section.png")
    assert axe_violations(page) == []

    with page.expect_download() as download:
        table.get_by_role("link", name="board minutes.txt").click()
    assert download.value.suggested_filename == "board minutes.txt"
    assert Path(download.value.path()).read_bytes() == MINUTES

    page.set_viewport_size(NARROW)
    page.goto("/programmes/browser-docs#documents")
    assert _fits(page)
    page.screenshot(path="/tmp/docs-narrow.png", full_page=True)
    page.locator(".cpmo-documents").screenshot(path="/tmp/docs-narrow-section.png")
    assert axe_violations(page) == []
