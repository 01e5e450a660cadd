"""What a plan's risk is added or reassessed with: the typed inputs of ``risk_register``."""

from dataclasses import dataclass
from typing import Any

from cpmo.unset import UNSET, Unset, given


@dataclass(frozen=True, kw_only=True)
class RiskCreate:
    """A risk to add to plan ``plan``'s register; ``rationale`` says why it is assessed so."""

    plan: str
    code: str
    title: str
    cause: str | None = None
    event: str | None = None
    impact_description: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    tolerance: int | None = None
    owner: str | None = None  # a role title
    mitigation: str | None = None
    rationale: str | None = None


@dataclass(frozen=True, kw_only=True)
class RiskUpdate:
    """A reassessment: only the fields given change (``UNSET`` is "leave it"; ``None`` clears
    it); ``rationale`` says why (needed when likelihood, impact or tolerance change)."""

    rationale: str | Unset | None = UNSET
    title: str | Unset = UNSET
    cause: str | Unset | None = UNSET
    event: str | Unset | None = UNSET
    impact_description: str | Unset | None = UNSET
    likelihood: int | Unset | None = UNSET
    impact: int | Unset | None = UNSET
    tolerance: int | Unset | None = UNSET
    owner: str | Unset | None = UNSET
    mitigation: str | Unset | None = UNSET

    def changes(self) -> dict[str, Any]:
        """The fields given, by name (not the rationale)."""
        return given(self, leave_out=("rationale",))
