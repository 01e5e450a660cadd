"""The graph's vocabulary as data: node kinds, allowed edge pairings, node attribute rules."""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from cpmo.errors import RuleViolation

NODE_KINDS: tuple[str, ...] = ("priority", "objective", "programme", "benefit", "kpi")

# Edge kind -> the (source kind, target kind) pairs it may join; edges point the way impact flows.
ALLOWED_EDGES: dict[str, frozenset[tuple[str, str]]] = {
    "enables": frozenset({("programme", "programme")}),
    "contributes_to": frozenset({("programme", "objective"), ("benefit", "objective")}),
    "delivers": frozenset({("programme", "benefit")}),
    "supports": frozenset({("objective", "priority")}),
    "measures": frozenset({("kpi", "benefit")}),
}
EDGE_KINDS: tuple[str, ...] = tuple(ALLOWED_EDGES)

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def allowed_pairs() -> list[str]:
    """Every allowed edge written as 'source_kind -edge_kind-> target_kind'."""
    return [f"{s} -{kind}-> {t}" for kind, pairs in ALLOWED_EDGES.items() for s, t in sorted(pairs)]


def edge_kind_for(source_kind: str, target_kind: str) -> str | None:
    """The one edge kind allowed from source_kind to target_kind, or None."""
    for kind, pairs in ALLOWED_EDGES.items():
        if (source_kind, target_kind) in pairs:
            return kind
    return None


def validate_edge(kind: str, source_kind: str, target_kind: str) -> None:
    """Raise RuleViolation unless kind may join a source_kind node to a target_kind node."""
    if (source_kind, target_kind) in ALLOWED_EDGES.get(kind, frozenset()):
        return
    allowed = allowed_pairs()
    raise RuleViolation(
        f"{source_kind} -{kind}-> {target_kind} is not an allowed edge; "
        f"allowed edges are: {'; '.join(allowed)}",
        allowed=allowed,
    )


def validate_node(*, key: str, kind: str, label: str, attrs: Mapping[str, Any]) -> None:
    """Raise RuleViolation for an unknown kind, a malformed key or label, or a bad attribute."""
    if kind not in NODE_KINDS:
        raise RuleViolation(
            f"unknown node kind {kind!r}; kinds are: {', '.join(NODE_KINDS)}",
            allowed=list(NODE_KINDS),
        )
    prefix, _, slug = key.partition(":")
    if prefix != kind or not _SLUG.fullmatch(slug):
        raise RuleViolation(f"node key {key!r} must look like '{kind}:<slug>'")
    if not label.strip():
        raise RuleViolation(f"node {key} needs a label")
    value = attrs.get("value_gbp")
    if value is not None and (type(value) is not int or value < 0):
        raise RuleViolation(f"{key}: value_gbp must be a whole number of pounds, not {value!r}")
    days = attrs.get("duration_days")
    if days is not None and (type(days) is not int or days < 0):
        raise RuleViolation(f"{key}: duration_days must be a whole number ≥ 0, not {days!r}")
    start, end = _date(attrs.get("planned_start"), key), _date(attrs.get("planned_end"), key)
    if start and end and end < start:
        raise RuleViolation(f"{key}: planned_end {end} is before planned_start {start}")


def programme_duration(attrs: Mapping[str, Any]) -> int | None:
    """Days from planned_start to planned_end, else duration_days, else None (never negative)."""
    try:
        start, end = _date(attrs.get("planned_start")), _date(attrs.get("planned_end"))
    except RuleViolation:
        start = end = None
    if start and end and end >= start:
        return (end - start).days
    days = attrs.get("duration_days")
    return days if type(days) is int and days >= 0 else None


def _date(value: Any, key: str = "node") -> date | None:
    """A date from a date or an ISO 8601 string; None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleViolation(f"{key}: {value!r} is not an ISO 8601 date") from None
