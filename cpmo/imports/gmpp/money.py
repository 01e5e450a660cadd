"""Money cells → exact integer pounds (Decimal, rounded half up)."""

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from cpmo.imports.gmpp.ranges import LABELS, split_range
from cpmo.imports.gmpp.values import clean, missing_reason

AMOUNT = re.compile(
    r"(?P<sign>[-−])?\s*£?\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"\s*(?P<suffix>bn|m|k)?",
    re.IGNORECASE,
)
SUFFIX_POUNDS = {"bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
NO_MID = "range without a Mid value"


class Money(NamedTuple):
    """Pounds (or None), whether an FOI exemption withheld it, its range and why it is None."""

    gbp: int | None
    withheld: bool = False
    range: tuple[int | None, int | None, int | None] | None = None
    reason: str | None = None


def parse_amount(text: str, unit: int = 1) -> int:
    """'£1,234.56' in units of ``unit`` pounds → 1234560000 for £m; ValueError if not money."""
    match = AMOUNT.fullmatch(clean(text))
    if match is None:
        raise ValueError(f"not an amount of money: {clean(text)!r}")
    suffix = (match["suffix"] or "").lower()
    pounds = Decimal(match["number"].replace(",", "")) * SUFFIX_POUNDS.get(suffix, unit)
    whole = int(pounds.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return -whole if match["sign"] else whole


def parse_money(text: str | None, unit: int = 1) -> Money:
    """A money cell: amount, "Low: …, Mid: …, High: …" (Mid used), exemption or blank."""
    value = clean(text)
    parts = split_range(value)
    if parts is not None:
        low, mid, high = (parse_amount(parts[k], unit) if k in parts else None for k in LABELS)
        return Money(mid, range=(low, mid, high), reason=None if mid is not None else NO_MID)
    if AMOUNT.fullmatch(value):
        return Money(parse_amount(value, unit))
    reason = missing_reason(value)
    if reason is None:
        raise ValueError(f"not an amount of money: {value!r}")
    return Money(None, withheld=reason.startswith("withheld"), reason=reason)
