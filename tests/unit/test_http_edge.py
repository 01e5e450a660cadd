"""The HTTP edge has one of each: a transactional view decorator, one kind → status table."""

import re
from pathlib import Path

import pytest
from flask import Flask, redirect

from cpmo.app import transactional
from cpmo.errors import KIND_STATUS, Conflict, NotFound, TooLarge, status_of

CPMO = Path(__file__).resolve().parents[2] / "cpmo"


class _Session:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def commit(self) -> None:
        self.calls.append("commit")

    def rollback(self) -> None:
        self.calls.append("rollback")

    def close(self) -> None:
        self.calls.append("close")


class _Factory:
    kw: dict[str, object] = {}

    def __init__(self, session: _Session) -> None:
        self.session = session

    def __call__(self, **_kw: object) -> _Session:
        return self.session


@pytest.fixture
def session_in_request():  # type: ignore[no-untyped-def]
    session = _Session()
    app = Flask(__name__)
    app.extensions["cpmo.sessionmaker"] = _Factory(session)
    with app.test_request_context("/", method="POST"):
        yield session


def test_a_view_that_returns_commits_once(session_in_request: _Session) -> None:
    assert transactional(lambda: {"ok": True})() == {"ok": True}
    assert session_in_request.calls == ["commit"]


def test_a_redirect_is_a_success(session_in_request: _Session) -> None:
    transactional(lambda: redirect("/elsewhere"))()
    assert session_in_request.calls == ["commit"]


def test_a_view_that_raises_rolls_back_and_reraises(session_in_request: _Session) -> None:
    def refused() -> None:
        raise Conflict("taken")

    with pytest.raises(Conflict):
        transactional(refused)()
    assert session_in_request.calls == ["rollback"]


def test_a_page_shown_again_with_its_errors_writes_nothing(session_in_request: _Session) -> None:
    assert transactional(lambda: ("<form>", 422))() == ("<form>", 422)
    assert session_in_request.calls == ["rollback"]


def test_views_leave_committing_to_the_decorator() -> None:
    """No API view commits by hand (sign-in, which keeps a failed attempt, is the page
    exception; a refused submission that keeps its draft says so where it commits)."""
    committing = [
        f"{path.relative_to(CPMO)}:{n}"
        for folder in ("api", "web/views")
        for path in sorted((CPMO / folder).glob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if ".commit()" in line and "the draft is kept" not in line
    ]
    assert committing == []


def test_one_table_turns_an_error_kind_into_a_status() -> None:
    defining = [
        str(path.relative_to(CPMO))
        for path in CPMO.rglob("*.py")
        if re.search(r"^\s*KIND_STATUS\s*=", path.read_text(), re.M)
    ]
    assert defining == ["errors.py"]
    assert status_of(NotFound("x")) == 404
    assert status_of(TooLarge("x")) == 413
    assert set(KIND_STATUS) >= {"not_found", "conflict", "refused", "forbidden", "invalid"}


def test_no_content_helper_is_the_only_204_builder() -> None:
    builders = [
        str(path.relative_to(CPMO))
        for path in CPMO.rglob("*.py")
        if "Response(status=204)" in path.read_text()
    ]
    assert builders == ["api/blueprints.py"]
