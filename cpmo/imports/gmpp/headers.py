"""Each year's header variants mapped onto canonical fields, declared as data."""

import re
from collections.abc import Sequence

from cpmo.imports.gmpp.values import clean

# canonical field → patterns that must match the WHOLE normalised header (lower case,
# whitespace collapsed). Years seen: 2019-20 … 2025-26 (see tests/data/gmpp/).
FIELD_PATTERNS: dict[str, tuple[str, ...]] = {
    "project_id": (r"gmpp id( number)?", r"major projects? id", r"project id"),
    "name": (r"project name",),
    "department": (r"department",),
    "category": (r"annual report category",),
    "description": (r"description( / aims)?", r"project description"),
    "ipa_rating": (r"(ipa|nista) delivery confidence assessment( \(.*)?",),
    "sro_rating": (r"sro delivery confidence assessment( \(.*)?",),
    "start_date": (r"(project - )?start date( \(.*)?",),
    "end_date": (r"(project - )?end date( \(.*)?",),
    "budget": (r"financial year baseline \(.*",),
    "budget_forecast": (r"financial year forecast \(.*",),
    "whole_life_cost": (r"(total baseline )?whole life costs? \(.*",),
    "benefits": (r"(total baseline )?benefits \(.*",),
    # no year published so far has one; a later year's "Project Stage" would be read
    "stage": (r"(project |delivery |lifecycle )?(stage|phase)( \(.*)?",),
}
MONEY_FIELDS = ("budget", "budget_forecast", "whole_life_cost", "benefits")

# Unit written in a money header → pounds per unit; the first match wins.
MONEY_UNITS: tuple[tuple[str, int], ...] = (
    (r"£\s*bn\b", 1_000_000_000),
    (r"£\s*m\b", 1_000_000),
    (r"£\s*(k|000s?)\b", 1_000),
)
PRICE_BASIS = re.compile(r"in (\d{4}/\d{2}) real prices", re.IGNORECASE)

_COMPILED = {
    field: tuple(re.compile(p) for p in patterns) for field, patterns in FIELD_PATTERNS.items()
}


def normalise_header(header: str) -> str:
    """Lower-case a header and collapse its whitespace (line breaks, NBSP, zero-width)."""
    return clean(header).lower()


def canonical_field(header: str) -> str | None:
    """The canonical field a published header stands for, or None if it is not mapped."""
    text = normalise_header(header)
    for field, patterns in _COMPILED.items():
        if any(p.fullmatch(text) for p in patterns):
            return field
    return None


def map_headers(headers: Sequence[str]) -> dict[str, int]:
    """Canonical field → column index; raises ValueError if two columns claim one field."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = canonical_field(header)
        if field is None:
            continue
        if field in found:
            first = headers[found[field]]
            raise ValueError(f"columns {first!r} and {header!r} both map to {field!r}")
        found[field] = index
    return found


def money_unit(header: str) -> int:
    """Pounds per unit stated in a money header ("£m" → 1,000,000); plain pounds otherwise."""
    for pattern, pounds in MONEY_UNITS:
        if re.search(pattern, header, re.IGNORECASE):
            return pounds
    return 1


def price_basis(headers: Sequence[str]) -> str | None:
    """The price basis named in any header (e.g. "2024/25 real prices"), if one is given."""
    for header in headers:
        match = PRICE_BASIS.search(clean(header))
        if match:
            return f"{match.group(1)} real prices"
    return None
