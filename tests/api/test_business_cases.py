import io

import pytest
from docx import Document

from tests.support.cases import complete_case


@pytest.fixture
def programme(client, seeded, auth):  # type: ignore[no-untyped-def]
    body = {"code": "bc-prog", "name": "BC", "portfolio": "goj-change"}
    assert (
        client.post("/api/v1/programmes", json=body, headers=auth("programme_manager")).status_code
        == 201
    )
    return "bc-prog"


def _docx() -> bytes:
    document = Document()
    document.add_heading("Strategic Case", level=1)
    document.add_paragraph("Case for change: paper forms cost islanders time.")
    document.add_heading("Financial Case", level=1)
    document.add_paragraph("Whole-life cost: £4.5m")
    document.add_paragraph("Funding source: Government Plan")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_versions_are_numbered_listed_and_retrievable(client, programme, auth) -> None:
    headers = auth("programme_manager")
    for expected in (1, 2):
        created = client.post(
            f"/api/v1/programmes/{programme}/business-cases",
            json=complete_case("obc"),
            headers=headers,
        )
        assert created.json["version"] == expected and created.json["status"] == "draft"
    client.post(
        f"/api/v1/programmes/{programme}/business-cases", json={"kind": "fbc"}, headers=headers
    )
    listing = client.get(
        f"/api/v1/programmes/{programme}/business-cases", headers=auth("oversight")
    ).json
    assert [(c["kind"], c["version"]) for c in listing] == [("fbc", 1), ("obc", 2), ("obc", 1)]
    one = client.get(
        f"/api/v1/programmes/{programme}/business-cases/obc/1", headers=auth("scorer")
    ).json
    assert one["financial"]["whole_life_cost"] == 2_000_000
    assert one["management"]["milestones"][0] == {"name": "Go live", "due": "2022-03-31"}
    assert (
        client.get(
            f"/api/v1/programmes/{programme}/business-cases/obc/9", headers=headers
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/programmes/{programme}/business-cases/xyz/1", headers=headers
        ).status_code
        == 404
    )


def test_drafts_are_validated_field_by_field(client, programme, auth) -> None:
    body = {
        "kind": "obc",
        "management": {"risks": [{"title": "R", "likelihood": 9, "impact": 2, "owner": "Head"}]},
        "financial": {"profile": {"next year": 5}},
    }
    response = client.post(
        f"/api/v1/programmes/{programme}/business-cases",
        json=body,
        headers=auth("programme_manager"),
    )
    assert response.status_code == 422
    assert set(response.json["errors"]) == {
        "management.risks.0.likelihood",
        "financial.profile.next year.key",
    }


def test_a_docx_upload_becomes_a_draft_and_lists_what_was_not_found(
    client, programme, auth
) -> None:
    response = client.post(
        f"/api/v1/programmes/{programme}/business-cases/upload",
        data={"kind": "obc", "file": (io.BytesIO(_docx()), "case.docx")},
        headers=auth("programme_manager"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    case = response.json["business_case"]
    assert case["strategic"]["case_for_change"] == "paper forms cost islanders time."
    assert case["financial"]["whole_life_cost"] == 4_500_000
    not_found = " ".join(response.json["not_found"])
    for section in ("economic", "commercial", "management"):
        assert section in not_found


def test_a_file_that_is_not_a_docx_is_a_422(client, programme, auth) -> None:
    response = client.post(
        f"/api/v1/programmes/{programme}/business-cases/upload",
        data={"kind": "obc", "file": (io.BytesIO(b"%PDF-1.4 nonsense"), "case.docx")},
        headers=auth("programme_manager"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    missing = client.post(
        f"/api/v1/programmes/{programme}/business-cases/upload",
        data={"kind": "obc"},
        headers=auth("programme_manager"),
        content_type="multipart/form-data",
    )
    assert missing.status_code == 422 and "file" in missing.json["errors"]


def test_only_the_manager_or_cpmo_writes_business_cases(client, programme, auth) -> None:
    url = f"/api/v1/programmes/{programme}/business-cases"
    assert client.post(url, json={"kind": "obc"}, headers=auth("cpmo")).status_code == 201
    assert client.post(url, json={"kind": "obc"}, headers=auth("oversight")).status_code == 403
