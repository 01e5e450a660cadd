"""Reporting periods of KPI targets and actuals, written the way plans write them.

``2020`` (calendar year) · ``2013-14`` or ``2013/14`` (financial year, April to March) ·
``2020 Q1`` (calendar quarter) · ``2013-14 Q1`` (quarter of a financial year: April–June
2013) · ``Jun 2020`` or ``June 2020`` (month). Labels are kept in the first form of each.
"""

import re
from dataclasses import dataclass
from datetime import date

from cpmo.plans.when import MONTH_NAMES, MONTHS, financial_year_span, month_end, quarter_span

_YEAR = r"((?:19|20)\d{2})"
_FY = re.compile(rf"^{_YEAR}\s*[-/]\s*(\d{{2}})(?:\s+Q([1-4]))?$", re.I)
_CALENDAR = re.compile(rf"^{_YEAR}(?:\s+Q([1-4]))?$", re.I)
_MONTH = re.compile(rf"^([A-Za-z]+)\.?\s+{_YEAR}$")
PERIOD_HELP = "a period such as '2020', '2013-14', '2020 Q1', '2013-14 Q1' or 'Jun 2020'"


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end


def parse_period(text: str) -> Period:
    """The period ``text`` names; ValueError when it is not one of the forms above."""
    text = text.strip() if isinstance(text, str) else ""
    if match := _FY.match(text):
        year, quarter = int(match[1]), match[3]
        if int(match[2]) != (year + 1) % 100:
            raise ValueError(f"{text!r}: a financial year names consecutive years")
        label = f"{year}-{match[2]}"
        if quarter:
            return Period(f"{label} Q{quarter}", *quarter_span(year, int(quarter), 4))
        return Period(label, *financial_year_span(year))
    if match := _CALENDAR.match(text):
        year, quarter = int(match[1]), match[2]
        if quarter:
            return Period(f"{year} Q{quarter}", *quarter_span(year, int(quarter), 1))
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    if (match := _MONTH.match(text)) and match[1].lower() in MONTHS:
        month, year = MONTHS[match[1].lower()], int(match[2])
        label = f"{_MONTH_LABELS[month - 1]} {year}"
        return Period(label, date(year, month, 1), month_end(year, month))
    raise ValueError(f"{text!r} is not {PERIOD_HELP}")


_MONTH_LABELS = [name[:3].title() for name in MONTH_NAMES]
