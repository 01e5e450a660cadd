"""The FBC starts from the approved OBC (every field copied, audited), and a page shows,
side by side, only what the FBC changed; refusals say why and write nothing."""

from typing import Any

import pytest
from sqlmodel import Session

from cpmo.business_cases import service as cases
from cpmo.portfolios import service as portfolios
from cpmo.workflows import service as workflow
from cpmo.workflows.audit_store import entries_for
from tests.web.conftest import LIMITS, csrf_token, submitted

EDIT = "/programmes/web-prog/business-cases/fbc/edit"
START = "/programmes/web-prog/business-cases/fbc/from-obc"
CHANGES = "/programmes/web-prog/business-cases/fbc/1/changes"
BUTTON = "Start the FBC from the approved OBC"


def _approve(session: Session, person: Any, code: str) -> None:
    version = portfolios.get_programme_or_raise(session, code=code).version
    workflow.fire_event(
        session,
        actor=person("cpmo", "officer"),
        code=code,
        event="approve_obc",
        version=version,
        limits=LIMITS,
        rationale="Strong case.",
    )
    session.commit()


@pytest.fixture
def approved(seeded: Session, person: Any, programme: str) -> str:
    """web-prog at FBC development, its OBC version 1 approved."""
    submitted(seeded, person("programme_manager"), programme)
    _approve(seeded, person, programme)
    return programme


def _start(client: Any) -> Any:
    return client.post(START, data={"csrf_token": csrf_token(client, EDIT)})


def _fbcs(session: Session) -> list[tuple[int, str]]:
    session.expire_all()
    return [
        (c.number, c.status)
        for c in cases.list_versions(session, code="web-prog")
        if c.kind == "fbc"
    ]


def _edit_fbc(session: Session, person: Any, change: Any) -> None:
    fbc = cases.get_version(session, code="web-prog", kind="fbc", number=1)
    content = {k: dict(v) for k, v in fbc.content.items()}
    change(content)
    cases.update_draft(
        session,
        actor=person("programme_manager"),
        code="web-prog",
        kind="fbc",
        number=1,
        revision=fbc.revision,
        content=content,
    )
    session.commit()


def test_the_manager_is_offered_to_start_the_fbc_from_the_approved_obc(signed_in, approved) -> None:
    page = signed_in("programme_manager").get(EDIT).get_data(as_text=True)
    assert BUTTON in page and "The OBC was approved (version 1)" in page


def test_nothing_is_offered_while_the_obc_is_not_approved(signed_in, programme, seeded, person):  # type: ignore[no-untyped-def]
    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("programme_manager")
    assert BUTTON not in client.get(EDIT).get_data(as_text=True)
    response = _start(client)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page and "This programme has no approved OBC" in page
    assert _fbcs(seeded) == []


def test_starting_copies_every_field_of_the_approved_obc_and_is_audited(
    signed_in, approved, seeded
) -> None:
    client = signed_in("programme_manager")
    response = _start(client)
    assert response.status_code == 302 and response.location.endswith(EDIT)
    page = client.get(EDIT).get_data(as_text=True)
    assert "FBC version 1 started from the approved OBC (version 1)" in page
    assert "You are editing draft version 1" in page and BUTTON not in page
    assert "Legacy finance systems are unsupported and costly." in page
    obc = cases.get_version(seeded, code=approved, kind="obc", number=1)
    fbc = cases.get_version(seeded, code=approved, kind="fbc", number=1)
    assert fbc.content == obc.content and fbc.status == "draft"
    entry = entries_for(seeded, programme_code=approved)[-1]
    assert (entry.event, entry.actor, entry.business_case_version) == (
        "start_fbc_from_obc",
        "programme_manager",
        1,
    )
    assert entry.details["obc_version"] == 1


def test_a_second_start_while_an_fbc_draft_exists_is_refused(signed_in, approved, seeded) -> None:
    client = signed_in("programme_manager")
    assert _start(client).status_code == 302
    response = _start(client)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "FBC version 1 is already a draft: edit it instead" in page
    assert _fbcs(seeded) == [(1, "draft")]


def test_without_a_csrf_token_nothing_is_started(signed_in, approved, seeded) -> None:
    response = signed_in("programme_manager").post(START, data={})
    assert response.status_code in (400, 403)
    assert _fbcs(seeded) == []


def test_only_people_who_write_the_case_may_start_it(signed_in, approved, seeded) -> None:
    client = signed_in("oversight")
    assert client.post(START, data={"csrf_token": csrf_token(client, "/")}).status_code == 403
    client = signed_in("programme_manager", "someone-else")
    response = client.post(START, data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 403
    assert _fbcs(seeded) == []


def test_an_fbc_just_started_has_no_changes(signed_in, approved) -> None:
    client = signed_in("programme_manager")
    _start(client)
    page = client.get(CHANGES).get_data(as_text=True)
    assert "No changes" in page and "<table" not in page


def test_the_changes_page_shows_only_what_changed_side_by_side(
    signed_in, approved, seeded, person
) -> None:
    client = signed_in("programme_manager")
    _start(client)

    def change(content: dict[str, Any]) -> None:
        content["financial"]["whole_life_cost"] = 2_400_000
        content["financial"]["profile"] = {"2021": 1_000_000, "2022": 1_400_000}
        content["management"]["milestones"] = [
            {"name": "Go live", "due": "2022-06-30"},
            {"name": "Legacy switched off", "due": "2022-09-30"},
        ]

    _edit_fbc(seeded, person, change)
    page = signed_in("cpmo", "officer").get(CHANGES).get_data(as_text=True)
    assert "Approved OBC (version 1)" in page and "This FBC" in page
    table = page.split("<table", 1)[1]
    for text in (
        "Whole-life cost",
        "£2,000,000",
        "£2,400,000",
        "Spend in 2022",
        "£1,400,000",
        "Milestone “Go live”: due date",
        "31 March 2022",
        "30 June 2022",
    ):
        assert text in table, text
    assert "Legacy switched off" not in page, "unchanged milestones are not shown"
    assert "Case for change" not in page and "No changes" not in page
    assert 'role="region"' in page and 'tabindex="0"' in page


def test_the_fbc_page_and_the_review_page_link_to_the_changes(
    signed_in, approved, seeded, person
) -> None:
    manager = signed_in("programme_manager")
    _start(manager)
    fbc_page = manager.get("/programmes/web-prog/business-cases/fbc/1").get_data(as_text=True)
    assert f'href="{CHANGES}"' in fbc_page
    assert f'href="{CHANGES}"' in manager.get(EDIT).get_data(as_text=True)
    version = portfolios.get_programme_or_raise(seeded, code=approved).version
    workflow.fire_event(
        seeded,
        actor=person("programme_manager"),
        code=approved,
        event="submit_fbc",
        version=version,
        limits=LIMITS,
    )
    seeded.commit()
    review = signed_in("cpmo", "officer").get("/programmes/web-prog/decide/approve_fbc")
    assert review.status_code == 200
    assert f'href="{CHANGES}"' in review.get_data(as_text=True)


def test_the_changes_of_an_unknown_fbc_or_without_an_approved_obc_are_refused_in_words(
    signed_in, programme, approved
) -> None:
    client = signed_in("cpmo", "officer")
    missing = client.get("/programmes/web-prog/business-cases/fbc/7/changes")
    assert missing.status_code == 404
    assert client.get("/programmes/web-prog/business-cases/obc/1/changes").status_code == 404


def test_the_changes_without_an_approved_obc_are_refused_in_words(
    signed_in, programme, seeded, person
) -> None:
    body = {"strategic": {"case_for_change": "Written early."}}
    cases.create_version(
        seeded, actor=person("programme_manager"), code=programme, kind="fbc", content=body
    )
    seeded.commit()
    response = signed_in("cpmo", "officer").get(CHANGES)
    assert response.status_code == 422
    assert "This programme has no approved OBC" in response.get_data(as_text=True)
