"""The oversight report assembled from the database: seeded Jersey data, snapshots, decisions,
endorsements, honesty flags from real records, and a constant number of queries."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.db import utcnow
from cpmo.errors import RuleViolation, UnknownPortfolio
from cpmo.graph import edits
from cpmo.models import Condition, Milestone, Portfolio, Programme
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.reports.assembly import assemble
from cpmo.reports.snapshots import list_snapshots, take_snapshot
from cpmo.users import service as users
from cpmo.workflows import service as workflow
from tests.support.cases import complete_case
from tests.support.querycount import count_statements

TODAY = utcnow().date()


def _programme(session: Session, code: str) -> Programme:
    return session.exec(select(Programme).where(Programme.code == code)).one()


def test_the_seeded_jersey_report_agrees_with_the_portfolio_status(seeded: Session) -> None:
    report = assemble(seeded, code="goj-change", as_of=date(2020, 7, 1))
    status = portfolios.portfolio_status(seeded, code="goj-change")
    assert report.headline.programmes == status.totals["programmes"] == 14
    assert report.headline.whole_life_cost_gbp == status.totals["whole_life_cost_gbp"]
    assert report.rag_distribution == status.by_rag and report.stage_funnel == status.by_stage
    assert [s.project_count for s in report.consolidation] == [577, 481, 10]
    overdue = {e.programme for e in report.exceptions if e.kind == "overdue_gate"}
    assert {"ttp-cyber", "ttp-ms-foundation"} <= overdue
    assert any(y.year == 2022 and y.allocation_gbp for y in report.budget.years)
    assert "ttp" in report.budget.unphased_programmes
    assert ("ttp-cyber", "ttp-e-government") in {(e.source, e.target) for e in report.dependencies}
    assert report.progress.kpis_total > 0 and report.top_risks
    assert "000_098c8a075ef0603b.txt" in report.provenance


def test_an_unknown_portfolio_is_refused(session: Session) -> None:
    with pytest.raises(UnknownPortfolio):
        assemble(session, code="no-such-portfolio")


def test_a_snapshot_makes_the_next_reports_rag_change_a_real_comparison(seeded: Session) -> None:
    earlier = TODAY - timedelta(days=30)
    take_snapshot(seeded, code="goj-change", actor="test", as_of=earlier, label="last month")
    cyber = _programme(seeded, "ttp-cyber")
    cyber.rag = "red"
    seeded.add(cyber)
    seeded.flush()
    report = assemble(seeded, code="goj-change")
    assert report.compared_with == earlier
    line = next(p for p in report.programmes if p.code == "ttp-cyber")
    assert (line.previous_rag, line.change.direction) == ("unrated", "rated")
    assert [t.as_of for t in report.trend] == [earlier, TODAY]
    assert report.trend[0].by_rag["red"] == 0 and report.trend[1].by_rag["red"] == 1


def test_snapshots_replace_their_date_refuse_the_future_and_list_newest_first(
    seeded: Session,
) -> None:
    take_snapshot(seeded, code="goj-change", actor="a", as_of=date(2026, 1, 1), label="one")
    take_snapshot(seeded, code="goj-change", actor="b", as_of=date(2026, 1, 1), label="two")
    take_snapshot(seeded, code="goj-change", actor="c", as_of=date(2025, 1, 1))
    found = list_snapshots(seeded, code="goj-change")
    assert [(s.as_of, s.label) for s in found] == [
        (date(2026, 1, 1), "two"),
        (date(2025, 1, 1), None),
    ]
    assert found[0].data["programmes"]["ttp"]["whole_life_cost_gbp"] == 99_000_000
    with pytest.raises(RuleViolation):
        take_snapshot(seeded, code="goj-change", actor="a", as_of=TODAY + timedelta(days=1))


def _submitted_above_the_limit(session: Session) -> None:
    pm = users.create(session, username="pm", role="programme_manager")[0]
    portfolios.create_programme(
        session,
        actor=pm,
        programme_in=ProgrammeCreate(code="big", name="Big", portfolio="goj-change"),
    )
    content = complete_case("obc", cost=9_000_000)
    content.pop("kind")
    cases.create_version(session, actor=pm, code="big", kind="obc", content=content)
    workflow.fire_event(
        session,
        actor=pm,
        code="big",
        event="submit_obc",
        version=_programme(session, "big").version,
        limits=GovernanceLimits(5_000_000, 0.1),
    )


def test_a_submission_above_the_delegated_limit_awaits_endorsement_and_is_a_new_decision(
    seeded: Session,
) -> None:
    take_snapshot(seeded, code="goj-change", actor="t", as_of=TODAY - timedelta(days=7))
    _submitted_above_the_limit(seeded)
    report = assemble(seeded, code="goj-change")
    (awaiting,) = report.awaiting_endorsement
    assert (awaiting.programme, awaiting.gate, awaiting.cost_gbp) == ("big", "obc", 9_000_000)
    assert [(d.programme, d.event) for d in report.decisions] == [("big", "submit_obc")]
    old = assemble(seeded, code="goj-change", as_of=TODAY - timedelta(days=1))
    assert old.decisions == []  # taken after that as-of date


def test_a_green_programme_is_flagged_from_its_records_and_its_upstream_red(
    seeded: Session,
) -> None:
    crm, cyber = _programme(seeded, "ttp-crm"), _programme(seeded, "ttp-cyber")
    crm.rag, cyber.rag = "green", "red"
    seeded.add_all([crm, cyber])
    seeded.add(
        Milestone(
            code="crm-go-live",
            programme_id=crm.id,
            title="CRM live",
            due_date=TODAY - timedelta(days=10),
        )
    )
    seeded.add(
        Condition(
            programme_id=crm.id,
            gate="obc",
            text="Name a data owner",
            set_by="cpmo",
            audit_sequence=1,
        )
    )
    seeded.flush()
    report = assemble(seeded, code="goj-change")
    flags = {f.rule: f.evidence for f in report.honesty_flags if f.programme == "ttp-crm"}
    assert set(flags) == {"overdue_milestone", "open_condition", "red_upstream"}
    assert "'CRM live'" in flags["overdue_milestone"]
    assert "Name a data owner" in flags["open_condition"]
    assert flags["red_upstream"].startswith("it needs ttp-cyber first, which is rated Red")
    at_risk = {b.benefit for b in report.benefits_at_risk}
    assert at_risk, "benefits downstream of the red cyber programme are at risk"


def test_a_red_upstream_found_through_a_new_graph_edge(seeded: Session) -> None:
    people, tom = (
        _programme(seeded, "people-strategy"),
        _programme(seeded, "commercial-services-tom"),
    )
    people.rag, tom.rag = "amber_green", "red"
    seeded.add_all([people, tom])
    edits.create_edge(
        seeded,
        actor="t",
        source_key="programme:commercial-services-tom",
        target_key="programme:people-strategy",
        kind="enables",
    )
    report = assemble(seeded, code="goj-change")
    rules = {(f.programme, f.rule) for f in report.honesty_flags}
    assert ("people-strategy", "red_upstream") in rules


def _portfolio(session: Session, code: str, size: int) -> None:
    portfolio = Portfolio(code=code, name=code)
    session.add(portfolio)
    session.flush()
    session.add_all(
        Programme(
            code=f"{code}-{i:03d}",
            name=f"P{i}",
            portfolio_id=portfolio.id,
            rag="green",
            whole_life_cost_gbp=1_000 * i,
        )
        for i in range(size)
    )
    session.flush()


def test_the_assembly_takes_the_same_number_of_queries_for_10_or_60_programmes(
    session: Session, engine
) -> None:
    _portfolio(session, "small", 10)
    _portfolio(session, "large", 60)
    assemble(session, code="small")  # warm the graph cache
    with count_statements(engine) as small:
        assemble(session, code="small")
    with count_statements(engine) as large:
        assemble(session, code="large")
    assert 0 < small.count == large.count <= 25


def test_an_approval_with_conditions_carries_them_into_the_reports_decisions(
    seeded: Session,
) -> None:
    """Decision details are decoded only for approvals (the events that set conditions)."""
    _submitted_above_the_limit(seeded)
    cpmo_officer = users.create(seeded, username="officer", role="cpmo")[0]
    oversight = users.create(seeded, username="board", role="oversight")[0]
    limits = GovernanceLimits(5_000_000, 0.1)
    workflow.fire_event(
        seeded,
        actor=oversight,
        code="big",
        event="endorse_obc",
        version=_programme(seeded, "big").version,
        limits=limits,
        rationale="Endorsed by the oversight group",
    )
    workflow.fire_event(
        seeded,
        actor=cpmo_officer,
        code="big",
        event="approve_obc",
        version=_programme(seeded, "big").version,
        limits=limits,
        rationale="Approved with conditions",
        conditions=["Name a senior responsible owner", "Rebaseline the benefits"],
    )
    decisions = {d.event: d for d in assemble(seeded, code="goj-change").decisions}
    assert list(decisions["approve_obc"].conditions) == [
        "Name a senior responsible owner",
        "Rebaseline the benefits",
    ]
    assert list(decisions["submit_obc"].conditions) == []
