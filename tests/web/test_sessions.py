"""Server-side page sessions: a copied cookie stops working the moment the session ends
(sign-out, password or role change, disablement, token revocation, idle or absolute expiry)."""

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from cpmo.app import create_app
from cpmo.db import utcnow
from cpmo.users import service as users
from cpmo.users import sessions
from cpmo.users.models import WebSession
from tests.conftest import app_config
from tests.web.conftest import csrf_token


def _cookie(client: Any) -> str:
    cookie = client.get_cookie("cpmo_session")
    assert cookie is not None
    return cookie.value


def _replay(client: Any, value: str) -> int:
    """GET / with exactly this session cookie (as an attacker who copied it would)."""
    client.set_cookie("cpmo_session", value)
    return client.get("/").status_code


def _only_session(session: Session) -> WebSession:
    session.expire_all()
    return session.exec(select(WebSession)).one()


def test_a_cookie_copied_before_signing_out_is_refused_afterwards(signed_in) -> None:
    client = signed_in("cpmo", "officer")
    copied = _cookie(client)
    assert client.get("/").status_code == 200
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    assert _replay(client, copied) == 302


def test_a_password_change_ends_the_users_sessions(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    copied = _cookie(client)
    users.change_password(
        session,
        username="officer",
        password="a brand new password",
        actor="cli",
        actor_role="admin",
    )
    session.commit()
    assert _replay(client, copied) == 302


def test_a_role_change_ends_the_users_sessions(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    copied = _cookie(client)
    users.change_role(
        session, username="officer", new_role="oversight", actor="cli", actor_role="admin"
    )
    session.commit()
    assert _replay(client, copied) == 302


def test_disabling_a_user_ends_their_sessions(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    copied = _cookie(client)
    users.disable(session, username="officer", actor="cli", actor_role="admin")
    session.commit()
    assert _replay(client, copied) == 302
    assert _only_session(session).ended_at is not None


def test_revoking_a_users_tokens_ends_their_sessions(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    copied = _cookie(client)
    users.revoke_tokens(session, username="officer")
    session.commit()
    assert _replay(client, copied) == 302


def test_another_users_sessions_are_untouched(client, person, session) -> None:
    from tests.web.conftest import sign_in

    person("cpmo", "officer")
    person("oversight", "member")
    sign_in(client, "member")
    kept = _cookie(client)
    users.disable(session, username="officer", actor="cli", actor_role="admin")
    session.commit()
    assert _replay(client, kept) == 200


def test_the_cookie_carries_a_random_session_id_stored_only_as_a_hash(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    row = _only_session(session)
    assert row.user_id == users.get(session, username="officer").id
    assert row.ended_at is None and row.created_at <= row.last_seen_at
    assert row.token_hash not in _cookie(client)
    assert len(row.token_hash) == 64


def test_an_idle_session_expires(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    row = _only_session(session)
    row.last_seen_at = utcnow() - timedelta(minutes=29)
    session.commit()
    assert client.get("/").status_code == 200
    row = _only_session(session)
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    session.commit()
    assert client.get("/").status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_however_busy(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    row = _only_session(session)
    row.created_at = utcnow() - timedelta(hours=12, minutes=1)
    session.commit()
    assert client.get("/").status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(signed_in, session) -> None:
    client = signed_in("cpmo", "officer")
    recent = utcnow() - timedelta(seconds=20)
    row = _only_session(session)
    row.last_seen_at = recent
    session.commit()
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert _only_session(session).last_seen_at == recent  # not rewritten by every GET
    row = _only_session(session)
    row.last_seen_at = utcnow() - timedelta(minutes=2)
    session.commit()
    assert client.get("/").status_code == 200
    assert _only_session(session).last_seen_at > utcnow() - timedelta(seconds=30)


def test_idle_and_absolute_limits_are_settings(tmp_path, database_url, session_factory) -> None:
    app = create_app(
        app_config(
            tmp_path,
            database_url,
            SESSIONMAKER=session_factory,
            CPMO_SESSION_IDLE_MINUTES="5",
            CPMO_SESSION_MAX_HOURS="2",
        )
    )
    policy = app.config["CPMO_SETTINGS"].sessions
    assert (policy.idle_minutes, policy.max_hours) == (5, 2)
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)


def test_session_settings_default_to_thirty_minutes_and_twelve_hours(app) -> None:
    policy = app.config["CPMO_SETTINGS"].sessions
    assert (policy.idle_minutes, policy.max_hours) == (30, 12)


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_bad_session_setting_is_refused(tmp_path, database_url, value: str) -> None:
    from cpmo.config import ConfigError

    with pytest.raises(ConfigError, match="CPMO_SESSION_IDLE_MINUTES"):
        create_app(app_config(tmp_path, database_url, CPMO_SESSION_IDLE_MINUTES=value))


def test_ending_a_users_sessions_counts_only_live_ones(session, person) -> None:
    user = person("cpmo", "officer")
    sessions.start(session, user=user)
    sessions.start(session, user=user)
    assert sessions.end_for_user(session, user_id=user.id, reason="test") == 2
    assert sessions.end_for_user(session, user_id=user.id, reason="test") == 0


def test_the_users_list_shows_the_last_sign_in(signed_in, session) -> None:
    from cpmo.api.auth import API_PREFIX

    client = signed_in("cpmo", "officer")
    _, token = users.create(session, username="root", role="admin")
    session.commit()
    listing = client.get(f"{API_PREFIX}/users", headers={"Authorization": f"Bearer {token}"})
    rows = {row["username"]: row for row in listing.json}
    assert rows["officer"]["last_sign_in_at"] and rows["root"]["last_sign_in_at"] is None


def test_pages_still_read_when_the_session_cannot_be_touched(
    signed_in, session, monkeypatch
) -> None:
    from sqlalchemy.exc import OperationalError

    client = signed_in("cpmo", "officer")
    row = _only_session(session)
    row.last_seen_at = utcnow() - timedelta(minutes=2)
    session.commit()

    def read_only(*_args: object, **_kwargs: object) -> bool:
        raise OperationalError(
            "UPDATE web_session", {}, Exception("attempt to write a readonly database")
        )

    monkeypatch.setattr(sessions, "touch", read_only)
    assert client.get("/").status_code == 200
