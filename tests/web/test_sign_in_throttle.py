"""Sign-in throttling (per account and per client address, kept in the database) and the
same cost for an unknown username as for a wrong password."""

from typing import Any

import pytest

from cpmo.app import create_app
from cpmo.users import service as users
from tests.conftest import app_config
from tests.web.conftest import PASSWORD, csrf_token

ACCOUNT_LIMIT = 10


def _attempt(client: Any, username: str, password: str, address: str = "192.0.2.1") -> Any:
    token = csrf_token(client)
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, person) -> None:
    person("cpmo", "officer")
    statuses = [_attempt(client, "officer", f"wrong guess {n}").status_code for n in range(30)]
    assert statuses[:ACCOUNT_LIMIT] == [401] * ACCOUNT_LIMIT
    assert set(statuses[ACCOUNT_LIMIT:]) == {429}
    right = _attempt(client, "officer", PASSWORD)
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 0
    page = right.get_data(as_text=True)
    assert "too many times" in page and "govuk-error-summary" in page
    assert client.get("/").status_code == 302  # not signed in


def test_the_account_limit_holds_across_client_addresses(client, person) -> None:
    person("cpmo", "officer")
    for n in range(ACCOUNT_LIMIT):
        assert _attempt(client, "officer", "wrong guess", f"198.51.100.{n}").status_code == 401
    assert _attempt(client, "officer", PASSWORD, "203.0.113.9").status_code == 429


def test_one_address_guessing_many_accounts_is_throttled(client, person) -> None:
    person("cpmo", "officer")
    for n in range(50):
        response = _attempt(client, f"someone{n}", "wrong guess", "192.0.2.7")
        assert response.status_code == 401, n
    assert _attempt(client, "officer", PASSWORD, "192.0.2.7").status_code == 429
    assert _attempt(client, "officer", PASSWORD, "192.0.2.8").status_code == 302


def test_a_successful_sign_in_clears_the_accounts_earlier_failures(client, person) -> None:
    person("cpmo", "officer")
    for _ in range(ACCOUNT_LIMIT - 1):
        assert _attempt(client, "officer", "wrong guess").status_code == 401
    assert _attempt(client, "officer", PASSWORD).status_code == 302
    client.delete_cookie("cpmo_session")
    for _ in range(ACCOUNT_LIMIT - 1):
        assert _attempt(client, "officer", "wrong guess", "192.0.2.2").status_code == 401
    assert _attempt(client, "officer", PASSWORD, "192.0.2.2").status_code == 302


def test_the_limits_are_settings(tmp_path, database_url, session_factory, person) -> None:
    app = create_app(
        app_config(
            tmp_path,
            database_url,
            SESSIONMAKER=session_factory,
            CPMO_SIGNIN_ACCOUNT_LIMIT="3",
            CPMO_SIGNIN_WINDOW_MINUTES="1",
        )
    )
    person("cpmo", "officer")
    client = app.test_client()
    for _ in range(3):
        assert _attempt(client, "officer", "wrong guess").status_code == 401
    refused = _attempt(client, "officer", PASSWORD)
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60


@pytest.mark.parametrize("case", ["unknown user", "wrong password", "disabled user"])
def test_every_refusal_verifies_a_password_hash(session, monkeypatch, case: str) -> None:
    users.create(session, username="officer", role="cpmo", password=PASSWORD)
    users.create(session, username="gone", role="cpmo", password=PASSWORD)
    users.disable(session, username="gone", actor="cli", actor_role="admin")
    calls: list[str] = []
    real = users.check_password_hash

    def spy(stored: str, password: str) -> bool:
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(users, "check_password_hash", spy)
    username, password = {
        "unknown user": ("nobody", "wrong guess"),
        "wrong password": ("officer", "wrong guess"),
        "disabled user": ("gone", PASSWORD),
    }[case]
    assert users.check_password(session, username=username, password=password) is None
    stored = users.get_or_raise(session, username="officer").password_hash
    assert len(calls) == 1 and calls[0].split("$", 1)[0] == stored.split("$", 1)[0]


def test_the_dummy_hash_costs_what_a_real_one_costs(session) -> None:
    user, _ = users.create(session, username="officer", role="cpmo", password=PASSWORD)
    method = user.password_hash.split("$", 1)[0]
    dummy = users.dummy_password_hash(users.password_hash_method(session))
    assert dummy.split("$", 1)[0] == method  # same method and parameters
    assert users.dummy_password_hash().split("$", 1)[0] == "scrypt:32768:8:1"  # the default
