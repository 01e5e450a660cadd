"""Reading a GOV.UK date input (``<id>-day``, ``<id>-month``, ``<id>-year``) into a date, with
the error GOV.UK's date-input guidance gives and the part of the input it is about."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

PARTS = ("day", "month", "year")
DIGITS = re.compile(r"^[0-9]{1,4}$")


@dataclass
class DateRead:
    """The typed parts (to show again), the date they make, and what is wrong with them."""

    values: dict[str, str] = field(default_factory=dict)
    value: date | None = None
    error: str | None = None
    part: str | None = None  # the part at fault, when one is


def read_date(raw: Mapping[str, str], name: str, label: str) -> DateRead:
    """The date typed into the input ``name`` labelled ``label`` (None when all three parts
    are blank)."""
    parts = {p: (raw.get(f"{name}-{p}") or "").strip() for p in PARTS}
    read = DateRead(values={f"{name}-{p}": parts[p] for p in PARTS})
    if not any(parts.values()):
        return read
    missing = [p for p in PARTS if not parts[p]]
    if missing:
        read.error, read.part = f"{label} must include a {' and '.join(missing)}", missing[0]
    elif not all(DIGITS.match(parts[p]) for p in PARTS):
        read.error = f"{label} must be a real date"
    elif len(parts["year"]) != 4:
        read.error, read.part = f"{label} must include a year with four digits", "year"
    else:
        try:
            read.value = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            read.error = f"{label} must be a real date"
    return read
