"""The CPMO approval queue: oldest first, days waiting, delegated-limit flags."""

import re
from datetime import timedelta

from sqlalchemy import update

from cpmo.db import utcnow
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.workflows.models import AuditEntry
from tests.web.conftest import submitted


def _rows(page: str) -> list[tuple[str, str]]:
    """(programme code, days waiting) for each row of the queue, in order."""
    rows = re.findall(r'data-programme="([^"]+)">(.*?)</tr>', page, re.S)
    out = []
    for code, cells in rows:
        numbers = re.findall(r"govuk-table__cell--numeric\">([^<]*)<", cells)
        out.append((code, numbers[0].strip()))
    return out


def test_the_queue_lists_awaiting_submissions_oldest_first_with_days_waiting(
    signed_in, seeded, person
) -> None:
    manager = person("programme_manager")
    for code in ("queue-new", "queue-old"):
        portfolios.create_programme(
            seeded,
            actor=manager,
            programme_in=ProgrammeCreate(code=code, name=code, portfolio="goj-change"),
        )
        submitted(seeded, manager, code)
    seeded.execute(
        update(AuditEntry)
        .where(AuditEntry.programme_code == "queue-old")
        .values(created_at=utcnow() - timedelta(days=12, hours=1))
    )
    seeded.commit()
    page = signed_in("cpmo").get("/approvals").get_data(as_text=True)
    assert "2 awaiting a decision" in page
    assert _rows(page) == [("queue-old", "12"), ("queue-new", "0")]
    assert "Within limit" in page


def test_the_queue_flags_submissions_above_the_delegated_limit(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    page = signed_in("cpmo").get("/approvals").get_data(as_text=True)
    assert "Above limit: needs endorsement" in page
    assert "/programmes/web-prog/decide/approve_obc" not in page
    assert "an oversight group member must endorse the OBC first" in page
    assert "£7,000,000" in page


def test_an_empty_queue_says_so(signed_in, seeded) -> None:
    assert "Nothing is awaiting a decision." in signed_in("cpmo").get("/approvals").get_data(
        as_text=True
    )


def test_days_waiting_counts_whole_days_elapsed_not_calendar_dates_crossed(seeded, person) -> None:
    """Read at 00:30, a case submitted 12 days and 1 hour earlier has waited 12 days."""
    from datetime import UTC, datetime

    from cpmo.web.reads.queue import approval_queue
    from tests.web.conftest import LIMITS

    manager = person("programme_manager")
    portfolios.create_programme(
        seeded,
        actor=manager,
        programme_in=ProgrammeCreate(code="queue-night", name="night", portfolio="goj-change"),
    )
    submitted(seeded, manager, "queue-night")
    now = datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
    seeded.execute(
        update(AuditEntry)
        .where(AuditEntry.programme_code == "queue-night")
        .values(created_at=now - timedelta(days=12, hours=1))
    )
    seeded.commit()
    items = approval_queue(seeded, actor=person("cpmo"), limits=LIMITS, now=now)
    assert [(a.code, a.days_waiting) for a in items if a.code == "queue-night"] == [
        ("queue-night", 12)
    ]
