"""Write one imported year's programmes and their side records: insert, update, remove."""

from typing import Any

from sqlalchemy import null
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.imports.gmpp import GmppParseResult, GmppProject, rows
from cpmo.imports.gmpp.models import GmppImport, GmppRecord
from cpmo.imports.gmpp.records import ImportResult
from cpmo.portfolios.models import Portfolio, Programme


def assign(row: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ; True if any did."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def write_programmes(
    session: Session,
    result: GmppParseResult,
    codes: dict[str, GmppProject],
    portfolio: Portfolio,
    imp: GmppImport,
    departments: dict[str, int],
    out: ImportResult,
) -> None:
    """Upsert a programme and a gmpp_record per project; remove programmes no longer listed."""
    existing = {
        p.code: p
        for p in session.exec(select(Programme).where(Programme.portfolio_id == portfolio.id))
    }
    records = {
        r.programme_id: r
        for r in session.exec(select(GmppRecord).where(GmppRecord.import_id == imp.id))
    }
    pending: list[tuple[Programme, GmppProject, bool]] = []
    for code, project in codes.items():
        department_id = departments[rows.department_code(project.department)]
        values = rows.programme_values(project, result, portfolio.id or 0, department_id)
        programme = existing.get(code)
        if programme is None:
            programme = Programme(code=code, **values)
            if programme.stage is None:  # "not stated": NULL, not the column's default
                programme.stage = null()  # type: ignore[assignment]
            session.add(programme)
            pending.append((programme, project, True))
            continue
        if assign(programme, values):
            programme.version += 1
            programme.updated_at = utcnow()
            session.add(programme)
            pending.append((programme, project, True))
        else:
            pending.append((programme, project, False))
    session.flush()
    for programme, project, changed in pending:
        values = rows.record_values(project, imp.id or 0)
        record = records.pop(programme.id or 0, None)
        if record is None:
            session.add(GmppRecord(programme_id=programme.id or 0, **values))
            changed = True
        elif assign(record, values):
            session.add(record)
            changed = True
        if programme.code not in existing:
            out.created += 1
        elif changed:
            out.updated += 1
        else:
            out.unchanged += 1
    _remove(session, [p for c, p in existing.items() if c not in codes], records, out)


def _remove(
    session: Session, stale: list[Programme], records: dict[int, GmppRecord], out: ImportResult
) -> None:
    """Delete programmes the file no longer lists, with their side records."""
    for record in records.values():
        session.delete(record)
    session.flush()
    for programme in stale:
        session.delete(programme)
        out.removed += 1
    session.flush()
