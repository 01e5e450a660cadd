"""Financial years: a year is named by the calendar year it starts in.

The Government of Jersey's year starts in January; UK departments and the GMPP use April.
"""

from datetime import date

JANUARY = 1
APRIL = 4


def financial_year(day: date, start_month: int = JANUARY) -> int:
    """The financial year ``day`` falls in (the calendar year that year starts in)."""
    return day.year if day.month >= start_month else day.year - 1


def year_bounds(year: int, start_month: int = JANUARY) -> tuple[date, date]:
    """The first and last day of financial ``year``."""
    first = date(year, start_month, 1)
    following = date(year + 1, start_month, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def year_label(year: int, start_month: int = JANUARY) -> str:
    """How people name the year: "2020" for a calendar year, "2020-21" otherwise."""
    return str(year) if start_month == JANUARY else f"{year}-{(year + 1) % 100:02d}"


def spread_evenly(
    amount: int, start: date, end: date, start_month: int = JANUARY
) -> dict[int, int]:
    """``amount`` spread over the financial years from ``start`` to ``end`` by days in each.

    Exact pounds: each year gets its share rounded down and the last year the remainder, so the
    years always add up to ``amount``.
    """
    if end < start:
        start, end = end, start
    total_days = (end - start).days + 1
    first_year, last_year = financial_year(start, start_month), financial_year(end, start_month)
    shares: dict[int, int] = {}
    for year in range(first_year, last_year + 1):
        year_start, year_end = year_bounds(year, start_month)
        days = (min(end, year_end) - max(start, year_start)).days + 1
        shares[year] = amount * days // total_days
    shares[last_year] += amount - sum(shares.values())
    return shares
