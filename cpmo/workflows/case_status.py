"""A business case's status, following its gate: derived once, from the workflow's audit
entries, for pages and the API alike.

The stored ``BusinessCase.status`` only says whether the case is still an editable draft or
was frozen at submission; what happened at the gate afterwards lives in the audit entries.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from cpmo.portfolios.service import get_programme_or_raise
from cpmo.workflows.context import ProgrammeRecord, load_record
from cpmo.workflows.gates import GATES
from cpmo.workflows.models import AuditEntry

# the statuses a case may have, in lifecycle order
CASE_STATUSES: tuple[str, ...] = (
    "draft",
    "submitted",
    "approved",
    "approved_with_conditions",
    "returned",
    "superseded",
    "withdrawn",
)


@dataclass(frozen=True)
class Decision:
    """A recorded decision on a case: who took it, when, and why."""

    event: str
    actor: str
    role: str
    at: datetime
    rationale: str | None
    conditions: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, entry: AuditEntry) -> "Decision":
        details = entry.details or {}
        return cls(
            event=entry.event,
            actor=entry.actor,
            role=entry.role,
            at=entry.created_at,
            rationale=entry.rationale,
            conditions=list(details.get("conditions") or []),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "event": self.event,
            "actor": self.actor,
            "role": self.role,
            "at": self.at,
            "rationale": self.rationale,
            "conditions": list(self.conditions),
        }


@dataclass(frozen=True)
class CaseStatus:
    """Where one version of a case stands at its gate."""

    kind: str
    number: int
    status: str  # one of CASE_STATUSES
    submitted: Decision | None = None
    endorsement: Decision | None = None
    decision: Decision | None = None  # the approval, return or stop that settled it


def _status_of(
    kind: str, number: int, stored: str, entries: list[AuditEntry], newer_submitted: bool
) -> CaseStatus:
    review = GATES[kind].review.value
    ours = [e for e in entries if e.business_case_version == number and e.event.endswith(kind)]
    submits = [e for e in ours if e.event == f"submit_{kind}"]
    if stored == "draft" or not submits:
        return CaseStatus(kind, number, "draft")
    submit = submits[-1]
    after = [e for e in entries if e.sequence > submit.sequence]
    endorsement = next(
        (Decision.of(e) for e in after if e.event == f"endorse_{kind}" and e in ours), None
    )
    settled = next(
        (
            e
            for e in after
            if (e in ours and e.event in (f"approve_{kind}", f"return_{kind}"))
            or (e.event == "stop" and e.from_stage == review)
        ),
        None,
    )
    base = {"submitted": Decision.of(submit), "endorsement": endorsement}
    if settled is None:
        status = "superseded" if newer_submitted else "submitted"
        return CaseStatus(kind, number, status, **base)  # type: ignore[arg-type]
    decision = Decision.of(settled)
    if settled.event == "stop":
        status = "withdrawn"
    elif settled.event.startswith("return_"):
        status = "returned"
    else:
        status = "approved_with_conditions" if decision.conditions else "approved"
    return CaseStatus(kind, number, status, decision=decision, **base)  # type: ignore[arg-type]


def case_statuses(record: ProgrammeRecord) -> list[CaseStatus]:
    """The status of every version of every case in ``record``, in the record's case order."""
    out = []
    for case in record.cases:
        newer = any(
            c.kind == case.kind and c.number > case.number and c.status != "draft"
            for c in record.cases
        )
        out.append(_status_of(case.kind, case.number, case.status, record.entries, newer))
    return out


def case_status(record: ProgrammeRecord, kind: str, number: int) -> CaseStatus | None:
    """The status of one version of a case (None when there is no such version)."""
    return next((s for s in case_statuses(record) if (s.kind, s.number) == (kind, number)), None)


def statuses_for(session: Session, *, code: str) -> dict[tuple[str, int], CaseStatus]:
    """Every case version of programme ``code`` → its status (a fixed handful of queries)."""
    record = load_record(session, get_programme_or_raise(session, code=code))
    return {(s.kind, s.number): s for s in case_statuses(record)}


APPROVED = ("approved", "approved_with_conditions")


def approved_version(session: Session, *, code: str, kind: str) -> int | None:
    """The newest version of ``kind`` approved at its gate (None when none was)."""
    approved = [
        n
        for (k, n), s in statuses_for(session, code=code).items()
        if k == kind and s.status in APPROVED
    ]
    return max(approved, default=None)
