"""User administration in a real browser: an administrator creates a user and signs out; the
new user signs in with the initial password, is made to change it, then reaches their home
page. Each page passes axe (no serious or critical violations) and fits a 375 px screen."""

from typing import Any

from cpmo.users import service as users
from tests.browser.conftest import PASSWORD, Live, axe_violations, expect

NARROW = {"width": 375, "height": 800}
INITIAL = "initial password 1"


def _check(page: Any, name: str) -> None:
    """axe finds nothing serious on the page, which fits 375 px; screenshots at both widths."""
    page.screenshot(path=f"/tmp/admin-{name}.png", full_page=True)
    assert axe_violations(page) == []
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth <= 375")
    page.screenshot(path=f"/tmp/admin-{name}-375.png", full_page=True)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_creates_a_user_who_changes_the_password_then_reaches_home(
    page: Any, live: Live
) -> None:
    live.run(
        lambda s: (
            users.get(s, username="ada")
            or users.create(s, username="ada", role="admin", password=PASSWORD)
        )
    )
    _sign_in(page, "ada", PASSWORD)
    page.get_by_role("link", name="Users", exact=True).click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    _check(page, "users")

    page.get_by_role("link", name="Create a user").click()
    page.get_by_role("button", name="Create user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a username")
    _check(page, "create-errors")
    page.get_by_label("Username").fill("newbie")
    page.get_by_label("Display name (optional)").fill("Head of Change")
    page.get_by_label("CPMO officer").check()
    page.get_by_label("Initial password").fill(INITIAL)
    page.get_by_role("button", name="Create user").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "newbie can now sign in"
    )
    expect(page.locator("#users")).to_contain_text("Must change at next sign-in")
    page.get_by_role("link", name="newbie").click()
    expect(page.get_by_role("heading", name="newbie")).to_be_visible()
    _check(page, "user")
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, "newbie", INITIAL)
    page.wait_for_url("**/account/password")
    page.goto("/reports")
    page.wait_for_url("**/account/password")  # no other page until the password is changed
    _check(page, "change-password")
    page.get_by_label("Current password").fill(INITIAL)
    page.get_by_label("New password", exact=True).fill("my very own password")
    page.get_by_label("Confirm new password").fill("my very own password")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url(f"{live.url}/")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your password has been changed"
    )
    expect(page.locator(".cpmo-account")).to_contain_text("newbie (CPMO officer)")
    _check(page, "home")
