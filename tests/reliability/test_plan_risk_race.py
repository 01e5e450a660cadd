"""Two rescorings of one risk at once, on PostgreSQL with two connections: the second waits for
the first (the risk's row is locked), so the history's old values are always the values each
rescoring replaced and the chain of assessments has no gap."""

import threading
from typing import Any

import pytest

from cpmo.db import make_engine, make_sessionmaker, transaction, writing_session
from cpmo.migrate import upgrade
from cpmo.plans import owners, risk_register
from cpmo.plans.inputs import RiskUpdate
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from tests.conftest import TEST_AUDIT_KEYRING, on_postgres

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not on_postgres(),
        reason="two connections contend for row locks only on PostgreSQL "
        "(set CPMO_TEST_DATABASE_URL); SQLite serialises writers with a file lock",
    ),
]
RISK = "kcc-hr-risk-1"


def _rescore(factory: Any, username: str, likelihood: int) -> None:
    with transaction(factory) as session:
        actor = users.get_or_raise(session, username=username)
        risk_register.update_risk(
            session,
            actor=actor,
            code=RISK,
            risk_in=RiskUpdate(likelihood=likelihood, impact=4, rationale=username),
        )


def test_concurrent_rescorings_of_one_risk_queue_and_keep_a_gapless_history(
    fresh_database_url: str,
) -> None:
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with transaction(factory) as session:
            load_seeds(session)
            cpmo, _ = users.create(session, username="cpmo", role="cpmo")
            users.create(session, username="pm", role="programme_manager")
            owners.set_owners(session, actor=cpmo, code="kcc-hr-2013-14", owner="pm", editors=[])
        first = writing_session(factory)
        risk_register.update_risk(
            first,
            actor=users.get_or_raise(first, username="cpmo"),
            code=RISK,
            risk_in=RiskUpdate(likelihood=5, impact=4, rationale="cpmo"),
        )
        errors: list[BaseException] = []

        def second() -> None:
            try:
                _rescore(factory, "pm", 2)
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        thread.join(timeout=1.0)
        waited = thread.is_alive()
        first.commit()
        first.close()
        thread.join(timeout=20)
        assert not errors, errors
        assert waited, "the second rescoring read the risk while the first was still open"
        with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
            history = risk_register.history(session, code=RISK)
            assert [(h.old_score, h.new_score, h.changed_by) for h in history] == [
                (None, 20, "cpmo"),
                (20, 8, "pm"),
            ]
    finally:
        engine.dispose()
