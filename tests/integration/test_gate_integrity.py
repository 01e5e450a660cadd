"""The audit chain catches edits; a failed event leaves nothing behind; concurrent
approvals have exactly one winner, across threads and across database connections."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from cpmo.app import create_app
from cpmo.cli import main
from cpmo.config import GovernanceLimits
from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.errors import StaleVersion
from cpmo.migrate import upgrade
from cpmo.models import AuditEntry, Programme
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from cpmo.workflows import audit_store
from cpmo.workflows import service as workflow
from tests.conftest import TEST_AUDIT_KEYRING, app_config, on_postgres
from tests.support.cases import complete_case

LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.1)


def _prepare(session: Session) -> dict[str, object]:
    """A programme in obc_review with a complete OBC, and the users to act on it."""
    from cpmo.business_cases import service as cases
    from cpmo.portfolios import service as portfolios

    load_seeds(session)
    pm, _ = users.create(session, username="pm", role="programme_manager")
    cpmo, _ = users.create(session, username="officer", role="cpmo")
    portfolios.create_programme(
        session,
        actor=pm,
        programme_in=ProgrammeCreate(code="race", name="Race", portfolio="goj-change"),
    )
    body = complete_case("obc")
    body.pop("kind")
    cases.create_version(session, actor=pm, code="race", kind="obc", content=body)
    programme = session.exec(select(Programme).where(Programme.code == "race")).one()
    workflow.fire_event(
        session, actor=pm, code="race", event="submit_obc", version=programme.version, limits=LIMITS
    )
    return {"pm": pm, "cpmo": cpmo}


def test_editing_an_audit_row_is_named_by_cpmo_audit_verify(
    fresh_database_url: str, tmp_path: Path
) -> None:
    upgrade(fresh_database_url)
    app = create_app(app_config(tmp_path, fresh_database_url))
    factory = app.extensions["cpmo.sessionmaker"]
    with transaction(factory) as session:
        actors = _prepare(session)
        version = session.exec(select(Programme.version).where(Programme.code == "race")).one()
        workflow.fire_event(
            session,
            actor=actors["cpmo"],
            code="race",
            event="approve_obc",
            version=version,
            limits=LIMITS,
            rationale="Good case",
        )
    runner = app.test_cli_runner()
    # the registration, the submission and the approval
    assert "3 entries verified" in runner.invoke(main, ["audit", "verify"]).output
    with transaction(factory) as session:
        session.execute(
            text("UPDATE audit_entry SET rationale = 'Rubber-stamped' WHERE sequence = 3")
        )
    result = runner.invoke(main, ["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at entry 3" in result.output and "altered" in result.output
    with transaction(factory) as session:
        session.execute(text("DELETE FROM audit_entry WHERE sequence = 3"))
    assert "BROKEN at entry 3" in runner.invoke(main, ["audit", "verify"]).output
    app.extensions["cpmo.engine"].dispose()


def test_a_failure_after_the_stage_change_leaves_nothing_persisted(
    fresh_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    with transaction(factory) as session:
        actors = _prepare(session)

    seen: list[str] = []

    def explode(session: Session, **fields: object) -> None:
        seen.append(session.exec(select(Programme.stage).where(Programme.code == "race")).one())
        raise RuntimeError("disk on fire after the stage change")

    monkeypatch.setattr(audit_store, "append", explode)
    with pytest.raises(RuntimeError, match="disk on fire"), transaction(factory) as session:
        version = session.exec(select(Programme.version).where(Programme.code == "race")).one()
        workflow.fire_event(
            session,
            actor=actors["cpmo"],
            code="race",
            event="approve_obc",
            version=version,
            limits=LIMITS,
            rationale="Good case",
        )
    assert seen == ["fbc_development"]  # the stage had changed inside the transaction
    with factory() as session:
        programme = session.exec(select(Programme).where(Programme.code == "race")).one()
        assert programme.stage == "obc_review"
        events = session.exec(select(AuditEntry.event).order_by(AuditEntry.sequence)).all()
        assert events == ["register_programme", "submit_obc"]  # no approval entry
        assert audit_store.verify(session).ok
    engine.dispose()


def test_ten_simultaneous_approvals_over_http_have_exactly_one_winner(
    fresh_database_url: str, tmp_path: Path
) -> None:
    upgrade(fresh_database_url)
    app = create_app(app_config(tmp_path, fresh_database_url))
    factory = app.extensions["cpmo.sessionmaker"]
    with transaction(factory) as session:
        _prepare(session)
        _, token = users.create(session, username="approver", role="cpmo")
        version = session.exec(select(Programme.version).where(Programme.code == "race")).one()
    barrier = threading.Barrier(10, timeout=30)
    statuses: list[int] = []

    def approve() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/programmes/race/events",
            json={"event": "approve_obc", "version": version, "rationale": "Approved"},
            headers={"Authorization": f"Bearer {token}"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=approve) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 9
    with factory() as session:
        assert audit_store.verify(session).ok
        assert session.exec(select(Programme.stage).where(Programme.code == "race")).one() == (
            "fbc_development"
        )
    app.extensions["cpmo.engine"].dispose()


def test_concurrent_approvals_on_separate_connections_have_exactly_one_winner(
    fresh_database_url: str,
) -> None:
    """Two connections decide on the same version; the second to commit is refused."""
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    with transaction(factory) as session:
        actors = _prepare(session)
        _, _ = users.create(session, username="officer2", role="cpmo")
        version = session.exec(select(Programme.version).where(Programme.code == "race")).one()
    results: list[str] = []
    winners: list[str] = []
    barrier = threading.Barrier(2, timeout=30)
    # PostgreSQL: both transactions read the same version before either writes, so the loser
    # is stopped by the conditional UPDATE itself. SQLite locks the whole database for a
    # writer, so there the two only start together and queue at BEGIN IMMEDIATE.
    read_first = on_postgres()

    def approve(username: str) -> None:
        if not read_first:
            barrier.wait()
        try:
            with transaction(factory) as session:
                actor = users.get_or_raise(session, username=username)
                if read_first:
                    barrier.wait()
                workflow.fire_event(
                    session,
                    actor=actor,
                    code="race",
                    event="approve_obc",
                    version=version,
                    limits=LIMITS,
                    rationale="Yes",
                )
            results.append("won")
            winners.append(username)
        except StaleVersion:
            results.append("stale")

    threads = [threading.Thread(target=approve, args=(name,)) for name in ("officer", "officer2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["stale", "won"]
    with factory() as session:
        assert audit_store.verify(session).ok
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.sequence)).all()
        assert [(e.event, e.actor) for e in entries] == [
            ("register_programme", actors["pm"].username),
            ("submit_obc", actors["pm"].username),
            ("approve_obc", winners[0]),
        ]
        assert session.exec(select(Programme.stage).where(Programme.code == "race")).one() == (
            "fbc_development"
        )
    engine.dispose()
