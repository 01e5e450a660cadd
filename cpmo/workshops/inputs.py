"""What a workshop or a candidate is created or edited with: the typed inputs of the workshop
services. Criteria and scorers stay the mappings ``setup.replace_criteria`` and
``scorers.replace_scorers`` take."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cpmo.unset import UNSET, Unset, given


@dataclass(frozen=True, kw_only=True)
class CandidateCreate:
    """A candidate: an existing programme (by code) or a new proposal, with yearly costs in
    whole pounds ({year: pounds})."""

    key: str
    name: str
    description: str | None = None
    programme: str | None = None
    sponsors: Sequence[str] = ()
    costs: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class WorkshopCreate:
    """A draft workshop, with whatever set-up comes with it (criteria, candidates, scorers)."""

    code: str
    name: str
    description: str | None = None
    portfolio: str | None = None
    budgets: Mapping[str, int] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    criteria: Sequence[Mapping[str, Any]] = ()
    candidates: Sequence[CandidateCreate] = ()
    scorers: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True, kw_only=True)
class WorkshopUpdate:
    """An edit of a workshop: only the fields given change (``UNSET`` is "leave it")."""

    name: str | Unset = UNSET
    description: str | Unset | None = UNSET
    portfolio: str | Unset | None = UNSET
    budgets: Mapping[str, int] | Unset = UNSET
    rules: Mapping[str, Any] | Unset = UNSET

    def changes(self) -> dict[str, Any]:
        """The fields given, by name."""
        return given(self)
