"""Imported register years (GMPP): the side records of a portfolio's imported year."""

from sqlmodel import Session, select

from cpmo.imports.gmpp.models import GmppImport, GmppRecord
from cpmo.portfolios.models import Department, Programme
from cpmo.reports.gather.facts import Baseline, RegisterFacts


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
