"""Dates as business plans state them: "March 2014", "30.6.08", "Q2", "2013-14", "Ongoing".

Every date a text mentions becomes a span (its first and last day): a day is one day, a month
a month, a quarter or a (financial) year the whole of it. A start is the first day of the
earliest span; an end, or a due date, is the last day of the latest span. Mentions after
"into" ("March 2014 and into 2014/15") describe work continuing past the planned end and count
only when nothing else is stated ("Various into 2014" → 31 Dec 2014); mentions after "from",
"since" or "commenced" are starts only. A text with no date ("Ongoing", "Quarterly", "As
defined by each restructuring agenda") has none: the stated text is kept beside it.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Literal

MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)} | {"sept": 9})
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Calendar:
    """How a plan counts: the year a bare "Q2" falls in, and the month its year starts."""

    first_year: int | None = None
    year_start_month: int = 1


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    context: str = ""  # "into", "from" or ""


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def quarter_span(year: int, quarter: int, year_start_month: int = 1) -> tuple[date, date]:
    """Quarter ``quarter`` (1–4) of the year that starts in ``year``."""
    first = year_start_month - 1 + 3 * (quarter - 1)
    start = date(year + first // 12, first % 12 + 1, 1)
    last = first + 2
    return start, month_end(year + last // 12, last % 12 + 1)


def financial_year_span(year: int) -> tuple[date, date]:
    """The UK public-sector financial year 1 April ``year`` – 31 March next year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _day(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    day = date(_year(m[3]), int(m[2]), int(m[1]))
    return day, day


def _iso(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    day = date(int(m[1]), int(m[2]), int(m[3]))
    return day, day


def _month_range(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    first, last, year = MONTHS[m[1].lower()], MONTHS[m[2].lower()], int(m[3])
    return date(year if first <= last else year - 1, first, 1), month_end(year, last)


def _month(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    year, month = _year(m[2]), MONTHS[m[1].lower()]
    return date(year, month, 1), month_end(year, month)


def _quarter_of_year(m: re.Match[str], cal: Calendar) -> tuple[date, date]:
    return quarter_span(int(m[2]), int(m[1]), cal.year_start_month)


def _financial_year(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    first, second = _year(m[1]), m[2]
    if int(second) != (first + 1) % 10 ** len(second):
        raise ValueError("not consecutive years")
    return financial_year_span(first)


def _bare_quarter(m: re.Match[str], cal: Calendar) -> tuple[date, date]:
    if cal.first_year is None:
        raise ValueError("no year to place the quarter in")
    return quarter_span(cal.first_year, int(m[1]), cal.year_start_month)


def _calendar_year(m: re.Match[str], _cal: Calendar) -> tuple[date, date]:
    return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)


_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), _iso),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b"), _day),
    (re.compile(rf"\b{_MONTH}\s+to\s+{_MONTH}\s+(\d{{4}})\b", re.I), _month_range),
    (re.compile(rf"\b{_MONTH}\.?\s*(\d{{4}}|\d{{2}})\b", re.I), _month),
    (re.compile(r"\bQ([1-4])\s*(\d{4})\b"), _quarter_of_year),
    (re.compile(r"\b(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{1,2})\b"), _financial_year),
    (re.compile(r"\bQ([1-4])\b"), _bare_quarter),
    (re.compile(r"\b((?:19|20)\d{2})\b"), _calendar_year),
]
_CONTEXT = re.compile(r"\b(into|from|since|commenced)\W*$", re.I)


def spans(text: str, calendar: Calendar = Calendar()) -> list[Span]:
    """Every date ``text`` mentions, in the order the patterns find them."""
    found: list[Span] = []
    remaining = text
    for pattern, to_span in _PATTERNS:
        for match in pattern.finditer(remaining):
            try:
                start, end = to_span(match, calendar)
            except ValueError:
                continue
            context = _CONTEXT.search(text[: match.start()])
            word = context[1].lower() if context else ""
            found.append(Span(start, end, "into" if word == "into" else "from" if word else ""))
            blank = " " * (match.end() - match.start())
            remaining = remaining[: match.start()] + blank + remaining[match.end() :]
    return found


def parse_when(
    text: str | None, *, calendar: Calendar = Calendar(), bound: Literal["start", "end"] = "end"
) -> date | None:
    """The date a stated start or end means, or None when it states no date."""
    if not text:
        return None
    found = spans(text, calendar)
    if bound == "start":
        starts = [s.start for s in found if s.context != "into"]
        return min(starts) if starts else None
    firm = [s.end for s in found if not s.context]
    later = [s.end for s in found if s.context == "into"]
    return max(firm or later) if firm or later else None


def plan_calendar(period_start: date | None, year_start_month: int) -> Calendar:
    """The calendar of a plan whose period starts on ``period_start``."""
    if period_start is None:
        return Calendar(None, year_start_month)
    year = period_start.year - (period_start.month < year_start_month)
    return Calendar(year, year_start_month)
