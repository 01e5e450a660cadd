"""What changed between two versions of a business case, field by field, in the words the
form uses: pure functions over two contents (dicts as stored), no database.

Single values are compared directly (money as numbers); lists (options, lots, milestones,
risks, benefits) are paired by their name or title, so an item is added, removed or has
some of its fields changed; the spending profile is compared year by year.
"""

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from cpmo.money import money
from cpmo.vocabulary import long_date

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
Show = Callable[[Any], str]


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _lines(value: Any) -> str:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else _text(value)


def _money(value: Any) -> str:
    return money(value) if isinstance(value, int) else _text(value)


def _date(value: Any) -> str:
    try:
        return long_date(date.fromisoformat(str(value)))
    except ValueError:
        return _text(value)


def _yes_no(value: Any) -> str:
    return "Yes" if value else "No"


SECTIONS = {
    "strategic": "Strategic case",
    "economic": "Economic case",
    "commercial": "Commercial case",
    "financial": "Financial case",
    "management": "Management case",
}
# section → field → (label, how it is shown)
SINGLE: dict[str, dict[str, tuple[str, Show]]] = {
    "strategic": {
        "case_for_change": ("Case for change", _text),
        "objectives": ("Objectives it contributes to", _lines),
    },
    "economic": {"preferred_option": ("Preferred option", _text)},
    "commercial": {"procurement_route": ("Procurement route", _text)},
    "financial": {
        "whole_life_cost": ("Whole-life cost", _money),
        "funding_source": ("Funding source", _text),
    },
    "management": {"senior_responsible_owner": ("Senior responsible owner", _text)},
}


@dataclass(frozen=True)
class Listed:
    """A list of items paired by ``key``; ``noun`` names one item, ``columns`` its fields."""

    noun: str
    key: str
    columns: tuple[tuple[str, str, Show], ...]


LISTS: dict[str, dict[str, Listed]] = {
    "economic": {
        "options": Listed(
            "Option",
            "name",
            (
                ("npv", "net present value", _money),
                ("description", "description", _text),
                ("do_minimum", "business as usual or do minimum", _yes_no),
            ),
        )
    },
    "commercial": {"lots": Listed("Lot", "name", (("description", "description", _text),))},
    "management": {
        "milestones": Listed("Milestone", "name", (("due", "due date", _date),)),
        "risks": Listed(
            "Risk",
            "title",
            (
                ("likelihood", "likelihood", _text),
                ("impact", "impact", _text),
                ("owner", "owner", _text),
            ),
        ),
        "benefits": Listed(
            "Benefit",
            "title",
            (("value_gbp", "value", _money), ("measure", "measure", _text)),
        ),
    },
}


@dataclass(frozen=True)
class Change:
    """One difference: where it is (codes), what people call it, and both sides as read."""

    section: str
    field: str
    item: str | None  # the list item's name, or the profile's year
    change: str  # added, removed or changed
    label: str
    before: str | None
    after: str | None

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"section_label": self.section_label}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def _same(before: Any, after: Any) -> bool:
    return (_blank(before) and _blank(after)) or before == after


def _part(content: dict[str, Any], section: str) -> dict[str, Any]:
    part = content.get(section)
    return part if isinstance(part, dict) else {}


def _single(section: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for name, (label, show) in SINGLE[section].items():
        before, after = old.get(name), new.get(name)
        if _same(before, after):
            continue
        change = ADDED if _blank(before) else REMOVED if _blank(after) else CHANGED
        yield Change(
            section,
            name,
            None,
            change,
            label,
            None if _blank(before) else show(before),
            None if _blank(after) else show(after),
        )


def _profile(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    before = old.get("profile") if isinstance(old.get("profile"), dict) else {}
    after = new.get("profile") if isinstance(new.get("profile"), dict) else {}
    for year in sorted(set(before) | set(after)):
        was, now = before.get(year), after.get(year)
        if was == now:
            continue
        change = ADDED if year not in before else REMOVED if year not in after else CHANGED
        yield Change(
            "financial",
            "profile",
            str(year),
            change,
            f"Spend in {year}",
            None if year not in before else _money(was),
            None if year not in after else _money(now),
        )


def _keyed(items: Any, key: str) -> dict[str, dict[str, Any]]:
    """Items by their name; a repeated name is told apart by its place ("Go live (2)")."""
    out: dict[str, dict[str, Any]] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        name, n = _text(item.get(key)), 1
        while (label := name if n == 1 else f"{name} ({n})") in out:
            n += 1
        out[label] = item
    return out


def _summary(item: dict[str, Any], listed: Listed) -> str:
    parts = [
        f"{label}: {show(item[col])}"
        for col, label, show in listed.columns
        if not _blank(item.get(col))
    ]
    return "; ".join(parts) or "—"


def _listed(
    section: str, name: str, listed: Listed, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[Change]:
    before, after = _keyed(old.get(name), listed.key), _keyed(new.get(name), listed.key)
    for key in [*before, *(k for k in after if k not in before)]:
        title = f"{listed.noun} “{key}”"
        if key not in after:
            yield Change(section, name, key, REMOVED, title, _summary(before[key], listed), None)
        elif key not in before:
            yield Change(section, name, key, ADDED, title, None, _summary(after[key], listed))
        else:
            for col, label, show in listed.columns:
                was, now = before[key].get(col), after[key].get(col)
                if not _same(was, now):
                    yield Change(
                        section,
                        f"{name}.{col}",
                        key,
                        CHANGED,
                        f"{title}: {label}",
                        "—" if _blank(was) else show(was),
                        "—" if _blank(now) else show(now),
                    )


def case_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every difference from ``before`` to ``after``, section by section (empty when none)."""
    changes: list[Change] = []
    for section in SECTIONS:
        old, new = _part(before, section), _part(after, section)
        changes += _single(section, old, new)
        if section == "financial":
            changes += _profile(old, new)
        for name, listed in LISTS.get(section, {}).items():
            changes += _listed(section, name, listed, old, new)
    return changes
