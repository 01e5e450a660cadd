"""What a programme is created or edited with: the typed inputs of ``portfolios.service``."""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from cpmo.unset import UNSET, Unset, given

# the fields of a ProgrammeCreate that name other records by code (resolved to row ids)
REFERENCES = ("portfolio", "parent", "department", "manager")


@dataclass(frozen=True, kw_only=True)
class ProgrammeCreate:
    """A programme to register (it starts at ``proposed``); references are codes."""

    code: str
    name: str
    portfolio: str
    parent: str | None = None
    department: str | None = None
    manager: str | None = None  # a username
    group: str | None = None
    description: str | None = None
    senior_responsible_owner: str | None = None
    rag: str = "unrated"
    rag_reason: str | None = None
    whole_life_cost_gbp: int | None = None
    planned_start: date | None = None
    planned_end: date | None = None

    def details(self) -> dict[str, Any]:
        """The programme's own fields as given, by name (not the references)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in REFERENCES}


@dataclass(frozen=True, kw_only=True)
class ProgrammeUpdate:
    """An edit of a programme's details: only the fields given change (``UNSET`` is "leave
    it"; ``None`` clears it). ``version`` is the one edited; ``rationale`` says why."""

    version: int | Unset = UNSET
    rationale: str | Unset | None = UNSET
    name: str | Unset = UNSET
    parent: str | Unset | None = UNSET
    department: str | Unset | None = UNSET
    manager: str | Unset | None = UNSET
    group: str | Unset | None = UNSET
    description: str | Unset | None = UNSET
    senior_responsible_owner: str | Unset | None = UNSET
    rag: str | Unset = UNSET
    rag_reason: str | Unset | None = UNSET
    whole_life_cost_gbp: int | Unset | None = UNSET
    planned_start: date | Unset | None = UNSET
    planned_end: date | Unset | None = UNSET

    def changes(self) -> dict[str, Any]:
        """The details given, by name (not the version or the rationale)."""
        return given(self, leave_out=("version", "rationale"))
