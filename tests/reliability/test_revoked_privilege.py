"""A database role that lost a privilege (REVOKE, a mis-set grant after a restore) makes the
database refuse cpmo: the client gets a 503 naming it, not a 500 (issue 14, item 13)."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from cpmo.app import create_app
from cpmo.db import make_engine
from cpmo.migrate import upgrade
from cpmo.users import service as users
from tests.conftest import app_config, on_postgres

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not on_postgres(), reason="privileges are PostgreSQL's (set CPMO_TEST_DATABASE_URL)"
    ),
]


def _as_role(url: str, role: str) -> str:
    parsed = make_url(url)
    options = parsed.query.get("options", "")
    return parsed.update_query_dict({"options": f"{options} -crole={role}"}).render_as_string(
        hide_password=False
    )


def test_a_revoked_privilege_is_a_503_not_a_500(fresh_database_url: str, tmp_path: Path) -> None:
    upgrade(fresh_database_url)
    schema = make_url(fresh_database_url).query["options"].split("search_path=")[1].split()[0]
    role = f"cpmo_limited_{uuid.uuid4().hex[:8]}"
    admin = make_engine(fresh_database_url)
    with Session(admin) as session:
        _, token = users.create(session, username="officer", role="cpmo")
        session.commit()
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'REVOKE SELECT ON TABLE "{schema}".programme FROM "{role}"'))
    try:
        app = create_app(app_config(tmp_path, _as_role(fresh_database_url, role)))
        response = app.test_client().get(
            "/api/v1/programmes", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 503, response.get_data(as_text=True)
        assert response.mimetype == "application/problem+json"
        assert "permission" in response.json["detail"].lower()
        assert response.headers.get("Retry-After")
        app.extensions["cpmo.engine"].dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM "{role}"'))
            conn.execute(text(f'REVOKE ALL ON SCHEMA "{schema}" FROM "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
