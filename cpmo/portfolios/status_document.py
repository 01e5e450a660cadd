"""The portfolio status as a ready-to-send document: plain values, no ORM objects.

The API's status endpoint serves portfolios of 10,000 programmes. Loading full ORM rows and
dumping them field by field through marshmallow took about a second at that size, so the
document is read as plain column tuples in one query (the next gate's plan joined in) and
built directly in the shape of ``PortfolioStatusRead``; a test checks it equals that schema's
dump of the full read model.
"""

from collections import Counter
from typing import Any

from sqlalchemy import and_, bindparam, case
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from cpmo.finance.costs import status_totals
from cpmo.portfolios.models import Department, GatePlan, Programme
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.vocabulary import ENDED_STAGES, RAGS, STAGES
from cpmo.workflows.gates import GATE_FACING

Parent = aliased(Programme)


GATE_FACING_OF_ROW = case(
    GATE_FACING,
    value=Programme.stage,
    else_=None,
)

# Built once: composing the statement cost more than running it for small portfolios.
STATUS_LINES = (
    select(
        Programme.code,
        Programme.name,
        Parent.code,
        Department.code,
        Programme.stage,
        Programme.rag,
        Programme.rag_reason,
        Programme.whole_life_cost_gbp,
        GatePlan.planned_date,
        GatePlan.planned_text,
    )
    .outerjoin(Parent, Parent.id == Programme.parent_id)
    .outerjoin(Department, Department.id == Programme.department_id)
    .outerjoin(
        GatePlan,
        and_(GatePlan.programme_id == Programme.id, GatePlan.gate == GATE_FACING_OF_ROW),
    )
    .where(Programme.portfolio_id == bindparam("portfolio_id"))
    .order_by(Programme.code)
)


def status_document(session: Session, *, code: str) -> dict[str, Any]:
    """Portfolio (its row's fields), each programme's line, totals and counts: two queries
    at any size. Only ``portfolio`` still needs its schema's dump (it carries the row's id)."""
    portfolio = get_portfolio_or_raise(session, code=code)
    rows = session.connection().execute(STATUS_LINES, {"portfolio_id": portfolio.id})
    lines = [_line(row) for row in rows]
    stages = Counter(line["stage"] for line in lines)
    rags = Counter(line["rag"] for line in lines)
    return {
        "portfolio": {**portfolio.model_dump(), "programme_count": len(lines)},
        "programmes": lines,
        "totals": status_totals(
            (
                line["code"],
                line["parent"],
                line["whole_life_cost_gbp"],
                line["stage"] not in ENDED_STAGES,
            )
            for line in lines
        ),
        "by_stage": {stage: stages.get(stage, 0) for stage in STAGES},
        "by_rag": {rag: rags.get(rag, 0) for rag in RAGS},
    }


def _line(row: Any) -> dict[str, Any]:
    code, name, parent, department, stage, rag, reason, cost, planned, text = row
    gate = GATE_FACING.get(stage)
    return {
        "code": code,
        "name": name,
        "parent": parent,
        "department": department,
        "stage": stage,
        "rag": rag,
        "rag_reason": reason,
        "whole_life_cost_gbp": cost,
        "next_gate": None
        if gate is None
        else {
            "gate": gate,
            "planned_date": planned.isoformat() if planned else None,
            "planned_text": text,
        },
    }
