"""Conditions on the programme page: the manager discharges with evidence, a CPMO officer
(not whoever discharged it) accepts or returns it; each success one audit entry and a
success banner; each refusal the reason in words, nothing written, never a 500."""

import re
from typing import Any

from sqlmodel import Session, select

from cpmo.portfolios import service as portfolios
from cpmo.users import service as users
from cpmo.workflows import service as workflow
from cpmo.workflows.audit_store import entries_for
from cpmo.workflows.models import Condition
from tests.web.conftest import CONDITION_TEXT, LIMITS, csrf_token, submitted

PROGRAMME = "/programmes/web-prog"
TEXT = CONDITION_TEXT


def _post(client: Any, path: str, data: dict[str, str] | None = None) -> Any:
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, PROGRAMME)})


def _discharge(client: Any, cid: int, note: str = "Appointed on 1 May; minutes attached") -> Any:
    return _post(client, f"{PROGRAMME}/conditions/{cid}/discharge", {"note": note})


def _accept(client: Any, cid: int) -> Any:
    return _post(client, f"{PROGRAMME}/conditions/{cid}/accept")


def _entries(session: Session) -> list[str]:
    session.expire_all()
    return [e.event for e in entries_for(session, programme_code="web-prog")]


def _status(session: Session, cid: int) -> str:
    session.expire_all()
    found = session.get(Condition, cid)
    assert found is not None
    return found.status


def _section(page: str) -> str:
    return page.split('id="conditions"')[1].split('<h2 class="govuk-heading-m">')[0]


def test_the_section_lists_each_condition_with_who_set_it_and_its_status(
    signed_in, condition
) -> None:
    page = signed_in("oversight").get(PROGRAMME).get_data(as_text=True)
    section = _section(page)
    assert TEXT in section
    assert "OBC approval by officer" in section
    assert "Open" in section
    assert "Before the next gate is approved" in section
    assert "Discharge" not in section  # oversight only reads


def test_the_manager_discharges_with_evidence_and_sees_a_success_banner(
    signed_in, condition, seeded
) -> None:
    client = signed_in("programme_manager")
    assert 'name="note"' in _section(client.get(PROGRAMME).get_data(as_text=True))
    before = _entries(seeded)
    response = _discharge(client, condition)
    assert response.status_code == 302
    assert response.location == f"{PROGRAMME}#conditions"
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "govuk-notification-banner--success" in page
    assert "Condition discharged, awaiting acceptance by the CPMO" in page
    section = _section(page)
    assert "Discharged, awaiting acceptance" in section
    assert "Appointed on 1 May; minutes attached" in section
    assert "By programme_manager" in section
    assert _entries(seeded)[len(before) :] == ["discharge_condition"]


def test_a_discharge_without_evidence_is_an_error_on_the_note(signed_in, condition, seeded) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded)
    response = _discharge(client, condition, note="   ")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert (
        f'<a href="#condition-{condition}-note">'
        "Enter the evidence that the condition has been met</a>" in summary
    )
    assert f'id="condition-{condition}-note-error"' in page
    assert _status(seeded, condition) == "open" and _entries(seeded) == before


def test_someone_other_than_the_manager_may_not_discharge(signed_in, condition, seeded) -> None:
    before = _entries(seeded)
    other = signed_in("programme_manager", "another_manager")
    assert 'name="note"' not in _section(other.get(PROGRAMME).get_data(as_text=True))
    response = _discharge(other, condition)
    assert response.status_code == 403
    assert "Only the programme&#39;s manager discharges its conditions." in response.get_data(
        as_text=True
    )
    assert _discharge(signed_in("cpmo", "officer"), condition).status_code == 403
    assert _status(seeded, condition) == "open" and _entries(seeded) == before


def test_a_cpmo_officer_accepts_a_discharge(signed_in, condition, seeded) -> None:
    _discharge(signed_in("programme_manager"), condition)
    client = signed_in("cpmo", "officer")
    assert "Accept discharge" in _section(client.get(PROGRAMME).get_data(as_text=True))
    before = _entries(seeded)
    response = _accept(client, condition)
    assert response.status_code == 302
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Discharge accepted" in page and "govuk-notification-banner--success" in page
    assert "By officer" in _section(page)
    assert _status(seeded, condition) == "accepted"
    assert _entries(seeded)[len(before) :] == ["accept_condition"]


def test_whoever_discharged_may_not_accept_it(signed_in, condition, seeded) -> None:
    _discharge(signed_in("programme_manager"), condition)
    users.change_role(
        seeded, username="programme_manager", new_role="cpmo", actor="admin", actor_role="admin"
    )
    seeded.commit()
    client = signed_in("programme_manager")  # signs in again: now a CPMO officer
    section = _section(client.get(PROGRAMME).get_data(as_text=True))
    assert "You discharged this condition" in section and "Accept discharge" not in section
    before = _entries(seeded)
    response = _accept(client, condition)
    assert response.status_code == 403
    assert "You discharged this condition: someone else must accept the discharge." in (
        response.get_data(as_text=True)
    )
    assert _status(seeded, condition) == "discharged" and _entries(seeded) == before


def test_a_second_accept_is_refused_cleanly(signed_in, condition, seeded) -> None:
    _discharge(signed_in("programme_manager"), condition)
    first = signed_in("cpmo", "officer")
    token = csrf_token(first, PROGRAMME)  # both officers had the page open
    assert _accept(first, condition).status_code == 302
    before = _entries(seeded)
    again = first.post(f"{PROGRAMME}/conditions/{condition}/accept", data={"csrf_token": token})
    assert again.status_code == 409
    page = again.get_data(as_text=True)
    assert "govuk-error-summary" in page
    assert "is accepted, not discharged" in page
    assert _entries(seeded) == before


def test_an_unknown_condition_is_the_page_not_found_page(signed_in, condition) -> None:
    client = signed_in("programme_manager")
    response = _discharge(client, condition + 999)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert _accept(signed_in("cpmo"), condition + 999).status_code == 404


def test_a_returned_discharge_is_open_again_with_the_reason(signed_in, condition, seeded) -> None:
    _discharge(signed_in("programme_manager"), condition)
    client = signed_in("cpmo", "officer")
    path = f"{PROGRAMME}/conditions/{condition}/return"
    missing = _post(client, path, {"reason": ""})
    assert missing.status_code == 422
    assert "Enter why the discharge is being returned" in missing.get_data(as_text=True)
    before = _entries(seeded)
    assert _post(client, path, {"reason": "The minutes are not attached"}).status_code == 302
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Discharge returned: the condition is open again" in page
    assert "The minutes are not attached" in _section(page)
    assert _status(seeded, condition) == "open"
    assert _entries(seeded)[len(before) :] == ["return_condition"]


def test_without_a_csrf_token_nothing_is_written(signed_in, condition, seeded) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded)
    response = client.post(f"{PROGRAMME}/conditions/{condition}/discharge", data={"note": "x"})
    assert response.status_code in (400, 403)
    assert _status(seeded, condition) == "open" and _entries(seeded) == before


def test_each_success_leaves_the_audit_chain_whole(signed_in, condition, seeded) -> None:
    _discharge(signed_in("programme_manager"), condition)
    _accept(signed_in("cpmo", "officer"), condition)
    verified = signed_in("oversight").get("/programmes/web-prog")
    assert verified.status_code == 200
    entries = [e for e in entries_for(seeded, programme_code="web-prog")]
    assert [e.actor for e in entries[-2:]] == ["programme_manager", "officer"]
    assert all(e.details["condition"] == condition for e in entries[-2:])
    assert re.search(r"Accepted", _section(verified.get_data(as_text=True)))


def test_a_condition_due_before_the_fbc_is_shown_with_the_fbc_and_stops_its_submission(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    workflow.fire_event(
        seeded,
        actor=person("cpmo", "officer"),
        code=programme,
        event="approve_obc",
        version=version,
        limits=LIMITS,
        rationale="Strong case.",
        conditions_before_submission=[TEXT],
    )
    seeded.commit()
    client = signed_in("programme_manager")
    assert "Before the FBC is submitted" in _section(client.get(PROGRAMME).get_data(as_text=True))
    form = client.get(f"{PROGRAMME}/business-cases/fbc/edit").get_data(as_text=True)
    assert "1 condition must be discharged before the FBC can be submitted." in form
    assert TEXT in form.split('id="conditions-due"')[1]
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Submit FBC" in page and TEXT in page.split("What you can do")[1].split("Details")[0]


def test_the_approval_page_sets_conditions_due_before_the_next_submission(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("cpmo", "officer")
    path = f"{PROGRAMME}/decide/approve_obc"
    form = client.get(path).get_data(as_text=True)
    assert "Conditions to meet before the FBC is submitted (optional)" in form
    version = re.search(r'name="version" value="(\d+)"', form).group(1)  # type: ignore[union-attr]
    response = client.post(
        path,
        data={
            "version": version,
            "rationale": "Strong case.",
            "conditions_before_submission": f"{TEXT}\n",
            "csrf_token": csrf_token(client, path),
        },
    )
    assert response.status_code == 302
    seeded.expire_all()
    condition = seeded.exec(select(Condition)).one()
    assert (condition.text, condition.before_submitting) == (TEXT, "fbc")
    assert "Before the FBC is submitted" in _section(client.get(PROGRAMME).get_data(as_text=True))
    page = client.get(PROGRAMME).get_data(as_text=True)
    decisions = page.split('id="decisions"')[1].split('id="conditions"')[0]
    assert (
        "Conditions to meet before the next gate is submitted:" in decisions and TEXT in decisions
    )
