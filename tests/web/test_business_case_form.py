"""The business case form: five cases in one form, drafts, validation errors in a summary
linked to the fields, submission through the lifecycle, .docx prefill."""

import io
import re

from docx import Document

from cpmo.business_cases import service as cases
from cpmo.portfolios import service as portfolios
from cpmo.web.case_form import from_content
from tests.support.cases import complete_case
from tests.web.conftest import csrf_token

FORM = "/programmes/web-prog/business-cases/obc/edit"


def _complete_form() -> dict[str, str]:
    body = complete_case("obc")
    body.pop("kind")
    return from_content(body).values


REVISION = re.compile(r'name="revision" value="(\d+)"')


def _opened(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The hidden fields of the form as a browser opening it now would send them back."""
    page = client.get(FORM).get_data(as_text=True)
    found = REVISION.search(page)
    return {"csrf_token": csrf_token(client, FORM), **({"revision": found[1]} if found else {})}


def _post(client, data: dict[str, str], action: str = "save", opened=None):  # type: ignore[no-untyped-def]
    return client.post(FORM, data={**data, "action": action, **(opened or _opened(client))})


def test_an_ill_typed_case_is_refused_with_an_error_summary_linked_to_the_fields(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    response = _post(
        client,
        {
            "financial-whole_life_cost": "lots",
            "management-risks-0-title": "Data migration",
            "management-risks-0-likelihood": "9",
            "economic-options-0-npv": "12",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    for field in (
        "financial-whole_life_cost",
        "management-risks-0-likelihood",
        "management-risks-0-owner",
        "economic-options-0-name",
    ):
        assert f'href="#{field}"' in summary, field
        assert f'id="{field}-error"' in page, field
    assert "Enter the whole-life cost as a whole number" in summary
    assert summary.index("economic-options-0-name") < summary.index("financial-whole_life_cost")
    assert 'value="lots"' in page, "what was typed is shown again"
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page
    assert cases.list_versions(seeded, code=programme) == []


def test_a_draft_is_saved_and_shown_again(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    response = _post(client, {"strategic-case_for_change": "Paper forms cost islanders time."})
    assert response.status_code == 302
    page = client.get(FORM).get_data(as_text=True)
    assert "Draft saved (OBC version 1)" in page
    assert "You are editing draft version 1" in page
    assert "Paper forms cost islanders time." in page
    assert "The economic case is missing" in page
    _post(client, {"strategic-case_for_change": "Second thoughts."})
    versions = cases.list_versions(seeded, code=programme)
    assert [(v.number, v.status) for v in versions] == [(1, "draft")]
    assert versions[0].content["strategic"]["case_for_change"] == "Second thoughts."


def test_a_save_from_a_form_opened_before_someone_elses_save_is_refused(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    _post(client, {"strategic-case_for_change": "First."})
    opened = _opened(client)  # the manager opens the form at revision 1 …
    _post(client, {"strategic-case_for_change": "Saved from another tab."})  # … it moves on
    stale = _post(client, {"strategic-case_for_change": "Overwrites?"}, opened=opened)
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "since you opened it. Reload the page" in page
    assert 'value="Overwrites?"' in page or "Overwrites?" in page, "what was typed is kept"
    versions = cases.list_versions(seeded, code=programme)
    assert versions[0].content["strategic"]["case_for_change"] == "Saved from another tab."


def test_submitting_an_incomplete_case_keeps_the_draft_and_lists_what_is_missing(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    response = _post(
        client,
        {"strategic-case_for_change": "Why.", "economic-options-0-name": "Do minimum"},
        action="submit",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Your draft was saved as OBC version 1" in page
    assert "The OBC is not complete: at least 3 options are needed" in page
    assert 'href="#economic-options-0-name"' in page
    assert "The OBC is not complete: the commercial case is missing" in page
    assert 'href="#commercial"' in page
    assert 'href="#strategic-objectives"' in page
    assert portfolios.get_programme_or_raise(seeded, code=programme).stage == "proposed"
    assert len(cases.list_versions(seeded, code=programme)) == 1


def test_a_complete_case_is_submitted_for_review(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    response = _post(client, _complete_form(), action="submit")
    assert response.status_code == 302 and response.location == "/programmes/web-prog"
    page = client.get("/programmes/web-prog").get_data(as_text=True)
    assert "OBC version 1 submitted for review." in page
    assert "OBC review" in page
    version = cases.list_versions(seeded, code=programme)[0]
    assert version.status == "submitted"
    assert version.content["financial"]["profile"] == {"2021": 1_000_000, "2022": 1_000_000}
    again = client.get(FORM).get_data(as_text=True)
    assert "Version 1 was submitted and cannot change. Saving creates version 2" in again


def test_a_submitted_case_reads_as_its_five_cases(signed_in, programme) -> None:
    client = signed_in("programme_manager")
    assert _post(client, _complete_form(), action="submit").status_code == 302
    page = client.get("/programmes/web-prog/business-cases/obc/1").get_data(as_text=True)
    assert "1. Strategic case" in page and "2. Economic case" in page
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Options appraised' in page
    assert 'govuk-table__header--numeric">Net present value</th>' in page


def _docx() -> bytes:
    document = Document()
    document.add_heading("Strategic Case", level=1)
    document.add_paragraph("Case for change: paper forms cost islanders time.")
    document.add_heading("Financial Case", level=1)
    document.add_paragraph("Whole-life cost: £4.5m")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_read_into_the_form_is_kept_with_its_hash_in_the_audit_trail(
    signed_in, programme, seeded
) -> None:
    import hashlib

    from cpmo.documents import service as documents
    from cpmo.workflows import audit_store

    client = signed_in("programme_manager")
    raw = _docx()
    response = client.post(
        "/programmes/web-prog/business-cases/obc/upload",
        data={"document": (io.BytesIO(raw), "case.docx"), "csrf_token": csrf_token(client, FORM)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    seeded.expire_all()
    [kept] = documents.list_attachments(seeded, code=programme)
    assert (kept.filename, kept.sha256) == ("case.docx", hashlib.sha256(raw).hexdigest())
    [entry] = [
        e
        for e in audit_store.entries_for(seeded, programme_code=programme)
        if e.event == "upload_business_case"
    ]
    assert entry.details["sha256"] == kept.sha256 and entry.actor == "programme_manager"
    download = client.get(f"/programmes/{programme}/documents/{kept.id}")
    assert download.status_code == 200 and download.data == raw


def test_an_unreadable_upload_keeps_nothing(signed_in, programme, seeded) -> None:
    from cpmo.documents import service as documents

    client = signed_in("programme_manager")
    response = client.post(
        "/programmes/web-prog/business-cases/obc/upload",
        data={
            "document": (io.BytesIO(b"PK not a zip"), "case.docx"),
            "csrf_token": csrf_token(client, FORM),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    seeded.expire_all()
    assert documents.list_attachments(seeded, code=programme) == []


def test_a_docx_fills_in_the_form_without_saving_anything(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    response = client.post(
        "/programmes/web-prog/business-cases/obc/upload",
        data={
            "document": (io.BytesIO(_docx()), "case.docx"),
            "csrf_token": csrf_token(client, FORM),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "We filled in the form from case.docx" in page
    assert "paper forms cost islanders time." in page
    assert 'value="4500000"' in page
    assert "economic case: section not found" in page
    assert cases.list_versions(seeded, code=programme) == []


def test_a_file_that_is_not_a_docx_is_an_error_on_the_upload_field(signed_in, programme) -> None:
    client = signed_in("programme_manager")
    response = client.post(
        "/programmes/web-prog/business-cases/obc/upload",
        data={
            "document": (io.BytesIO(b"%PDF-1.4"), "case.docx"),
            "csrf_token": csrf_token(client, FORM),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'href="#document"' in page and 'id="document-error"' in page
