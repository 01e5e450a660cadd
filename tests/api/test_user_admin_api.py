"""Administrators disable, enable, reset passwords and change roles through the API."""

import pytest
from sqlmodel import Session

from cpmo.errors import RuleViolation
from cpmo.users import service as users
from cpmo.workflows import audit_store


def test_an_admin_disables_and_enables_a_user_whose_token_stops_at_once(
    client, session: Session, auth
) -> None:
    assert client.get("/api/v1/me", headers=auth("oversight")).status_code == 200
    response = client.post("/api/v1/users/oversight/disable", headers=auth("admin"))
    assert response.status_code == 200, response.json
    assert response.json["active"] is False and response.json["username"] == "oversight"
    assert client.get("/api/v1/me", headers=auth("oversight")).status_code == 401
    again = client.post("/api/v1/users/oversight/enable", headers=auth("admin"))
    assert again.status_code == 200 and again.json["active"] is True
    assert client.get("/api/v1/me", headers=auth("oversight")).status_code == 200
    session.expire_all()
    events = [e.event for e in audit_store.entries_for(session, programme_code="user:oversight")]
    assert events == ["disable_user", "enable_user"]
    assert audit_store.entries_for(session, programme_code="user:oversight")[0].actor == "admin"


def test_an_admin_resets_a_password(client, session: Session, auth) -> None:
    response = client.post(
        "/api/v1/users/cpmo/password",
        json={"password": "a long new password"},
        headers=auth("admin"),
    )
    assert response.status_code == 200, response.json
    assert "password" not in response.json
    session.expire_all()
    assert users.check_password(session, username="cpmo", password="a long new password")
    short = client.post(
        "/api/v1/users/cpmo/password", json={"password": "short"}, headers=auth("admin")
    )
    assert short.status_code == 422 and "password" in short.json["errors"]


def test_an_admin_changes_a_role(client, auth) -> None:
    response = client.post(
        "/api/v1/users/scorer/role", json={"role": "facilitator"}, headers=auth("admin")
    )
    assert response.status_code == 200 and response.json["role"] == "facilitator"
    bad = client.post("/api/v1/users/scorer/role", json={"role": "king"}, headers=auth("admin"))
    assert bad.status_code == 422


def test_only_admins_manage_users(client, auth) -> None:
    for path, body in (
        ("/api/v1/users/scorer/disable", None),
        ("/api/v1/users/scorer/enable", None),
        ("/api/v1/users/scorer/password", {"password": "a long new password"}),
        ("/api/v1/users/scorer/role", {"role": "cpmo"}),
    ):
        response = client.post(path, json=body, headers=auth("cpmo"))
        assert response.status_code == 403, path


def test_unknown_users_are_404_and_an_admin_may_not_lock_themself_out(client, auth) -> None:
    unknown = client.post("/api/v1/users/nobody/disable", headers=auth("admin"))
    assert unknown.status_code == 404 and unknown.mimetype == "application/problem+json"
    own = client.post("/api/v1/users/admin/disable", headers=auth("admin"))
    assert own.status_code == 422 and "your own" in own.json["detail"]
    own_role = client.post("/api/v1/users/admin/role", json={"role": "cpmo"}, headers=auth("admin"))
    assert own_role.status_code == 422


def test_an_admin_creates_a_user_with_an_initial_password_to_change_at_first_sign_in(
    client, session: Session, auth
) -> None:
    body = {
        "username": "newbie",
        "role": "cpmo",
        "display_name": "Head of Change",
        "password": "initial password 1",
    }
    response = client.post("/api/v1/users", json=body, headers=auth("admin"))
    assert response.status_code == 201, response.json
    assert response.json["must_change_password"] is True and "password" not in response.json
    session.expire_all()
    user = users.check_password(session, username="newbie", password="initial password 1")
    assert user is not None and user.must_change_password and user.display_name == "Head of Change"
    events = audit_store.entries_for(session, programme_code="user:newbie")
    assert [(e.event, e.actor, e.to_stage) for e in events] == [("create_user", "admin", "cpmo")]


def test_the_must_change_flag_may_be_turned_off_and_needs_a_password(client, auth) -> None:
    kept = client.post(
        "/api/v1/users",
        json={
            "username": "svc",
            "role": "cpmo",
            "password": "a long password",
            "must_change_password": False,
        },
        headers=auth("admin"),
    )
    assert kept.status_code == 201 and kept.json["must_change_password"] is False
    token_only = client.post(
        "/api/v1/users", json={"username": "bot", "role": "cpmo"}, headers=auth("admin")
    )
    assert token_only.status_code == 201 and token_only.json["must_change_password"] is False
    flag_alone = client.post(
        "/api/v1/users",
        json={"username": "odd", "role": "cpmo", "must_change_password": True},
        headers=auth("admin"),
    )
    assert flag_alone.status_code == 422
    assert "must_change_password" in flag_alone.json["errors"]


def test_a_short_initial_password_is_refused_and_nothing_is_written(
    client, session: Session, auth
) -> None:
    response = client.post(
        "/api/v1/users",
        json={"username": "newbie", "role": "cpmo", "password": "short"},
        headers=auth("admin"),
    )
    assert response.status_code == 422 and "password" in response.json["errors"]
    session.expire_all()
    assert users.get(session, username="newbie") is None


def test_the_openapi_document_describes_the_new_user_fields(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    create = spec["components"]["schemas"]["UserCreate"]["properties"]
    assert {"password", "must_change_password"} <= set(create)
    assert "must_change_password" in spec["components"]["schemas"]["UserRead"]["properties"]


def test_the_last_admin_guard_holds_in_the_service_too(session: Session, auth) -> None:
    auth("admin")
    with pytest.raises(RuleViolation, match="only active administrator"):
        users.disable(session, username="admin", actor="cli", actor_role="admin")
