"""Date cells in the formats the files use (and a few the issue expects) → datetime.date."""

from datetime import date, datetime
from typing import NamedTuple

from cpmo.imports.gmpp.ranges import split_range
from cpmo.imports.gmpp.values import clean, missing_reason

# Tried in order. Month-only formats ("Mar-25", "March 2025") give the first of the month.
DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%B %Y",
    "%b %Y",
    "%b-%y",
    "%B-%y",
    "%b-%Y",
    "%B-%Y",
)
UNPARSEABLE = "unparseable date"


class DateValue(NamedTuple):
    """A date (or None) and, when None, the reason."""

    value: date | None
    reason: str | None = None


def parse_date_text(text: str) -> date | None:
    """One date in any of DATE_FORMATS, or None."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(text: str | None) -> DateValue:
    """A date cell: a date, a range (its Mid), an exemption/explanation, blank or unparseable."""
    value = clean(text)
    parts = split_range(value)
    if parts is not None:
        if "mid" not in parts:
            return DateValue(None, "range without a Mid value")
        value = parts["mid"]
    parsed = parse_date_text(value)
    if parsed is not None:
        return DateValue(parsed)
    reason = missing_reason(value) if parts is None else None
    return DateValue(None, reason or f"{UNPARSEABLE}: {value!r}")
