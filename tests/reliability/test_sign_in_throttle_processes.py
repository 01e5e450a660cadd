"""The sign-in throttle holds across `cpmo serve --production` processes on one PostgreSQL
database: wrong passwords sent to two separate servers (each with its own workers) add up, and
a burst of simultaneous guesses gets no more password checks than the limit."""

import http.client
import re
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import on_postgres
from tests.support.reliability import PASSWORD, prepare_database
from tests.support.served import ProductionServer

ACCOUNT_LIMIT = 10
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.slow,
    pytest.mark.skipif(
        not on_postgres(),
        reason="separate server processes share one database only on PostgreSQL "
        "(set CPMO_TEST_DATABASE_URL)",
    ),
]


def _call(port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Connection": "close", **headers})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        connection.close()


def attempt(port: int, username: str, password: str) -> tuple[int, dict[str, str]]:
    """GET the sign-in page (cookie and CSRF token, as a browser), then POST the form."""
    _, headers, page = _call(port, "GET", "/sign-in", None, {})
    cookie = next(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
    match = CSRF.search(page)
    assert match, page[:300]
    form = urlencode({"username": username, "password": password, "csrf_token": match.group(1)})
    status, reply_headers, _ = _call(
        port,
        "POST",
        "/sign-in",
        form.encode(),
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return status, dict(reply_headers)


def test_wrong_passwords_to_two_servers_add_up_and_a_burst_gets_no_more_than_the_limit(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepare_database(fresh_database_url, officers=2)
    servers = [
        ProductionServer(fresh_database_url, tmp_path / f"served{n}", workers=2, threads=2)
        for n in (1, 2)
    ]
    try:
        for server in servers:
            server.wait_until_ready(workers=2)
        first, second = (server.port for server in servers)

        # sequential: half the limit on each server, then the right password on either
        for n in range(ACCOUNT_LIMIT):
            status, _ = attempt(first if n % 2 else second, "officer1", f"wrong guess {n}")
            assert status == 401, n
        for port in (first, second):
            status, headers = attempt(port, "officer1", PASSWORD)
            assert status == 429 and int(headers["Retry-After"]) > 0

        # a burst: thirty simultaneous wrong guesses for another account over both servers
        statuses: list[int] = []
        lock = threading.Lock()
        start = threading.Barrier(6)

        def guess(port: int, count: int) -> None:
            start.wait()
            for n in range(count):
                status, _ = attempt(port, "officer2", f"burst guess {n}")
                with lock:
                    statuses.append(status)

        threads = [
            threading.Thread(target=guess, args=((first, second)[n % 2], 5)) for n in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(statuses) == 30 and set(statuses) <= {401, 429}, statuses
        assert 1 <= statuses.count(401) <= ACCOUNT_LIMIT, statuses
        assert attempt(first, "officer2", PASSWORD)[0] == 429
    finally:
        for server in servers:
            server.stop()
