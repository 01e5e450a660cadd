"""Every response carries security headers fitted to what it serves (issue 14, item 14)."""

import base64
import hashlib
import re

import pytest

from tests.conftest import app_config


@pytest.fixture
def cpmo_headers(seeded, auth):  # type: ignore[no-untyped-def]
    return auth("cpmo")


def _directives(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    policy = response.headers.get("Content-Security-Policy", "")
    assert policy, f"{response.request.path}: no Content-Security-Policy"
    out = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            out[name] = value
    return out


def _common(response) -> None:  # type: ignore[no-untyped-def]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers.get("Referrer-Policy") in ("no-referrer", "same-origin")
    assert "'nonce-'" not in response.headers.get("Content-Security-Policy", "")


def _locked_down(response) -> None:  # type: ignore[no-untyped-def]
    _common(response)
    csp = _directives(response)
    assert csp["default-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers.get("X-Frame-Options") == "DENY"
    assert "script-src" not in csp


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmes",
        "/api/v1/programmes/ttp-cyber",
        "/api/v1/programmes/no-such-programme",
        "/api/v1/reports/status.csv?portfolio=goj-change",
        "/api/v1/workflow/diagram",
    ],
)
def test_authenticated_api_responses_are_locked_down_and_not_stored(
    client, cpmo_headers, path: str
) -> None:
    response = client.get(path, headers=cpmo_headers)
    assert response.status_code in (200, 404), response.get_data(as_text=True)[:300]
    _locked_down(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_401_is_locked_down_too(client) -> None:
    response = client.get("/api/v1/programmes")
    assert response.status_code == 401
    _locked_down(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_openapi_document_is_locked_down(client) -> None:
    _locked_down(client.get("/api/v1/openapi.json"))


def test_the_svg_picture_may_style_itself_but_never_run_script(client, cpmo_headers) -> None:
    response = client.get("/api/v1/graph/picture.svg", headers=cpmo_headers)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    _locked_down(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_report_html_gets_a_policy_for_its_inline_styles_and_no_script(
    client, cpmo_headers
) -> None:
    response = client.get(
        "/api/v1/reports/oversight.html?portfolio=goj-change", headers=cpmo_headers
    )
    assert response.status_code == 200
    _locked_down(response)
    csp = _directives(response)
    assert "'unsafe-inline'" in csp["style-src"]
    assert "data:" in csp["img-src"]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_the_report_csv_names_its_charset_once(client, cpmo_headers) -> None:
    response = client.get("/api/v1/reports/status.csv?portfolio=goj-change", headers=cpmo_headers)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_docs_page_may_run_only_its_own_scripts(client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    _common(response)
    csp = _directives(response)
    assert csp["default-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    html = response.get_data(as_text=True)
    for script in re.findall(r"<script>(.*?)</script>", html, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"]
    assert "'self'" in csp["connect-src"]  # it fetches openapi.json and tries requests


def test_the_report_page_in_the_web_app_may_be_framed_by_the_app_only(app, client) -> None:
    response = client.get("/sign-in")
    _common(response)
    csp = _directives(response)
    assert csp["frame-ancestors"] == "'self'"


@pytest.mark.parametrize("path", ["/assets/does-not-exist.css", "/no-such-page"])
def test_pages_without_a_template_nonce_never_send_an_empty_nonce(client, path: str) -> None:
    response = client.get(path)
    _common(response)
    assert "nonce-" not in response.headers.get("Content-Security-Policy", "") or re.search(
        r"'nonce-[A-Za-z0-9_-]{16,}'", response.headers["Content-Security-Policy"]
    )


def test_a_redirect_has_no_empty_nonce(client) -> None:
    response = client.get("/")
    assert response.status_code in (302, 303)
    _common(response)


def test_hsts_is_sent_only_when_configured_and_over_https(tmp_path, database_url) -> None:
    from cpmo.app import create_app

    plain = create_app(app_config(tmp_path / "a", database_url)).test_client()
    assert "Strict-Transport-Security" not in plain.get("/api/v1/health").headers
    assert (
        "Strict-Transport-Security"
        not in plain.get("/api/v1/health", base_url="https://localhost").headers
    )
    configured = create_app(
        app_config(tmp_path / "b", database_url, CPMO_HSTS_SECONDS="31536000")
    ).test_client()
    assert "Strict-Transport-Security" not in configured.get("/api/v1/health").headers
    secure = configured.get("/api/v1/health", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    page = configured.get("/sign-in", base_url="https://localhost")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
