"""Programme facts from the database in a fixed number of queries, however many programmes.

Reuses the portfolio status read model, then one query each for milestones, open conditions,
audit entries and business cases; the dependency graph comes from the graph cache.
"""

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import String, cast
from sqlmodel import Session, select

from cpmo.business_cases.completeness import whole_life_cost
from cpmo.business_cases.models import BusinessCase
from cpmo.finance.facts import approved_profiles
from cpmo.finance.service import figures_by_year
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import PortfolioStatus
from cpmo.reports.gather.facts import (
    Baseline,
    ConditionFact,
    MilestoneFact,
    ProgrammeFacts,
    UpstreamFact,
)
from cpmo.reports.gather.workflow import decision_fact, upstream_chains, workflow_costs
from cpmo.strategy.models import Milestone
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import AuditEntry, Condition


def _in_portfolio(query: Any, column: Any, portfolio_id: int) -> Any:
    return query.join(Programme, Programme.id == column).where(
        Programme.portfolio_id == portfolio_id
    )


def _milestones(session: Session, pid: int) -> dict[int, list[MilestoneFact]]:
    out: dict[int, list[MilestoneFact]] = defaultdict(list)
    columns = select(
        Milestone.programme_id,
        Milestone.code,
        Milestone.title,
        Milestone.due_date,
        Milestone.due_text,
        Milestone.completed_on,
    )
    for programme_id, *fields in session.exec(_in_portfolio(columns, Milestone.programme_id, pid)):
        out[programme_id or 0].append(MilestoneFact(*fields))
    return out


def _conditions(session: Session, pid: int) -> dict[int, list[ConditionFact]]:
    out: dict[int, list[ConditionFact]] = defaultdict(list)
    query = _in_portfolio(select(Condition), Condition.programme_id, pid)
    for c in session.exec(query.where(Condition.status == "open").order_by(Condition.id)):
        out[c.programme_id].append(ConditionFact(c.id or 0, c.gate, c.text, c.set_at))
    return out


ENTRY_COLUMNS = (
    AuditEntry.sequence,
    AuditEntry.programme_code,
    AuditEntry.event,
    AuditEntry.from_stage,
    AuditEntry.to_stage,
    AuditEntry.actor,
    AuditEntry.role,
    AuditEntry.created_at,
    AuditEntry.rationale,
    cast(AuditEntry.details, String),
    AuditEntry.business_case_version,
)


class EntryRow:
    """An audit entry's columns as the facts read them; ``details`` decoded on first use
    (most decisions are never asked for theirs, and decoding tens of thousands cost seconds)."""

    __slots__ = (
        "_details",
        "_details_json",
        "actor",
        "business_case_version",
        "created_at",
        "event",
        "from_stage",
        "programme_code",
        "rationale",
        "role",
        "sequence",
        "to_stage",
    )

    def __init__(self, row: Any) -> None:
        (
            self.sequence,
            self.programme_code,
            self.event,
            self.from_stage,
            self.to_stage,
            self.actor,
            self.role,
            self.created_at,
            self.rationale,
            self._details_json,
            self.business_case_version,
        ) = row
        self._details: dict[str, Any] | None = None

    @property
    def details(self) -> dict[str, Any] | None:
        if self._details is None and self._details_json:
            self._details = json.loads(self._details_json)
        return self._details


def _entries(session: Session, pid: int) -> dict[str, list[Any]]:
    """Each programme's audit entries as rows of the columns the facts read (attribute access
    like an AuditEntry, without building thousands of ORM objects)."""
    out: dict[str, list[Any]] = defaultdict(list)
    query = select(*ENTRY_COLUMNS).join(Programme, Programme.code == AuditEntry.programme_code)
    query = query.where(Programme.portfolio_id == pid).order_by(AuditEntry.sequence)
    for row in session.exec(query):
        entry = EntryRow(row)
        out[entry.programme_code].append(entry)
    return out


class CaseCosts:
    """Whole-life cost of each business case (programme id, kind, number), read on demand.

    The report needs the cost of two or three cases per programme out of all their versions,
    so contents arrive as JSON text and only the cases asked for are decoded.
    """

    def __init__(self, raw: dict[tuple[int, str, int], str | None]) -> None:
        self._raw = raw
        self._costs: dict[tuple[int, str, int], int | None] = {}

    def get(self, key: tuple[int, str, int]) -> int | None:
        if key not in self._costs:
            text = self._raw.get(key)
            self._costs[key] = whole_life_cost(json.loads(text) or {}) if text else None
        return self._costs[key]


def _case_costs(session: Session, pid: int) -> CaseCosts:
    content = cast(BusinessCase.content, String)
    query = select(BusinessCase.programme_id, BusinessCase.kind, BusinessCase.number, content)
    query = _in_portfolio(query, BusinessCase.programme_id, pid)
    return CaseCosts({(p, k, n): text for p, k, n, text in session.exec(query)})


def programme_facts(
    session: Session, status: PortfolioStatus, fallback: dict[str, Baseline]
) -> list[ProgrammeFacts]:
    """Facts for every programme of the portfolio (``fallback``: baselines from elsewhere)."""
    pid = status.portfolio.id or 0
    milestones, conditions = _milestones(session, pid), _conditions(session, pid)
    entries, costs = _entries(session, pid), _case_costs(session, pid)
    approved = approved_profiles(session, [v.programme for v in status.programmes])
    actuals, forecasts = figures_by_year(
        session, [v.programme.id or 0 for v in status.programmes], status.portfolio.year_start_month
    )
    ups = upstream_chains(
        session, status.portfolio.code, [v.programme.code for v in status.programmes]
    )
    needed = {code for chains in ups.values() for code, _ in chains}
    rags = (
        dict(
            session.exec(
                select(Programme.code, Programme.rag).where(
                    Programme.code.in_(sorted(needed))  # type: ignore[attr-defined]
                )
            ).all()
        )
        if needed
        else {}
    )
    out = []
    for view in status.programmes:
        p = view.programme
        mine = entries.get(p.code, [])
        baseline, under_review, accepted = workflow_costs(p, mine, costs)
        gate = view.next_gate
        out.append(
            ProgrammeFacts(
                code=p.code,
                name=p.name,
                stage=p.stage,
                rag=p.rag,
                department=view.department,
                parent=view.parent,
                rag_reason=p.rag_reason,
                whole_life_cost_gbp=p.whole_life_cost_gbp,
                planned_start=p.planned_start,
                planned_end=p.planned_end,
                next_gate=gate.gate if gate else None,
                next_gate_date=gate.planned_date if gate else None,
                next_gate_text=gate.planned_text if gate else None,
                milestones=tuple(milestones.get(p.id or 0, [])),
                open_conditions=tuple(conditions.get(p.id or 0, [])),
                baseline=baseline or fallback.get(p.code),
                cost_under_review_gbp=under_review,
                cost_growth_accepted=accepted,
                upstream=tuple(
                    UpstreamFact(code, rags.get(code, "unrated"), path)
                    for code, path in ups.get(p.code, [])
                ),
                decisions=tuple(decision_fact(e) for e in mine if e.event in EVENTS),
                approved_profile=approved.get(p.code, (None, None))[0],
                approved_source=approved.get(p.code, (None, None))[1],
                illustrative=p.illustrative,
                actuals_by_year=actuals.get(p.id or 0),
                forecast_by_year=forecasts.get(p.id or 0),
            )
        )
    return out
