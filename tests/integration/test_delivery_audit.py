"""Suppliers, milestones and the benefits plan are audited like every other change: the
contract value a lot was let at is a governance fact, and a milestone marked done is evidence
the delivery gate reads."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from cpmo.delivery import service as delivery
from cpmo.users import service as users
from cpmo.workflows import audit_store
from tests.support.delivery import to_delivery, to_supplier_selection

CODE = "audited-delivery"


def _people(session: Session) -> tuple[Any, Any]:
    manager = users.create(session, username="pm", role="programme_manager")[0]
    officer = users.create(session, username="officer", role="cpmo")[0]
    return manager, officer


def _changes(session: Session) -> list[Any]:
    return [
        e
        for e in audit_store.entries_for(session, programme_code=CODE)
        if e.event in ("record_lot", "complete_milestone", "record_benefits_plan")
    ]


@pytest.fixture
def selecting(seeded: Session) -> tuple[Any, Any]:
    manager, officer = _people(seeded)
    to_supplier_selection(seeded, manager=manager, officer=officer, code=CODE, name="Audited")
    return manager, officer


def test_recording_a_lots_supplier_is_audited_with_old_and_new(seeded, selecting) -> None:
    manager, _ = selecting
    [lot, *_] = delivery.list_lots(seeded, code=CODE)
    before = len(_changes(seeded))
    delivery.record_lot(
        seeded,
        actor=manager,
        code=CODE,
        name=lot.name,
        supplier="Acme Ltd",
        contract_value_gbp=1_250_000,
    )
    [entry] = _changes(seeded)[before:]
    assert (entry.event, entry.actor, entry.to_stage) == ("record_lot", "pm", "supplier_selection")
    assert entry.details["new"] == {"supplier": "Acme Ltd", "contract_value_gbp": 1_250_000}
    assert entry.details["lot"] == lot.name
    assert audit_store.verify(seeded).ok


def test_completing_a_milestone_and_writing_the_plan_are_audited(seeded, selecting) -> None:
    manager, officer = selecting
    to_delivery(seeded, manager=manager, officer=officer, code=CODE)
    before = len(_changes(seeded))
    [milestone, *_] = delivery.list_milestones(seeded, code=CODE)
    delivery.update_milestone(
        seeded, actor=manager, code=CODE, milestone_id=milestone.id, completed_on=date(2020, 1, 2)
    )
    plan = [
        {
            "title": "Cash",
            "owner": "Finance director",
            "measure": "£ saved",
            "baseline": "0",
            "target": "£1m",
            "date": "2028-03-31",
        }
    ]
    delivery.put_benefits_plan(seeded, actor=manager, code=CODE, benefits=plan)
    events = [(e.event, e.actor) for e in _changes(seeded)[before:]]
    assert ("complete_milestone", "pm") in events and ("record_benefits_plan", "pm") in events
    done = next(e for e in _changes(seeded)[before:] if e.event == "complete_milestone")
    assert done.details["completed_on"][1] == "2020-01-02"


def test_the_plans_benefits_become_the_programmes_benefits_that_close_accounts_for(
    seeded, selecting
) -> None:
    from cpmo.finance import realisation
    from cpmo.portfolios import service as portfolios

    manager, officer = selecting
    to_delivery(seeded, manager=manager, officer=officer, code=CODE)
    plan = [
        {
            "title": "Staff time saved",
            "owner": "Head of Customer Services",
            "measure": "Hours spent",
            "baseline": "0",
            "target": "5,000 hours",
            "date": "2028-03-31",
            "value_gbp": 250_000,
        }
    ]
    delivery.put_benefits_plan(seeded, actor=manager, code=CODE, benefits=plan)
    delivery.put_benefits_plan(seeded, actor=manager, code=CODE, benefits=plan)  # idempotent
    programme = portfolios.get_programme_or_raise(seeded, code=CODE)
    unaccounted = realisation.unaccounted(seeded, programme=programme)
    assert any("Staff time saved" in line for line in unaccounted)
    titles = [
        v.benefit.title
        for v in realisation.programme_benefits(seeded, code=CODE).benefits
        if v.benefit.title == "Staff time saved"
    ]
    assert titles == ["Staff time saved"]
