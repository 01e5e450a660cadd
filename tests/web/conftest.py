"""Page test fixtures: seeded data, people who sign in with passwords, a signed-in client.

CSRF protection stays on: helpers read the token from the page like a browser would.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import request
from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.users import service as users
from cpmo.users.models import User
from cpmo.workflows import service as workflow
from cpmo.workflows.models import Condition
from tests.support.cases import complete_case
from tests.support.page_words import leaks

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def pages_say_nothing_a_person_should_not_read(app: Any) -> Any:
    """Every HTML page a page test renders is read for event codes, field names and library
    messages (ARCHITECTURE.md §5b); the test fails if any page says one."""
    seen: list[str] = []

    def read(response: Any) -> Any:
        if response.mimetype == "text/html" and not response.direct_passthrough:
            for leak in leaks(response.get_data(as_text=True)):
                seen.append(f"{request.path}: {leak}")
        return response

    app.after_request_funcs.setdefault(None, []).append(read)
    yield
    assert not seen, "pages say what a person should not read:\n" + "\n".join(sorted(set(seen)))


TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def person(session: Session) -> Callable[..., User]:
    """person(role, name=None): a user who can sign in (username defaults to the role)."""

    def make(role: str, name: str | None = None) -> User:
        username = name or role
        existing = users.get(session, username=username)
        if existing is not None:
            return existing
        user, _ = users.create(session, username=username, role=role, password=PASSWORD)
        session.commit()
        return user

    return make


def csrf_token(client: Any, path: str = "/sign-in") -> str:
    """The CSRF token a page carries (as a browser would find it)."""
    page = client.get(path)
    match = TOKEN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({page.status_code})"
    return match.group(1)


def sign_in(client: Any, username: str, password: str = PASSWORD) -> Any:
    """Sign in afresh (whoever was signed in before)."""
    client.delete_cookie("cpmo_session")
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": csrf_token(client)},
    )


@pytest.fixture
def signed_in(client: Any, person: Callable[..., User]) -> Callable[..., Any]:
    """signed_in(role, name=None): the test client, signed in as that person."""

    def as_(role: str, name: str | None = None) -> Any:
        user = person(role, name)
        response = sign_in(client, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return as_


LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.10)


@pytest.fixture
def programme(seeded: Session, person: Callable[..., User]) -> str:
    """A proposed programme managed by the user 'programme_manager'."""
    manager = person("programme_manager")
    portfolios.create_programme(
        seeded,
        actor=manager,
        programme_in=ProgrammeCreate(code="web-prog", name="Web Programme", portfolio="goj-change"),
    )
    seeded.commit()
    return "web-prog"


def submitted(session: Session, actor: User, code: str, cost: int = 2_000_000) -> None:
    """Write a complete OBC for ``code`` and submit it as ``actor``."""
    body = complete_case("obc", cost=cost)
    body.pop("kind")
    cases.create_version(session, actor=actor, code=code, kind="obc", content=body)
    version = portfolios.get_programme_or_raise(session, code=code).version
    workflow.fire_event(
        session, actor=actor, code=code, event="submit_obc", version=version, limits=LIMITS
    )
    session.commit()


CONDITION_TEXT = "Appoint a data protection officer"


@pytest.fixture
def condition(seeded: Session, person: Any, programme: str) -> int:
    """web-prog at FBC development with one open condition set by the OBC approval."""
    submitted(seeded, person("programme_manager"), programme)
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    workflow.fire_event(
        seeded,
        actor=person("cpmo", "officer"),
        code=programme,
        event="approve_obc",
        version=version,
        limits=LIMITS,
        rationale="Strong case.",
        conditions=[CONDITION_TEXT],
    )
    seeded.commit()
    return int(seeded.exec(select(Condition.id)).one())
