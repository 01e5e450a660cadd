"""Documents through the API: an uploaded .docx business case is kept with its version and
its SHA-256 audited; the list gives each document's SHA-256; the content is the bytes kept;
nothing changes or removes a document."""

import base64
import hashlib
import io
from typing import Any

import pytest
from sqlmodel import Session

from cpmo.business_cases.service import get_version
from cpmo.workflows.audit_store import entries_for
from tests.support.documents import docx_bytes

CODE = "doc-api"
BASE = f"/api/v1/programmes/{CODE}/documents"


@pytest.fixture
def uploaded(client: Any, seeded: Session, auth: Any) -> dict[str, Any]:
    """A programme whose OBC version 1 was uploaded as a .docx: the response and the bytes."""
    body = {"code": CODE, "name": "Documents", "portfolio": "goj-change"}
    manager = auth("programme_manager")
    assert client.post("/api/v1/programmes", json=body, headers=manager).status_code == 201
    data = docx_bytes()
    response = client.post(
        f"/api/v1/programmes/{CODE}/business-cases/upload",
        data={"kind": "obc", "file": (io.BytesIO(data), "../our case.docx")},
        headers=manager,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    return {"response": response.json, "data": data}


def test_an_uploaded_business_case_is_kept_with_its_version_and_listed_with_its_sha256(
    client, auth, uploaded, seeded
) -> None:
    case = get_version(seeded, code=CODE, kind="obc", number=1)
    listed = client.get(BASE, headers=auth("oversight"))
    assert listed.status_code == 200
    [document] = listed.json
    assert document["supports"] == "business_case"
    assert document["supports_id"] == case.id
    assert document["filename"] == "our case.docx"
    assert document["media_type"].endswith("wordprocessingml.document")
    assert document["size_bytes"] == len(uploaded["data"])
    assert document["sha256"] == hashlib.sha256(uploaded["data"]).hexdigest()


def test_the_upload_audit_entry_records_the_sha256_of_the_kept_file(
    client, auth, uploaded, seeded
) -> None:
    seeded.expire_all()
    entry = entries_for(seeded, programme_code=CODE)[-1]
    assert entry.event == "upload_business_case" and entry.business_case_version == 1
    assert entry.details["sha256"] == hashlib.sha256(uploaded["data"]).hexdigest()
    assert entry.details["kind"] == "obc"


def test_the_content_is_the_bytes_kept_with_their_digest(client, auth, uploaded) -> None:
    [document] = client.get(BASE, headers=auth("scorer")).json
    served = client.get(f"{BASE}/{document['id']}/content", headers=auth("scorer"))
    assert served.status_code == 200 and served.data == uploaded["data"]
    assert served.headers["Content-Type"] == document["media_type"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"].startswith('attachment; filename="our case.docx"')
    expected = base64.b64encode(hashlib.sha256(served.data).digest()).decode()
    assert served.headers["Digest"] == f"sha-256={expected}"
    assert served.headers["ETag"] == f'"{document["sha256"]}"'


def test_an_unknown_document_or_programme_is_a_404_problem(client, auth, uploaded) -> None:
    assert client.get(f"{BASE}/999999/content", headers=auth("cpmo")).status_code == 404
    missing = client.get("/api/v1/programmes/no-such/documents", headers=auth("cpmo"))
    assert missing.status_code == 404
    assert missing.content_type == "application/problem+json"


def test_documents_need_a_token(client, uploaded) -> None:
    assert client.get(BASE).status_code == 401


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_no_endpoint_changes_or_removes_a_document(client, auth, uploaded, method: str) -> None:
    [document] = client.get(BASE, headers=auth("cpmo")).json
    for path in (f"{BASE}/{document['id']}", f"{BASE}/{document['id']}/content"):
        response = getattr(client, method)(path, json={}, headers=auth("cpmo"))
        assert response.status_code in (404, 405), (method, path)
    served = client.get(f"{BASE}/{document['id']}/content", headers=auth("cpmo"))
    assert served.data == uploaded["data"]
