"""Business plans in the pages: the list, a plan's tree with what is overdue or due next
quarter as of a chosen date, progress notes (the plan's owner only), KPI actuals and their
RAG, rescoring risks (a reason required), and importing a plan file."""

import io
import json
from typing import Any

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.plans import owners
from cpmo.plans.measures import PlanKpiActual, PlanRisk
from cpmo.plans.models import BusinessPlan, PlanAction, PlanProgress
from cpmo.workflows.audit_store import entries_for
from tests.web.conftest import csrf_token

PLAN = "kcc-hr-2013-14"
PAGE = f"/plans/{PLAN}"
KPI = "kcc-hr-pi-kent-manager"
RISK = "kcc-hr-risk-1"


@pytest.fixture
def owned(seeded: Session, person: Any) -> str:
    """The KCC HR plan, owned by the user 'programme_manager'."""
    person("programme_manager")
    owners.set_owners(
        seeded, actor=person("cpmo", "officer"), code=PLAN, owner="programme_manager", editors=[]
    )
    seeded.commit()
    return PLAN


def _post(client: Any, path: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, PAGE)})


def _text(response: Any) -> str:
    return response.get_data(as_text=True)


def _progress(client: Any, number: str = "1.1", **extra: str) -> Any:
    fid = "action-" + number.replace(".", "-")
    data = {
        f"{fid}-status": "at_risk",
        f"{fid}-percent": "40",
        f"{fid}-note": "Work stream lead appointed; recruitment slipping",
        f"{fid}-as-of-day": "1",
        f"{fid}-as-of-month": "6",
        f"{fid}-as-of-year": "2013",
    }
    data.update({f"{fid}-{k.replace('_', '-')}": v for k, v in extra.items()})
    return _post(client, f"{PAGE}/actions/{number}/progress", data)


def _action(session: Session, number: str = "1.1") -> PlanAction:
    session.expire_all()
    plan = session.exec(select(BusinessPlan).where(BusinessPlan.code == PLAN)).one()
    query = select(PlanAction).where(PlanAction.plan_id == plan.id, PlanAction.number == number)
    return session.exec(query).one()


def test_the_plans_page_lists_the_five_plans_with_owner_period_and_progress(
    seeded: Session, signed_in: Any
) -> None:
    page = signed_in("oversight").get("/plans")
    text = _text(page)
    assert page.status_code == 200
    assert len(seeded.exec(select(BusinessPlan)).all()) == 5
    assert text.count('href="/plans/') == 5
    assert "Divisional Business Plan 2013-14 - DRAFT" in text
    assert "Corporate Director, Business Strategy and Support" in text
    assert "Overdue" in text and "Complete" in text


def test_plans_are_in_the_navigation(seeded: Session, signed_in: Any) -> None:
    text = _text(signed_in("scorer").get("/plans"))
    assert '<a class="govuk-header__navigation-link" href="/plans"' in text or ">Plans<" in text


def test_a_plan_page_shows_its_tree_with_officers_and_stated_dates(
    seeded: Session, signed_in: Any
) -> None:
    text = _text(signed_in("oversight").get(PAGE))
    assert "Lead the HR and Workforce Development work stream for the Troubled Families" in text
    assert "HR Business Partner (Troubled Families)" in text
    assert "2014 (31 December 2014)" in text  # the stated end beside the date it means
    assert "Ongoing into 2014 (31 December 2014)" in text
    assert "Milestone A" in text and 'class="govuk-details"' in text


def test_an_unknown_plan_is_page_not_found(seeded: Session, signed_in: Any) -> None:
    assert signed_in("oversight").get("/plans/no-such-plan").status_code == 404


def test_as_of_a_date_an_action_is_due_next_quarter_then_overdue(
    seeded: Session, signed_in: Any
) -> None:
    client = signed_in("oversight")
    soon = _text(client.get(f"{PAGE}?as-of-day=15&as-of-month=10&as-of-year=2014"))
    assert "Progress as of 15 October 2014" in soon
    due = soon.split('id="due-next-quarter"')[1].split("</ul>")[0]
    assert "Action 1.1: Lead the HR and Workforce Development work stream for the Troubled" in due
    late = _text(client.get(f"{PAGE}?as-of-day=5&as-of-month=1&as-of-year=2015"))
    overdue = late.split('id="overdue"')[1].split("</ul>")[0]
    assert "Action 1.1:" in overdue


def test_an_invalid_as_of_date_is_named_in_the_error_summary(
    seeded: Session, signed_in: Any
) -> None:
    page = signed_in("oversight").get(f"{PAGE}?as-of-day=31&as-of-month=2&as-of-year=2014")
    text = _text(page)
    assert page.status_code == 400
    assert "There is a problem" in text
    assert '<a href="#as-of-day">Show progress as of must be a real date</a>' in text


def test_the_owner_records_progress_on_an_action(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager")
    response = _progress(client)
    assert response.status_code == 302
    action = _action(seeded)
    assert (action.status, action.percent_complete) == ("at_risk", 40)
    text = _text(client.get(response.headers["Location"]))
    assert "Progress recorded on" in text and "At risk" in text


def test_the_owner_records_progress_on_a_milestone(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager")
    fid = "milestone-1-C"
    response = _post(
        client,
        f"{PAGE}/priorities/1/milestones/C/progress",
        {f"{fid}-status": "done", f"{fid}-note": "Report to CMT"},
    )
    assert response.status_code == 302
    assert seeded.exec(select(PlanProgress).where(PlanProgress.milestone_id.is_not(None))).all()


def test_a_progress_note_needs_a_note_and_writes_nothing_without_one(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    response = _progress(signed_in("programme_manager"), note="", percent="140")
    text = _text(response)
    assert response.status_code == 422
    assert '<a href="#action-1-1-note">Enter a note on the progress made</a>' in text
    assert "Percent complete must be between 0 and 100" in text
    assert not seeded.exec(select(PlanProgress)).all()


def test_done_with_less_than_all_complete_is_refused_in_words(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    response = _progress(signed_in("programme_manager"), status="done", percent="60")
    assert response.status_code == 422
    assert "Percent complete must be 100 when the status is done, or left blank" in _text(response)


def test_someone_who_is_not_the_owner_sees_no_form_and_is_refused(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager", "another_manager")
    assert "Record progress" not in _text(client.get(PAGE))
    assert _progress(client).status_code == 403
    assert not seeded.exec(select(PlanProgress)).all()


def test_a_kpi_actual_is_recorded_and_its_rag_shown(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager")
    fid = f"kpi-{KPI}"
    response = _post(
        client,
        f"{PAGE}/kpis/{KPI}/actuals",
        {f"{fid}-period": "2013-14 Q4", f"{fid}-value": "97"},
    )
    assert response.status_code == 302
    text = _text(client.get(response.headers["Location"]))
    rag = text.split(f'id="{fid}-rag"')[1].split("</dd>")[0]
    assert "Amber" in rag
    assert "97% for 2013-14 Q4" in text and "100% for 2013-14 Q4" in text
    assert f'id="{fid}-actuals"' in text and "<svg" in text  # the chart and its table
    _post(
        client, f"{PAGE}/kpis/{KPI}/actuals", {f"{fid}-period": "2013-14 Q4", f"{fid}-value": "100"}
    )
    rag = _text(client.get(PAGE)).split(f'id="{fid}-rag"')[1].split("</dd>")[0]
    assert "Green" in rag


def test_a_kpi_actual_with_a_period_that_is_not_one_is_refused(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    fid = f"kpi-{KPI}"
    response = _post(
        signed_in("programme_manager"),
        f"{PAGE}/kpis/{KPI}/actuals",
        {f"{fid}-period": "next spring", f"{fid}-value": "lots"},
    )
    text = _text(response)
    assert response.status_code == 422
    assert f'<a href="#{fid}-period">Enter the period as a year' in text
    assert "Enter the actual value as a number" in text
    assert not seeded.exec(
        select(PlanKpiActual).where(PlanKpiActual.recorded_by.is_not(None))
    ).all()


def test_rescoring_a_risk_needs_a_reason(seeded: Session, owned: str, signed_in: Any) -> None:
    fid = f"risk-{RISK}"
    response = _post(
        signed_in("programme_manager"),
        f"{PAGE}/risks/{RISK}/rescore",
        {f"{fid}-likelihood": "4", f"{fid}-impact": "4"},
    )
    assert response.status_code == 422
    assert "Enter why the risk is rescored" in _text(response)
    seeded.expire_all()
    assert seeded.exec(select(PlanRisk).where(PlanRisk.code == RISK)).one().likelihood is None


def test_a_rescored_risk_escalates_and_keeps_its_history(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager")
    fid = f"risk-{RISK}"
    response = _post(
        client,
        f"{PAGE}/risks/{RISK}/rescore",
        {f"{fid}-likelihood": "4", f"{fid}-impact": "4", f"{fid}-rationale": "Two vacancies"},
    )
    assert response.status_code == 302
    text = _text(client.get(PAGE))
    card = text.split(f'id="{fid}"')[1].split('govuk-summary-card"')[0]
    assert "4 × 4 = 16" in card and "Escalated to" in card
    assert "Two vacancies" in card  # the history
    events = [e.event for e in entries_for(seeded, programme_code=f"plan:{PLAN}")]
    assert "rescore_risk" in events


def test_a_risk_is_not_rescored_by_someone_who_is_not_the_owner(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager", "another_manager")
    fid = f"risk-{RISK}"
    data = {f"{fid}-likelihood": "4", f"{fid}-impact": "4", f"{fid}-rationale": "Why not"}
    assert _post(client, f"{PAGE}/risks/{RISK}/rescore", data).status_code == 403


SOURCE = {"source": "test upload §1"}


def _plan_file(**plan: Any) -> bytes:
    head = {"code": "web-import", "title": "Imported plan", "organisation": "CPMO", **SOURCE}
    action = {"number": "1.1", "priority": "1", "title": "First step", "end": "Q3 2020"}
    return yaml.safe_dump(
        {
            "kind": "business_plan",
            "plan": {**head, **plan},
            "priorities": [{"number": "1", "title": "Do the thing", **SOURCE}],
            "actions": [{**action, **SOURCE}],
        }
    ).encode()


def _import(client: Any, content: bytes, name: str) -> Any:
    token = csrf_token(client, "/plans/import")
    return client.post(
        "/plans/import",
        data={"csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_a_cpmo_officer_imports_a_plan_file(seeded: Session, signed_in: Any) -> None:
    client = signed_in("cpmo")
    response = _import(client, _plan_file(period="2020"), "plan.yaml")
    assert response.status_code == 302, _text(response).split("govuk-error-message")[-1][:600]
    text = _text(client.get(response.headers["Location"]))
    assert "Plan imported" in text and "First step" in text and "Q3 2020" in text


def test_a_bad_plan_file_is_refused_naming_the_list_and_row(
    seeded: Session, signed_in: Any
) -> None:
    bad = json.dumps(
        {
            "kind": "business_plan",
            "plan": {"code": "web-bad", "title": "Bad", "organisation": "CPMO", **SOURCE},
            "priorities": [{"number": "1", "title": "P", **SOURCE}],
            "actions": [{"number": "1.1", "priority": "1", **SOURCE}],
        }
    ).encode()
    response = _import(signed_in("cpmo"), bad, "plan.json")
    text = _text(response)
    assert response.status_code == 422
    assert "List actions record 1 (1.1): Enter the title" in text
    assert not seeded.exec(select(BusinessPlan).where(BusinessPlan.code == "web-bad")).all()


def test_an_upload_that_is_not_a_plan_file_is_refused(seeded: Session, signed_in: Any) -> None:
    response = _import(signed_in("cpmo"), b"PK\x03\x04 not really", "plan.xlsx")
    assert response.status_code == 422
    assert "There is a problem" in _text(response)
    response = _import(signed_in("cpmo"), b"hello", "plan.txt")
    assert "The selected file must be a .yaml, .json or .xlsx file" in _text(response)


def test_only_cpmo_officers_import_plans(seeded: Session, signed_in: Any) -> None:
    assert signed_in("programme_manager").get("/plans/import").status_code == 403


def test_a_spreadsheet_plan_names_its_problems_by_sheet_and_row(
    seeded: Session, signed_in: Any
) -> None:
    from tests.unit.plans.conftest import workbook

    content = workbook(
        {
            "plan": [
                ["code", "web-sheet"],
                ["title", "T"],
                ["organisation", "O"],
                ["source", "s §1"],
            ],
            "priorities": [["number", "title", "source"], ["1", "P", "s §1"]],
            "actions": [
                ["number", "priority", "title", "status", "source"],
                ["1.1", "1", "A", "nearly", "s §1"],
            ],
        }
    )
    response = _import(signed_in("cpmo"), content, "plan.xlsx")
    text = _text(response)
    assert response.status_code == 422
    assert "Sheet actions row 2 (1.1): Choose the status from the list" in text


def test_a_kpi_actual_is_refused_to_someone_who_is_not_the_owner(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    client = signed_in("programme_manager", "another_manager")
    assert "Record the actual" not in _text(client.get(PAGE))
    fid = f"kpi-{KPI}"
    data = {f"{fid}-period": "2013-14 Q4", f"{fid}-value": "97"}
    assert _post(client, f"{PAGE}/kpis/{KPI}/actuals", data).status_code == 403


def test_a_progress_note_dated_in_the_future_is_refused(
    seeded: Session, owned: str, signed_in: Any
) -> None:
    response = _progress(signed_in("programme_manager"), as_of_year="2999")
    assert response.status_code == 422
    assert "Date of the update must be today or in the past" in _text(response)
    assert not seeded.exec(select(PlanProgress)).all()
