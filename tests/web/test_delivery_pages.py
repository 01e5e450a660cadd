"""The delivery page: supplier lots, milestones, the benefits realisation plan and programme
risks. Each form is offered only to the programme's manager or a CPMO officer at the stage
that prepares it; bad input and refusals re-show the form with an error summary and write
nothing; a success redirects with a banner."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from cpmo.delivery import risks
from cpmo.delivery import service as delivery
from cpmo.models import Milestone, Risk
from cpmo.workflows import audit_store
from tests.support.delivery import to_delivery, to_supplier_selection
from tests.web.conftest import csrf_token

CODE = "deliv-prog"
PAGE = f"/programmes/{CODE}/delivery"


@pytest.fixture
def selecting(seeded: Session, person: Any) -> Session:
    """A programme in supplier selection, managed by 'programme_manager'."""
    manager, officer = person("programme_manager"), person("cpmo")
    to_supplier_selection(seeded, manager=manager, officer=officer, code=CODE, name="Deliverable")
    return seeded


@pytest.fixture
def delivering(selecting: Session, person: Any) -> Session:
    """The same programme, in delivery."""
    to_delivery(selecting, manager=person("programme_manager"), officer=person("cpmo"), code=CODE)
    return selecting


def _post(client: Any, path: str, data: dict[str, str], page: str = PAGE) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def _summary(page: str) -> list[tuple[str, str]]:
    """The error summary's (field id, message) links."""
    body = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', body)


def _lot(session: Session, name: str = "Software") -> Any:
    session.expire_all()
    return next(x for x in delivery.list_lots(session, code=CODE) if x.name == name)


def _milestone(session: Session, title: str = "Go live") -> Milestone:
    session.expire_all()
    return next(m for m in delivery.list_milestones(session, code=CODE) if m.title == title)


def _complete(client: Any, milestone: Milestone, day: str, month: str, year: str) -> Any:
    fid = f"milestone-{milestone.id}-completed"
    data = {f"{fid}-day": day, f"{fid}-month": month, f"{fid}-year": year}
    return _post(client, f"/programmes/{CODE}/milestones/{milestone.id}/complete", data)


# --- supplier lots --------------------------------------------------------------------------


def test_the_programme_page_lists_the_lots_and_links_to_the_delivery_page(
    signed_in, selecting
) -> None:
    page = signed_in("oversight").get(f"/programmes/{CODE}").get_data(as_text=True)
    assert "Supplier lots from the approved full business case" in page
    assert "Software" in page and "Integration" in page
    assert f'href="{PAGE}"' in page


def test_the_manager_records_a_lots_supplier_and_contract_value(signed_in, selecting) -> None:
    client = signed_in("programme_manager")
    lot = _lot(selecting)
    assert f'action="/programmes/{CODE}/lots/{lot.id}#lot-{lot.id}"' in client.get(PAGE).get_data(
        as_text=True
    )
    data = {f"lot-{lot.id}-supplier": "Acme Software Ltd", f"lot-{lot.id}-value": "£1,400,000"}
    response = _post(client, f"/programmes/{CODE}/lots/{lot.id}", data)
    assert response.status_code == 302
    assert response.location.endswith(f"{PAGE}#lot-{lot.id}")
    after = client.get(PAGE).get_data(as_text=True)
    assert "Software: supplier and contract value recorded." in after
    assert "Acme Software Ltd" in after and "£1,400,000" in after
    stored = _lot(selecting)
    assert (stored.supplier, stored.contract_value_gbp) == ("Acme Software Ltd", 1_400_000)


def test_bad_lot_input_is_named_in_an_error_summary_and_writes_nothing(
    signed_in, selecting
) -> None:
    client = signed_in("programme_manager")
    lot = _lot(selecting)
    data = {f"lot-{lot.id}-supplier": " ", f"lot-{lot.id}-value": "a lot"}
    response = _post(client, f"/programmes/{CODE}/lots/{lot.id}", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert _summary(page) == [
        (f"lot-{lot.id}-supplier", "Enter the supplier"),
        (
            f"lot-{lot.id}-value",
            "Enter the contract value as a whole number of pounds, like 250,000",
        ),
    ]
    assert "<title>Error: " in page
    assert _lot(selecting).supplier is None


def test_oversight_sees_the_lots_but_no_forms_and_may_not_post(signed_in, selecting) -> None:
    client = signed_in("oversight")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Software" in page and "Not recorded yet" in page
    assert "Save supplier" not in page
    lot = _lot(selecting)
    data = {f"lot-{lot.id}-supplier": "X", f"lot-{lot.id}-value": "1"}
    assert _post(client, f"/programmes/{CODE}/lots/{lot.id}", data).status_code == 403
    assert _lot(selecting).supplier is None


def test_lots_are_not_offered_once_the_programme_is_in_delivery(signed_in, delivering) -> None:
    client = signed_in("programme_manager")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Software Ltd" in page
    assert "Save supplier" not in page
    lot = _lot(delivering)
    data = {f"lot-{lot.id}-supplier": "Other Ltd", f"lot-{lot.id}-value": "1"}
    assert _post(client, f"/programmes/{CODE}/lots/{lot.id}", data).status_code == 403
    assert _lot(delivering).supplier == "Software Ltd"


# --- milestones -----------------------------------------------------------------------------


def test_milestones_are_listed_and_not_completed_before_delivery(signed_in, selecting) -> None:
    client = signed_in("programme_manager")
    page = client.get(PAGE).get_data(as_text=True)
    milestones = page.split('id="milestones"')[1].split('id="benefits-plan"')[0]
    assert "Go live" in milestones and "31 March 2022" in milestones
    assert "Overdue" in milestones
    assert "Mark complete" not in milestones
    response = _complete(client, _milestone(selecting), "1", "4", "2022")
    assert response.status_code == 403


def test_the_manager_marks_a_milestone_complete(signed_in, delivering) -> None:
    client = signed_in("programme_manager")
    milestone = _milestone(delivering)
    response = _complete(client, milestone, "1", "4", "2022")
    assert response.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "Go live: completed on 1 April 2022." in page
    assert _milestone(delivering).completed_on == date(2022, 4, 1)
    assert f'id="milestone-{milestone.id}"' not in page  # no form once complete


def test_a_completion_date_in_the_future_is_refused_by_the_service(signed_in, delivering) -> None:
    client = signed_in("cpmo")
    milestone = _milestone(delivering)
    tomorrow = date.today() + timedelta(days=1)
    response = _complete(
        client, milestone, str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert _summary(page) == [
        (
            f"milestone-{milestone.id}-completed-day",
            "The completion date must be today or in the past",
        )
    ]
    assert _milestone(delivering).completed_on is None


@pytest.mark.parametrize(
    ("parts", "field", "message"),
    [
        (("31", "2", "2022"), "day", "Date completed must be a real date"),
        (("1", "", "2022"), "month", "Date completed must include a month"),
        (("", "", ""), "day", "Enter the date completed"),
        (("1", "4", "22"), "year", "Date completed must include a year with four digits"),
    ],
)
def test_a_completion_date_that_is_not_a_real_date_is_refused(
    signed_in, delivering, parts, field, message
) -> None:
    client = signed_in("programme_manager")
    milestone = _milestone(delivering)
    response = _complete(client, milestone, *parts)
    assert response.status_code == 422
    assert _summary(response.get_data(as_text=True)) == [
        (f"milestone-{milestone.id}-completed-{field}", message)
    ]
    assert _milestone(delivering).completed_on is None


# --- benefits realisation plan ----------------------------------------------------------------

PLAN_ROW = {
    "benefit-0-title": "Licence savings",
    "benefit-0-owner": "Head of Finance",
    "benefit-0-measure": "Annual licence spend",
    "benefit-0-baseline": "£900k",
    "benefit-0-target": "£600k",
    "benefit-0-date-day": "31",
    "benefit-0-date-month": "12",
    "benefit-0-date-year": "2023",
    "benefit-0-value": "300,000",
}
PLAN = f"/programmes/{CODE}/benefits-plan"


def test_the_manager_records_the_benefits_plan_and_everyone_reads_it(signed_in, delivering) -> None:
    client = signed_in("programme_manager")
    assert "Record the benefits realisation plan" in client.get(PAGE).get_data(as_text=True)
    response = _post(client, PLAN, PLAN_ROW, page=PLAN)
    assert response.status_code == 302
    assert "Benefits realisation plan saved (1 benefit)." in client.get(PAGE).get_data(as_text=True)
    delivering.expire_all()
    plan = delivery.get_benefits_plan(delivering, code=CODE)
    assert plan.benefits[0]["date"] == "2023-12-31" and plan.benefits[0]["value_gbp"] == 300_000
    page = signed_in("oversight").get(PAGE).get_data(as_text=True)
    table = page.split('id="benefits-plan-table"')[1]
    assert "Licence savings" in table and "31 December 2023" in table and "£300,000" in table
    assert "Edit the benefits realisation plan" not in page
    form = signed_in("programme_manager").get(PLAN).get_data(as_text=True)
    assert 'value="Licence savings"' in form and 'value="300,000"' in form


def test_a_bad_benefits_plan_is_named_field_by_field_and_writes_nothing(
    signed_in, delivering
) -> None:
    client = signed_in("programme_manager")
    bad = {**PLAN_ROW, "benefit-0-target": "", "benefit-0-date-month": "13"}
    response = _post(client, PLAN, bad, page=PLAN)
    assert response.status_code == 422
    assert _summary(response.get_data(as_text=True)) == [
        ("benefit-0-target", "Enter the target in row 1"),
        ("benefit-0-date-day", "Target date in row 1 must be a real date"),
    ]
    empty = _post(client, PLAN, {"benefit-0-title": ""}, page=PLAN)
    assert _summary(empty.get_data(as_text=True)) == [
        ("benefit-0-title", "Enter at least one benefit")
    ]
    delivering.expire_all()
    with pytest.raises(Exception, match="no benefits realisation plan"):
        delivery.get_benefits_plan(delivering, code=CODE)


def test_the_plan_is_not_editable_before_delivery(signed_in, selecting) -> None:
    client = signed_in("programme_manager")
    assert client.get(PLAN).status_code == 403
    assert "benefits realisation plan" not in client.get(PAGE).get_data(as_text=True).split(
        'id="benefits-plan"'
    )[1].split('id="risks"')[0].replace("No benefits realisation plan recorded yet.", "")


# --- programme risks --------------------------------------------------------------------------


def _risk_page(code: str = f"{CODE}-migration") -> str:
    return f"/programmes/{CODE}/risks/{code}"


def test_risks_are_listed_with_score_owner_and_status(signed_in, selecting) -> None:
    page = signed_in("oversight").get(PAGE).get_data(as_text=True)
    table = page.split('id="risks-table"')[1].split("</table>")[0]
    assert table.index("Skills shortage") < table.index("Data migration fails")
    assert ">16<" in table and ">12<" in table
    assert "Escalated" in table and "Within tolerance" in table
    assert "Head of Finance Systems" in table


def test_the_manager_rescores_a_risk_with_a_rationale_kept_in_its_history(
    signed_in, selecting
) -> None:
    client = signed_in("programme_manager")
    before = len(audit_store.entries_for(selecting, programme_code=CODE))
    data = {"likelihood": "4", "impact": "5", "rationale": "Supplier has lost key staff"}
    response = _post(client, f"{_risk_page()}/rescore", data, page=_risk_page())
    assert response.status_code == 302
    assert response.location.endswith(f"{PAGE}#risks")
    assert "Data migration fails: rescored to 20." in client.get(PAGE).get_data(as_text=True)
    selecting.expire_all()
    entries = audit_store.entries_for(selecting, programme_code=CODE)
    assert len(entries) == before + 1
    assert (entries[-1].event, entries[-1].rationale) == ("rescore_risk", data["rationale"])
    history = client.get(_risk_page()).get_data(as_text=True).split('id="history"')[1]
    assert "12 → 20" in history and "Supplier has lost key staff" in history


def test_rescoring_without_a_rationale_or_rating_is_refused_and_writes_nothing(
    signed_in, selecting
) -> None:
    client = signed_in("cpmo")
    response = _post(client, f"{_risk_page()}/rescore", {"likelihood": "5"}, page=_risk_page())
    assert response.status_code == 422
    assert _summary(response.get_data(as_text=True)) == [
        ("impact", "Select the impact, from 1 (lowest) to 5 (highest)"),
        ("rationale", "Enter why the risk is rescored"),
    ]
    same = {"likelihood": "3", "impact": "4", "rationale": "No change"}
    unchanged = _post(client, f"{_risk_page()}/rescore", same, page=_risk_page())
    assert unchanged.status_code == 422
    selecting.expire_all()
    risk = selecting.exec(select(Risk).where(Risk.code == f"{CODE}-migration")).one()
    assert (risk.likelihood, risk.impact) == (3, 4)
    assert risks.history(selecting, code=CODE, risk_code=risk.code) == []


def test_only_the_programmes_manager_or_cpmo_may_rescore(signed_in, selecting) -> None:
    viewer = signed_in("oversight")
    page = viewer.get(_risk_page()).get_data(as_text=True)
    assert "Data migration fails" in page and "Rescore the risk" not in page
    data = {"likelihood": "1", "impact": "1", "rationale": "Mine now"}
    assert _post(viewer, f"{_risk_page()}/rescore", data, page=_risk_page()).status_code == 403
    other = signed_in("programme_manager", "another-manager")
    assert "Rescore the risk" not in other.get(_risk_page()).get_data(as_text=True)
    assert _post(other, f"{_risk_page()}/rescore", data, page=_risk_page()).status_code == 403
    assert other.get(f"/programmes/{CODE}/risks/no-such-risk").status_code == 404


def test_a_seeded_programme_in_delivery_shows_its_seeded_risks_and_milestones(
    signed_in, seeded
) -> None:
    page = signed_in("cpmo").get("/programmes/ttp/delivery").get_data(as_text=True)
    risks_part = page.split('id="risks-table"')[1].split("</table>")[0]
    assert "High cost infrastructure subject to failure" in risks_part.replace("&#39;", "'")
    assert "Not assessed" in risks_part
    seeded_milestones = delivery.list_milestones(seeded, code="ttp")
    for m in seeded_milestones:
        assert m.title.replace("'", "&#39;") in page
    assert "Save supplier" not in page  # lots are recorded in supplier selection


def test_a_cpmo_officer_scores_an_unassessed_seeded_risk(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    path = "/programmes/ttp/risks/risk-technology-debt"
    assert "Not assessed" in client.get(path).get_data(as_text=True)
    data = {"likelihood": "3", "impact": "3", "rationale": "First assessment"}
    response = _post(client, f"{path}/rescore", data, page=path)
    assert response.status_code == 302
    history = client.get(path).get_data(as_text=True).split('id="history"')[1]
    assert "Not assessed → 9" in history and "First assessment" in history
