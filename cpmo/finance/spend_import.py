"""Actual spend of many programmes from one .xlsx (sheet 'Actuals') or .csv.

Columns: programme (code), month (YYYY-MM, or a date cell), amount (whole pounds; negative for
a refund or correction), note. Every problem names its sheet, row and column, and nothing is
recorded unless every row is good. Each programme's months are recorded (and audited, with the
file's SHA-256) as :func:`cpmo.finance.service.record_actuals` does for one.
"""

import hashlib
import re
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.errors import NotPermitted
from cpmo.finance.service import SpendEntry, record_actuals
from cpmo.imports.sheet_cells import MAX_MONEY_GBP, Cells, text
from cpmo.imports.sheet_cells import code as code_cell
from cpmo.imports.spreadsheets import Problems, number_cell, read_sheet
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.users.models import User

COLUMNS = {"programme", "month", "amount", "note"}
MONTH = re.compile(r"^((?:19|2\d)\d\d)-(0[1-9]|1[0-2])(?:-\d\d)?$")


def month_cell(value: Any) -> date:
    """The first day of the month a cell names ("2021-04", or a date)."""
    if isinstance(value, datetime | date):
        if not 1900 <= value.year <= 2999:
            raise ValueError("give a month from 1900 to 2999")
        return date(value.year, value.month, 1)
    match = MONTH.match(str(value).strip())
    if not match:
        raise ValueError(f"{str(value)[:40]!r} is not a month: write it as YYYY-MM, e.g. 2021-04")
    return date(int(match.group(1)), int(match.group(2)), 1)


def signed_money_cell(value: Any) -> int:
    """Whole pounds; negative for a refund or correction."""
    number = number_cell(value)
    if not number.is_integer() or abs(number) > MAX_MONEY_GBP:
        raise ValueError("must be whole pounds")
    return int(number)


def import_actuals(
    session: Session, *, actor: User, portfolio: str, content: bytes, filename: str | None
) -> int:
    """Record every row's spend (all rows or none); the number of rows recorded."""
    found = get_portfolio_or_raise(session, code=portfolio)
    sheet = read_sheet(content, wanted="Actuals", filename=filename)
    problems = Problems()
    cells = Cells(sheet, problems)
    cells.check_headers(lambda h: h in COLUMNS, {"programme", "month", "amount"})
    programmes = {
        p.code: p for p in session.exec(select(Programme).where(Programme.portfolio_id == found.id))
    }
    entries: dict[str, list[SpendEntry]] = {}
    seen: set[tuple[str, date]] = set()
    for row, values in sheet.rows:
        code = cells.get(row, values, "programme", code_cell, required=True)
        month = cells.get(row, values, "month", month_cell, required=True)
        amount = cells.get(row, values, "amount", signed_money_cell, required=True)
        note = cells.get(row, values, "note", text(2000))
        if code is not None and code not in programmes:
            cells.note(row, "programme", f"no programme {code!r} in portfolio {portfolio!r}")
            continue
        if code is not None:
            try:
                check_may_write(actor, programmes[code])
            except NotPermitted as refused:
                cells.note(row, "programme", refused.detail)
        if code is not None and month is not None:
            if (code, month) in seen:
                cells.note(row, "month", f"{code} {month:%Y-%m} appears more than once")
            seen.add((code, month))
        if None not in (code, month, amount):
            entries.setdefault(code, []).append(SpendEntry(month, amount, note))
    problems.raise_any(f"sheet {sheet.name!r}")
    digest = hashlib.sha256(content).hexdigest()
    for code, rows in sorted(entries.items()):
        record_actuals(session, actor=actor, code=code, entries=rows, file_sha256=digest)
    return sum(len(rows) for rows in entries.values())
