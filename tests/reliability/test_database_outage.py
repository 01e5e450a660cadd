"""The database going away: the API answers 503 problem+json with Retry-After, the pages the
503 error page, never a 500; when it comes back the same app answers again, unrestarted."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from cpmo.app import create_app
from tests.conftest import PG_URL, app_config, on_postgres
from tests.support.reliability import (
    assert_problem,
    audit_chain_verifies,
    prepare_database,
    programme_state,
    sign_in,
)
from tests.support.tcp_proxy import TcpProxy

STATUS = "/api/v1/portfolios/goj-change/status"


class Visitor:
    """An API client with a token and a signed-in page reader, on one app."""

    def __init__(self, app: Any, token: str) -> None:
        self.api, self.pages = app.test_client(), app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def sign_in(self) -> "Visitor":
        sign_in(self.pages, "officer1")
        return self

    def replies(self) -> dict[str, Any]:
        return {
            "status": self.api.get(STATUS, headers=self.headers),
            "health": self.api.get("/api/v1/health"),
            "page": self.pages.get("/"),
        }

    def pause(self, code: str) -> Any:
        version = self.api.get(f"/api/v1/programmes/{code}", headers=self.headers).get_json()
        return self.api.post(
            f"/api/v1/programmes/{code}/events",
            json={"event": "pause", "version": (version or {}).get("version", 1)},
            headers=self.headers,
        )


def assert_all_answer(replies: dict[str, Any]) -> None:
    for name, reply in replies.items():
        assert reply.status_code == 200, (name, reply.status_code, reply.get_data()[:300])


def assert_all_unavailable(replies: dict[str, Any], *words: str) -> None:
    for name in ("status", "health"):
        assert_problem(replies[name], 503, *words)
        assert int(replies[name].headers["Retry-After"]) > 0, name
    page = replies["page"]
    assert page.status_code == 503 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in text and all(w in text for w in words)


@pytest.mark.postgres_only
@pytest.mark.skipif(not on_postgres(), reason="PostgreSQL outage (set CPMO_TEST_DATABASE_URL)")
def test_postgresql_going_away_gives_503_and_the_same_app_recovers(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepared = prepare_database(fresh_database_url, proposed=("steady",))
    upstream = make_url(PG_URL)
    with TcpProxy(upstream.host or "127.0.0.1", upstream.port or 5432) as proxy:
        via_proxy = (
            make_url(fresh_database_url)
            .set(host="127.0.0.1", port=proxy.port)
            .render_as_string(hide_password=False)
        )
        app = create_app(app_config(tmp_path, via_proxy))
        visitor = Visitor(app, prepared.tokens["officer1"]).sign_in()
        assert_all_answer(visitor.replies())
        assert proxy.live_connections >= 1  # the app's pool really goes through the proxy

        proxy.close()  # the database goes away, taking the pooled connections with it
        assert_all_unavailable(visitor.replies(), "unavailable")
        assert_problem(visitor.pause("steady"), 503, "unavailable")

        proxy.open()  # it is back: the next requests work, no restart
        assert_all_answer(visitor.replies())

        # restarted while nobody was asking: every pooled connection is dead, yet the first
        # requests afterwards work (each checkout is pinged and a dead connection replaced)
        proxy.close()
        proxy.open()
        assert_all_answer(visitor.replies())
        assert visitor.pause("steady").status_code == 200
        app.extensions["cpmo.engine"].dispose()

    stage, _, entries = programme_state(fresh_database_url, "steady")
    assert (stage, [e.event for e in entries]) == ("on_hold", ["pause"])
    assert audit_chain_verifies(fresh_database_url)[0]


def test_a_sqlite_file_replaced_by_garbage_gives_503_and_recovers(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cpmo.sqlite3"
    path.parent.mkdir()
    url = f"sqlite:///{path}"
    prepared = prepare_database(url, proposed=("steady",))
    app = create_app(app_config(tmp_path, url))
    visitor = Visitor(app, prepared.tokens["officer1"]).sign_in()
    assert_all_answer(visitor.replies())

    original = path.read_bytes()
    with path.open("r+b") as damaged:  # same file, same inode: open connections see it too
        damaged.write(b"not a database! " * (len(original) // 16))
    assert_all_unavailable(visitor.replies(), "damaged")
    assert_problem(visitor.pause("steady"), 503, "damaged")

    with path.open("r+b") as restored:
        restored.write(original)
    assert_all_answer(visitor.replies())
    assert visitor.pause("steady").status_code == 200
    app.extensions["cpmo.engine"].dispose()
    assert audit_chain_verifies(url) == (True, 1 + 1)  # the pause, and the registration


def test_a_sqlite_folder_moved_away_gives_503_and_recovers(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    url = f"sqlite:///{folder / 'cpmo.sqlite3'}"
    prepared = prepare_database(url, proposed=("steady", "other"))
    running = create_app(app_config(tmp_path / "running", url))
    visitor = Visitor(running, prepared.tokens["officer1"]).sign_in()
    assert_all_answer(visitor.replies())

    folder.rename(tmp_path / "moved")
    # the running app's open connection still reads the moved file but cannot write to it
    assert_problem(visitor.pause("steady"), 503, "unavailable")
    # an app starting now (a new worker, a restart) cannot open it at all
    starting = create_app(app_config(tmp_path / "starting", url))
    newcomer = Visitor(starting, prepared.tokens["officer1"])
    newcomer.pages = visitor.pages  # the same signed session cookie (same secret key) …
    newcomer.pages.application = starting  # … presented to the new app
    assert_all_unavailable(newcomer.replies(), "unavailable")

    (tmp_path / "moved").rename(folder)
    assert_all_answer(newcomer.replies())
    assert visitor.pause("steady").status_code == 200
    assert newcomer.pause("other").status_code == 200
    for app in (running, starting):
        app.extensions["cpmo.engine"].dispose()
    assert audit_chain_verifies(url) == (True, 2 + 2)  # two pauses, two registrations


@pytest.mark.postgres_only
@pytest.mark.skipif(not on_postgres(), reason="the pool settings apply to PostgreSQL only")
def test_an_exhausted_connection_pool_answers_503_busy_instead_of_hanging(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepared = prepare_database(fresh_database_url)
    config = app_config(
        tmp_path,
        fresh_database_url,
        CPMO_DB_POOL_SIZE="1",
        CPMO_DB_MAX_OVERFLOW="0",
        CPMO_DB_POOL_TIMEOUT="0.5",
    )
    app = create_app(config)
    visitor = Visitor(app, prepared.tokens["officer1"])
    engine = app.extensions["cpmo.engine"]
    held = engine.connect()  # the pool's only connection, taken by a long request
    try:
        reply = visitor.api.get(STATUS, headers=visitor.headers)
        assert_problem(reply, 503, "busy")
        assert reply.headers["Retry-After"]
    finally:
        held.close()
    assert visitor.api.get(STATUS, headers=visitor.headers).status_code == 200
    engine.dispose()
