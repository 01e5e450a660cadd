"""plan_effects: what an accepted event changes, worked out without a database."""

from datetime import date

from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.models import AuditEntry
from cpmo.workflows.planner import (
    AddCondition,
    AddLot,
    AddMilestone,
    FreezeSubmission,
    SetWholeLifeCost,
    evidence,
    plan_effects,
)
from tests.support.cases import complete_case


def _case(kind: str, number: int, status: str, cost: int) -> BusinessCase:
    content = complete_case(kind, cost=cost)
    content.pop("kind")
    return BusinessCase(
        id=number, kind=kind, number=number, status=status, content=content, revision=3
    )


def _submitted(kind: str, number: int, sequence: int = 1) -> AuditEntry:
    return AuditEntry(
        sequence=sequence, event=f"submit_{kind}", business_case_version=number, details={}
    )


def _plan(event: str, record: ProgrammeRecord, cost: int | None = 1_000, conditions=()):  # type: ignore[no-untyped-def]
    return plan_effects(
        event, record, programme_code="p", programme_cost=cost, conditions=list(conditions)
    )


def test_a_submission_freezes_the_draft_and_the_higher_cost() -> None:
    case = _case("obc", 1, "draft", 2_000_000)
    [freeze] = _plan("submit_obc", ProgrammeRecord([case], []), cost=3_000_000)
    assert freeze == FreezeSubmission(
        "obc", 3_000_000, case_id=1, case_revision=3, case_sha256=content_digest(case.content)
    )
    assert evidence([freeze]) == {
        "whole_life_cost_gbp": 3_000_000,
        "case_sha256": content_digest(case.content),
    }


def test_a_gate_without_a_case_freezes_the_programme_cost_only() -> None:
    [freeze] = _plan("submit_supplier_selection", ProgrammeRecord([], []), cost=7)
    assert freeze == FreezeSubmission("supplier_selection", 7)
    assert evidence([freeze]) == {"whole_life_cost_gbp": 7}


def test_approving_an_fbc_carries_its_cost_lots_milestones_and_the_conditions() -> None:
    record = ProgrammeRecord([_case("fbc", 2, "submitted", 4_000_000)], [_submitted("fbc", 2)])
    changes = _plan("approve_fbc", record, conditions=["report monthly"])
    assert changes[0] == SetWholeLifeCost(4_000_000)
    assert [c.name for c in changes if isinstance(c, AddLot)] == ["Software", "Integration"]
    milestones = [c for c in changes if isinstance(c, AddMilestone)]
    assert milestones and milestones[0].code == "p-fbc2-m1"
    assert all(isinstance(m.due, date | None) for m in milestones)
    assert changes[-1] == AddCondition("fbc", "report monthly")


def test_approving_an_obc_carries_its_cost_but_records_no_delivery_plan() -> None:
    record = ProgrammeRecord([_case("obc", 1, "submitted", 2_500_000)], [_submitted("obc", 1)])
    assert _plan("approve_obc", record) == [SetWholeLifeCost(2_500_000)]


def test_approving_a_gate_without_a_case_only_records_conditions() -> None:
    changes = _plan("approve_delivery", ProgrammeRecord([], []), conditions=["c"])
    assert changes == [AddCondition("delivery", "c")]


def test_events_outside_the_gates_change_nothing_else() -> None:
    for event in ("pause", "stop", "return_obc", "endorse_fbc"):
        assert _plan(event, ProgrammeRecord([], []), conditions=[]) == []
