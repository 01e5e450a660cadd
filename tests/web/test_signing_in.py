"""Signing in and out, sessions, CSRF and cookie settings."""

from pathlib import Path

import pytest

from cpmo.app import create_app
from cpmo.users import service as users
from tests.conftest import app_config
from tests.web.conftest import PASSWORD, csrf_token, sign_in


def test_pages_send_a_signed_out_visitor_to_sign_in(client) -> None:
    response = client.get("/approvals")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in?next=")


def test_signing_in_with_the_right_password_opens_the_page_asked_for(
    client, seeded, person
) -> None:
    person("cpmo", "officer")
    first = client.get("/programmes/ttp-crm")
    response = client.post(
        first.location,
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302 and response.location == "/programmes/ttp-crm"
    page = client.get("/programmes/ttp-crm").get_data(as_text=True)
    assert "Customer Relationship Management" in page and "officer (CPMO officer)" in page


def test_a_wrong_password_is_refused_with_an_error_summary(client, person) -> None:
    person("cpmo", "officer")
    response = sign_in(client, "officer", "not the password")
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page and 'href="#username"' in page
    assert "Enter a correct username and password" in page
    assert client.get("/").status_code == 302


def test_blank_fields_are_named_in_the_error_summary(client) -> None:
    response = client.post("/sign-in", data={"csrf_token": csrf_token(client)})
    page = response.get_data(as_text=True)
    assert "Enter your username" in page and "Enter your password" in page


def test_only_paths_on_this_site_are_followed_after_signing_in(client, person) -> None:
    person("cpmo", "officer")
    response = client.post(
        "/sign-in?next=https://evil.example/steal",
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.location == "/my-work"


@pytest.mark.parametrize(
    "target",
    [
        "/programmes%0d%0aSet-Cookie:%20x=1",
        "/programmes%0aLocation:%20https://evil.example",
        "//evil.example/steal",
        "/\\evil.example/steal",
        "\\\\evil.example",
        "/%5Cevil.example",
        "https:/evil.example",
        "javascript:alert(1)",
        "programmes",
        "/%09/evil.example",
    ],
)
def test_a_next_page_that_is_not_a_plain_path_on_this_site_goes_home(
    client, person, target: str
) -> None:
    person("cpmo", "officer")
    response = client.post(
        f"/sign-in?next={target}",
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302 and response.location == "/my-work", target


def test_a_plain_path_with_a_query_is_followed(client, person) -> None:
    person("cpmo", "officer")
    response = client.post(
        "/sign-in?next=/approvals%3Fpage%3D2",
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.location == "/approvals?page=2"


def test_signing_out_ends_the_session(signed_in) -> None:
    client = signed_in("cpmo")
    assert client.get("/").status_code == 200
    response = client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302 and response.location == "/sign-in"
    assert client.get("/").status_code == 302


def test_a_post_without_a_csrf_token_is_refused(client, signed_in, seeded) -> None:
    refused = client.post("/sign-in", data={"username": "x", "password": "y"})
    assert refused.status_code == 400 and "text/html" in refused.content_type
    assert "The form was not sent from this service" in refused.get_data(as_text=True)
    signed_in("programme_manager")
    no_token = client.post("/sign-out")
    assert no_token.status_code == 400
    wrong = client.post("/sign-out", data={"csrf_token": "forged"})
    assert wrong.status_code == 400
    assert client.get("/").status_code == 200  # still signed in: nothing happened


def test_the_api_takes_no_csrf_token_it_authenticates_by_bearer_token(client, session) -> None:
    _, token = users.create(session, username="officer", role="cpmo")
    session.commit()
    response = client.post(
        "/api/v1/programmes",
        json={"code": "bad code"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422


def test_changing_the_password_signs_out_existing_sessions(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    users.change_password(
        session,
        username="officer",
        password="a brand new password",
        actor="cli",
        actor_role="admin",
    )
    session.commit()
    assert client.get("/").status_code == 302


def test_the_session_cookie_is_http_only_and_same_site_lax(client, person) -> None:
    person("cpmo", "officer")
    response = sign_in(client, "officer")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("cpmo_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_secure_unless_testing_or_switched_off(
    tmp_path: Path, database_url: str, monkeypatch
) -> None:
    live = create_app(app_config(tmp_path, database_url, TESTING=False))
    assert live.config["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("CPMO_SECURE_COOKIES", "0")
    plain = create_app(app_config(tmp_path, database_url, TESTING=False))
    assert plain.config["SESSION_COOKIE_SECURE"] is False
    monkeypatch.setenv("CPMO_SECURE_COOKIES", "1")
    testing = create_app(app_config(tmp_path, database_url))
    assert testing.config["SESSION_COOKIE_SECURE"] is True
    for app in (live, plain, testing):
        app.extensions["cpmo.engine"].dispose()


def test_pages_are_not_cached_and_carry_security_headers(signed_in) -> None:
    response = signed_in("cpmo").get("/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
