"""Writes that name a version, fired at the same moment from separate OS processes on
PostgreSQL (each with its own app, engine and pool, as gunicorn workers have): programme
edits, draft edits and submissions never both win from one version (issue 14, items 1 and 4)."""

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from cpmo.business_cases import service as cases
from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase
from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.models import Programme
from cpmo.users import service as users
from tests.conftest import TEST_AUDIT_KEYRING, app_config, on_postgres
from tests.support.cases import complete_case
from tests.support.processes import send_in_own_process
from tests.support.reliability import audit_chain_verifies, prepare_database, programme_state

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not on_postgres(),
        reason="separate processes contend for row locks only on PostgreSQL "
        "(set CPMO_TEST_DATABASE_URL); SQLite serialises writers with a file lock",
    ),
]

Call = tuple[str, str, dict[str, Any], str]  # method, path, body, token


def race(config: dict[str, Any], calls: list[Call]) -> list[tuple[str, int, Any]]:
    """Send every call at once, one process each; (path, status, body) in call order."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(calls)), ctx.Queue()
    processes = [
        ctx.Process(target=send_in_own_process, args=(config, *call, barrier, results))
        for call in calls
    ]
    try:
        for process in processes:
            process.start()
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
    failures = [body for _, _, status, body in outcomes if status == -1]
    assert not failures, failures[0]["error"]
    assert len({pid for pid, *_ in outcomes}) == len(calls)
    return [(path, status, body) for _, path, status, body in outcomes]


def _drafts(url: str, codes: tuple[str, ...], *, author: str = "pm") -> None:
    """A complete OBC draft (revision 1) for each programme in ``codes``."""
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)) as session:
        actor = users.get_or_raise(session, username=author)
        for code in codes:
            body = complete_case("obc")
            body.pop("kind")
            cases.create_version(session, actor=actor, code=code, kind="obc", content=body)
    engine.dispose()


def _case(url: str, code: str) -> BusinessCase:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            programme_id = session.exec(select(Programme.id).where(Programme.code == code)).one()
            return session.exec(
                select(BusinessCase).where(BusinessCase.programme_id == programme_id)
            ).one()
    finally:
        engine.dispose()


def test_eight_patches_from_one_version_have_exactly_one_winner(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepared = prepare_database(fresh_database_url, proposed=("patched",))
    _, version, _ = programme_state(fresh_database_url, "patched")
    calls = [
        (
            "PATCH",
            "/api/v1/programmes/patched",
            {"description": f"edit {n}", "version": version},
            prepared.tokens["pm"],
        )
        for n in range(8)
    ]
    outcomes = race(app_config(tmp_path, fresh_database_url), calls)
    statuses = sorted(status for _, status, _ in outcomes)
    assert statuses == [200] + [409] * 7, statuses
    winner = next(body for _, status, body in outcomes if status == 200)
    stale = [body for _, status, body in outcomes if status == 409]
    assert all(body["current_version"] == version + 1 for body in stale)
    _, now, _ = programme_state(fresh_database_url, "patched")
    assert now == version + 1 == winner["version"]


def test_an_edit_and_an_approval_from_one_version_never_both_win(
    fresh_database_url: str, tmp_path: Path
) -> None:
    codes = tuple(f"duel{n}" for n in range(4))
    prepared = prepare_database(fresh_database_url, officers=2, awaiting_approval=codes)
    calls: list[Call] = []
    for code in codes:
        _, version, _ = programme_state(fresh_database_url, code)
        calls.append(
            (
                "PATCH",
                f"/api/v1/programmes/{code}",
                {"description": "edited while under review", "version": version},
                prepared.tokens["officer2"],
            )
        )
        calls.append(
            (
                "POST",
                f"/api/v1/programmes/{code}/events",
                {"event": "approve_obc", "version": version, "rationale": "Value for money"},
                prepared.tokens["officer1"],
            )
        )
    outcomes = race(app_config(tmp_path, fresh_database_url), calls)
    for code in codes:
        statuses = sorted(
            s for path, s, _ in outcomes if path.startswith(f"/api/v1/programmes/{code}")
        )
        assert statuses == [200, 409], (code, statuses)
    assert audit_chain_verifies(fresh_database_url)[0]


def test_eight_edits_of_one_draft_revision_have_exactly_one_winner(
    fresh_database_url: str, tmp_path: Path
) -> None:
    prepared = prepare_database(fresh_database_url, proposed=("drafted",))
    _drafts(fresh_database_url, ("drafted",))
    calls = []
    for n in range(8):
        body = complete_case("obc")
        body.pop("kind")
        body["strategic"]["case_for_change"] = f"edit {n}"
        calls.append(
            (
                "PUT",
                "/api/v1/programmes/drafted/business-cases/obc/1",
                {**body, "revision": 1},
                prepared.tokens["pm"],
            )
        )
    outcomes = race(app_config(tmp_path, fresh_database_url), calls)
    statuses = sorted(status for _, status, _ in outcomes)
    assert statuses == [200] + [409] * 7, statuses
    winner = next(body for _, status, body in outcomes if status == 200)
    stored = _case(fresh_database_url, "drafted")
    assert stored.revision == 2
    assert stored.content["strategic"]["case_for_change"] == winner["strategic"]["case_for_change"]


def test_a_submission_racing_an_edit_of_its_draft_freezes_exactly_what_was_judged(
    fresh_database_url: str, tmp_path: Path
) -> None:
    codes = tuple(f"sub{n}" for n in range(4))
    prepared = prepare_database(fresh_database_url, officers=1, proposed=codes)
    _drafts(fresh_database_url, codes)
    incomplete = complete_case("obc")
    incomplete.pop("kind")
    incomplete.pop("management")  # the edit drops the management case
    calls: list[Call] = []
    for code in codes:
        _, version, _ = programme_state(fresh_database_url, code)
        calls.append(
            (
                "POST",
                f"/api/v1/programmes/{code}/events",
                {"event": "submit_obc", "version": version},
                prepared.tokens["pm"],
            )
        )
        calls.append(
            (
                "PUT",
                f"/api/v1/programmes/{code}/business-cases/obc/1",
                {**incomplete, "revision": 1},
                prepared.tokens["officer1"],
            )
        )
    outcomes = race(app_config(tmp_path, fresh_database_url), calls)
    for code in codes:
        submit = next(s for p, s, _ in outcomes if p.endswith(f"{code}/events"))
        edit = next(s for p, s, _ in outcomes if p.endswith(f"{code}/business-cases/obc/1"))
        stage, _, entries = programme_state(fresh_database_url, code)
        case = _case(fresh_database_url, code)
        if submit == 200:
            # the edit lost: the submitted version is the complete one that was judged
            assert edit == 409, (code, submit, edit)
            assert stage == "obc_review" and case.status == "submitted"
            assert "management" in case.content
            assert entries[-1].details["case_sha256"] == content_digest(case.content)
        else:
            # the edit won: the submission either judged the edited (incomplete) draft (422)
            # or found it changed under it while freezing it (409); nothing was submitted
            assert submit in (409, 422) and edit == 200, (code, submit, edit)
            assert stage == "proposed" and case.status == "draft" and case.revision == 2
    assert audit_chain_verifies(fresh_database_url)[0]
