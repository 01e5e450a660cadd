"""Every crafted upload (tests/data/uploads/, built by scripts/make_upload_corpus.py) is
refused through the real endpoint with 413 or 422 problem+json, and nothing is written."""

import io

import pytest
from docx import Document
from sqlalchemy import func
from sqlmodel import select

from cpmo.business_cases.models import BusinessCase
from cpmo.imports.gmpp.models import GmppImport
from cpmo.plans.models import BusinessPlan
from cpmo.workshops.models import WorkshopCandidate, WorkshopScore
from tests.support import upload_corpus
from tests.support.workshops import BASE, build_workshop


def _id(value: object) -> str:
    """A file's name; its bytes are left out of the id (zip headers carry the time they were
    built, which would differ between pytest-xdist workers collecting the same test)."""
    return "bytes" if isinstance(value, bytes) else str(value)[:40]


def _post(client, url, content, name, headers, **form):  # type: ignore[no-untyped-def]
    """A multipart POST whose body is built here (bytes, so the test client keeps no file)."""
    boundary = "cpmo-upload-bomb"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in form.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        url,
        data=b"".join(parts),
        headers=headers,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def _count(session, model) -> int:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _refused(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code in (413, 422), (response.status_code, response.get_data()[:300])
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == response.status_code and response.json["detail"]


def test_the_corpus_files_are_kept_and_small() -> None:
    for name in upload_corpus.CORPUS:
        kept = upload_corpus.CORPUS_DIR / name
        assert kept.is_file(), f"{name}: run scripts/make_upload_corpus.py"
        assert kept.stat().st_size < upload_corpus.MAX_FILE_BYTES


@pytest.fixture
def programme(client, seeded, auth):  # type: ignore[no-untyped-def]
    body = {"code": "bomb-prog", "name": "Bombs", "portfolio": "goj-change"}
    response = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert response.status_code == 201
    return "bomb-prog"


@pytest.mark.parametrize(("name", "content"), upload_corpus.files("docx"), ids=_id)
def test_a_crafted_docx_is_refused_and_writes_nothing(
    client, session, programme, auth, name, content
) -> None:
    url = f"/api/v1/programmes/{programme}/business-cases/upload"
    response = _post(client, url, content, name, auth("programme_manager"), kind="obc")
    _refused(response)
    assert _count(session, BusinessCase) == 0


def test_a_docx_that_opens_too_large_says_so_in_plain_words(client, programme, auth) -> None:
    content = (upload_corpus.CORPUS_DIR / "docx-inflates-100mb.docx").read_bytes()
    url = f"/api/v1/programmes/{programme}/business-cases/upload"
    response = _post(client, url, content, "case.docx", auth("programme_manager"), kind="obc")
    assert response.status_code == 413
    assert "expands to more than 32 MB when opened" in response.json["detail"]


def test_the_ownership_check_comes_before_the_file_is_read(
    client, session, programme, auth, monkeypatch
) -> None:
    """Another manager's upload is refused (403) without the document being opened."""
    from cpmo import uploads
    from cpmo.users import service as users

    _, token = users.create(session, username="other-pm", role="programme_manager")
    session.commit()
    opened = []
    monkeypatch.setattr(uploads, "open_office_zip", lambda *a, **k: opened.append(1))
    buffer = io.BytesIO()
    Document().save(buffer)
    url = f"/api/v1/programmes/{programme}/business-cases/upload"
    response = _post(
        client, url, buffer.getvalue(), "c.docx", {"Authorization": f"Bearer {token}"}, kind="obc"
    )
    assert response.status_code == 403 and opened == []
    missing = _post(
        client,
        "/api/v1/programmes/nope/business-cases/upload",
        b"x",
        "c.docx",
        auth("programme_manager"),
        kind="obc",
    )
    assert missing.status_code == 404 and opened == []


SPREADSHEETS = upload_corpus.files("xlsx") + upload_corpus.files("csv")


@pytest.mark.parametrize(("name", "content"), SPREADSHEETS, ids=_id)
def test_a_crafted_spreadsheet_is_refused_by_the_workshop_imports(
    client, session, tokens, auth, name, content
) -> None:
    build_workshop(session, code="bombs", status="draft")
    build_workshop(
        session, code="bombs-scoring", status="scoring", scorers=[{"username": "scorer"}]
    )
    before = _count(session, WorkshopCandidate), _count(session, WorkshopScore)
    candidates = f"{BASE}/bombs/import/candidates"
    _refused(_post(client, candidates, content, name, auth("facilitator")))
    # scores are imported by the scorer themself (nobody imports anybody else's)
    scores = f"{BASE}/bombs-scoring/import/scores"
    _refused(_post(client, scores, content, name, auth("scorer")))
    assert (_count(session, WorkshopCandidate), _count(session, WorkshopScore)) == before


@pytest.mark.parametrize(("name", "content"), upload_corpus.files("xlsx"), ids=_id)
def test_a_crafted_workbook_is_refused_by_the_plan_import(
    client, session, tokens, auth, name, content
) -> None:
    before = _count(session, BusinessPlan)
    response = _post(client, "/api/v1/plans/import", content, "plan.xlsx", auth("cpmo"))
    _refused(response)
    assert _count(session, BusinessPlan) == before


@pytest.mark.parametrize(("name", "content"), upload_corpus.files("csv"), ids=_id)
def test_a_crafted_csv_is_refused_by_the_gmpp_import(
    client, session, tokens, auth, name, content
) -> None:
    response = _post(client, "/api/v1/imports/gmpp", content, "gmpp_2021_22.csv", auth("cpmo"))
    _refused(response)
    assert _count(session, GmppImport) == 0


@pytest.mark.parametrize(
    ("url", "form", "detail", "expected"),
    [
        (
            "/api/v1/programmes/bomb-prog/business-cases/upload",
            {"kind": "obc"},
            "Attach the .docx as the multipart field 'file'.",
            "a .docx file is required",
        ),
        (
            "/api/v1/plans/import",
            {},
            "Attach the plan as the multipart field 'file'.",
            "a .yaml, .json or .xlsx file is required",
        ),
        (
            "/api/v1/imports/gmpp",
            {},
            "Attach the CSV as the multipart field 'file'.",
            "a GMPP CSV file is required",
        ),
    ],
    ids=["business-case", "plan", "gmpp"],
)
def test_an_upload_without_its_file_is_a_422_naming_the_field(
    client, programme, auth, url, form, detail, expected
) -> None:
    response = client.post(url, data=form, headers=auth("cpmo"), content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json == {
        "type": "about:blank",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": detail,
        "errors": {"file": [expected]},
    }
