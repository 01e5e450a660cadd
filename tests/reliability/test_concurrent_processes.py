"""Approvals fired at the same moment from separate OS processes (each with its own engine and
pool, as gunicorn workers or several hosts have) on PostgreSQL: exactly one wins."""

import multiprocessing
from pathlib import Path

import pytest

from tests.conftest import app_config, on_postgres
from tests.support.processes import approve_in_own_process
from tests.support.reliability import audit_chain_verifies, prepare_database, programme_state

PROCESSES = 8

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not on_postgres(),
        reason="separate processes contend for row locks only on PostgreSQL "
        "(set CPMO_TEST_DATABASE_URL); SQLite serialises writers with a file lock",
    ),
]


def test_simultaneous_approvals_from_separate_processes_have_exactly_one_winner(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepared = prepare_database(fresh_database_url, officers=PROCESSES, awaiting_approval=("race",))
    stage, version, entries = programme_state(fresh_database_url, "race")
    assert (stage, [e.event for e in entries]) == ("obc_review", ["submit_obc"])

    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    config = app_config(tmp_path, fresh_database_url)
    processes = [
        ctx.Process(
            target=approve_in_own_process,
            args=(config, "race", prepared.tokens[f"officer{n}"], version, barrier, results),
        )
        for n in range(1, PROCESSES + 1)
    ]
    try:
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=180) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
        results.close()
        results.join_thread()

    assert len({pid for pid, *_ in outcomes}) == PROCESSES  # really separate processes
    failures = [body for _, status, _, body in outcomes if status == -1]
    assert not failures, failures[0]["error"]
    statuses = sorted(status for _, status, _, _ in outcomes)
    assert statuses == [200] + [409] * (PROCESSES - 1), outcomes
    for _, status, mimetype, body in outcomes:
        if status == 409:
            assert mimetype == "application/problem+json" and body["detail"], body

    stage, new_version, entries = programme_state(fresh_database_url, "race")
    assert (stage, new_version) == ("fbc_development", version + 1)  # advanced exactly once
    assert [e.event for e in entries] == ["submit_obc", "approve_obc"]
    ok, _ = audit_chain_verifies(fresh_database_url)
    assert ok
