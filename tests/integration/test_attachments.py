"""Documents kept as attachments: the SHA-256 an audit entry records is the digest of the bytes
served; too large or the wrong type is refused with nothing written; a kept document cannot be
changed (no service or API path, and the database refuses it); a discharge with evidence records
the evidence's SHA-256 in its audit entry."""

import hashlib
from typing import Any

import pytest
from sqlalchemy import delete, func, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from cpmo.delivery import service as delivery
from cpmo.documents import files
from cpmo.documents import service as documents
from cpmo.documents.models import Attachment
from cpmo.errors import InvalidInput, NotPermitted, TooLarge
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.users import service as users
from cpmo.users.models import User
from cpmo.workflows.audit_store import entries_for
from cpmo.workflows.models import Condition
from tests.support.documents import PDF, TEXT, docx_bytes

CODE = "docs-prog"
LIMIT = 10 * 1024 * 1024


@pytest.fixture
def manager(seeded: Session) -> User:
    user, _ = users.create(seeded, username="docs-manager", role="programme_manager")
    portfolios.create_programme(
        seeded,
        actor=user,
        programme_in=ProgrammeCreate(code=CODE, name="Documents", portfolio="goj-change"),
    )
    seeded.commit()
    return user


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Attachment)).one()


def _add(session: Session, actor: User, name: str, data: bytes) -> Attachment:
    checked = files.check(name, data, max_bytes=LIMIT)
    return documents.add_document(session, actor=actor, code=CODE, file=checked)


def test_the_audit_entry_records_the_sha256_of_the_bytes_served(
    seeded: Session, manager: User, client: Any
) -> None:
    kept = _add(seeded, manager, "minutes.txt", TEXT)
    seeded.commit()
    token = users.create(seeded, username="docs-reader", role="oversight")[1]
    seeded.commit()
    served = client.get(
        f"/api/v1/programmes/{CODE}/documents/{kept.id}/content",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert served.status_code == 200 and served.data == TEXT
    entry = entries_for(seeded, programme_code=CODE)[-1]
    assert entry.event == "add_document"
    assert entry.details["sha256"] == hashlib.sha256(served.data).hexdigest() == kept.sha256
    assert entry.details["filename"] == "minutes.txt"
    assert entry.details["size_bytes"] == len(TEXT)


def test_a_file_over_the_limit_is_refused_before_anything_is_written(
    seeded: Session, manager: User
) -> None:
    before = _count(seeded), len(entries_for(seeded, programme_code=CODE))
    with pytest.raises(TooLarge) as refused:
        files.check("big.txt", b"x" * 1025, max_bytes=1024)
    assert refused.value.detail == "The selected file must be smaller than 1 KB"
    assert (_count(seeded), len(entries_for(seeded, programme_code=CODE))) == before


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("tool.exe", b"MZ\x90\x00", "must be a Word (.docx), Excel (.xlsx), PDF, CSV or text"),
        ("report.pdf", b"<html>not a pdf</html>", "is not a real PDF"),
        ("case.docx", b"%PDF-1.4 a pdf renamed", "is not a zip-based Office file"),
        ("notes.txt", b"PK\x03\x04\x00\x00binary", "holds binary data"),
        ("book.xlsx", docx_bytes(), "is not a real Excel workbook"),
        ("empty.csv", b"", "is empty"),
    ],
)
def test_a_file_whose_content_is_not_its_type_is_refused(
    seeded: Session, manager: User, name: str, data: bytes, says: str
) -> None:
    before = _count(seeded)
    with pytest.raises(InvalidInput) as refused:
        files.check(name, data, max_bytes=LIMIT)
    assert says in refused.value.detail
    assert _count(seeded) == before


def test_a_zip_bomb_is_refused_by_the_upload_gate() -> None:
    from pathlib import Path

    bomb = Path(__file__).parents[1] / "data" / "uploads" / "docx-inflates-100mb.docx"
    with pytest.raises(TooLarge):
        files.check("bomb.docx", bomb.read_bytes(), max_bytes=LIMIT)


def test_the_media_type_comes_from_the_content_and_the_name_is_made_safe(
    seeded: Session, manager: User
) -> None:
    kept = _add(seeded, manager, '..\\..\\evil"\r\nname.pdf', PDF)
    assert kept.media_type == "application/pdf"
    assert kept.filename == "evil_name.pdf"
    assert kept.size_bytes == len(PDF)


def test_only_the_programmes_manager_or_the_cpmo_adds_a_document(
    seeded: Session, manager: User
) -> None:
    other, _ = users.create(seeded, username="docs-other", role="programme_manager")
    with pytest.raises(NotPermitted):
        _add(seeded, other, "minutes.txt", TEXT)
    cpmo, _ = users.create(seeded, username="docs-cpmo", role="cpmo")
    assert _add(seeded, cpmo, "minutes.txt", TEXT).uploaded_by == "docs-cpmo"


def test_a_kept_document_cannot_be_changed_or_removed(seeded: Session, manager: User) -> None:
    assert not hasattr(documents, "update") and not hasattr(documents, "delete")
    kept = _add(seeded, manager, "minutes.txt", TEXT)
    seeded.commit()
    for statement in (
        update(Attachment).where(Attachment.id == kept.id).values(content=b"forged"),
        delete(Attachment).where(Attachment.id == kept.id),
    ):
        with pytest.raises(DBAPIError, match="kept unchanged"), seeded.begin_nested():
            seeded.execute(statement)
    seeded.expire_all()
    assert seeded.get(Attachment, kept.id).content == TEXT  # type: ignore[union-attr]


def test_a_discharge_with_evidence_records_its_sha256_in_the_audit_entry(
    seeded: Session, manager: User
) -> None:
    programme = portfolios.get_programme_or_raise(seeded, code=CODE)
    condition = Condition(
        programme_id=programme.id, gate="obc", text="Appoint a DPO", set_by="cpmo", audit_sequence=1
    )
    seeded.add(condition)
    seeded.flush()
    evidence = files.check("minutes.docx", docx_bytes("DPO appointed"), max_bytes=LIMIT)
    delivery.discharge_condition(
        seeded,
        actor=manager,
        code=CODE,
        condition_id=condition.id,  # type: ignore[arg-type]
        note="Appointed 1 May",
        evidence=evidence,
    )
    entry = entries_for(seeded, programme_code=CODE)[-1]
    assert entry.event == "discharge_condition"
    kept = seeded.get(Attachment, entry.details["attachment"])
    assert kept is not None and (kept.supports, kept.supports_id) == ("condition", condition.id)
    assert entry.details["sha256"] == hashlib.sha256(kept.content).hexdigest()
    assert kept.media_type == files.DOCX


def test_a_discharge_without_evidence_keeps_no_document(seeded: Session, manager: User) -> None:
    programme = portfolios.get_programme_or_raise(seeded, code=CODE)
    condition = Condition(
        programme_id=programme.id, gate="obc", text="Appoint a DPO", set_by="cpmo", audit_sequence=1
    )
    seeded.add(condition)
    seeded.flush()
    delivery.discharge_condition(
        seeded,
        actor=manager,
        code=CODE,
        condition_id=condition.id,
        note="Done",  # type: ignore[arg-type]
    )
    assert "sha256" not in entries_for(seeded, programme_code=CODE)[-1].details
    assert _count(seeded) == 0
