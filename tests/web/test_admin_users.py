"""User administration in the pages: administrators list, create, change, disable, reset and
revoke users; a password given by an administrator must be changed at first sign-in."""

from typing import Any

import pytest
from sqlmodel import Session

from cpmo.users import service as users
from cpmo.workflows import audit_store
from tests.web.conftest import PASSWORD, csrf_token, sign_in

INITIAL = "initial password 1"


def _post(client: Any, path: str, data: dict[str, str] | None = None, page: str = "/") -> Any:
    """Post a form the way a browser would, with the CSRF token of ``page``."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page)})


def _new_user(client: Any, **fields: str) -> Any:
    form = {
        "username": "newbie",
        "display_name": "Head of Change",
        "role": "cpmo",
        "password": INITIAL,
        **fields,
    }
    return _post(client, "/admin/users/new", form, "/admin/users/new")


def _user(session: Session, username: str) -> Any:
    session.expire_all()
    return users.get(session, username=username)


def _audited(session: Session, username: str) -> list[str]:
    return [e.event for e in audit_store.entries_for(session, programme_code=f"user:{username}")]


def test_the_users_page_lists_every_user_by_role_label_status_and_last_sign_in(
    signed_in, person
) -> None:
    person("oversight", "member")
    client = signed_in("admin", "root")
    page = client.get("/admin/users")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Oversight group member" in text and "Administrator" in text
    assert "Enabled" in text and "Never" in text  # the member has never signed in
    assert 'href="/admin/users"' in client.get("/").get_data(as_text=True)  # in the navigation


@pytest.mark.parametrize(
    "path", ["/admin/users", "/admin/users/new", "/admin/users/cpmo", "/admin/users/cpmo/disable"]
)
def test_only_administrators_open_the_user_pages(signed_in, path: str) -> None:
    client = signed_in("cpmo")
    response = client.get(path) if "disable" not in path else _post(client, path)
    assert response.status_code == 403
    assert 'href="/admin/users"' not in client.get("/").get_data(as_text=True)


def test_an_administrator_creates_a_user_who_must_change_the_password(signed_in, session) -> None:
    client = signed_in("admin", "root")
    response = _new_user(client)
    assert response.status_code == 302 and response.location.endswith("/admin/users")
    listing = client.get("/admin/users").get_data(as_text=True)
    assert "newbie can now sign in as a cpmo officer" in listing
    assert "Must change at next sign-in" in listing
    user = _user(session, "newbie")
    assert (user.role, user.display_name, user.must_change_password) == (
        "cpmo",
        "Head of Change",
        True,
    )
    assert users.live_token_count(session, user=user) == 0
    assert _audited(session, "newbie") == ["create_user"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"username": ""}, "username", "Enter a username"),
        ({"username": "two words"}, "username", "Username must not contain spaces"),
        ({"username": "x" * 81}, "username", "Username must be 80 characters or fewer"),
        ({"display_name": "d" * 201}, "display_name", "Display name must be 200 characters"),
        ({"role": ""}, "role", "Select a role"),
        ({"role": "king"}, "role", "Select a role"),
        ({"password": ""}, "password", "Enter an initial password"),
        ({"password": "short"}, "password", "Initial password must be between 10 and"),
        ({"username": "cpmo"}, "username", "A user called cpmo already exists"),
    ],
)
def test_bad_input_on_the_create_form_names_the_field_and_writes_nothing(
    signed_in, person, session, fields: dict[str, str], field: str, message: str
) -> None:
    person("cpmo")
    client = signed_in("admin", "root")
    before = len(users.list_users(session))
    response = _new_user(client, **fields)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is a problem" in text and f'href="#{field}"' in text and message in text
    session.expire_all()
    assert len(users.list_users(session)) == before


def test_the_new_user_is_made_to_change_the_password_before_any_other_page(
    signed_in, client, session
) -> None:
    _new_user(signed_in("admin", "root"))
    first = sign_in(client, "newbie", INITIAL)
    assert first.location.endswith("/account/password")
    for path in ("/", "/reports", "/workshops"):
        assert client.get(path).location.endswith("/account/password")
    page = client.get("/account/password").get_data(as_text=True)
    assert "Your administrator gave you this password" in page
    same = _post(
        client,
        "/account/password",
        {"current_password": INITIAL, "password": INITIAL, "confirm": INITIAL},
        "/account/password",
    )
    assert same.status_code == 422
    assert "New password must be different from your current password" in same.get_data(
        as_text=True
    )
    assert _user(session, "newbie").must_change_password
    done = _post(
        client,
        "/account/password",
        {"current_password": INITIAL, "password": "my own password", "confirm": "my own password"},
        "/account/password",
    )
    assert done.status_code == 302 and done.location.endswith("/")
    home = client.get("/")
    assert home.status_code == 200 and "Your password has been changed" in home.get_data(
        as_text=True
    )
    assert not _user(session, "newbie").must_change_password
    assert "change_password" in _audited(session, "newbie")
    assert sign_in(client, "newbie", "my own password").location.endswith("/my-work")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {"current_password": "wrong password", "password": "n" * 12, "confirm": "n" * 12},
            "current_password",
            "Your current password is not correct",
        ),
        (
            {"current_password": PASSWORD, "password": "n" * 12, "confirm": "m" * 12},
            "confirm",
            "The new passwords do not match",
        ),
        (
            {"current_password": PASSWORD, "password": "short", "confirm": "short"},
            "password",
            "New password must be between 10 and",
        ),
        (
            {"current_password": "", "password": "n" * 12, "confirm": "n" * 12},
            "current_password",
            "Enter your current password",
        ),
    ],
)
def test_bad_input_on_the_change_password_form_changes_nothing(
    signed_in, session, form: dict[str, str], field: str, message: str
) -> None:
    client = signed_in("cpmo", "officer")
    before = _user(session, "officer").password_hash
    response = _post(client, "/account/password", form, "/account/password")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and f'href="#{field}"' in text and message in text
    assert _user(session, "officer").password_hash == before


def test_an_administrator_changes_a_users_role_by_its_label(signed_in, person, session) -> None:
    person("scorer", "judge")
    client = signed_in("admin", "root")
    page = client.get("/admin/users/judge").get_data(as_text=True)
    assert "Workshop facilitator" in page
    response = _post(
        client, "/admin/users/judge/role", {"role": "facilitator"}, "/admin/users/judge"
    )
    assert response.status_code == 302
    assert "judge is now a workshop facilitator" in client.get("/admin/users/judge").get_data(
        as_text=True
    )
    assert _user(session, "judge").role == "facilitator"
    assert _audited(session, "judge") == ["change_role"]
    bad = _post(client, "/admin/users/judge/role", {"role": "king"}, "/admin/users/judge")
    assert bad.status_code == 422 and "Select a role" in bad.get_data(as_text=True)


def test_a_disabled_users_copied_cookie_and_tokens_stop_at_once(
    signed_in, client, person, session, app
) -> None:
    person("cpmo", "officer")
    sign_in(client, "officer")
    copied = client.get_cookie("cpmo_session").value
    _, token = users.create(session, username="bot", role="cpmo")
    session.commit()
    admin = app.test_client()
    person("admin", "root")
    sign_in(admin, "root")
    assert (
        _post(admin, "/admin/users/officer/disable", page="/admin/users/officer").status_code == 302
    )
    assert _post(admin, "/admin/users/bot/disable", page="/admin/users/bot").status_code == 302
    client.set_cookie("cpmo_session", copied)
    assert client.get("/").status_code == 302
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    assert "Disabled" in admin.get("/admin/users").get_data(as_text=True)
    assert _audited(session, "officer") == ["disable_user"]
    assert (
        _post(admin, "/admin/users/officer/enable", page="/admin/users/officer").status_code == 302
    )
    assert sign_in(client, "officer").status_code == 302
    assert _audited(session, "officer") == ["disable_user", "enable_user"]


def test_the_last_administrator_cannot_disable_or_demote_themselves(signed_in, session) -> None:
    client = signed_in("admin", "root")
    for path, form in (
        ("/admin/users/root/disable", {}),
        ("/admin/users/root/role", {"role": "cpmo"}),
    ):
        response = _post(client, path, form, "/admin/users/root")
        text = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "root is the only active administrator" in text
    user = _user(session, "root")
    assert user.active and user.role == "admin"
    assert _audited(session, "root") == []


def test_an_administrator_may_step_down_when_another_remains(signed_in, person, session) -> None:
    person("admin", "deputy")
    client = signed_in("admin", "root")
    response = _post(client, "/admin/users/root/role", {"role": "cpmo"}, "/admin/users/root")
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    assert _user(session, "root").role == "cpmo"


def test_a_reset_password_must_be_changed_at_the_next_sign_in(
    signed_in, client, person, session, app
) -> None:
    person("cpmo", "officer")
    sign_in(client, "officer")
    copied = client.get_cookie("cpmo_session").value
    admin = app.test_client()
    person("admin", "root")
    sign_in(admin, "root")
    short = _post(
        admin, "/admin/users/officer/password", {"password": "short"}, "/admin/users/officer"
    )
    assert short.status_code == 422
    assert "New initial password must be between 10 and" in short.get_data(as_text=True)
    done = _post(
        admin, "/admin/users/officer/password", {"password": INITIAL}, "/admin/users/officer"
    )
    assert done.status_code == 302
    assert _user(session, "officer").must_change_password
    assert _audited(session, "officer") == ["reset_password"]
    client.set_cookie("cpmo_session", copied)
    assert "/sign-in" in client.get("/").location
    assert sign_in(client, "officer", INITIAL).location.endswith("/account/password")


def test_an_administrator_revokes_a_users_api_tokens(signed_in, session, app) -> None:
    _, token = users.create(session, username="bot", role="cpmo")
    session.commit()
    client = signed_in("admin", "root")
    assert "1 live" in client.get("/admin/users/bot").get_data(as_text=True)
    response = _post(client, "/admin/users/bot/tokens/revoke", page="/admin/users/bot")
    assert response.status_code == 302
    page = client.get("/admin/users/bot").get_data(as_text=True)
    assert "Revoked 1 API token of bot" in page and "0 live" in page
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    assert _audited(session, "bot") == ["revoke_tokens"]


def test_an_unknown_user_is_page_not_found_and_a_form_without_its_token_is_refused(
    signed_in,
) -> None:
    client = signed_in("admin", "root")
    assert client.get("/admin/users/nobody").status_code == 404
    assert _post(client, "/admin/users/nobody/disable").status_code == 404
    assert client.post("/admin/users/root/disable").status_code == 400
