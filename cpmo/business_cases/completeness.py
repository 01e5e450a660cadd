"""What a business case needs before it can be submitted (HM Treasury Five Case Model).

Pure functions over the case's content (a dict as stored); each gap is one readable item.
"""

import re
from collections.abc import Callable
from typing import Any

DO_MINIMUM = re.compile(r"business[- ]as[- ]usual|\bbau\b|do[- ]minimum|do[- ]nothing", re.I)
MIN_OPTIONS = 3


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


Check = Callable[[dict[str, Any]], list[str]]


def _needs(section: str, *, texts: dict[str, str], parts: dict[str, str]) -> Check:
    """A check that lists each field the case leaves empty: ``texts`` must hold some text,
    ``parts`` something; each maps a field to what its item says."""

    def check(case: dict[str, Any]) -> list[str]:
        empty = [field for field in texts if not _text(case.get(field))]
        empty += [field for field in parts if not case.get(field)]
        says = texts | parts
        return [f"{section}.{field}: {says[field]}" for field in empty]

    return check


def _economic(case: dict[str, Any]) -> list[str]:
    options = case.get("options") or []
    missing = []
    if len(options) < MIN_OPTIONS:
        missing.append(
            f"economic.options: at least {MIN_OPTIONS} options are needed (found {len(options)})"
        )
    if options and not any(
        DO_MINIMUM.search(o.get("name", "")) or o.get("do_minimum") for o in options
    ):
        missing.append("economic.options: one option must be business-as-usual or do-minimum")
    for index, option in enumerate(options):
        if not isinstance(option.get("npv"), int):
            missing.append(
                f"economic.options.{index}.npv: option {option.get('name', index + 1)!r} has no NPV"
            )
    names = {o.get("name") for o in options}
    preferred = case.get("preferred_option")
    if not _text(preferred):
        missing.append("economic.preferred_option: the preferred option is missing")
    elif preferred not in names:
        missing.append(f"economic.preferred_option: {preferred!r} is not one of the options")
    return missing


def _financial(case: dict[str, Any]) -> list[str]:
    missing = []
    cost = case.get("whole_life_cost")
    if not isinstance(cost, int):
        missing.append("financial.whole_life_cost: the whole-life cost is missing")
    if not _text(case.get("funding_source")):
        missing.append("financial.funding_source: the funding source is missing")
    profile = case.get("profile") or {}
    if not profile:
        missing.append("financial.profile: the spending profile by year is missing")
    elif isinstance(cost, int) and sum(profile.values()) != cost:
        missing.append(
            f"financial.profile: the profile sums to £{sum(profile.values()):,}, "
            f"not the whole-life cost of £{cost:,}"
        )
    return missing


SECTIONS: dict[str, Check] = {
    "strategic": _needs(
        "strategic",
        texts={"case_for_change": "the case for change is missing"},
        parts={"objectives": "name at least one objective it contributes to"},
    ),
    "economic": _economic,
    "commercial": _needs(
        "commercial",
        texts={"procurement_route": "the procurement route is missing"},
        parts={"lots": "at least one lot is needed"},
    ),
    "financial": _financial,
    "management": _needs(
        "management",
        texts={"senior_responsible_owner": "the SRO (a role title) is missing"},
        parts={
            part: f"at least one {what} is needed"
            for part, what in (
                ("milestones", "milestone"),
                ("risks", "risk"),
                ("benefits", "benefit"),
            )
        },
    ),
}


def missing_items(content: dict[str, Any]) -> list[str]:
    """Every item a complete business case still lacks (empty when it is complete)."""
    missing: list[str] = []
    for section, check in SECTIONS.items():
        part = content.get(section)
        if not isinstance(part, dict) or not part:
            missing.append(f"{section}: the {section} case is missing")
            continue
        missing += check(part)
    return missing


def whole_life_cost(content: dict[str, Any]) -> int | None:
    """The case's whole-life cost in pounds, if stated."""
    cost = (content.get("financial") or {}).get("whole_life_cost")
    return cost if isinstance(cost, int) else None
