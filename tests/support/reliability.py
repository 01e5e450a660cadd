"""Shared set-up for the reliability scenarios: a migrated, seeded database with users who hold
tokens (and passwords, for the pages), programmes in a known state, and small checks."""

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.migrate import upgrade
from cpmo.models import AuditEntry, Programme
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from cpmo.workflows import audit_store
from cpmo.workflows import service as workflow
from tests.conftest import TEST_AUDIT_KEYRING
from tests.support.cases import complete_case

PASSWORD = "correct horse battery"
LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.10)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Prepared:
    url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}


def prepare_database(
    url: str,
    *,
    officers: int = 1,
    awaiting_approval: tuple[str, ...] = (),
    proposed: tuple[str, ...] = (),
) -> Prepared:
    """Migrate and seed ``url``; add a programme manager ``pm``, CPMO officers ``officer1…``
    (all with tokens and passwords), programmes in obc_review with a submitted OBC
    (``awaiting_approval``) and programmes just registered (``proposed``)."""
    upgrade(url)
    engine = make_engine(url)
    prepared = Prepared(url=url)
    with transaction(make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)) as session:
        load_seeds(session)
        pm, prepared.tokens["pm"] = users.create(
            session, username="pm", role="programme_manager", password=PASSWORD
        )
        for number in range(1, officers + 1):
            name = f"officer{number}"
            _, prepared.tokens[name] = users.create(
                session, username=name, role="cpmo", password=PASSWORD
            )
        for code in awaiting_approval + proposed:
            portfolios.create_programme(
                session,
                actor=pm,
                programme_in=ProgrammeCreate(code=code, name=code.title(), portfolio="goj-change"),
            )
        for code in awaiting_approval:
            body = complete_case("obc")
            body.pop("kind")
            cases.create_version(session, actor=pm, code=code, kind="obc", content=body)
            version = session.exec(select(Programme.version).where(Programme.code == code)).one()
            workflow.fire_event(
                session, actor=pm, code=code, event="submit_obc", version=version, limits=LIMITS
            )
    engine.dispose()
    return prepared


def programme_state(url: str, code: str) -> tuple[str, int, list[AuditEntry]]:
    """A programme's stage, version and the audit entries of what happened to it after its
    registration (oldest first)."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
            programme = session.exec(select(Programme).where(Programme.code == code)).one()
            entries = [
                e
                for e in audit_store.entries_for(session, programme_code=code)
                if e.event != "register_programme"
            ]
            return programme.stage, programme.version, entries
    finally:
        engine.dispose()


def audit_chain_verifies(url: str) -> tuple[bool, int]:
    """Whether the whole audit chain of ``url`` verifies, and how many entries it has."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
            result = audit_store.verify(session)
            count = session.exec(select(func.count()).select_from(AuditEntry)).one()
            assert count == result.entries
            return result.ok, result.entries
    finally:
        engine.dispose()


def count_rows(session: Session, model: Any) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def sign_in(client: Any, username: str, password: str = PASSWORD) -> None:
    """Sign a test client in to the pages, reading the CSRF token as a browser would."""
    page = client.get("/sign-in")
    match = CSRF.search(page.get_data(as_text=True))
    assert match, page.status_code
    response = client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": match.group(1)},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def assert_problem(response: Any, status: int, *words: str) -> dict[str, Any]:
    """``response`` is application/problem+json with ``status`` and a detail naming ``words``."""
    assert response.status_code == status, (response.status_code, response.get_data()[:300])
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    for word in words:
        assert word in body["detail"], body["detail"]
    return body
