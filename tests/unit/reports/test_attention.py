"""Exceptions (worst first), endorsements awaited and decisions since the last report."""

from datetime import UTC, date, datetime

from cpmo.reports.compose.attention import (
    awaiting_endorsement,
    decisions_between,
    exceptions_for,
    order_exceptions,
)
from cpmo.reports.gather.facts import Baseline, ConditionFact
from tests.support.report_facts import AS_OF, decision, programme


def exceptions(*programmes):  # type: ignore[no-untyped-def]
    found = [e for p in programmes for e in exceptions_for(p, as_of=AS_OF, tolerance=0.1)]
    return order_exceptions(found)


def test_red_and_amber_red_ratings_are_exceptions_with_the_reason_given() -> None:
    (item,) = exceptions(programme(rag="red", rag_reason="supplier failed"))
    assert (item.kind, item.detail) == ("rag", "rated Red: supplier failed")
    assert exceptions(programme(rag="amber")) == []


def test_every_kind_of_exception_is_found_whatever_the_rag() -> None:
    p = programme(
        rag="unrated",
        stage="proposed",
        next_gate="obc",
        next_gate_date=date(2026, 1, 31),
        open_conditions=(ConditionFact(3, "obc", "Fix the plan"),),
        whole_life_cost_gbp=30,
        baseline=Baseline(10, "first reported 2026-01-01"),
    )
    assert [e.kind for e in exceptions(p)] == ["cost_growth", "overdue_gate", "open_condition"]


def test_exceptions_come_worst_first_red_then_amber_red_then_the_rest() -> None:
    late = {"next_gate": "obc", "next_gate_date": date(2026, 1, 1)}
    ordered = exceptions(
        programme("a-green", rag="green", **late),
        programme("b-amber-red", rag="amber_red"),
        programme("c-red", rag="red", **late),
        programme("d-red", rag="red"),
    )
    assert [(e.programme, e.kind) for e in ordered] == [
        ("c-red", "rag"),
        ("d-red", "rag"),
        ("c-red", "overdue_gate"),
        ("b-amber-red", "rag"),
        ("a-green", "overdue_gate"),
    ]


def test_a_submission_above_the_limit_awaits_endorsement_until_endorsed() -> None:
    submitted = decision(1, "submit_fbc", actor="pm")
    p = programme(stage="fbc_review", whole_life_cost_gbp=9_000_000, decisions=(submitted,))
    awaiting = awaiting_endorsement(p, delegated_limit=5_000_000)
    assert awaiting is not None
    assert (awaiting.gate, awaiting.cost_gbp, awaiting.submitted_by) == ("fbc", 9_000_000, "pm")
    endorsed = programme(
        stage="fbc_review",
        whole_life_cost_gbp=9_000_000,
        decisions=(submitted, decision(2, "endorse_fbc", role="oversight")),
    )
    assert awaiting_endorsement(endorsed, delegated_limit=5_000_000) is None


def test_an_endorsement_of_an_earlier_submission_does_not_count() -> None:
    history = (
        decision(1, "submit_obc"),
        decision(2, "endorse_obc"),
        decision(3, "return_obc"),
        decision(4, "submit_obc"),
    )
    p = programme(stage="obc_review", whole_life_cost_gbp=6_000_000, decisions=history)
    assert awaiting_endorsement(p, delegated_limit=5_000_000) is not None


def test_below_the_limit_or_outside_review_nothing_awaits_endorsement() -> None:
    small = programme(stage="obc_review", whole_life_cost_gbp=5_000_000)
    building = programme(stage="fbc_development", whole_life_cost_gbp=50_000_000)
    assert awaiting_endorsement(small, delegated_limit=5_000_000) is None
    assert awaiting_endorsement(building, delegated_limit=5_000_000) is None


def test_decisions_since_the_last_report_up_to_the_as_of_date_newest_first() -> None:
    history = [decision(day, "submit_obc") for day in (1, 5, 9, 20)]
    since = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    chosen = decisions_between(history, since=since, as_of=date(2026, 1, 10))
    assert [d.sequence for d in chosen] == [9]
    assert [
        d.sequence for d in decisions_between(history, since=None, as_of=date(2026, 1, 10))
    ] == [
        9,
        5,
        1,
    ]
