"""Attachments: keep a checked file for a programme, list them, get one. There is no update
or delete: a kept document is evidence, and the database refuses both (migration 0015)."""

from typing import Any

from sqlalchemy.orm import defer
from sqlmodel import Session, select

from cpmo.business_cases.models import BusinessCase
from cpmo.business_cases.service import check_may_write
from cpmo.documents.files import CheckedFile
from cpmo.documents.models import Attachment
from cpmo.errors import NotFound
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.workflows import audit_store


def create(
    session: Session,
    *,
    actor: User,
    programme: Programme,
    file: CheckedFile,
    supports: str,
    supports_id: int | None = None,
) -> Attachment:
    """Keep ``file`` as evidence for ``supports`` (the caller audits the event it supports)."""
    attachment = Attachment(
        programme_id=programme.id,
        supports=supports,
        supports_id=supports_id,
        filename=file.filename,
        media_type=file.media_type,
        size_bytes=file.size_bytes,
        sha256=file.sha256,
        content=file.data,
        uploaded_by=actor.username,
    )
    session.add(attachment)
    session.flush()
    return attachment


def audit_details(attachment: Attachment) -> dict[str, Any]:
    """What an audit entry records of the document it relied on."""
    return {
        "attachment": attachment.id,
        "sha256": attachment.sha256,
        "filename": attachment.filename,
        "size_bytes": attachment.size_bytes,
    }


def add_document(session: Session, *, actor: User, code: str, file: CheckedFile) -> Attachment:
    """A document for the programme generally (its manager or a CPMO officer), audited."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    attachment = create(session, actor=actor, programme=programme, file=file, supports="programme")
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="add_document",
        details=audit_details(attachment),
    )
    return attachment


def keep_case_upload(
    session: Session, *, actor: User, case: BusinessCase, file: CheckedFile
) -> Attachment:
    """The .docx a business case version was read from, kept with that version, audited."""
    programme = session.get(Programme, case.programme_id)
    assert programme is not None
    attachment = create(
        session,
        actor=actor,
        programme=programme,
        file=file,
        supports="business_case",
        supports_id=case.id,
    )
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="upload_business_case",
        details={"kind": case.kind, "number": case.number, **audit_details(attachment)},
        business_case_version=case.number,
    )
    return attachment


def keep_form_upload(
    session: Session, *, actor: User, programme: Programme, kind: str, file: CheckedFile
) -> Attachment:
    """A .docx read into the business case form (before any draft is saved from it), kept as
    it was uploaded and audited, so what the case was written from can always be shown."""
    check_may_write(actor, programme)
    attachment = create(
        session, actor=actor, programme=programme, file=file, supports="business_case_form"
    )
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="upload_business_case",
        details={"kind": kind, "read_into": "the form", **audit_details(attachment)},
    )
    return attachment


def list_attachments(session: Session, *, code: str) -> list[Attachment]:
    """The programme's documents, oldest first, without their bytes."""
    programme = get_programme_or_raise(session, code=code)
    return list(
        session.exec(
            select(Attachment)
            .where(Attachment.programme_id == programme.id)
            .options(defer(Attachment.content))  # type: ignore[arg-type]
            .order_by(Attachment.id)  # type: ignore[arg-type]
        )
    )


def get_or_raise(session: Session, *, code: str, attachment_id: int) -> Attachment:
    """One of the programme's documents, with its bytes; NotFound otherwise."""
    programme = get_programme_or_raise(session, code=code)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.programme_id != programme.id:
        raise NotFound(f"{code!r} has no document {attachment_id}.")
    return attachment
