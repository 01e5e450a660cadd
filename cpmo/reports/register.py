"""Imported register years (GMPP): gathering their side records, and the register section."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from cpmo.imports.gmpp_models import GmppImport, GmppRecord
from cpmo.portfolios.models import Department, Programme
from cpmo.reports.content import CostLine, DepartmentLine, Register
from cpmo.reports.facts import Baseline, ProgrammeFacts

TOP_COSTS = 10


@dataclass
class RegisterFacts:
    """An imported year: its import row, each programme's record, department names."""

    year: str
    filename: str
    price_basis: str | None
    records: dict[str, GmppRecord] = field(default_factory=dict)  # programme code → record
    departments: dict[str, str] = field(default_factory=dict)  # department code → name
    earlier: dict[str, Baseline] = field(default_factory=dict)  # the cost in an earlier year


def _earlier_costs(session: Session, imp: GmppImport, ids: dict[str, str]) -> dict[str, Baseline]:
    """The same project's whole-life cost in the earliest earlier imported year."""
    query = (
        select(GmppRecord.project_id, GmppImport.year, Programme.whole_life_cost_gbp)
        .join(GmppImport, GmppImport.id == GmppRecord.import_id)
        .join(Programme, Programme.id == GmppRecord.programme_id)
        .where(GmppImport.year < imp.year, Programme.whole_life_cost_gbp.is_not(None))  # type: ignore[union-attr]
        .where(GmppRecord.project_id.in_(sorted(set(ids.values()))))  # type: ignore[attr-defined]
        .order_by(GmppImport.year.desc())  # type: ignore[attr-defined]
    )
    first: dict[str, Baseline] = {}
    for project_id, year, cost in session.exec(query):
        first[project_id] = Baseline(cost, f"GMPP {year}, as published")
    return {code: first[pid] for code, pid in ids.items() if pid in first}


def gather_register(session: Session, *, portfolio_id: int) -> RegisterFacts | None:
    """The register facts of an imported portfolio; None for any other portfolio."""
    imp = session.exec(select(GmppImport).where(GmppImport.portfolio_id == portfolio_id)).first()
    if imp is None:
        return None
    rows = session.exec(
        select(GmppRecord, Programme.code)
        .join(Programme, Programme.id == GmppRecord.programme_id)
        .where(GmppRecord.import_id == imp.id)
    )
    records = {code: record for record, code in rows}
    departments = select(Programme.department_id).where(Programme.portfolio_id == portfolio_id)
    names = dict(
        session.exec(
            select(Department.code, Department.name).where(Department.id.in_(departments))  # type: ignore[union-attr]
        ).all()
    )
    ids = {code: r.project_id for code, r in records.items()}
    return RegisterFacts(
        year=imp.year,
        filename=imp.filename,
        price_basis=imp.price_basis,
        records=records,
        departments=names,
        earlier=_earlier_costs(session, imp, ids),
    )


def withheld_counts(programmes: Iterable[ProgrammeFacts], facts: RegisterFacts) -> dict[str, int]:
    """How many ratings and figures were withheld (FOI exemptions) or not published."""
    programmes = list(programmes)
    records = [facts.records[p.code] for p in programmes if p.code in facts.records]
    return {
        "rag_withheld": sum((p.rag_reason or "").startswith("withheld") for p in programmes),
        "rag_unrated": sum(p.rag == "unrated" for p in programmes),
        "whole_life_cost_withheld": sum(r.whole_life_cost_withheld for r in records),
        "whole_life_cost_not_published": sum(
            p.whole_life_cost_gbp is None
            and not (facts.records.get(p.code) and facts.records[p.code].whole_life_cost_withheld)
            for p in programmes
        ),
        "budget_withheld": sum(r.budget_withheld for r in records),
        "benefits_withheld": sum(r.benefits_withheld for r in records),
    }


def register_section(programmes: Iterable[ProgrammeFacts], facts: RegisterFacts) -> Register:
    """By department, top whole-life costs, withheld counts and categories."""
    programmes = list(programmes)
    by_department: dict[str, list[ProgrammeFacts]] = {}
    for p in programmes:
        by_department.setdefault(p.department or "—", []).append(p)
    departments = [
        DepartmentLine(
            department=facts.departments.get(code, code),
            projects=len(group),
            whole_life_cost_gbp=sum(p.whole_life_cost_gbp or 0 for p in group),
            by_rag=dict(Counter(p.rag for p in group)),
        )
        for code, group in by_department.items()
    ]
    departments.sort(key=lambda d: (-d.whole_life_cost_gbp, d.department))
    costed = [p for p in programmes if p.whole_life_cost_gbp is not None]
    costed.sort(key=lambda p: (-(p.whole_life_cost_gbp or 0), p.code))
    top = [
        CostLine(
            p.code,
            p.name,
            facts.departments.get(p.department or "", p.department),
            p.rag,
            p.whole_life_cost_gbp or 0,
        )
        for p in costed[:TOP_COSTS]
    ]
    categories = Counter(
        (facts.records[p.code].category or "not stated") if p.code in facts.records else "—"
        for p in programmes
    )
    return Register(
        year=facts.year,
        filename=facts.filename,
        assessor="NISTA" if facts.year >= "2024-25" else "IPA",
        price_basis=facts.price_basis,
        by_department=departments,
        top_costs=top,
        withheld=withheld_counts(programmes, facts),
        by_category=dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
