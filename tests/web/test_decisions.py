"""Deciding from the pages: a confirmation form with rationale and conditions; refusals in
an error summary; only the events the role may fire are offered."""

import re

from cpmo.portfolios import service as portfolios
from cpmo.workflows import service as workflow
from tests.web.conftest import LIMITS, csrf_token, submitted

PROGRAMME = "/programmes/web-prog"
APPROVE = "/programmes/web-prog/decide/approve_obc"


def _decide(client, path: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf_token(client, path)
    page = client.get(path).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    return client.post(path, data={"version": version, **data, "csrf_token": token})


def _buttons(page: str) -> list[str]:
    return re.findall(r'href="/programmes/[^/"]+/decide/([a-z_]+)"', page)


def test_an_approval_with_conditions_is_recorded_with_who_when_and_why(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("cpmo", "officer")
    response = _decide(
        client,
        APPROVE,
        {
            "rationale": "Strong case; affordable within the plan.",
            "conditions": "Appoint a data protection officer\n\nAgree the benefits baseline\n",
        },
    )
    assert response.status_code == 302 and response.location == PROGRAMME
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert "Approve OBC: decision recorded." in page
    decisions = page.split('id="decisions"')[1]
    assert "by officer (CPMO officer)" in decisions
    assert "Strong case; affordable within the plan." in decisions
    assert "Appoint a data protection officer" in decisions
    assert "Agree the benefits baseline" in decisions
    assert "FBC development" in page
    assert portfolios.get_programme_or_raise(seeded, code=programme).stage == "fbc_development"


def test_a_decision_without_a_rationale_is_an_error_on_the_rationale_field(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    response = _decide(signed_in("cpmo"), APPROVE, {"rationale": "  "})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert '<a href="#rationale">Enter the rationale for this decision</a>' in page
    assert portfolios.get_programme_or_raise(seeded, code=programme).stage == "obc_review"


def test_approving_your_own_submission_is_refused_with_the_reason(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("cpmo", "officer"), programme)
    client = signed_in("cpmo", "officer")
    assert "approve_obc" not in _buttons(client.get(PROGRAMME).get_data(as_text=True))
    response = _decide(client, APPROVE, {"rationale": "Fine by me."})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page
    assert "nobody may approve a submission they made themselves" in page
    assert "The decision was not recorded" in page


def test_unmet_gate_criteria_are_listed_in_the_error_summary(signed_in, programme) -> None:
    client = signed_in("programme_manager")
    response = _decide(client, "/programmes/web-prog/decide/submit_obc", {})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert "no OBC draft to submit" in summary


def test_a_decision_on_an_out_of_date_page_is_refused(signed_in, programme, seeded, person) -> None:
    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("cpmo")
    token = csrf_token(client, APPROVE)
    response = client.post(
        APPROVE, data={"version": "1", "rationale": "Good.", "csrf_token": token}
    )
    assert response.status_code == 409
    assert "Someone changed this programme since you opened the page" in response.get_data(
        as_text=True
    )


def test_each_role_is_offered_only_the_events_it_may_fire(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    officer = _buttons(signed_in("cpmo").get(PROGRAMME).get_data(as_text=True))
    assert "return_obc" in officer and "stop" in officer and "approve_obc" not in officer
    assert _buttons(signed_in("oversight").get(PROGRAMME).get_data(as_text=True)) == ["endorse_obc"]
    assert _buttons(signed_in("programme_manager").get(PROGRAMME).get_data(as_text=True)) == []
    assert _buttons(signed_in("scorer").get(PROGRAMME).get_data(as_text=True)) == []
    assert signed_in("scorer").get(APPROVE).status_code == 403
    assert signed_in("oversight").get(APPROVE).status_code == 403


def test_oversight_sees_no_action_button_where_there_is_nothing_to_endorse(
    signed_in, seeded
) -> None:
    page = signed_in("oversight").get("/programmes/ttp-crm").get_data(as_text=True)
    assert _buttons(page) == []
    assert "What you can do" not in page


def test_an_endorsement_then_an_approval_above_the_limit(signed_in, programme, seeded, person):  # type: ignore[no-untyped-def]
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    endorsed = _decide(
        signed_in("oversight"), "/programmes/web-prog/decide/endorse_obc", {"rationale": "Agreed."}
    )
    assert endorsed.status_code == 302
    client = signed_in("cpmo")
    assert "approve_obc" in _buttons(client.get(PROGRAMME).get_data(as_text=True))
    assert _decide(client, APPROVE, {"rationale": "Endorsed; approved."}).status_code == 302
    history = workflow.history(
        workflow.available_events(seeded, actor=person("cpmo"), code=programme, limits=LIMITS)[2]
    )
    assert [h["event"] for h in history] == [
        "register_programme",
        "submit_obc",
        "endorse_obc",
        "approve_obc",
    ]
