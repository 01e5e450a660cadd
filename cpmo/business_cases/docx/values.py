"""Cell and sentence values of a business case: money, dates, years and 1–5 ratings."""

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_NUMBER = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3}){1,4}(?:\.\d+)?|\d{1,15}(?:\.\d+)?)(?!\d|,\d)"
_UNIT = r"(?:\s?(?P<unit>billion|million|thousand|bn|mn|m|k)\b)?"


def _money_pattern(currency: str) -> re.Pattern[str]:
    """A money regex; `currency` is '£' (required) or '£?' (optional, for money columns)."""
    return re.compile(
        rf"(?P<open>\()?(?P<minus>[-−–])?{currency}\s?(?P<open2>\()?(?P<minus2>[-−])?"
        rf"{_NUMBER}{_UNIT}(?P<close>\))?",
        re.IGNORECASE,
    )


MONEY_IN_TEXT = _money_pattern("£")
MONEY_IN_CELL = _money_pattern("£?")
UNIT_POUNDS = {
    "bn": 10**9,
    "billion": 10**9,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "k": 10**3,
    "thousand": 10**3,
}
# A column header's unit, applied to amounts written without their own unit.
HEADER_UNITS: tuple[tuple[str, int], ...] = (
    (r"£\s?(?:bn|billion)", 10**9),
    (r"£\s?(?:m|mn|million|millions)\b", 10**6),
    (r"£\s?(?:k|000|'000|’000|thousands?)\b|£000", 10**3),
)
NOTHING = re.compile(r"[-–—]|nil|none|zero", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Collapse whitespace (including non-breaking spaces) and strip."""
    return " ".join((text or "").replace("\u00a0", " ").split())


def header_unit(*texts: str) -> int:
    """Pounds per written unit given the headers' '(£m)', '£000' or '£k' markers; 1 if none."""
    joined = " ".join(texts)
    return next((u for pat, u in HEADER_UNITS if re.search(pat, joined, re.IGNORECASE)), 1)


def parse_money(text: str, *, unit: int = 1, cell: bool = False) -> int | None:
    """The first amount in text as integer pounds ('(£200k)' → -200000); None if none."""
    text = clean(text)
    if cell and NOTHING.fullmatch(text):
        return 0
    found = (MONEY_IN_CELL if cell else MONEY_IN_TEXT).search(text)
    if found is None:
        return None
    suffix = (found["unit"] or "").lower()
    pounds = Decimal(found["num"].replace(",", "")) * UNIT_POUNDS.get(suffix, unit)
    whole = int(pounds.to_integral_value(rounding=ROUND_HALF_UP))
    bracketed = bool(found["open"] or found["open2"]) and bool(found["close"])
    return -whole if bracketed or found["minus"] or found["minus2"] else whole


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name[:3].lower(): number for name, number in list(MONTHS.items())} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    """A four-digit year; two digits mean 20xx."""
    return int(text) + 2000 if len(text) == 2 else int(text)


# (pattern, builder) tried in order; month-only dates mean the last day of that month.
DATE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], date]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), build)
    for pattern, build in (
        (
            r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b",
            lambda m: date(int(m["y"]), int(m["m"]), int(m["d"])),
        ),
        (
            r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b",
            lambda m: date(_year(m["y"]), int(m["m"]), int(m["d"])),
        ),
        (
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b",
            lambda m: date(int(m["y"]), MONTHS[m["month"].lower()], int(m["day"])),
        ),
        (
            rf"\b{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})\b",
            lambda m: date(int(m["y"]), MONTHS[m["month"].lower()], int(m["day"])),
        ),
        (
            rf"\b{_MONTH},?\s+(?P<y>\d{{4}})\b",
            lambda m: _month_end(int(m["y"]), MONTHS[m["month"].lower()]),
        ),
    )
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first recognisable date in text as ('YYYY-MM-DD', its match); None if none."""
    for pattern, build in DATE_PATTERNS:
        for found in pattern.finditer(text):
            try:
                return build(found).isoformat(), found
            except ValueError:  # 31/02/2021 and the like: try the next candidate
                continue
    return None


YEAR = re.compile(
    r"(?:fy\s?)?(?P<year>(?:19|20)\d{2})(?:\s?[/–-]\s?(?:\d{4}|\d{2}))?"
    r"(?:\s*\(?£\s?\w*\)?)?",
    re.IGNORECASE,
)


def year_of(text: str) -> str | None:
    """'2021', '2021/22', 'FY2021-22', '2021–2022 (£m)' → '2021' (the year it starts)."""
    found = YEAR.fullmatch(clean(text))
    return found["year"] if found else None


# Ratings in words. A column using only Low/Medium/High reads them on a three-point
# scale (1/3/5); any other word (very low, unlikely, major …) uses the five-point scale.
THREE_POINT = {"low": 1, "l": 1, "medium": 3, "med": 3, "m": 3, "moderate": 3, "high": 5, "h": 5}
FIVE_POINT = {
    "very low": 1,
    "rare": 1,
    "remote": 1,
    "insignificant": 1,
    "negligible": 1,
    "low": 2,
    "unlikely": 2,
    "minor": 2,
    "medium": 3,
    "med": 3,
    "possible": 3,
    "moderate": 3,
    "high": 4,
    "likely": 4,
    "probable": 4,
    "major": 4,
    "significant": 4,
    "very high": 5,
    "almost certain": 5,
    "certain": 5,
    "severe": 5,
    "catastrophic": 5,
    "critical": 5,
}
_DIGIT = re.compile(r"\b([1-5])\b")


def _word(text: str) -> str:
    """A rating cell reduced to lower-case words."""
    return " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())


def rating_scale(cells: Iterable[str]) -> dict[str, int]:
    """The word scale for a column: three-point if every word rating is Low/Medium/High."""
    words = {_word(c) for c in cells if c.strip() and not _DIGIT.search(c)}
    return THREE_POINT if words and words <= THREE_POINT.keys() else FIVE_POINT


def rating(text: str, scale: dict[str, int]) -> int | None:
    """A 1–5 rating from a digit ('4', '3 - Medium') or a word on the given scale."""
    found = _DIGIT.search(text)
    return int(found[1]) if found else scale.get(_word(text))
