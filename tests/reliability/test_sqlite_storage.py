"""SQLite that cannot take writes: opened read-only, or out of storage. A write answers a clear
problem+json (503 read-only, 507 storage full) and leaves nothing behind; reads still work.

These always run on SQLite files of their own (SQLite is the embedded default), whichever
database the rest of the run uses."""

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import event, text

from cpmo.app import create_app
from cpmo.business_cases.models import BusinessCase
from cpmo.db import make_engine, make_sessionmaker
from cpmo.models import AuditEntry
from tests.conftest import TEST_AUDIT_KEYRING, app_config
from tests.support.cases import complete_case
from tests.support.reliability import (
    PASSWORD,
    assert_problem,
    audit_chain_verifies,
    count_rows,
    prepare_database,
    programme_state,
)

STATUS = "/api/v1/portfolios/goj-change/status"


def _database(tmp_path: Path) -> tuple[Path, str, dict[str, str]]:
    path = tmp_path / "cpmo.sqlite3"
    prepared = prepare_database(
        f"sqlite:///{path}", awaiting_approval=("ready",), proposed=("draft",)
    )
    vacuum = sqlite3.connect(path)  # no free pages left: any growth needs a new page
    vacuum.execute("VACUUM")
    vacuum.close()
    return path, f"sqlite:///{path}", prepared.auth("officer1")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_sqlite_database_refuses_writes_with_503_and_still_reads(
    tmp_path: Path,
) -> None:
    path, url, headers = _database(tmp_path)
    _, version, _ = programme_state(url, "ready")
    before = _digest(path)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    app = create_app(app_config(tmp_path, read_only))
    client, pages = app.test_client(), app.test_client()

    assert client.get(STATUS, headers=headers).status_code == 200
    assert client.get("/api/v1/programmes/ready/workflow", headers=headers).status_code == 200
    assert client.get("/api/v1/health").status_code == 200
    decided = client.post(
        "/api/v1/programmes/ready/events",
        json={"event": "approve_obc", "version": version, "rationale": "Good value"},
        headers=headers,
    )
    body = assert_problem(decided, 503, "read-only")
    assert int(decided.headers["Retry-After"]) > 0
    drafted = client.post(
        "/api/v1/programmes/draft/business-cases", json=complete_case("obc"), headers=headers
    )
    assert assert_problem(drafted, 503, "read-only") == body
    # signing in writes a server-side session (and the throttle's attempt): refused, plainly
    form = pages.get("/sign-in").get_data(as_text=True)
    token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    refused = pages.post(
        "/sign-in",
        data={"username": "officer1", "password": PASSWORD, "csrf_token": token},
    )
    assert refused.status_code == 503 and "read-only" in refused.get_data(as_text=True)
    assert pages.get("/").status_code == 302  # not signed in
    app.extensions["cpmo.engine"].dispose()

    assert _digest(path) == before  # not a byte written
    stage, _, entries = programme_state(url, "ready")
    assert (stage, [e.event for e in entries]) == ("obc_review", ["submit_obc"])
    assert audit_chain_verifies(url) == (True, 1 + 2)  # the submission, two registrations


def test_a_full_sqlite_database_answers_507_and_keeps_nothing_half_written(
    tmp_path: Path,
) -> None:
    _, url, headers = _database(tmp_path)
    app = create_app(app_config(tmp_path, url))
    engine = app.extensions["cpmo.engine"]

    @event.listens_for(engine, "connect")
    def _no_room_to_grow(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    client = app.test_client()
    assert client.get(STATUS, headers=headers).status_code == 200
    case = complete_case("obc")
    case["strategic"]["case_for_change"] = "A long case for change. " * 2000  # ~48 kB
    counts = _counts(url)

    drafted = client.post("/api/v1/programmes/draft/business-cases", json=case, headers=headers)
    assert_problem(drafted, 507, "storage is full")
    assert "Retry-After" not in drafted.headers
    assert client.get(STATUS, headers=headers).status_code == 200  # reads carry on
    engine.dispose()

    assert _counts(url) == counts
    checker = make_engine(url)
    with checker.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    checker.dispose()
    assert audit_chain_verifies(url) == (True, 1 + 2)  # the submission, two registrations
    # the same request fits once there is room: the refusal was the storage, not the request
    roomy = create_app(app_config(tmp_path / "roomy", url))
    again = roomy.test_client().post(
        "/api/v1/programmes/draft/business-cases", json=case, headers=headers
    )
    assert again.status_code == 201, again.get_json()
    roomy.extensions["cpmo.engine"].dispose()


def _counts(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
        counts = (count_rows(session, BusinessCase), count_rows(session, AuditEntry))
    engine.dispose()
    return counts
