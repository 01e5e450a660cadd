"""Checks across the records of one plan file: unique keys and references that resolve."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a list (or "plan", or "file"), a record index, a field."""

    section: str
    index: int | None
    field: str
    message: str


def _duplicates(section: str, records: list[dict[str, Any]], *keys: str) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for i, record in enumerate(records):
        key = tuple(record.get(k) for k in keys)
        if key in seen:
            out.append(Problem(section, i, keys[-1], f"repeats {' '.join(map(str, key))!r}"))
        seen.add(key)
    return out


def _unknown(
    section: str, records: list[dict[str, Any]], field: str, known: set[str], what: str
) -> Iterable[Problem]:
    for i, record in enumerate(records):
        values = record.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value is not None and value not in known:
                yield Problem(section, i, field, f"no {what} {value!r} in this plan")


def _parents(actions: list[dict[str, Any]]) -> Iterable[Problem]:
    """A parent is an action listed earlier, in the same priority."""
    earlier: dict[str, str | None] = {}
    for i, action in enumerate(actions):
        parent = action.get("parent")
        if parent is not None:
            if parent not in earlier:
                yield Problem("actions", i, "parent", f"no action {parent!r} listed before it")
            elif action.get("priority") not in (None, earlier[parent]):
                yield Problem("actions", i, "priority", f"differs from its parent {parent!r}'s")
            else:
                action["priority"] = earlier[parent]
        earlier.setdefault(action["number"], action.get("priority"))


def cross_check(doc: dict[str, Any]) -> list[Problem]:
    """Every problem across records; fills in each sub-action's priority from its parent."""
    priorities = {p["number"] for p in doc["priorities"]}
    actions = {a["number"] for a in doc["actions"]}
    problems = [
        *_duplicates("priorities", doc["priorities"], "number"),
        *_duplicates("actions", doc["actions"], "number"),
        *_parents(doc["actions"]),
        *_unknown("actions", doc["actions"], "priority", priorities, "priority"),
        *_duplicates("milestones", doc["milestones"], "priority", "letter"),
        *_unknown("milestones", doc["milestones"], "priority", priorities, "priority"),
        *_unknown("milestones", doc["milestones"], "covers", actions, "action"),
        *_duplicates("kpis", doc["kpis"], "code"),
        *_duplicates("risks", doc["risks"], "code"),
        *_duplicates("elements", doc["elements"], "code"),
    ]
    elements = {e["code"] for e in doc["elements"]}
    problems += _unknown("actions", doc["actions"], "elements", elements, "element")
    kpis = {k["code"] for k in doc["kpis"]}
    for section in ("targets", "actuals"):
        problems += _duplicates(section, doc[section], "kpi", "period")
        problems += _unknown(section, doc[section], "kpi", kpis, "KPI")
    owners = {"priority": priorities, "action": actions}
    for i, link in enumerate(doc["links"]):
        kind, _, number = link["from_"].partition(":")
        if number not in owners[kind]:
            problems.append(Problem("links", i, "from", f"no {kind} {number!r} in this plan"))
    problems += _duplicates("links", doc["links"], "from_", "to")
    return problems
