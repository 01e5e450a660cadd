"""The financial profile: amounts per year from a table (years across or down) or lines."""

import re

from cpmo.business_cases.docx.section import Section
from cpmo.business_cases.docx.values import header_unit, parse_money, year_of

TOTAL = re.compile(r"(?:grand\s+)?total(?:\s+.*)?|net\s+(?:cost|total)", re.IGNORECASE)
YEAR_LINE = re.compile(
    r"(?P<year>(?:fy\s?)?(?:19|20)\d{2}(?:\s?[/–-]\s?\d{2,4})?)\s*[:=–-]\s*"
    r"(?P<amount>.+)",
    re.IGNORECASE,
)

Rows = tuple[tuple[str, ...], ...]


def _across(rows: Rows) -> Rows | None:
    """The table with its years along a header row (transposed when they run down)."""
    for start, header in enumerate(rows[:2]):
        if sum(1 for cell in header if year_of(cell)) >= 2:
            return rows[start:]
    if sum(1 for row in rows if row and year_of(row[0])) >= 2:
        width = max(len(row) for row in rows)
        padded = [row + ("",) * (width - len(row)) for row in rows]
        return tuple(zip(*padded, strict=True))
    return None


def _pick(data: Rows) -> tuple[list[tuple[str, ...]], str | None]:
    """The rows that hold the profile: a 'Total' row, the only row, else all summed (a note)."""
    totals = [row for row in data if row and TOTAL.fullmatch(row[0].strip())]
    if totals:
        return totals[-1:], None
    if len(data) == 1:
        return list(data), None
    labels = ", ".join(row[0] or "?" for row in data)
    return list(data), f"financial.profile: no total row; summed the rows {labels}"


def profile_from_table(rows: Rows) -> tuple[dict[str, int], str | None] | None:
    """Year → pounds from a profile table, and a note if rows were summed; None if not one."""
    table = _across(rows)
    if table is None:
        return None
    header, data = table[0], [row for row in table[1:] if any(row[1:])]
    picked, note = _pick(tuple(data))
    years = {i: year_of(cell) for i, cell in enumerate(header) if year_of(cell)}
    result: dict[str, int] = {}
    for row in picked:
        unit = header_unit(*header, row[0])
        for column, year in years.items():
            amount = parse_money(row[column], unit=unit, cell=True) if column < len(row) else None
            if amount is not None and year is not None:
                result[year] = result.get(year, 0) + amount
    return (result, note) if result else None


def profile_from_lines(section: Section) -> dict[str, int]:
    """Year → pounds from '2021/22: £1.2m' lines under the profile's sub-heading."""
    result: dict[str, int] = {}
    for index in section.part("profile") or []:
        found = YEAR_LINE.fullmatch(section.blocks[index].item)
        year = year_of(found["year"]) if found else None
        amount = parse_money(found["amount"]) if found else None
        if year is not None and amount is not None:
            result[year] = amount
    return result


def extract_profile(section: Section) -> dict[str, int] | None:
    """The profile from the first table that has years, else from year lines; None if neither."""
    for index, rows in list(section.tables()):
        read = profile_from_table(rows)
        if read is not None:
            section.claimed.add(index)
            if read[1]:
                section.notes.append(read[1])
            return read[0]
    return profile_from_lines(section) or None
