"""Browser tests: the app on a real WSGI server in a thread, against a fresh migrated and
seeded database, driven by Playwright with Debian's headless Chromium.

Skipped, with the reason printed (pytest -ra), when /usr/bin/chromium or Playwright is
missing. A failing test leaves a screenshot in test-artifacts/.
"""

import importlib.util
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from cpmo.app import create_app
from cpmo.db import transaction
from cpmo.migrate import upgrade
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from tests.conftest import REPO_ROOT, app_config

CHROMIUM = Path(os.environ.get("CPMO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PASSWORD = "browser test password"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# username → role of the people the journeys sign in as
PEOPLE = {
    "pat": "programme_manager",
    "olu": "cpmo",
    "sam": "cpmo",
    "ola": "oversight",
    "fay": "facilitator",
    "sid": "scorer",
}


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "browser tests need Playwright for Python (pip install playwright)"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    if reason is None:
        return
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@dataclass
class Live:
    """The running app: its base URL and its session factory (to set up data directly)."""

    url: str
    sessions: Any

    def run(self, work: Callable[[Any], Any]) -> Any:
        """Run ``work(session)`` in one committed transaction on the app's database."""
        with transaction(self.sessions) as session:
            return work(session)


@pytest.fixture(scope="session")
def live(databases: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    url = databases.new()
    upgrade(url)
    app = create_app(app_config(tmp_path_factory.mktemp("browser"), url))
    factory = app.extensions["cpmo.sessionmaker"]
    with transaction(factory) as session:
        load_seeds(session)
        for username, role in PEOPLE.items():
            users.create(session, username=username, role=role, password=PASSWORD)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(url=f"http://127.0.0.1:{server.server_port}", sessions=factory)
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    app.extensions["cpmo.engine"].dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless; Playwright gives each launch a fresh temporary profile
    (user-data dir) of its own and removes it afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        engine = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield engine
        engine.close()


@pytest.fixture
def page(browser: Any, live: Live, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context (no cookies) and page; a screenshot is kept if the test fails.

    CSP is bypassed only so that the test can inject axe-core; the pages themselves run with
    their Content-Security-Policy in every other respect."""
    context = browser.new_context(
        base_url=live.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def expect(target: Any) -> Any:
    """Playwright's waiting assertions (imported late: the module may be missing)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def sign_in(page: Any, username: str, then: str | None = "/") -> None:
    """Sign in, land on My work, then go to ``then`` (the dashboard, where the journeys
    written before My work start; None: stay on My work)."""
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/my-work")
    if then is not None:
        page.goto(then)


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the current page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in impacts
    ]
