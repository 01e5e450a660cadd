"""RAG honesty flags: each rule, each with the evidence it names."""

from datetime import date

import pytest

from cpmo.reports.compose.honesty import honesty_flags
from cpmo.reports.gather.facts import Baseline, ConditionFact, MilestoneFact, UpstreamFact
from tests.support.report_facts import AS_OF, programme


def flags(p, tolerance: float = 0.10):  # type: ignore[no-untyped-def]
    return honesty_flags(p, as_of=AS_OF, tolerance=tolerance)


def test_a_green_programme_with_nothing_against_it_has_no_flag() -> None:
    assert flags(programme()) == []


def test_an_overdue_milestone_names_the_milestone_its_due_date_and_days_overdue() -> None:
    late = MilestoneFact("m1", "Go live", date(2026, 6, 1))
    (flag,) = flags(programme(milestones=(late,)))
    assert flag.rule == "overdue_milestone"
    assert flag.evidence == (
        "milestone 'Go live' was due 1 June 2026 and is not complete (29 days overdue): "
        "record it as done or agree a new date"
    )


def test_completed_or_future_milestones_are_not_evidence() -> None:
    done = MilestoneFact("m1", "Done", date(2026, 1, 1), completed_on=date(2026, 2, 1))
    future = MilestoneFact("m2", "Later", date(2026, 9, 1))
    undated = MilestoneFact("m3", "Someday", None)
    assert flags(programme(milestones=(done, future, undated))) == []


def test_a_missed_gate_date_names_the_gate_the_plan_and_the_stage() -> None:
    p = programme(
        stage="fbc_development",
        next_gate="fbc",
        next_gate_date=date(2026, 3, 31),
        next_gate_text="Q1 2026",
    )
    (flag,) = flags(p)
    assert flag.rule == "missed_gate"
    assert "FBC gate was planned for 31 March 2026 (Q1 2026), 2 months ago" in flag.evidence
    assert "still at the FBC development stage" in flag.evidence


def test_cost_growth_beyond_tolerance_names_both_costs_the_baseline_and_tolerance() -> None:
    p = programme(whole_life_cost_gbp=12_000_000, baseline=Baseline(10_000_000, "approved OBC v1"))
    (flag,) = flags(p)
    assert flag.rule == "cost_growth"
    assert flag.evidence == (
        "whole-life cost £12,000,000 is 20% above the baseline £10,000,000 (approved OBC v1); "
        "tolerance 10%"
    )


def test_cost_growth_within_tolerance_is_not_evidence() -> None:
    p = programme(whole_life_cost_gbp=11_000_000, baseline=Baseline(10_000_000, "OBC"))
    assert flags(p) == []
    assert [f.rule for f in flags(p, tolerance=0.05)] == ["cost_growth"]


def test_the_cost_under_review_counts_when_it_is_higher_than_the_recorded_cost() -> None:
    p = programme(
        whole_life_cost_gbp=10_000_000,
        cost_under_review_gbp=15_000_000,
        baseline=Baseline(10_000_000, "approved OBC v1"),
    )
    assert "£15,000,000 is 50% above" in flags(p)[0].evidence


def test_accepted_cost_growth_is_still_flagged_with_the_acceptance_quoted() -> None:
    p = programme(
        whole_life_cost_gbp=20,
        baseline=Baseline(10, "OBC"),
        cost_growth_accepted="scope grew by decision",
    )
    assert "(accepted at approval: 'scope grew by decision')" in flags(p)[0].evidence


def test_an_undischarged_condition_names_the_condition_and_its_gate() -> None:
    p = programme(open_conditions=(ConditionFact(7, "obc", "Appoint a design authority"),))
    (flag,) = flags(p)
    assert flag.rule == "open_condition"
    assert flag.evidence == (
        "condition #7 set at the OBC gate is not discharged: 'Appoint a design authority'"
    )


def test_a_red_programme_upstream_is_named_with_the_dependency_chain() -> None:
    upstream = (
        UpstreamFact("cyber", "red", ("cyber", "crm", "p1")),
        UpstreamFact("foundation", "amber", ("foundation", "p1")),
    )
    (flag,) = flags(programme(upstream=upstream))
    assert flag.rule == "red_upstream"
    assert flag.evidence == "it needs cyber first, which is rated Red (cyber → crm → p1)"


@pytest.mark.parametrize("rag", ["amber", "amber_red", "red", "unrated"])
def test_only_green_and_amber_green_ratings_are_checked(rag: str) -> None:
    late = MilestoneFact("m1", "Go live", date(2026, 1, 1))
    assert flags(programme(rag=rag, milestones=(late,))) == []


def test_amber_green_is_checked_and_every_piece_of_evidence_is_its_own_flag() -> None:
    p = programme(
        rag="amber_green",
        milestones=(
            MilestoneFact("m1", "A", date(2026, 1, 1)),
            MilestoneFact("m2", "B", date(2026, 2, 1)),
        ),
        open_conditions=(ConditionFact(1, "fbc", "X"),),
        upstream=(UpstreamFact("u", "red", ("u", "p1")),),
    )
    rules = [f.rule for f in flags(p)]
    assert rules == ["overdue_milestone", "overdue_milestone", "open_condition", "red_upstream"]
    assert all(f.reported_rag == "amber_green" and f.programme == "p1" for f in flags(p))
