"""Documents on the programme page: the manager (or a CPMO officer) adds one, everyone who
sees the programme lists and downloads it; the SHA-256 is shown, served and audited; a bad
file is refused with the GOV.UK error summary and nothing written; never a 500."""

import base64
import dataclasses
import hashlib
import io
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.documents.models import Attachment
from cpmo.workflows.audit_store import entries_for
from tests.support.documents import PDF, TEXT, docx_bytes
from tests.web.conftest import csrf_token

PROGRAMME = "/programmes/web-prog"


def _add(client: Any, name: str, data: bytes, token: str | None = None) -> Any:
    return client.post(
        f"{PROGRAMME}/documents",
        data={
            "csrf_token": token or csrf_token(client, PROGRAMME),
            "document": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def _kept(session: Session) -> list[Attachment]:
    session.expire_all()
    return list(session.exec(select(Attachment).order_by(Attachment.id)))  # type: ignore[arg-type]


def _events(session: Session) -> list[str]:
    session.expire_all()
    return [e.event for e in entries_for(session, programme_code="web-prog")]


def _section(page: str) -> str:
    return page.split('id="documents"')[1].split('<h2 class="govuk-heading-m">')[0]


def test_the_manager_adds_a_document_and_sees_it_listed_with_its_sha256(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    response = _add(client, "board minutes.pdf", PDF)
    assert response.status_code == 302 and response.location.endswith("#documents")
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Document added: board minutes.pdf." in page
    section = _section(page)
    digest = hashlib.sha256(PDF).hexdigest()
    assert "board minutes.pdf" in section and "The programme" in section
    assert "programme_manager" in section and f"{len(PDF)} bytes" in section
    assert f"{digest[:12]}…" in section and digest in section  # shortened, the full value kept
    entry = entries_for(seeded, programme_code="web-prog")[-1]
    assert entry.event == "add_document" and entry.details["sha256"] == digest


def test_the_download_serves_the_bytes_as_a_safe_attachment_with_their_digest(
    signed_in, programme, seeded
) -> None:
    _add(signed_in("programme_manager"), "café;<minutes>.txt", TEXT)
    kept = _kept(seeded)[-1]
    served = signed_in("oversight").get(f"{PROGRAMME}/documents/{kept.id}")
    assert served.status_code == 200 and served.data == TEXT
    assert served.headers["Content-Type"] == "text/plain"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    disposition = served.headers["Content-Disposition"]
    assert disposition == (
        "attachment; filename=\"cafe_minutes_.txt\"; filename*=UTF-8''caf%C3%A9_minutes_.txt"
    )
    assert "\r" not in disposition and "\n" not in disposition
    digest = base64.b64encode(hashlib.sha256(TEXT).digest()).decode()
    assert served.headers["Digest"] == f"sha-256={digest}"


def test_a_page_reader_sees_the_documents_but_no_form_to_add_one(signed_in, programme) -> None:
    _add(signed_in("programme_manager"), "plan.docx", docx_bytes())
    section = _section(signed_in("oversight").get(PROGRAMME).get_data(as_text=True))
    assert "plan.docx" in section
    assert "Add a document" not in section


def test_no_file_chosen_shows_the_error_summary_and_writes_nothing(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    before = _events(seeded)
    response = client.post(
        f"{PROGRAMME}/documents",
        data={"csrf_token": csrf_token(client, PROGRAMME)},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        "There is a problem" in page and '<a href="#document">Select a document to add</a>' in page
    )
    assert _kept(seeded) == [] and _events(seeded) == before


def test_a_file_of_the_wrong_type_is_refused_in_words_and_nothing_is_written(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    response = _add(client, "run-me.exe", b"MZ\x90\x00")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The selected file must be a Word (.docx), Excel (.xlsx), PDF, CSV or text" in page
    renamed = _add(client, "report.pdf", b"<html><script>alert(1)</script>")
    assert renamed.status_code == 422
    assert "The selected file is not a real PDF" in renamed.get_data(as_text=True)
    assert _kept(seeded) == []


def test_a_file_over_the_limit_is_refused_with_the_limit_in_words(
    app, signed_in, programme, seeded
) -> None:
    settings = app.config["CPMO_SETTINGS"]
    app.config["CPMO_SETTINGS"] = dataclasses.replace(settings, max_attachment_bytes=1024)
    client = signed_in("programme_manager")
    response = _add(client, "big.txt", b"x" * 2048)
    assert response.status_code == 413
    assert "The selected file must be smaller than 1 KB" in response.get_data(as_text=True)
    far_too_big = _add(client, "huge.txt", b"x" * 200_000)  # past the body cap: not read
    assert far_too_big.status_code == 413
    assert "The selected file must be smaller than 1 KB" in far_too_big.get_data(as_text=True)
    assert _kept(seeded) == []


def test_the_manager_of_another_programme_may_not_add_a_document(
    signed_in, programme, seeded
) -> None:
    token = csrf_token(signed_in("programme_manager", "another_manager"), PROGRAMME)
    client = signed_in("programme_manager", "another_manager")
    token = csrf_token(client, PROGRAMME)
    assert _add(client, "minutes.txt", TEXT, token).status_code == 403
    assert _kept(seeded) == []


def test_a_cpmo_officer_may_add_a_document_but_a_scorer_may_not(
    signed_in, programme, seeded
) -> None:
    assert _add(signed_in("cpmo", "officer"), "note.csv", b"a,b\n1,2\n").status_code == 302
    assert _kept(seeded)[-1].media_type == "text/csv"
    scorer = signed_in("scorer")
    assert scorer.post(f"{PROGRAMME}/documents").status_code in (400, 403)
    assert len(_kept(seeded)) == 1


def test_a_form_without_its_csrf_token_is_refused(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    response = client.post(
        f"{PROGRAMME}/documents",
        data={"document": (io.BytesIO(TEXT), "minutes.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert _kept(seeded) == []


def test_an_unknown_document_or_one_of_another_programme_is_not_found(
    signed_in, programme, seeded, person
) -> None:
    client = signed_in("programme_manager")
    _add(client, "minutes.txt", TEXT)
    kept = _kept(seeded)[-1]
    assert client.get(f"{PROGRAMME}/documents/999999").status_code == 404
    assert client.get(f"/programmes/ttp-cyber/documents/{kept.id}").status_code == 404


def test_a_discharge_with_an_evidence_file_keeps_it_against_the_condition(
    signed_in,
    condition,
    seeded,
) -> None:
    client = signed_in("programme_manager")
    data = docx_bytes("DPO appointed 1 May")
    response = client.post(
        f"{PROGRAMME}/conditions/{condition}/discharge",
        data={
            "csrf_token": csrf_token(client, PROGRAMME),
            "note": "Appointed on 1 May",
            "evidence": (io.BytesIO(data), "appointment.docx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    kept = _kept(seeded)[-1]
    assert (kept.supports, kept.supports_id, kept.content) == ("condition", condition, data)
    entry = entries_for(seeded, programme_code="web-prog")[-1]
    assert entry.event == "discharge_condition"
    assert entry.details["sha256"] == hashlib.sha256(data).hexdigest()
    section = _section(client.get(PROGRAMME).get_data(as_text=True))
    assert "Discharge of the condition “Appoint a data protection officer”" in section


def test_a_discharge_with_a_bad_evidence_file_is_refused_and_the_condition_stays_open(
    signed_in,
    condition,
    seeded,
) -> None:
    client = signed_in("programme_manager")
    response = client.post(
        f"{PROGRAMME}/conditions/{condition}/discharge",
        data={
            "csrf_token": csrf_token(client, PROGRAMME),
            "note": "Appointed on 1 May",
            "evidence": (io.BytesIO(b"not a pdf"), "minutes.pdf"),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'href="#condition-{condition}-evidence"' in page
    assert "Appointed on 1 May" in page  # the note is kept in the form
    seeded.expire_all()
    assert seeded.exec(select(func.count()).select_from(Attachment)).one() == 0
    assert _events(seeded)[-1] == "approve_obc"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_there_is_no_page_that_changes_or_removes_a_document(
    signed_in, programme, seeded, method: str
) -> None:
    client = signed_in("cpmo", "officer")
    _add(client, "minutes.txt", TEXT)
    kept = _kept(seeded)[-1]
    response = getattr(client, method)(f"{PROGRAMME}/documents/{kept.id}")
    assert response.status_code in (400, 405)
    assert _kept(seeded)[-1].content == TEXT
