"""The Documents section of the programme page: each kept document in words people read."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from cpmo.business_cases.models import BusinessCase
from cpmo.documents import service as documents
from cpmo.documents.files import size_label
from cpmo.vocabulary import gate_label
from cpmo.workflows.models import Condition

SHORT_HASH = 12


@dataclass(frozen=True)
class DocumentRow:
    id: int
    filename: str
    supports: str  # what it evidences, in words
    uploaded_by: str
    uploaded_at: datetime
    size: str
    sha256: str

    @property
    def short_sha256(self) -> str:
        return self.sha256[:SHORT_HASH]


def _supports(kind: str, ref: int | None, cases: dict[int, str], conditions: dict[int, str]) -> str:
    if kind == "business_case" and ref in cases:
        return cases[ref]
    if kind == "condition" and ref in conditions:
        return f"Discharge of the condition “{conditions[ref]}”"
    return "The programme"


def document_rows(
    session: Session, *, code: str, cases: list[BusinessCase], conditions: list[Condition]
) -> list[DocumentRow]:
    """The programme's documents, oldest first, each saying what it supports."""
    case_names = {
        c.id: f"{gate_label(c.kind)} version {c.number}" for c in cases if c.id is not None
    }
    condition_texts = {c.id: c.text for c in conditions if c.id is not None}
    return [
        DocumentRow(
            id=a.id or 0,
            filename=a.filename,
            supports=_supports(a.supports, a.supports_id, case_names, condition_texts),
            uploaded_by=a.uploaded_by,
            uploaded_at=a.uploaded_at,
            size=size_label(a.size_bytes),
            sha256=a.sha256,
        )
        for a in documents.list_attachments(session, code=code)
    ]
