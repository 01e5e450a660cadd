"""The gate table is the one owner of gate knowledge: the machine, the criteria and the
readers outside cpmo/workflows all take it from there."""

import re
from pathlib import Path

from cpmo.workflows import checks
from cpmo.workflows.gates import (
    CASE_KINDS,
    GATE_FACING,
    GATE_TABLE,
    MAIN_PATH,
    above_delegated_limit,
    gate_facing,
    gate_in_review,
)
from cpmo.workflows.lifecycle import TRANSITIONS, events_from

ROOT = Path(__file__).resolve().parents[3]
CPMO = ROOT / "cpmo"
# the product and its tools (the demo generator and the benchmarks drive the real workflow)
SOURCES = sorted([*CPMO.rglob("*.py"), *(ROOT / "cpmo_tools").rglob("*.py")])
# ways a module restates the gate table instead of reading it
RESTATEMENTS = re.compile(
    r"NEXT_GATE\b|GATE_FLOW|lambda _e\b|\.endswith\(\"_review\"\)"
    r"|\"(obc|fbc|supplier_selection|delivery)_review\"\s*:\s*\"(obc|fbc|supplier_selection|delivery)\""
    r"|in \(\"obc\", \"fbc\"\)|= \(\"obc\", \"fbc\"\)"
)


def test_the_table_chains_each_gate_to_the_next() -> None:
    names = [g.name for g in GATE_TABLE]
    assert names == ["obc", "fbc", "supplier_selection", "delivery"]
    assert [g.next_gate.name if g.next_gate else None for g in GATE_TABLE] == [
        "fbc",
        "supplier_selection",
        "delivery",
        None,
    ]
    assert CASE_KINDS == ("obc", "fbc")


def test_the_machine_is_built_from_the_table() -> None:
    for gate in GATE_TABLE:
        assert f"submit_{gate.name}" in events_from(gate.prepared_in)
        assert {f"{v}_{gate.name}" for v in ("approve", "return", "endorse")} <= set(
            events_from(gate.review)
        )
        approve = next(t for t in TRANSITIONS if t["trigger"] == f"approve_{gate.name}")
        assert approve["dest"] == gate.approved_to.value


def test_every_stage_with_a_gate_ahead_faces_it() -> None:
    assert gate_facing("proposed").name == "obc"  # type: ignore[union-attr]
    assert gate_facing("fbc_review").name == "fbc"  # type: ignore[union-attr]
    assert gate_facing("benefits_realisation") is None and gate_facing("on_hold") is None
    assert gate_in_review("delivery_review").name == "delivery"  # type: ignore[union-attr]
    assert gate_in_review("delivery") is None
    assert set(GATE_FACING) == {s for g in GATE_TABLE for s in (g.prepared_in, g.review)}
    assert MAIN_PATH[0] == "proposed" and MAIN_PATH[-1] == "closed"


def test_the_delegated_limit_is_passed_only_above_it() -> None:
    assert not above_delegated_limit(None, 10)
    assert not above_delegated_limit(10, 10)
    assert above_delegated_limit(11, 10)


def test_submissions_and_approvals_check_what_the_table_declares() -> None:
    fbc = next(g for g in GATE_TABLE if g.name == "fbc")
    assert fbc.submit_checks == (checks.business_case, checks.conditions_due)
    assert checks.cost_growth in fbc.approve_checks
    supplier = next(g for g in GATE_TABLE if g.name == "supplier_selection")
    assert supplier.submit_checks == (checks.lots, checks.conditions_due)
    assert supplier.case_kind is None


def test_nothing_outside_workflows_restates_the_gate_table() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        if "workflows" not in path.relative_to(ROOT).parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RESTATEMENTS.search(line)
    ]
    assert found == []


# the workflow's own walks of the table and its role rule: what may fire now is asked of the
# workflow (``workflow_view`` / ``may_fire``), never recomputed outside it
RECOMPUTATIONS = re.compile(r"\bevents_from\b|\bVERB_ROLES\b|\bTRANSITIONS\b")


def test_nothing_in_the_product_outside_workflows_walks_the_transitions_itself() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        if "workflows" not in path.relative_to(ROOT).parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RECOMPUTATIONS.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []
