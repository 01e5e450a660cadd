"""Write a built demo portfolio in one transaction, parents before children, in bulk.

Bulk statements bypass the ORM's flush listeners, so this does what they would have done:
it continues the audit chain from its head (under the head's lock) and bumps the graph
version once at the end.
"""

from sqlmodel import Session

from cpmo.graph import version
from cpmo.models import (
    AuditEntry,
    Benefit,
    BenefitsPlan,
    BenefitYear,
    BusinessCase,
    Condition,
    CspPriority,
    Department,
    GatePlan,
    GraphEdge,
    Kpi,
    Lot,
    Milestone,
    Objective,
    Portfolio,
    PortfolioFunnelStage,
    Programme,
    Risk,
    Workshop,
    WorkshopCandidate,
    WorkshopCriterion,
    WorkshopScore,
    WorkshopScorer,
)
from cpmo.vocabulary import Role
from cpmo.workflows import audit_store
from cpmo_tools.demo import rows_history as rh
from cpmo_tools.demo import rows_portfolio as rp
from cpmo_tools.demo.build import Built
from cpmo_tools.demo.chain import chain
from cpmo_tools.demo.store import ids_by, insert_rows, one_id


def _programmes(session: Session, built: Built, ids: rp.Ids) -> int:
    count = 0
    for children in (False, True):
        count += insert_rows(session, Programme, rp.programme_rows(built, ids, children=children))
        ids.programmes = ids_by(
            session, Programme, Programme.code, Programme.portfolio_id == ids.portfolio
        )
    return count


def _strategy(session: Session, built: Built, ids: rp.Ids) -> dict[str, int]:
    departments = rp.department_rows(built)
    counts = {"departments": insert_rows(session, Department, departments)}
    codes = [row["code"] for row in departments]
    by_code = ids_by(session, Department, Department.code, Department.code.in_(codes))
    ids.departments = {i: by_code[code] for i, code in enumerate(codes)}
    rows = rp.strategy_rows(built, ids)
    for name, model in (("priorities", CspPriority), ("objectives", Objective), ("kpis", Kpi)):
        counts[name] = insert_rows(session, model, rows[name])
    return counts


def _workshop(session: Session, built: Built, ids: rp.Ids, facilitator: str) -> dict[str, int]:
    row = {
        **built.workshop.workshop,
        "portfolio_id": ids.portfolio,
        "created_by": facilitator,
        **rp.provenance(built),
    }
    workshop_id = one_id(session, Workshop, row)
    rows = rh.workshop_rows(built, ids, workshop_id, ids.users[Role.SCORER])
    models = {
        "criteria": WorkshopCriterion,
        "candidates": WorkshopCandidate,
        "scorers": WorkshopScorer,
        "scores": WorkshopScore,
    }
    counts = {name: insert_rows(session, model, rows[name]) for name, model in models.items()}
    return {"workshops": 1, **counts}


def write(
    session: Session, built: Built, *, ids: rp.Ids, usernames: dict[str, str]
) -> dict[str, int]:
    """Insert everything; return the row count per kind."""
    version.lock(session)
    ids.portfolio = one_id(session, Portfolio, rp.portfolio_row(built))
    insert_rows(session, PortfolioFunnelStage, rp.funnel_rows(built, ids))
    counts = _strategy(session, built, ids)
    counts["programmes"] = _programmes(session, built, ids)
    counts["gate_plans"] = insert_rows(session, GatePlan, rp.gate_plan_rows(built, ids))
    extra = rp.benefit_and_risk_rows(built, ids)
    counts["benefits"] = insert_rows(session, Benefit, extra["benefits"])
    codes = [b["code"] for b in extra["benefits"]]
    benefit_ids = ids_by(session, Benefit, Benefit.code, Benefit.code.in_(codes))  # type: ignore[attr-defined]
    counts["benefit_actuals"] = insert_rows(
        session, BenefitYear, rh.benefit_year_rows(built, benefit_ids, usernames)
    )
    counts["risks"] = insert_rows(session, Risk, extra["risks"])
    counts["business_cases"] = insert_rows(session, BusinessCase, rh.case_rows(built, ids))
    chained = chain(built.stories, audit_store.claim_head(session), audit_store.keyring_of(session))
    counts["audit_entries"] = insert_rows(session, AuditEntry, chained.rows)
    sequence, digest = chained.head
    audit_store.move_head(session, sequence=sequence, head_hash=digest)
    conditions = rh.condition_rows(built, ids, chained.sequences)
    counts["conditions"] = insert_rows(session, Condition, conditions)
    delivery = rh.delivery_rows(built, ids)
    for name, model in (("lots", Lot), ("milestones", Milestone), ("benefits_plans", BenefitsPlan)):
        counts[name] = insert_rows(session, model, delivery[name])
    edges = rh.edge_rows(built, ids, usernames[Role.CPMO])
    counts["graph_edges"] = insert_rows(session, GraphEdge, edges)
    counts |= _workshop(session, built, ids, usernames[Role.FACILITATOR])
    version.bump(session)  # bulk inserts bypass the listener that bumps it on every flush
    return counts
