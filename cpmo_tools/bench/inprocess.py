"""Requests against a cpmo app in this process (Flask's test client), with statement counts."""

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from cpmo.app import create_app
from cpmo_tools.bench.portfolios import BENCH_AUDIT_KEY


@dataclass
class Statements:
    """SQL statements sent through an engine while ``counting`` is on."""

    count: int = 0
    counting: bool = False

    def record(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if self.counting:
            self.count += 1


class AppUnderTest:
    """An app on ``url`` (its own instance folder) with a bearer token and a statement counter."""

    def __init__(self, url: str, token: str) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="cpmo-bench-")
        self.app: Flask = create_app(
            {
                "CPMO_DATABASE_URL": url,
                "CPMO_AUDIT_KEY": BENCH_AUDIT_KEY,
                "INSTANCE_PATH": self._folder.name,
                "TESTING": False,
            }
        )
        self.client: FlaskClient = self.app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}
        self.statements = Statements()
        event.listen(
            self.app.extensions["cpmo.engine"], "before_cursor_execute", self.statements.record
        )

    def get(self, path: str) -> Any:
        response = self.client.get(path, headers=self.headers)
        if response.status_code != 200:
            raise RuntimeError(
                f"GET {path}: {response.status_code} {response.get_data(True)[:300]}"
            )
        return response.get_json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.client.post(path, json=body, headers=self.headers)
        if response.status_code >= 300:
            raise RuntimeError(
                f"POST {path}: {response.status_code} {response.get_data(True)[:300]}"
            )
        return response.get_json()

    def timed_get(self, path: str) -> tuple[float, int]:
        """Seconds and SQL statements of one GET (the answer's body is read, not parsed)."""
        self.statements.count, self.statements.counting = 0, True
        start = time.perf_counter()
        response = self.client.get(path, headers=self.headers)
        response.get_data()
        seconds = time.perf_counter() - start
        self.statements.counting = False
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        return seconds, self.statements.count

    def close(self) -> None:
        self.app.extensions["cpmo.engine"].dispose()
        self._folder.cleanup()


@contextmanager
def app_under_test(url: str, token: str) -> Iterator[AppUnderTest]:
    subject = AppUnderTest(url, token)
    try:
        yield subject
    finally:
        subject.close()
