"""Two corrections of one programme's month at once, on PostgreSQL with two connections: the
second waits for the first (the programme's row is locked), so there is one row for the month
and the audit's old value is the value each write replaced."""

import threading
from datetime import date
from typing import Any

import pytest
from sqlmodel import select

from cpmo.db import make_engine, make_sessionmaker, transaction, writing_session
from cpmo.finance import service
from cpmo.migrate import upgrade
from cpmo.models import AuditEntry, ProgrammeSpend
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
MONTH = date(2021, 4, 1)


def _record(factory: Any, amount: int) -> None:
    with transaction(factory) as session:
        actor = users.get_or_raise(session, username="cpmo")
        entry = service.SpendEntry(MONTH, amount)
        service.record_actuals(session, actor=actor, code="ttp-its", entries=[entry])


def test_two_writers_of_one_month_queue_and_the_audit_chains_old_to_new(
    fresh_database_url: str,
) -> None:
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with transaction(factory) as session:
            load_seeds(session)
            users.create(session, username="cpmo", role="cpmo")
        first = writing_session(factory)
        service.record_actuals(
            first,
            actor=users.get_or_raise(first, username="cpmo"),
            code="ttp-its",
            entries=[service.SpendEntry(MONTH, 100)],
        )
        errors: list[BaseException] = []

        def second() -> None:
            try:
                _record(factory, 250)
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
        assert waited, "the second write read the month while the first was still open"
        with factory() as session:
            rows = session.exec(select(ProgrammeSpend)).all()
            assert [(r.month, r.amount_gbp) for r in rows] == [(MONTH, 250)]
            entries = session.exec(
                select(AuditEntry)
                .where(AuditEntry.event == "record_actuals")
                .order_by(AuditEntry.sequence)
            ).all()
            assert [e.details["actuals"]["2021-04"] for e in entries] == [
                {"old": None, "new": 100},
                {"old": 100, "new": 250},
            ]
    finally:
        engine.dispose()
