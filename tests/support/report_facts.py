"""Plain report facts for unit tests: a programme with sensible defaults."""

from datetime import UTC, date, datetime
from typing import Any

from cpmo.reports.gather.facts import DecisionFact, ProgrammeFacts

AS_OF = date(2026, 6, 30)


def programme(code: str = "p1", **values: Any) -> ProgrammeFacts:
    """A programme named after its code, green and in delivery unless told otherwise."""
    defaults: dict[str, Any] = {"name": code.upper(), "stage": "delivery", "rag": "green"}
    return ProgrammeFacts(code=code, **{**defaults, **values})


def decision(sequence: int, event: str, programme: str = "p1", **values: Any) -> DecisionFact:
    """An audit entry as the report sees it."""
    defaults: dict[str, Any] = {
        "from_stage": "a",
        "to_stage": "b",
        "actor": "alice",
        "role": "cpmo",
        "at": datetime(2026, 1, sequence, 9, 0, tzinfo=UTC),
    }
    return DecisionFact(sequence, programme, event, **{**defaults, **values})
