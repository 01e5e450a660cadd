"""Closing a workshop freezes its scores, on PostgreSQL with separate OS processes: scorers
write as fast as they can while the facilitator closes; once the close has returned, the
scores never change again, every score answered 200 is kept, and every later one is a 409."""

import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from cpmo.db import make_engine, make_sessionmaker, transaction, writing_session
from cpmo.errors import Conflict
from cpmo.migrate import upgrade
from cpmo.models import WorkshopScore
from cpmo.users import service as users
from cpmo.workflows import audit_store
from cpmo.workshops import scoring_service
from cpmo.workshops import status as workshop_status
from cpmo.workshops.audit import scores_digest
from tests.conftest import TEST_AUDIT_KEYRING, app_config, on_postgres
from tests.support.processes import close_after, score_until_refused
from tests.support.reliability import audit_chain_verifies
from tests.support.workshops import HAND_CRITERIA, build_workshop

SCORERS = 4
ROUNDS = 2
CANDIDATES = [{"key": f"c{n:02d}", "name": f"C{n}", "costs": {"2020": n}} for n in range(200)]
BATCH = 20
CELLS = [(c["key"], k) for c in CANDIDATES for k in ("quality", "cost")]
BATCHES = [CELLS[i : i + BATCH] for i in range(0, len(CELLS), BATCH)]

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not on_postgres(),
        reason="separate processes contend for row locks only on PostgreSQL "
        "(set CPMO_TEST_DATABASE_URL); SQLite serialises writers with a file lock",
    ),
]


def _prepare(url: str) -> dict[str, str]:
    upgrade(url)
    engine = make_engine(url)
    tokens = {}
    with transaction(make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)) as session:
        for name, role in [("facilitator", "facilitator")] + [
            (f"s{n}", "scorer") for n in range(SCORERS)
        ]:
            tokens[name] = users.create(session, username=name, role=role)[1]
        for round_ in range(ROUNDS):
            build_workshop(
                session,
                code=f"race-{round_}",
                status="scoring",
                criteria=HAND_CRITERIA,
                candidates=CANDIDATES,
                scorers=[{"name": f"s{n}", "username": f"s{n}"} for n in range(SCORERS)],
            )
    engine.dispose()
    return tokens


def _stored(url: str, code: str) -> tuple[list[tuple[str, str, str, float]], list[Any], str]:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
            from cpmo.workshops.service import get_or_raise

            workshop = get_or_raise(session, code=code)
            rows = session.exec(
                select(WorkshopScore).where(WorkshopScore.workshop_id == workshop.id)
            ).all()
            scores = sorted((r.scorer, r.candidate_key, r.criterion_key, r.value) for r in rows)
            entries = audit_store.entries_for(session, programme_code=f"workshop:{code}")
            return scores, entries, scores_digest(session, workshop=workshop)[1]
    finally:
        engine.dispose()


def _race(config: dict[str, Any], code: str, tokens: dict[str, str]) -> tuple[Any, list[Any]]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(SCORERS + 1)
    results = ctx.Queue()
    path = f"/api/v1/workshops/{code}/scores"
    processes = [
        ctx.Process(
            target=score_until_refused,
            args=(config, path, tokens[f"s{n}"], BATCHES, barrier, results),
        )
        for n in range(SCORERS)
    ]
    processes.append(
        ctx.Process(
            target=close_after,
            args=(config, code, tokens["facilitator"], 0.6, barrier, results),
        )
    )
    try:
        for process in processes:
            process.start()
        names = {p.pid: f"s{n}" for n, p in enumerate(processes[:SCORERS])}
        outcomes = [results.get(timeout=240) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
        results.close()
        results.join_thread()
    closes = [o for o in outcomes if len(o) == 4]
    writes = sorted((names[pid], answers) for pid, answers in (o for o in outcomes if len(o) == 2))
    assert len(closes) == 1 and len(writes) == SCORERS, outcomes
    return closes[0], writes


def test_no_score_lands_after_the_close_has_returned(
    fresh_database_url: str, tmp_path: Path
) -> None:
    tokens = _prepare(fresh_database_url)
    config = app_config(tmp_path, fresh_database_url)
    for round_ in range(ROUNDS):
        code = f"race-{round_}"
        (_, status, _, at_close), writes = _race(config, code, tokens)
        assert status == 200, at_close
        failures = [a for _, answers in writes for a in answers if a[2] == -1]
        assert not failures, failures[0][1]
        final, entries, digest = _stored(fresh_database_url, code)
        assert len(final) > 0, "the scorers wrote nothing before the close"
        assert len(final) == len(at_close), (
            f"round {round_}: {len(at_close)} scores when the close returned, {len(final)} later"
        )
        assert final == at_close, f"round {round_}: scores changed after the close returned"
        stored = {(s, c, k): v for s, c, k, v in final}
        for scorer, answers in writes:
            statuses = [status for _, _, status in answers]
            assert statuses[-1] == 409, statuses[-3:]  # every scorer was stopped by the close
            assert set(statuses[:-1]) == {200}, set(statuses)
            acknowledged = {}  # cell → the last value answered 200
            for number, value, _ in answers[:-1]:
                for cell in BATCHES[number % len(BATCHES)]:
                    acknowledged[(scorer, *cell)] = value
            mine = {cell: v for cell, v in stored.items() if cell[0] == scorer}
            assert mine == acknowledged, f"{scorer}: a score answered 200 was lost"
        assert [e.event for e in entries][-1] == "close"
        assert entries[-1].details["scores"] == len(final)  # the frozen set, counted under lock
        assert entries[-1].details["scores_sha256"] == digest
    ok, _ = audit_chain_verifies(fresh_database_url)
    assert ok


def _in_thread(work: Any) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _close(factory: Any, code: str) -> Any:
    with transaction(factory) as session:
        actor = users.get_or_raise(session, username="facilitator")
        workshop_status.change_status(session, actor=actor, code=code, status="closed")
        return session.exec(select(func.count()).select_from(WorkshopScore)).one()


def _score(factory: Any, code: str, candidate: str) -> int:
    with transaction(factory) as session:
        actor = users.get_or_raise(session, username="s0")
        return scoring_service.put_scores(
            session,
            actor=actor,
            code=code,
            scores=[{"candidate": candidate, "criterion": "quality", "value": 5}],
        )


def test_a_score_write_racing_the_close_lands_before_it_or_is_refused_after(
    fresh_database_url: str,
) -> None:
    """Two connections: a score write in flight holds the close back until it commits (and is
    part of the frozen set); a close in flight makes a score write wait and then refuse."""
    _prepare(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        # 1. the score write began first: the close waits for it, then freezes it in
        writer = writing_session(factory)
        actor = users.get_or_raise(writer, username="s0")
        scoring_service.put_scores(
            writer,
            actor=actor,
            code="race-0",
            scores=[{"candidate": "c00", "criterion": "quality", "value": 4}],
        )
        thread, closed = _in_thread(lambda: _close(factory, "race-0"))
        thread.join(timeout=1.0)
        blocked = thread.is_alive()
        writer.commit()
        writer.close()
        thread.join(timeout=20)
        assert blocked, "the close committed while a score write was still open"
        assert closed.get("value") == 1, closed
        # 2. the close began first: the score write waits for it, then is refused (409)
        closer = writing_session(factory)
        workshop_status.change_status(
            closer,
            actor=users.get_or_raise(closer, username="facilitator"),
            code="race-1",
            status="closed",
        )
        thread, scored = _in_thread(lambda: _score(factory, "race-1", "c01"))
        thread.join(timeout=1.0)
        blocked = thread.is_alive()
        closer.commit()
        closer.close()
        thread.join(timeout=20)
        assert blocked, "a score write went ahead while the close was open"
        assert isinstance(scored.get("error"), Conflict), scored
    finally:
        engine.dispose()
