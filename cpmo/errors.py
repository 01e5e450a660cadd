"""Domain errors. Services raise these; the API and pages turn them into responses.

Each error carries an HTTP-neutral ``kind``; ``KIND_STATUS`` is the one table the API and the
pages turn a kind into a status with.
"""

from typing import Any

KIND_STATUS = {
    "not_found": 404,
    "conflict": 409,
    "refused": 422,
    "forbidden": 403,
    "invalid": 422,
    "too_large": 413,
}


def status_of(error: "DomainError") -> int:
    """The HTTP status a domain error answers with (422 for a kind the table does not name)."""
    return KIND_STATUS.get(error.kind, 422)


class DomainError(Exception):
    """Base class: a refusal a client can cause, never a bug."""

    kind = "refused"
    title = "Request refused"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(DomainError):
    kind = "not_found"
    title = "Not found"


class UnknownProgramme(NotFound):
    title = "Unknown programme"


class UnknownPortfolio(NotFound):
    title = "Unknown portfolio"


class Conflict(DomainError):
    kind = "conflict"
    title = "Conflict"


class StaleVersion(Conflict):
    title = "Stale version"


class InvalidEvent(Conflict):
    title = "Event not valid from this stage"


class CycleDetected(Conflict):
    title = "Dependency cycle"


class DuplicateKey(Conflict):
    title = "Already exists"


class NotPermitted(DomainError):
    kind = "forbidden"
    title = "Not permitted"


class RuleViolation(DomainError):
    """Well-formed but refused by a business rule (422)."""

    kind = "refused"
    title = "Refused by a rule"


class GateCriteriaUnmet(RuleViolation):
    title = "Gate criteria not met"

    def __init__(self, detail: str, unmet: list[str], **extra: Any) -> None:
        super().__init__(detail, unmet=unmet, **extra)
        self.unmet = unmet


class Infeasible(RuleViolation):
    title = "No feasible selection"


class InvalidInput(DomainError):
    """Input that fails validation below the HTTP edge (e.g. imports, seed files)."""

    kind = "invalid"
    title = "Invalid input"

    def __init__(self, detail: str, errors: dict[str, Any] | None = None, **extra: Any) -> None:
        super().__init__(detail, errors=errors or {}, **extra)
        self.errors = errors or {}


class TooLarge(InvalidInput):
    """Input larger than the service reads in a request: too big once opened, too many rows,
    or a report too big to build in a request (413)."""

    kind = "too_large"
    title = "Too large"
