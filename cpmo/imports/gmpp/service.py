"""Import a GMPP annual-report file as its own portfolio (one per year), all or nothing.

A file with any unreadable row is refused with every problem's row (or column) named, and
nothing is written. Importing the same year again updates it in place: the same file twice
leaves the same data.
"""

import csv
import hashlib

from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import DuplicateKey, InvalidInput
from cpmo.imports.gmpp import GmppParseResult, parse_gmpp, rows
from cpmo.imports.gmpp.build import independent_assessor
from cpmo.imports.gmpp.models import GmppImport
from cpmo.imports.gmpp.records import ImportResult
from cpmo.imports.gmpp.write import assign, write_programmes
from cpmo.portfolios.models import Department, Portfolio, Programme

LISTED_PROBLEMS = 50


def read_file(data: bytes, filename: str, year: str | None) -> GmppParseResult:
    """Parse the file; refuse it (InvalidInput naming each row and column) if any row fails."""
    try:
        result = parse_gmpp(data, filename, year=year)
    except (csv.Error, UnicodeError, IndexError, KeyError, ValueError) as error:
        raise InvalidInput(
            f"{filename}: not a readable GMPP file: {error}", errors={"file": [str(error)]}
        ) from error
    if result.problems:
        messages = [rows.describe(p, result.transposed) for p in result.problems]
        raise InvalidInput(
            f"{filename}: {len(messages)} value(s) could not be read; nothing was imported. "
            + "; ".join(messages[:5]),
            errors={"file": messages[:LISTED_PROBLEMS]},
            problems=[
                {"row": p.row, "column": p.column, "value": p.value[:200], "message": p.message}
                for p in result.problems[:LISTED_PROBLEMS]
            ],
        )
    if not result.projects:
        raise InvalidInput(f"{filename}: no projects found.", errors={"file": ["no projects"]})
    return result


def _portfolio(session: Session, result: GmppParseResult) -> Portfolio:
    code = rows.portfolio_code(result.year)
    assessor = independent_assessor(result.year).upper()
    values = {
        "name": f"UK Government Major Projects Portfolio {result.year}",
        "organisation": "UK Government",
        "description": f"Projects in the {assessor} annual report data {result.year}.",
        "source": f"{result.filename} (UK GMPP annual report data {result.year}; {rows.OGL})",
    }
    portfolio = session.exec(select(Portfolio).where(Portfolio.code == code)).first()
    portfolio = portfolio or Portfolio(code=code, **values)
    assign(portfolio, values)
    session.add(portfolio)
    session.flush()
    return portfolio


def _departments(session: Session, result: GmppParseResult, out: ImportResult) -> dict[str, int]:
    wanted = {rows.department_code(p.department): p.department for p in result.projects}
    found = dict(
        session.exec(
            select(Department.code, Department.id).where(Department.code.in_(sorted(wanted)))  # type: ignore[attr-defined]
        ).all()
    )
    for code in sorted(set(wanted) - set(found)):
        department = Department(
            code=code, name=wanted[code] or "not stated", source="UK GMPP data (as published)"
        )
        session.add(department)
        session.flush()
        found[code] = department.id
        out.departments_created += 1
    return found


def _check_codes(session: Session, codes: dict[str, object], portfolio_id: int) -> None:
    clash = session.exec(
        select(Programme.code).where(
            Programme.code.in_(sorted(codes)),  # type: ignore[attr-defined]
            Programme.portfolio_id != portfolio_id,
        )
    ).all()
    if clash:
        raise DuplicateKey(
            f"Programme codes already used by another portfolio: {', '.join(clash[:10])}.",
            codes=list(clash),
        )


def import_gmpp(
    session: Session, *, data: bytes, filename: str, actor: str, year: str | None = None
) -> ImportResult:
    """Load one year's file as portfolio 'gmpp-<year>'; InvalidInput if any row is unreadable."""
    result = read_file(data, filename, year)
    out = ImportResult(
        portfolio=rows.portfolio_code(result.year),
        year=result.year,
        filename=filename,
        encoding=result.encoding,
        transposed=result.transposed,
        projects=len(result.projects),
        notes=[rows.describe(n, result.transposed) for n in result.notes],
    )
    portfolio = _portfolio(session, result)
    codes = {rows.programme_code(result.year, p.project_id): p for p in result.projects}
    _check_codes(session, codes, portfolio.id or 0)
    departments = _departments(session, result, out)
    imp = session.exec(select(GmppImport).where(GmppImport.year == result.year)).first()
    digest = hashlib.sha256(data).hexdigest()
    values = {
        "portfolio_id": portfolio.id,
        "filename": filename[:300],
        "sha256": digest,
        "encoding": result.encoding,
        "transposed": result.transposed,
        "price_basis": result.price_basis,
        "project_count": len(result.projects),
        "notes": out.notes,
    }
    imp = imp or GmppImport(year=result.year, imported_by=actor, **values)
    import_changed = assign(imp, values)
    session.add(imp)
    session.flush()
    write_programmes(session, result, codes, portfolio, imp, departments, out)
    if import_changed or out.created or out.updated or out.removed:
        imp.imported_at, imp.imported_by = utcnow(), actor
        session.add(imp)
    session.flush()
    return out
